"""Checking a stream of inputs: analyze articles in batches, on one or several processes, save each batch,
and keep a run's record: its row in the database, its tally of outcomes and its exit status.

The stream is never held whole: at most a few batches are in flight at once, so
memory stays flat however large the corpus. Outcomes come out in input order.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Deque, Iterable, Iterator, List, Optional, Union

from sqlite_utils import Database

from . import __version__, storage
from .engine import Engine, batched
from .errors import AnalysisError, InputError, TooLongError
from .reading import Item
from .records import FLAGGED, Analysis, Article

def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, as a container or taskset limits it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this platform (macOS, Windows)
        return os.cpu_count() or 1


EXIT_INPUT, EXIT_FLAGGED = 1, 3  # a run's exit status when an input failed, and else when an article was flagged
# The longest article a run analyzes unless told otherwise, in characters: forty times a
# long news feature, analyzed in about four minutes and under 1 GB (docs/performance.md).
MAX_CHARS = 2_000_000


@dataclass(frozen=True)
class Skipped:
    """An article the database holds from the same text, model, rules, scope, conventions and
    release: its stored analysis is reused, reported and counted as a fresh one would be."""

    analysis: Analysis

    @property
    def path(self) -> str:
        return self.analysis.article.path


Outcome = Union[Analysis, InputError, AnalysisError, Skipped]
_WORKER_ENGINE: Optional[Engine] = None  # the engine a forked worker inherits


@dataclass
class Run:
    """One run of checks over a stream of inputs, recorded in the database at `db_path` when there is one.

    Counts what became of each input, and whether an article has a claim at least
    as serious as `fail_on` (one of FLAGGED, most serious first: vague includes
    unattributed; None flags nothing). An article longer than `max_chars`
    characters is refused and counted as failed (None: no limit).
    """

    engine: Engine
    db_path: Optional[str] = None
    db: Optional[Database] = None
    id: Optional[int] = None
    fail_on: Optional[str] = None
    max_chars: Optional[int] = MAX_CHARS
    checked: int = 0
    skipped: int = 0
    failed: int = 0
    flagged: bool = False

    @classmethod
    def start(cls, engine: Engine, db_path: Optional[str] = None, command: str = "",
              fail_on: Optional[str] = None, max_chars: Optional[int] = MAX_CHARS) -> "Run":
        """Begin a run: open the database at `db_path`, if given, and record there the tool,
        model and rules the run uses and its command line.

        Raises:
            StorageError: The database cannot be opened or written.
        """
        if db_path is None:
            return cls(engine, fail_on=fail_on, max_chars=max_chars)
        db = storage.open_db(db_path)
        host = socket.gethostname()
        _abandon_dead_runs(db, host)
        run_id = storage.start_run(
            db, tool_version=__version__, model=engine.model_name, model_version=engine.model_version,
            rules_digest=engine.rules.digest, command=command, scope=engine.scope,
            conventions=engine.conventions_key, pid=os.getpid(), host=host)
        return cls(engine, db_path, db, run_id, fail_on, max_chars)

    def check(self, items: Iterable[Item], jobs: int = 1, force: bool = False, cluster=None) -> Iterator[Outcome]:
        """Check the articles among `items` as `check_articles` does, counting each outcome as it comes out.

        Without a database every article is analyzed, as nothing records what was checked before.
        """
        for outcome in check_articles(items, self.engine, self.db, self.id, jobs=jobs, force=force or self.db is None,
                                      max_chars=self.max_chars, cluster=cluster):
            self._count(outcome)
            yield outcome

    def _count(self, outcome: Outcome) -> None:
        if isinstance(outcome, (InputError, AnalysisError)):
            self.failed += 1
        elif isinstance(outcome, Skipped):
            self.skipped += 1
            self.flagged = self.flagged or fails(outcome.analysis, self.fail_on)
        else:
            self.checked += 1
            self.flagged = self.flagged or fails(outcome, self.fail_on)

    def finish(self, interrupted: bool = False) -> None:
        """Record in the database, if there is one, the run's end, whether it was `interrupted`
        before the end of its inputs, and how many articles it checked and failed on."""
        if self.db is not None:
            storage.finish_run(self.db, self.id, self.checked, self.failed, self.skipped, interrupted=interrupted)
            storage.close(self.db)

    def summary(self) -> str:
        """`N articles checked, F failed[, S reused unchanged][; findings in DB_PATH]`."""
        line = f"{self.checked} article{'s' * (self.checked != 1)} checked, {self.failed} failed"
        if self.skipped:
            line += f", {self.skipped} reused unchanged"
        return line + ("" if self.db_path is None else f"; findings in {self.db_path}")

    @property
    def exit_status(self) -> int:
        """EXIT_INPUT when an input failed, else EXIT_FLAGGED when an article was flagged, else 0."""
        if self.failed:
            return EXIT_INPUT
        return EXIT_FLAGGED if self.flagged else 0


def _abandon_dead_runs(db: Database, host: str) -> None:
    """Mark as abandoned the runs of this machine whose process ended without recording their end
    (killed outright, or the machine went down), so that no run stays open for ever."""
    dead = [run["id"] for run in storage.open_runs(db, host) if process_gone(run["pid"], run["started_at"])]
    if dead:
        storage.abandon_runs(db, dead)


def process_gone(pid: int, since: str) -> bool:
    """Whether process `pid`, which was running at `since` (an ISO 8601 time), has ended.

    It has when no process has that id, when the one that has it is a zombie, or when that one
    started after `since`: the id was reused (Linux: read from /proc; elsewhere a process with
    the id counts as the same one).
    """
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process; an id no process can have
        return True
    except PermissionError:  # another user's: it is there
        pass
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open("/proc/stat") as machine:
            boot = next(int(line.split()[1]) for line in machine if line.startswith("btime "))
    except (OSError, StopIteration, IndexError, ValueError):
        return False
    started = boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 of stat: clock ticks after boot
    # both times are whole seconds at best: a process that started more than 2 s after the run is another one
    return fields[0] in ("Z", "X") or started > datetime.fromisoformat(since).timestamp() + 2


def fails(analysis: Analysis, fail_on: Optional[str]) -> bool:
    """Whether an article has a claim of status `fail_on` or of a more serious one (never when it is None)."""
    if fail_on is None:
        return False
    serious = FLAGGED[:FLAGGED.index(fail_on) + 1]
    return any(claim.status in serious for claim in analysis.claims)


def check_articles(items: Iterable[Item], engine: Engine, db=None, run_id: Optional[int] = None,
                   batch_size: int = 16, jobs: int = 1, force: bool = True,
                   max_chars: Optional[int] = None, cluster=None) -> Iterator[Outcome]:
    """Analyze the articles among `items`, save them to `db` if given, and yield every outcome in order.

    Args:
        jobs: processes that parse and analyze; the calling process reads and writes.
        force: analyze articles the database already holds with the same text, model,
            rules, scope, conventions and release; when False they come out as Skipped,
            with their stored analysis.
        max_chars: refuse an article longer than this many characters, a TooLongError
            in its place (None: no limit).
        cluster: a `cluster.Cluster` whose workers analyze the batches instead of `jobs` processes.
    """
    plans = (_plan([too_long(item, max_chars) or item for item in batch], engine, db, force)
             for batch in batched(items, batch_size))
    if cluster is not None:
        for plan, results in cluster.analyze(plans, _articles):
            yield from _finish(plan, results, db, run_id)
        return
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        # Workers inherit the loaded pipeline by forking; where there is no fork, one process does it all.
        for plan in plans:
            articles = _articles(plan)
            yield from _finish(plan, list(engine.analyze_many(articles, len(articles) or 1)), db, run_id)
        return
    yield from _parallel(plans, engine, db, run_id, jobs)


def _parallel(plans, engine: Engine, db, run_id, jobs: int) -> Iterator[Outcome]:
    """Fan batches out to forked workers that share the loaded pipeline, keeping input order.

    The calling process reads inputs and writes the database (a SQLite connection
    must stay in its thread); at most two batches per worker are in flight. The
    pipeline is loaded, and the workers forked, only when a batch has an article to
    analyze: a run that reuses every stored article loads neither.
    """
    global _WORKER_ENGINE
    pending: Deque = deque()
    with contextlib.ExitStack() as stack:
        pool = None
        for plan in plans:
            articles = _articles(plan)
            if articles and pool is None:
                engine.nlp  # loaded before the fork, so every worker shares it
                _WORKER_ENGINE = engine
                pool = stack.enter_context(multiprocessing.get_context("fork").Pool(jobs, _start_worker, (os.getpid(),)))
            pending.append((plan, pool.apply_async(_work, (articles,)) if articles else None))
            while len(pending) > 2 * jobs or (pending and pending[0][1] is None):
                done, result = pending.popleft()
                yield from _finish(done, [] if result is None else result.get(), db, run_id)
        while pending:
            done, result = pending.popleft()
            yield from _finish(done, [] if result is None else result.get(), db, run_id)


def _start_worker(parent: int) -> None:
    """Leave interrupts to the parent, which ends the pool, and die with the parent even when it is killed.

    Notes:
        Ctrl-C signals the terminal's whole process group: a worker that took it would print
        its own traceback. Without the watch, a killed parent leaves its workers parsing.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's own handler came with the fork; terminate() sends this
    if not _ask_for_parent_death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the watch began
        os._exit(1)


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _ask_for_parent_death_signal() -> bool:
    """Have Linux kill this process when its parent dies (prctl PR_SET_PDEATHSIG); False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the process's own symbols, libc's among them
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int, every: float = 0.5) -> None:
    """Exit the process once its parent is gone (it is then adopted, so its parent id changes)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _work(articles: List[Article]) -> List[Union[Analysis, AnalysisError]]:
    return list(_WORKER_ENGINE.analyze_many(articles, len(articles) or 1))


