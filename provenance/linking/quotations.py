"""The first pass: each quotation claims the cue beside it ("“...,” she said"; 'she said: “...”')."""
from __future__ import annotations

from typing import Optional, Tuple

from ..complements import insertion
from ..cues import VERB, CueMatch
from ..quotes import Quote
from ..records import AGENTLESS, DIRECT, MIXED, SENTENCE_ENDS
from .found import Draft, Found
from .holders import source_of
from .index import NEAR_TOKENS, Index

# How far from a quotation its cue may stand, in tokens: past it, a cue belongs to something else.
MAX_WINDOW = 40
# Quotation marks passed over when looking back from a quotation for its cue, as the
# tokenizer splits them (a straight mark may be one or two tokens: ` `` ' '').
MARKS_BEFORE = frozenset(("“", "«", "`", "``", '"', "'", "''"))


def link_quotations(index: Index, found: Found) -> None:
    """Link each quotation to the cue before or after it; those without one wait in `found.orphans`."""
    found.orphans = [q for q in index.quotations if not _direct(index, found, q)]


def _direct(index: Index, found: Found, quote: Quote) -> bool:
    first, last = index.token_at(quote.content_start), index.token_at(quote.content_end - 1)
    before, colon = cue_before(index, index.token_at(quote.start))
    ended = index.text[quote.content_end - 1:quote.content_end] in SENTENCE_ENDS
    after = cue_after(index, last + 1, ended)
    if after is not None and _reports_own_clause(index, after, index.token_at(quote.start)):
        after = None
    cue = before if before and colon else after or before
    if cue is None:
        return False
    earlier = found.used.get(cue.head)
    if earlier is not None and earlier.kind == DIRECT:
        earlier.content.extend(quote.pieces)  # "A," he said, "B."
        earlier.how.append("link.quote_shared_cue")
        return True
    source = source_of(index, cue)
    lead = _lead_in(index, cue, source, index.token_at(quote.start)) if cue is before and not colon else None
    if lead is not None:  # 'says no matter what ..., “his word does not trump it”'
        pieces = [(lead, quote.pieces[0][1])] + list(quote.pieces[1:])
        found.add(index, Draft(MIXED, pieces, [cue], source, ["link.quote_cue", "link.lead_in"]),
                  [first, last, cue.head])
        return True
    found.add(index, Draft(DIRECT, list(quote.pieces), [cue], source, ["link.quote_cue"]),
              [first, last, cue.head])
    return True


def _lead_in(index: Index, cue: CueMatch, source, opening: int) -> Optional[int]:
    """Where a statement starts that leads from its verb into a quotation in the same sentence
    ('says no matter what action the president takes, “his word does not trump it”'): the
    first word after the verb (and after its source, when the source follows it), or None when
    only punctuation stands between, or another cue, or the words are not the verb's."""
    doc = index.doc
    verb = doc[cue.head]
    words = [t for t in doc[cue.end:opening] if not t.is_punct and not t.is_space]
    if source is not None:
        words = [t for t in words if not (source[0] <= t.idx < source[1])]
    if len(words) < 2 or any(t.i in index.cues for t in words):
        return None
    if index.sentence(words[0].i) != index.sentence(opening) or not all(verb in (t, *t.ancestors) for t in words):
        return None
    return words[0].idx


def _reports_own_clause(index: Index, cue: CueMatch, opening: int) -> bool:
    """Whether a verb after a quotation is inserted in a clause of the writer's that holds the
    quotation and words before it: "A cashier who “steals a handful” is held accountable,
    Warren said" reports the whole clause (`link.inserted`), not the quotation alone.

    The clause is the writer's when its verb is outside the quotation: in "With two weeks
    left, “we will not finish,” the mayor said" the verb is quoted, and the quotation stays
    the statement (`link.run_on` adds the words before it under PolNeAR's conventions).
    """
    if cue.kind != VERB:
        return False
    verb = index.doc[cue.head]
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    head = clauses[0] if clauses else verb.head if insertion(verb) is not None else None
    if head is None or head.i in index.quoted or head.i < opening:
        return False  # a clause that is the quotation, or one whose verb comes before it
    words = [t for t in head.subtree if t.i < opening and not t.is_punct]
    return bool(words) and index.sentence(words[0].i) == index.sentence(opening)


def cue_after(index: Index, i: int, ended: bool = False) -> Optional[CueMatch]:
    """The nearest cue from token i on, in the same line and sentence.

    Args:
        ended: the quotation before token i closed its sentence.
    """
    doc = index.doc
    for j in range(i, min(len(doc), i + MAX_WINDOW)):
        token = doc[j]
        if "\n" in token.text or j in index.quote_starts:
            return None
        cue = index.cues.get(j)
        if cue and cue.kind != AGENTLESS:
            verb = doc[cue.head]
            if ended and cue.kind == VERB and any(c.dep_ == "ccomp" and c.i >= i for c in verb.children):
                # '“... .” Jones also claimed that ...', '“... .” The sale bought time, analysts said':
                # the verb reports its own clause
                return None
            if cue.reports == "subject":  # '“...,” she appeared to say': the cue is "appeared to say"
                inner = [index.cues[c.i] for c in verb.children if c.dep_ == "xcomp" and c.i in index.cues]
                return inner[0] if inner else cue
            return cue
        if token.text in SENTENCE_ENDS and j > i:
            return None
    return None


def cue_before(index: Index, i: int) -> Tuple[Optional[CueMatch], bool]:
    """The nearest cue before token i, where a quotation opens, and whether it introduces the
    quotation (a colon, or the verb right before it)."""
    doc = index.doc
    previous = [t for t in doc[max(0, i - NEAR_TOKENS):i] if not t.is_space and t.text not in MARKS_BEFORE]
    colon = bool(previous) and previous[-1].text == ":"
    comma = bool(previous) and previous[-1].text == ","
    # right after its verb, or its verb and a comma: 'she shouted “Stop!”', 'someone shouted, “Cruz!”'
    verb = previous[-2] if comma and len(previous) > 1 else previous[-1] if previous else None
    if verb is not None and verb.i in index.cues and index.cues[verb.i].kind == VERB:
        return index.cues[verb.i], True
    if not (colon or comma):
        return None, False
    mark = previous[-1].i  # a colon may end the line before a quotation set off as a paragraph
    for j in range(mark - 1, max(-1, mark - MAX_WINDOW), -1):
        token = doc[j]
        if "\n" in token.text or j in index.quoted or token.text in SENTENCE_ENDS:
            return None, False
        cue = index.cues.get(j)
        if cue and cue.kind != AGENTLESS:
            return cue, colon
    return None, False
