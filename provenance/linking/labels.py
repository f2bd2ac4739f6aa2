"""Speakers named by the layout rather than a verb: "Jane Doe: ...", "“...” ― Jane Doe", "released a statement: “...”"."""
from __future__ import annotations

import bisect
import re
from typing import List, Optional, Set

from ..cues import VERB, CueMatch
from ..grammar import verb_group
from ..quotes import Quote
from ..records import DIRECT, INDIRECT
from ..speakers import LINE_OPENING_MARKS, name_after_dash, name_before_colon, opens_line, speaker
from .found import Draft, Found, source_chars
from .index import NEAR_TOKENS, NOMINALS, Index

COLON = "colon"  # the kind of the cue a "Name:" line makes
DASH = "dash"  # the kind of the cue a dash makes before a quotation's name: "“...” ― Jane Doe"
# The dash after a quotation's closing mark, and the spaces around it, that set a name: "“...” ― Jane Doe".
BYLINE_DASH_RE = re.compile(r"[ \t\u00a0]{0,7}(―|—|–|--)[ \t\u00a0]{0,4}")
# Fewer words than this after "Name:" make no statement.
MIN_LINE_WORDS = 3


def link_colon_labels(index: Index, found: Found) -> None:
    """Link what follows "Name:" to the name, the headline and interview convention."""
    doc = index.doc
    orphans = _Orphans(found.orphans)
    for token in doc:
        if token.text != ":" or token.i in found.used:
            continue
        # a transcript line set in quotation marks ('"WALLACE: ...'), in a quotation nothing else claims
        quoted = token.i in index.quoted
        if quoted and orphans.holding(token.idx) is None:
            continue
        skip = index.dateline if quoted else index.unnamed
        name = name_before_colon(doc, token.i, skip, index.in_title(token.i), index.people)
        following = next((t for t in doc[token.i + 1:token.i + 1 + NEAR_TOKENS] if not t.is_space), None)
        if name is None or following is None:
            continue
        after_mark = name[0] > 0 and doc[name[0] - 1].text in LINE_OPENING_MARKS
        if (quoted or after_mark) and not _opens_quoted_line(index, name[0]):
            continue  # a quoted title: '"Porter: A Life in Politics" comes out on Friday'
        quote = index.quote_starts.get(following.i)
        cue = CueMatch(token.i, token.i + 1, token.i, COLON, ":", "neutral", "link.colon")
        if quote is not None and orphans.holding(quote.start) == quote:
            orphans.claim(quote)
            found.add(index, Draft(DIRECT, list(quote.pieces), [cue], source_chars(index, name), ["link.colon"]),
                      [following.i, token.i])
        elif quote is None:
            content = _line_rest(index, found, following.i)
            if len([i for i in content if doc[i].is_alpha]) >= MIN_LINE_WORDS:
                draft = Draft(DIRECT if quoted else INDIRECT, index.char_runs(content), [cue],
                              source_chars(index, name), ["link.colon"])
                found.add(index, draft, list(content) + [token.i])
    found.orphans = orphans.left()


class _Orphans:
    """The quotations still without a cue, asked by character in logarithmic time.

    Quotations stand apart and in text order, so at most one holds a character.
    """

    def __init__(self, quotes: List[Quote]):
        self.quotes, self.starts = quotes, [q.start for q in quotes]
        self.claimed: Set[int] = set()  # positions in `quotes`

    def holding(self, char: int) -> Optional[Quote]:
        """The unclaimed quotation whose marks hold a character, or None."""
        at = bisect.bisect_right(self.starts, char) - 1
        if at < 0 or at in self.claimed or char >= self.quotes[at].end:
            return None
        return self.quotes[at]

    def claim(self, quote: Quote) -> None:
        self.claimed.add(bisect.bisect_right(self.starts, quote.start) - 1)

    def left(self) -> List[Quote]:
        return [q for number, q in enumerate(self.quotes) if number not in self.claimed]


def link_dash_labels(index: Index, found: Found) -> None:
    """Link a quotation to the name set after it with a dash, the convention of epigraphs and pull quotes."""
    left = []
    for quote in found.orphans:
        dash = BYLINE_DASH_RE.match(index.text, quote.end)
        name = None
        if dash is not None:
            first = index.token_at(dash.end())
            if index.doc[first].idx == dash.end() and first not in index.unnamed:
                name = name_after_dash(index.doc, first)
        if name is None:
            left.append(quote)
            continue
        at = index.token_at(dash.start(1))
        cue = CueMatch(at, at + 1, at, DASH, dash.group(1), "neutral", "link.dash", chars=dash.span(1))
        found.add(index, Draft(DIRECT, list(quote.pieces), [cue], source_chars(index, name), ["link.dash"]),
                  [index.token_at(quote.content_start), name[0]])
    found.orphans = left


