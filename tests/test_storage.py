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
from provenance.records import PAGE_FIELDS, TRAFILATURA, Analysis, Article, Attribution, Claim, Cue, Page, Span, Speaker, claim_id

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


def claim_ids(db):  # claim text -> id
    return {row["text"]: row["id"] for row in db.query("SELECT id, text FROM claims")}


def counts(db):
    tables = ["articles", "runs", "sources", "attributions", "claims", "reviews"]
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def row(db, table, row_id):
    """The row of a table or view with this id."""
    return next(db.query(f"SELECT * FROM {table} WHERE id = ?", [row_id]))


def test_article_row(db, saved):
    found = row(db, "articles", saved.article.id)
    assert re.fullmatch(ISO_UTC, found.pop("analyzed_at"))
    assert found == {
        "key": 1, "id": "seeds/a.txt", "path": "seeds/a.txt", "version": hashlib.sha256(TEXT.encode()).hexdigest()[:16],
        "title": "Town falls", "text": TEXT, "tool_version": "0.1.0",
        "model": "en_core_web_sm", "model_version": "3.8.0", "rules_digest": "r1", "run_id": 1,
        "scope": "speech", "conventions": "",
        "author": None, "published": None, "site": None, "url": None, "source_digest": None, "extractor": None,
    }


def test_a_web_page_s_metadata_is_stored_with_its_article(db):
    page = Page("Ana Ruiz", "2021-03-04", "The Courier", "https://example.org/a", "0123456789abcdef", TRAFILATURA,
                note="not stored")
    article = Article.from_text("The bridge reopened.\n", "page.html", "Bridge reopens", page=page)
    storage.save(db, Analysis(article, (), (), "m", "1", "r1", "0.1.0"))
    found = row(db, "articles", article.id)
    assert {name: found[name] for name in PAGE_FIELDS} == {
        "author": "Ana Ruiz", "published": "2021-03-04", "site": "The Courier", "url": "https://example.org/a",
        "source_digest": "0123456789abcdef", "extractor": "trafilatura"}
    assert (found["title"], found["text"]) == ("Bridge reopens", "The bridge reopened.\n")
    assert storage.stored_analysis(db, article.id).article.page == replace(page, note=None)  # read back


def test_attribution_row(db, saved):
    aid = saved.article.id
    source_id = db.execute("SELECT id FROM sources WHERE name = 'the general'").fetchone()[0]
    assert row(db, "attributions", f"{aid}:a2") == {
        "rowid": 2, "id": f"{aid}:a2", "article_id": aid, "kind": "direct",
        "content_start": 43, "content_end": 98, "content_text": "We will not retreat, … Never.",
        "content_spans": json.dumps([{"start": 43, "end": 63, "text": "We will not retreat,"},
                                     {"start": 92, "end": 98, "text": "Never."}], separators=(",", ":")),
        "cue_start": 77, "cue_end": 81, "cue_text": "said", "cue_lemma": "say",
        "cue_stance": "neutral", "cue_rule": "cue.say",
        "cues": json.dumps([
            {"start": 77, "end": 81, "text": "said", "lemma": "say", "stance": "neutral",
             "rule": "cue.say"},
            {"start": 83, "end": 89, "text": "adding", "lemma": "add", "stance": "neutral",
             "rule": "cue.add"},
        ], separators=(",", ":")),
        "source_start": 65, "source_end": 76, "source_text": "the general",
        "source_id": source_id, "vague": 0, "resolved_by": "source.title", "confidence": 0.9,
        "rules": '["quote.direct"]', "speaker_rule": "source.general",
        "speaker_name": "the general", "speaker_type": "military",
    }


def test_attribution_without_speaker_has_no_source(db, saved):
    found = row(db, "attributions", f"{saved.article.id}:a1")
    assert (found["source_id"], found["source_text"], found["vague"]) == (None, "Officials", 1)


