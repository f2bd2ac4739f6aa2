"""What every part of the storage shares: SQL literals and placeholders, one write transaction, rows
inserted with one statement, and a database's failures as one line naming the file."""
from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import datetime, timezone
from typing import Iterator, List, Sequence

from sqlite_utils import Database

from ..errors import StorageError


def _sql_literals(values: Sequence[str]) -> str:
    """Strings as a list of SQL literals, quotes doubled: "'unattributed', 'vague'".

    For the schema, where a CHECK constraint or a view cannot take parameters.
    """
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def _placeholders(values: Sequence) -> str:
    """One `?` per value, for an `IN (...)` list in a query."""
    return ", ".join("?" * len(values))


def _statements(script: str) -> List[str]:
    return [statement for statement in script.split(";") if statement.strip()]


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