def too_long(item: Item, max_chars: Optional[int]) -> Optional[TooLongError]:
    """The refusal of an article longer than `max_chars` characters, or None.

    Notes:
        Analysis takes about two minutes and 500 MB per million characters of prose: one
        pasted book or log in a corpus would stall the run or exhaust its memory.
    """
    if max_chars is None or not isinstance(item, Article) or len(item.text) <= max_chars:
        return None
    return TooLongError(f"{item.path}: {len(item.text):,} characters, over --max-chars {max_chars:,}; "
                        "split it or raise the limit")


def _plan(batch: List[Item], engine: Engine, db, force: bool) -> List[Union[Item, Skipped]]:
    """Each input as it will come out: an error, a Skipped article, or an article to analyze."""
    return [_stored(item, engine, db, force) or item for item in batch]


def _articles(plan: List[Union[Item, Skipped]]) -> List[Article]:
    return [item for item in plan if isinstance(item, Article)]


def _stored(item: Item, engine: Engine, db, force: bool) -> Optional[Skipped]:
    """The stored analysis of an article unchanged since it was analyzed with these settings, as Skipped."""
    if force or db is None or not isinstance(item, Article):
        return None
    key = {"version": item.version, "model": engine.model_name, "model_version": engine.model_version,
           "rules_digest": engine.rules.digest, "scope": engine.scope, "conventions": engine.conventions_key,
           "tool_version": __version__}
    analysis = storage.stored_analysis(db, item.id, key)
    # an article known by its id may come from another path this time
    return None if analysis is None else Skipped(replace(analysis, article=replace(analysis.article, path=item.path)))


def _finish(plan: List[Union[Item, Skipped]], results: List[Union[Analysis, AnalysisError]], db, run_id) -> Iterator[Outcome]:
    """Save a batch's analyses in one transaction, then yield the batch's outcomes in input order."""
    analyses = [r for r in results if isinstance(r, Analysis)]
    if db is not None and analyses:
        storage.save_many(db, analyses, run_id)
    results = iter(results)
    for item in plan:
        yield next(results) if isinstance(item, Article) else item
