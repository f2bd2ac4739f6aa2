"""Scoring the engine against gold attribution annotations, for `provenance eval`."""
from .baseline import baseline_predictor
from .conventions import CONVENTIONS
from .gold import read_gold
from .predictor import Prediction, engine_predictor
from .runner import evaluate, format_report

__all__ = [
    "CONVENTIONS", "Prediction", "baseline_predictor", "engine_predictor", "evaluate", "format_report", "read_gold",
]
