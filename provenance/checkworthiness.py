"""Check-worthiness: the features a claim's sentence and its place in the article show, by rule id,
and the score the rules' weights make of them.

A feature is a check-worthiness rule (`rules/claims.yaml`) and how many times it counts on
a claim; the score is the sum of each feature's weight times its count, so the rule ids
that fired are the score's reasons, whether the weights were set by hand or learned
(`provenance.weights`).

Notes:
    What counts follows what ClaimBuster (Hassan et al., KDD 2017) and CLEF CheckThat!
    Task 1 call check-worthy: harm, figures, charges and deeds of named actors, the news
    of the piece rather than its background.
"""
from __future__ import annotations

from collections import Counter
from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple

from spacy.matcher import Matcher
from spacy.tokens import Span as SpacySpan

from .rules import WorthRule

# Entity labels of quantities: one whose words are all capitalized words inside a
# sentence is a name ("Seven Sisters", "Phase One"), not a quantity.
QUANTITY_LABELS = ("CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL")

Features = Dict[str, float]


class Worth:
    """The check-worthiness rules compiled for one vocabulary: features of an article's claims."""

    def __init__(self, vocab, rules: Sequence[WorthRule]):
        self.rules = tuple(rules)
        self.matcher = Matcher(vocab)
        for rule in self.rules:
            if rule.pattern:
                self.matcher.add(rule.id, [list(rule.pattern)])

    def article(self, sentences: Sequence[Optional[SpacySpan]], headline: Optional[SpacySpan]) -> List[Features]:
        """The features of each claim of an article, given its claims' sentences in text order
        (None where a claim has no sentence of the parse) and its headline, if it has one.

        With no headline, the first claim (the lead) stands for what the article is about.
        """
        headlined = [rule for rule in self.rules if rule.headline]
        lead = headline if headline is not None else next((s for s in sentences if s is not None), None)
        references = {rule.id: _content(lead, rule.headline) for rule in headlined} if lead is not None else {}
        found: List[Features] = []
        for position, sentence in enumerate(sentences):
            if sentence is None:
                found.append({})
                continue
            fired = self.features(sentence, position)
            for rule in headlined:
                share = _share(_content(sentence, rule.headline), references[rule.id])
                if share:
                    fired[rule.id] = round(share, 3)
            found.append(fired)
        return found

    def features(self, sentence: SpacySpan, position: int) -> Features:
        """How many times each rule read off one sentence counts on it, by rule id, for those that
        fire; `position` is the sentence's place among its article's claims, from 0."""
        words = Counter(t.lemma_.lower() for t in sentence)
        words.update(t.lower_ for t in sentence if t.lower_ != t.lemma_.lower())
        labels = Counter(label for label, _ in entities(sentence))
        matched = Counter(sentence.doc.vocab.strings[key] for key, _, _ in self.matcher(sentence))
        fired: Features = {}
        for rule in self.rules:
            if rule.headline:
                continue  # read against the article's headline, in `article`
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


def score(fired: Mapping[str, float], rules: Sequence[WorthRule]) -> Tuple[float, Tuple[str, ...]]:
    """A claim's check-worthiness from its features: each rule's weight times its count, summed,
    and the ids of the rules that fired, in the order of the rules."""
    total = sum(rule.weight * fired[rule.id] for rule in rules if rule.id in fired)
    return round(total, 2), tuple(rule.id for rule in rules if rule.id in fired)


def entities(sentence: SpacySpan) -> List[Tuple[str, int]]:
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


def _content(span: SpacySpan, tags: Sequence[str]) -> Set[str]:
    """The lemmas of a span's words of the parts of speech `tags`, stop words left out."""
    return {t.lemma_.lower() for t in span if t.pos_ in tags and t.is_alpha and not t.is_stop}


def _share(words: Set[str], reference: Set[str]) -> float:
    """The share of the reference's words a sentence holds."""
    return len(words & reference) / len(reference) if reference else 0.0
