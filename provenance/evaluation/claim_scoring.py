"""Scoring predicted claims against gold sentence statuses and check-worthy marks.

The unit is the gold sentence. Each predicted claim is matched to the gold sentence it
shares the most characters with; a gold sentence takes the status of the claim, of
those matched to it, that overlaps it most, and ``not_claim`` (not flagged) when no
claim is matched to it. Ties go to the earlier sentence or claim.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ..records import FLAGGED, NOT_CLAIM, VAGUE, Claim
from .counts import Counts, Share
from .gold import SENTENCE_STATUSES, GoldAttribution, GoldSentence

# A check-worthy gold sentence is found when its claim is among its article's TOP_K.
TOP_K = 3


@dataclass(frozen=True)
class ClaimReport:
    """Claim scores over a set of documents, summed over documents.

    Attributes:
        confusion: Gold sentences by (gold status, predicted status).
        flagged_not_claim: Of the predicted claims flagged (unattributed or vague), those
            whose gold sentence is ``not_claim`` (or that match no gold sentence).
        checkworthy_top: Of the gold check-worthy sentences, those whose claim is among
            its article's ``TOP_K`` check-worthiness scores, ties counted against us.
        checkworthy_uncovered: Gold check-worthy sentences no claim was matched to.
        hedged_vague: Of the gold ``vague`` sentences that hold the cue of an agentless
            gold attribution (a hedge: "is thought to", "reportedly"), those predicted vague.
    """

    confusion: Dict[Tuple[str, str], int] = field(default_factory=dict)
    flagged_not_claim: Share = Share()
    checkworthy_top: Share = Share()
    checkworthy_uncovered: int = 0
    hedged_vague: Share = Share()

    def __add__(self, other: "ClaimReport") -> "ClaimReport":
        confusion = Counter(self.confusion)
        confusion.update(other.confusion)
        return ClaimReport(dict(confusion), self.flagged_not_claim + other.flagged_not_claim,
                           self.checkworthy_top + other.checkworthy_top,
                           self.checkworthy_uncovered + other.checkworthy_uncovered,
                           self.hedged_vague + other.hedged_vague)

    def status_counts(self, statuses: Sequence[str]) -> Counts:
        """Precision and recall counts of predicting any of ``statuses``, over gold sentences."""
        tp = fp = fn = 0
        for (gold, predicted), n in self.confusion.items():
            tp += n * (gold in statuses and predicted in statuses)
            fp += n * (gold not in statuses and predicted in statuses)
            fn += n * (gold in statuses and predicted not in statuses)
        return Counts(tp=tp, fp=fp, fn=fn)

    def as_dict(self) -> dict:
        """The report as plain nested dicts, for JSON output."""
        return {
            "by_status": {status: self.status_counts((status,)).as_dict() for status in SENTENCE_STATUSES},
            "flagged": self.status_counts(FLAGGED).as_dict(),
            "confusion": {gold: {predicted: self.confusion.get((gold, predicted), 0) for predicted in SENTENCE_STATUSES}
                          for gold in SENTENCE_STATUSES},
            "flagged_not_claim": self.flagged_not_claim.as_dict(),
            "checkworthy_top": {**self.checkworthy_top.as_dict(), "k": TOP_K, "uncovered": self.checkworthy_uncovered},
            "hedged_vague": self.hedged_vague.as_dict(),
        }


def score_claims(sentences: Sequence[GoldSentence], claims: Sequence[Claim],
                 attributions: Sequence[GoldAttribution] = ()) -> ClaimReport:
    """Score one document's predicted claims against its gold sentences (and, for the
    hedges, its gold attributions)."""
    matched = match_claims(sentences, claims)
    chosen = sentence_claims(sentences, claims, matched)
    confusion = Counter(
        (sentence.status, claims[c].status if c is not None else NOT_CLAIM) for sentence, c in zip(sentences, chosen)
    )
    flagged = [i for i, claim in enumerate(claims) if claim.status in FLAGGED]
    on_not_claim = sum(matched[i] is None or sentences[matched[i]].status == NOT_CLAIM for i in flagged)
    marked = [c for sentence, c in zip(sentences, chosen) if sentence.checkworthy]
    scores = [claim.checkworthiness for claim in claims]
    top = sum(c is not None and in_top(scores, c, TOP_K) for c in marked)
    hedged = [c for sentence, c in zip(sentences, chosen) if sentence.status == VAGUE and _hedged(sentence, attributions)]
    return ClaimReport(dict(confusion), Share(on_not_claim, len(flagged)), Share(top, len(marked)),
                       sum(c is None for c in marked),
                       Share(sum(c is not None and claims[c].status == VAGUE for c in hedged), len(hedged)))


def _hedged(sentence: GoldSentence, attributions: Sequence[GoldAttribution]) -> bool:
    """Whether a sentence holds the cue of an agentless attribution (one with no source)."""
    return any(not a.source and any(sentence.start <= cue.start < sentence.end for cue in a.cue) for a in attributions)


def match_claims(sentences: Sequence[GoldSentence], claims: Sequence[Claim]) -> List[Optional[int]]:
    """For each claim, the index of the gold sentence it shares most characters with.

    Returns:
        One index per claim, or None for a claim that overlaps no gold sentence; of
        sentences with equal overlap, the earliest.
    """
    found: List[Optional[int]] = []
    for claim in claims:
        best, index = 0, None
        for i, sentence in enumerate(sentences):
            shared = _overlap(claim, sentence)
            if shared > best:
                best, index = shared, i
        found.append(index)
    return found


def sentence_claims(
    sentences: Sequence[GoldSentence], claims: Sequence[Claim], matched: Sequence[Optional[int]]
) -> List[Optional[int]]:
    """For each gold sentence, the claim standing for it: of those matched to it, the one overlapping it most.

    Returns:
        One claim index per sentence, or None where no claim was matched to it.
    """
    chosen: List[Optional[int]] = [None] * len(sentences)
    for c, i in enumerate(matched):
        if i is None:
            continue
        if chosen[i] is None or _overlap(claims[c], sentences[i]) > _overlap(claims[chosen[i]], sentences[i]):
            chosen[i] = c
    return chosen


def in_top(scores: Sequence[float], index: int, k: int = TOP_K) -> bool:
    """Whether ``scores[index]`` is among the ``k`` highest, ties counted against it.

    A score tied with others is in the top k only if no more than k scores (itself
    included) are at least as high: with scores 5, 3, 3, 3 neither 3 is in the top 3.
    """
    return sum(score >= scores[index] for score in scores) <= k


def _overlap(a, b) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))
