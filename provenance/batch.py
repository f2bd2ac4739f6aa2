"""Checking a stream of inputs: analyze each article, save it, and pass input errors through in order."""
from __future__ import annotations

from typing import Iterable, Iterator, List, Optional, Union

from .engine import Engine
from .errors import AnalysisError, InputError
from .reading import Item
from .records import Analysis, Article
from . import storage

Outcome = Union[Analysis, InputError, AnalysisError]


def check_articles(items: Iterable[Item], engine: Engine, db=None, run_id: Optional[int] = None,
                   batch_size: int = 16) -> Iterator[Outcome]:
    """Analyze the articles among `items` in batches, save each to `db` if given, and yield outcomes.

    Input errors are yielded as they are, so the caller reports them and goes on.
    """
    pending: List[Article] = []
    for item in items:
        if isinstance(item, InputError):
            yield from _flush(pending, engine, db, run_id)
            pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            yield from _flush(pending, engine, db, run_id)
            pending = []
    yield from _flush(pending, engine, db, run_id)


def _flush(articles: List[Article], engine: Engine, db, run_id: Optional[int]) -> Iterator[Outcome]:
    if not articles:
        return
    for result in engine.analyze_many(articles, batch_size=len(articles)):
        if db is not None and isinstance(result, Analysis):
            storage.save(db, result, run_id)
        yield result
