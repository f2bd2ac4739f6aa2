"""Running systems over gold documents and showing their scores side by side."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

from .gold import GOLD_KINDS, GoldDocument
from .predictor import Predictor
from .scoring import METRICS, SPAN_METRICS, Counts, Extents, Report, score


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
        predict: Takes the documents' texts, returns one attribution list per text,
            such as ``engine_predictor(engine)``.
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
    extent (``Report.extents``).
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
    return "\n".join(lines)


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
