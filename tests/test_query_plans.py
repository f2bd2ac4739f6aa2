"""The queries the CLI runs read indexes and kept counts, never every claim or attribution:
each one's EXPLAIN QUERY PLAN, on a database with the CLI's indexes and no statistics."""
import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from provenance import storage
from provenance.records import claim_id
from test_storage import TEXT, make_analysis

DATA = Path(__file__).resolve().parent / "data"
V3, V4, V5 = DATA / "schema-v3.sql", DATA / "schema-v4.sql", DATA / "schema-v5.sql"
QUEUE = "SCAN c USING INDEX claims_queue"  # the queue walked in its order, up to the limit
STATUS = "SCAN c USING INDEX claims_status_vague"  # one status's part of the queue, in its order
VERDICT = "SEARCH v USING INDEX verdicts_queue (verdict=?)"  # one verdict's claims, in the queue's order
SEEK = "SEARCH c USING INDEX claims_queue (checkworthiness"  # a page of the queue, sought from the last one's key
STATUS_SEEK = "SEARCH c USING INDEX claims_status_vague (checkworthiness"  # a page of one status's part
VERDICT_SEEK = "SEARCH v USING INDEX verdicts_queue (verdict=? AND checkworthiness"  # a page of one verdict's claims
WALKS = (QUEUE, STATUS, VERDICT)
# claims are c, attributions t, reviews r, verdicts v in every query
FULL_SCAN = re.compile(r"^SCAN (c|t|r|v|claims|attributions|reviews|verdicts)\b")


@pytest.fixture
def db():
    database = storage.open_db(":memory:")
    storage.save(database, make_analysis())
    storage.save(database, make_analysis(TEXT + " The bridge was closed.", path="seeds/b.txt"))
    vague = database.execute("SELECT id FROM claims WHERE status = 'vague' LIMIT 1").fetchone()[0]
    storage.add_review(database, vague, "acceptable")
    yield database
    database.close()


# (what the CLI asks, the storage call, how its plan starts the walk of an index in the queue's order, if it walks one)
QUERIES = [
    ("review: the open queue", lambda db: storage.flagged_claims(db, 20), QUEUE),
    ("review: a page of the open queue", lambda db: storage.open_queue_page(db, (5.0, 1, 0), 20), SEEK),
    ("review --list", lambda db: storage.list_claims(db, limit=20), QUEUE),
    ("review --list --status", lambda db: storage.list_claims(db, status="vague", limit=20), STATUS),
    ("review --list --verdict all", lambda db: storage.list_claims(db, verdict=None, limit=20), QUEUE),
    ("review --list --verdict", lambda db: storage.list_claims(db, verdict="acceptable", limit=20), VERDICT),
    ("review --list --status --verdict",
     lambda db: storage.list_claims(db, status="vague", verdict="acceptable", limit=20), VERDICT),
    ("review --list --article", lambda db: storage.list_claims(db, article="seeds/b.txt"), None),
    ("review --list: earlier versions", lambda db: storage.earlier_reviews(db, "seeds/b.txt", "acceptable"), None),
    ("review: a claim in context", lambda db: storage.claim(db, claim_id("seeds/a.txt", "The town fell on Monday.")), None),
    ("review: progress", storage.review_progress, None),
    ("sources", storage.source_summary, None),
    ("show: the article", lambda db: storage.find_articles(db, "seeds/b.txt"), None),
    ("show: its findings", lambda db: storage.stored_analysis(db, "seeds/b.txt"), None),
    ("web: a page of the queue", lambda db: storage.review_queue(db, limit=20, after=(5.0, 1, 0)), SEEK),
    ("web: a page of the queue by status",
     lambda db: storage.review_queue(db, status="vague", limit=20, after=(5.0, 1, 0)), STATUS_SEEK),
    ("web: a page of the queue by verdict",
     lambda db: storage.review_queue(db, verdict="acceptable", limit=20, after=(5.0, 1, 0)), VERDICT_SEEK),
    ("web: every flagged claim, a page", lambda db: storage.review_queue(db, verdict="all", limit=20), QUEUE),
]


