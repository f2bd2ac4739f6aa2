"""Predictors, the systems an evaluation scores: article texts in, one result per text out."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence, Tuple, Union

from ..errors import AnalysisError
from ..records import Article, Attribution, Claim

if TYPE_CHECKING:
    from ..engine import Engine


@dataclass(frozen=True)
class Prediction:
    """What a system found in one text: its attributions and, if it finds any, its claims.

    `claims` is None for a system that does not find claims (the baseline), so its claim
    scores are left out; an empty tuple is a system that found no claims in this text.
    """

    attributions: Tuple[Attribution, ...]
    claims: Optional[Tuple[Claim, ...]] = None


# One result per text: a Prediction, a plain attribution list (a system with attributions
# only), or None where the system failed on the text.
Predictions = List[Optional[Union[Prediction, Sequence[Attribution]]]]
Predictor = Callable[[List[str]], Predictions]


def unpack(result: Optional[Union[Prediction, Sequence[Attribution]]]) -> Prediction:
    """Turn any one result of a predictor into a Prediction; a failure is one that found nothing."""
    if isinstance(result, Prediction):
        return result
    return Prediction(tuple(result or ()))


def predict_engine(texts: Sequence[str], engine: Engine) -> Predictions:
    """Run the engine over article texts, one result per text.

    Args:
        texts: The articles.
        engine: The engine to run, with the scope and conventions to score under.

    Returns:
        The attributions and claims found in each text, or None where the engine
        failed on it; the scores count those documents as failed and as predicting nothing.
    """
    articles = [Article.from_text(text, f"text-{number}") for number, text in enumerate(texts)]
    return [None if isinstance(result, AnalysisError) else Prediction(tuple(result.attributions), tuple(result.claims))
            for result in engine.analyze_many(articles)]


def engine_predictor(engine: Engine) -> Predictor:
    """A predictor for ``evaluate``: texts in, the engine's attributions and claims out."""
    return functools.partial(predict_engine, engine=engine)
