"""Where the parse names who holds a statement: a cue's speaker, a nominal cue's holder, a name before a colon or after a dash."""
from __future__ import annotations

from typing import AbstractSet, Optional, Tuple

from spacy.tokens import Doc, Token

from .grammar import after_noun, inverted, stating_verb
from .names import surname_key

SUBJECT_DEPS = ("nsubj", "csubj")
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
INHERIT_DEPS = ("conj", "advcl", "xcomp")
# Verbs that make their object do what the infinitive after it says: "led the firm to announce".
CAUSATIVES = frozenset({"lead", "prompt", "force", "cause", "spur", "push", "drive", "compel", "provoke", "move"})
DASHES = {"-", "–", "—", "--"}
LINE_OPENING_MARKS = {'"', "“", "''"}  # quotation marks some transcripts open each line with
# A name before a colon: "Sen. Jane Doe", "Former AG Doe at the convention".
NAME_POS = {"PROPN", "ADJ", "DET", "ADP", "CCONJ", "PART", "PUNCT"}
NAME_WINDOW = 8


def speaker(cue_head: Token) -> Optional[Token]:
    """Return the token naming who stands behind a cue: a nominal cue's holder, a verb's subject."""
    return holder(cue_head) if cue_head.pos_ == "NOUN" else subject(cue_head)


def subject(verb: Token, depth: int = 0) -> Optional[Token]:
    """Return the speaker of a reporting verb: its subject, its passive agent, or its governing verb's.

    Args:
        verb: the reporting verb.
        depth: how many governing verbs have been climbed already; the climb stops at 3.
    """
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return split_subject(child) or child
    if inverted(verb):
        return verb.head
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if after_noun(verb) and verb.tag_ == "VBG":
        return verb.head  # "voters saying they want ...", "a hat reading ...": the noun the participle hangs off
    participle = verb.tag_ == "VBG" and verb.dep_ in INHERIT_DEPS  # "..., telling Reuters" names the hearer
    for child in verb.rights:
        # "..., said Turkish Foreign Minister X" sometimes parses the speaker as an object.
        if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN" and not participle:
            return child
    governor = verb.head
    if verb.dep_ == "acomp" and verb.pos_ == "ADJ" and governor.pos_ in ("VERB", "AUX") and depth < 3:
        return subject(governor, depth + 1)  # "were critical of": the copula's subject
    controller = _object_controller(verb)
    if controller is not None:
        return controller  # "led the manufacturer to announce": the object announces
    if verb.dep_ == "xcomp" and governor.pos_ == "ADJ" and governor.dep_ == "acomp":
        governor = governor.head  # "was quick to say", "are more likely to say"
    if verb.dep_ in INHERIT_DEPS and governor.pos_ in ("VERB", "AUX") and governor is not verb and depth < 3:
        return subject(governor, depth + 1)  # "..., saying", "went on to say", "was blunt ..., saying"
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB" and depth < 3:
        return subject(verb.head.head, depth + 1)  # "responded by saying ..."
    return _noun_before(verb)


def _object_controller(verb: Token) -> Optional[Token]:
    """The object of a verb of causing that governs an infinitive, who is the infinitive's subject:
    "prompted the firm to announce", "forced the minister to admit".

    Notes:
        Object control, as in the textbook account of "persuade X to V" (Rosenbaum 1967), kept to
        verbs that cause the act (`CAUSATIVES`): after a verb of wanting or requiring ("urged X to
        say", "requires X to disclose") what is reported is the wish, which PolNeAR gives the one
        who urges; "used language to denounce" is no control at all, but a purpose.
    """
    governor = verb.head
    if verb.dep_ != "xcomp" or governor.lemma_.lower() not in CAUSATIVES \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return next((c for c in governor.children if c.dep_ == "dobj" and c.i < verb.i and c.pos_ in ("NOUN", "PROPN")), None)


def _noun_before(verb: Token) -> Optional[Token]:
    """The noun right before a finite verb the parser left without a subject.

    A long opening phrase sometimes makes the parser attach the real subject
    elsewhere ("While ..., former president Jane Doe said ..."); a finite verb
    cannot lack one, so the name just before its verb group is taken.
    """
    if verb.tag_ not in FINITE_TAGS:
        return None
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and (doc[i].head.i == verb.i and doc[i].dep_ in ("aux", "neg", "advmod")):
        i -= 1
    if i >= 0 and doc[i].pos_ in ("PROPN", "PRON") and doc[i].dep_ not in ("poss", "compound"):
        return doc[i]
    return None


