"""The SQLite database: its schema, and storing and reading analyses, runs and reviews."""
from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import time
import urllib.parse
from collections import Counter
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from sqlite_utils import Database

from .errors import StorageError
from .names import display_name_of, entity_type, name_key, source_id, stable_type_of
from .records import (AUTHOR_TYPE, FLAGGED, PAGE_FIELDS, UNNAMED_AUTHOR, Analysis, Article, Attribution, Claim, Cue, Page,
                      Span, Speaker, claim_ids)

SCHEMA_VERSION = 5
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's write lock
SKIP = "skip"  # the verdict that leaves a claim open for review
VERDICTS = ("needs-source", "acceptable", "false-positive", SKIP)
# A run's status once it ended: NULL while it runs; ABANDONED when its process was found gone
# without recording its end (killed outright, or its machine went down).
FINISHED, INTERRUPTED, ABANDONED = "finished", "interrupted", "abandoned"
OPEN = "open"  # no verdict in force: never judged, skipped, or its verdict undone
# What a stored analysis was made from: an article stored with all of these the same is not analyzed again.
SKIP_KEY = ("version", "model", "model_version", "rules_digest", "scope", "conventions", "tool_version")


def _sql_literals(values: Sequence[str]) -> str:
    """Strings as a list of SQL literals, quotes doubled: "'unattributed', 'vague'".

    For the schema, where a CHECK constraint or a view cannot take parameters.
    """
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def _placeholders(values: Sequence) -> str:
    """One `?` per value, for an `IN (...)` list in a query."""
    return ", ".join("?" * len(values))


# No foreign key on claim_id: reviews outlive re-analysis, even of a claim that disappears.
_REVIEWS = f"""
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT, claim_id TEXT NOT NULL,
  verdict TEXT CHECK (verdict IS NULL OR verdict IN ({_sql_literals(VERDICTS)})),
  note TEXT, reviewer TEXT, reviewed_at TEXT NOT NULL,
  article_id TEXT, article_version TEXT, claim_text TEXT,
  undoes INTEGER REFERENCES reviews(id))"""


def _slice(text: str, start: str, end: str) -> str:
    """SQL for the stretch of an article's text between two offsets (substr counts from 1)."""
    return f"substr({text}, {start} + 1, {end} - {start})"


# An item of a column of stretches (attribution_rows.content, .cues) is [start, end, *fields], and
# [start, end, *fields, text] when the stretch's text is not the article's own (the engine's never is).
_ITEM_START, _ITEM_END = "json_extract(j.value, '$[0]')", "json_extract(j.value, '$[1]')"


def _item_text(fields: int) -> str:
    return f"coalesce(json_extract(j.value, '$[{fields + 2}]'), {_slice('a.text', _ITEM_START, _ITEM_END)})"


def _items_json(column: str, fields: Sequence[str]) -> str:
    """SQL for the JSON list of {start, end, text, *fields} objects (the records) of a column of stretches."""
    named = "".join(f", '{name}', json_extract(j.value, '$[{n}]')" for n, name in enumerate(fields, 2))
    return (f"(SELECT json_group_array(json_object('start', {_ITEM_START}, 'end', {_ITEM_END}, "
            f"'text', {_item_text(len(fields))}{named})) FROM json_each({column}) j)")


_CUE_FIELDS = ("lemma", "stance", "rule")
CONTENT_JOINER = " … "  # between the stretches of a statement's content, in its content_text


def _claim_text(row: str) -> str:
    """SQL for the text of a claim row, its article `a`."""
    return f"coalesce({row}.text, {_slice('a.text', f'{row}.start', f'{row}.[end]')})"


# The tables of findings keep offsets into the article text and integer keys; these views give back
# their rows as earlier versions stored them, text and all (`rowid` is the row's key, which the
# full-text indexes use), so queries through sqlite-utils or Datasette read them as they read tables.
_FINDING_VIEWS = f"""
CREATE VIEW claims AS
  SELECT r.key AS rowid, r.id, a.id AS article_id, r.start, r."end", {_claim_text("r")} AS text, r.status,
         a.id || ':' || t.local AS attribution_id, r.checkworthiness, r.reasons
  FROM claim_rows r JOIN articles a ON a.key = r.article LEFT JOIN attribution_rows t ON t.key = r.attribution;
CREATE VIEW attributions AS
  SELECT t.key AS rowid, a.id || ':' || t.local AS id, a.id AS article_id, t.kind,
         json_extract(t.content, '$[0][0]') AS content_start, json_extract(t.content, '$[#-1][1]') AS content_end,
         coalesce((SELECT group_concat({_item_text(0)}, '{CONTENT_JOINER}') FROM json_each(t.content) j), '')
           AS content_text,
         {_items_json("t.content", ())} AS content_spans,
         json_extract(t.cues, '$[0][0]') AS cue_start, json_extract(t.cues, '$[0][1]') AS cue_end,
         coalesce(json_extract(t.cues, '$[0][5]'),
                  {_slice("a.text", "json_extract(t.cues, '$[0][0]')", "json_extract(t.cues, '$[0][1]')")}) AS cue_text,
         json_extract(t.cues, '$[0][2]') AS cue_lemma, json_extract(t.cues, '$[0][3]') AS cue_stance,
         json_extract(t.cues, '$[0][4]') AS cue_rule, {_items_json("t.cues", _CUE_FIELDS)} AS cues,
         t.source_start, t.source_end,
         CASE WHEN t.source_start IS NOT NULL
              THEN coalesce(t.source_text, {_slice("a.text", "t.source_start", "t.source_end")}) END AS source_text,
         t.source_id, t.vague, t.resolved_by, t.confidence, t.rules, t.speaker_rule, t.speaker_name, t.speaker_type
  FROM attribution_rows t JOIN articles a ON a.key = t.article"""

QUEUE_ORDER = "c.checkworthiness DESC, c.article, c.start"  # the queue's order, claims_queue's (claim rows c)

_VIEWS = f"""{_FINDING_VIEWS};
CREATE VIEW latest_reviews AS
  SELECT r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at FROM reviews r
  WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = r.claim_id);
CREATE VIEW flagged_claims AS
  SELECT c.id, a.id AS article_id, a.title AS article_title, {_claim_text("c")} AS text, c.status,
         c.checkworthiness, c.reasons, l.verdict AS latest_verdict, a.path AS article_path
  FROM claim_rows c INDEXED BY claims_queue JOIN articles a ON a.key = c.article
  LEFT JOIN latest_reviews l ON l.claim_id = c.id
  WHERE c.status IN ({_sql_literals(FLAGGED)}) AND (l.verdict IS NULL OR l.verdict = {_sql_literals([SKIP])})
  ORDER BY {QUEUE_ORDER};
CREATE VIEW source_summary AS
  SELECT s.name, s.type, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW source_entities AS
  SELECT s.id, s.key, s.name, s.type, s.rule, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW review_log AS
  SELECT r.id, r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at, r.undoes,
         r.article_id, p.path AS article_path, r.article_version,
         CASE WHEN c.key IS NULL THEN r.claim_text ELSE {_claim_text("c")} END AS claim_text,
         c.status AS claim_status, c.key IS NULL AS earlier_version
  FROM reviews r LEFT JOIN claim_rows c ON c.id = r.claim_id LEFT JOIN articles a ON a.key = c.article
  LEFT JOIN articles p ON p.id = r.article_id
  ORDER BY r.id;
"""

# A web page's metadata, beside the article taken out of it (records.PAGE_FIELDS); NULL for text.
_PAGE_COLUMNS = ", ".join(f"{name} TEXT" for name in PAGE_FIELDS)

_ARTICLES = f"""
CREATE TABLE articles (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT, title TEXT, text TEXT NOT NULL, analyzed_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT,
  run_id INTEGER REFERENCES runs(id), version TEXT, scope TEXT, conventions TEXT,
  {_PAGE_COLUMNS})"""

