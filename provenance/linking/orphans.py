"""Quotations no cue claimed: part of a mixed statement, resumed, continued, or on their own."""
from __future__ import annotations

import bisect
from typing import Optional, Sequence

from ..quotes import Quote
from ..records import CONTINUATION, DIRECT, MIXED
from ..spans import SpanIndex
from .found import Draft, Found
from .index import Index


def link_orphans(index: Index, found: Found) -> None:
    """Give each quotation still without a cue the statement it belongs to, or one of its own."""
    covered = SpanIndex((a, b) for draft in found.drafts for a, b in draft.content)
    found.drafts.sort(key=lambda draft: draft.start)
    sourced = [draft for draft in found.drafts if draft.source is not None]
    sourced_starts = [draft.start for draft in sourced]
    for quote in found.orphans:
        if covered.overlaps(quote.content_start, quote.content_end):
            continue  # inside an indirect statement's content: a mixed quotation
        position = bisect.bisect_left(sourced_starts, quote.start)
        _orphan(index, found, quote, _resumed(index, quote, sourced[:position]) if position else None)
    found.orphans = []


def _resumed(index: Index, quote: Quote, before: Sequence[Draft]) -> Draft:
    """The statement a quotation without a cue carries on: the last statement of its paragraph
    that quotes ("“A,” she said." or "It was “too little,” she added." before "“B.”"), else
    the last sourced statement before it."""
    paragraph = index.paragraph(index.token_at(quote.start))
    for previous in reversed(before):
        if index.paragraph(index.token_at(previous.start)) != paragraph:
            break
        if previous.kind in (DIRECT, MIXED):
            return previous
    return before[-1]


def _orphan(index: Index, found: Found, quote: Quote, previous: Optional[Draft]) -> None:
    first = index.token_at(quote.content_start)
    paragraph = index.paragraph(first)
    previous_paragraph = index.paragraph(index.token_at(previous.start)) if previous else None
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
