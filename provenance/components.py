"""spaCy pipeline components of provenance, registered through the `spacy_factories` entry point.

Usage in your own pipeline: ``nlp.add_pipe("provenance_paragraphs", before="parser")``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def split_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every token holding a newline, and at a token after one.

    The parser respects boundaries set before it, so no sentence spans two paragraphs.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif "\n" in token.text:
            token.is_sent_start = False
    return doc


@Language.factory("provenance_paragraphs")
def make_paragraph_splitter(nlp: Language, name: str):
    """Build the paragraph splitter (a factory takes the pipeline and the component name)."""
    return split_paragraphs
