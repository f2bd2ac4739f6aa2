"""Storage tests on hand-made records: whole rows, foreign keys, reviews, concurrency."""
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from provenance import storage
from provenance.errors import StorageError
from provenance.records import Analysis, Article, Attribution, Claim, Cue, Span, Speaker

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    'Officials said five soldiers were killed. "We will not retreat," the general said, '
    'adding: "Never." The town fell on Monday.'
)
ISO_UTC = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"


def span(text, part, after=0):
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def cue(text, part, lemma, after=0):
    found = span(text, part, after)
    return Cue(found.start, found.end, part, lemma, "neutral", f"cue.{lemma}")


def make_analysis(text=TEXT, path="seeds/a.txt", title="Town falls"):
    said2 = text.index("the general")
    attributions = (
        Attribution(
            id="a1", kind="indirect", content=(span(text, "five soldiers were killed"),),
            cues=(cue(text, "said", "say"),), source=span(text, "Officials"), speaker=None,
            vague=True, resolved_by=None, confidence=0.6, rules=("cue.say", "vague.officials"),
        ),
        Attribution(
            id="a2", kind="direct",
            content=(span(text, "We will not retreat,"), span(text, "Never.")),
            cues=(cue(text, "said", "say", said2), cue(text, "adding", "add")),
            source=span(text, "the general"),
            speaker=Speaker("the general", "military", "source.general"),
            vague=False, resolved_by="source.title", confidence=0.9, rules=("quote.direct",),
        ),
    )
    claims = (
        Claim(*_offsets(text, "Officials said five soldiers were killed."), "vague", "a1", 4.0,
              ("claim.casualties", "claim.quantity")),
        Claim(*_offsets(text, '"We will not retreat," the general said, adding: "Never."'),
              "attributed", "a2", 0.5, ("claim.named",)),
        Claim(*_offsets(text, "The town fell on Monday."), "unattributed", None, 1.5,
              ("claim.event", "claim.date")),
    )
    return Analysis(
        article=Article.from_text(text, path, title), attributions=attributions, claims=claims,
        model="en_core_web_sm", model_version="3.8.0", rules_digest="r1", tool_version="0.1.0",
    )


def _offsets(text, sentence):
    found = span(text, sentence)
    return found.start, found.end, found.text


@pytest.fixture
def db():
    database = storage.open_db(":memory:")
    yield database
    database.close()


@pytest.fixture
def saved(db):
    analysis = make_analysis()
    run_id = storage.start_run(db, tool_version="0.1.0", model="en_core_web_sm",
                               model_version="3.8.0", rules_digest="r1", command="check seeds")
    storage.save(db, analysis, run_id)
    return analysis


def claim_ids(db):
    return {row["text"]: row["id"] for row in db.query("SELECT id, text FROM claims")}


def counts(db):
    tables = ["articles", "runs", "sources", "attributions", "claims", "reviews"]
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_article_row(db, saved):
    row = db["articles"].get(saved.article.id)
    assert re.fullmatch(ISO_UTC, row.pop("analyzed_at"))
    assert row == {
        "id": hashlib.sha256(TEXT.encode()).hexdigest()[:16], "path": "seeds/a.txt",
        "title": "Town falls", "text": TEXT, "tool_version": "0.1.0",
        "model": "en_core_web_sm", "model_version": "3.8.0", "rules_digest": "r1", "run_id": 1,
    }


def test_attribution_row(db, saved):
    aid = saved.article.id
    source_id = db.execute("SELECT id FROM sources WHERE name = 'the general'").fetchone()[0]
    assert db["attributions"].get(f"{aid}:a2") == {
        "id": f"{aid}:a2", "article_id": aid, "kind": "direct",
        "content_start": 43, "content_end": 98, "content_text": "We will not retreat, … Never.",
        "content_spans": json.dumps([{"start": 43, "end": 63, "text": "We will not retreat,"},
                                     {"start": 92, "end": 98, "text": "Never."}]),
        "cue_start": 77, "cue_end": 81, "cue_text": "said", "cue_lemma": "say",
        "cue_stance": "neutral", "cue_rule": "cue.say",
        "cues": json.dumps([
            {"start": 77, "end": 81, "text": "said", "lemma": "say", "stance": "neutral",
             "rule": "cue.say"},
            {"start": 83, "end": 89, "text": "adding", "lemma": "add", "stance": "neutral",
             "rule": "cue.add"},
        ]),
        "source_start": 65, "source_end": 76, "source_text": "the general",
        "source_id": source_id, "vague": 0, "resolved_by": "source.title", "confidence": 0.9,
        "rules": '["quote.direct"]',
    }