def holder(noun: Token) -> Optional[Token]:
    """Return whose a nominal cue is: its possessor ("Smith's concerns about"), or the
    subject of the verb it is the object of ("Smith raised questions about"), or of
    the verb whose prepositional phrase it closes ("Smith said in a statement that")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return subject(noun.head)
    verb = stating_verb(noun)
    return subject(verb) if verb is not None else None


def shares_subject(verb: Token) -> bool:
    """Tell whether a verb without a subject of its own takes the speaker of the clause it hangs off:
    "..., emphasizing that ..."."""
    return verb.dep_ in INHERIT_DEPS and not any(c.dep_ in SUBJECT_DEPS + ("nsubjpass",) for c in verb.children)


def split_subject(first: Token) -> Optional[Token]:
    """The name of a description the parser split into two subjects of one verb ("US oil giant" and
    "Exxon" in "US oil giant Exxon said"; "Acme" and "President Ana Ruiz"): the second, a proper noun
    whose phrase starts right after the first's, or None."""
    if any(t.is_punct or t.is_space for t in first.subtree):
        return None  # "New York (AFP) – Jane Doe said": a dateline, not a description of her
    after = first.right_edge.i + 1
    return next((c for c in first.head.children if c.dep_ == first.dep_ and c.pos_ == "PROPN"
                 and c.i > first.i and c.left_edge.i == after), None)


def according_to_object(word: Token) -> Optional[Token]:
    """Return who a cue phrase ending in `word` names: "according to the ministry", "in the words of the mayor"."""
    objects = [c for c in word.children if c.dep_ in ("pobj", "dobj")] or \
        [t for t in word.doc[word.i + 1:word.i + 2] if t.pos_ in ("PROPN", "NOUN", "PRON")]
    return objects[0] if objects else None


def name_before_colon(doc: Doc, colon: int, skip: AbstractSet[int], headline: bool = False,
                      people: AbstractSet[str] = frozenset()) -> Optional[Tuple[int, int]]:
    """Return the token range of the proper name right before a colon, opening its line or following a dash.

    Args:
        doc: the parsed article.
        colon: the index of the colon token.
        skip: tokens no name may take in, such as quoted ones and the dateline.
        headline: the colon is in the headline, where a capitalized noun names a source
            too ("Poll: ...", "Clinton camp: ...") and names are often tagged as nouns.
        people: lower-cased surnames of the people the article names; a transcript's speaker
            label is one of them however it is tagged or cased ("PORTER:", "Porter:").
    """
    allowed = NAME_POS | {"NOUN"} if headline else NAME_POS
    heads = ("PROPN", "NOUN") if headline else ("PROPN",)
    tokens = []
    for j in range(colon - 1, max(-1, colon - NAME_WINDOW), -1):
        token = doc[j]
        if "\n" in token.text or token.text in DASHES or (token.text in LINE_OPENING_MARKS and opens_line(doc, j)):
            break  # a line may open with a quotation mark that is never closed: '"WALLACE: ...'
        if token.is_space:
            continue
        if (token.pos_ not in allowed and not _surname(token, people)) or j in skip:
            return None
        tokens.insert(0, j)
    else:
        if colon - NAME_WINDOW >= 0:
            return None  # too long for a name
    if not tokens:
        return None
    person = _surname(doc[tokens[-1]], people)
    if not person and (doc[tokens[-1]].pos_ not in heads or doc[tokens[0]].pos_ not in heads + ("ADJ",)):
        return None
    if not doc[tokens[0]].text[:1].isupper():
        return None
    if not person and all(doc[j].is_upper or not doc[j].is_alpha for j in tokens):
        return None  # a label in capitals: "UPDATE:", "CORRECTION:"
    if tokens[0] > 0 and not opens_line(doc, tokens[0]):
        return None
    return tokens[0], tokens[-1] + 1


def _surname(token: Token, people: AbstractSet[str]) -> bool:
    """A capitalized word that is the surname of someone the article names ("PORTER", "Porter")."""
    return surname_key(token.text) in people and token.text[:1].isupper()


def name_after_dash(doc: Doc, first: int) -> Optional[Tuple[int, int]]:
    """Return the token range of a name that stands alone after a quotation's dash: "“...” ― Jane Doe".

    The name is a run of capitalized words and initials ("Oscar P. Quintero") that
    ends its line, the text, or meets the next quotation; a dash in running prose
    ("“...” — Doe said later") is not followed by a name alone.
    """
    tokens = []
    for token in doc[first:first + NAME_WINDOW]:
        if token.is_space or token.is_quote or token.text == ".":
            break
        if not (token.text[:1].isupper() and (token.is_alpha or _initial(token))) or token.pos_ not in NAME_POS | {"NOUN"}:
            return None
        tokens.append(token.i)
    else:
        if first + NAME_WINDOW <= len(doc):
            return None
    if not tokens or not any(doc[j].pos_ == "PROPN" for j in tokens):
        return None
    end = tokens[-1] + 1
    following = [t for t in doc[end:end + 3] if not (t.is_space and "\n" not in t.text)]
    if following and following[0].text == ".":
        following = following[1:]
    if following and not ("\n" in following[0].text or following[0].is_quote):
        return None
    return tokens[0], end


def _initial(token: Token) -> bool:
    return len(token.text) == 2 and token.text[1] == "."


def opens_line(doc: Doc, i: int) -> bool:
    """Whether a token opens its line, or follows a dash or quotation marks that do ('"WALLACE: ...')."""
    while True:
        previous = [t for t in doc[max(0, i - 2):i] if not (t.is_space and "\n" not in t.text)]
        if not previous or previous[-1].text not in LINE_OPENING_MARKS:
            return not previous or "\n" in previous[-1].text or previous[-1].text in DASHES
        i = previous[-1].i