# An attribution's `local` id is its id within its article ("a1"); its content and cues are lists of
# stretches (see _ITEM_START), its source_text NULL unless it is not the article's own.
_FINDING_TABLES = """
CREATE TABLE attribution_rows (
  key INTEGER PRIMARY KEY, article INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
  local TEXT NOT NULL, kind TEXT NOT NULL, content TEXT NOT NULL, cues TEXT NOT NULL,
  source_start INTEGER, source_end INTEGER, source_text TEXT, source_id INTEGER REFERENCES sources(id),
  vague INTEGER NOT NULL, resolved_by TEXT, confidence REAL, rules TEXT, speaker_rule TEXT,
  speaker_name TEXT, speaker_type TEXT, UNIQUE (article, local));
CREATE TABLE claim_rows (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  article INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, status TEXT NOT NULL,
  attribution INTEGER REFERENCES attribution_rows(key) ON DELETE SET NULL,
  checkworthiness REAL, reasons TEXT);
CREATE INDEX claim_rows_article ON claim_rows (article);
CREATE INDEX claim_rows_attribution ON claim_rows (attribution) WHERE attribution IS NOT NULL;
CREATE INDEX articles_run_id ON articles (run_id)"""

_TABLES = f"""
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT, command TEXT,
  articles_checked INTEGER, articles_failed INTEGER, scope TEXT, conventions TEXT,
  articles_reused INTEGER, status TEXT, pid INTEGER, host TEXT);
{_ARTICLES};
CREATE TABLE article_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version TEXT NOT NULL, checked_at TEXT NOT NULL, run_id INTEGER REFERENCES runs(id));
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, rule TEXT, key TEXT,
  statements INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0, UNIQUE (name, type));
{_FINDING_TABLES};
{_REVIEWS};
CREATE TABLE claim_counts (status TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX article_versions_article_id ON article_versions (article_id);
CREATE INDEX article_versions_run_id ON article_versions (run_id);
CREATE INDEX reviews_claim_id ON reviews (claim_id);
CREATE INDEX reviews_undoes ON reviews (undoes)"""

# Full-text search over claims and statements' content, read from the views (external content).
_SEARCH = """
CREATE VIRTUAL TABLE claims_fts USING fts5 (text, content = 'claims', content_rowid = 'rowid');
CREATE VIRTUAL TABLE attributions_fts USING fts5 (content_text, content = 'attributions', content_rowid = 'rowid')"""


def _search_triggers(table: str, view: str, column: str) -> Tuple[str, ...]:
    """Triggers that keep a view's full-text index in step with its table's rows: a row leaves the
    index before it changes or goes, while its text can still be read, and enters it after."""
    index = f"{view}_fts"
    remove = (f"INSERT INTO {index} ({index}, rowid, {column}) SELECT 'delete', rowid, {column} FROM {view} "
              "WHERE rowid = old.key")
    add = f"INSERT INTO {index} (rowid, {column}) SELECT rowid, {column} FROM {view} WHERE rowid = new.key"
    return (f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {add}; END",
            f"CREATE TRIGGER {index}_delete BEFORE DELETE ON {table} BEGIN {remove}; END",
            f"CREATE TRIGGER {index}_update_before BEFORE UPDATE ON {table} BEGIN {remove}; END",
            f"CREATE TRIGGER {index}_update_after AFTER UPDATE ON {table} BEGIN {add}; END")


# An article's findings go before the article does or its text changes, so their text can still be
# read to take them out of the full-text indexes (its findings are of the text they were found in).
_FINDINGS_GONE = "DELETE FROM claim_rows WHERE article = old.key; DELETE FROM attribution_rows WHERE article = old.key"
_SEARCH_TRIGGERS = _search_triggers("claim_rows", "claims", "text") + _search_triggers(
    "attribution_rows", "attributions", "content_text") + (
    f"CREATE TRIGGER articles_delete BEFORE DELETE ON articles BEGIN {_FINDINGS_GONE}; END",
    f"""CREATE TRIGGER articles_text BEFORE UPDATE OF text ON articles WHEN new.text IS NOT old.text
  BEGIN {_FINDINGS_GONE}; END""")


# A source's counts when an attribution names it (the row is in the table) or no longer does (it is gone).
_SOURCE_ADDED = """UPDATE sources SET statements = statements + 1, articles = articles + NOT EXISTS (
    SELECT 1 FROM attribution_rows WHERE source_id = new.source_id AND article = new.article
    AND key <> new.key) WHERE id = new.source_id"""
_SOURCE_REMOVED = """UPDATE sources SET statements = statements - 1, articles = articles - NOT EXISTS (
    SELECT 1 FROM attribution_rows WHERE source_id = old.source_id AND article = old.article)
    WHERE id = old.source_id"""

def _source_rules(rules: str) -> str:
    """SQL for the JSON list of the source rules ("source.…") in a JSON list of rule ids."""
    return f"(SELECT json_group_array(value) FROM json_each({rules}) WHERE substr(value, 1, 7) = 'source.')"


# How each source's statements name it: a tally of names, types and source rules, so that naming a
# source afresh at each save reads a row per way it is named, not every statement.
_SOURCE_NAMES = """
CREATE TABLE source_names (
  source_id INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, rules TEXT NOT NULL,
  statements INTEGER NOT NULL, PRIMARY KEY (source_id, name, type, rules)) WITHOUT ROWID"""


def _named(row: str) -> str:
    return f"{row}.source_id, coalesce({row}.speaker_name, ''), coalesce({row}.speaker_type, ''), {_source_rules(row + '.rules')}"


_NAMED_ADDED = f"""INSERT INTO source_names (source_id, name, type, rules, statements) SELECT {_named("new")}, 1
    WHERE new.source_id IS NOT NULL
    ON CONFLICT (source_id, name, type, rules) DO UPDATE SET statements = statements + 1"""
_NAMED_REMOVED = f"""UPDATE source_names SET statements = statements - 1
    WHERE (source_id, name, type, rules) = (SELECT {_named("old")});
  DELETE FROM source_names WHERE (source_id, name, type, rules) = (SELECT {_named("old")}) AND statements <= 0"""


# What the queries users ask read instead of scanning claims and attributions: the flagged-claims
# queue in its order (all of it, and each status's), articles by path, sources by rank and each
# source's articles.
_INDEXES = f"""
CREATE INDEX IF NOT EXISTS claims_queue ON claim_rows (checkworthiness DESC, article, start, status)
  WHERE status IN ({_sql_literals(FLAGGED)});
CREATE INDEX IF NOT EXISTS claims_status ON claim_rows (status, checkworthiness DESC, article, start)
  WHERE status IN ({_sql_literals(FLAGGED)});
CREATE INDEX IF NOT EXISTS articles_path ON articles (path);
CREATE INDEX IF NOT EXISTS attributions_source_article ON attribution_rows (source_id, article) WHERE source_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS sources_rank ON sources (statements DESC, name, type)"""

# Counts kept as rows change, so review progress and the source list read a row per status or
# source: claims per status, and each source's statements and articles.
_TRIGGERS = (
    """CREATE TRIGGER claim_counts_insert AFTER INSERT ON claim_rows BEGIN
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END""",
    """CREATE TRIGGER claim_counts_delete AFTER DELETE ON claim_rows BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status; END""",
    """CREATE TRIGGER claim_counts_update AFTER UPDATE OF status ON claim_rows WHEN new.status IS NOT old.status BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status;
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END""",
    f"""CREATE TRIGGER source_counts_insert AFTER INSERT ON attribution_rows WHEN new.source_id IS NOT NULL BEGIN
  {_SOURCE_ADDED}; END""",
    f"""CREATE TRIGGER source_counts_delete AFTER DELETE ON attribution_rows WHEN old.source_id IS NOT NULL BEGIN
  {_SOURCE_REMOVED}; END""",
    f"""CREATE TRIGGER source_counts_update AFTER UPDATE OF source_id, article ON attribution_rows
  WHEN new.source_id IS NOT old.source_id OR new.article IS NOT old.article BEGIN
  {_SOURCE_REMOVED}; {_SOURCE_ADDED}; END""",
    f"""CREATE TRIGGER source_names_insert AFTER INSERT ON attribution_rows BEGIN {_NAMED_ADDED}; END""",
    f"""CREATE TRIGGER source_names_delete AFTER DELETE ON attribution_rows BEGIN {_NAMED_REMOVED}; END""",
    f"""CREATE TRIGGER source_names_update AFTER UPDATE OF source_id, speaker_name, speaker_type, rules
  ON attribution_rows BEGIN {_NAMED_REMOVED}; {_NAMED_ADDED}; END""",
)

