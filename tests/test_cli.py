"""The command line: exit codes, exact output, one-line errors, and what lands in the database.

Tests marked `model` run the real engine. To keep them fast, the CLI's pipeline loader is
patched to hand back the session's already-loaded pipeline; the concurrency test runs the
real console script in subprocesses, so loading is still exercised end to end.
"""
import csv
import importlib
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys

import click
import pytest
import sqlite_utils
from click.testing import CliRunner

from provenance import __version__
from provenance.cli import cli
from provenance.rules import load_rules

cli_module = importlib.import_module("provenance.cli")

SEED_TITLE = "Assad Liberates Terrorist-Held Town Near Aleppo as Turkey-Russia Talks Approach"
BAD_RULE = "verbs:\n  - id: verb.x\n    stance: neutral\n    lemmas: [say]\n    colour: red\n"
BAD_RULE_ERROR = "x.yaml:2: [verb.x] unknown key 'colour'; allowed: example, lemmas, object_lemmas, reports, scope, stance"
SMALL_ARTICLE = (
    "Bridge Closed in Riverside\n\n"
    'The mayor said the bridge would stay closed until Friday. "We will rebuild it," she said.\n'
)


def invoke(args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="provenance", **kwargs)


def assert_clean(result):
    """No exception escaped the CLI, so no traceback was shown."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def table_counts(db_path, tables=("articles", "attributions", "claims", "reviews", "runs")):
    db = sqlite_utils.Database(db_path)
    try:
        return {table: db[table].count for table in tables}
    finally:
        db.conn.close()


def rows(db_path, sql, params=()):
    db = sqlite_utils.Database(db_path)
    try:
        return list(db.query(sql, params))
    finally:
        db.conn.close()


def all_commands(group=cli, path=()):
    yield path
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from all_commands(command, path + (name,))
        else:
            yield path + (name,)


@pytest.fixture(scope="module")
def cached_model(engine):
    """Make the CLI reuse the session's pipeline instead of loading it on every invoke."""
    def load_pipeline(name=None):
        assert name is None, "these tests use the default pipeline"
        return engine.nlp

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli_module, "load_pipeline", load_pipeline)
        yield


@pytest.fixture(scope="module")
def checked(cached_model, seed_path, tmp_path_factory):
    """The seed checked once into a database shared by the read-only tests."""
    db_path = tmp_path_factory.mktemp("checked") / "x.db"
    result = invoke(["check", seed_path, "--db", db_path])
    return result, db_path


@pytest.fixture
def review_db(checked, tmp_path):
    """A private copy of the checked database, for tests that write reviews."""
    copy = tmp_path / "review.db"
    with sqlite3.connect(checked[1]) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    return copy


# Commands without the model


def test_version():
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert result.output == f"provenance, version {__version__}\n"


@pytest.mark.parametrize("command", list(all_commands()), ids=lambda path: " ".join(path) or "provenance")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_of_every_command_has_an_example(command, flag):
    result = invoke([*command, flag])
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: provenance {' '.join(command)}".rstrip() + " ")
    assert "Example" in result.output


def test_help_lists_every_command():
    result = invoke(["--help"])
    for name in ("check", "review", "sources", "rules"):
        assert f"\n  {name} " in result.output


def test_check_needs_a_path():
    result = invoke(["check"])
    assert result.exit_code == 2
    assert "Error: Missing argument 'PATHS...'." in result.stderr


def test_rules_check():
    ruleset = load_rules()
    result = invoke(["rules", "check"])
    assert result.exit_code == 0
    assert result.output == (
        f"{len(ruleset.files)} rule files OK, digest {ruleset.digest}\n"
        + "".join(f"  {family:<16}{count:>4}\n" for family, count in ruleset.count().items())
    )
    assert result.output.startswith("9 rule files OK, digest ")
    assert "  verbs             11\n" in result.output
    assert "  sources           32\n" in result.output


def test_rules_check_with_a_good_extra_folder(tmp_path):
    (tmp_path / "more.yaml").write_text(
        "verbs:\n  - id: verb.mutter\n    stance: neutral\n    lemmas: [mutter]\n", encoding="utf-8")
    result = invoke(["rules", "check", tmp_path])
    assert result.exit_code == 0
    assert result.output.startswith("10 rule files OK, digest ")
    assert "  verbs             12\n" in result.output


