"""An article as HTML: its text as written in paragraphs, each attribution's content highlighted in its
source's colour, its cue and source mention marked, the flagged claims marked, the details of each
highlight, and a legend of the sources.

Every piece of the article goes through `escape_html`; the page reads without JavaScript (a highlight is
a link to its details, shown by CSS `:target`) and scripts only add convenience.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from ..escaping import escape_html
from ..records import FLAGGED, UNATTRIBUTED, VAGUE, Attribution, Claim

CONTENT, CUE, SOURCE = "content", "cue", "source"  # the parts of an attribution that are marked
PALETTE = 10  # source colours s0..s9 in provenance.css, reused in turn when an article has more sources
NOBODY = "s-none"  # the colour of an attribution to nobody named
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")  # a blank line ends a paragraph
CLAIM_LABELS = {UNATTRIBUTED: "Unattributed claim", VAGUE: "Claim on vague authority"}
MARK_KEY = (  # (classes, what they mean) in the legend
    ("pv-m content s0", "what a source said, in its colour"),
    ("pv-m cue s0", "the cue: the reporting verb or phrase"),
    ("pv-m source s0", "where the source is named"),
    (f"pv-m {UNATTRIBUTED}", "a claim on nobody's word"),  # a flagged claim's class is its status
    (f"pv-m {VAGUE}", "a claim on vague authority"),
)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    role: str  # CONTENT, CUE, SOURCE, or a flagged claim status
    key: str  # the id of the details card it links to
    colour: str


def article_html(text: str, attributions: Sequence[Attribution], claims: Sequence[Claim],
                 claim_ids: Optional[Sequence[str]] = None, prefix: str = "",
                 review_link: Optional[Callable[[str], str]] = None) -> str:
    """The article's page body: legend, highlighted text and details cards, as one HTML fragment.

    Args:
        claim_ids: The stored id of each claim, parallel to `claims`; their positions if None.
        prefix: Starts every element id, so several articles can share one document.
        review_link: The URL where a verdict on a claim id is recorded, for the claim's card.
    """
    ids = list(claim_ids) if claim_ids is not None else [str(n) for n in range(len(claims))]
    colours = source_colours(attributions)
    marks = list(_marks(attributions, claims, ids, prefix, colours))
    cards = [_attribution_card(a, colours, claims, prefix) for a in attributions]
    cards += [_claim_card(c, i, prefix, review_link) for c, i in zip(claims, ids) if c.status in FLAGGED]
    return (
        f'<div class="pv-page">\n{legend_html(attributions, colours)}\n<div class="pv-columns">\n'
        f'<div class="pv-text">\n{text_html(text, marks)}\n</div>\n'
        '<aside class="pv-details" aria-label="Details">\n'
        '<p class="pv-hint">Select a highlight to see who said it, how the source was found, and the rules.</p>\n'
        + "\n".join(cards) + "\n</aside>\n</div>\n</div>"
    )


def source_colours(attributions: Sequence[Attribution]) -> Dict[Tuple[str, str], str]:
    """A colour class per canonical source, (name, type), in order of first appearance."""
    colours: Dict[Tuple[str, str], str] = {}
    for a in attributions:
        if a.speaker and (a.speaker.name, a.speaker.type) not in colours:
            colours[(a.speaker.name, a.speaker.type)] = f"s{len(colours) % PALETTE}"
    return colours


def _colour(a: Attribution, colours: Dict[Tuple[str, str], str]) -> str:
    return colours[(a.speaker.name, a.speaker.type)] if a.speaker else NOBODY


def _marks(attributions, claims, ids, prefix, colours) -> Iterator[_Mark]:
    for a in attributions:
        key, colour = f"{prefix}a-{a.id}", _colour(a, colours)
        for span in a.content:
            yield _Mark(span.start, span.end, CONTENT, key, colour)
        for cue in a.cues:
            yield _Mark(cue.start, cue.end, CUE, key, colour)
        if a.source:
            yield _Mark(a.source.start, a.source.end, SOURCE, key, colour)
    for claim, claim_id in zip(claims, ids):
        if claim.status in FLAGGED:
            yield _Mark(claim.start, claim.end, claim.status, f"{prefix}c-{claim_id}", "")


def paragraphs(text: str) -> List[Tuple[int, int]]:
    """The (start, end) of each paragraph: text between blank lines, without the surrounding whitespace."""
    spans, start = [], 0
    for match in list(PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = match.end() if match else end
    return spans


def text_html(text: str, marks: Sequence[_Mark]) -> str:
    """The text as `<p>` paragraphs, each marked stretch a link `<a class="pv-m ..." href="#card">` to its card."""
    out, waiting, active = [], sorted(marks, key=lambda m: m.start), []
    waiting.reverse()
    for start, end in paragraphs(text):  # one sweep: a mark is taken up once, dropped once it has ended
        while waiting and waiting[-1].start < end:
            active.append(waiting.pop())
        active = [m for m in active if m.end > start]
        inside = [m for m in active if m.start < end]
        pieces = [_piece(text, s, e, classes, key) for s, e, classes, key in _segments(start, end, inside)]
        out.append("<p>" + "".join(pieces) + "</p>")
    return "\n".join(out)


def _segments(start: int, end: int, marks: Sequence[_Mark]) -> List[Tuple[int, int, str, Optional[str]]]:
    """The stretches between every mark boundary, each with its classes and card, neighbours that look
    the same merged. Where attributions nest, a stretch links to the innermost."""
    points = sorted({start, end} | {p for m in marks for p in (m.start, m.end) if start < p < end})
    merged: List[Tuple[int, int, str, Optional[str]]] = []
    for s, e in zip(points, points[1:]):
        classes, key = _look([m for m in marks if m.start <= s and m.end >= e])
        if merged and merged[-1][2:] == (classes, key):
            merged[-1] = (merged[-1][0], e, classes, key)
        else:
            merged.append((s, e, classes, key))
    return merged


def _look(covering: Sequence[_Mark]) -> Tuple[str, Optional[str]]:
    parts = [m for m in covering if m.role in (CONTENT, CUE, SOURCE)]
    claims = [m for m in covering if m.role in FLAGGED]
    if not parts and not claims:
        return "", None
    # the innermost part wins; at equal length a cue or source mention over content
    part = min(parts, key=lambda m: (m.end - m.start, m.role == CONTENT)) if parts else None
    claim = min(claims, key=lambda m: m.end - m.start) if claims else None
    classes = ["pv-m"] + ([part.role, part.colour] if part else []) + ([claim.role] if claim else [])
    return " ".join(classes), (part or claim).key


def _piece(text: str, start: int, end: int, classes: str, key: Optional[str]) -> str:
    shown = escape_html(text[start:end]).replace("\n", "<br>\n")
    if key is None:
        return shown
    return (f'<a class="{classes}" href="#{escape_html(key)}" data-start="{start}" data-end="{end}">'
            f"{shown}</a>")


def legend_html(attributions: Sequence[Attribution], colours: Dict[Tuple[str, str], str]) -> str:
    """The article's sources, each in its colour with its type and count of statements, and the marks' key."""
    counts: Dict[Tuple[str, str], int] = {}
    for a in attributions:
        source = (a.speaker.name, a.speaker.type) if a.speaker else ("nobody named", "vague")
        counts[source] = counts.get(source, 0) + 1
    rows = [
        f'<li><span class="pv-swatch {colours.get(source, NOBODY)}"></span> {escape_html(name)} '
        f'<span class="pv-type">{escape_html(kind)}</span> <span class="pv-count">{count}</span></li>'
        for source, count in counts.items() for name, kind in [source]
    ]
    key = [f'<li><span class="{classes}">text</span> {meaning}</li>' for classes, meaning in MARK_KEY]
    return ('<div class="pv-legend">\n<h2>Sources</h2>\n<ul class="pv-sources">\n' + "\n".join(rows)
            + '\n</ul>\n<ul class="pv-key">\n' + "\n".join(key) + "\n</ul>\n</div>")


def _attribution_card(a: Attribution, colours, claims: Sequence[Claim], prefix: str) -> str:
    speaker = escape_html(a.speaker.name) if a.speaker else "nobody named"
    rows = [("Kind", escape_html(a.kind)),
            ("Source", speaker),
            ("Type", escape_html(a.speaker.type) if a.speaker else "—"),
            ("Named as", f"“{escape_html(a.source.text)}”" if a.source else "—"),
            ("Cue", ", ".join(f"{escape_html(c.text)} ({escape_html(c.stance)})" for c in a.cues) or "—"),
            ("Resolved by", escape_html(a.resolved_by or "—")),
            ("Confidence", f"{a.confidence:.2f}"),
            ("Vague", "yes" if a.vague else "no"),
            ("Rules", _codes(a.rules))]
    rows += [("Claim", _claim_summary(c)) for c in claims if c.attribution == a.id]
    content = " … ".join(escape_html(span.text) for span in a.content)
    return _card(f"{prefix}a-{a.id}", f'<span class="pv-swatch {_colour(a, colours)}"></span> {speaker}', rows,
                 f"<blockquote>{content}</blockquote>")


def _claim_card(claim: Claim, claim_id: str, prefix: str, review_link) -> str:
    rows = [("Status", escape_html(claim.status)), ("Check-worthiness", f"{claim.checkworthiness:.1f}"),
            ("Reasons", _codes(claim.reasons)), ("Claim id", f"<code>{escape_html(claim_id)}</code>")]
    link = f'<p><a href="{escape_html(review_link(claim_id))}">Record a verdict</a></p>' if review_link else ""
    return _card(f"{prefix}c-{claim_id}", CLAIM_LABELS[claim.status], rows,
                 f"<blockquote>{escape_html(claim.text)}</blockquote>{link}")


def _claim_summary(claim: Claim) -> str:
    return f"{escape_html(claim.status)}, check-worthiness {claim.checkworthiness:.1f} {_codes(claim.reasons)}"


def _codes(ids: Sequence[str]) -> str:
    return " ".join(f"<code>{escape_html(i)}</code>" for i in ids) or "—"


def _card(key: str, heading: str, rows: Sequence[Tuple[str, str]], tail: str) -> str:
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return (f'<section class="pv-card" id="{escape_html(key)}" tabindex="-1">'
            f"<h3>{heading}</h3><dl>{items}</dl>{tail}</section>")


STATIC = Path(__file__).parent / "plugin" / "static"  # where Datasette serves the plugin's static files from


def asset(name: str) -> str:
    """A file of the plugin's static folder (the stylesheet, the script), as text, read without Datasette."""
    return (STATIC / name).read_text(encoding="utf-8")
