"""Check-worthiness weights learned from a gold set's check-worthy marks: one weight per rule id,
fitted to rank the marked sentences of each article above the others, and its cross-validation.

The features are the check-worthiness rules' own (`checkworthiness.Worth`), so a learned
weight replaces a hand-set one and every score still lists the rule ids it was made of.

Notes:
    The fit is a pairwise ranking (RankNet's logistic loss over pairs of a marked and an
    unmarked claim of the same article; Burges et al., ICML 2005), solved by Newton's
    method, with a ridge penalty that holds each weight to the rule's own weight in units of
    its feature's spread: with little gold, the rules' weights stand.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, FrozenSet, Iterable, Iterator, List, Mapping, Sequence, Tuple, Union

import numpy

from .checkworthiness import score
from .errors import AnalysisError, ProvenanceError, WeightsError
from .evaluation.claim_scoring import TOP_K, in_top, match_claims, sentence_claims
from .evaluation.counts import Share
from .evaluation.gold import GoldDocument, read_gold
from .rules import WorthRule

# How strongly the weights are held to the rules' own, by default (`fit`'s `strength`).
STRENGTH = 1.0
NEWTON_STEPS = 50


@dataclass(frozen=True)
class Ranked:
    """One article's claims as a ranking to learn from: the features of each claim, in text
    order (empty for a claim set aside), and the indexes of the gold's check-worthy ones."""

    id: str
    features: Tuple[Mapping[str, float], ...]
    marked: FrozenSet[int]


def rankings(engine, documents: Iterable[GoldDocument]) -> Iterator[Union[Ranked, AnalysisError]]:
    """The claims of each gold document with sentence statuses, as the engine finds and scores them.

    A document the engine fails on comes out as an AnalysisError in its place; one with no
    sentence statuses is left out (it marks nothing).
    """
    for document in documents:
        if not document.sentences:
            continue
        try:
            text = engine.versions(document.text)
            findings = engine.analyzer(engine.parse(text), text)
        except Exception as exc:  # one article's failure must not stop the others
            yield AnalysisError(f"{document.id}: analysis failed ({type(exc).__name__}: {exc}); "
                                "please report this with the article")
            continue
        chosen = sentence_claims(document.sentences, findings.claims,
                                 match_claims(document.sentences, findings.claims))
        marked = frozenset(c for s, c in zip(document.sentences, chosen) if s.checkworthy and c is not None)
        yield Ranked(document.id, tuple(findings.features), marked)


def gathered(engine, paths: Sequence[str]) -> Tuple[List[Ranked], List[str]]:
    """The rankings of every gold file given, and one problem per file that could not be read,
    that the engine failed on, or that marks no check-worthy sentence (its rankings are still used)."""
    examples: List[Ranked] = []
    problems: List[str] = []
    for path in paths:
        try:
            found = list(rankings(engine, read_gold(path)))
        except ProvenanceError as exc:
            found = [exc]
        failures = [str(item) for item in found if isinstance(item, ProvenanceError)]
        ranked = [item for item in found if isinstance(item, Ranked)]
        if not failures and not any(r.marked for r in ranked):
            failures = [f"{path}: no check-worthy sentences marked; mark them as docs/gold-format.md says"]
        problems += failures
        examples += ranked
    return examples, problems