@pytest.fixture
def bad_rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "x.yaml").write_text(BAD_RULE, encoding="utf-8")
    return folder


def test_rules_check_names_the_bad_file_and_line(bad_rules):
    result = invoke(["rules", "check", bad_rules])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {bad_rules / BAD_RULE_ERROR}\n"


def test_rules_check_on_a_missing_folder(tmp_path):
    result = invoke(["rules", "check", tmp_path / "nope"])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: not a folder of rule files; pass a folder holding *.yaml rules, or one *.yaml file\n"


def test_check_with_malformed_rules_fails_before_touching_the_database(bad_rules, seed_path, tmp_path):
    db_path = tmp_path / "x.db"
    result = invoke(["check", seed_path, "--rules", bad_rules, "--db", db_path])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad_rules / BAD_RULE_ERROR}\n"
    assert not db_path.exists()


@pytest.mark.parametrize("command", [["sources"], ["review"], ["review", "abc", "--verdict", "skip"]])
def test_reading_commands_on_a_missing_database(tmp_path, command):
    db_path = tmp_path / "missing.db"
    result = invoke([*command, "--db", db_path])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {db_path}: no such database; run provenance check first or pass --db\n"
    assert not db_path.exists()


# check


@pytest.mark.model
def test_check_text_report(checked, seed_path):
    result, db_path = checked
    assert_clean(result)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith(f"{seed_path}: {SEED_TITLE}\n  Attributions (12):\n")
    assert "    Syrian Observatory for Human Rights [ngo_monitor] ← says (as “the London-based NGO" in result.stdout
    assert "\n  12 attributions; 26 claims: 15 attributed, 4 vague, 7 unattributed\n" in result.stdout
    assert result.stdout.endswith(f"\n1 article checked, 0 failed; findings in {db_path}\n")


@pytest.mark.model
def test_check_writes_the_database(checked, seed_path):
    _, db_path = checked
    assert table_counts(db_path) == {"articles": 1, "attributions": 12, "claims": 26, "reviews": 0, "runs": 1}
    [article] = rows(db_path, "SELECT path, title, run_id FROM articles")
    assert article == {"path": str(seed_path), "title": SEED_TITLE, "run_id": 1}
    [run] = rows(db_path, "SELECT tool_version, articles_checked, articles_failed, finished_at IS NOT NULL AS done "
                          "FROM runs")
    assert run == {"tool_version": __version__, "articles_checked": 1, "articles_failed": 0, "done": 1}


@pytest.mark.model
def test_check_records_its_own_command_line(checked, seed_path):
    _, db_path = checked
    [run] = rows(db_path, "SELECT command FROM runs")
    assert run["command"] == f"provenance check {seed_path} --db {db_path}"


