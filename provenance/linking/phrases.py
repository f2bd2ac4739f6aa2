"""Cue phrases and agentless cues: "according to X", "as X put it", "it has been reported that"."""
from __future__ import annotations

from typing import Optional, Set

from ..complements import agentless_reported
from ..cues import CueMatch
from ..grammar import subtree
from ..quotes import Quote
from ..records import ACCORDING_TO, AGENTLESS
from ..spans import mention
from ..speakers import according_to_object
from .found import Draft, Found, source_chars
from .holders import source_of
from .index import Index
from .quotations import MAX_WINDOW

# Fewer letters than this left in a sentence beside its cue phrase: the parse went wrong.
MIN_REST_LETTERS = 3


def link_phrase(index: Index, found: Found, cue: CueMatch) -> None:
    """A cue phrase reports the rest of its sentence, or the quotation that follows it."""
    if cue.kind == ACCORDING_TO:
        _according_to(index, found, cue)
    else:
        _as_put_it(index, found, cue)


def link_agentless(index: Index, found: Found, cue: CueMatch) -> None:
    """An agentless cue ("It has been reported that ...") reports its clause, else its sentence, with no source."""
    content = agentless_reported(index.doc[cue.head], subject_reported=cue.rule != "agentless.said_to",
                                 keep_marks=index.conventions.complementizer)
    if content is None:
        content = sentence_rest(index, found, cue.head, set(range(cue.start, cue.end)))
    found.add(index, Draft(AGENTLESS, index.char_runs(content), [cue], None, ["link.agentless"]),
              list(content) + [cue.head])


def _according_to(index: Index, found: Found, cue: CueMatch) -> None:
    doc = index.doc
    phrase = set(range(cue.start, cue.end))
    named = according_to_object(doc[cue.end - 1])
    if named is None:
        return
    source = mention(named, skip=index.dateline)
    phrase.update(subtree(named))
    if sum(doc[i].is_alpha for i in sentence_rest(index, found, cue.head, phrase)) < MIN_REST_LETTERS:
        # the parser hung the sentence on the name ("According to X, the move reeks of ...",
        # "reeks" read as a noun in apposition): the phrase ends at the comma after the name
        sentence_end = index.sentence_tokens(named.i).stop
        comma = next((t.i for t in doc[named.i + 1:sentence_end] if t.text == ","), None)
        if comma is not None:
            phrase = set(range(cue.start, comma + 1))
            source = mention(named, skip=index.dateline | set(range(comma, sentence_end)))
    _add_rest(index, found, cue, phrase, source_chars(index, source))


def _as_put_it(index: Index, found: Found, cue: CueMatch) -> None:
    doc = index.doc
    phrase = set(range(cue.start, cue.end))
    for verb in (t for t in doc[cue.start:cue.end] if t.pos_ == "VERB" and t.left_edge.i >= cue.start):
        phrase.update(subtree(verb))  # "as Jane Doe put it in a speech"
    source = source_of(index, cue)
    quote = _quote_after(index, cue)
    if quote is not None:  # "as Jane Doe put it in a speech, “...”": the quotation is what was put
        found.add(index, Draft(cue.kind, list(quote.pieces), [cue], source, ["link." + cue.kind]),
                  list(index.tokens(quote.start, quote.end)) + [cue.head])
        return
    _add_rest(index, found, cue, phrase, source)


def _add_rest(index: Index, found: Found, cue: CueMatch, phrase: Set[int], source) -> None:
    content = sentence_rest(index, found, cue.head, phrase)
    found.add(index, Draft(cue.kind, index.char_runs(content), [cue], source, ["link." + cue.kind]),
              list(content) + [cue.head])


def _quote_after(index: Index, cue: CueMatch) -> Optional[Quote]:
    """The quotation right after a cue phrase and what its verb governs ("put it in a speech, “...”")."""
    doc = index.doc
    governed = {j for i in range(cue.start, cue.end) for j in subtree(doc[i])}
    for token in doc[cue.end:cue.end + MAX_WINDOW]:
        if token.i in index.quoted_starts:
            return index.quoted_starts[token.i]
        if not (token.i in governed or token.is_punct or token.is_space):
            return None
    return None


def sentence_rest(index: Index, found: Found, head: int, phrase: Set[int]) -> Set[int]:
    """The sentence of a cue phrase without the phrase, and without the cues of the other
    statements found in it so far (earlier passes, and cues before this one in text order),
    unless statements may not nest ("Most voters say ..., according to a poll": all of it is
    what the poll found)."""
    used = found.used if index.conventions.nested else {}
    return {i for i in index.sentence_tokens(head) if i not in phrase and i not in used}