def plans(db, call):
    """The query plan of each SELECT that `call` runs, as lists of plan lines."""
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        call(db)
    finally:
        db.conn.set_trace_callback(None)
    return [[row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
            for sql in statements if sql.lstrip().upper().startswith("SELECT")]


@pytest.mark.parametrize("what, call, walks", QUERIES, ids=[q[0] for q in QUERIES])
def test_cli_queries_scan_no_claims_or_attributions(db, what, call, walks):
    found = plans(db, call)
    assert found
    for plan in found:
        assert [line for line in plan if FULL_SCAN.match(line) and line not in WALKS] == [], plan
        if walks:
            assert any(line.startswith(walks) for line in plan), plan
            assert not any("TEMP B-TREE" in line for line in plan), plan


def test_an_articles_claims_are_read_by_its_key(db):
    plan, = plans(db, lambda db: storage.list_claims(db, article="seeds/b.txt"))
    assert "SEARCH c USING INDEX claim_rows_article (article=?)" in plan, plan
    assert not any("claims_status" in line or "claims_queue" in line for line in plan), plan


def test_review_export_reads_every_review_once_and_claims_by_their_ids(db):
    plan, = plans(db, storage.review_log)  # every review is what it writes
    assert plan == ["SCAN r", "SEARCH c USING INDEX sqlite_autoindex_claim_rows_1 (id=?) LEFT-JOIN",
                    "SEARCH a USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN",
                    "SEARCH p USING INDEX sqlite_autoindex_articles_1 (id=?) LEFT-JOIN"]


def test_review_progress_reads_only_the_kept_counts(db):
    tables = {word for plan in plans(db, storage.review_progress) for line in plan for word in line.split()}
    assert tables & {"claims", "c", "reviews", "r", "verdicts", "v"} == set()
    assert {"claim_counts", "verdict_counts"} <= tables


def test_the_queue_walks_its_index_only_over_flagged_claims(db):
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'claims_queue'").fetchone()[0]
    assert sql.endswith("WHERE status IN ('unattributed', 'vague')")


def recount(db):
    """The counts the triggers keep, counted again from every row."""
    statuses = dict(db.execute("SELECT status, count(*) FROM claims GROUP BY status").fetchall())
    sources = db.execute("SELECT s.name, s.type, count(t.id), count(DISTINCT t.article_id) FROM sources s "
                         "JOIN attributions t ON t.source_id = s.id GROUP BY s.id ORDER BY 3 DESC, 1, 2").fetchall()
    return statuses, [dict(zip(("name", "type", "statements", "articles"), row)) for row in sources]


def kept(db):
    statuses = {status: n for status, n in db.execute("SELECT status, claims FROM claim_counts") if n}
    names = db.execute("SELECT source_id, name, type, rules, statements FROM source_names ORDER BY 1, 2, 3, 4").fetchall()
    assert names == db.execute(  # the tally of how statements name each source, counted again
        "SELECT source_id, coalesce(speaker_name, ''), coalesce(speaker_type, ''), (SELECT json_group_array(value) "
        "FROM json_each(rules) WHERE value LIKE 'source.%'), count(*) FROM attributions "
        "WHERE source_id IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4").fetchall()
    return statuses, storage.source_summary(db)


def test_kept_counts_follow_saves_edits_and_deletes(db):
    assert kept(db) == recount(db)
    edited = make_analysis(path="seeds/b.txt")
    storage.save_many(db, [replace(edited, claims=edited.claims[:2]), make_analysis(path="seeds/c.txt")])
    assert kept(db) == recount(db) == ({"vague": 3, "attributed": 3, "unattributed": 2}, [
        {"name": "the general", "type": "military", "statements": 3, "articles": 3}])
    db.execute("UPDATE claim_rows SET status = 'attributed' WHERE status = 'unattributed'")
    db.execute("UPDATE attribution_rows SET source_id = NULL")
    assert kept(db) == recount(db) == ({"vague": 3, "attributed": 5}, [])
    db.execute("DELETE FROM articles")
    assert kept(db) == recount(db) == ({}, [])


def verdicts_recounted(db):
    """Each claim's verdict in force, its place and the counts by status and verdict, from every review."""
    rows = db.execute("SELECT l.claim_id, l.verdict, c.status, c.checkworthiness, c.article, c.start "
                      "FROM latest_reviews l LEFT JOIN claim_rows c ON c.id = l.claim_id WHERE l.verdict IS NOT NULL "
                      "ORDER BY 1").fetchall()
    counts = db.execute("SELECT c.status, l.verdict, count(*) FROM latest_reviews l JOIN claims c ON c.id = l.claim_id "
                        "WHERE l.verdict IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    return rows, counts


def verdicts_kept(db):
    rows = db.execute("SELECT claim_id, verdict, status, checkworthiness, article, start FROM verdicts "
                      "ORDER BY 1").fetchall()
    return rows, db.execute("SELECT status, verdict, claims FROM verdict_counts WHERE claims ORDER BY 1, 2").fetchall()


def test_verdicts_in_force_follow_reviews_undos_saves_and_deletes(db):
    town = claim_id("seeds/a.txt", "The town fell on Monday.")
    assert verdicts_kept(db) == verdicts_recounted(db)
    storage.add_review(db, town, "needs-source")
    storage.add_review(db, town, "false-positive")
    storage.undo(db, town)  # back to needs-source
    assert verdicts_kept(db) == verdicts_recounted(db)
    assert dict(row[:2] for row in verdicts_kept(db)[0])[town] == "needs-source"
    storage.undo(db, town)  # open again: no verdict in force
    assert town not in dict(row[:2] for row in verdicts_kept(db)[0])
    storage.add_review(db, town, "acceptable")
    edited = make_analysis()
    storage.save(db, replace(edited, claims=edited.claims[:2]))  # its sentence is gone
    assert verdicts_kept(db) == verdicts_recounted(db)
    assert [row for row in verdicts_kept(db)[0] if row[0] == town] == [(town, "acceptable", None, None, None, None)]
    assert [r["claim_id"] for r in storage.earlier_reviews(db, "seeds/a.txt")] == [town]
    storage.save(db, make_analysis())  # and back again
    db.execute("UPDATE claim_rows SET status = 'vague', checkworthiness = 9.0 WHERE id = ?", [town])
    assert verdicts_kept(db) == verdicts_recounted(db)
    assert storage.list_claims(db, verdict="acceptable")[0]["id"] == town
    assert storage.earlier_reviews(db, "seeds/a.txt") == []
    db.execute("DELETE FROM reviews WHERE claim_id = ? AND verdict = 'acceptable'", [town])
    assert verdicts_kept(db) == verdicts_recounted(db)
    db.execute("DELETE FROM articles")
    assert verdicts_kept(db) == verdicts_recounted(db) and verdicts_kept(db)[1] == []


def test_pages_of_the_open_queue_are_the_queue(db):
    for number in range(6):  # claims tied at each check-worthiness, across articles
        storage.save(db, make_analysis(path=f"seeds/tied{number}.txt"))
    whole, pages, after = storage.list_claims(db), [], None
    while True:
        page = storage.open_queue_page(db, after, 4)
        if not page:
            break
        pages += page
        after = (page[-1]["checkworthiness"], page[-1]["article_key"], page[-1]["start"])
    assert [row["id"] for row in pages] == [row["id"] for row in whole] and len(whole) > 8


@pytest.mark.parametrize("filters", [{}, {"status": "vague"}, {"status": "unattributed"}, {"verdict": "all"},
                                     {"verdict": "acceptable"}, {"article_id": "seeds/tied3.txt", "verdict": "all"}])
def test_pages_of_the_web_queue_are_the_queue_under_every_filter(db, filters):
    for number in range(6):  # claims tied at each check-worthiness, across articles
        storage.save(db, make_analysis(path=f"seeds/tied{number}.txt"))
    for claim in storage.list_claims(db, verdict=None)[::3]:
        storage.add_review(db, claim["id"], "acceptable")
    statements = []
    db.conn.set_trace_callback(statements.append)
    whole, pages, after = storage.review_queue(db, **filters), [], None
    while True:
        page = storage.review_queue(db, **filters, limit=1, after=after)
        if not page:
            break
        pages += page
        after = (page[-1]["checkworthiness"], page[-1]["article_key"], page[-1]["start"])
    db.conn.set_trace_callback(None)
    assert pages == whole and len(whole) > 1
    assert not any("OFFSET" in sql.upper() for sql in statements)


def read(db, table, columns):
    """A table's rows in the given columns, JSON values parsed (the spacing of JSON is not kept)."""
    def value(item):
        return json.loads(item) if isinstance(item, str) and item[:1] in "[{" else item
    return [tuple(map(value, row)) for row in db.execute(f"SELECT {columns} FROM {table} ORDER BY 1").fetchall()]


def loaded(path, script):
    conn = sqlite3.connect(path)
    conn.executescript(script.read_text(encoding="utf-8"))
    conn.close()
    return path


@pytest.fixture
def v3_db(tmp_path):
    """A database as schema version 3 wrote it (tests/data/make_schema_v3.py)."""
    return loaded(tmp_path / "v3.db", V3)


@pytest.fixture
def v4_db(tmp_path):
    """A database as schema version 4 wrote it (tests/data/make_schema_v4.py)."""
    return loaded(tmp_path / "v4.db", V4)


def v4_tables(path):
    """The rows of each table version 4 had, in its columns, JSON values parsed."""
    conn = sqlite3.connect(path)
    tables = ("articles", "claims", "attributions", "reviews", "article_versions", "sources", "source_corrections",
              "runs", "claim_counts")
    columns = {table: ", ".join(f'"{row[1]}"' for row in conn.execute(f"PRAGMA table_info({table})"))
               for table in tables}
    rows = {table: read(conn, table, columns[table]) for table in tables}
    conn.close()
    return columns, rows


def test_a_version_4_database_is_upgraded_to_offsets_in_place(v4_db):
    columns, before = v4_tables(v4_db)
    db = storage.open_db(v4_db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert storage._tables(db) == dict((name, set(columns)) for name, columns in storage._expected_tables())
    # every row of every table as version 4 had it, through the views where they are views now
    assert {table: read(db, table, columns[table]) for table in before} == before
    assert db.execute("SELECT count(*) FROM claim_rows WHERE text IS NOT NULL").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM attribution_rows WHERE source_text IS NOT NULL").fetchone()[0] == 0
    page = storage.stored_analysis(db, "pages/ponts.html")
    assert [span.text for span in page.attributions[0].content] == ["“Nous résisterons,”", "“Toujours.”"]
    assert (page.article.page.site, page.claims[1].text) == ("Le Courrier", "Les ponts sont coupés.")
    assert [r["text"] for r in db.query("SELECT text FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts "
                                        "WHERE claims_fts MATCH 'coupés')")] == ["Les ponts sont coupés."]
    assert [r["id"] for r in db.query("SELECT id FROM attributions WHERE rowid IN (SELECT rowid FROM "
                                      "attributions_fts WHERE attributions_fts MATCH 'toujours')")] == ["pages/ponts.html:a1"]
    db.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")
    assert kept(db) == recount(db) and verdicts_kept(db) == verdicts_recounted(db)
    assert storage.review_progress(db) == {"flagged": 6, "open": 4, "needs-source": 1, "acceptable": 1,
                                           "false-positive": 0, "skip": 1}
    for what, call, walks in QUERIES:
        for plan in plans(db, call):
            assert [line for line in plan if FULL_SCAN.match(line) and line not in WALKS] == [], (what, plan)
    storage.save(db, make_analysis(path="pages/ponts.html"))  # the triggers work on the upgraded file
    assert kept(db) == recount(db) and verdicts_kept(db) == verdicts_recounted(db)
    assert storage.stored_analysis(db, "pages/ponts.html") == make_analysis(path="pages/ponts.html")
    db.close()


@pytest.fixture
def v5_db(tmp_path):
    """A database as schema version 5 wrote it (tests/data/make_schema_v5.py)."""
    return loaded(tmp_path / "v5.db", V5)


# What version 5 showed of each table and view the upgrade to version 6 keeps: every column of each
V5_SHOWN = ("articles", "claims", "attributions", "flagged_claims", "review_log", "reviews", "article_versions",
            "sources", "source_names", "source_corrections", "runs", "claim_counts", "verdicts", "verdict_counts")


def test_a_version_5_database_is_upgraded_to_labels_in_place(v5_db):
    conn = sqlite3.connect(v5_db)
    columns = {table: ", ".join(f'"{row[1]}"' for row in conn.execute(f"PRAGMA table_info({table})"))
               for table in V5_SHOWN}
    before = {table: read(conn, table, columns[table]) for table in V5_SHOWN}
    keys = conn.execute("SELECT (SELECT group_concat(key) FROM claim_rows), (SELECT group_concat(key) FROM "
                        "attribution_rows)").fetchone()
    labels = conn.execute(  # each distinct list of reasons, and each distinct label of attributions
        "SELECT (SELECT count(DISTINCT reasons) FROM claim_rows) + (SELECT count(*) FROM (SELECT DISTINCT kind, "
        "resolved_by, confidence, rules, speaker_rule, speaker_type, (SELECT json_group_array(json_array("
        "json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'))) "
        "FROM json_each(cues) j) FROM attribution_rows))").fetchone()[0]
    conn.close()
    db = storage.open_db(v5_db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION == 6
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert storage._tables(db) == dict((name, set(columns)) for name, columns in storage._expected_tables())
    assert {table: read(db, table, columns[table]) for table in V5_SHOWN} == before
    assert db.execute("SELECT (SELECT group_concat(key) FROM claim_rows), (SELECT group_concat(key) FROM "
                      "attribution_rows)").fetchone() == keys  # the full-text indexes' rowids, and the claims' links
    assert db.execute("SELECT count(*), count(DISTINCT value) FROM labels").fetchone() == (labels, labels)
    road = storage.stored_analysis(db, "drafts/road.txt")
    assert (road.claims[0].text, road.attributions[0].cues[0].text) == ("Officials told: the road was shut.", "told")
    assert [r["text"] for r in db.query("SELECT text FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts "
                                        "WHERE claims_fts MATCH 'coupés')")] == ["Les ponts sont coupés."]
    assert [r["id"] for r in db.query("SELECT id FROM attributions WHERE rowid IN (SELECT rowid FROM "
                                      "attributions_fts WHERE attributions_fts MATCH 'toujours')")] == ["pages/ponts.html:a1"]
    db.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")  # (that of a view of json_each fails)
    assert kept(db) == recount(db) and verdicts_kept(db) == verdicts_recounted(db)
    for what, call, walks in QUERIES:
        for plan in plans(db, call):
            assert [line for line in plan if FULL_SCAN.match(line) and line not in WALKS] == [], (what, plan)
    storage.save(db, make_analysis(path="drafts/road.txt"))  # the triggers work on the upgraded file
    assert kept(db) == recount(db) and verdicts_kept(db) == verdicts_recounted(db)
    assert storage.stored_analysis(db, "drafts/road.txt") == make_analysis(path="drafts/road.txt")
    db.close()


def test_a_version_3_database_is_upgraded_in_place_with_its_counts(v3_db):
    conn = sqlite3.connect(v3_db)
    tables = ("articles", "claims", "attributions", "reviews", "article_versions")
    columns = {table: ", ".join(f'"{row[1]}"' for row in conn.execute(f"PRAGMA table_info({table})"))
               for table in tables}  # the columns version 3 had: the upgrade may add others
    before = {table: read(conn, table, columns[table]) for table in tables}
    conn.close()
    db = storage.open_db(v3_db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
    assert storage._tables(db) == dict((name, set(columns)) for name, columns in storage._expected_tables())
    assert {table: read(db, table, columns[table]) for table in before} == before
    assert kept(db) == recount(db) == ({"attributed": 1, "unattributed": 4, "vague": 1}, [
        {"name": "officials", "type": "unnamed", "statements": 1, "articles": 1},
        {"name": "the mayor", "type": "person", "statements": 1, "articles": 1}])
    assert storage.review_progress(db) == {"flagged": 5, "open": 4, "needs-source": 0, "acceptable": 1,
                                           "false-positive": 0, "skip": 1}
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"claims_queue", "articles_path", "attributions_source_article", "sources_rank"} <= indexes
    assert "attributions_source_id" not in indexes
    for what, call, walks in QUERIES:
        for plan in plans(db, call):
            assert [line for line in plan if FULL_SCAN.match(line) and line not in WALKS] == [], (what, plan)
    storage.save(db, make_analysis(path="drafts/border.txt"))  # the triggers work on the upgraded file
    assert kept(db) == recount(db)
    db.close()
