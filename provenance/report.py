"""Turning analyses into output: the JSON contract, JSON lines, CSV rows and the readable text report."""
from __future__ import annotations

import csv
import io
import json
import textwrap
from dataclasses import asdict
from typing import Dict, Iterable, List, Optional

from .records import Analysis, Attribution, Claim
from .sources import normalize

FLAGGED = ("unattributed", "vague")
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
    return json.dumps(as_dict(analysis), ensure_ascii=False)


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
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def as_text(analysis: Analysis, width: int = 100) -> str:
    """A readable report: each attribution as `speaker ← cue: "content"`, then the flagged claims."""
    article = analysis.article
    lines = [f"{article.path}: {article.title or '(untitled)'}"]
    lines.append(f"  Attributions ({len(analysis.attributions)}):")
    for a in analysis.attributions:
        lines.append("    " + _attribution_line(a, width - 4))
    flagged = ranked_flagged(analysis.claims)
    lines.append(f"  Claims on nobody's word or vague authority, most check-worthy first ({len(flagged)}):")
    for c in flagged:
        text = textwrap.shorten(c.text, width - 26, placeholder="…")
        lines.append(f"    {c.checkworthiness:5.1f}  {c.status:<12} \"{text}\"")
    lines.append("  " + summary(analysis))
    return "\n".join(lines) + "\n"


def _attribution_line(a: Attribution, width: int) -> str:
    """`speaker ← cue` on one line, the content under it."""
    if a.speaker:
        speaker = f"{a.speaker.name} [{a.speaker.type}{', vague' if a.vague else ''}]"
    else:
        speaker = "(nobody named) [vague]"
    cue = " / ".join(c.text for c in a.cues) or a.kind
    line = f"{speaker} ← {cue}"
    if a.source and a.speaker and normalize(a.source.text) != normalize(a.speaker.name):
        line += f" (as “{' '.join(a.source.text.split())}”)"
    content = " … ".join(span.text for span in a.content)
    return line + "\n      " + '"' + textwrap.shorten(content, width - 8, placeholder="…") + '"'


def ranked_flagged(claims: Iterable[Claim]) -> List[Claim]:
    """Unattributed claims, then vague ones, each most check-worthy first."""
    flagged = [c for c in claims if c.status in FLAGGED]
    return sorted(flagged, key=lambda c: (c.status != "unattributed", -c.checkworthiness, c.start))


def summary(analysis: Analysis) -> str:
    counts = {status: 0 for status in ("attributed", "vague", "unattributed")}
    for c in analysis.claims:
        counts[c.status] += 1
    return (f"{len(analysis.attributions)} attributions; {len(analysis.claims)} claims: "
            f"{counts['attributed']} attributed, {counts['vague']} vague, {counts['unattributed']} unattributed")


def worst_status(analysis: Analysis) -> Optional[str]:
    """The most serious claim status in an article: unattributed, vague, or None."""
    statuses = {c.status for c in analysis.claims}
    return next((s for s in FLAGGED if s in statuses), None)
