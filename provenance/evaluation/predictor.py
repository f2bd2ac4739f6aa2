"""Predictors, the systems an evaluation scores: article texts in, one attribution list per text out."""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence

from ..errors import AnalysisError
from ..records import Article, Attribution

if TYPE_CHECKING:
    from ..engine import Engine

# One result per text: the attributions found, or None where the system failed on it.
Predictions = List[Optional[List[Attribution]]]
Predictor = Callable[[List[str]], Predictions]


def predict_engine(texts: Sequence[str], engine: Engine) -> Predictions:
    """Run the engine over article texts, one result per text.

    Args:
        texts: The articles.
        engine: The engine to run, with the scope and conventions to score under.

    Returns:
        The attributions found in each text, or None where the engine failed on it;
        the scores count those documents as failed and as predicting nothing.
    """
    articles = [Article.from_text(text, f"text-{number}") for number, text in enumerate(texts)]
    return [None if isinstance(result, AnalysisError) else list(result.attributions)
            for result in engine.analyze_many(articles)]


def engine_predictor(engine: Engine) -> Predictor:
    """A predictor for ``evaluate``: texts in, the engine's attributions out."""
    return functools.partial(predict_engine, engine=engine)
