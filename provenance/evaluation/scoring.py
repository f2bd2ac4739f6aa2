"""Scoring predicted attributions against gold ones: span matching, counts and the metrics built on them.

All functions are pure. Predictions are ``provenance.records.Attribution`` lists or
``Prediction`` records (attributions and claims), one per gold document, in the same order;
``None`` stands for a document the system failed on and scores as predicting nothing.
Counts are summed over documents (micro-averaging). Claims and source identity are scored
only where the gold has sentences and entities (``claim_scoring``, ``identity_scoring``).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Hashable, Iterable, List, Optional, Sequence, Set, Tuple, Union

from ..records import CLOSING_QUOTES, SENTENCE_ENDS, STRAIGHT_QUOTES, Attribution
from .claim_scoring import ClaimReport, score_claims
from .counts import Counts, ratio
from .gold import GOLD_KINDS, GoldAttribution, GoldDocument
from .identity_scoring import IdentityReport, identity_mentions
from .predictor import Prediction, unpack

JACCARD_THRESHOLD = 0.5
# A sentence ends at a sentence end (and any closing quotation marks, ’ closing a single
# quote) before whitespace, or at a newline.
SENTENCE_END_RE = re.compile("[%s](?:%s)*(?=\\s)|\n" % (
    re.escape("".join(SENTENCE_ENDS)), "|".join(re.escape(m) for m in CLOSING_QUOTES + STRAIGHT_QUOTES + ("’", "'"))))
# Report keys and their labels, in report order.
METRICS = {
    "content": "content (Jaccard >= 0.5)",
    "content_exact": "content (exact)",
    "content_source": "content + source",
    "content_cue": "content + cue",
    "content_source_cue": "content + source + cue",
    "source_span": "source spans (exact)",
    "cue_span": "cue spans (exact)",
    "content_span": "content spans (exact)",
    "sentence": "sourced sentences",
}

# The per-role exact span metrics, whose errors are also split by extent.
SPAN_METRICS = ("source_span", "cue_span", "content_span")

Fragments = Tuple[Tuple[int, int], ...]


@dataclass(frozen=True)
class Extents:
    """A role's span errors that are a matter of extent: a missed and a false span that overlap.

    The rest of a role's errors have nothing on the other side: a gold span no prediction
    touches, or a predicted span that touches no gold one.

    Attributes:
        missed: Missed gold spans that overlap some false predicted span.
        false: False predicted spans that overlap some missed gold span.
    """

    missed: int = 0
    false: int = 0

    def __add__(self, other: "Extents") -> "Extents":
        return Extents(self.missed + other.missed, self.false + other.false)

    def as_dict(self) -> Dict[str, int]:
        return {"missed": self.missed, "false": self.false}


@dataclass(frozen=True)
class Report:
    """The scores of one system over a set of documents.

    Attributes:
        documents: How many documents were scored.
        failed: How many of them the system failed on (scored as predicting nothing).
        metrics: Counts by metric key, in the order of ``METRICS``.
        recall_by_kind: Gold direct, mixed and indirect attributions found (Jaccard
            matching); only ``tp`` and ``fn`` are counted, so only recall is meaningful.
        by_publisher: Content counts (Jaccard matching) per publisher.
        extents: For each key of ``SPAN_METRICS``, the errors of that role's spans that
            are a matter of extent.
        claims: Claim scores, or None when no gold document has sentences or the
            system finds no claims.
        identity: Source identity scores, or None when no gold attribution has an entity.
    """

    documents: int = 0
    failed: int = 0
    metrics: Dict[str, Counts] = field(default_factory=dict)
    recall_by_kind: Dict[str, Counts] = field(default_factory=dict)
    by_publisher: Dict[str, Counts] = field(default_factory=dict)
    extents: Dict[str, Extents] = field(default_factory=dict)
    claims: Optional[ClaimReport] = None
    identity: Optional[IdentityReport] = None

    def __add__(self, other: "Report") -> "Report":
        return Report(
            self.documents + other.documents,
            self.failed + other.failed,
            _add_maps(self.metrics, other.metrics),
            _add_maps(self.recall_by_kind, other.recall_by_kind),
            _add_maps(self.by_publisher, other.by_publisher),
            _add_maps(self.extents, other.extents, Extents),
            _add_optional(self.claims, other.claims),
            _add_optional(self.identity, other.identity),
        )

    def as_dict(self) -> dict:
        """The report as plain nested dicts, for JSON output."""
        return {
            "documents": self.documents,
            "failed": self.failed,
            "metrics": {key: c.as_dict() for key, c in self.metrics.items()},
            "sentence_accuracy": self.metrics.get("sentence", Counts()).accuracy,
            "recall_by_kind": {key: c.as_dict() for key, c in self.recall_by_kind.items()},
            "by_publisher": {key: c.as_dict() for key, c in self.by_publisher.items()},
            "extents": {key: e.as_dict() for key, e in self.extents.items()},
            **({"claims": self.claims.as_dict()} if self.claims is not None else {}),
            **({"identity": self.identity.as_dict()} if self.identity is not None else {}),
        }


def score(
    documents: Sequence[GoldDocument],
    predictions: Sequence[Union[None, Prediction, Sequence[Attribution]]],
) -> Report:
    """Score one system's predictions over gold documents, summing counts over documents.

    A system scores on claims when any of its predictions has claims; a document it
    failed on then counts as one where it found no claims.

    Raises:
        ValueError: There are not as many predictions as documents.
    """
    if len(documents) != len(predictions):
        raise ValueError(f"{len(predictions)} predictions for {len(documents)} gold documents")
    finds_claims = any(unpack(p).claims is not None for p in predictions)
    total = Report(metrics={key: Counts() for key in METRICS})
    for document, predicted in zip(documents, predictions):
        total = total + score_document(document, predicted, finds_claims)
    return total


def score_document(
    gold: GoldDocument,
    predicted: Union[None, Prediction, Sequence[Attribution]],
    finds_claims: Optional[bool] = None,
) -> Report:
    """Score what was predicted for one document against its gold.

    Args:
        finds_claims: Whether the system finds claims; by default, whether this
            prediction has claims.
    """
    text, golds, found = gold.text, gold.attributions, unpack(predicted)
    preds = found.attributions
    pairs = content_pairs(text, golds, preds)
    gold_content = [fragments(text, a.content) for a in golds]
    pred_content = [fragments(text, a.content) for a in preds]
    exact = match(gold_content, pred_content, lambda g, p: float(g == p), 1.0)
    source_ok = [overlaps(golds[i].source, _sources(preds[j])) for i, j in pairs]
    cue_ok = [overlaps(golds[i].cue, preds[j].cues) for i, j in pairs]
    both_ok = [s and c for s, c in zip(source_ok, cue_ok)]
    n_gold, n_pred = len(golds), len(preds)
    sides = (
        ([a.source for a in golds], [_sources(a) for a in preds]),
        ([a.cue for a in golds], [a.cues for a in preds]),
        ([a.content for a in golds], [a.content for a in preds]),
    )
    role_spans = {key: _span_sets(text, *pair) for key, pair in zip(SPAN_METRICS, sides)}
    metrics = {
        "content": _counts(len(pairs), n_gold, n_pred),
        "content_exact": _counts(len(exact), n_gold, n_pred),
        "content_source": _counts(sum(source_ok), n_gold, n_pred),
        "content_cue": _counts(sum(cue_ok), n_gold, n_pred),
        "content_source_cue": _counts(sum(both_ok), n_gold, n_pred),
        **{key: _exact_counts(*spans) for key, spans in role_spans.items()},
        "sentence": sentence_counts(text, _contents(golds), _contents(preds)),
    }
    by_kind = recall_by_kind(golds, {i for i, _ in pairs})
    publisher = gold.publisher or "unknown"
    extents = {key: _extents(*spans) for key, spans in role_spans.items()}
    if finds_claims is None:
        finds_claims = found.claims is not None
    claims = score_claims(gold.sentences, found.claims or (), golds) if gold.sentences and finds_claims else None
    identity = identity_mentions(golds, preds, pairs) if any(a.entity for a in golds) else None
    return Report(1, int(predicted is None), metrics, by_kind, {publisher: metrics["content"]}, extents,
                  claims, identity)


def content_pairs(
    text: str, gold: Sequence[GoldAttribution], predicted: Sequence[Attribution]
) -> List[Tuple[int, int]]:
    """Pair gold and predicted attributions one-to-one by content, Jaccard >= 0.5 (``match``)."""
    gold_chars = _all_positions([fragments(text, a.content) for a in gold])
    pred_chars = _all_positions([fragments(text, a.content) for a in predicted])
    return match(gold_chars, pred_chars, _jaccard, JACCARD_THRESHOLD)


def recall_by_kind(gold: Sequence[GoldAttribution], found: Set[int]) -> Dict[str, Counts]:
    """Count, per kind, the gold attributions whose index is in ``found`` and those missed."""
    counts = {}
    for kind in GOLD_KINDS:
        of_kind = {i for i, attribution in enumerate(gold) if attribution.kind == kind}
        counts[kind] = Counts(tp=len(of_kind & found), fn=len(of_kind - found))
    return counts


def trim(text: str, start: int, end: int) -> Tuple[int, int]:
    """Narrow ``text[start:end]`` past whitespace, punctuation and quotation marks at its edges.

    A span of nothing but such characters (a cue ``:``) is kept as it is.
    """
    left, right = start, end
    while left < right and _is_edge(text[left]):
        left += 1
    while right > left and _is_edge(text[right - 1]):
        right -= 1
    return (left, right) if left < right else (start, end)


def fragments(text: str, spans: Iterable) -> Fragments:
    """Trim each span (anything with ``start`` and ``end``) and merge those that touch.

    Spans separated by nothing but whitespace and punctuation merge, so ``"A." "B."``
    annotated as two fragments equals one span over both.
    """
    merged: List[Tuple[int, int]] = []
    for start, end in sorted(trim(text, s.start, s.end) for s in spans):
        if merged and (start <= merged[-1][1] or all(map(_is_edge, text[merged[-1][1]:start]))):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def match(
    gold: Sequence[Hashable],
    predicted: Sequence[Hashable],
    similarity: Callable[[Hashable, Hashable], float],
    threshold: float,
) -> List[Tuple[int, int]]:
    """Pair gold and predicted items one-to-one, best similarity first.

    Returns:
        (gold index, predicted index) pairs whose similarity is at least ``threshold``,
        chosen greedily from the most similar down; each item is used at most once.

    Notes:
        Greedy rather than Hungarian matching: with a threshold of 0.5 on Jaccard two
        contents rarely compete for the same partner.
    """
    scored = [
        (similarity(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)
    ]
    pairs, used_gold, used_pred = [], set(), set()
    for value, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if value < threshold:
            break
        if i not in used_gold and j not in used_pred:
            pairs.append((i, j))
            used_gold.add(i)
            used_pred.add(j)
    return sorted(pairs)


def overlaps(gold: Sequence, predicted: Sequence) -> bool:
    """Whether any gold span overlaps any predicted one; two empty sides agree too."""
    if not gold and not predicted:
        return True
    return any(g.start < p.end and p.start < g.end for g in gold for p in predicted)


def sentences(text: str) -> List[Tuple[int, int]]:
    """Split text into sentences with ``SENTENCE_END_RE``; spans without letters are dropped.

    Notes:
        Deliberately simple: abbreviations such as ``Mr.`` also end a sentence. Gold
        and predictions are split the same way, so the comparison stays fair.
    """
    bounds, start = [], 0
    for end in SENTENCE_END_RE.finditer(text):
        bounds.append((start, end.end()))
        start = end.end()
    bounds.append((start, len(text)))
    return [_strip(text, s, e) for s, e in bounds if any(c.isalpha() for c in text[s:e])]


def sentence_counts(text: str, gold: Sequence, predicted: Sequence) -> Counts:
    """Compare which sentences are sourced: at least half their letters inside some content.

    Args:
        gold, predicted: Content spans (anything with ``start`` and ``end``).
    """
    gold_cover = _positions((s.start, s.end) for s in gold)
    pred_cover = _positions((s.start, s.end) for s in predicted)
    counts = Counter()
    for start, end in sentences(text):
        letters = [i for i in range(start, end) if text[i].isalpha()]
        in_gold = 2 * len(gold_cover.intersection(letters)) >= len(letters)
        in_pred = 2 * len(pred_cover.intersection(letters)) >= len(letters)
        counts[("tn", "fn", "fp", "tp")[2 * in_pred + in_gold]] += 1
    return Counts(**counts)


def _strip(text: str, start: int, end: int) -> Tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


def _contents(attributions: Sequence) -> List:
    return [span for a in attributions for span in a.content]


def _all_positions(contents: Sequence[Fragments]) -> List[Set[int]]:
    return [_positions(c) for c in contents]


def _jaccard(a: Set[int], b: Set[int]) -> float:
    return ratio(len(a & b), len(a | b)) if a and b and not a.isdisjoint(b) else 0.0


def _sources(attribution: Attribution) -> Tuple:
    return (attribution.source,) if attribution.source else ()


def _span_sets(text: str, gold: Sequence[Sequence], predicted: Sequence[Sequence]) -> Tuple[Set, Set]:
    """One role's distinct trimmed spans on each side, from its spans per attribution.

    Notes:
        Spans are scored independently of the attribution they belong to, the way
        CofeNet (Wang et al., COLING 2022) scores PolNeAR roles. A document holds each
        span once, however many attributions share it (a source of two quotes).
    """
    return ({f for spans in gold for f in fragments(text, spans)},
            {f for spans in predicted for f in fragments(text, spans)})


def _exact_counts(gold_spans: Set, pred_spans: Set) -> Counts:
    return _counts(len(gold_spans & pred_spans), len(gold_spans), len(pred_spans))


def _extents(gold_spans: Set, pred_spans: Set) -> Extents:
    """A missed gold span that overlaps a false predicted one (and that one) has the wrong extent."""
    missed, false = gold_spans - pred_spans, pred_spans - gold_spans
    return Extents(
        sum(any(_touch(g, p) for p in false) for g in missed),
        sum(any(_touch(g, p) for g in missed) for p in false),
    )


def _touch(a: Tuple[int, int], b: Tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _is_edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def _positions(spans: Iterable[Tuple[int, int]]) -> Set[int]:
    return {i for start, end in spans for i in range(start, end)}


def _counts(tp: int, gold: int, predicted: int) -> Counts:
    return Counts(tp=tp, fp=predicted - tp, fn=gold - tp)


def _add_optional(a: Any, b: Any) -> Any:
    """Sum two optional reports; a missing one adds nothing."""
    if a is None or b is None:
        return b if a is None else a
    return a + b


def _add_maps(a: Dict[str, Any], b: Dict[str, Any], empty: Callable[[], Any] = Counts) -> Dict[str, Any]:
    return {key: a.get(key, empty()) + b.get(key, empty()) for key in {**a, **b}}
