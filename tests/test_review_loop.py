"""The review loop through the command line: claim ids, review --list/--undo/--export, show, repeat runs
that still report, edited drafts and copies, read-only commands, and databases that are damaged, foreign,
full or of an earlier schema."""
import json
import os
import re
import sqlite3
from dataclasses import replace

import pytest
from click.testing import CliRunner

from provenance import cli as cli_module
from provenance import storage
from provenance.cli import cli
from provenance.records import claim_id
from provenance.report import as_text
from test_storage import TEXT, V1, make_analysis

TIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")
ARTICLE = "seeds/a.txt"
OFFICIALS = claim_id(ARTICLE, "Officials said five soldiers were killed.")
TOWN = claim_id(ARTICLE, "The town fell on Monday.")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="provenance")


def ok(result):
    assert result.exit_code == 0 and result.exception is None, result.output
    return result.output


@pytest.fixture
def db_path(tmp_path):
    """A database holding the hand-made analysis of seeds/a.txt: one vague and one unattributed claim."""
    path = tmp_path / "p.db"
    db = storage.open_db(path)
    storage.save(db, make_analysis())
    storage.close(db)
    return path


LIST = f"""\
claim             status        worth  verdict         article
{OFFICIALS}  vague           4.0  open            seeds/a.txt
  Officials said five soldiers were killed.
{TOWN}  unattributed    1.5  open            seeds/a.txt
  The town fell on Monday.
"""


def test_review_list_shows_each_open_claim_with_its_id(db_path):
    assert ok(invoke("review", "--list", "--db", db_path)) == LIST


@pytest.mark.parametrize("args, claims", [
    (["--status", "unattributed"], []),  # judged, so no longer open
    (["--status", "unattributed", "--verdict", "all"], [TOWN]),
    (["--status", "vague", "--article", ARTICLE], [OFFICIALS]),
    (["--article", "elsewhere.txt"], []),
    (["--limit", "1"], [OFFICIALS]),
    (["--verdict", "needs-source"], [TOWN]),
    (["--verdict", "all"], [OFFICIALS, TOWN]),
    ([], [OFFICIALS]),
])
def test_review_list_filters(db_path, args, claims):
    ok(invoke("review", TOWN, "--verdict", "needs-source", "--reviewer", "ann", "--db", db_path))
    output = ok(invoke("review", "--list", *args, "--db", db_path))
    assert re.findall(r"^([0-9a-f]{16}) ", output, re.MULTILINE) == claims
    if not claims:
        assert output == "No claims match.\n"


def test_review_undo_appends_a_row_and_reopens_the_claim(db_path):
    assert ok(invoke("review", TOWN, "--verdict", "acceptable", "--reviewer", "ann", "--db", db_path)) == \
        f"{TOWN}: acceptable by ann\n"
    assert ok(invoke("review", TOWN, "--verdict", "needs-source", "--reviewer", "ann", "--db", db_path)) == \
        f"{TOWN}: needs-source by ann\n"
    assert ok(invoke("review", "--undo", "--reviewer", "ann", "--db", db_path)) == \
        f"{TOWN}: undid review 2; now acceptable\n"
    assert ok(invoke("review", "--undo", TOWN, "--reviewer", "bob", "--db", db_path)) == \
        f"{TOWN}: undid review 1; now open again\n"
    assert ok(invoke("review", "--list", "--db", db_path)) == LIST
    result = invoke("review", "--undo", TOWN, "--reviewer", "bob", "--db", db_path)
    assert (result.exit_code, result.output) == (1, f"Error: {db_path}: claim '{TOWN}' has no verdict to undo\n")
    db = storage.open_db(db_path, readonly=True)
    assert [(r["verdict"], r["undoes"]) for r in storage.reviews(db, TOWN)] == [
        ("acceptable", None), ("needs-source", None), ("acceptable", 2), (None, 1)]
    db.close()


