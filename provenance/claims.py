"""Claims: every sentence outside the boilerplate, whether anybody stands behind it, and how much it matters."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Dict, FrozenSet, List, Sequence, Tuple

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span as SpacySpan

from .layout import Layout
from .nonclaims import not_claim
from .records import NOT_CLAIM, Attribution, Claim
from .rules import RuleSet
from .standing import Standing
from .text import trim


class ClaimFinder:
    """Splits a Doc into claims and scores them, with compiled check-worthiness rules."""

    def __init__(self, vocab, rules: RuleSet):
        self.rules = rules
        self.standing = Standing(vocab, rules)
        self.matcher = Matcher(vocab)
        for rule in rules.checkworthiness:
            if rule.pattern:
                self.matcher.add(rule.id, [list(rule.pattern)])

    def __call__(self, doc: Doc, attributions: Sequence[Attribution], layout: Layout, text: str) -> List[Claim]:
        """Return one claim per sentence of the body, in text order.

        Args:
            text: the article's text (the parse may have been made from a recased copy of it).
        """
        claims: List[Claim] = []
        coverage = _Coverage(text, attributions)
        position = 0  # the claims so far, not counting those set aside
        for start, end in _sentences(doc, layout, text):
            candidates, covering = coverage.candidates(start, end)
            aside = not_claim(self.rules.not_claims, text, start, end)
            if aside is not None:  # kept, with the rule that set it aside as its reason
                attribution = min(candidates, key=lambda a: a.vague).id if candidates else None
                claims.append(Claim(start, end, text[start:end], NOT_CLAIM, attribution, 0.0, (aside,)))
                continue
            sentence = doc.char_span(start, end, alignment_mode="expand")
            status, attribution, why = self.standing(sentence, candidates, covering)
            score, reasons = self._score(sentence, position)
            position += 1
            claims.append(Claim(start, end, text[start:end], status, attribution, score, why + reasons))
        return claims

    def _score(self, sentence: SpacySpan, position: int) -> Tuple[float, Tuple[str, ...]]:
        """Add up the weights of the check-worthiness rules that fire on a sentence, the
        `position`-th claim of its article (from 0), each as often as it counts."""
        if sentence is None:
            return 0.0, ()
        fired = self.features(sentence, position)
        total = sum(rule.weight * fired[rule.id] for rule in self.rules.checkworthiness if rule.id in fired)
        return round(total, 2), tuple(fired)

    def features(self, sentence: SpacySpan, position: int) -> Dict[str, float]:
        """How many times each check-worthiness rule counts on a sentence, by rule id, for those that fire."""
        words = Counter(t.lemma_.lower() for t in sentence)
        words.update(t.lower_ for t in sentence if t.lower_ != t.lemma_.lower())
        labels = Counter(label for label, _ in _entities(sentence))
        matched = Counter(sentence.doc.vocab.strings[key] for key, _, _ in self.matcher(sentence))
        fired: Dict[str, float] = {}
        for rule in self.rules.checkworthiness:
            if rule.needs and not any(words[n] or labels[n] for n in rule.needs):
                continue
            if any(words[n] or labels[n] for n in rule.unless):
                continue
            if rule.lead:
                times = max(0.0, (rule.lead - position) / rule.lead)
            elif rule.lemmas:
                times = sum(words[lemma] for lemma in rule.lemmas)
            elif rule.entities:
                times = sum(labels[label] for label in rule.entities)
            elif rule.pattern:
                times = matched[rule.id]
            else:
                times = len(rule.regex.findall(sentence.text))
            if times:
                fired[rule.id] = min(times, rule.most) if rule.each else min(times, 1.0)
        return fired


# Entity labels of quantities: one whose words are all capitalized words inside a
# sentence is a name ("Seven Sisters", "Phase One"), not a quantity.
QUANTITY_LABELS = ("CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL")


def _entities(sentence: SpacySpan) -> List[Tuple[str, int]]:
    """The labels and first token indexes of a sentence's entities, read off its tokens;
    quantities that are names left out."""
    found: List[Tuple[str, int]] = []
    for token in sentence:
        if token.ent_iob_ != "B":
            continue
        end = token.i + 1
        while end < sentence.end and sentence.doc[end].ent_iob_ == "I":
            end += 1
        words = sentence.doc[token.i:end]
        if token.ent_type_ in QUANTITY_LABELS and token.i > sentence.start and all(
                t.is_alpha and t.is_title for t in words) and any(t.pos_ == "PROPN" for t in words):
            continue
        found.append((token.ent_type_, token.i))
    return found


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
