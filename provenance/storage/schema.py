"""The schema made in a new database, and checked in an existing one."""
from __future__ import annotations

import functools
from typing import Dict, Tuple

from sqlite_utils import Database

from ..errors import StorageError
from .constants import SCHEMA_VERSION
from .sql import _statements
from .tables import _INDEXES, _SEARCH, _SOURCE_NAMES, _SOURCE_TABLES, _TABLES, _VERDICT_TABLES
from .triggers import _SEARCH_TRIGGERS, _TRIGGERS, _VERDICT_TRIGGERS
from .views import _VIEWS


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
