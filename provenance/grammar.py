"""Parse predicates shared by cues, linking and spans: verb groups, inverted verbs, that-clauses."""
from __future__ import annotations

from typing import Sequence, Tuple

import numpy
from spacy.attrs import HEAD

VERB_GROUP_DEPS = {"aux", "auxpass", "neg", "prt"}
# Prepositions that introduce what a statement is about: "talked about", "support for".
TOPIC_PREPOSITIONS = {"about", "of", "for", "against", "on"}
# After a noun, "of", "for" and "on" mostly belong to the noun ("the state of", "a ban on",
# "a plan for"), not to a statement; "about" introduces what was said ("questions about").
NOMINAL_TOPIC_PREPOSITIONS = {"about"}


def verb_group(verb) -> Tuple[int, int]:
    """The token range of a verb with its auxiliaries, negation and particle: "has not denied", "pointed out".

    Notes:
        Attribution corpora (PARC, PolNeAR) mark the whole verb group as the cue;
        only the words next to the verb, or separated from it by other members of
        the group or an adverb ("has also said"), are taken, with an adverb right
        before the group that modifies the verb ("repeatedly insisted").
    """
    members = {verb.i} | {c.i for c in verb.children if c.dep_ in VERB_GROUP_DEPS}
    start = end = verb.i
    doc = verb.doc
    while start - 1 >= 0 and (start - 1 in members or _adverb_of(doc[start - 1], verb)
                              or (doc[start - 1].dep_ == "advmod" and start - 2 in members)):
        start -= 1
    while end + 1 < len(doc) and end + 1 in members:
        end += 1
    return start, end + 1


def _adverb_of(token, verb) -> bool:
    """An adverb right before a verb that modifies it: "repeatedly insisted", "also said"."""
    return token.dep_ == "advmod" and token.head.i == verb.i and token.tag_ != "WRB" and token.is_alpha


def stating_verb(noun):
    """The verb whose "in" phrase a noun closes: "said" of "said in a statement"; else None."""
    preposition = noun.head
    if noun.dep_ == "pobj" and preposition.lower_ == "in" and preposition.head.pos_ == "VERB":
        return preposition.head
    return None


def to_infinitive(verb) -> bool:
    """Whether a verb is an infinitive with "to": "went on to say", "for Jane Doe to resign"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def after_noun(verb) -> bool:
    """Whether a verb modifies the word before it as a clause of its own: "voters saying ...", "an ad titled ..."."""
    return verb.dep_ == "acl" and verb.head.i < verb.i


def inverted(verb) -> bool:
    """A verb that opens its sentence before its speaker, which the parser reads as a
    compound of the name: "Said Jane Doe: ..."."""
    head = verb.head
    return (verb.pos_ == "VERB" and verb.dep_ == "compound" and verb.is_sent_start
            and head.pos_ == "PROPN" and head.i > verb.i)


def that_clause(noun):
    """The clause a noun announces with "that": "the claim that taxes rose", "concern that ..."."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i and opens_with_that(child):
            return child
    return None


def opens_with_that(clause) -> bool:
    """Whether a clause opens with the conjunction "that" (a mark, not the relative pronoun)."""
    return any(m.dep_ == "mark" and m.lower_ == "that" and m.i == clause.left_edge.i for m in clause.children)


def subtree(token) -> Sequence[int]:
    """The indices of a token and all its descendants, in text order.

    Notes:
        spaCy's `Token.subtree` is a recursive generator: each token of a subtree costs
        its depth in it, so the subtree of a deep chain (`He said "` repeated, each "said"
        under the one before) costs the square of its size. In a projective parse, as
        spaCy's transition parsers make unless trained to lift arcs, a subtree is the
        range between its edges; whether a Doc's parse is projective is checked once.
    """
    if projective(token.doc):
        return range(token.left_edge.i, token.right_edge.i + 1)
    return sorted(t.i for t in token.subtree)


def projective(doc) -> bool:
    """Whether every subtree of a Doc's parse is the range between its edges, cached on the Doc.

    Each token's edges span one more token than its children's edges span in all: then,
    from the leaves up, every range between edges holds as many tokens as the subtree.
    """
    cached = doc.user_data.get(PROJECTIVE_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    heads = numpy.arange(len(doc)) + doc.to_array([HEAD]).reshape(-1).astype(numpy.int64)
    widths = numpy.array([t.right_edge.i - t.left_edge.i + 1 for t in doc], dtype=numpy.int64)
    children = heads != numpy.arange(len(doc))
    below = numpy.bincount(heads[children], weights=widths[children], minlength=len(doc))
    found = bool(numpy.array_equal(widths, below.astype(numpy.int64) + 1))
    doc.user_data[PROJECTIVE_KEY] = (len(doc), found)
    return found


PROJECTIVE_KEY = "provenance.projective"  # (length, projective) in a Doc's user_data
