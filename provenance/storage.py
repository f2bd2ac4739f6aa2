"""The SQLite database: its schema, and storing and reading analyses, runs and reviews."""
from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import time
import urllib.parse
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from sqlite_utils import Database

from .errors import StorageError
from .names import display_name, entity_type, name_key, source_id, stable_type
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

_VIEWS = f"""
CREATE VIEW latest_reviews AS
  SELECT r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at FROM reviews r
  WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = r.claim_id);
CREATE VIEW flagged_claims AS
  SELECT c.id, c.article_id, a.title AS article_title, c.text, c.status, c.checkworthiness,
         c.reasons, l.verdict AS latest_verdict, a.path AS article_path
  FROM claims c JOIN articles a ON a.id = c.article_id
  LEFT JOIN latest_reviews l ON l.claim_id = c.id
  WHERE c.status IN ({_sql_literals(FLAGGED)}) AND (l.verdict IS NULL OR l.verdict = {_sql_literals([SKIP])})
  ORDER BY c.checkworthiness DESC, c.article_id, c.start;
CREATE VIEW source_summary AS
  SELECT s.name, s.type, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW source_entities AS
  SELECT s.id, s.key, s.name, s.type, s.rule, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW review_log AS
  SELECT r.id, r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at, r.undoes,
         r.article_id, a.path AS article_path, r.article_version,
         coalesce(c.text, r.claim_text) AS claim_text, c.status AS claim_status,
         c.id IS NULL AS earlier_version
  FROM reviews r LEFT JOIN claims c ON c.id = r.claim_id LEFT JOIN articles a ON a.id = r.article_id
  ORDER BY r.id;
"""

# A web page's metadata, beside the article taken out of it (records.PAGE_FIELDS); NULL for text.
_PAGE_COLUMNS = ", ".join(f"{name} TEXT" for name in PAGE_FIELDS)

_TABLES = f"""
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT, command TEXT,
  articles_checked INTEGER, articles_failed INTEGER, scope TEXT, conventions TEXT,
  articles_reused INTEGER, status TEXT, pid INTEGER, host TEXT);
CREATE TABLE articles (
  id TEXT PRIMARY KEY, path TEXT, title TEXT, text TEXT NOT NULL, analyzed_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT,
  run_id INTEGER REFERENCES runs(id), version TEXT, scope TEXT, conventions TEXT,
  {_PAGE_COLUMNS});
CREATE TABLE article_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version TEXT NOT NULL, checked_at TEXT NOT NULL, run_id INTEGER REFERENCES runs(id));
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, rule TEXT, key TEXT,
  statements INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0, UNIQUE (name, type));
CREATE TABLE attributions (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, content_start INTEGER, content_end INTEGER, content_text TEXT,
  content_spans TEXT, cue_start INTEGER, cue_end INTEGER, cue_text TEXT, cue_lemma TEXT,
  cue_stance TEXT, cue_rule TEXT, cues TEXT, source_start INTEGER, source_end INTEGER,
  source_text TEXT, source_id INTEGER REFERENCES sources(id), vague INTEGER NOT NULL,
  resolved_by TEXT, confidence REAL, rules TEXT, speaker_rule TEXT, speaker_name TEXT, speaker_type TEXT);
CREATE TABLE claims (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL,
  attribution_id TEXT REFERENCES attributions(id) ON DELETE SET NULL,
  checkworthiness REAL, reasons TEXT);
{_REVIEWS};
CREATE TABLE claim_counts (status TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX articles_run_id ON articles (run_id);
CREATE INDEX article_versions_article_id ON article_versions (article_id);
CREATE INDEX article_versions_run_id ON article_versions (run_id);
CREATE INDEX attributions_article_id ON attributions (article_id);
CREATE INDEX claims_article_id ON claims (article_id);
CREATE INDEX claims_attribution_id ON claims (attribution_id);
CREATE INDEX reviews_claim_id ON reviews (claim_id);
CREATE INDEX reviews_undoes ON reviews (undoes);
{_VIEWS}"""


# A source's counts when an attribution names it (the row is in the table) or no longer does (it is gone).
_SOURCE_ADDED = """UPDATE sources SET statements = statements + 1, articles = articles + NOT EXISTS (
    SELECT 1 FROM attributions WHERE source_id = new.source_id AND article_id = new.article_id
    AND rowid <> new.rowid) WHERE id = new.source_id"""