@pytest.mark.model
def test_check_jsonl(cached_model, seed_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(["check", seed_path, "--format", "jsonl", "--no-db"])
    assert_clean(result)
    assert result.exit_code == 0
    [line] = result.stdout.splitlines()
    analysis = json.loads(line)
    assert set(analysis) == {"article", "attributions", "claims", "meta"}
    assert analysis["article"]["title"] == SEED_TITLE
    assert analysis["article"]["path"] == str(seed_path)
    assert len(analysis["attributions"]) == 12
    assert list(tmp_path.iterdir()) == []  # --no-db: no provenance.db in the working folder


@pytest.mark.model
def test_check_json_is_one_list(cached_model, seed_path, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text(SMALL_ARTICLE, encoding="utf-8")
    result = invoke(["check", seed_path, small, "--format", "json", "--no-db"])
    assert_clean(result)
    assert result.exit_code == 0
    analyses = json.loads(result.stdout)
    assert isinstance(analyses, list)
    assert [a["article"]["title"] for a in analyses] == [SEED_TITLE, "Bridge Closed in Riverside"]


@pytest.mark.model
def test_check_csv(cached_model, seed_path):
    result = invoke(["check", seed_path, "--format", "csv", "--no-db"])
    assert_clean(result)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("article_id,path,attribution,kind,speaker,speaker_type,vague,cue,cue_rule,stance,source,"
                        "content,content_start,content_end,resolved_by,confidence")
    assert len(lines) == 1 + 12


@pytest.mark.model
def test_check_reads_standard_input(cached_model):
    result = invoke(["check", "-", "--format", "jsonl", "--no-db"], input=SMALL_ARTICLE)
    assert_clean(result)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["path"] == "-"


@pytest.mark.model
@pytest.mark.parametrize("fail_on", ["unattributed", "vague"])
def test_fail_on_exits_3_when_the_seed_has_such_claims(cached_model, seed_path, fail_on):
    result = invoke(["check", seed_path, "--no-db", "--fail-on", fail_on])
    assert_clean(result)
    assert result.exit_code == 3
    assert result.stdout.endswith("\n1 article checked, 0 failed\n")


BAD_INPUTS = [
    ("missing", None, "{path}: no such file or folder; check the path"),
    ("folder", [], "{path}: no .txt, .md or .html articles in this folder; point at a folder of articles"),
    ("empty.txt", b"", "{path}: empty article; give a file with text in it"),
    ("nul.txt", b"The mayor\x00 said", "{path}: looks binary (NUL byte at offset 9); give a UTF-8 text article"),
    ("latin1.txt", "Caf\u00e9 owner said so.".encode("latin-1"),
     "{path}: not UTF-8 (byte 0xe9 at offset 3); re-save it as UTF-8"),
]


def make_input(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, list):
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.model
@pytest.mark.parametrize("name, content, message", BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_bad_input_is_a_one_line_error(cached_model, tmp_path, name, content, message):
    path = make_input(tmp_path, name, content)
    db_path = tmp_path / "x.db"
    result = invoke(["check", path, "--db", db_path])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr == f"error: {message.format(path=path)}\n"
    assert result.stdout == f"0 articles checked, 1 failed; findings in {db_path}\n"
    assert table_counts(db_path, ("articles", "runs")) == {"articles": 0, "runs": 1}


@pytest.mark.model
def test_a_bad_file_does_not_stop_the_batch(cached_model, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SMALL_ARTICLE, encoding="utf-8")
    bad = make_input(tmp_path, "nul.txt", b"\x00")
    db_path = tmp_path / "x.db"
    result = invoke(["check", bad, good, "--db", db_path])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr == f"error: {bad}: looks binary (NUL byte at offset 0); give a UTF-8 text article\n"
    assert result.stdout.startswith(f"{good}: Bridge Closed in Riverside\n")
    assert result.stdout.endswith(f"\n1 article checked, 1 failed; findings in {db_path}\n")
    assert rows(db_path, "SELECT path FROM articles") == [{"path": str(good)}]
    assert rows(db_path, "SELECT articles_checked, articles_failed FROM runs") == [
        {"articles_checked": 1, "articles_failed": 1}]


@pytest.mark.model
def test_unwritable_database_location(cached_model, seed_path, tmp_path):
    (tmp_path / "file.txt").write_text("not a folder\n", encoding="utf-8")
    db_path = tmp_path / "file.txt" / "x.db"
    result = invoke(["check", seed_path, "--db", db_path])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"Error: {db_path}: directory {tmp_path / 'file.txt'} does not exist; "
                             "create it or pass another database path\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "not a folder\n"


@pytest.mark.model
def test_corrupt_database(cached_model, seed_path, tmp_path):
    db_path = tmp_path / "x.db"
    db_path.write_text("these are my notes, not a database\n", encoding="utf-8")
    result = invoke(["check", seed_path, "--db", db_path])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"Error: {db_path}: file is not a database: not a SQLite database, or corrupt; "
                             "move it aside or pass another database path\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]
    assert db_path.read_text(encoding="utf-8") == "these are my notes, not a database\n"


def test_corrupt_database_for_sources(tmp_path):
    db_path = tmp_path / "x.db"
    db_path.write_text("not sqlite\n", encoding="utf-8")
    result = invoke(["sources", "--db", db_path])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db_path}: file is not a database")
    assert result.stderr.count("\n") == 1


# sources and review


@pytest.mark.model
def test_sources(checked):
    _, db_path = checked
    result = invoke(["sources", "--db", db_path])
    assert_clean(result)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["source", "type", "statements", "articles", "also", "named"]
    table = {line[:35].rstrip(): line[35:].split() for line in lines[1:]}
    assert table["Syrian Observatory for Human Rights"] == ["ngo_monitor", "1", "1"]
    # a source is an entity, of one type in every article: the minister is a person (official in the statements)
    assert table["Mevlut Cavusoglu"] == ["person", "2", "1"]
    assert len(table) == 9


def test_sources_on_an_empty_database(tmp_path):
    from provenance import storage
    db_path = tmp_path / "x.db"
    storage.open_db(db_path).conn.close()
    result = invoke(["sources", "--db", db_path])
    assert result.exit_code == 0
    assert result.output == "No sources yet: run provenance check first.\n"


@pytest.mark.model
def test_review_one_claim_by_id(review_db):
    [claim] = rows(review_db, "SELECT id FROM flagged_claims LIMIT 1")
    result = invoke(["review", claim["id"], "--verdict", "needs-source", "--note", "no source for it",
                     "--reviewer", "alice", "--db", review_db])
    assert_clean(result)
    assert result.exit_code == 0
    assert result.output == f"{claim['id']}: needs-source by alice\n"
    [review] = rows(review_db, "SELECT claim_id, verdict, note, reviewer FROM reviews")
    assert review == {"claim_id": claim["id"], "verdict": "needs-source", "note": "no source for it",
                      "reviewer": "alice"}
    assert rows(review_db, "SELECT id FROM flagged_claims WHERE id = ?", [claim["id"]]) == []


@pytest.mark.model
def test_review_unknown_claim(review_db):
    result = invoke(["review", "0000000000000000", "--verdict", "skip", "--db", review_db])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "no claim '0000000000000000'" in result.stderr
    assert result.stderr.count("\n") == 1
    assert table_counts(review_db, ("reviews",)) == {"reviews": 0}


@pytest.mark.model
@pytest.mark.parametrize("args, message", [
    (["abc"], "give --verdict with a CLAIM_ID"),
    (["--verdict", "skip"], "--verdict and --note go with a CLAIM_ID"),
    (["abc", "--verdict", "maybe"], "Invalid value for '--verdict'"),
])
def test_review_usage_errors(review_db, args, message):
    result = invoke(["review", *args, "--db", review_db])
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.model
def test_review_interactively(review_db):
    [top] = rows(review_db, "SELECT id FROM flagged_claims LIMIT 1")
    flagged = table_counts(review_db, ("flagged_claims",))["flagged_claims"]
    result = invoke(["review", "--reviewer", "bob", "--db", review_db], input="n\nmy note\nq\n")
    assert_clean(result)
    assert result.exit_code == 0
    # the seed's top claim: "died as a result of shelling" is a claim of cause too (claim.causal)
    assert f"[1/{flagged}] {top['id']} unattributed, check-worthiness 6.27 — {SEED_TITLE}\n" in result.output
    assert f"[2/{flagged}]" in result.output
    assert result.output.endswith(f"\n1 verdict recorded; {flagged - 1} flagged claims still open.\n")
    assert rows(review_db, "SELECT claim_id, verdict, note, reviewer FROM reviews") == [
        {"claim_id": top["id"], "verdict": "needs-source", "note": "my note", "reviewer": "bob"}]


@pytest.mark.model
def test_rechecking_keeps_reviews_and_replaces_results(review_db, seed_path):
    [claim] = rows(review_db, "SELECT id FROM flagged_claims LIMIT 1")
    assert invoke(["review", claim["id"], "--verdict", "acceptable", "--reviewer", "alice",
                   "--db", review_db]).exit_code == 0
    before = table_counts(review_db)
    result = invoke(["check", seed_path, "--db", review_db])
    assert_clean(result)
    assert result.exit_code == 0
    assert table_counts(review_db) == {**before, "runs": before["runs"] + 1}
    assert rows(review_db, "SELECT claim_id, verdict FROM reviews") == [{"claim_id": claim["id"],
                                                                         "verdict": "acceptable"}]
    assert rows(review_db, "SELECT count(*) AS n FROM claims WHERE id = ?", [claim["id"]]) == [{"n": 1}]
    assert rows(review_db, "SELECT id FROM flagged_claims WHERE id = ?", [claim["id"]]) == []


# Untrusted text on its way out: terminal escapes, spreadsheet formulas, bad JSONL lines


HOSTILE_ARTICLE = (
    "Bridge Closed\x1b]0;owned\x07 in Riverside\n\n"
    "The mayor said the bridge\x1b[2J would stay closed until Friday.\n\n"
    "\"=HYPERLINK('http://evil.example') will rebuild it,\" the mayor said.\n\n"
    "\"+cmd|' /C calc'!A0 is ready,\" said Ali\x1b[ Hassan. \"-2+3 is five,\" he added. "
    "\"@SUM(A1) \u202eworks\tnow,\" the official said.\n"
)
HOSTILE_CONTENT = [
    "the bridge\x1b[2J would stay closed until Friday",
    "=HYPERLINK('http://evil.example') will rebuild it,",
    "+cmd|' /C calc'!A0 is ready,",
    "-2+3 is five,",
    "@SUM(A1) \u202eworks\tnow,",
]
RAW_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_file(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return path


@pytest.mark.model
def test_check_shows_the_controls_of_an_article_escaped(cached_model, hostile_file):
    result = invoke(["check", hostile_file, "--no-db"])
    assert_clean(result)
    assert (result.exit_code, result.stderr) == (0, "")
    assert not RAW_CONTROLS.search(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0] == f"{hostile_file}: Bridge Closed\\x1b]0;owned\\x07 in Riverside"
    assert '      "the bridge\\x1b[2J would stay closed until Friday"' in lines
    assert '      "@SUM(A1) \\u202eworks\\tnow,"' in lines
    assert any(line.endswith("(as “Ali\\x1b[ Hassan”)") for line in lines)


@pytest.mark.model
def test_check_csv_defuses_formulas_and_keeps_the_text(cached_model, hostile_file):
    result = invoke(["check", hostile_file, "--no-db", "--format", "csv"])
    assert_clean(result)
    assert (result.exit_code, result.stderr) == (0, "")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["content"] for row in table] == [
        "the bridge\x1b[2J would stay closed until Friday",
        "'=HYPERLINK('http://evil.example') will rebuild it,",
        "'+cmd|' /C calc'!A0 is ready,",
        "'-2+3 is five,",
        "'@SUM(A1) \u202eworks\tnow,",
    ]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in table for cell in row.values())


@pytest.mark.model
def test_check_jsonl_keeps_the_article_exact(cached_model, hostile_file):
    result = invoke(["check", hostile_file, "--no-db", "--format", "jsonl"])
    assert_clean(result)
    assert (result.exit_code, result.stderr) == (0, "")
    assert not RAW_CONTROLS.search(result.stdout)
    analysis = json.loads(result.stdout)
    assert analysis["article"]["title"] == "Bridge Closed\x1b]0;owned\x07 in Riverside"
    spans = [span for a in analysis["attributions"] for span in a["content"]]
    assert [span["text"] for span in spans] == HOSTILE_CONTENT
    assert all(HOSTILE_ARTICLE[span["start"]:span["end"]] == span["text"] for span in spans)


@pytest.mark.model
def test_an_error_quoting_a_hostile_path_is_escaped(cached_model, tmp_path):
    missing = tmp_path / "nope\x1b]0;owned\x07\u202e.txt"
    result = invoke(["check", missing, "--no-db"])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {tmp_path}/nope\\x1b]0;owned\\x07\\u202e.txt: "
                             "no such file or folder; check the path\n")
    assert result.stdout == "0 articles checked, 1 failed\n"