def test_attribution_without_speaker_has_no_source(db, saved):
    row = db["attributions"].get(f"{saved.article.id}:a1")
    assert (row["source_id"], row["source_text"], row["vague"]) == (None, "Officials", 1)


def test_claim_row(db, saved):
    aid = saved.article.id
    text = "The town fell on Monday."
    expected_id = hashlib.sha256(f"{aid}\x00{text}".encode()).hexdigest()[:16]
    assert db["claims"].get(expected_id) == {
        "id": expected_id, "article_id": aid, "start": 100, "end": 124, "text": text,
        "status": "unattributed", "attribution_id": None, "checkworthiness": 1.5,
        "reasons": '["claim.event", "claim.date"]',
    }
    attributed = db["claims"].get(claim_ids(db)["Officials said five soldiers were killed."])
    assert attributed["attribution_id"] == f"{aid}:a1"


def test_claim_id_normalises_whitespace_and_separates_repeats():
    assert storage.claim_id("abc", "The  town\nfell.") == storage.claim_id("abc", "The town fell.")
    assert storage.claim_id("abc", "The town fell.") != storage.claim_id("abd", "The town fell.")
    assert storage.claim_id("abc", "The town fell.", 1) != storage.claim_id("abc", "The town fell.")


def test_repeated_sentence_gets_two_claims(db):
    text = "The town fell. The town fell."
    first, second = span(text, "The town fell."), span(text, "The town fell.", 1)
    analysis = replace(make_analysis(), article=Article.from_text(text, "r.txt"), attributions=(),
                       claims=tuple(Claim(s.start, s.end, s.text, "unattributed", None, 1.0, ())
                                    for s in (first, second)))
    storage.save(db, analysis)
    assert db["claims"].count == 2


def test_foreign_keys_point_at_rows(db, saved):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    joined = db.execute(
        "SELECT count(*) FROM attributions t JOIN articles a ON a.id = t.article_id "
        "JOIN sources s ON s.id = t.source_id"
    ).fetchone()[0]
    assert joined == 1  # a2 has a speaker; a1 has none
    fks = {(fk.table, fk.column, fk.other_table) for t in ("attributions", "claims", "articles")
           for fk in db[t].foreign_keys}
    assert fks == {
        ("attributions", "article_id", "articles"), ("attributions", "source_id", "sources"),
        ("claims", "article_id", "articles"), ("claims", "attribution_id", "attributions"),
        ("articles", "run_id", "runs"),
    }
    for table, column, _ in fks:
        assert [column] in [index.columns for index in db[table].indexes], (table, column)
    assert db["reviews"].foreign_keys == []
    assert [["claim_id"]] == [i.columns for i in db["reviews"].indexes]


def test_foreign_keys_are_enforced(db, saved):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO claims (id, article_id, start, \"end\", text, status) "
                   "VALUES ('x', 'no-such-article', 0, 1, 'x', 'vague')")


def test_sources_are_unique_by_name_and_type(db, saved):
    storage.save(db, make_analysis(TEXT + " More.", path="seeds/b.txt"))
    assert db["sources"].count == 1
    assert storage.source_summary(db) == [
        {"name": "the general", "type": "military", "statements": 2, "articles": 2}
    ]


def test_resave_keeps_reviews_and_counts(db, saved):
    claim = claim_ids(db)["The town fell on Monday."]
    storage.add_review(db, claim, "needs-source", "who says?", "ann")
    before = counts(db)
    storage.save(db, make_analysis())
    assert counts(db) == before
    assert storage.claim(db, claim)["latest_verdict"] == "needs-source"