def test_claim_row(db, saved):
    aid = saved.article.id
    text = "The town fell on Monday."
    expected_id = hashlib.sha256(f"{aid}\x00{text}".encode()).hexdigest()[:16]
    assert row(db, "claims", expected_id) == {
        "rowid": 3, "id": expected_id, "article_id": aid, "start": 100, "end": 124, "text": text,
        "status": "unattributed", "attribution_id": None, "checkworthiness": 1.5,
        "reasons": '["claim.event","claim.date"]',
    }
    stored = db.execute("SELECT text FROM claim_rows WHERE id = ?", [expected_id]).fetchone()
    assert stored == (None,)  # the article's text between its offsets: not stored again
    attributed = row(db, "claims", claim_ids(db)["Officials said five soldiers were killed."])
    assert attributed["attribution_id"] == f"{aid}:a1"


def test_claim_id_normalises_whitespace_and_separates_repeats():
    assert claim_id("abc", "The  town\nfell.") == claim_id("abc", "The town fell.")
    assert claim_id("abc", "The town fell.") != claim_id("abd", "The town fell.")
    assert claim_id("abc", "The town fell.", 1) != claim_id("abc", "The town fell.")


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
    fks = {(fk.table, fk.column, fk.other_table) for t in ("attribution_rows", "claim_rows", "articles",
                                                            "article_versions", "reviews") for fk in db[t].foreign_keys}
    assert fks == {
        ("attribution_rows", "article", "articles"), ("attribution_rows", "source_id", "sources"),
        ("claim_rows", "article", "articles"), ("claim_rows", "attribution", "attribution_rows"),
        ("articles", "run_id", "runs"), ("article_versions", "article_id", "articles"),
        ("article_versions", "run_id", "runs"),
        ("reviews", "undoes", "reviews"),  # none on claim_id: a review outlives its claim
    }
    for table, column, _ in fks:
        assert column in [index.columns[0] for index in db[table].indexes], (table, column)
    assert sorted(i.columns for i in db["reviews"].indexes) == [["claim_id"], ["undoes"]]


def test_foreign_keys_are_enforced(db, saved):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO claim_rows (id, article, start, \"end\", status) VALUES ('x', 99, 0, 1, 'vague')")


def test_sources_are_unique_by_entity(db, saved):
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
                      "note": "a date", "reviewer": "bob", "undoes": None}