def test_a_cli_error_quoting_a_hostile_database_path_is_escaped(tmp_path):
    result = invoke(["sources", "--db", tmp_path / "x\x1b[2J.db"])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {tmp_path}/x\\x1b[2J.db: "
                             "no such database; run provenance check first or pass --db\n")


@pytest.fixture
def hostile_db(tmp_path):
    """A database holding the hand-made hostile analysis of test_hostile, written without the model."""
    from provenance import storage
    from test_hostile import hostile_analysis

    db_path = tmp_path / "hostile.db"
    db = storage.open_db(db_path)
    storage.save(db, hostile_analysis())
    db.close()
    return db_path


def test_sources_shows_a_hostile_name_escaped(hostile_db):
    result = invoke(["sources", "--db", hostile_db])
    assert_clean(result)
    assert result.exit_code == 0
    assert result.output == ("source           type          statements  articles  also named\n"
                             "Ali\\x1b[ Hassan  person                 2         1\n")


def test_review_shows_a_hostile_claim_and_context_escaped(hostile_db):
    result = invoke(["review", "--reviewer", "eve", "--db", hostile_db], input="s\n\nq\n")
    assert_clean(result)
    assert result.exit_code == 0
    assert result.output == (
        "\n[1/2] b2bdbc63517ebe83 unattributed, check-worthiness 2.0 — Bridge\\x1b]0;owned\\x07 closed\n"
        "…Ali\\x1b[ Hassan said the bridge\\x1b[2J would stay closed.\n"
        "«=HYPERLINK(\"http://evil.example\",\"click\")», the minister added. [The\n"
        "toll\\x1b]52;c;cm0gLXJmIH4=\\x07 was -2+3.] \\u202eThe town\\tfell. …\n"
        "Verdict: [n]eeds-source [a]cceptable [f]alse-positive [s]kip [q]uit: s\n"
        "Note (optional): \n"
        "\n[2/2] e073df5abb626900 unattributed, check-worthiness 1.0 — Bridge\\x1b]0;owned\\x07 closed\n"
        "…Ali\\x1b[ Hassan said the bridge\\x1b[2J would stay closed.\n"
        "«=HYPERLINK(\"http://evil.example\",\"click\")», the minister added. The toll\\x1b]52;c;cm0gLXJmIH4=\\x07\n"
        "was -2+3. [\\u202eThe town\\tfell.] …\n"
        "Verdict: [n]eeds-source [a]cceptable [f]alse-positive [s]kip [q]uit: q\n"
        "\n1 verdict recorded; 2 flagged claims still open.\n"
    )