_SOURCE_REMOVED = """UPDATE sources SET statements = statements - 1, articles = articles - NOT EXISTS (
    SELECT 1 FROM attributions WHERE source_id = old.source_id AND article_id = old.article_id)
    WHERE id = old.source_id"""

# What the queries users ask read instead of scanning claims and attributions: the flagged-claims
# queue in its order, articles by path, sources by rank and each source's articles.
_INDEXES = f"""
CREATE INDEX IF NOT EXISTS claims_queue ON claims (checkworthiness DESC, article_id, start, status)
  WHERE status IN ({_sql_literals(FLAGGED)});
CREATE INDEX IF NOT EXISTS articles_path ON articles (path);
CREATE INDEX IF NOT EXISTS attributions_source_article ON attributions (source_id, article_id);
CREATE INDEX IF NOT EXISTS sources_rank ON sources (statements DESC, name, type)"""

# Counts kept as rows change, so review progress and the source list read a row per status or
# source: claims per status, and each source's statements and articles.
_TRIGGERS = (
    """CREATE TRIGGER claim_counts_insert AFTER INSERT ON claims BEGIN
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END""",
    """CREATE TRIGGER claim_counts_delete AFTER DELETE ON claims BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status; END""",
    """CREATE TRIGGER claim_counts_update AFTER UPDATE OF status ON claims WHEN new.status IS NOT old.status BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status;
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END""",
    f"""CREATE TRIGGER source_counts_insert AFTER INSERT ON attributions WHEN new.source_id IS NOT NULL BEGIN
  {_SOURCE_ADDED}; END""",
    f"""CREATE TRIGGER source_counts_delete AFTER DELETE ON attributions WHEN old.source_id IS NOT NULL BEGIN
  {_SOURCE_REMOVED}; END""",
    f"""CREATE TRIGGER source_counts_update AFTER UPDATE OF source_id, article_id ON attributions
  WHEN new.source_id IS NOT old.source_id OR new.article_id IS NOT old.article_id BEGIN
  {_SOURCE_REMOVED}; {_SOURCE_ADDED}; END""",
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
    for view in [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]:
        db.execute(f"DROP VIEW [{view}]")
    while version < SCHEMA_VERSION:
        _UPGRADES[version](db)
        version += 1
    for statement in _statements(_VIEWS):
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _add_columns(db: Database, table: str, columns: Dict[str, str]) -> None:
    """Add the columns (name: SQL type) a table lacks: an upgrade step may run on a table a later
    version's schema made."""
    present = {row[1] for row in db.execute(f"PRAGMA table_info([{table}])")}
    for column, kind in columns.items():
        if column not in present:
            db.execute(f"ALTER TABLE [{table}] ADD COLUMN [{column}] {kind}")


def _create(db: Database) -> None:
    for statement in _statements(_TABLES) + _statements(_SOURCE_TABLES) + _statements(_INDEXES) + list(_TRIGGERS):
        db.execute(statement)
    db["claims"].enable_fts(["text"], create_triggers=True)
    db["attributions"].enable_fts(["content_text"], create_triggers=True)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


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
        _upsert_article(db, analysis, run_id)
        db.execute("INSERT INTO article_versions (article_id, version, checked_at, run_id) VALUES (?, ?, ?, ?)",
                   [article.id, article.version, _now(), run_id])
        db.execute("DELETE FROM claims WHERE article_id = ?", [article.id])
        before = _article_sources(db, article.id)
        db.execute("DELETE FROM attributions WHERE article_id = ?", [article.id])
        merges = _merges(db)
        rows = [_attribution_row(article.id, a, _source_id(db, article.id, a, merges)) for a in analysis.attributions]
        _insert_all(db, "attributions", rows)
        _insert_all(db, "claims", _claim_rows(article.id, analysis.claims))
        _refresh_sources(db, before | {row["source_id"] for row in rows if row["source_id"] is not None})


def save_many(db: Database, analyses: Sequence[Analysis], run_id: Optional[int] = None) -> None:
    """Store several analyses in one transaction (a batch of a corpus run)."""
    with _transaction(db):
        for analysis in analyses:
            save(db, analysis, run_id)


def _upsert_article(db: Database, analysis: Analysis, run_id: Optional[int]) -> None:
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


def _fields(record, prefix: str, names: Sequence[str]) -> dict:
    return {f"{prefix}_{n}": getattr(record, n) if record else None for n in names}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _attribution_row(article_id: str, attribution: Attribution, source_id: Optional[int]) -> dict:
    content = attribution.content
    return {
        "id": f"{article_id}:{attribution.id}", "article_id": article_id, "kind": attribution.kind,
        "content_start": content[0].start if content else None,
        "content_end": content[-1].end if content else None,
        "content_text": " … ".join(span.text for span in content),
        "content_spans": _json([asdict(span) for span in content]),
        **_fields(attribution.cue, "cue", ("start", "end", "text", "lemma", "stance", "rule")),
        "cues": _json([asdict(cue) for cue in attribution.cues]),
        **_fields(attribution.source, "source", ("start", "end", "text")),
        "source_id": source_id, "vague": int(attribution.vague),
        "resolved_by": attribution.resolved_by, "confidence": attribution.confidence,
        "rules": _json(list(attribution.rules)),
        "speaker_rule": attribution.speaker.rule if attribution.speaker else None,
        "speaker_name": attribution.speaker.name if attribution.speaker else None,
        "speaker_type": attribution.speaker.type if attribution.speaker else None,
    }


def _claim_rows(article_id: str, claims: Sequence[Claim]) -> List[dict]:
    return [{
        "id": fingerprint, "article_id": article_id,
        "start": claim.start, "end": claim.end, "text": claim.text, "status": claim.status,
        "attribution_id": f"{article_id}:{claim.attribution}" if claim.attribution else None,
        "checkworthiness": claim.checkworthiness, "reasons": _json(list(claim.reasons)),
    } for claim, fingerprint in zip(claims, claim_ids(article_id, claims))]


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
    attributions = tuple(_attribution(article_id, r) for r in db.query(
        "SELECT t.* FROM attributions t WHERE t.article_id = ? ORDER BY t.rowid", [article_id]))
    claims = tuple(_claim(article_id, r) for r in db.query(
        "SELECT * FROM claims WHERE article_id = ? ORDER BY rowid", [article_id]))
    page = Page(**{name: row[name] for name in PAGE_FIELDS}) if row["extractor"] else None  # a web page's
    return Analysis(Article(row["id"], row["path"], row["title"], row["text"], page), attributions, claims,
                    row["model"], row["model_version"], row["rules_digest"], row["tool_version"],
                    row["scope"], row["conventions"])


def _local(article_id: str, row_id: Optional[str]) -> Optional[str]:
    """An attribution's id within its article: its row id without the article's prefix."""
    return row_id[len(article_id) + 1:] if row_id else None


def _attribution(article_id: str, row: dict) -> Attribution:
    source = Span(row["source_start"], row["source_end"], row["source_text"]) if row["source_text"] is not None else None
    speaker = Speaker(row["speaker_name"], row["speaker_type"], row["speaker_rule"]) if row["source_id"] else None
    return Attribution(
        id=_local(article_id, row["id"]), kind=row["kind"],
        content=tuple(Span(**span) for span in json.loads(row["content_spans"])),
        cues=tuple(Cue(**cue) for cue in json.loads(row["cues"])), source=source, speaker=speaker,
        vague=bool(row["vague"]), resolved_by=row["resolved_by"], confidence=row["confidence"],
        rules=tuple(json.loads(row["rules"])))


def _claim(article_id: str, row: dict) -> Claim:
    return Claim(row["start"], row["end"], row["text"], row["status"], _local(article_id, row["attribution_id"]),
                 row["checkworthiness"], tuple(json.loads(row["reasons"])))


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


def _claims_query(article: Optional[str], status: Optional[str], verdict: Optional[str]) -> Tuple[str, list]:
    """The query of `list_claims`, and its parameters, without its limit.

    Notes:
        Each filter picks the rows the query starts from, so none scans every claim: an
        article's claims by its index, claims of a verdict from the reviews (CROSS JOIN
        fixes SQLite's join order), else the claims_queue index, walked in the queue's
        order until the limit.
    """
    where, params = [f"c.status IN ({_sql_literals(FLAGGED)})"], []  # literals, as claims_queue's WHERE
    if article is not None:
        source = "claims c"
        where.append("c.article_id IN (SELECT id FROM articles WHERE id = ? UNION SELECT id FROM articles WHERE path = ?)")
        params += [article, article]
    elif verdict not in (None, OPEN):
        source = "latest_reviews r CROSS JOIN claims c ON c.id = r.claim_id"
    else:
        source = "claims c INDEXED BY claims_queue"
    where, params = _judged(status, verdict, where, params)
    return ("SELECT c.id, c.article_id, a.path AS article_path, c.status, c.checkworthiness, c.text, "
            f"l.verdict AS latest_verdict FROM {source} JOIN articles a ON a.id = c.article_id "
            f"LEFT JOIN latest_reviews l ON l.claim_id = c.id WHERE {' AND '.join(where)} "
            "ORDER BY c.checkworthiness DESC, c.article_id, c.start"), params


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
    """The latest review of each claim no longer in its article (made on an earlier version), newest first.

    Args:
        article: only those of the article with this id or path.
        verdict: only those whose latest verdict this is (one of VERDICTS), None for all.
    """
    where, params = ["r.earlier_version = 1", "r.id = (SELECT max(id) FROM reviews WHERE claim_id = r.claim_id)"], []
    if article is not None:
        where.append("(r.article_id = ? OR r.article_path = ?)")
        params += [article, article]
    if verdict is not None:
        where.append("r.verdict = ?")
        params.append(verdict)
    return list(db.query(f"SELECT * FROM review_log r WHERE {' AND '.join(where)} ORDER BY r.id DESC", params))


def claim(db: Database, claim_id: str, chars: int = 200) -> Optional[dict]:
    """Return a claim row with its article's title and path, `chars` characters of text
    either side (`context_before`, `context_after`) and its latest verdict; None if unknown."""
    rows = db.query(
        'SELECT c.*, a.title AS article_title, a.path AS article_path, '
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
    if db.execute("SELECT 1 FROM claims WHERE id = ?", [claim_id]).fetchone() is None:
        raise StorageError(f"{_db_name(db)}: no claim {claim_id!r}; list claim ids with provenance review --list")


def _insert_review(db: Database, claim_id: str, verdict: Optional[str], note: Optional[str],
                   reviewer: Optional[str], undoes: Optional[int] = None) -> int:
    return db.execute(
        "INSERT INTO reviews (claim_id, verdict, note, reviewer, reviewed_at, article_id, article_version, "
        "claim_text, undoes) SELECT ?, ?, ?, ?, ?, c.article_id, a.version, c.text, ? FROM (SELECT 1) "
        "LEFT JOIN claims c ON c.id = ? LEFT JOIN articles a ON a.id = c.article_id",
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
        Read from the kept counts per status and from the reviews, never from every claim.
    """
    flagged = db.execute(f"SELECT coalesce(sum(claims), 0) FROM claim_counts WHERE status IN ({_placeholders(FLAGGED)})",
                         FLAGGED).fetchone()[0]
    judged = db.execute(
        "SELECT l.verdict, c.status IN ({}) AS flagged, count(*) FROM latest_reviews l CROSS JOIN claims c "
        "ON c.id = l.claim_id WHERE l.verdict IS NOT NULL GROUP BY 1, 2".format(_placeholders(FLAGGED)),
        FLAGGED).fetchall()
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


def _article_sources(db: Database, article_id: str) -> set:
    return {row[0] for row in db.execute(
        "SELECT DISTINCT source_id FROM attributions WHERE article_id = ? AND source_id IS NOT NULL", [article_id])}


def _latest(db: Database, action: str, key: str) -> Optional[str]:
    row = db.execute("SELECT value FROM source_corrections WHERE action = ? AND source_key = ? "
                     "ORDER BY id DESC LIMIT 1", [action, key]).fetchone()
    return row[0] if row else None


def _refresh_sources(db: Database, ids) -> None:
    """Recompute the name, type and rule of sources from their statements; drop those left with none.

    The name is the one used most, the type the most frequent (``names.stable_type``), the rule
    a named rule before the article's own; a reviewer's rename or type wins over both.
    """
    for sid in sorted(ids):
        row = db.execute("SELECT key FROM sources WHERE id = ?", [sid]).fetchone()
        if row is None:
            continue
        said = db.execute("SELECT speaker_name, speaker_type, rules FROM attributions WHERE source_id = ?",
                          [sid]).fetchall()
        if not said:
            db.execute("DELETE FROM sources WHERE id = ?", [sid])
            continue
        key = row[0]
        rules = sorted({rule for _, _, listed in said for rule in json.loads(listed or "[]")
                        if rule.startswith("source.")})
        name = _latest(db, RENAME, key) or display_name(n for n, _, _ in said if n) or key
        kind = _latest(db, SET_TYPE, key) or stable_type(k for _, k, _ in said if k)
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
    _refresh_sources(db, {row[0] for row in db.execute("SELECT id FROM sources")})


_UPGRADES[2] = upgrade_from_2


def upgrade_from_3(db: Database) -> None:
    """Upgrade the tables of a database of schema version 3 to those of version 4: the indexes of the
    queries users ask, and the counts of claims per status and of each source's statements and
    articles, counted once from the rows and then kept by triggers; and, where missing, a run's
    status and a web page's metadata on its article."""
    _add_columns(db, "runs", {"status": "TEXT"})
    _add_columns(db, "articles", dict.fromkeys(PAGE_FIELDS, "TEXT"))
    _add_columns(db, "sources", {"statements": "INTEGER NOT NULL DEFAULT 0", "articles": "INTEGER NOT NULL DEFAULT 0"})
    db.execute("DROP INDEX IF EXISTS attributions_source_id")  # led by source_id, as the new index is
    db.execute("CREATE TABLE IF NOT EXISTS claim_counts (status TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("DELETE FROM claim_counts")
    db.execute("INSERT INTO claim_counts (status, claims) SELECT status, count(*) FROM claims GROUP BY status")
    for statement in _statements(_INDEXES):
        db.execute(statement)
    db.execute("UPDATE sources SET statements = (SELECT count(*) FROM attributions WHERE source_id = sources.id), "
               "articles = (SELECT count(DISTINCT article_id) FROM attributions WHERE source_id = sources.id)")
    for name in [statement.split()[2] for statement in _TRIGGERS]:
        db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
    for statement in _TRIGGERS:
        db.execute(statement)


_UPGRADES[3] = upgrade_from_3


def upgrade_from_4(db: Database) -> None:
    """Upgrade the tables of a database of schema version 4 to those of version 5: each run's process
    id and machine, so that a later run can tell a run whose process is gone from one still going."""
    _add_columns(db, "runs", {"pid": "INTEGER", "host": "TEXT"})


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
            db.execute("UPDATE attributions SET source_id = ? WHERE source_id = ?", [target["id"], source["id"]])
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
        "SELECT speaker_name FROM attributions WHERE source_id = ? AND speaker_name IS NOT NULL "
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
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return names.issuperset(_WEB_TABLES)


def article_summaries(db: Database) -> List[dict]:
    """Every article with its counts of attributions, claims, flagged claims and claims still open."""
    flagged = _placeholders(FLAGGED)
    return list(db.query(
        "SELECT a.id, a.path, a.title, a.analyzed_at, "
        "(SELECT count(*) FROM attributions t WHERE t.article_id = a.id) AS attributions, "
        "(SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims, "
        f"(SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.status IN ({flagged})) AS flagged, "
        "(SELECT count(*) FROM flagged_claims f WHERE f.article_id = a.id) AS open "
        "FROM articles a ORDER BY a.path, a.id", list(FLAGGED),
    ))


def stored_claim_ids(db: Database, article_id: str) -> Tuple[str, ...]:
    """The stored id of each of an article's claims, in the order of `stored_analysis`'s claims."""
    return tuple(row[0] for row in db.execute(
        "SELECT id FROM claims WHERE article_id = ? ORDER BY rowid", [article_id]))


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
        "SELECT c.id, c.article_id, a.title AS article_title, a.path AS article_path, c.text, c.status, "
        "c.checkworthiness, c.reasons, c.start, "
        "substr(a.text, max(c.start - ?, 0) + 1, min(c.start, ?)) AS context_before, "
        'substr(a.text, c."end" + 1, ?) AS context_after, l.verdict AS latest_verdict, '
        "l.note AS latest_note, l.reviewer AS latest_reviewer, l.reviewed_at AS latest_reviewed_at "
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN latest_reviews l ON l.claim_id = c.id "
        f"WHERE {where} ORDER BY c.checkworthiness DESC, c.article_id, c.start LIMIT ? OFFSET ?",
        [chars, chars, chars] + params + [-1 if limit is None else limit, offset],
    )
    return [dict(row, reasons=json.loads(row["reasons"])) for row in rows]