def test_flagged_claims_rows(db, saved):
    ids = claim_ids(db)
    assert storage.flagged_claims(db) == [
        {"id": ids["Officials said five soldiers were killed."], "article_id": saved.article.id,
         "article_title": "Town falls", "text": "Officials said five soldiers were killed.",
         "status": "vague", "checkworthiness": 4.0,
         "reasons": '["claim.casualties","claim.quantity"]', "latest_verdict": None,
         "article_path": "seeds/a.txt"},
        {"id": ids["The town fell on Monday."], "article_id": saved.article.id,
         "article_title": "Town falls", "text": "The town fell on Monday.",
         "status": "unattributed", "checkworthiness": 1.5,
         "reasons": '["claim.event","claim.date"]', "latest_verdict": None,
         "article_path": "seeds/a.txt"},
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
    assert "CHECK (verdict IS NULL OR verdict IN ('needs-source', 'acceptable', 'false-positive', 'skip'))" in schema["reviews"]
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


def search(db, view, words):
    """The rows of a view whose full-text index matches `words`, as a user's query finds them."""
    return list(db.query(f"SELECT * FROM {view} WHERE rowid IN (SELECT rowid FROM {view}_fts "
                         f"WHERE {view}_fts MATCH ?) ORDER BY rowid", [words]))


def integrity_check(db, index, content=True):
    """Raise if a full-text index is damaged or, with `content`, out of step with the text it indexes
    (FTS5 cannot read content through a view that reads json_each, as the attributions view does)."""
    if content:
        db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
    else:
        db.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")


def test_full_text_search(db, saved):
    assert [r["text"] for r in search(db, "claims", "town")] == ["The town fell on Monday."]
    assert [r["id"] for r in search(db, "attributions", "retreat")] == [f"{saved.article.id}:a2"]
    assert next(db.query("SELECT snippet(claims_fts, 0, '[', ']', '…', 3) AS s FROM claims_fts "
                         "WHERE claims_fts MATCH 'town'"))["s"] == "The [town] fell…"
    storage.save(db, make_analysis())  # triggers keep the index in step with re-saves
    assert len(search(db, "claims", "town")) == 1
    edited = Article.from_text(TEXT.replace("Monday", "Friday"), "seeds/a.txt", "Town falls")  # same offsets
    storage.save(db, replace(saved, article=edited, claims=saved.claims[:2] + (
        replace(saved.claims[2], text="The town fell on Friday."),)))
    assert search(db, "claims", "monday") == [] and len(search(db, "claims", "friday")) == 1
    integrity_check(db, "claims_fts")
    integrity_check(db, "attributions_fts", content=False)
    assert [r["id"] for r in search(db, "attributions", "retreat")] == [f"{saved.article.id}:a2"]
    db.execute("DELETE FROM articles")
    assert search(db, "claims", "friday") == search(db, "attributions", "retreat") == []
    integrity_check(db, "claims_fts")


KEY = {"version": Article.from_text(TEXT, "x").version, "model": "en_core_web_sm", "model_version": "3.8.0",
       "rules_digest": "r1", "scope": "speech", "conventions": "", "tool_version": "0.1.0"}


def test_a_stored_analysis_comes_back_as_the_records_it_was_saved_from(db, saved):
    assert storage.stored_analysis(db, "seeds/a.txt") == saved
    assert storage.stored_analysis(db, "seeds/a.txt", KEY) == saved
    assert storage.stored_analysis(db, "seeds/b.txt") is None


@pytest.mark.parametrize("column, value", [
    ("version", "0000000000000000"), ("model", "en_core_web_lg"), ("model_version", "3.9.0"),
    ("rules_digest", "r2"), ("scope", "all"), ("conventions", "nested=0"), ("tool_version", "0.2.0"),
])
def test_a_stored_analysis_of_other_settings_is_not_reused(db, saved, column, value):
    assert storage.stored_analysis(db, "seeds/a.txt", dict(KEY, **{column: value})) is None


def test_runs(db):
    run_id = storage.start_run(db, tool_version="0.1.0", model="m", model_version="1",
                               rules_digest="r", command="check a.txt", scope="all", conventions="nested=1",
                               pid=4321, host="desk")
    storage.finish_run(db, run_id, checked=3, failed=1, reused=2)
    row = db["runs"].get(run_id)
    assert row.pop("started_at") <= row.pop("finished_at")
    assert row == {"id": 1, "tool_version": "0.1.0", "model": "m", "model_version": "1",
                   "rules_digest": "r", "command": "check a.txt", "articles_checked": 3,
                   "articles_failed": 1, "scope": "all", "conventions": "nested=1", "articles_reused": 2,
                   "status": "finished", "pid": 4321, "host": "desk"}


EDITED = TEXT.replace("The town fell on Monday.", "The town fell on Tuesday.")


def edited(analysis, text=EDITED):
    """The analysis of an edited draft: the same findings, the last claim's sentence as it now reads."""
    last = analysis.claims[-1]
    sentence = text[last.start:].split(".")[0] + "."
    claims = analysis.claims[:-1] + (replace(last, end=last.start + len(sentence), text=sentence),)
    return replace(analysis, article=replace(analysis.article, text=text), claims=claims)


def test_an_edited_draft_replaces_its_findings_and_keeps_one_article(db, saved):
    storage.save(db, edited(saved), storage.start_run(db, tool_version="0.1.0", model="m", model_version="1",
                                                     rules_digest="r1", command="check seeds"))
    assert (db["articles"].count, db["claims"].count, db["attributions"].count) == (1, 3, 2)
    assert [r["text"] for r in db.query("SELECT text FROM claims ORDER BY start")][-1] == "The town fell on Tuesday."
    history = storage.article_versions(db, "seeds/a.txt")
    assert [(h["version"], h["run_id"]) for h in history] == [
        (Article.from_text(TEXT, "x").version, 1), (Article.from_text(EDITED, "x").version, 2)]
    assert all(re.fullmatch(ISO_UTC, h["checked_at"]) for h in history)


def test_reviews_follow_unchanged_sentences_and_those_of_a_changed_one_are_marked(db, saved):
    ids = claim_ids(db)
    kept = storage.add_review(db, ids["Officials said five soldiers were killed."], "acceptable", None, "ann")
    gone = storage.add_review(db, ids["The town fell on Monday."], "needs-source", "which day?", "ann")
    storage.save(db, edited(saved))
    assert storage.claim(db, kept["claim_id"])["latest_verdict"] == "acceptable"
    assert storage.claim(db, gone["claim_id"]) is None
    log = {row["id"]: row for row in storage.review_log(db)}
    assert (log[kept["id"]]["earlier_version"], log[gone["id"]]["earlier_version"]) == (0, 1)
    assert log[gone["id"]]["claim_text"] == "The town fell on Monday."
    assert log[gone["id"]]["article_version"] == Article.from_text(TEXT, "x").version
    assert log[gone["id"]]["claim_status"] is None
    assert [r["verdict"] for r in storage.reviews(db, gone["claim_id"])] == ["needs-source"]
    # the new sentence is a new claim, open for review
    assert "The town fell on Tuesday." in [row["text"] for row in storage.flagged_claims(db)]


def test_a_copy_under_another_path_is_its_own_article(db, saved):
    storage.save(db, replace(saved, article=replace(saved.article, id="copy.txt", path="copy.txt")))
    assert db["articles"].count == 2 and db["claims"].count == 6
    assert len(set(claim_ids(db).values())) == 3  # the copy's claims have ids of their own
    assert db.execute("SELECT count(DISTINCT id) FROM claims").fetchone()[0] == 6


@pytest.mark.parametrize("steps, in_force", [
    (["acceptable", "undo"], None),
    (["acceptable", "needs-source", "undo"], "acceptable"),
    (["acceptable", "needs-source", "undo", "undo"], None),
    (["acceptable", "undo", "needs-source"], "needs-source"),
    (["skip", "false-positive", "undo", "acceptable", "undo"], "skip"),
])
def test_undo_supersedes_the_newest_verdict_in_force(db, saved, steps, in_force):
    claim = claim_ids(db)["The town fell on Monday."]
    for step in steps:
        if step == "undo":
            storage.undo(db, claim, "ann")
        else:
            storage.add_review(db, claim, step, None, "ann")
    assert db["reviews"].count == len(steps)  # nothing deleted
    assert storage.claim(db, claim)["latest_verdict"] == in_force
    assert (claim in [row["id"] for row in storage.flagged_claims(db)]) is (in_force in (None, "skip"))


def test_undo_rows_name_what_they_undo(db, saved):
    claim = claim_ids(db)["The town fell on Monday."]
    first = storage.add_review(db, claim, "acceptable", None, "ann")
    second = storage.add_review(db, claim, "needs-source", None, "ann")
    row = storage.undo(db, claim, "bob")
    del row["reviewed_at"]
    assert row == {"id": 3, "claim_id": claim, "verdict": "acceptable", "note": None, "reviewer": "bob",
                   "undoes": second["id"]}
    assert storage.undo(db, claim, "bob")["undoes"] == first["id"]
    with pytest.raises(StorageError, match=f"claim '{claim}' has no verdict to undo"):
        storage.undo(db, claim, "bob")


def test_undo_without_a_claim_takes_the_reviewers_latest_verdict_in_force(db, saved):
    ids = claim_ids(db)
    town, officials = ids["The town fell on Monday."], ids["Officials said five soldiers were killed."]
    storage.add_review(db, town, "acceptable", None, "ann")
    storage.add_review(db, officials, "needs-source", None, "ann")
    storage.add_review(db, town, "false-positive", None, "bob")
    assert storage.undo(db, None, "ann")["claim_id"] == officials
    assert storage.undo(db, None, "ann")["claim_id"] == town  # ann's verdict on it is still in force, under bob's
    with pytest.raises(StorageError, match="no verdict by carol to undo; give a CLAIM_ID"):
        storage.undo(db, None, "carol")
    with pytest.raises(StorageError, match="no claim 'nope'"):
        storage.undo(db, "nope", "ann")


@pytest.mark.parametrize("filters, texts", [
    ({}, ["Officials said five soldiers were killed.", "The town fell on Monday."]),
    ({"status": "unattributed"}, ["The town fell on Monday."]),
    ({"article": "seeds/a.txt", "limit": 1}, ["Officials said five soldiers were killed."]),
    ({"article": "elsewhere.txt"}, []),
    ({"verdict": "needs-source"}, ["The town fell on Monday."]),
    ({"verdict": None}, ["Officials said five soldiers were killed.", "The town fell on Monday."]),
])
def test_list_claims_filters(db, saved, filters, texts):
    storage.add_review(db, claim_ids(db)["Officials said five soldiers were killed."], "skip")
    storage.add_review(db, claim_ids(db)["The town fell on Monday."], "needs-source")
    if "verdict" not in filters:
        texts = [t for t in texts if t != "The town fell on Monday."]  # judged, so no longer open
    assert [row["text"] for row in storage.list_claims(db, **filters)] == texts


V1 = ROOT / "tests" / "data" / "schema-v1.sql"


@pytest.fixture
def v1_db(tmp_path):
    """A database as schema version 1 wrote it (tests/data/make_schema_v1.py): drafts/town.txt checked,
    reviewed, edited and checked again (two articles there), and drafts/border.txt."""
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(V1.read_text(encoding="utf-8"))
    conn.close()
    return path


def test_a_version_1_database_is_upgraded_in_place_and_keeps_its_reviews(v1_db):
    db = storage.open_db(v1_db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [(r["id"], r["path"]) for r in db.query("SELECT id, path FROM articles ORDER BY id")] == [
        ("drafts/border.txt", "drafts/border.txt"), ("drafts/town.txt", "drafts/town.txt")]
    # the newer draft's findings stay; both versions are in the history
    assert [r["text"] for r in db.query("SELECT text FROM claims WHERE article_id = 'drafts/town.txt' ORDER BY start")] == [
        "The town fell on Monday.", "Six soldiers were killed.", "The bridge was closed."]
    assert len(storage.article_versions(db, "drafts/town.txt")) == 2
    ids = claim_ids(db)
    assert ids["The bridge was closed."] == claim_id("drafts/town.txt", "The bridge was closed.")
    log = [(r["verdict"], r["claim_text"], r["earlier_version"], r["claim_id"] in ids.values())
           for r in storage.review_log(db)]
    assert log == [
        ("needs-source", "Five soldiers were killed.", 1, False),  # its sentence was edited away
        ("acceptable", "The bridge was closed.", 0, True),  # made on the first draft, follows its sentence
        ("false-positive", "The mayor resigned.", 0, True),
        ("skip", "Six soldiers were killed.", 0, True),
    ]
    assert storage.stored_analysis(db, "drafts/border.txt").attributions[0].speaker == Speaker(
        "officials", "unnamed", "vague.officials")
    assert [r["text"] for r in search(db, "claims", "soldiers")] == ["Six soldiers were killed."]
    # the next check of an upgraded article analyzes it again: version 1 stored no scope or conventions
    assert storage.stored_analysis(db, "drafts/border.txt", dict(KEY, version=row(db, "articles",
        "drafts/border.txt")["version"], rules_digest="r1")) is None
    db.close()


def test_an_upgraded_database_has_the_schema_of_a_new_one(v1_db):
    db = storage.open_db(v1_db)
    assert storage._tables(db) == dict((name, set(columns)) for name, columns in storage._expected_tables())
    db.close()


def test_an_upgrade_is_one_transaction(v1_db, monkeypatch):
    def fail(db, *args):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(storage.upgrades, "_rename_article", fail)
    with pytest.raises(StorageError, match="disk I/O error"):
        storage.open_db(v1_db)
    conn = sqlite3.connect(v1_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    conn.close()


@pytest.mark.parametrize("damage, message", [
    ("DROP VIEW review_log", "no review_log table"),
    ("ALTER TABLE articles DROP COLUMN conventions", "articles lacks conventions"),
    ("DROP TABLE article_versions", "no article_versions table"),
])
def test_a_damaged_schema_of_our_version_is_a_one_line_error(tmp_path, damage, message):
    path = tmp_path / "p.db"
    storage.close(storage.open_db(path))
    conn = sqlite3.connect(path)
    conn.execute(damage)
    conn.close()
    for readonly in (False, True):
        with pytest.raises(StorageError) as error:
            storage.open_db(path, readonly)
        assert str(error.value) == (f"{path}: says schema version {storage.SCHEMA_VERSION} but {message}: not written by provenance, "
                                    "or damaged; move it aside or pass another database path")


def test_a_foreign_database_with_our_version_number_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.executescript(f"CREATE TABLE notes (id INTEGER, body TEXT); PRAGMA user_version = {storage.SCHEMA_VERSION};")
    conn.close()
    with pytest.raises(StorageError, match=rf"says schema version {storage.SCHEMA_VERSION} but no article_versions table"):
        storage.open_db(path)


def test_a_foreign_database_without_a_version_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE notes (id INTEGER, body TEXT);")
    conn.close()
    with pytest.raises(StorageError, match="another tool wrote"):
        storage.open_db(path)
    assert sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]


def test_a_full_disk_is_a_one_line_error_and_nothing_half_written(tmp_path):
    path = tmp_path / "p.db"
    db = storage.open_db(path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: as good as a full disk
    big = make_analysis(TEXT + " More." * 5000, path="big.txt")
    with pytest.raises(StorageError) as error:
        storage.save(db, big)
    assert str(error.value) == (f"{path}: database or disk is full: no room left for it; free some disk space "
                                "or pass a database path on another disk")
    assert (db["articles"].count, db["claims"].count) == (0, 0)
    db.close()


def test_a_read_only_open_never_writes(tmp_path):
    path = tmp_path / "p.db"
    db = storage.open_db(path)
    storage.save(db, make_analysis())
    storage.close(db)
    path.chmod(0o444)
    try:
        db = storage.open_db(path, readonly=True)
        assert storage.stored_analysis(db, "seeds/a.txt") == make_analysis()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            db.execute("DELETE FROM claim_rows")
        db.close()
    finally:
        path.chmod(0o644)


def test_a_read_only_open_of_a_version_1_database_upgrades_it_first(v1_db):
    db = storage.open_db(v1_db, readonly=True)
    assert db.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
    assert db["articles"].count == 2
    db.close()


def test_closing_leaves_a_file_other_tools_can_read(tmp_path):
    path = tmp_path / "p.db"
    db = storage.open_db(path)
    storage.save(db, make_analysis())
    assert db.journal_mode == "wal"
    storage.close(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]  # no -wal, no -shm
    immutable = sqlite3.connect(f"file:{path}?immutable=1", uri=True)  # as datasette -i opens it
    assert immutable.execute("SELECT count(*) FROM claims").fetchone()[0] == 3
    assert immutable.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    immutable.close()


def test_closing_while_another_process_has_it_open_leaves_it_in_wal(tmp_path):
    path = tmp_path / "p.db"
    first, second = storage.open_db(path), storage.open_db(path)
    storage.save(first, make_analysis())
    storage.close(first)
    assert second.journal_mode == "wal"  # the other writer still has it: no switch under it
    storage.save(second, make_analysis(TEXT + " More.", path="b.txt"))
    storage.close(second)  # the last to close switches
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    conn.close()


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
