"""Shared fixtures: the trained pipeline is loaded once per test session."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def engine():
    from provenance.engine import Engine
    from provenance.model import load_pipeline
    from provenance.rules import load_rules

    return Engine(load_pipeline(), load_rules())


@pytest.fixture(scope="session")
def seed_path():
    return ROOT / "seeds" / "000_7c766ee345284464.txt"


@pytest.fixture(scope="session")
def wide_engine(engine):
    """The engine with thought-scope verbs on, sharing the loaded pipeline."""
    from provenance.engine import Engine

    return Engine(engine.nlp, engine.rules, scope="all")


@pytest.fixture(scope="module")
def cached_model(engine):
    """The CLI given the session's pipeline instead of loading its own, for a whole test module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("provenance.cli.load_pipeline", lambda name=None: engine.nlp)
        yield
