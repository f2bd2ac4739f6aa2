"""Who issued a document an article cites, wherever in the article it says so.

"A study found ..." names nobody; "the research published in the journal X" or "the
report was released by X", elsewhere in the same article, does. The resolver reads these
once per article and gives the documents no mention names an issuer for to that issuer.
"""
from __future__ import annotations

from typing import Callable, Dict, Iterable, Optional

from spacy.tokens import Doc, Span, Token

from .grammar import subtree

# Prepositions that bring in who issued a document: "by X" always; "in X" and "from X" after
# a verb of publishing ("published in X", "released from X").
BY = "by"
PUBLISHED_IN = ("in", "from")
PUBLISHING = frozenset({"publish", "release", "issue", "print", "post"})
ISSUER_LABELS = ("ORG", "PERSON")


def issuers(doc: Doc, rule_of: Callable[[Token], Optional[str]]) -> Dict[str, Span]:
    """The issuer the article gives for each kind of document, the first it gives.

    Args:
        rule_of: a token's document rule id, when its lemma is a document's head noun, else None.

    Returns:
        Rule id to the named entity (an organization or a person) that issued that kind of document.
    """
    found: Dict[str, Span] = {}
    for token in doc:
        rule = rule_of(token)
        if rule is None or rule in found:
            continue
        entity = issuer(token)
        if entity is not None:
            found[rule] = entity
    return found


def issuer(head: Token) -> Optional[Span]:
    """The named entity a document's head noun is said to come from, or None.

    "the study, published in the journal X" and "the report by X" hang the issuer off the noun; in
    "The survey was carried out by X" it is the passive verb's agent.
    """
    places = list(head.children)
    if head.dep_ == "nsubjpass":
        places += [c for c in head.head.children if c.dep_ == "agent"]
    for place in places:
        if place.dep_ in ("relcl", "ccomp", "conj"):
            continue
        for token in (head.doc[i] for i in subtree(place)):
            if _brings_issuer(token):
                entity = _entity_in(_objects(token))
                if entity is not None:
                    return entity
    return None


def _objects(preposition: Token):
    """The object of a preposition and the names set beside it ("the journal Sleep Review"), not
    whatever hangs deeper ("by a lawyer for Acme" is no issuer Acme)."""
    for obj in (c for c in preposition.children if c.dep_ == "pobj"):
        yield obj
        yield from (c for c in obj.children if c.dep_ in ("appos", "compound"))


def _brings_issuer(token: Token) -> bool:
    word = token.lower_
    if token.dep_ not in ("prep", "agent"):
        return False
    return word == BY or word in PUBLISHED_IN and token.head.lemma_.lower() in PUBLISHING


def _entity_in(tokens: Iterable[Token]) -> Optional[Span]:
    for token in tokens:
        if token.ent_type_ in ISSUER_LABELS or token.ent_type_ and _described(token):
            return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return None


def _described(token: Token) -> bool:
    """Whether a common noun before a name says what body it is ("consultancy group X"), whatever
    label the tagger gave the name (a place's, often, for a firm's name it does not know)."""
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < token.i for c in token.children)
