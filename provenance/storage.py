"""The SQLite database: its schema, and storing and reading analyses, runs and reviews."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections import Counter
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Iterator, List, Optional, Sequence

from sqlite_utils import Database

from .errors import StorageError
from .records import FLAGGED, Analysis, Attribution, Claim

SCHEMA_VERSION = 1
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's write lock
SKIP = "skip"  # the verdict that leaves a claim open for review
VERDICTS = ("needs-source", "acceptable", "false-positive", SKIP)


def _sql_literals(values: Sequence[str]) -> str:
    """Strings as a list of SQL literals, quotes doubled: "'unattributed', 'vague'".

    For the schema, where a CHECK constraint or a view cannot take parameters.
    """
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def _placeholders(values: Sequence) -> str:
    """One `?` per value, for an `IN (...)` list in a query."""
    return ", ".join("?" * len(values))


_TABLES = f"""
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT, command TEXT,
  articles_checked INTEGER, articles_failed INTEGER);
CREATE TABLE articles (
  id TEXT PRIMARY KEY, path TEXT, title TEXT, text TEXT NOT NULL, analyzed_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT,
  run_id INTEGER REFERENCES runs(id));
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, rule TEXT, UNIQUE (name, type));
CREATE TABLE attributions (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, content_start INTEGER, content_end INTEGER, content_text TEXT,
  content_spans TEXT, cue_start INTEGER, cue_end INTEGER, cue_text TEXT, cue_lemma TEXT,
  cue_stance TEXT, cue_rule TEXT, cues TEXT, source_start INTEGER, source_end INTEGER,
  source_text TEXT, source_id INTEGER REFERENCES sources(id), vague INTEGER NOT NULL,
  resolved_by TEXT, confidence REAL, rules TEXT);
CREATE TABLE claims (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL,
  attribution_id TEXT REFERENCES attributions(id) ON DELETE SET NULL,
  checkworthiness REAL, reasons TEXT);
-- No foreign key on claim_id: reviews outlive re-analysis, even of a claim that disappears.
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT, claim_id TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ({_sql_literals(VERDICTS)})),
  note TEXT, reviewer TEXT, reviewed_at TEXT NOT NULL);
CREATE INDEX articles_run_id ON articles (run_id);
CREATE INDEX attributions_article_id ON attributions (article_id);
CREATE INDEX attributions_source_id ON attributions (source_id);
CREATE INDEX claims_article_id ON claims (article_id);
CREATE INDEX claims_attribution_id ON claims (attribution_id);
CREATE INDEX reviews_claim_id ON reviews (claim_id);
CREATE VIEW latest_reviews AS
  SELECT r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at FROM reviews r
  WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = r.claim_id);
CREATE VIEW flagged_claims AS
  SELECT c.id, c.article_id, a.title AS article_title, c.text, c.status, c.checkworthiness,
         c.reasons, l.verdict AS latest_verdict
  FROM claims c JOIN articles a ON a.id = c.article_id
  LEFT JOIN latest_reviews l ON l.claim_id = c.id
  WHERE c.status IN ({_sql_literals(FLAGGED)}) AND (l.verdict IS NULL OR l.verdict = {_sql_literals([SKIP])})
  ORDER BY c.checkworthiness DESC, c.article_id, c.start;
CREATE VIEW source_summary AS
  SELECT s.name, s.type, count(t.id) AS statements, count(DISTINCT t.article_id) AS articles
  FROM sources s JOIN attributions t ON t.source_id = s.id
  GROUP BY s.id ORDER BY statements DESC, s.name, s.type;