# Each claim's verdict in force (that of its latest review; none after an undo back to open), with the
# claim's status and its place in the queue while it is stored (NULL once its sentence is gone), and
# the number of stored claims of each status and verdict: kept by triggers on reviews and claims, so
# review progress reads a row per status and verdict, and a verdict's claims are walked in the
# queue's order from an index, however many reviews there are.
_VERDICT_TABLES = f"""
CREATE TABLE verdicts (
  claim_id TEXT PRIMARY KEY, verdict TEXT NOT NULL, review_id INTEGER NOT NULL, status TEXT,
  checkworthiness REAL, article INTEGER, start INTEGER) WITHOUT ROWID;
CREATE INDEX verdicts_queue ON verdicts (verdict, checkworthiness DESC, article, start)
  WHERE status IN ({_sql_literals(FLAGGED)});
CREATE INDEX verdicts_gone ON verdicts (verdict, review_id) WHERE status IS NULL;
CREATE TABLE verdict_counts (
  status TEXT NOT NULL, verdict TEXT NOT NULL, claims INTEGER NOT NULL, PRIMARY KEY (status, verdict)) WITHOUT ROWID"""


def _verdict_in_force(claim: str) -> str:
    """The statements that make a claim's row in `verdicts` anew from its latest review."""
    return f"""DELETE FROM verdicts WHERE claim_id = {claim};
  INSERT INTO verdicts (claim_id, verdict, review_id, status, checkworthiness, article, start)
    SELECT r.claim_id, r.verdict, r.id, c.status, c.checkworthiness, c.article, c.start
    FROM reviews r LEFT JOIN claim_rows c ON c.id = r.claim_id
    WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = {claim}) AND r.verdict IS NOT NULL"""


def _verdict_count(row: str, step: str) -> str:
    return f"""INSERT INTO verdict_counts (status, verdict, claims) SELECT {row}.status, {row}.verdict, {step}
    WHERE {row}.status IS NOT NULL ON CONFLICT (status, verdict) DO UPDATE SET claims = claims + {step}"""


_CLAIM_PLACE = "status = new.status, checkworthiness = new.checkworthiness, article = new.article, start = new.start"
_CLAIM_GONE = "status = NULL, checkworthiness = NULL, article = NULL, start = NULL"
_VERDICT_TRIGGERS = (
    f"""CREATE TRIGGER verdicts_review_insert AFTER INSERT ON reviews BEGIN
  {_verdict_in_force("new.claim_id")}; END""",
    f"""CREATE TRIGGER verdicts_review_delete AFTER DELETE ON reviews BEGIN
  {_verdict_in_force("old.claim_id")}; END""",
    f"""CREATE TRIGGER verdicts_review_update AFTER UPDATE ON reviews BEGIN
  {_verdict_in_force("old.claim_id")}; {_verdict_in_force("new.claim_id")}; END""",
    f"""CREATE TRIGGER verdicts_claim_insert AFTER INSERT ON claim_rows BEGIN
  UPDATE verdicts SET {_CLAIM_PLACE} WHERE claim_id = new.id; END""",
    f"""CREATE TRIGGER verdicts_claim_delete AFTER DELETE ON claim_rows BEGIN
  UPDATE verdicts SET {_CLAIM_GONE} WHERE claim_id = old.id; END""",
    f"""CREATE TRIGGER verdicts_claim_update AFTER UPDATE OF id, status, checkworthiness, article, start ON claim_rows BEGIN
  UPDATE verdicts SET {_CLAIM_GONE} WHERE claim_id = old.id;
  UPDATE verdicts SET {_CLAIM_PLACE} WHERE claim_id = new.id; END""",
    f"""CREATE TRIGGER verdict_counts_insert AFTER INSERT ON verdicts BEGIN
  {_verdict_count("new", "1")}; END""",
    f"""CREATE TRIGGER verdict_counts_delete AFTER DELETE ON verdicts BEGIN
  {_verdict_count("old", "-1")}; END""",
    f"""CREATE TRIGGER verdict_counts_update AFTER UPDATE OF status, verdict ON verdicts BEGIN
  {_verdict_count("old", "-1")}; {_verdict_count("new", "1")}; END""",
)


def _statements(script: str) -> List[str]:
    return [statement for statement in script.split(";") if statement.strip()]


def open_db(path, readonly: bool = False) -> Database:
    """Open (creating if needed) a provenance database, ready for concurrent writers.

    A database an earlier release wrote is upgraded in place, in one transaction.

    Args:
        path: A file path, or ":memory:".
        readonly: open an existing file for reading only (after upgrading it if it needs it),
            so a command that only reads never writes, and works on a file it cannot write.

    Raises:
        StorageError: The location is unwritable, or the file is not a usable SQLite database.
    """
    name = str(path)
    if readonly and name != ":memory:":
        db = _connect(name, readonly=True)
        if _user_version(db) == SCHEMA_VERSION:
            return db
        db.close()
        close(open_db(name))  # upgrade it once, then read
        return _connect(name, readonly=True)
    if name != ":memory:":
        _check_location(name)
    return _connect(name, readonly=False)


def _connect(name: str, readonly: bool) -> Database:
    if readonly:
        uri = "file:" + urllib.parse.quote(os.path.abspath(name)) + "?mode=ro"
        opener = functools.partial(sqlite3.connect, uri, uri=True)
    else:
        opener = functools.partial(sqlite3.connect, name)
    try:
        conn = opener(timeout=BUSY_TIMEOUT)
    except sqlite3.Error as error:
        raise _storage_error(name, error) from None
    try:
        db = Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        # A real read, so a file that is not SQLite or has a damaged schema fails here.
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not readonly and name != ":memory:":
            _enable_wal(db)
        if readonly:
            if _user_version(db) == SCHEMA_VERSION:  # else open_db upgrades it or says why it cannot
                _check_schema(db, name)
        else:
            _ensure_schema(db, name)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise _storage_error(name, error) from None
    except BaseException:
        conn.close()
        raise
    return db


def close(db: Database) -> None:
    """Close a database, leaving a file others can read: in rollback-journal mode, with no -wal
    or -shm file beside it, unless another process still has it open.

    Notes:
        A reader on read-only media, or one that opens the file as immutable
        (`datasette -i`), sees nothing of a write-ahead log. Leaving WAL needs the only
        connection; while another process has the file open the switch fails at once,
        the file stays in WAL, and the last writer to close switches it.
    """
    try:
        if not db.conn.in_transaction and _db_name(db) != ":memory:" and db.journal_mode == "wal":
            db.execute("PRAGMA busy_timeout = 0")
            db.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass  # another process has it open; it switches when it closes
    finally:
        db.close()


