"""Turning analyses into output: the JSON contract, JSON lines, CSV rows and the readable text report,
and a run's output in any of these formats."""
from __future__ import annotations

import csv
import io
import json
import textwrap
from dataclasses import asdict
from typing import Dict, Iterable, List, Tuple

from .batch import Outcome, Skipped
from .errors import AnalysisError, InputError
from .escaping import escape_cell, escape_json, escape_terminal
from .records import FLAGGED, NOT_CLAIM, STATUSES, Analysis, Attribution, Claim
from .sources import normalize

FORMATS = ("text", "json", "jsonl", "csv")
QUIET_FORMATS = ("json", "jsonl")  # read by machines: no progress line beside them, even on a terminal
CSV_FIELDS = ("article_id", "path", "attribution", "kind", "speaker", "speaker_type", "vague", "cue",
              "cue_rule", "stance", "source", "content", "content_start", "content_end", "resolved_by", "confidence")


def as_dict(analysis: Analysis) -> Dict:
    """The output contract of one article (offsets are code points into the input, end-exclusive)."""
    article = analysis.article
    return {
        "article": {"id": article.id, "path": article.path, "title": article.title},
        "attributions": [_attribution(a) for a in analysis.attributions],
        "claims": [_claim(c) for c in analysis.claims],
        "meta": {"model": analysis.model, "model_version": analysis.model_version,
                 "rules_digest": analysis.rules_digest, "tool_version": analysis.tool_version},
    }


def _attribution(a: Attribution) -> Dict:
    return {
        "id": a.id,
        "kind": a.kind,
        "content": [asdict(span) for span in a.content],
        "cue": asdict(a.cue) if a.cue else None,
        "cues": [asdict(cue) for cue in a.cues],
        "source": asdict(a.source) if a.source else None,
        "speaker": asdict(a.speaker) if a.speaker else None,
        "vague": a.vague,
        "resolved_by": a.resolved_by,
        "confidence": a.confidence,
        "rules": list(a.rules),
    }


def _claim(c: Claim) -> Dict:
    row = asdict(c)
    row["reasons"] = list(c.reasons)
    return row


def as_jsonl(analysis: Analysis) -> str:
    return escape_json(json.dumps(as_dict(analysis), ensure_ascii=False))


def csv_header() -> str:
    return _csv_line(CSV_FIELDS)


def as_csv(analysis: Analysis) -> str:
    """One CSV row per attribution."""
    lines = []
    for a in analysis.attributions:
        content = " … ".join(span.text for span in a.content)
        lines.append(_csv_line((
            analysis.article.id, analysis.article.path, a.id, a.kind,
            a.speaker.name if a.speaker else "", a.speaker.type if a.speaker else "", int(a.vague),
            " / ".join(c.text for c in a.cues), a.cue.rule if a.cue else "", a.cue.stance if a.cue else "",
            a.source.text if a.source else "", content, a.content[0].start, a.content[-1].end,
            a.resolved_by or "", a.confidence,
        )))
    return "".join(lines)


def _csv_line(values: Iterable) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(escape_cell(value) for value in values)
    return buffer.getvalue()


def as_text(analysis: Analysis, width: int = 100) -> str:
    """A readable report: each attribution as `speaker ← cue: "content"`, then the flagged claims.

    Every piece of the article is shown through `escape_terminal`, its line breaks read as spaces.
    """
    article = analysis.article
    lines = [f"{escape_terminal(article.path)}: {_shown(article.title) if article.title else '(untitled)'}"]
    lines.append(f"  Attributions ({len(analysis.attributions)}):")
    for a in analysis.attributions:
        lines.append("    " + _attribution_line(a, width - 4))
    flagged = ranked_flagged(analysis.claims)
    lines.append(f"  Claims on nobody's word or vague authority, most check-worthy first ({len(flagged)}):")
    for c in flagged:
        text = textwrap.shorten(_shown(c.text), width - 26, placeholder="…")
        lines.append(f"    {c.checkworthiness:5.1f}  {c.status:<12} \"{text}\"")
    lines.append("  " + summary(analysis))
    return "\n".join(lines) + "\n"


def _attribution_line(a: Attribution, width: int) -> str:
    """`speaker ← cue` on one line, the content under it."""
    if a.speaker:
        speaker = f"{_shown(a.speaker.name)} [{_shown(a.speaker.type)}{', vague' if a.vague else ''}]"
    else:
        speaker = "(nobody named) [vague]"
    cue = " / ".join(_shown(c.text) for c in a.cues) or a.kind
    line = f"{speaker} ← {cue}"
    if a.source and a.speaker and normalize(a.source.text) != normalize(a.speaker.name):
        line += f" (as “{' '.join(_shown(a.source.text).split())}”)"
    content = " … ".join(_shown(span.text) for span in a.content)
    return line + "\n      " + '"' + textwrap.shorten(content, width - 8, placeholder="…") + '"'


def _shown(text: str) -> str:
    """A piece of the article for one line of the report: line breaks as spaces, controls escaped."""
    return escape_terminal(text, newlines="space")


def ranked_flagged(claims: Iterable[Claim]) -> List[Claim]:
    """Unattributed claims, then vague ones (FLAGGED's order), each most check-worthy first."""
    flagged = [c for c in claims if c.status in FLAGGED]
    return sorted(flagged, key=lambda c: (FLAGGED.index(c.status), -c.checkworthiness, c.start))


def summary(analysis: Analysis) -> str:
    counts = {status: 0 for status in STATUSES}
    for c in analysis.claims:
        counts[c.status] += 1
    # lines set aside as no claims are counted only where there are some
    shown = [status for status in STATUSES if status != NOT_CLAIM or counts[status]]
    return (f"{len(analysis.attributions)} attributions; {len(analysis.claims)} claims: "
            + ", ".join(f"{counts[status]} {status}" for status in shown))


class Writer:
    """A run's output in one of FORMATS, piece by piece: `start()`, `add()` for each outcome, then `end()`.

    JSON is one array, so its analyses are held until `end()`; the other formats stream.
    Errors go to the error stream in every format; only the text report notes the
    articles skipped as unchanged and ends with the run's summary.
    """

    def __init__(self, fmt: str):
        self.fmt = fmt
        self.shows_progress = fmt not in QUIET_FORMATS  # whether a progress line may be drawn beside it
        self._held: List[Dict] = []

    def start(self) -> str:
        """What comes before the first article: the CSV header."""
        return csv_header() if self.fmt == "csv" else ""

    def add(self, outcome: Outcome) -> Tuple[str, str]:
        """The output and the error text for one outcome of a run."""
        if isinstance(outcome, (InputError, AnalysisError)):
            return "", f"error: {escape_terminal(str(outcome), newlines='keep')}\n"
        if isinstance(outcome, Skipped):
            path = escape_terminal(outcome.path)
            note = f"{path}: unchanged since it was last checked; skipped (--force re-checks)\n\n"
            return (note if self.fmt == "text" else ""), ""
        if self.fmt == "json":
            self._held.append(as_dict(outcome))
            return "", ""
        if self.fmt == "jsonl":
            return as_jsonl(outcome) + "\n", ""
        if self.fmt == "csv":
            return as_csv(outcome), ""
        return as_text(outcome) + "\n", ""

    def end(self, run_summary: str) -> str:
        """What comes after the last article: the JSON array, or the text report's `run_summary` line."""
        if self.fmt == "json":
            return escape_json(json.dumps(self._held, ensure_ascii=False, indent=2)) + "\n"
        return escape_terminal(run_summary) + "\n" if self.fmt == "text" else ""
