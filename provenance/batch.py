"""Checking a stream of inputs: analyze articles in batches, on one or several processes, and save each batch.

The stream is never held whole: at most a few batches are in flight at once, so
memory stays flat however large the corpus. Outcomes come out in input order.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from dataclasses import dataclass
from typing import Deque, Iterable, Iterator, List, Optional, Union

from . import storage
from .engine import Engine, batched
from .errors import AnalysisError, InputError
from .reading import Item
from .records import Analysis, Article


@dataclass(frozen=True)
class Skipped:
    """An article already analyzed with the same text, model and rules."""

    path: str
    article_id: str


Outcome = Union[Analysis, InputError, AnalysisError, Skipped]
_WORKER_ENGINE: Optional[Engine] = None  # the engine a forked worker inherits


def check_articles(items: Iterable[Item], engine: Engine, db=None, run_id: Optional[int] = None,
                   batch_size: int = 16, jobs: int = 1, force: bool = True) -> Iterator[Outcome]:
    """Analyze the articles among `items`, save them to `db` if given, and yield every outcome in order.

    Args:
        jobs: processes that parse and analyze; the calling process reads and writes.
        force: analyze articles the database already holds with the same text, model
            and rules; when False they come out as Skipped.
    """
    plans = (_plan(batch, engine, db, force) for batch in batched(items, batch_size))
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
    must stay in its thread); at most two batches per worker are in flight.
    """
    global _WORKER_ENGINE
    _WORKER_ENGINE = engine
    pending: Deque = deque()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for plan in plans:
            pending.append((plan, pool.apply_async(_work, (_articles(plan),))))
            while len(pending) > 2 * jobs:
                done, result = pending.popleft()
                yield from _finish(done, result.get(), db, run_id)
        while pending:
            done, result = pending.popleft()
            yield from _finish(done, result.get(), db, run_id)


def _work(articles: List[Article]) -> List[Union[Analysis, AnalysisError]]:
    return list(_WORKER_ENGINE.analyze_many(articles, len(articles) or 1))


def _plan(batch: List[Item], engine: Engine, db, force: bool) -> List[Union[Item, Skipped]]:
    """Each input as it will come out: an error, a Skipped article, or an article to analyze."""
    return [Skipped(item.path, item.id) if isinstance(item, Article) and _done(item, engine, db, force) else item
            for item in batch]


def _articles(plan: List[Union[Item, Skipped]]) -> List[Article]:
    return [item for item in plan if isinstance(item, Article)]


def _done(article: Article, engine: Engine, db, force: bool) -> bool:
    return not force and db is not None and storage.is_analyzed(
        db, article.id, engine.model_name, engine.model_version, engine.rules.digest)


def _finish(plan: List[Union[Item, Skipped]], results: List[Union[Analysis, AnalysisError]], db, run_id) -> Iterator[Outcome]:
    """Save a batch's analyses in one transaction, then yield the batch's outcomes in input order."""
    analyses = [r for r in results if isinstance(r, Analysis)]
    if db is not None and analyses:
        storage.save_many(db, analyses, run_id)
    results = iter(results)
    for item in plan:
        yield next(results) if isinstance(item, Article) else item