def _enable_wal(db: Database) -> None:
    """Switch to write-ahead logging, waiting while another process creates the same new file.

    Notes:
        Changing the journal mode needs a moment of exclusive access; two processes
        opening one new database at once can see SQLITE_BUSY there without the busy
        handler being consulted, so the switch is retried until the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _check_location(name: str) -> None:
    directory = os.path.dirname(os.path.abspath(name))
    if os.path.isdir(name):
        raise StorageError(f"{name}: is a directory; pass a file path for the database")
    if not os.path.isdir(directory):
        raise StorageError(
            f"{name}: directory {directory} does not exist; create it or pass another database path"
        )
    if not os.path.exists(name) and not os.access(directory, os.W_OK | os.X_OK):
        raise StorageError(
            f"{name}: directory {directory} is not writable; pass a database path you can write to"
        )


def _storage_error(name: str, error: sqlite3.Error) -> StorageError:
    message = str(error)
    if "not a database" in message or "malformed" in message:
        fix = "not a SQLite database, or corrupt; move it aside or pass another database path"
    elif "full" in message:
        fix = "no room left for it; free some disk space or pass a database path on another disk"
    elif "readonly" in message or "unable to open" in message:
        fix = "cannot write there; check the permissions or pass another database path"
    elif "no such table" in message or "no such column" in message:  # an upgrade of a file another tool wrote
        fix = "not written by provenance, or damaged; move it aside or pass another database path"
    elif "locked" in message or "busy" in message:
        fix = "another process held the database too long; try again when it has finished"
    else:
        fix = "pass another database path"
    return StorageError(f"{name}: {message}: {fix}")


def _db_name(db: Database) -> str:
    return db.execute("PRAGMA database_list").fetchone()[2] or ":memory:"


def _ensure_schema(db: Database, name: str) -> None:
    if _user_version(db) == SCHEMA_VERSION:
        _check_schema(db, name)
        return
    with _transaction(db):
        version = _user_version(db)  # another process may have created it while we waited
        if version == 0 and _tables(db):
            raise StorageError(f"{name}: a SQLite database another tool wrote (it has tables but no provenance "
                               "schema version); pass another database path")
        if version == 0:
            _create(db)
        elif version in _UPGRADES:
            _upgrade(db, version)
        elif version != SCHEMA_VERSION:
            raise StorageError(
                f"{name}: schema version {version} is not {SCHEMA_VERSION} (another tool or a "
                "newer provenance wrote it); pass another database path"
            )
    _check_schema(db, name)


def _upgrade(db: Database, version: int) -> None:
    """Upgrade a database of an earlier schema version, one version at a time, inside the caller's
    transaction; the views, which read the tables, are made anew from the current schema."""
    _drop_views(db)
    while version < SCHEMA_VERSION:
        _UPGRADES[version](db)
        version += 1
    _drop_views(db)  # a step may have made some for its own use
    for statement in _statements(_VIEWS):
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _drop_views(db: Database) -> None:
    for view in [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]:
        db.execute(f"DROP VIEW [{view}]")


def _add_columns(db: Database, table: str, columns: Dict[str, str]) -> None:
    """Add the columns (name: SQL type) a table lacks: an upgrade step may run on a table a later
    version's schema made."""
    present = {row[1] for row in db.execute(f"PRAGMA table_info([{table}])")}
    for column, kind in columns.items():
        if column not in present:
            db.execute(f"ALTER TABLE [{table}] ADD COLUMN [{column}] {kind}")


def _create(db: Database) -> None:
    for statement in _statements(_TABLES) + _statements(_SOURCE_TABLES):
        db.execute(statement)
    _create_indexes_and_triggers(db)
    for statement in _statements(_VIEWS):
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _create_indexes_and_triggers(db: Database) -> None:
    """Make what goes with the tables of findings: the indexes of the queries users ask, the full-text
    indexes, the verdicts in force, and the triggers that keep the counts and indexes."""
    for statement in (_statements(_INDEXES) + _statements(_SOURCE_NAMES) + list(_TRIGGERS) + _statements(_SEARCH)
                      + list(_SEARCH_TRIGGERS)
                      + _statements(_VERDICT_TABLES) + list(_VERDICT_TRIGGERS)):
        db.execute(statement)


def _tables(db: Database) -> dict:
    """Each table and view with its column names."""
    names = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")]
    return {name: {row[1] for row in db.execute(f"PRAGMA table_info([{name}])")} for name in names}


@functools.lru_cache(maxsize=None)
def _expected_tables() -> Tuple[Tuple[str, frozenset], ...]:
    db = Database(memory=True)
    _create(db)
    return tuple((name, frozenset(columns)) for name, columns in sorted(_tables(db).items()))


def _check_schema(db: Database, name: str) -> None:
    """Refuse a database whose schema version is ours but whose tables are not.

    Raises:
        StorageError: a table, view or column is missing.
    """
    found = _tables(db)
    for table, columns in _expected_tables():
        missing = sorted(columns - found.get(table, set()))
        if table not in found or missing:
            what = f"no {table} table" if table not in found else f"{table} lacks {', '.join(missing)}"
            raise StorageError(f"{name}: says schema version {SCHEMA_VERSION} but {what}: not written by "
                               "provenance, or damaged; move it aside or pass another database path")


def _user_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


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


@contextlib.contextmanager
def _transaction(db: Database) -> Iterator[None]:
    """Run a block as one write transaction, turning lock and I/O failures into StorageError.

    Notes:
        BEGIN IMMEDIATE takes the write lock up front, so a second writer waits on the
        busy timeout; a deferred BEGIN that reads and then writes fails at once with
        "database is locked" when another process committed in between.
    """
    if db.conn.in_transaction:  # the caller owns the transaction
        with db.atomic():
            yield
        return
    try:
        try:
            db.conn.execute("BEGIN IMMEDIATE")  # inside: an interrupt just after it rolls back too
            yield
            db.conn.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise
    except sqlite3.OperationalError as error:
        raise _storage_error(_db_name(db), error) from None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(db: Database, *, tool_version: str, model: str, model_version: str, rules_digest: str,
              command: str, scope: Optional[str] = None, conventions: Optional[str] = None,
              pid: Optional[int] = None, host: Optional[str] = None) -> int:
    """Record the start of a run, by process `pid` on machine `host`, and return its id."""
    with _transaction(db):
        cursor = db.execute(
            "INSERT INTO runs (started_at, tool_version, model, model_version, rules_digest, "
            "command, scope, conventions, pid, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_now(), tool_version, model, model_version, rules_digest, command, scope, conventions, pid, host],
        )
    return cursor.lastrowid


def open_runs(db: Database, host: str) -> List[dict]:
    """The runs started on machine `host` that have not recorded their end: id, pid and started_at."""
    return list(db.query("SELECT id, pid, started_at FROM runs WHERE status IS NULL AND host = ? AND pid IS NOT NULL",
                         [host]))


def abandon_runs(db: Database, run_ids: Sequence[int]) -> None:
    """Mark runs whose process is gone as ABANDONED, unless they recorded their end meanwhile."""
    with _transaction(db):
        db.execute(f"UPDATE runs SET status = ? WHERE status IS NULL AND id IN ({_placeholders(run_ids)})",
                   [ABANDONED, *run_ids])


def finish_run(db: Database, run_id: int, checked: int, failed: int, reused: int = 0,
               interrupted: bool = False) -> None:
    """Record the end of a run, its status (FINISHED, or INTERRUPTED before the end of its inputs)
    and how many articles it checked, failed on and reused unchanged.

    A write that an interrupt cut short between its BEGIN and its COMMIT or ROLLBACK is rolled
    back first: recorded inside it, as a savepoint, the end would be lost with it at exit.
    """
    if db.conn.in_transaction:
        db.rollback()
    with _transaction(db):
        db.execute(
            "UPDATE runs SET finished_at = ?, articles_checked = ?, articles_failed = ?, "
            "articles_reused = ?, status = ? WHERE id = ?",
            [_now(), checked, failed, reused, INTERRUPTED if interrupted else FINISHED, run_id],
        )


def save(db: Database, analysis: Analysis, run_id: Optional[int] = None) -> None:
    """Store an analysis in one transaction, replacing the findings of the article's earlier version.

    Reviews are kept: they are keyed by the claim fingerprint, which a claim keeps while
    its sentence is unchanged; the review of a sentence that is gone stays, of an
    earlier version. The version is added to the article's history.
    """
    article = analysis.article
    with _transaction(db):
        key = _upsert_article(db, analysis, run_id)
        db.execute("INSERT INTO article_versions (article_id, version, checked_at, run_id) VALUES (?, ?, ?, ?)",
                   [article.id, article.version, _now(), run_id])
        _save_findings(db, key, analysis)


def _save_findings(db: Database, key: int, analysis: Analysis) -> None:
    """Replace the stored attributions and claims of the article stored under `key`."""
    article = analysis.article
    db.execute("DELETE FROM claim_rows WHERE article = ?", [key])
    before = _article_sources(db, key)
    db.execute("DELETE FROM attribution_rows WHERE article = ?", [key])
    merges = _merges(db)
    rows = [_attribution_row(key, article.text, a, _source_id(db, article.id, a, merges))
            for a in analysis.attributions]
    _insert_all(db, "attribution_rows", rows)
    attribution_keys = dict(db.execute("SELECT local, key FROM attribution_rows WHERE article = ?", [key]).fetchall())
    _insert_all(db, "claim_rows", _claim_rows(key, article, analysis.claims, attribution_keys))
    _refresh_sources(db, before | {row["source_id"] for row in rows if row["source_id"] is not None})


def save_many(db: Database, analyses: Sequence[Analysis], run_id: Optional[int] = None) -> None:
    """Store several analyses in one transaction (a batch of a corpus run)."""
    with _transaction(db):
        for analysis in analyses:
            save(db, analysis, run_id)


