"""What an article's own pronouns say of its one-word names: one it calls "it" is no person.

The tagger calls many one-word company and body names people ("Yukos", "Uefa"); the
article itself says otherwise when the pronoun it refers back to them with is "it" or "its".
"""
from __future__ import annotations

from collections import Counter
from typing import FrozenSet

from spacy.tokens import Doc, Token

NEUTER = frozenset({"it", "its", "itself"})
PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
SUBJECTS = ("nsubj", "nsubjpass")


def neuter_names(doc: Doc) -> FrozenSet[str]:
    """The one-word names (lower case) the article refers back to as "it" more often than as a person.

    A name votes each time it is the subject of a clause: for a person when a "he", "she" or one
    of theirs follows it in its sentence, else for "it" when an "it" or "its" does ("Acme said it
    would appeal"; but "Doe agreed that it was not his style" is a person's). A name of several
    words ("Jane Doe") never votes: the article gave it a first name.

    Notes:
        The agreement of a pronoun with its antecedent in number and gender is the oldest
        filter of pronoun resolution (Hobbs 1978; Lappin & Leass 1994); here it is read backwards,
        to say what the antecedent is.
    """
    votes: Counter = Counter()
    for sentence in doc.sents:
        after: set = set()  # the pronouns after the token, read from the sentence's end
        for token in reversed(sentence):
            if _one_word_subject(token):
                if after & PERSONAL:
                    votes[(token.lower_, False)] += 1
                elif after & NEUTER:
                    votes[(token.lower_, True)] += 1
            if token.pos_ == "PRON":
                after.add(token.lower_)
    return frozenset(name for name, neuter in votes if neuter and votes[(name, True)] > votes[(name, False)])


def _one_word_subject(token: Token) -> bool:
    """Whether a token is a proper name of one word that is a clause's subject."""
    if token.pos_ != "PROPN" or token.dep_ not in SUBJECTS or not token.text[:1].isupper():
        return False
    return not any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in token.children)
