"""Claims: every sentence outside the boilerplate, whether anybody stands behind it, and how much it matters."""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span as SpacySpan

from .checkworthiness import Features, Worth, score
from .layout import Layout
from .nonclaims import not_claim
from .records import NOT_CLAIM, Attribution, Claim
from .rules import RuleSet
from .standing import Standing
from .text import trim


class ClaimFinder:
    """Splits a Doc into claims, judges whether anybody stands behind each, and scores them."""

    def __init__(self, vocab, rules: RuleSet):
        self.rules = rules
        self.standing = Standing(vocab, rules)
        self.worth = Worth(vocab, rules.checkworthiness)

    def __call__(self, doc: Doc, attributions: Sequence[Attribution], layout: Layout,
                 text: str) -> Tuple[List[Claim], List[Features]]:
        """Return one claim per sentence of the body, in text order, and the check-worthiness
        features of each (none for a claim set aside).

        Args:
            text: the article's text (the parse may have been made from a recased copy of it).
        """
        claims: List[Claim] = []
        coverage = _Coverage(text, attributions)
        scored: List[Tuple[int, Optional[SpacySpan]]] = []  # the claims not set aside, and their sentences
        for start, end in _sentences(doc, layout, text):
            candidates, covering = coverage.candidates(start, end)
            aside = not_claim(self.rules.not_claims, text, start, end)
            if aside is not None:  # kept, with the rule that set it aside as its reason
                attribution = min(candidates, key=lambda a: a.vague).id if candidates else None
                claims.append(Claim(start, end, text[start:end], NOT_CLAIM, attribution, 0.0, (aside,)))
                continue
            sentence = doc.char_span(start, end, alignment_mode="expand")
            status, attribution, why = self.standing(sentence, candidates, covering)
            scored.append((len(claims), sentence))
            claims.append(Claim(start, end, text[start:end], status, attribution, 0.0, why))
        headline = doc.char_span(layout.title.start, layout.title.end, alignment_mode="expand") if layout.title else None
        features: List[Features] = [{} for _ in claims]
        for (index, _), fired in zip(scored, self.worth.article([s for _, s in scored], headline)):
            total, reasons = score(fired, self.rules.checkworthiness)
            claims[index] = replace(claims[index], checkworthiness=total, reasons=claims[index].reasons + reasons)
            features[index] = fired
        return claims, features


def _sentences(doc: Doc, layout: Layout, text: str) -> List[Tuple[int, int]]:
    """Sentence spans of the body, joining fragments without letters to the sentence before."""
    spans: List[Tuple[int, int]] = []
    for sentence in doc.sents:
        start, end = trim(text, sentence.start_char, sentence.end_char)
        if layout.dateline and start < layout.dateline.end and layout.dateline.start < end:
            # a sentence the splitter cut inside the dateline ("HAYWARD, Calif." | "(AP) — ...") loses it too
            start = max(start, layout.dateline.end)
        if end <= start or layout.excluded(start, end):
            continue
        if not re.search(r"[^\W\d_]", text[start:end]):
            if spans and "\n" not in text[spans[-1][1]:start]:
                spans[-1] = (spans[-1][0], end)
            continue
        spans.append((start, end))
    return spans


class _Coverage:
    """Answers, sentence by sentence in text order, which attributions cover or cue a sentence."""

    def __init__(self, text: str, attributions: Sequence[Attribution]):
        self.letters = [0]
        for char in text:
            self.letters.append(self.letters[-1] + char.isalpha())
        self.spans = sorted(((span.start, span.end, a) for a in attributions for span in a.content), key=lambda s: s[:2])
        self.cues = sorted(((cue.start, a) for a in attributions for cue in a.cues), key=lambda c: c[0])
        self.cue_starts = [start for start, _ in self.cues]
        self.next_span, self.active = 0, []

    def candidates(self, start: int, end: int) -> Tuple[List[Attribution], FrozenSet[str]]:
        """The attributions whose content covers half a sentence's letters or whose cue is in it,
        the specific first, and the ids of those that cover it."""
        while self.next_span < len(self.spans) and self.spans[self.next_span][0] < end:
            self.active.append(self.spans[self.next_span])
            self.next_span += 1
        self.active = [item for item in self.active if item[1] > start]
        covered: Dict[str, int] = {}
        by_id = {}
        for span_start, span_end, attribution in self.active:
            a, b = max(start, span_start), min(end, span_end)
            covered[attribution.id] = covered.get(attribution.id, 0) + self.letters[b] - self.letters[a]
            by_id[attribution.id] = attribution
        total = self.letters[end] - self.letters[start]
        candidates = [by_id[i] for i, n in covered.items() if total and n * 2 >= total]
        covering = frozenset(a.id for a in candidates)
        low, high = bisect.bisect_left(self.cue_starts, start), bisect.bisect_left(self.cue_starts, end)
        candidates += [attribution for _, attribution in self.cues[low:high] if attribution not in candidates]
        return sorted(candidates, key=lambda a: a.vague), covering