def test_resave_replaces_results_and_keeps_orphan_reviews(db, saved):
    claim = claim_ids(db)["The town fell on Monday."]
    storage.add_review(db, claim, "acceptable")
    storage.save(db, replace(saved, claims=saved.claims[:2]))
    assert storage.claim(db, claim) is None
    assert [r["verdict"] for r in storage.reviews(db, claim)] == ["acceptable"]
    assert db["claims"].count == 2


def test_reviews_append_and_latest_counts(db, saved):
    claim = claim_ids(db)["The town fell on Monday."]
    first = storage.add_review(db, claim, "skip", None, "ann")
    second = storage.add_review(db, claim, "false-positive", "a date", "bob")
    assert second["id"] == first["id"] + 1
    assert [(r["verdict"], r["reviewer"]) for r in storage.reviews(db, claim)] == [
        ("skip", "ann"), ("false-positive", "bob")]
    assert storage.claim(db, claim)["latest_verdict"] == "false-positive"
    del second["reviewed_at"]
    assert second == {"id": 2, "claim_id": claim, "verdict": "false-positive",
                      "note": "a date", "reviewer": "bob"}


def test_flagged_claims_rows(db, saved):
    ids = claim_ids(db)
    assert storage.flagged_claims(db) == [
        {"id": ids["Officials said five soldiers were killed."], "article_id": saved.article.id,
         "article_title": "Town falls", "text": "Officials said five soldiers were killed.",
         "status": "vague", "checkworthiness": 4.0,
         "reasons": '["claim.casualties", "claim.quantity"]', "latest_verdict": None},
        {"id": ids["The town fell on Monday."], "article_id": saved.article.id,
         "article_title": "Town falls", "text": "The town fell on Monday.",
         "status": "unattributed", "checkworthiness": 1.5,
         "reasons": '["claim.event", "claim.date"]', "latest_verdict": None},
    ]
    assert len(storage.flagged_claims(db, limit=1)) == 1


@pytest.mark.parametrize("verdicts, flagged", [
    (["acceptable"], False),
    (["needs-source"], False),
    (["false-positive"], False),
    (["skip"], True),
    (["acceptable", "skip"], True),
    (["skip", "needs-source"], False),
])
def test_flagged_claims_follow_latest_verdict(db, saved, verdicts, flagged):
    claim = claim_ids(db)["The town fell on Monday."]
    for verdict in verdicts:
        storage.add_review(db, claim, verdict)
    rows = {row["id"]: row for row in storage.flagged_claims(db)}
    assert (claim in rows) is flagged
    if flagged:
        assert rows[claim]["latest_verdict"] == verdicts[-1]


def test_add_review_rejects_unknown_claim_and_verdict(db, saved):
    with pytest.raises(StorageError, match="no claim 'nope'"):
        storage.add_review(db, "nope", "acceptable")
    claim = claim_ids(db)["The town fell on Monday."]
    with pytest.raises(StorageError, match="unknown verdict 'ok'; use one of: needs-source"):
        storage.add_review(db, claim, "ok")
    assert db["reviews"].count == 0


def test_review_progress(db, saved):
    ids = claim_ids(db)
    storage.add_review(db, ids["The town fell on Monday."], "needs-source")
    storage.add_review(db, ids["Officials said five soldiers were killed."], "skip")
    assert storage.review_progress(db) == {
        "flagged": 2, "open": 1, "needs-source": 1, "acceptable": 0, "false-positive": 0,
        "skip": 1,
    }


