"""Running systems over gold documents and showing their scores side by side."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple, Union

from ..records import FLAGGED
from .claim_scoring import TOP_K, ClaimReport
from .counts import Counts, Share
from .gold import GOLD_KINDS, SENTENCE_STATUSES, GoldDocument
from .identity_scoring import BCubed, IdentityReport
from .predictor import Predictor
from .scoring import METRICS, SPAN_METRICS, Extents, Report, score

PRF = ("P", "R", "F1")


@dataclass(frozen=True)
class Evaluation:
    """The reports of our system and, when one was run, of the baseline."""

    ours: Report
    baseline: Optional[Report] = None


def evaluate(
    documents: Iterable[GoldDocument],
    predict: Predictor,
    baseline: Optional[Predictor] = None,
) -> Evaluation:
    """Run a system (and optionally a baseline) over the gold texts and score both.

    Args:
        documents: The gold documents; read once.
        predict: Takes the documents' texts, returns one result per text (a
            ``Prediction`` or an attribution list), such as ``engine_predictor(engine)``.
        baseline: Another predictor to score the same way, such as
            ``baseline_predictor(nlp)``.

    Raises:
        ValueError: A predictor returned a different number of lists than texts.
    """
    documents = list(documents)
    texts = [document.text for document in documents]
    ours = score(documents, predict(texts))
    return Evaluation(ours, score(documents, baseline(texts)) if baseline else None)


def format_report(report: Report, other: Optional[Report] = None, names: Sequence[str] = ("ours", "baseline")) -> str:
    """Render a report as a text table, beside a second system's when ``other`` is given.

    Columns are the metric, then precision, recall and F1 per system. The sentence
    accuracy row shows its value in the F1 column; recall-by-kind rows show recall only.
    Below the table, one line per system counts the span errors that are a matter of
    extent (``Report.extents``). Then, only when the gold has what they need, come claim
    scores (per system that finds claims) and source identity scores.
    """
    reports = [report] + ([other] if other else [])
    rows = [("metric", ("P", "R", "F1") * len(reports))] + _rows(reports)
    width = max(len(label) for label, _ in rows)
    systems = "".join(f"  {name:<19}" for name in names[: len(reports)])
    lines = [(" " * width + systems).rstrip()]
    lines += [(f"{label:<{width}}" + "".join(f"  {c:<5}" for c in cells)).rstrip() for label, cells in rows]
    lines += [_extent_line(r, name) for r, name in zip(reports, names)]
    failed = ", ".join(f"{r.failed} ({name})" for r, name in zip(reports, names))
    lines.append(f"documents: {report.documents}; failed: {failed}")
    for r, name in zip(reports, names):
        if r.claims is not None:
            lines += [""] + claim_lines(r.claims, name)
    named = [(r.identity, name) for r, name in zip(reports, names) if r.identity is not None]
    if named:
        lines += [""] + identity_lines([i for i, _ in named], [name for _, name in named])
    return "\n".join(lines)


def claim_lines(claims: ClaimReport, name: str) -> List[str]:
    """One system's claim scores: P/R/F1 per status, the confusion matrix, flagged non-claims, top 3."""
    rows = [(status, _prf(claims.status_counts((status,)))) for status in SENTENCE_STATUSES]
    rows.append((f"flagged ({' or '.join(FLAGGED)})", _prf(claims.status_counts(FLAGGED))))
    lines = _table(f"claims ({name})", "gold sentence status", rows, [name], names_shown=False)
    corner = "gold x predicted"
    width = max(len(corner), *(len(status) for status in SENTENCE_STATUSES))
    lines.append(f"{corner:<{width}}" + "".join(f"  {status}" for status in SENTENCE_STATUSES))
    for gold in SENTENCE_STATUSES:
        counts = [claims.confusion.get((gold, predicted), 0) for predicted in SENTENCE_STATUSES]
        lines.append(f"{gold:<{width}}" + "".join(f"  {n:>{len(s)}}" for n, s in zip(counts, SENTENCE_STATUSES)))
    lines.append(f"flagged claims on gold not_claim sentences ({name}): {_share(claims.flagged_not_claim)}")
    lines.append(f"check-worthy sentences whose claim is in its article's top {TOP_K} ({name}): "
                 f"{_share(claims.checkworthy_top)}; covered by no claim: {claims.checkworthy_uncovered}")
    lines.append(f"hedged sentences (gold vague, an agentless cue in them) flagged vague ({name}): "
                 f"{_share(claims.hedged_vague)}")
    return lines


