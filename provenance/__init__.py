"""provenance: who said it? Source attribution and quote provenance for news text."""

__version__ = "0.1.0"

from .analysis import Analyzer, Findings, attribute  # noqa: E402
from .engine import Engine  # noqa: E402
from .model import load_pipeline  # noqa: E402
from .records import Analysis, Article, Attribution, Claim, Cue, Span, Speaker  # noqa: E402
from .rules import load_rules  # noqa: E402

__all__ = ["Analysis", "Analyzer", "Article", "Attribution", "Claim", "Cue", "Engine", "Findings", "Span", "Speaker",
           "__version__", "attribute", "load_pipeline", "load_rules"]
