"""Claims: every sentence outside the boilerplate, whether anybody stands behind it, and how much it matters."""
from __future__ import annotations

import re
from typing import List, Sequence, Tuple

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span as SpacySpan

from .layout import Layout
from .records import Attribution, Claim
from .rules import RuleSet

ATTRIBUTED, VAGUE, UNATTRIBUTED = "attributed", "vague", "unattributed"


class ClaimFinder:
    """Splits a Doc into claims and scores them, with compiled check-worthiness rules."""

    def __init__(self, vocab, rules: RuleSet):
        self.rules = rules
        self.matcher = Matcher(vocab)
        for rule in rules.checkworthiness:
            if rule.pattern:
                self.matcher.add(rule.id, [list(rule.pattern)])

    def __call__(self, doc: Doc, attributions: Sequence[Attribution], layout: Layout) -> List[Claim]:
        """Return one claim per sentence of the body, in text order."""
        text = doc.text
        claims = []
        for start, end in _sentences(doc, layout):
            status, attribution = _status(start, end, text, attributions)
            score, reasons = self._score(doc.char_span(start, end, alignment_mode="expand"))
            claims.append(Claim(start, end, text[start:end], status, attribution, score, reasons))
        return claims

    def _score(self, sentence: SpacySpan) -> Tuple[float, Tuple[str, ...]]:
        """Add up the weights of the check-worthiness rules that fire on a sentence."""
        if sentence is None:
            return 0.0, ()
        lemmas = {t.lemma_.lower() for t in sentence} | {t.lower_ for t in sentence}
        labels = {e.label_ for e in sentence.ents}
        matched = {sentence.doc.vocab.strings[key] for key, _, _ in self.matcher(sentence)}
        fired = [rule for rule in self.rules.checkworthiness if
                 (rule.lemmas and lemmas & set(rule.lemmas)) or (rule.entities and labels & set(rule.entities))
                 or (rule.pattern and rule.id in matched) or (rule.regex and rule.regex.search(sentence.text))]
        return round(sum(rule.weight for rule in fired), 2), tuple(rule.id for rule in fired)


def _sentences(doc: Doc, layout: Layout) -> List[Tuple[int, int]]:
    """Sentence spans of the body, joining fragments without letters to the sentence before."""
    spans: List[Tuple[int, int]] = []
    for sentence in doc.sents:
        start, end = _trim(doc.text, sentence.start_char, sentence.end_char)
        if layout.dateline and start <= layout.dateline.start < end:
            start = max(start, layout.dateline.end)
        if end <= start or layout.excluded(start, end):
            continue
        if not re.search(r"[^\W\d_]", doc.text[start:end]):
            if spans and "\n" not in doc.text[spans[-1][1]:start]:
                spans[-1] = (spans[-1][0], end)
            continue
        spans.append((start, end))
    return spans


def _status(start: int, end: int, text: str, attributions: Sequence[Attribution]):
    """A sentence is attributed when a named source's content covers half its letters or its cue is in it."""
    letters = [i for i in range(start, end) if text[i].isalpha()]
    best = None
    for attribution in attributions:
        covered = sum(1 for i in letters if any(c.start <= i < c.end for c in attribution.content))
        cued = any(start <= cue.start < end for cue in attribution.cues)
        if cued or (letters and covered * 2 >= len(letters)):
            if best is None or (best.vague and not attribution.vague):
                best = attribution
    if best is None:
        return UNATTRIBUTED, None
    return (VAGUE if best.vague else ATTRIBUTED), best.id


def _trim(text: str, start: int, end: int) -> Tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