def _upsert_article(db: Database, analysis: Analysis, run_id: Optional[int]) -> int:
    """Insert or update an article's row, and return its key."""
    article = analysis.article
    _upsert(db, "articles", {
        "id": article.id, "path": article.path, "title": article.title, "text": article.text,
        "analyzed_at": _now(), "tool_version": analysis.tool_version, "model": analysis.model,
        "model_version": analysis.model_version, "rules_digest": analysis.rules_digest,
        "run_id": run_id, "version": article.version, "scope": analysis.scope,
        "conventions": analysis.conventions,
        # a web page's metadata, all None for an article that came as text
        **{name: getattr(article.page, name, None) for name in PAGE_FIELDS},
    })
    return db.execute("SELECT key FROM articles WHERE id = ?", [article.id]).fetchone()[0]


def _insert_all(db: Database, table: str, rows: List[dict]) -> None:
    """Insert rows of one shape with one prepared statement (sqlite-utils' insert_all costs more
    than the insert itself at a few rows per article)."""
    if rows:
        columns = ", ".join(f"[{column}]" for column in rows[0])
        db.conn.executemany(f"INSERT INTO [{table}] ({columns}) VALUES ({_placeholders(rows[0])})",
                            [tuple(row.values()) for row in rows])


def _upsert(db: Database, table: str, row: dict) -> None:
    """Insert a row, or update the one with its id; an error (a full disk) is raised, never ignored."""
    columns = ", ".join(f"[{column}]" for column in row)
    updates = ", ".join(f"[{column}] = excluded.[{column}]" for column in row if column != "id")
    db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({_placeholders(row)}) "
               f"ON CONFLICT (id) DO UPDATE SET {updates}", list(row.values()))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _own(text: str, stretch) -> Optional[str]:
    """A stretch's text when it is not the article's between its offsets (to be stored), else None."""
    return None if text[stretch.start:stretch.end] == stretch.text else stretch.text


def _item(text: str, stretch, *fields) -> list:
    """A stretch as an item of a column of stretches: [start, end, *fields], its text last if its own."""
    own = _own(text, stretch)
    return [stretch.start, stretch.end, *fields] + ([] if own is None else [own])


def _attribution_row(article: int, text: str, attribution: Attribution, source_id: Optional[int]) -> dict:
    source, speaker = attribution.source, attribution.speaker
    return {
        "article": article, "local": attribution.id, "kind": attribution.kind,
        "content": _json([_item(text, span) for span in attribution.content]),
        "cues": _json([_item(text, cue, *(getattr(cue, name) for name in _CUE_FIELDS)) for cue in attribution.cues]),
        "source_start": source.start if source else None, "source_end": source.end if source else None,
        "source_text": _own(text, source) if source else None,
        "source_id": source_id, "vague": int(attribution.vague),
        "resolved_by": attribution.resolved_by, "confidence": attribution.confidence,
        "rules": _json(list(attribution.rules)),
        "speaker_rule": speaker.rule if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_type": speaker.type if speaker else None,
    }


def _claim_rows(key: int, article: Article, claims: Sequence[Claim], attributions: Dict[str, int]) -> List[dict]:
    return [{
        "id": fingerprint, "article": key, "start": claim.start, "end": claim.end,
        "text": _own(article.text, claim), "status": claim.status,
        "attribution": attributions[claim.attribution] if claim.attribution else None,
        "checkworthiness": claim.checkworthiness, "reasons": _json(list(claim.reasons)),
    } for claim, fingerprint in zip(claims, claim_ids(article.id, claims))]