def test_review_by_id_shows_a_hostile_reviewer_escaped(hostile_db):
    [claim] = rows(hostile_db, "SELECT id FROM flagged_claims LIMIT 1")
    result = invoke(["review", claim["id"], "--verdict", "skip", "--reviewer", "eve\x1b]0;owned\x07",
                     "--db", hostile_db])
    assert_clean(result)
    assert result.exit_code == 0
    assert result.output == f"{claim['id']}: skip by eve\\x1b]0;owned\\x07\n"
    assert rows(hostile_db, "SELECT reviewer FROM reviews") == [{"reviewer": "eve\x1b]0;owned\x07"}]


@pytest.mark.model
def test_bad_jsonl_lines_are_reported_and_the_good_ones_saved(cached_model, tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"id": "good-1", "text": "The mayor said the bridge would stay closed."}\n'
                     b'{"id": "surrogate", "text": "He said \\ud800 it."}\n'
                     b'{"id": "nul escape", "text": "He said\\u0000 it."}\n'
                     b'{"id": "raw nul", "text": "He said\x00 it."}\n'
                     b'{"id": "cut off", "text": "He said\n'
                     b'{"id": "empty", "text": " "}\n'
                     b'{"id": "good-2", "text": "The minister said talks would resume."}\n')
    db_path = tmp_path / "x.db"
    result = invoke(["check", path, "--db", db_path, "--format", "jsonl"])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {path}:2: 'text' holds a lone surrogate (\\ud800 at offset 8), half of a character; "
        "write the character itself or both halves\n"
        f"error: {path}:3: 'text' looks binary (NUL character at offset 7); give a UTF-8 text article\n"
        f"error: {path}:4: looks binary (NUL byte at offset 34); give a UTF-8 text article\n"
        f"error: {path}:5: not valid JSON (Invalid control character at); each line must be one JSON object\n"
        f"error: {path}:6: empty article text; give each line a 'text' with words in it\n"
    )
    assert [json.loads(line)["article"]["path"] for line in result.stdout.splitlines()] == ["good-1", "good-2"]
    assert rows(db_path, "SELECT path FROM articles ORDER BY path") == [{"path": "good-1"}, {"path": "good-2"}]
    assert rows(db_path, "SELECT articles_checked, articles_failed FROM runs") == [
        {"articles_checked": 2, "articles_failed": 5}]


