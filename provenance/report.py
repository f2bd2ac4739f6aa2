"""Turning analyses into output: the JSON contract, JSON lines, CSV rows, the readable text report and
the self-contained HTML report, and a run's output in any of these formats."""
from __future__ import annotations

import csv
import functools
import io
import json
import textwrap
from dataclasses import fields
from typing import Dict, Iterable, List, Optional, Tuple

from .batch import Outcome, Skipped
from .errors import AnalysisError, InputError
from .escaping import escape_cell, escape_json, escape_terminal
from .layout import read_layout
from .records import FLAGGED, NOT_CLAIM, PAGE_FIELDS, STATUSES, Analysis, Article, Attribution, Claim, claim_ids
from .rules import RuleSet
from .sources import normalize
from .text import versions
from .web import page

FORMATS = ("text", "json", "jsonl", "csv", "html")
QUIET_FORMATS = ("json", "jsonl")  # read by machines: no progress line beside them, even on a terminal
CSV_FIELDS = ("article_id", "path", "attribution", "kind", "speaker", "speaker_type", "vague", "cue",
              "cue_rule", "stance", "source", "content", "content_start", "content_end", "resolved_by", "confidence")
CLAIM_CSV_FIELDS = ("claim_id", "article_id", "path", "start", "end", "status", "checkworthiness",
                    "attribution", "reasons", "text")
CSV_TABLES = {"attributions": CSV_FIELDS, "claims": CLAIM_CSV_FIELDS}  # what --table can ask for, one row each


def as_dict(analysis: Analysis) -> Dict:
    """The output contract of one article (offsets are code points into the input, end-exclusive)."""
    article = analysis.article
    return {
        "article": article_dict(article),
        "attributions": [_attribution(a) for a in analysis.attributions],
        "claims": [_claim(c, i) for c, i in zip(analysis.claims, claim_ids(article.id, analysis.claims))],
        "meta": {"model": analysis.model, "model_version": analysis.model_version,
                 "rules_digest": analysis.rules_digest, "tool_version": analysis.tool_version},
    }


def article_dict(article: Article) -> Dict:
    """An article's id, path, title, version and, for one taken out of a web page, the page's metadata (PAGE_FIELDS)."""
    row = {"id": article.id, "path": article.path, "title": article.title, "version": article.version}
    if article.page is not None:
        row.update({name: getattr(article.page, name) for name in PAGE_FIELDS})
    return row


def _attribution(a: Attribution) -> Dict:
    return {
        "id": a.id,
        "kind": a.kind,
        "content": [_flat(span) for span in a.content],
        "cue": _flat(a.cue) if a.cue else None,
        "cues": [_flat(cue) for cue in a.cues],
        "source": _flat(a.source) if a.source else None,
        "speaker": _flat(a.speaker) if a.speaker else None,
        "vague": a.vague,
        "resolved_by": a.resolved_by,
        "confidence": a.confidence,
        "rules": list(a.rules),
    }


def _claim(c: Claim, fingerprint: str) -> Dict:
    row = {"id": fingerprint, **_flat(c)}
    row["reasons"] = list(c.reasons)
    return row


def _flat(record) -> Dict:
    """A record whose fields hold no records as a dict of its fields, in order. (`dataclasses.asdict`
    copies every value deeply, and was most of the time a re-run spent writing stored analyses as JSON.)"""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@functools.lru_cache(maxsize=None)
def _field_names(kind: type) -> Tuple[str, ...]:
    return tuple(field.name for field in fields(kind))


def as_jsonl(analysis: Analysis) -> str:
    return escape_json(json.dumps(as_dict(analysis), ensure_ascii=False))


def csv_header(table: str = "attributions") -> str:
    return _csv_line(CSV_TABLES[table])


def as_csv(analysis: Analysis, table: str = "attributions") -> str:
    """One CSV row per attribution, or with `table` "claims" per claim."""
    if table == "claims":
        return claims_csv(analysis)
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


def claims_csv(analysis: Analysis) -> str:
    """One CSV row per claim, its id first."""
    article = analysis.article
    return "".join(_csv_line((
        fingerprint, article.id, article.path, c.start, c.end, c.status, c.checkworthiness,
        c.attribution or "", " ".join(c.reasons), c.text,
    )) for c, fingerprint in zip(analysis.claims, claim_ids(article.id, analysis.claims)))


def rows_csv(rows: List[Dict]) -> str:
    """Rows of one shape (dicts with the same keys) as CSV with a header, every cell defused."""
    if not rows:
        return ""
    return _csv_line(rows[0]) + "".join(_csv_line(row.values()) for row in rows)


def rows_json(rows: List[Dict]) -> str:
    """Rows as one JSON array, every string exact."""
    return escape_json(json.dumps(rows, ensure_ascii=False, indent=2)) + "\n"


def _csv_line(values: Iterable) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(escape_cell(value) for value in values)
    return buffer.getvalue()