def fit(examples: Sequence[Ranked], rules: Sequence[WorthRule], strength: float = STRENGTH) -> Dict[str, float]:
    """The weight of each rule that best ranks each article's marked claims above its others.

    Args:
        rules: the check-worthiness rules whose weights are learned, their own weights the prior.
        strength: the ridge penalty that holds the weights to the rules' own, in units of
            each feature's standard deviation over the claims (0: none).

    Raises:
        WeightsError: no article has both a marked and an unmarked claim.
    """
    ids = [rule.id for rule in rules]
    pairs = _pairs(examples, ids)
    if not len(pairs):
        raise WeightsError("no article has both a check-worthy sentence and another claim: "
                           "mark check-worthy sentences in the gold (docs/gold-format.md)")
    spread = _matrix([f for e in examples for f in e.features], ids).std(axis=0)
    spread[spread == 0] = 1.0  # a feature that never varies keeps its rule's weight
    pairs = pairs / spread
    prior = numpy.array([rule.weight for rule in rules]) * spread
    v = prior.copy()
    for _ in range(NEWTON_STEPS):
        p = 0.5 * (1.0 - numpy.tanh(pairs @ v / 2))  # each pair's chance of being ranked the wrong way
        gradient = -(pairs * p[:, None]).mean(axis=0) + strength * (v - prior)
        hessian = (pairs * (p * (1 - p))[:, None]).T @ pairs / len(pairs) + strength * numpy.eye(len(ids))
        step = numpy.linalg.lstsq(hessian, gradient, rcond=None)[0]
        v -= step
        if numpy.abs(step).max() < 1e-9:
            break
    return {i: round(float(w), 3) for i, w in zip(ids, v / spread)}


def reweighted(rules: Sequence[WorthRule], weights: Mapping[str, float]) -> Tuple[WorthRule, ...]:
    """The rules with the weights given, the others unchanged."""
    return tuple(replace(rule, weight=weights[rule.id]) if rule.id in weights else rule for rule in rules)


def top(examples: Iterable[Ranked], rules: Sequence[WorthRule]) -> Share:
    """Of the marked claims, those among their article's TOP_K scores under `rules`, ties counted
    against them, as `provenance eval` counts them."""
    found = Share()
    for example in examples:
        scores = [score(features, rules)[0] for features in example.features]
        found += Share(sum(in_top(scores, i, TOP_K) for i in example.marked), len(example.marked))
    return found


def cross_validate(examples: Sequence[Ranked], rules: Sequence[WorthRule], folds: int,
                   strength: float = STRENGTH) -> Share:
    """The top-k share of weights learned on all folds but one, scored on the fold left out, pooled.

    Articles go to folds by their place in the gold (the i-th to fold i mod `folds`), so
    no article's claims are both learned from and scored.
    """
    found = Share()
    for fold in range(folds):
        learn = [e for i, e in enumerate(examples) if i % folds != fold]
        held = [e for i, e in enumerate(examples) if i % folds == fold]
        found += top(held, reweighted(rules, fit(learn, rules, strength)))
    return found


def weights_file(weights: Mapping[str, float], examples: Sequence[Ranked], names: Sequence[str],
                 strength: float) -> str:
    """A rules file that re-weights the check-worthiness rules, for `--rules`, opening with a comment
    that says what the weights were learned from (`names`: the gold files')."""
    note = (f"Check-worthiness weights learned by provenance learn-weights from {len(examples)} articles\n"
            f"({marks(examples)} check-worthy sentences) of {', '.join(names)}, strength {strength}.\n"
            "Each weight replaces that of the rule of its id: load this file with --rules.")
    lines = [f"# {line}".rstrip() for line in note.splitlines()] + ["checkworthiness:"]
    lines += [f"  - id: {rule_id}\n    weight: {weight}" for rule_id, weight in weights.items()]
    return "\n".join(lines) + "\n"


def marks(examples: Iterable[Ranked]) -> int:
    """How many check-worthy claims the rankings mark."""
    return sum(len(example.marked) for example in examples)


def _pairs(examples: Iterable[Ranked], ids: Sequence[str]) -> numpy.ndarray:
    """For each article, each marked claim's features less each unmarked claim's."""
    rows: List[numpy.ndarray] = []
    for example in examples:
        matrix = _matrix(example.features, ids)
        marked = sorted(example.marked)
        others = [i for i in range(len(example.features)) if i not in example.marked]
        if marked and others:
            rows.append((matrix[marked][:, None, :] - matrix[others][None, :, :]).reshape(-1, len(ids)))
    return numpy.vstack(rows) if rows else numpy.zeros((0, len(ids)))


def _matrix(features: Sequence[Mapping[str, float]], ids: Sequence[str]) -> numpy.ndarray:
    return numpy.array([[f.get(i, 0.0) for i in ids] for f in features], dtype=float).reshape(-1, len(ids))