def test_schema_names_the_flagged_statuses_and_the_verdicts_as_sql_literals(db):
    schema = {row[0]: row[1] for row in db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    assert "WHERE c.status IN ('unattributed', 'vague') AND (l.verdict IS NULL OR l.verdict = 'skip')" in schema["flagged_claims"]
    assert "CHECK (verdict IN ('needs-source', 'acceptable', 'false-positive', 'skip'))" in schema["reviews"]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO reviews (claim_id, verdict, reviewed_at) VALUES ('c', 'ok', 'now')")


def test_claim_with_context(db, saved):
    claim = claim_ids(db)["The town fell on Monday."]
    row = storage.claim(db, claim, chars=10)
    assert (row["text"], row["article_title"], row["article_path"]) == (
        "The town fell on Monday.", "Town falls", "seeds/a.txt")
    assert (row["context_before"], row["context_after"]) == (' "Never." ', "")
    first = storage.claim(db, claim_ids(db)["Officials said five soldiers were killed."], 10)
    assert (first["context_before"], first["context_after"]) == ("", ' "We will ')
    assert storage.claim(db, "nope") is None


def test_full_text_search(db, saved):
    assert [r["text"] for r in db["claims"].search("town")] == ["The town fell on Monday."]
    assert [r["id"] for r in db["attributions"].search("retreat")] == [f"{saved.article.id}:a2"]
    storage.save(db, make_analysis())  # triggers keep the index in step with re-saves
    assert len(list(db["claims"].search("town"))) == 1


def test_is_analyzed(db, saved):
    aid = saved.article.id
    assert storage.is_analyzed(db, aid, "en_core_web_sm", "3.8.0", "r1")
    assert not storage.is_analyzed(db, aid, "en_core_web_sm", "3.8.0", "r2")
    assert not storage.is_analyzed(db, "other", "en_core_web_sm", "3.8.0", "r1")


def test_runs(db):
    run_id = storage.start_run(db, tool_version="0.1.0", model="m", model_version="1",
                               rules_digest="r", command="check a.txt")
    storage.finish_run(db, run_id, checked=3, failed=1)
    row = db["runs"].get(run_id)
    assert row.pop("started_at") <= row.pop("finished_at")
    assert row == {"id": 1, "tool_version": "0.1.0", "model": "m", "model_version": "1",
                   "rules_digest": "r", "command": "check a.txt", "articles_checked": 3,
                   "articles_failed": 1}


def test_open_db_file_is_wal_and_reopens(tmp_path):
    path = tmp_path / "p.db"
    db = storage.open_db(path)
    storage.save(db, make_analysis())
    assert db.journal_mode == "wal"
    db.close()
    db = storage.open_db(str(path))
    assert (db["claims"].count, db.execute("PRAGMA foreign_keys").fetchone()[0]) == (3, 1)
    db.close()


def test_open_db_rejects_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StorageError) as error:
        storage.open_db(path)
    assert str(error.value).startswith(f"{path}: file is not a database")
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("where", ["missing/p.db", "afile/p.db", "."])
def test_open_db_rejects_an_unusable_location(tmp_path, where):
    (tmp_path / "afile").write_text("x")
    path = tmp_path / where
    with pytest.raises(StorageError, match="pass (a|another) (file path|database path)") as error:
        storage.open_db(path)
    assert str(error.value).startswith(str(path))


CHILD = """
import os, sys, time
from provenance import storage
from provenance.records import Analysis, Article, Claim
path, prefix, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
while not os.path.exists(go):
    time.sleep(0.002)
db = storage.open_db(path)
for i in range(count):
    text = f"{prefix} report {i}: the town fell. Prices rose."
    claims = tuple(Claim(text.index(s), text.index(s) + len(s), s, "unattributed", None, 1.0, ())
                   for s in ("the town fell.", "Prices rose."))
    storage.save(db, Analysis(Article.from_text(text, f"{prefix}{i}.txt"), (), claims,
                              "m", "1", "r", "0.1.0"))
"""


def test_two_processes_write_at_once(tmp_path):
    path, go = tmp_path / "shared.db", tmp_path / "go"
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, PYTHONPATH=pythonpath)
    children = [
        subprocess.Popen([sys.executable, "-c", CHILD, str(path), prefix, "30", str(go)],
                         stderr=subprocess.PIPE, text=True, env=env)
        for prefix in ("left", "right")
    ]
    time.sleep(0.3)  # let both import before they race to create the schema and write
    go.touch()
    errors = [child.communicate(timeout=60)[1] for child in children]
    assert [child.returncode for child in children] == [0, 0], errors
    db = storage.open_db(path)
    assert (db["articles"].count, db["claims"].count) == (60, 120)
    db.close()