def test_review_export_csv_and_json(db_path, tmp_path):
    ok(invoke("review", TOWN, "--verdict", "needs-source", "--note", "=who?", "--reviewer", "ann", "--db", db_path))
    ok(invoke("review", "--undo", "--reviewer", "ann", "--db", db_path))
    version = make_analysis().article.version
    assert ok(invoke("review", "--export", tmp_path / "v.csv", "--db", db_path)) == \
        f"2 reviews written to {tmp_path / 'v.csv'}\n"
    assert TIME_RE.sub("T", (tmp_path / "v.csv").read_text(encoding="utf-8")) == (
        "id,claim_id,verdict,note,reviewer,reviewed_at,undoes,article_id,article_path,article_version,"
        "claim_text,claim_status,earlier_version\n"
        f"1,{TOWN},needs-source,'=who?,ann,T,,{ARTICLE},{ARTICLE},{version},The town fell on Monday.,unattributed,0\n"
        f"2,{TOWN},,,ann,T,1,{ARTICLE},{ARTICLE},{version},The town fell on Monday.,unattributed,0\n")
    ok(invoke("review", "--export", tmp_path / "v.json", "--db", db_path))
    exported = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    assert [(r["id"], r["verdict"], r["note"], r["undoes"], r["earlier_version"]) for r in exported] == [
        (1, "needs-source", "=who?", None, 0), (2, None, None, 1, 0)]


def test_review_export_marks_the_review_of_a_sentence_since_edited(db_path, tmp_path):
    ok(invoke("review", TOWN, "--verdict", "needs-source", "--reviewer", "ann", "--db", db_path))
    ok(invoke("review", OFFICIALS, "--verdict", "acceptable", "--reviewer", "ann", "--db", db_path))
    db = storage.open_db(db_path)
    analysis = make_analysis()
    storage.save(db, replace(analysis, claims=analysis.claims[:2]))  # the last sentence is gone
    storage.close(db)
    assert ok(invoke("review", "--list", "--verdict", "all", "--db", db_path)) == (
        "claim             status        worth  verdict         article\n"
        f"{OFFICIALS}  vague           4.0  acceptable      seeds/a.txt\n"
        "  Officials said five soldiers were killed.\n"
        f"{TOWN}  earlier              needs-source    seeds/a.txt\n"
        "  The town fell on Monday.\n")
    assert TOWN not in ok(invoke("review", "--list", "--db", db_path))  # not open: it is gone
    ok(invoke("review", "--export", tmp_path / "v.json", "--db", db_path))
    exported = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    assert [(r["claim_id"], r["claim_text"], r["claim_status"], r["earlier_version"]) for r in exported] == [
        (TOWN, "The town fell on Monday.", None, 1),
        (OFFICIALS, "Officials said five soldiers were killed.", "vague", 0)]


@pytest.mark.parametrize("args, message", [
    (["--list", "--undo"], "--list and --undo do not go together; give one"),
    (["--article", "x"], "--article go with --list"),
    (["--verdict", "open", TOWN], "--verdict open goes with --list; to reopen a claim, use --undo"),
    (["--export", "v.txt"], "v.txt: --export writes .csv or .json; name the file so"),
])
def test_review_usage_errors(db_path, args, message):
    result = invoke("review", *args, "--db", db_path)
    assert result.exit_code == 2 and message in result.output, result.output


def test_show_prints_what_the_database_holds(db_path):
    text = ok(invoke("show", ARTICLE, "--db", db_path))
    assert text == as_text(make_analysis()) + f"\n1 article shown; findings in {db_path}\n"
    assert f"{TOWN}  \"The town fell on Monday.\"" in text
    [stored] = json.loads(ok(invoke("show", ARTICLE, "--format", "json", "--db", db_path)))
    assert [(c["id"], c["text"]) for c in stored["claims"]][-1] == (TOWN, "The town fell on Monday.")
    assert stored["article"] == {"id": ARTICLE, "path": ARTICLE, "title": "Town falls",
                                 "version": make_analysis().article.version}
    claims = ok(invoke("show", ARTICLE, "--format", "csv", "--table", "claims", "--db", db_path)).splitlines()
    assert claims[0] == "claim_id,article_id,path,start,end,status,checkworthiness,attribution,reasons,text"
    assert claims[3] == f"{TOWN},{ARTICLE},{ARTICLE},100,124,unattributed,1.5,,claim.event claim.date,The town fell on Monday."


