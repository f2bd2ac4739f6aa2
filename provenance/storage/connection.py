"""Opening and closing a database: where it may be, write-ahead logging, and its schema made or upgraded."""
from __future__ import annotations

import functools
import os
import sqlite3
import time
import urllib.parse

from sqlite_utils import Database

from ..errors import StorageError
from .constants import BUSY_TIMEOUT, SCHEMA_VERSION
from .schema import _check_schema, _create, _drop_views, _tables
from .sql import _db_name, _statements, _storage_error, _transaction, _user_version
from .upgrades import _UPGRADES
from .views import _VIEWS


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