def as_text(analysis: Analysis, width: int = 100) -> str:
    """A readable report: each attribution as `speaker ← cue: "content"`, then the flagged claims.

    Every piece of the article is shown through `escape_terminal`, its line breaks read as spaces.
    """
    article = analysis.article
    known_as = "" if article.id == article.path else f" (id {_shown(article.id)})"
    lines = [f"{escape_terminal(article.path)}{known_as}: {_shown(article.title) if article.title else '(untitled)'}"]
    lines.append(f"  Attributions ({len(analysis.attributions)}):")
    for a in analysis.attributions:
        lines.append("    " + _attribution_line(a, width - 4))
    ids = dict(zip(analysis.claims, claim_ids(article.id, analysis.claims)))
    flagged = ranked_flagged(analysis.claims)
    lines.append(f"  Claims on nobody's word or vague authority, most check-worthy first ({len(flagged)}):")
    for c in flagged:
        text = textwrap.shorten(_shown(c.text), width - 44, placeholder="…")
        lines.append(f"    {c.checkworthiness:5.1f}  {c.status:<12} {ids[c]}  \"{text}\"")
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

    Every format streams: JSON is one array written an element at a time, the same
    text `json.dumps(analyses, indent=2)` gives, without holding the analyses; HTML is one
    document, each article a section of it. An article reused unchanged is reported as a fresh one, with a note on the error
    stream; errors go to the error stream in every format; only the text report ends
    with the run's summary. CSV has a row per attribution, or with `table` "claims" per claim.
    """

    def __init__(self, fmt: str, table: str = "attributions"):
        self.fmt, self.table = fmt, table
        self.shows_progress = fmt not in QUIET_FORMATS  # whether a progress line may be drawn beside it
        self._articles = 0
        self._elements = 0  # JSON array elements written so far

    def start(self) -> str:
        """What comes before the first article: the CSV header, or the HTML document's head."""
        if self.fmt == "html":
            return page.report_head()
        return csv_header(self.table) if self.fmt == "csv" else ""

    def add(self, outcome: Outcome) -> Tuple[str, str]:
        """The output and the error text for one outcome of a run."""
        if isinstance(outcome, (InputError, AnalysisError)):
            return "", f"error: {escape_terminal(str(outcome), newlines='keep')}\n"
        if isinstance(outcome, Skipped):
            note = f"{escape_terminal(outcome.path)}: unchanged since it was last checked; findings reused (--force re-checks)\n"
            return self.report(outcome.analysis), note
        return self.report(outcome), ""

    def report(self, outcome: Analysis) -> str:
        """The output for one analysis (in JSON, the next element of the array)."""
        if self.fmt == "json":
            opening = ",\n" if self._elements else "[\n"
            self._elements += 1
            element = json.dumps(as_dict(outcome), ensure_ascii=False, indent=2)
            # each line indented inside the array (JSON's own lines hold no line break, its strings escape theirs)
            return opening + escape_json("  " + element.replace("\n", "\n  "))
        if self.fmt == "jsonl":
            return as_jsonl(outcome) + "\n"
        if self.fmt == "csv":
            return as_csv(outcome, self.table)
        if self.fmt == "html":
            self._articles += 1
            return page.report_article(outcome, prefix=f"{self._articles}-")
        return as_text(outcome) + "\n"

    def end(self, run_summary: str) -> str:
        """What comes after the last article: the JSON array, the text report's `run_summary` line, or
        the end of the HTML document."""
        if self.fmt == "html":
            return page.report_end(run_summary)
        if self.fmt == "json":
            return "\n]\n" if self._elements else "[]\n"
        return escape_terminal(run_summary) + "\n" if self.fmt == "text" else ""


TEXT_FORMATS = ("text", "jsonl")  # the formats of `text_output`


def analysed_text(article: Article) -> str:
    """The text the analysis reads, character for character as long as the article's: line ends
    normalized and markup tags blanked (`text.versions`), after any page extraction and Markdown masking."""
    return versions(article.text).masked


def text_output(article: Article, fmt: str, rules: Optional[RuleSet] = None) -> str:
    """An article's analysed text with its metadata, as a readable block or one JSON line.

    Args:
        rules: when given, an article that names no title gets the headline the
            analysis finds in its first line (`layout.read_layout`).
    """
    record = article_dict(article)
    if article.title is None and rules is not None:
        found = read_layout(versions(article.text).written, rules).title
        record["title"] = found.text if found else None
    record["characters"] = len(article.text)
    if fmt == "jsonl":
        record["text"] = analysed_text(article)
        return escape_json(json.dumps(record, ensure_ascii=False)) + "\n"
    lines = [f"==> {escape_terminal(article.path)} <=="]
    lines += [f"{name}: {_shown(str(value))}" for name, value in record.items()
              if name != "path" and value is not None]
    return "\n".join(lines) + "\n\n" + escape_terminal(analysed_text(article), newlines="keep").rstrip("\n") + "\n\n"