# Two processes at once


def provenance_command():
    script = shutil.which("provenance")
    return [script] if script else [sys.executable, "-c", "from provenance.cli import cli; cli()"]


@pytest.mark.model
def test_two_concurrent_checks_share_one_database(seed_path, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text(SMALL_ARTICLE, encoding="utf-8")
    db_path = tmp_path / "x.db"
    processes = [
        subprocess.Popen([*provenance_command(), "check", str(path), "--db", str(db_path)],
                         cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in (seed_path, small)
    ]
    outcomes = [process.communicate(timeout=120) for process in processes]
    for process, (stdout, stderr) in zip(processes, outcomes):
        assert (process.returncode, stderr) == (0, "")
        assert stdout.endswith(f"\n1 article checked, 0 failed; findings in {db_path}\n")
    assert sorted(r["path"] for r in rows(db_path, "SELECT path FROM articles")) == sorted([str(seed_path), str(small)])
    assert rows(db_path, "SELECT count(*) AS n FROM runs WHERE finished_at IS NOT NULL") == [{"n": 2}]


# sources as entities: order independence, curation, export

ARTICLE_A = ("Mayor pledges bridge\n\nMayor Jane Okafor said on Monday that the city would build a new bridge. "
             "The Riverside Chronicle reported that the plan would cost $40 million. "
             "Billionaire Tom Reyes, who owns the land, said he would not sell it.\n")
ARTICLE_B = ("Bridge plan draws fire\n\nJANE OKAFOR said in a statement that the vote would go ahead. "
             "The Chronicle said the council had not seen the costs. Mr Reyes said he was still talking to the city.\n")


@pytest.fixture
def two_articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder


def source_table(db_path):
    return rows(db_path, "SELECT id, key, name, type, rule FROM sources ORDER BY id")


@pytest.mark.model
def test_source_rows_do_not_depend_on_order_or_jobs(cached_model, two_articles, tmp_path):
    a, b = two_articles / "a.txt", two_articles / "b.txt"
    tables = []
    for name, args in (("ab", [a, b]), ("ba", [b, a]), ("jobs", [two_articles, "--jobs", "2"])):
        result = invoke(["check", *args, "--db", tmp_path / f"{name}.db"])
        assert result.exit_code == 0, result.output
        tables.append(source_table(tmp_path / f"{name}.db"))
    assert tables[0] == tables[1] == tables[2]
    okafor = [r for r in tables[0] if r["key"] == "jane okafor"]
    assert [(r["name"], r["type"]) for r in okafor] == [("Jane Okafor", "person")]


@pytest.mark.model
def test_curation_is_kept_across_force_and_exported_as_rules(cached_model, two_articles, tmp_path):
    db_path = tmp_path / "x.db"
    assert invoke(["check", two_articles, "--db", db_path]).exit_code == 0
    steps = [(["merge", "Reyes", "Tom Reyes", "--note", "same man"], "Tom Reyes [person]: merge recorded\n"),
             (["merge", "Chronicle", "Riverside Chronicle"], "Riverside Chronicle [media]: merge recorded\n"),
             (["rename", "Jane Okafor", "Jane A. Okafor"], "Jane A. Okafor [person]: rename recorded\n"),
             (["set-type", "Riverside Chronicle", "news_agency"], "Riverside Chronicle [news_agency]: set-type recorded\n")]
    for args, output in steps:
        result = invoke(["sources", *args, "--reviewer", "ann", "--db", db_path])
        assert (result.exit_code, result.output) == (0, output)
    curated = invoke(["sources", "--db", db_path]).output
    assert invoke(["check", two_articles, "--db", db_path, "--force"]).exit_code == 0
    assert invoke(["sources", "--db", db_path]).output == curated
    lines = {line.split("  ")[0]: line.split() for line in curated.splitlines()[1:]}
    assert lines["Tom Reyes"][-3:] == ["2", "2", "Reyes"]
    assert lines["Jane A. Okafor"][3:6] == ["person", "2", "2"]
    assert rows(db_path, "SELECT count(*) AS n FROM source_corrections") == [{"n": 4}]
    # the corrections as a rules file: a fresh database checked with them has the curated sources
    result = invoke(["sources", "export", tmp_path / "curated", "--db", db_path])
    assert (result.exit_code, result.output) == (0, f"3 sources written to {tmp_path / 'curated' / 'sources.yaml'}\n")
    fresh = tmp_path / "fresh.db"
    assert invoke(["check", two_articles, "--db", fresh, "--rules", tmp_path / "curated"]).exit_code == 0
    named = {(r["name"], r["type"]): r["statements"] for r in rows(fresh, "SELECT * FROM source_summary")}
    assert named[("Tom Reyes", "person")] == 2 and named[("Riverside Chronicle", "news_agency")] == 2
    assert named[("Jane A. Okafor", "person")] == 2


def test_a_correction_of_an_unknown_source_is_a_one_line_error(tmp_path):
    from provenance import storage
    db_path = tmp_path / "x.db"
    storage.open_db(db_path).conn.close()
    result = invoke(["sources", "merge", "Nobody", "Somebody", "--db", db_path])
    assert_clean(result)
    assert result.exit_code == 1
    assert result.output == f"Error: {db_path}: none is named 'Nobody'; list the sources with `provenance sources`\n"
