"""Turning sets of tokens into the character spans an attribution reports: content runs and source mentions."""
from __future__ import annotations

import bisect
from typing import AbstractSet, Iterable, List, Sequence, Tuple

from spacy.tokens import Doc, Token

from .complements import comma_set
from .grammar import inverted, subtree

# A source mention keeps its relative and participle clauses ("Jane Doe, who led the
# inquiry", "a report released last year"), as PolNeAR's source spans do.
MENTION_CUT_DEPS = {"punct", "advcl", "parataxis", "prep_clause"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
TIME_ENTITIES = {"DATE", "TIME"}
FOCUS_ADVERBS = {"even", "just", "also", "virtually", "especially", "particularly"}


def char_runs(doc: Doc, tokens: Iterable[int], skip: AbstractSet[int] = frozenset()) -> List[Tuple[int, int]]:
    """Return the character spans of contiguous runs of tokens, trimmed of punctuation and space.

    Args:
        doc: the Doc the token indices point into.
        tokens: token indices, in any order.
        skip: token indices never to report, such as the dateline's.
    """
    runs: List[List[int]] = []
    for i in sorted(set(tokens) - skip):
        if runs and i - runs[-1][-1] <= 1 + _gap_spaces(doc, runs[-1][-1], i) and not _breaks(doc, runs[-1][-1], i):
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = []
    for run in runs:
        while run and (doc[run[0]].is_punct or doc[run[0]].is_space):
            run.pop(0)
        while run and (doc[run[-1]].is_punct or doc[run[-1]].is_space) and not _closes(doc, run):
            run.pop()
        if run and any(doc[i].is_alpha for i in run):
            run = _close_quote(doc, run)
            spans.append((doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]].text)))
    return spans


def mention(token: Token, statements: AbstractSet[int] = frozenset(), skip: AbstractSet[int] = frozenset()) -> Tuple[int, int]:
    """Return the token range of the noun phrase headed by `token`, without clauses hanging off it.

    Args:
        statements: tokens that head statements of their own; a relative clause
            holding one ("Jane Doe, who noted that ...,") is left out of the mention.
        skip: tokens no mention may take in, such as the dateline's.

    Notes:
        Also left out: a focus adverb before the noun ("even some of his admirers"),
        a time after it ("the report on Wednesday"), a comma-set place ("Jane Doe,
        in Ohio,"), a comma-set participle or adjective ("Jane Doe, smiling broadly,"),
        whatever follows a colon, a verb the parser hung on the name ("Said Jane Doe:"),
        and whatever the parser hung on a subject past its own verb ("A union endorsed
        her, another example of ...").
    """
    doc = token.doc
    keep = {token.i}
    barrier = min((c.i for c in token.rights if c.dep_ == "punct" and c.text == ":"), default=len(doc))
    if token.head.i > token.i:
        barrier = min(barrier, token.head.i)
    for child in token.children:
        if child.dep_ in MENTION_CUT_DEPS or child.i > barrier or _aside(child) or inverted(child):
            continue
        below = set(subtree(child))
        if child.dep_ in ("relcl", "acl") and not statements.isdisjoint(below):
            continue
        keep.update(below)
    keep -= skip
    keep.add(token.i)
    start, end = min(keep), max(keep) + 1
    # "US oil giant Exxon said", parsed as two subjects of "said": the description is the name's
    split = [c for c in token.head.children if c.dep_ == token.dep_ and c.dep_ in ("nsubj", "nsubjpass")
             and c.right_edge.i + 1 == start and token.pos_ == "PROPN" and c.pos_ in ("NOUN", "PROPN")]
    words = range(split[0].left_edge.i, start) if split else range(0)
    if split and not any(i in skip or doc[i].is_punct or doc[i].is_space for i in words):
        start = split[0].left_edge.i
    # "Jane Doe, president of the union, which represents ...": the union's clause, not hers
    trailing = [t for t in doc[token.i + 1:end] if t.i in keep and t.right_edge.i == end - 1 and _describes_thing(t)]
    if trailing:
        end = trailing[0].left_edge.i
    while start < token.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > token.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _describes_thing(token: Token) -> bool:
    """A comma-set relative clause opened by "which". Trailing a mention, it mostly describes a
    thing the mention names ("president of the union, which represents ..."), and PolNeAR leaves
    it out of the source (12 times, against 4 kept, on train and dev); a "who" clause stays."""
    return token.dep_ == "relcl" and token.left_edge.lower_ == "which" and comma_set(token)


def _aside(child: Token) -> bool:
    """Tell whether a dependent of a source's head word is an aside the mention leaves out."""
    if child.i < child.head.i:
        return child.dep_ == "advmod" and child.lower_ in FOCUS_ADVERBS
    objects = {t.ent_type_ for t in child.children if t.dep_ == "pobj"} if child.dep_ == "prep" else set()
    if objects & TIME_ENTITIES:
        return True
    if not comma_set(child):
        return False
    if child.dep_ == "prep":
        return bool(objects & PLACE_ENTITIES)
    return child.dep_ in ("acl", "amod") and child.tag_ in ("VBG", "VBN", "JJ")


def overlaps(spans: Sequence[Tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether any of `spans` overlaps the character stretch from `start` to `end`."""
    return any(a < end and start < b for a, b in spans)


class SpanIndex:
    """A fixed set of character spans, sorted so that overlap questions take logarithmic time."""

    def __init__(self, spans: Iterable[Tuple[int, int]]):
        covered = sorted(spans)
        self.starts = [a for a, _ in covered]
        # reach[k]: the furthest end among the first k + 1 spans by start.
        self.reach: List[int] = []
        for _, end in covered:
            self.reach.append(max(end, self.reach[-1] if self.reach else -1))

    def overlaps(self, start: int, end: int) -> bool:
        """Tell whether any span overlaps the stretch from `start` to `end`."""
        low = bisect.bisect_left(self.starts, end)
        return bool(low) and self.reach[low - 1] > start


def _closes(doc: Doc, run: List[int]) -> bool:
    """Keep a closing quote mark (and what precedes it) when the run opened the quotation."""
    last = doc[run[-1]]
    return last.is_quote and any(doc[i].is_quote for i in run[:-1])


def _close_quote(doc: Doc, run: List[int]) -> List[int]:
    """Take in the closing mark of a quotation the run opened (`was "a disaster."`)."""
    marks = [i for i in run if doc[i].is_quote]
    if len(marks) % 2 == 0:
        return run
    following = doc[run[-1] + 1:run[-1] + 3]
    for token in following:
        if token.is_quote:
            return run + list(range(run[-1] + 1, token.i + 1))
        if not token.is_punct:
            break
    return run


def _gap_spaces(doc: Doc, a: int, b: int) -> int:
    # Spaces between two tokens do not split a run; a line break does (see `_breaks`).
    return sum(1 for t in doc[a + 1:b] if t.is_space and "\n" not in t.text)


def _breaks(doc: Doc, a: int, b: int) -> bool:
    return any("\n" in t.text for t in doc[a:b + 1])