"""


def open_db(path) -> Database:
    """Open (creating if needed) a provenance database, ready for concurrent writers.

    Args:
        path: A file path, or ":memory:".

    Raises:
        StorageError: The location is unwritable, or the file is not a usable SQLite database.
    """
    name = str(path)
    if name != ":memory:":
        _check_location(name)
    conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT)
    try:
        db = Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        # A real read, so a file that is not SQLite or has a damaged schema fails here.
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if name != ":memory:":
            _enable_wal(db)
        _ensure_schema(db, name)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise _storage_error(name, error) from None
    except BaseException:
        conn.close()
        raise
    return db


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
    elif "readonly" in message or "unable to open" in message:
        fix = "cannot write there; check the permissions or pass another database path"
    elif "locked" in message or "busy" in message:
        fix = "another process held the database too long; try again when it has finished"
    else:
        fix = "pass another database path"
    return StorageError(f"{name}: {message}: {fix}")


def _db_name(db: Database) -> str:
    return db.execute("PRAGMA database_list").fetchone()[2] or ":memory:"


def _ensure_schema(db: Database, name: str) -> None:
    if _user_version(db) == SCHEMA_VERSION:
        return
    with _transaction(db):
        version = _user_version(db)  # another process may have created it while we waited
        if version == SCHEMA_VERSION:
            return
        if version != 0:
            raise StorageError(
                f"{name}: schema version {version} is not {SCHEMA_VERSION} (another tool or a "
                "newer provenance wrote it); pass another database path"
            )
        for statement in _TABLES.split(";")[:-1]:
            db.execute(statement)
        db["claims"].enable_fts(["text"], create_triggers=True)
        db["attributions"].enable_fts(["content_text"], create_triggers=True)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _user_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


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
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            db.conn.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise
    except sqlite3.OperationalError as error:
        raise _storage_error(_db_name(db), error) from None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(db: Database, *, tool_version: str, model: str, model_version: str,
              rules_digest: str, command: str) -> int:
    """Record the start of a run and return its id."""
    with _transaction(db):
        cursor = db.execute(
            "INSERT INTO runs (started_at, tool_version, model, model_version, rules_digest, "
            "command) VALUES (?, ?, ?, ?, ?, ?)",
            [_now(), tool_version, model, model_version, rules_digest, command],
        )
    return cursor.lastrowid


def finish_run(db: Database, run_id: int, checked: int, failed: int) -> None:
    """Record the end of a run and how many articles it checked and failed on."""
    with _transaction(db):
        db.execute(
            "UPDATE runs SET finished_at = ?, articles_checked = ?, articles_failed = ? "
            "WHERE id = ?",
            [_now(), checked, failed, run_id],
        )


def claim_id(article_id: str, text: str, occurrence: int = 0) -> str:
    """Return a claim's stable fingerprint: the same sentence in the same article keeps its id.

    Args:
        article_id: The article's content hash.
        text: The claim text; runs of whitespace count as one space.
        occurrence: 0 for the first occurrence of that text in the article, 1 for a repeat...
    """
    key = article_id + "\x00" + " ".join(text.split())
    if occurrence:
        key += f"\x00{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def save(db: Database, analysis: Analysis, run_id: Optional[int] = None) -> None:
    """Store an analysis in one transaction, replacing the article's previous results.

    Reviews are kept: they are keyed by the claim fingerprint, which re-analysis preserves.
    """
    article_id = analysis.article.id
    with _transaction(db):
        _upsert_article(db, analysis, run_id)
        db.execute("DELETE FROM claims WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM attributions WHERE article_id = ?", [article_id])
        rows = [_attribution_row(article_id, a, _source_id(db, a)) for a in analysis.attributions]
        db["attributions"].insert_all(rows)
        db["claims"].insert_all(_claim_rows(article_id, analysis.claims))


def save_many(db: Database, analyses: Sequence[Analysis], run_id: Optional[int] = None) -> None:
    """Store several analyses in one transaction (a batch of a corpus run)."""
    with _transaction(db):
        for analysis in analyses:
            save(db, analysis, run_id)


def _upsert_article(db: Database, analysis: Analysis, run_id: Optional[int]) -> None:
    article = analysis.article
    db["articles"].upsert({
        "id": article.id, "path": article.path, "title": article.title, "text": article.text,
        "analyzed_at": _now(), "tool_version": analysis.tool_version, "model": analysis.model,
        "model_version": analysis.model_version, "rules_digest": analysis.rules_digest,
        "run_id": run_id,
    }, pk="id")


def _source_id(db: Database, attribution: Attribution) -> Optional[int]:
    speaker = attribution.speaker
    if speaker is None:
        return None
    # The first rule to name a source stays its rule.
    db.execute(
        "INSERT INTO sources (name, type, rule) VALUES (?, ?, ?) "
        "ON CONFLICT (name, type) DO NOTHING",
        [speaker.name, speaker.type, speaker.rule],
    )
    return db.execute(
        "SELECT id FROM sources WHERE name = ? AND type = ?", [speaker.name, speaker.type]
    ).fetchone()[0]


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
    }


def _claim_rows(article_id: str, claims: Sequence[Claim]) -> List[dict]:
    seen: Counter = Counter()
    rows = []
    for claim in claims:
        normalised = " ".join(claim.text.split())
        rows.append({
            "id": claim_id(article_id, claim.text, seen[normalised]), "article_id": article_id,
            "start": claim.start, "end": claim.end, "text": claim.text, "status": claim.status,
            "attribution_id": f"{article_id}:{claim.attribution}" if claim.attribution else None,
            "checkworthiness": claim.checkworthiness, "reasons": _json(list(claim.reasons)),
        })
        seen[normalised] += 1
    return rows


def is_analyzed(db: Database, article_id: str, model: str, model_version: str,
                rules_digest: str) -> bool:
    """Whether the article is stored from the same model and rules: a resumed run skips it."""
    row = db.execute(
        "SELECT 1 FROM articles WHERE id = ? AND model = ? AND model_version = ? "
        "AND rules_digest = ?",
        [article_id, model, model_version, rules_digest],
    ).fetchone()
    return row is not None


def flagged_claims(db: Database, limit: Optional[int] = None) -> List[dict]:
    """Claims open for review (unattributed or vague; unjudged or skipped), most check-worthy first.

    Rows are those of the `flagged_claims` view; `reasons` is a JSON list.
    """
    return list(db.query("SELECT * FROM flagged_claims LIMIT ?", [-1 if limit is None else limit]))


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

    Raises:
        StorageError: The verdict is not one of VERDICTS, or no claim has that id.
    """
    if verdict not in VERDICTS:
        raise StorageError(f"unknown verdict {verdict!r}; use one of: {', '.join(VERDICTS)}")
    with _transaction(db):
        if db.execute("SELECT 1 FROM claims WHERE id = ?", [claim_id]).fetchone() is None:
            raise StorageError(
                f"{_db_name(db)}: no claim {claim_id!r}; list claim ids with the flagged claims"
            )
        cursor = db.execute(
            "INSERT INTO reviews (claim_id, verdict, note, reviewer, reviewed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [claim_id, verdict, note, reviewer, _now()],
        )
    return next(db.query("SELECT * FROM reviews WHERE id = ?", [cursor.lastrowid]))


def reviews(db: Database, claim_id: str) -> List[dict]:
    """Every review of a claim, oldest first."""
    return list(db.query("SELECT * FROM reviews WHERE claim_id = ? ORDER BY id", [claim_id]))


def source_summary(db: Database) -> List[dict]:
    """Per source: name, type, statements attributed to it, and articles it appears in."""
    return list(db.query("SELECT * FROM source_summary"))


def review_progress(db: Database) -> dict:
    """Count flagged claims, those still open, and stored claims by their latest verdict."""
    progress = {
        "flagged": db.execute(
            f"SELECT count(*) FROM claims WHERE status IN ({_placeholders(FLAGGED)})", FLAGGED
        ).fetchone()[0],
        "open": db.execute("SELECT count(*) FROM flagged_claims").fetchone()[0],
    }
    progress.update(dict.fromkeys(VERDICTS, 0))
    progress.update(db.execute(
        "SELECT l.verdict, count(*) FROM claims c JOIN latest_reviews l ON l.claim_id = c.id "
        "GROUP BY l.verdict"
    ).fetchall())
    return progress
