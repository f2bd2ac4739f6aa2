"""provenance: who said it? Source attribution and quote provenance for news text."""

__version__ = "0.1.0"