def test_show_an_unknown_article_is_reported_and_the_rest_shown(db_path):
    result = invoke("show", "nope.txt", ARTICLE, "--format", "jsonl", "--db", db_path)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: nope.txt: not in {db_path}; check it first, or give its path or id\n")
    assert json.loads(result.output.splitlines()[1])["article"]["id"] == ARTICLE


@pytest.mark.parametrize("command, readonly", [
    (["review", "--list"], True), (["sources"], True), (["show", ARTICLE], True), (["review", "--export", "v.csv"], True),
    (["review", TOWN, "--verdict", "acceptable"], False), (["review", "--undo", TOWN], False),
])
def test_commands_that_only_read_open_the_database_read_only(db_path, monkeypatch, tmp_path, command, readonly):
    opened = []
    connect = storage._connect
    monkeypatch.setattr(storage.connection, "_connect", lambda name, readonly: opened.append(readonly) or connect(name, readonly))
    monkeypatch.chdir(tmp_path)
    invoke(*command, "--db", db_path)
    assert opened == [readonly]


def test_reading_commands_work_on_a_read_only_file(db_path, tmp_path):
    before = db_path.read_bytes()
    db_path.chmod(0o444)
    try:
        assert ok(invoke("review", "--list", "--db", db_path)) == LIST
        assert ok(invoke("sources", "--db", db_path)).startswith("source")
        assert ok(invoke("show", ARTICLE, "--db", db_path)).startswith("seeds/a.txt: Town falls")
        if os.geteuid() != 0:  # root writes whatever the mode says
            result = invoke("review", TOWN, "--verdict", "acceptable", "--db", db_path)
            assert result.output == (f"Error: {db_path}: attempt to write a readonly database: cannot write there; "
                                     "check the permissions or pass another database path\n")
    finally:
        db_path.chmod(0o644)
    assert db_path.read_bytes() == before  # reading left it as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]


@pytest.mark.parametrize("version", range(1, storage.SCHEMA_VERSION))
@pytest.mark.parametrize("command", [["sources"], ["review", "--list"], ["review"], ["show", ARTICLE]])
def test_another_tools_database_with_an_earlier_version_number_is_a_one_line_error(tmp_path, command, version):
    db_path = tmp_path / "other.db"
    conn = sqlite3.connect(db_path)
    conn.executescript(f"CREATE TABLE notes (id INTEGER, body TEXT); PRAGMA user_version = {version};")
    conn.close()
    result = invoke(*command, "--db", db_path)
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert result.output.startswith(f"Error: {db_path}: no such table: ")
    assert result.output.endswith(": not written by provenance, or damaged; move it aside or pass another database path\n")


@pytest.mark.parametrize("command", [["sources"], ["review", "--list"], ["review"], ["show", ARTICLE]])
def test_a_damaged_database_is_a_one_line_error_with_a_hint(db_path, command):
    conn = sqlite3.connect(db_path)
    conn.execute("DROP VIEW review_log")
    conn.close()
    result = invoke(*command, "--db", db_path)
    assert (result.exit_code, result.output) == (1, (
        f"Error: {db_path}: says schema version {storage.SCHEMA_VERSION} but no review_log table: not written by provenance, "
        "or damaged; move it aside or pass another database path\n"))