def stored_analysis(db: Database, article_id: str, key: Optional[Dict[str, str]] = None) -> Optional[Analysis]:
    """The analysis stored for an article, rebuilt as the records it was saved from; None when the
    article is not stored, or, given `key` (a value for each of SKIP_KEY), when it was stored from
    another text, model, rules, scope, conventions or release."""
    row = db.execute("SELECT * FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    row = dict(zip((c[0] for c in db.execute("SELECT * FROM articles LIMIT 0").description), row))
    if key is not None and any(row[column] != key[column] for column in SKIP_KEY):
        return None
    text = row["text"]
    attributions = tuple(_attribution(text, r) for r in db.query(
        "SELECT * FROM attribution_rows WHERE article = ? ORDER BY key", [row["key"]]))
    claims = tuple(_claim(text, r) for r in db.query(
        "SELECT c.*, t.local FROM claim_rows c LEFT JOIN attribution_rows t ON t.key = c.attribution "
        "WHERE c.article = ? ORDER BY c.key", [row["key"]]))
    page = Page(**{name: row[name] for name in PAGE_FIELDS}) if row["extractor"] else None  # a web page's
    return Analysis(Article(row["id"], row["path"], row["title"], text, page), attributions, claims,
                    row["model"], row["model_version"], row["rules_digest"], row["tool_version"],
                    row["scope"], row["conventions"])


def _stretch(text: str, item: list, fields: int = 0) -> tuple:
    """(start, end, text, *fields) of an item of a column of stretches."""
    start, end = item[0], item[1]
    return (start, end, item[fields + 2] if len(item) > fields + 2 else text[start:end], *item[2:fields + 2])


def _attribution(text: str, row: dict) -> Attribution:
    source = None
    if row["source_start"] is not None:
        source = Span(row["source_start"], row["source_end"],
                      row["source_text"] if row["source_text"] is not None else text[row["source_start"]:row["source_end"]])
    speaker = Speaker(row["speaker_name"], row["speaker_type"], row["speaker_rule"]) if row["source_id"] else None
    return Attribution(
        id=row["local"], kind=row["kind"],
        content=tuple(Span(*_stretch(text, item)) for item in json.loads(row["content"])),
        cues=tuple(Cue(*_stretch(text, item, len(_CUE_FIELDS))) for item in json.loads(row["cues"])),
        source=source, speaker=speaker, vague=bool(row["vague"]), resolved_by=row["resolved_by"],
        confidence=row["confidence"], rules=tuple(json.loads(row["rules"])))


def _claim(text: str, row: dict) -> Claim:
    said = row["text"] if row["text"] is not None else text[row["start"]:row["end"]]
    return Claim(row["start"], row["end"], said, row["status"], row["local"], row["checkworthiness"],
                 tuple(json.loads(row["reasons"])))


def find_articles(db: Database, name: str) -> List[str]:
    """The ids of the articles `name` names: the article of that id, else those stored with that path."""
    if db.execute("SELECT 1 FROM articles WHERE id = ?", [name]).fetchone():
        return [name]
    return [row[0] for row in db.execute("SELECT id FROM articles WHERE path = ? ORDER BY id", [name])]


def article_versions(db: Database, article_id: str) -> List[dict]:
    """An article's history: each version checked, when and by which run, oldest first."""
    return list(db.query("SELECT version, checked_at, run_id FROM article_versions WHERE article_id = ? "
                         "ORDER BY id", [article_id]))


def flagged_claims(db: Database, limit: Optional[int] = None) -> List[dict]:
    """Claims open for review (unattributed or vague; unjudged or skipped), most check-worthy first.

    Rows are those of the `flagged_claims` view; `reasons` is a JSON list.
    """
    return list(db.query("SELECT * FROM flagged_claims LIMIT ?", [-1 if limit is None else limit]))


def list_claims(db: Database, article: Optional[str] = None, status: Optional[str] = None,
                verdict: Optional[str] = OPEN, limit: Optional[int] = None) -> List[dict]:
    """Flagged claims with their latest verdict, most check-worthy first.

    Args:
        article: only the claims of the article with this id or path.
        status: only claims of this status (one of FLAGGED).
        verdict: OPEN for those still open (never judged, skipped, or undone), one of
            VERDICTS for those whose latest verdict it is, None for all.
    """
    sql, params = _claims_query(article, status, verdict)
    return list(db.query(sql + " LIMIT ?", params + [-1 if limit is None else limit]))


def open_queue_page(db: Database, after: Optional[Tuple[float, str, int]] = None, limit: int = 20) -> List[dict]:
    """The next `limit` claims of the open queue (those of `list_claims`, with each one's `start`).

    Args:
        after: the (checkworthiness, article_key, start) of the last claim of the page before;
            None for the first page.

    Notes:
        Keyset pagination on the queue's order: a page is two seeks into claims_queue, the
        rest of the claims tied at the last one's check-worthiness, then those below it, so
        a page deep in a million claims costs what the first one does (an OFFSET walks
        every claim before it), and a verdict recorded meanwhile moves nothing.
    """
    if after is None:
        sql, params = _claims_query(None, None, OPEN)
        return list(db.query(sql + " LIMIT ?", params + [limit]))
    worth, article, start = after
    sql, params = _claims_query(None, None, OPEN, ("c.checkworthiness = ?", "(c.article, c.start) > (?, ?)"))
    tied = list(db.query(sql + " LIMIT ?", params + [worth, article, start, limit]))
    sql, params = _claims_query(None, None, OPEN, ("c.checkworthiness < ?",))
    return tied + list(db.query(sql + " LIMIT ?", params + [worth, limit - len(tied)]))


def _claims_query(article: Optional[str], status: Optional[str], verdict: Optional[str],
                  keyset: Sequence[str] = ()) -> Tuple[str, list]:
    """The query of `list_claims`, and its parameters, without its limit; `keyset` adds conditions
    whose parameters the caller appends.

    Notes:
        Each filter picks the rows the query starts from, so none scans every claim or review:
        an article's claims by its index (named, lest SQLite walk every flagged claim by status); the claims of a verdict from the index of the verdicts
        in force (CROSS JOIN fixes SQLite's join order); a status's from its part of the queue;
        else the claims_queue index. Each index is in the queue's order, walked until the limit.
    """
    where, params = [f"c.status IN ({_sql_literals(FLAGGED)})"], []  # literals, as the indexes' WHERE
    order = QUEUE_ORDER
    if article is not None:
        source = "claim_rows c INDEXED BY claim_rows_article"
        where.append("c.article IN (SELECT key FROM articles WHERE id = ? UNION SELECT key FROM articles WHERE path = ?)")
        params += [article, article]
    elif verdict not in (None, OPEN):
        source = "verdicts v INDEXED BY verdicts_queue CROSS JOIN claim_rows c ON c.id = v.claim_id"
        where += [f"v.status IN ({_sql_literals(FLAGGED)})", "v.verdict = ?"]
        params.append(verdict)
        order = QUEUE_ORDER.replace("c.", "v.")
    elif status is not None:
        source = "claim_rows c INDEXED BY claims_status"
    else:
        source = "claim_rows c INDEXED BY claims_queue"
    where, params = _judged(status, verdict, where, params)
    return (f"SELECT c.id, a.id AS article_id, a.path AS article_path, c.status, c.checkworthiness, {_claim_text('c')} "
            "AS text, l.verdict AS latest_verdict, c.article AS article_key, c.start "
            f"FROM {source} JOIN articles a ON a.key = c.article "
            f"LEFT JOIN latest_reviews l ON l.claim_id = c.id WHERE {' AND '.join(where + list(keyset))} "
            f"ORDER BY {order}"), params


def _flagged_where(article: Optional[str], status: Optional[str], verdict: Optional[str]) -> Tuple[str, list]:
    """The WHERE clause and its parameters that pick flagged claims (`c`, joined to their article `a`
    and latest review `l`) by article id or path, status and verdict (OPEN, one of VERDICTS, None for all)."""
    where, params = [f"c.status IN ({_placeholders(FLAGGED)})"], list(FLAGGED)
    if article is not None:
        where.append("(a.id = ? OR a.path = ?)")
        params += [article, article]
    where, params = _judged(status, verdict, where, params)
    return " AND ".join(where), params


def _judged(status: Optional[str], verdict: Optional[str], where: List[str], params: list) -> Tuple[List[str], list]:
    """`where` and `params` with the filters of a claim's status and its latest review `l`'s verdict
    (OPEN: none in force, or skipped; one of VERDICTS; None for any)."""
    where, params = list(where), list(params)
    if status is not None:
        where.append("c.status = ?")
        params.append(status)
    if verdict == OPEN:
        where.append("coalesce(l.verdict, ?) = ?")
        params += [SKIP, SKIP]
    elif verdict is not None:
        where.append("l.verdict = ?")
        params.append(verdict)
    return where, params


def earlier_reviews(db: Database, article: Optional[str] = None, verdict: Optional[str] = None) -> List[dict]:
    """The latest review of each claim no longer in its article (made on an earlier version) whose
    verdict is still in force, newest first; a claim reopened by an undo is not listed.

    Args:
        article: only those of the article with this id or path.
        verdict: only those whose latest verdict this is (one of VERDICTS), None for all.

    Notes:
        Read from the verdicts in force of claims no longer stored (an index of its own),
        never from every review.
    """
    where, params = ["v.status IS NULL"], []
    if verdict is not None:
        where.append("v.verdict = ?")
        params.append(verdict)
    if article is not None:
        where.append("(r.article_id = ? OR r.article_id IN (SELECT id FROM articles WHERE path = ?))")
        params += [article, article]
    return list(db.query(
        "SELECT r.id, r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at, r.undoes, r.article_id, "
        "a.path AS article_path, r.article_version, r.claim_text, NULL AS claim_status, 1 AS earlier_version "
        "FROM verdicts v INDEXED BY verdicts_gone CROSS JOIN reviews r ON r.id = v.review_id "
        f"LEFT JOIN articles a ON a.id = r.article_id WHERE {' AND '.join(where)} ORDER BY v.review_id DESC", params))


def claim(db: Database, claim_id: str, chars: int = 200) -> Optional[dict]:
    """Return a claim row with its article's title and path, `chars` characters of text
    either side (`context_before`, `context_after`) and its latest verdict; None if unknown."""
    rows = db.query(
        'SELECT c.id, c.article_id, c.start, c."end", c.text, c.status, c.attribution_id, c.checkworthiness, '
        "c.reasons, a.title AS article_title, a.path AS article_path, "
        "substr(a.text, max(c.start - :chars, 0) + 1, min(c.start, :chars)) AS context_before, "
        'substr(a.text, c."end" + 1, :chars) AS context_after, l.verdict AS latest_verdict '
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN latest_reviews l ON l.claim_id = c.id WHERE c.id = :id",
        {"id": claim_id, "chars": chars},
    )
    return next(iter(rows), None)


def add_review(db: Database, claim_id: str, verdict: str, note: Optional[str] = None,
               reviewer: Optional[str] = None) -> dict:
    """Append a verdict on a claim (the latest one counts) and return the new review row.

    The row keeps the claim's text and its article's id and version, so a review
    outlives its sentence.

    Raises:
        StorageError: The verdict is not one of VERDICTS, or no claim has that id.
    """
    if verdict not in VERDICTS:
        raise StorageError(f"unknown verdict {verdict!r}; use one of: {', '.join(VERDICTS)}")
    with _transaction(db):
        _known_claim(db, claim_id)
        review_id = _insert_review(db, claim_id, verdict, note, reviewer)
    return _review(db, review_id)


def _known_claim(db: Database, claim_id: str) -> None:
    if db.execute("SELECT 1 FROM claim_rows WHERE id = ?", [claim_id]).fetchone() is None:
        raise StorageError(f"{_db_name(db)}: no claim {claim_id!r}; list claim ids with provenance review --list")


def _insert_review(db: Database, claim_id: str, verdict: Optional[str], note: Optional[str],
                   reviewer: Optional[str], undoes: Optional[int] = None) -> int:
    return db.execute(
        "INSERT INTO reviews (claim_id, verdict, note, reviewer, reviewed_at, article_id, article_version, "
        f"claim_text, undoes) SELECT ?, ?, ?, ?, ?, a.id, a.version, {_claim_text('c')}, ? FROM (SELECT 1) "
        "LEFT JOIN claim_rows c ON c.id = ? LEFT JOIN articles a ON a.key = c.article",
        [claim_id, verdict, note, reviewer, _now(), undoes, claim_id],
    ).lastrowid


def _review(db: Database, review_id: int) -> dict:
    return next(db.query("SELECT id, claim_id, verdict, note, reviewer, reviewed_at, undoes FROM reviews "
                         "WHERE id = ?", [review_id]))


def _in_force(db: Database, claim_id: str) -> List[tuple]:
    """A claim's verdicts still in force, oldest first, as (review id, verdict): each undo takes
    back the newest of them."""
    stack: List[tuple] = []
    for review_id, verdict, undoes in db.execute(
            "SELECT id, verdict, undoes FROM reviews WHERE claim_id = ? ORDER BY id", [claim_id]):
        if undoes is None:
            stack.append((review_id, verdict))
        elif stack:
            stack.pop()
    return stack


def undo(db: Database, claim_id: Optional[str] = None, reviewer: Optional[str] = None) -> dict:
    """Take back the newest verdict in force on a claim by appending a review that supersedes it;
    nothing is deleted. The new row's verdict is the one in force again, None if the claim is open.

    Args:
        claim_id: the claim; None for the claim of the newest verdict still in force
            that `reviewer` recorded.

    Raises:
        StorageError: no such claim, or nothing to undo.
    """
    with _transaction(db):
        if claim_id is None:
            claim_id = _last_reviewed(db, reviewer)
        stack = _in_force(db, claim_id)
        if not stack:
            _known_claim(db, claim_id)
            raise StorageError(f"{_db_name(db)}: claim {claim_id!r} has no verdict to undo")
        restored = stack[-2][1] if len(stack) > 1 else None
        review_id = _insert_review(db, claim_id, restored, None, reviewer, undoes=stack[-1][0])
    return _review(db, review_id)


def _last_reviewed(db: Database, reviewer: Optional[str]) -> str:
    for review_id, claim_id in db.execute(
            "SELECT id, claim_id FROM reviews WHERE undoes IS NULL AND reviewer IS ? ORDER BY id DESC", [reviewer]):
        if review_id in (row[0] for row in _in_force(db, claim_id)):
            return claim_id
    raise StorageError(f"{_db_name(db)}: no verdict by {reviewer} to undo; give a CLAIM_ID")


def reviews(db: Database, claim_id: str) -> List[dict]:
    """Every review of a claim, oldest first."""
    return list(db.query("SELECT id, claim_id, verdict, note, reviewer, reviewed_at, undoes FROM reviews "
                         "WHERE claim_id = ? ORDER BY id", [claim_id]))


def review_log(db: Database) -> List[dict]:
    """Every review, oldest first, with its claim and article; `earlier_version` is 1 for a review whose
    sentence is no longer in the article (it was made on an earlier version)."""
    return list(db.query("SELECT * FROM review_log"))


def source_summary(db: Database) -> List[dict]:
    """Per source: name, type, statements attributed to it, and articles it appears in."""
    return list(db.query("SELECT * FROM source_summary"))


def review_progress(db: Database) -> dict:
    """Count flagged claims, those still open, and stored claims by their latest verdict.

    Notes:
        Read from the counts kept per status and per status and verdict, never from the claims or reviews.
    """
    flagged = db.execute(f"SELECT coalesce(sum(claims), 0) FROM claim_counts WHERE status IN ({_placeholders(FLAGGED)})",
                         FLAGGED).fetchone()[0]
    judged = db.execute(f"SELECT verdict, status IN ({_placeholders(FLAGGED)}), claims FROM verdict_counts "
                        "WHERE claims > 0", FLAGGED).fetchall()
    progress = {"flagged": flagged,
                "open": flagged - sum(n for verdict, is_flagged, n in judged if is_flagged and verdict != SKIP)}
    progress.update(dict.fromkeys(VERDICTS, 0))
    for verdict, _, n in judged:
        progress[verdict] += n
    return progress


# ---------------------------------------------------------------------------------------------
# Sources as entities, and the reviewers' corrections of them.
#
# A source row is one entity across the corpus: its id comes from a key computed from the
# name alone (``names.name_key``), and its name and type are recomputed from every statement
# stored for it, so the rows are the same whatever order articles were checked in. A
# reviewer's merge, rename or change of type is appended to `source_corrections` (never
# updated, never deleted: the latest correction of a source counts) and applied at every
# later save, so re-checking an article keeps it.
# ---------------------------------------------------------------------------------------------

MERGE, RENAME, SET_TYPE = "merge", "rename", "set-type"
CORRECTIONS = (MERGE, RENAME, SET_TYPE)

_SOURCE_TABLES = f"""
CREATE TABLE source_corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL CHECK (action IN ({_sql_literals(CORRECTIONS)})),
  source_key TEXT NOT NULL, value TEXT NOT NULL, note TEXT, reviewer TEXT, corrected_at TEXT NOT NULL);
CREATE INDEX source_corrections_key ON source_corrections (source_key);
CREATE UNIQUE INDEX sources_key ON sources (key);
"""


def speaker_key(article_id: str, name: str, kind: str) -> str:
    """The key of a speaker's source: by its name, or for an article's author no byline names, by the article."""
    if kind == AUTHOR_TYPE and name == UNNAMED_AUTHOR:
        return f"{AUTHOR_TYPE}:{article_id}"
    return name_key(name, kind)


def _merges(db: Database) -> dict:
    """The latest merge of each source key: key -> the key it was merged into."""
    return {row[0]: row[1] for row in db.execute(
        "SELECT source_key, value FROM source_corrections c WHERE action = ? AND id = "
        "(SELECT max(id) FROM source_corrections WHERE action = ? AND source_key = c.source_key)",
        [MERGE, MERGE]).fetchall()}


def _merged(key: str, merges: dict) -> str:
    """Follow merges from a key to the key it now belongs to."""
    seen = {key}
    while key in merges and merges[key] not in seen:
        key = merges[key]
        seen.add(key)
    return key


def _source_id(db: Database, article_id: str, attribution: Attribution, merges: dict) -> Optional[int]:
    speaker = attribution.speaker
    if speaker is None:
        return None
    key = _merged(speaker_key(article_id, speaker.name, speaker.type), merges)
    if not key:  # a name with nothing of a name in it ("’s") is no source
        return None
    # named by its key until _refresh_sources names it from its statements
    db.execute("INSERT INTO sources (id, name, type, rule, key) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
               [source_id(key), key, entity_type(speaker.type), speaker.rule, key])
    return source_id(key)


def _article_sources(db: Database, key: int) -> set:
    return {row[0] for row in db.execute(
        "SELECT DISTINCT source_id FROM attribution_rows WHERE article = ? AND source_id IS NOT NULL", [key])}


def _latest(db: Database, action: str, key: str) -> Optional[str]:
    row = db.execute("SELECT value FROM source_corrections WHERE action = ? AND source_key = ? "
                     "ORDER BY id DESC LIMIT 1", [action, key]).fetchone()
    return row[0] if row else None


def _said(db: Database, source: int, table: str) -> List[tuple]:
    """How a source's statements name it: (name, type, its source rules as JSON, statements) for each
    way, '' for no name or type; from the kept tally, or counted from the rows of an earlier schema's table."""
    if table == "attribution_rows":
        return db.execute("SELECT name, type, rules, statements FROM source_names WHERE source_id = ? "
                          "AND statements > 0", [source]).fetchall()
    return db.execute(f"SELECT coalesce(speaker_name, ''), coalesce(speaker_type, ''), {_source_rules('rules')}, "
                      f"count(*) FROM [{table}] WHERE source_id = ? GROUP BY 1, 2, 3", [source]).fetchall()


def _refresh_sources(db: Database, ids, table: str = "attribution_rows") -> None:
    """Recompute the name, type and rule of sources from their statements; drop those left with none.

    The name is the one used most, the type the most frequent (``names.stable_type``), the rule
    a named rule before the article's own; a reviewer's rename or type wins over both.

    Notes:
        Read from `source_names`, a tally of each source's names, types and rules kept by
        triggers, so a save costs the same however many statements a source already has.
    """
    for sid in sorted(ids):
        row = db.execute("SELECT key FROM sources WHERE id = ?", [sid]).fetchone()
        if row is None:
            continue
        said = _said(db, sid, table)
        if not said:
            db.execute("DELETE FROM sources WHERE id = ?", [sid])
            continue
        key = row[0]
        rules = sorted({rule for _, _, listed, _ in said for rule in json.loads(listed)})
        names, kinds = Counter(), Counter()
        for name, kind, _, statements in said:  # '' for no name or no type
            if name:
                names[name] += statements
            if kind:
                kinds[kind] += statements
        name = _latest(db, RENAME, key) or display_name_of(names) or key
        kind = _latest(db, SET_TYPE, key) or stable_type_of(kinds)
        rule = rules[0] if rules else None
        changed = db.execute("UPDATE OR IGNORE sources SET name = ?, type = ?, rule = coalesce(?, rule) WHERE id = ?",
                             [name, kind, rule, sid]).rowcount
        if not changed:  # another entity is listed under that name and type: this one says its key
            db.execute("UPDATE sources SET name = ?, type = ?, rule = coalesce(?, rule) WHERE id = ?",
                       [f"{name} [{key}]", kind, rule, sid])


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


def find_source(db: Database, name: str) -> dict:
    """The source a reviewer means by `name`: the one listed under that name, else the one with its key.

    Raises:
        StorageError: No source has that name or key, or several are listed under it.
    """
    rows = list(db.query("SELECT * FROM sources WHERE name = ?", [name]))
    if not rows:
        keys = {name_key(name, kind) for kind in ("person", "organization")}
        rows = list(db.query(f"SELECT * FROM sources WHERE key IN ({_placeholders(keys)}) ORDER BY key", list(keys)))
    if len(rows) != 1:
        listed = "none is" if not rows else f"{len(rows)} are"
        raise StorageError(f"{_db_name(db)}: {listed} named {name!r}; list the sources with `provenance sources`")
    return rows[0]


def correct_source(db: Database, action: str, name: str, value: str, note: Optional[str] = None,
                   reviewer: Optional[str] = None) -> dict:
    """Append a reviewer's correction of a source and apply it to the stored statements.

    Args:
        action: merge (`name` goes into the source named `value`), rename (`value` is the
            new name) or set-type (`value` is the type).

    Returns:
        The source row as it is after the correction.

    Raises:
        StorageError: An unknown action, an unknown source, or a merge of a source into itself.
    """
    if action not in CORRECTIONS:
        raise StorageError(f"unknown correction {action!r}; use one of: {', '.join(CORRECTIONS)}")
    with _transaction(db):
        source = find_source(db, name)
        if action == MERGE:
            target = find_source(db, value)
            if target["id"] == source["id"]:
                raise StorageError(f"{_db_name(db)}: {name!r} and {value!r} are already one source")
            value = target["key"]
        db.execute("INSERT INTO source_corrections (action, source_key, value, note, reviewer, corrected_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", [action, source["key"], value, note, reviewer, _now()])
        if action == MERGE:
            db.execute("UPDATE attribution_rows SET source_id = ? WHERE source_id = ?", [target["id"], source["id"]])
            _refresh_sources(db, {source["id"], target["id"]})
            return next(db.query("SELECT * FROM sources WHERE id = ?", [target["id"]]))
        _refresh_sources(db, {source["id"]})
    return next(db.query("SELECT * FROM sources WHERE id = ?", [source["id"]]))


def source_corrections(db: Database) -> List[dict]:
    """Every correction of a source, oldest first."""
    return list(db.query("SELECT * FROM source_corrections ORDER BY id"))


def source_aliases(db: Database, source: int) -> List[str]:
    """The names a source's statements gave it, most used first."""
    return [row[0] for row in db.execute(
        "SELECT speaker_name FROM attribution_rows WHERE source_id = ? AND speaker_name IS NOT NULL "
        "GROUP BY speaker_name ORDER BY count(*) DESC, speaker_name", [source])]


def source_entities(db: Database) -> List[dict]:
    """Per source: id, key, name, type, rule, statements, articles, and its other names (`aliases`)."""
    rows = list(db.query("SELECT * FROM source_entities"))
    for row in rows:
        row["aliases"] = [a for a in source_aliases(db, row["id"]) if a != row["name"]]
    return rows


def curated_sources(db: Database) -> List[dict]:
    """The sources a reviewer corrected, with every name they appear under (`aliases`), for export."""
    keys = {row[0] for row in db.execute("SELECT source_key FROM source_corrections")}
    keys |= {row[0] for row in db.execute("SELECT value FROM source_corrections WHERE action = ?", [MERGE])}
    rows = list(db.query(f"SELECT * FROM sources WHERE key IN ({_placeholders(keys)}) ORDER BY key", sorted(keys)))
    for row in rows:
        row["aliases"] = source_aliases(db, row["id"])
    return rows

# ---------------------------------------------------------------------------------------------------
# Reading for the web views (provenance.web): the articles, an article's claim ids, the review queue.
# ---------------------------------------------------------------------------------------------------

ALL = "all"  # the verdict filter for every flagged claim, judged or not (the queue, review --list)
QUEUE_VERDICTS = (OPEN, ALL) + VERDICTS
_WEB_TABLES = ("articles", "attributions", "claims", "reviews", "sources")


def is_provenance_db(conn) -> bool:
    """Whether a database (a sqlite3 connection or Database) holds provenance's tables."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    return names.issuperset(_WEB_TABLES)


def article_summaries(db: Database) -> List[dict]:
    """Every article with its counts of attributions, claims, flagged claims and claims still open."""
    flagged = _placeholders(FLAGGED)
    return list(db.query(
        "SELECT a.id, a.path, a.title, a.analyzed_at, "
        "(SELECT count(*) FROM attribution_rows t WHERE t.article = a.key) AS attributions, "
        "(SELECT count(*) FROM claim_rows c WHERE c.article = a.key) AS claims, "
        f"(SELECT count(*) FROM claim_rows c WHERE c.article = a.key AND c.status IN ({flagged})) AS flagged, "
        f"(SELECT count(*) FROM claim_rows c LEFT JOIN verdicts v ON v.claim_id = c.id WHERE c.article = a.key "
        f"AND c.status IN ({flagged}) AND coalesce(v.verdict, ?) = ?) AS open "
        "FROM articles a ORDER BY a.path, a.id", list(FLAGGED) + list(FLAGGED) + [SKIP, SKIP],
    ))


def stored_claim_ids(db: Database, article_id: str) -> Tuple[str, ...]:
    """The stored id of each of an article's claims, in the order of `stored_analysis`'s claims."""
    return tuple(row[0] for row in db.execute(
        "SELECT c.id FROM claim_rows c JOIN articles a ON a.key = c.article WHERE a.id = ? ORDER BY c.key", [article_id]))


def review_queue(db: Database, article_id: Optional[str] = None, status: Optional[str] = None,
                 verdict: str = OPEN, chars: int = 200, limit: Optional[int] = None, offset: int = 0) -> List[dict]:
    """Flagged claims across the database, most check-worthy first, with `chars` characters of context
    either side and their latest review; the same ids and order as `list_claims` and `flagged_claims`.

    Args:
        article_id: Only the claims of the article with this id or path.
        status: Only claims of this flagged status.
        verdict: OPEN (no verdict in force), ALL, or only claims whose latest verdict is this one.
        limit, offset: A page of the queue: `limit` claims (all if None) after the first `offset`.

    Raises:
        StorageError: `status` is not a flagged status, or `verdict` not one of QUEUE_VERDICTS.
    """
    if status is not None and status not in FLAGGED:
        raise StorageError(f"unknown status {status!r}; use one of: {', '.join(FLAGGED)}")
    if verdict not in QUEUE_VERDICTS:
        raise StorageError(f"unknown verdict {verdict!r}; use one of: {', '.join(QUEUE_VERDICTS)}")
    where, params = _flagged_where(article_id, status, None if verdict == ALL else verdict)
    rows = db.query(
        "SELECT c.id, a.id AS article_id, a.title AS article_title, a.path AS article_path, "
        f"{_claim_text('c')} AS text, c.status, c.checkworthiness, c.reasons, c.start, "
        "substr(a.text, max(c.start - ?, 0) + 1, min(c.start, ?)) AS context_before, "
        'substr(a.text, c."end" + 1, ?) AS context_after, l.verdict AS latest_verdict, '
        "l.note AS latest_note, l.reviewer AS latest_reviewer, l.reviewed_at AS latest_reviewed_at "
        "FROM claim_rows c JOIN articles a ON a.key = c.article "
        "LEFT JOIN latest_reviews l ON l.claim_id = c.id "
        f"WHERE {where} ORDER BY {QUEUE_ORDER} LIMIT ? OFFSET ?",
        [chars, chars, chars] + params + [-1 if limit is None else limit, offset],
    )
    return [dict(row, reasons=json.loads(row["reasons"])) for row in rows]
