"""The steps that upgrade the tables of a database of each earlier schema version to the next one."""
from __future__ import annotations

import json

from sqlite_utils import Database

from ..names import entity_type, source_id
from ..records import PAGE_FIELDS, Attribution, Claim, Cue, Span, Speaker, claim_ids
from .analyses import _attribution_row, _own
from .schema import _add_columns, _create_indexes_and_triggers
from .sources import _refresh_sources, speaker_key
from .sql import _insert_all, _json, _placeholders, _statements
from .tables import _ARTICLES, _FINDING_TABLES, _SOURCE_TABLES, _TABLES
from .triggers import _named
from .views import _FINDING_VIEWS


def upgrade_from_1(db: Database) -> None:
    """Upgrade the tables of a database of schema version 1 to those of version 2.

    Version 1 keyed an article by the hash of its text, so each edited draft was a new
    article with the same path. Now an article is its path and the hash its version:
    the newest version of each path is kept with its findings, the older ones stay in
    `article_versions`, claim ids are fingerprints over path and sentence, and every
    review moves to its claim's new id, kept even when its sentence is gone.
    """
    db.execute("PRAGMA defer_foreign_keys = ON")  # article ids change under their claims
    olds = db.execute("SELECT id, coalesce(path, id) FROM articles ORDER BY analyzed_at, rowid").fetchall()
    newest = dict((new, old) for old, new in olds)  # the last version checked of each path
    moved = {}  # old claim id -> (new claim id, article, version, text)
    for old, new in olds:
        rows = db.execute("SELECT id, text FROM claims WHERE article_id = ? ORDER BY start, rowid", [old]).fetchall()
        new_ids = claim_ids(new, [Claim(0, 0, text, "", None, 0.0, ()) for _, text in rows])
        moved.update((row[0], (new_id, new, old, row[1])) for row, new_id in zip(rows, new_ids))
    reviews = db.execute("SELECT id, claim_id, verdict, note, reviewer, reviewed_at FROM reviews").fetchall()
    db.execute("DROP TABLE reviews")  # its verdict may now be empty (an undo that reopens a claim)
    _add_columns(db, "runs", {"scope": "TEXT", "conventions": "TEXT", "articles_reused": "INTEGER", "status": "TEXT"})
    _add_columns(db, "articles", {"version": "TEXT", "scope": "TEXT", "conventions": "TEXT",
                                  **dict.fromkeys(PAGE_FIELDS, "TEXT")})
    _add_columns(db, "attributions", {"speaker_rule": "TEXT"})
    for statement in _statements(_TABLES):
        if statement.strip().startswith(("CREATE TABLE article_versions", "CREATE TABLE reviews",
                                         "CREATE INDEX article_versions", "CREATE INDEX reviews")):
            db.execute(statement)
    db.execute("INSERT INTO article_versions (article_id, version, checked_at, run_id) SELECT coalesce(path, id), "
               "id, coalesce(analyzed_at, ''), run_id FROM articles ORDER BY analyzed_at, rowid")
    superseded = [old for old, new in olds if newest[new] != old]
    db.execute(f"DELETE FROM articles WHERE id IN ({_placeholders(superseded)})", superseded)
    for new, old in newest.items():
        _rename_article(db, old, new, {k: v[0] for k, v in moved.items() if v[2] == old})
    db.execute("UPDATE attributions SET speaker_rule = (SELECT rule FROM sources WHERE id = source_id)")
    for review_id, claim, verdict, note, reviewer, at in reviews:
        new_id, article, version, text = moved.get(claim, (claim, None, None, None))
        db.execute("INSERT INTO reviews (id, claim_id, verdict, note, reviewer, reviewed_at, article_id, "
                   "article_version, claim_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [review_id, new_id, verdict, note, reviewer, at, article, version, text])


def _rename_article(db: Database, old: str, new: str, claims: dict) -> None:
    """Give a version-1 article its identity as id and its text hash as version, and move its rows."""
    db.execute("UPDATE articles SET id = ?, version = ? WHERE id = ?", [new, old, old])
    prefix = len(old) + 2  # substr is 1-based: what follows "old:"
    db.execute("UPDATE attributions SET id = ? || ':' || substr(id, ?), article_id = ? WHERE article_id = ?",
               [new, prefix, new, old])
    db.execute("UPDATE claims SET article_id = ?, attribution_id = ? || ':' || substr(attribution_id, ?) "
               "WHERE article_id = ?", [new, new, prefix, old])
    for old_id, new_id in claims.items():
        db.execute("UPDATE claims SET id = ? WHERE id = ?", [new_id, old_id])


# The step that upgrades the tables of each earlier schema version to the next one.
_UPGRADES = {1: upgrade_from_1}


def upgrade_from_2(db: Database) -> None:
    """Upgrade the tables of a database of schema version 2 to those of version 3: sources keyed by
    entity, each statement with its speaker's name and type, and the table of corrections."""
    _add_columns(db, "sources", {"key": "TEXT"})
    _add_columns(db, "attributions", {"speaker_name": "TEXT", "speaker_type": "TEXT"})
    db.execute("UPDATE attributions SET speaker_name = (SELECT name FROM sources WHERE id = source_id), "
               "speaker_type = (SELECT type FROM sources WHERE id = source_id) WHERE source_id IS NOT NULL")
    db.execute("PRAGMA defer_foreign_keys = ON")  # the sources are made anew under their statements
    db.execute("DELETE FROM sources")
    for statement in _statements(_SOURCE_TABLES):
        db.execute(statement)
    said = db.execute("SELECT id, article_id, speaker_name, speaker_type, speaker_rule FROM attributions "
                      "WHERE speaker_name IS NOT NULL").fetchall()
    for row_id, article_id, name, kind, rule in said:
        key = speaker_key(article_id, name, kind)
        db.execute("INSERT INTO sources (id, name, type, rule, key) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                   [source_id(key), key, entity_type(kind), rule, key])
        db.execute("UPDATE attributions SET source_id = ? WHERE id = ?", [source_id(key), row_id])
    _refresh_sources(db, {row[0] for row in db.execute("SELECT id FROM sources")}, "attributions")


_UPGRADES[2] = upgrade_from_2


def upgrade_from_3(db: Database) -> None:
    """Upgrade the tables of a database of schema version 3 to those of version 4: the counts of claims
    per status and of each source's statements and articles, counted once from the rows (the next
    step adds the triggers that keep them, with the indexes of the queries users ask); and, where
    missing, a run's status and a web page's metadata on its article."""
    _add_columns(db, "runs", {"status": "TEXT"})
    _add_columns(db, "articles", dict.fromkeys(PAGE_FIELDS, "TEXT"))
    _add_columns(db, "sources", {"statements": "INTEGER NOT NULL DEFAULT 0", "articles": "INTEGER NOT NULL DEFAULT 0"})
    db.execute("DROP INDEX IF EXISTS attributions_source_id")  # led by source_id, as the new index is
    db.execute("CREATE TABLE IF NOT EXISTS claim_counts (status TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("DELETE FROM claim_counts")
    db.execute("INSERT INTO claim_counts (status, claims) SELECT status, count(*) FROM claims GROUP BY status")
    db.execute("UPDATE sources SET statements = (SELECT count(*) FROM attributions WHERE source_id = sources.id), "
               "articles = (SELECT count(DISTINCT article_id) FROM attributions WHERE source_id = sources.id)")


_UPGRADES[3] = upgrade_from_3


def upgrade_from_4(db: Database) -> None:
    """Upgrade the tables of a database of schema version 4 to those of version 5.

    Articles get an integer key; attributions and claims become tables of offsets into their
    article's text under integer keys (claim_rows, attribution_rows), with views of the old
    names and columns giving the text back, and full-text indexes that read those views; each
    claim's verdict in force and the counts of stored claims by status and verdict are made
    once from the reviews; each run gets its process id and machine, so that a later run can
    tell a run whose process is gone from one still going. Then the indexes of the queries users ask, and the triggers that
    keep the counts and the full-text indexes, are made on the new tables.
    """
    _add_columns(db, "runs", {"pid": "INTEGER", "host": "TEXT"})
    for trigger in [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
        db.execute(f"DROP TRIGGER [{trigger}]")  # all made anew, on the new tables
    for index in ("claims_fts", "attributions_fts"):
        db.execute(f"DROP TABLE IF EXISTS [{index}]")
    old_columns = [row[1] for row in db.execute("PRAGMA table_info(articles)")]
    for index in ("articles_run_id", "articles_path"):  # made anew on the new table
        db.execute(f"DROP INDEX IF EXISTS [{index}]")
    db.execute("ALTER TABLE articles RENAME TO articles_v4")  # the tables that refer to it follow it
    for statement in _statements(_ARTICLES) + _statements(_FINDING_TABLES):
        db.execute(statement)
    columns = ", ".join(f"[{column}]" for column in old_columns)
    db.execute(f"INSERT INTO articles ({columns}) SELECT {columns} FROM articles_v4 ORDER BY rowid")
    for key, article_id, text in db.execute("SELECT key, id, text FROM articles ORDER BY key").fetchall():
        _copy_v4_findings(db, key, article_id, text)
    db.execute("CREATE TEMP TABLE versions_v4 AS SELECT * FROM article_versions")
    for table in ("claims", "attributions", "article_versions", "articles_v4"):  # each after those that refer to it
        db.execute(f"DROP TABLE [{table}]")
    for statement in _statements(_TABLES):  # the history, referring to the new articles
        if statement.strip().startswith(("CREATE TABLE article_versions", "CREATE INDEX article_versions")):
            db.execute(statement)
    db.execute("INSERT INTO article_versions SELECT * FROM temp.versions_v4 ORDER BY id")
    db.execute("DROP TABLE temp.versions_v4")
    _create_indexes_and_triggers(db)
    for statement in _statements(_FINDING_VIEWS):  # what the full-text indexes read (made anew after the last step)
        db.execute(statement)
    db.execute(f"INSERT INTO source_names (source_id, name, type, rules, statements) SELECT {_named('t')}, count(*) "
               "FROM attribution_rows t WHERE t.source_id IS NOT NULL GROUP BY 1, 2, 3, 4")
    # filled row by row: FTS5's 'rebuild' fails on a view that reads json_each
    db.execute("INSERT INTO claims_fts (rowid, text) SELECT rowid, text FROM claims")
    db.execute("INSERT INTO attributions_fts (rowid, content_text) SELECT rowid, content_text FROM attributions")
    db.execute("INSERT INTO verdicts (claim_id, verdict, review_id, status, checkworthiness, article, start) "
               "SELECT r.claim_id, r.verdict, r.id, c.status, c.checkworthiness, c.article, c.start FROM reviews r "
               "LEFT JOIN claim_rows c ON c.id = r.claim_id WHERE r.verdict IS NOT NULL "
               "AND r.id = (SELECT max(id) FROM reviews WHERE claim_id = r.claim_id)")  # its trigger counts them


def _copy_v4_findings(db: Database, key: int, article_id: str, text: str) -> None:
    """Copy an article's attributions and claims from version 4's tables into version 5's, ids kept."""
    old = list(db.query("SELECT * FROM attributions WHERE article_id = ? ORDER BY rowid", [article_id]))
    _insert_all(db, "attribution_rows", [_attribution_row(key, text, _v4_attribution(article_id, row), row["source_id"])
                                         for row in old])
    keys = dict(db.execute("SELECT local, key FROM attribution_rows WHERE article = ?", [key]).fetchall())
    rows = []
    for row in db.query("SELECT * FROM claims WHERE article_id = ? ORDER BY rowid", [article_id]):
        claim = Claim(row["start"], row["end"], row["text"], row["status"], None, 0.0, ())
        local = row["attribution_id"][len(article_id) + 1:] if row["attribution_id"] else None
        rows.append({"id": row["id"], "article": key, "start": row["start"], "end": row["end"],
                     "text": _own(text, claim), "status": row["status"], "attribution": keys.get(local),
                     "checkworthiness": row["checkworthiness"], "reasons": _json(json.loads(row["reasons"] or "[]"))})
    _insert_all(db, "claim_rows", rows)


def _v4_attribution(article_id: str, row: dict) -> Attribution:
    """An attribution as version 4 stored it, text and all."""
    source = Span(row["source_start"], row["source_end"], row["source_text"]) if row["source_text"] is not None else None
    speaker = Speaker(row["speaker_name"], row["speaker_type"], row["speaker_rule"]) if row["source_id"] else None
    return Attribution(
        id=row["id"][len(article_id) + 1:], kind=row["kind"],
        content=tuple(Span(**span) for span in json.loads(row["content_spans"])),
        cues=tuple(Cue(**cue) for cue in json.loads(row["cues"])), source=source, speaker=speaker,
        vague=bool(row["vague"]), resolved_by=row["resolved_by"], confidence=row["confidence"],
        rules=tuple(json.loads(row["rules"])))


_UPGRADES[4] = upgrade_from_4
