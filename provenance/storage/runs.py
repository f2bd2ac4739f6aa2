"""Runs: their start, their end, and those whose process is gone."""
from __future__ import annotations

from typing import List, Optional, Sequence

from sqlite_utils import Database

from .constants import ABANDONED, FINISHED, INTERRUPTED
from .sql import _now, _placeholders, _transaction


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