def identity_lines(reports: Sequence[IdentityReport], names: Sequence[str]) -> List[str]:
    """Source identity side by side: B-cubed rows, then per system its mentions, junk names and types."""
    rows = [
        ("matched mentions", tuple(c for r in reports for c in _prf(r.matched))),
        ("all mentions, misses as singletons", tuple(c for r in reports for c in _prf(r.all))),
    ]
    lines = _table("source identity (B-cubed)", "mentions", rows, names)
    for report, name in zip(reports, names):
        counts = report.as_dict()
        lines.append(f"mentions ({name}): {counts['mentions']} with a gold entity, {counts['matched']} matched, "
                     f"{counts['named']} with a speaker")
        lines.append(f"junk speaker names ({name}): {_share(report.junk)}")
        lines.append(f"speaker types agreeing with the gold's ({name}): {_share(report.types)}")
    return lines


def _table(corner: str, label: str, rows, names: Sequence[str], names_shown: bool = True) -> List[str]:
    """Rows of P, R, F1 cells per system under a title, laid out like the span table."""
    rows = [(label, PRF * len(names))] + list(rows)
    width = max(len(corner), *(len(row_label) for row_label, _ in rows))
    systems = "".join(f"  {name:<19}" for name in names) if names_shown else ""
    lines = [(f"{corner:<{width}}" + systems).rstrip()]
    lines += [(f"{row_label:<{width}}" + "".join(f"  {c:<5}" for c in cells)).rstrip() for row_label, cells in rows]
    return lines


def _prf(scores: Union[Counts, BCubed]) -> Tuple[str, ...]:
    return tuple(f"{value:.3f}" for value in (scores.precision, scores.recall, scores.f1))


def _share(share: Share) -> str:
    return f"{share.part} of {share.whole} ({share.value:.3f})"


def _rows(reports: List[Report]) -> List[Tuple[str, Tuple[str, ...]]]:
    rows = [(label, _cells(reports, key, "prf")) for key, label in METRICS.items()]
    rows.append(("sourced sentences, accuracy", _cells(reports, "sentence", "--a")))
    for kind in GOLD_KINDS:
        rows.append((f"recall, {kind}", _cells(reports, kind, "-r-", "recall_by_kind")))
    publishers = sorted({p for r in reports for p in r.by_publisher})
    for publisher in publishers:
        rows.append((f"content, {publisher}", _cells(reports, publisher, "prf", "by_publisher")))
    return rows


def _extent_line(report: Report, name: str) -> str:
    roles = [
        f"{label} {e.missed} missed, {e.false} false"
        for label, e in ((key.split("_")[0], report.extents.get(key, Extents())) for key in SPAN_METRICS)
    ]
    return f"wrong extent ({name}): " + "; ".join(roles)


def _cells(reports: List[Report], key: str, shown: str, table: str = "metrics") -> Tuple[str, ...]:
    """Format each report's counts under ``key``: p, r, f, a (accuracy) or - per column."""
    cells: List[str] = []
    for report in reports:
        counts = getattr(report, table).get(key, Counts())
        values = {"p": counts.precision, "r": counts.recall, "f": counts.f1, "a": counts.accuracy}
        cells += [f"{values[c]:.3f}" if c in values else "-" for c in shown]
    return tuple(cells)