def test_a_version_1_database_keeps_working(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(V1.read_text(encoding="utf-8"))
    conn.close()
    listed = ok(invoke("review", "--list", "--verdict", "all", "--db", path))
    assert listed.splitlines()[1:3] == [
        f"{claim_id('drafts/border.txt', 'The mayor resigned.')}  unattributed    1.0  false-positive  drafts/border.txt",
        "  The mayor resigned."]
    ok(invoke("review", "--export", tmp_path / "v.json", "--db", path))
    exported = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    assert [(r["verdict"], r["earlier_version"]) for r in exported] == [
        ("needs-source", 1), ("acceptable", 0), ("false-positive", 0), ("skip", 0)]


# Checking with the trained pipeline


@pytest.fixture
def model(monkeypatch, engine):
    monkeypatch.setattr(cli_module, "load_pipeline", lambda name=None: engine.nlp)


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Flood Closes Bridge\n\nThe river rose two metres overnight. Officials said three people died. "
                    "The council has spent 4 million euros on defences.\n", encoding="utf-8")
    return path


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv"])
def test_a_repeat_run_reports_what_the_first_did_and_fails_alike(model, draft, tmp_path, fmt):
    args = ["check", draft, "--db", tmp_path / "p.db", "--format", fmt, "--fail-on", "unattributed"]
    first, second = CliRunner().invoke(cli, [str(a) for a in args]), CliRunner().invoke(cli, [str(a) for a in args])
    assert (first.exit_code, second.exit_code) == (3, 3)
    assert second.stderr == f"{draft}: unchanged since it was last checked; findings reused (--force re-checks)\n"
    if fmt == "text":
        report, summary = first.stdout.rsplit("\n\n", 1)
        assert second.stdout == f"{report}\n\n0 articles checked, 0 failed, 1 reused unchanged; findings in {tmp_path / 'p.db'}\n"
        assert summary.startswith("1 article checked, 0 failed;")
    else:
        assert second.stdout == first.stdout and first.stdout.strip()


@pytest.mark.model
def test_a_copy_an_edit_and_another_scope_are_analyzed(model, draft, tmp_path):
    db = tmp_path / "p.db"
    ok(invoke("check", draft, "--db", db, "--format", "jsonl"))
    copy = tmp_path / "copy.txt"
    copy.write_bytes(draft.read_bytes())
    result = invoke("check", copy, "--db", db)
    assert result.exit_code == 0 and "1 article checked, 0 failed;" in result.output
    assert "unchanged" not in result.output
    wider = invoke("check", draft, "--db", db, "--scope", "all")
    assert "1 article checked, 0 failed;" in wider.output and "unchanged" not in wider.output
    draft.write_text(draft.read_text(encoding="utf-8").replace("two metres", "three metres"), encoding="utf-8")
    edited = invoke("check", draft, "--db", db, "--scope", "all")
    assert "1 article checked, 0 failed;" in edited.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM article_versions WHERE article_id = ?", [str(draft)]).fetchone()[0] == 3
    conn.close()


@pytest.mark.model
def test_a_given_id_keeps_one_article_across_files(model, draft, tmp_path):
    db = tmp_path / "p.db"
    ok(invoke("check", draft, "--db", db, "--id", "flood"))
    second = tmp_path / "draft-2.txt"
    second.write_text(draft.read_text(encoding="utf-8").replace("two metres", "three metres"), encoding="utf-8")
    ok(invoke("check", second, "--db", db, "--id", "flood"))
    assert ok(invoke("show", "flood", "--db", db)).startswith(f"{second} (id flood): Flood Closes Bridge\n")
    result = invoke("check", tmp_path, "--db", db, "--id", "flood")
    assert result.exit_code == 2 and "--id names one article: give it with a single file or -" in result.output


@pytest.mark.model
def test_a_full_disk_is_a_one_line_error_and_nothing_half_written(model, draft, tmp_path, monkeypatch):
    opened = storage.open_db

    def full(path, readonly=False):
        db = opened(path, readonly)
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        return db

    monkeypatch.setattr(storage, "open_db", full)
    draft.write_text(draft.read_text(encoding="utf-8") * 40, encoding="utf-8")
    db = tmp_path / "p.db"
    result = invoke("check", draft, "--db", db)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: {db}: database or disk is full: no room left for it; free some disk space or pass a database "
        "path on another disk")
    assert "Traceback" not in result.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    conn.close()


@pytest.mark.model
def test_check_on_a_damaged_database_is_a_one_line_error(model, draft, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE articles DROP COLUMN conventions")
    conn.close()
    result = invoke("check", draft, "--db", db_path)
    assert (result.exit_code, result.output) == (1, (
        f"Error: {db_path}: says schema version {storage.SCHEMA_VERSION} but articles lacks conventions: not written by provenance, "
        "or damaged; move it aside or pass another database path\n"))