def link_introduced(index: Index, found: Found) -> None:
    """Link a quotation that a clause introduces with a colon to the subject of that clause's verb.

    The verb is no reporting verb the rules know ("released the following
    statement:", "boomed:"), so it is the cue only by its place before the colon.
    """
    doc, left = index.doc, []
    for quote in found.orphans:
        first = index.token_at(quote.start)
        colon = next((t for t in reversed(doc[max(0, first - NEAR_TOKENS):first]) if not t.is_space), None)
        verb = colon.head if colon is not None and colon.text == ":" and colon.i not in index.quoted else None
        holder = speaker(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
        if holder is None or holder.pos_ not in NOMINALS or holder.i in index.unnamed or holder.i > verb.i:
            left.append(quote)
            continue
        start, end = verb_group(verb)
        cue = CueMatch(start, end, verb.i, VERB, verb.lemma_.lower(), "neutral", "link.introduced")
        found.add(index, Draft(DIRECT, list(quote.pieces), [cue], source_chars(index, index.mention(holder)),
                               ["link.introduced"]), [first, verb.i])
    found.orphans = left


def link_block_quotes(index: Index, found: Found) -> None:
    """Link a paragraph set off after a reporting verb and a colon ("The governor added:") to
    the verb's subject: a quotation set as a block, without quotation marks.

    The paragraph holds no quotation mark, else its quotations link on their own; what
    it reports in turn is nested in it ("It's typical of her. She knows nothing ...").
    """
    doc = index.doc
    for i, cue in index.cues.items():
        verb = doc[i]
        if cue.kind != VERB or i in found.used:
            continue
        colon = next((t for t in doc[cue.end:cue.end + 2] if not t.is_space), None)
        if colon is None or colon.text != ":" or colon.i + 1 >= len(doc) or "\n" not in doc[colon.i + 1].text:
            continue
        holder = speaker(verb)
        if holder is None or holder.pos_ not in NOMINALS or holder.i in index.unnamed:
            continue
        block = _next_paragraph(index, colon.i + 1)
        if not block or any(doc[t].is_quote for t in block):
            continue
        start, end = verb_group(verb)
        found.add(index, Draft(INDIRECT, index.char_runs(block), [CueMatch(start, end, i, VERB, cue.lemma, cue.stance,
                                                                           cue.rule)],
                               source_chars(index, index.mention(holder)), ["link.block_quote"]), list(block) + [i])


def _next_paragraph(index: Index, newline: int) -> List[int]:
    """The tokens of the paragraph after the line break at token `newline`."""
    doc = index.doc
    first = next((t.i for t in doc[newline:] if not t.is_space), None)
    if first is None:
        return []
    paragraph = index.paragraph(first)
    block = []
    for token in doc[first:]:
        if not token.is_space and index.paragraph(token.i) != paragraph:
            break
        block.append(token.i)
    while block and doc[block[-1]].is_space:
        block.pop()
    return block


def _opens_quoted_line(index: Index, i: int) -> bool:
    """Whether a token follows a quotation mark that opens its line and is not closed on it,
    the way transcripts set each speaker's line in quotation marks ('"WALLACE: ...')."""
    mark = index.doc[i - 1] if i > 0 else None
    if mark is None or mark.text not in LINE_OPENING_MARKS or not opens_line(index.doc, mark.i):
        return False
    line_end = index.text.find("\n", mark.idx)
    line_end = len(index.text) if line_end < 0 else line_end
    quote = index.quotes_by_start.get(mark.idx)
    return quote is None or not quote.closed or quote.end > line_end


def _line_rest(index: Index, found: Found, first: int) -> Set[int]:
    """The tokens from `first` to the end of its line, or to a statement already found on it.

    A belief reported on the line is part of what the line says ("TAPPER: Do you think ...");
    where statements may not nest (`Conventions.nested` off), so is any statement on it.
    """
    content = set()
    for token in index.doc[first:]:
        cue = index.cues.get(token.i)
        nested = not index.conventions.nested or (cue and cue.scope == "thought")
        if "\n" in token.text or (token.i in found.used and not nested):
            break
        content.add(token.i)
    return content
