"""Quotations no cue claimed: part of a mixed statement, resumed, continued, or on their own."""
from __future__ import annotations

import bisect
from typing import List, Optional, Sequence

from ..quotes import Quote
from ..records import CONTINUATION, DIRECT, MIXED
from ..spans import SpanIndex
from .found import Draft, Found
from .index import Index


def link_orphans(index: Index, found: Found) -> None:
    """Give each quotation still without a cue the statement it belongs to, or one of its own.

    The sourced statements' starts and paragraphs are read once: a statement a quotation
    resumes takes in its pieces, which come after its start, so neither changes.
    """
    covered = SpanIndex((a, b) for draft in found.drafts for a, b in draft.content)
    found.drafts.sort(key=lambda draft: draft.start)
    sourced = [draft for draft in found.drafts if draft.source is not None]
    sourced_starts = [draft.start for draft in sourced]
    paragraphs = [index.paragraph(index.token_at(start)) for start in sourced_starts]
    quoting = _last_quoting(sourced)
    for quote in found.orphans:
        if covered.overlaps(quote.content_start, quote.content_end):
            continue  # inside an indirect statement's content: a mixed quotation
        position = bisect.bisect_left(sourced_starts, quote.start)
        if position:
            resumed = _resumed(index, quote, paragraphs, position, quoting)
            outer = _outer(sourced, paragraphs, resumed) if resumed == quoting[position - 1] else resumed
            if outer != resumed:  # its own statement, of the speaker who reports the one before it
                found.add(index, Draft(CONTINUATION, list(quote.pieces), [], None, ["link.quote_reporter"],
                                       inherit=sourced[outer]), [index.token_at(quote.content_start)])
                continue
            _orphan(index, found, quote, sourced[resumed], paragraphs[resumed])
        else:
            _orphan(index, found, quote, None, None)
    found.orphans = []


def _last_quoting(drafts: Sequence[Draft]) -> List[Optional[int]]:
    """For each position, the position of the last draft up to it that quotes (direct or mixed), or None."""
    last, positions = None, []
    for number, draft in enumerate(drafts):
        if draft.kind in (DIRECT, MIXED):
            last = number
        positions.append(last)
    return positions


def _resumed(index: Index, quote: Quote, paragraphs: Sequence[int], position: int,
             quoting: Sequence[Optional[int]]) -> int:
    """The position among the sourced statements of the one a quotation without a cue carries on:
    the last statement of its paragraph that quotes ("“A,” she said." or "It was “too little,”
    she added." before "“B.”"), else the last sourced statement before it (of the `position`
    first, in text order, whose paragraphs are `paragraphs`).

    Statements in text order stand in paragraphs in order, so the last quoting one before the
    quotation is in its paragraph exactly when no statement of another paragraph comes
    between: one look-up, not a walk back over the paragraph.
    """
    paragraph = index.paragraph(index.token_at(quote.start))
    last = quoting[position - 1]
    if last is not None and paragraphs[last] == paragraph:
        return last
    return position - 1


def _outer(sourced: Sequence[Draft], paragraphs: Sequence[int], position: int) -> int:
    """The statement whose content holds the source of the one at `position`, in its paragraph, or
    that one: after 'Doe said developers were beginning to realise that ...', a quotation without a
    cue is Doe's, who reports what the developers realise, in a statement of its own."""
    source = sourced[position].source
    if source is None:
        return position
    outer = position
    for j in range(position - 1, -1, -1):
        if paragraphs[j] != paragraphs[position]:
            break
        reporter = sourced[j].source
        # its source before the other's, and the other's inside its content (a content run back
        # over its own sentence, as PolNeAR's are, can hold the source of a later cue)
        if reporter is not None and reporter[1] <= source[0] and any(a <= source[0] < b for a, b in sourced[j].content):
            outer = j
    return outer


def _orphan(index: Index, found: Found, quote: Quote, previous: Optional[Draft],
            previous_paragraph: Optional[int]) -> None:
    first = index.token_at(quote.content_start)
    paragraph = index.paragraph(first)
    if previous_paragraph == paragraph:
        previous.content.extend(quote.pieces)  # a quotation resumed after its attribution
        previous.how.append("link.resumed_quote")
        return
    paragraphs = index.layout.paragraphs
    starts_paragraph = paragraph < len(paragraphs) and paragraphs[paragraph].start >= quote.start
    if starts_paragraph and previous_paragraph == paragraph - 1:
        found.add(index, Draft(CONTINUATION, list(quote.pieces), [], None, ["link.quote_continues"], inherit=previous),
                  [first])
        return
    found.add(index, Draft(DIRECT, list(quote.pieces), [], None, ["link.quote_no_cue"]), [first])
