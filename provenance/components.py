"""Every spaCy pipeline component of provenance, registered here and exposed through the `spacy_factories` entry point.

Usage in your own pipeline::

    nlp.add_pipe("provenance_paragraphs", before="parser")  # no sentence across paragraphs
    nlp.add_pipe("provenance_attributions")  # attributions and claims into doc.spans
"""
from __future__ import annotations

from typing import List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

from .analysis import Analyzer, Findings
from .linking import CHECK
from .rules import load_rules

# The span groups the attributions component writes, by the suffix of their key.
GROUPS = ("content", "source", "cue", "claims")


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


def set_spans(doc: Doc, findings: Findings, key: str = "provenance") -> Doc:
    """Write findings into span groups of a Doc.

    Groups: `{key}_content` (what is reported, labelled by kind), `{key}_source`
    (who reports it, labelled by the canonical source), `{key}_cue` (the cue,
    labelled by its rule id), and `{key}_claims` (every claim, labelled by its
    status). The spans of one attribution share its id as `span.id_`.
    """
    groups: dict = {group: [] for group in GROUPS}
    for attribution in findings.attributions:
        speaker = attribution.speaker.name if attribution.speaker else "(nobody named)"
        for part in attribution.content:
            _append(groups["content"], doc, part.start, part.end, attribution.kind, attribution.id)
        if attribution.source is not None:
            _append(groups["source"], doc, attribution.source.start, attribution.source.end, speaker, attribution.id)
        for cue in attribution.cues:
            _append(groups["cue"], doc, cue.start, cue.end, cue.rule, attribution.id)
    for claim in findings.claims:
        _append(groups["claims"], doc, claim.start, claim.end, claim.status, claim.attribution or "")
    for group, spans in groups.items():
        doc.spans[f"{key}_{group}"] = spans
    return doc


def _append(spans: List[SpacySpan], doc: Doc, start: int, end: int, label: str, span_id: str) -> None:
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is not None:
        span.id_ = span_id
        spans.append(span)


class Attributions:
    """The attributions component: the same analysis `provenance check` runs, written into `doc.spans`."""

    def __init__(self, analyzer: Analyzer, spans_key: str):
        self.analyzer, self.spans_key = analyzer, spans_key

    def __call__(self, doc: Doc) -> Doc:
        return set_spans(doc, self.analyzer(doc), self.spans_key)


@Language.factory("provenance_paragraphs")
def make_paragraph_splitter(nlp: Language, name: str):
    """Build the paragraph splitter (a factory takes the pipeline and the component name)."""
    return split_paragraphs


@Language.factory("provenance_attributions",
                  default_config={"rules": None, "scope": "speech", "spans_key": "provenance"})
def make_attributions(nlp: Language, name: str, rules: Optional[List[str]], scope: str, spans_key: str):
    """Build the attributions component.

    Args:
        rules: folders of rule files to load over the built-in ones.
        scope: "speech", or "all" to report beliefs and judgements too.
        spans_key: the prefix of the span group keys.
    """
    return Attributions(Analyzer(nlp.vocab, load_rules(rules or ()), scope, CHECK), spans_key)
