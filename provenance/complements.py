"""Where the parse finds what a cue reports: its clause, object, infinitive or topic, and an inserted reporting clause."""
from __future__ import annotations

from typing import FrozenSet, List, Optional, Sequence, Set, Tuple

from spacy.tokens import Token

from .grammar import (NOMINAL_TOPIC_PREPOSITIONS, TOPIC_PREPOSITIONS, opens_with_that, subtree, that_clause,
                      to_infinitive)
from .speakers import FINITE_TAGS, SUBJECT_DEPS, subject

CLAUSE_DEPS = ("ccomp",)
# how the parser attaches a that-clause to the complement of "made it clear", "made the case"
COMPLEMENT_CLAUSE_DEPS = ("ccomp", "advcl", "csubj", "acl")
# "wants to cut taxes", "urged Congress to act": an infinitive complement is reported too.
INFINITIVE_DEPS = ("xcomp",)
# Complementizers of an indirect question the parser hangs on a verb as an adverbial clause;
# "if" opens a conditional as often, so it counts only after a verb of asking or a negated
# verb ("asked if ...", "would not say if ..."), and with a subject of its own.
QUESTION_MARKS = {"if", "whether"}
ASKING_LEMMAS = {"ask", "wonder", "inquire", "question"}
# Words that stand for a whole answer or statement right after its verb: "said so", "said no".
ANSWERS = {"so", "yes", "no"}
# Verbs whose direct object is the one spoken to, which an inserted clause may name: "The tax, he told me, ..."
HEARER_LEMMAS = {"tell", "inform", "assure", "remind", "brief"}
# Prepositions whose object sits between a verb and the infinitive or clause it reports.
BRIDGE_PREPOSITIONS = {"link.infinitive": {"on", "upon", "for"}, "link.clause": {"with"}}
NOT_TOPICS = {"condition", "behalf", "camera", "record", "background"}
INSERTION_MARKS = {",", "—", "–", "-", "--", "("}
# Prepositions that give an as-clause a topic of its own ("As she spoke about the plan, ...");
# "on" also names a medium ("As the governor noted on a call, ...").
AS_TOPICS = {"about", "of", "against", "for"}


def reported(verb: Token, object_lemmas: FrozenSet[str], keep_marks: bool = False,
             prepositions: Sequence[str] = (), complement: Optional[Token] = None) -> Tuple[Set[int], List[str]]:
    """Return the tokens a reporting verb reports, and the `link.*` ids of the mechanism that found them.

    Args:
        verb: the reporting verb.
        object_lemmas: reporting verbs whose direct object is what they report.
        keep_marks: keep the complementiser that opens a reported clause ("that").
        prepositions: what the verb reports through, in place of `TOPIC_PREPOSITIONS`.
        complement: the word a lemma is listed with that is no preposition ("back" of "shot
            back", "clear" of "made it clear"); such a lemma reports a clause only, its own or
            a that-clause the word governs.
    """
    clauses = _reported_clauses(verb, object_lemmas, complement)
    if clauses:
        return _clause_content(clauses, keep_marks), ["link.clause"]
    if complement is not None:
        return set(), []  # "fired back on the soldiers", "made the area clear of debris": no statement
    questions = [c for c in verb.rights if _indirect_question(verb, c)]
    if questions:  # "asked if ...", "would not say whether ...", parsed as an adverbial clause
        return _clause_content(questions, keep_marks), ["link.question"]
    infinitives = [c for c in verb.children if c.dep_ in INFINITIVE_DEPS and c.i > verb.i]
    if infinitives:
        # "urged Congress to act": the one urged belongs to what is reported.
        objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < infinitives[0].i]
        return {i for c in objects + infinitives for i in subtree(c)}, ["link.infinitive"]
    clause = insertion(verb)
    if clause is not None:
        # "..., officials said." with the clause parsed as the head of the verb.
        return set(subtree(verb.head)) - clause, ["link.inserted"]
    return _reported_phrase(verb, object_lemmas, prepositions)


def _reported_clauses(verb: Token, object_lemmas: FrozenSet[str], complement: Optional[Token]) -> List[Token]:
    """The clauses a cue reports: a verb's complement clauses, a noun's that-clause, a that-clause
    the parser misread as a relative clause, or the that-clause of a listed complement word."""
    clauses = [c for c in verb.children if c.dep_ in CLAUSE_DEPS and not _opening_clause(verb, c)
               and c != complement]
    if verb.pos_ == "NOUN":
        clause = that_clause(verb)
        clauses = [clause] if clause is not None else []
    if not clauses and verb.pos_ == "VERB":
        misread = _misread_clause(verb, hearer_object=verb.lemma_.lower() not in object_lemmas)
        clauses = [misread] if misread is not None else []
    if complement is not None and not clauses:  # "made it clear that ...", "made the case that ..."
        clauses = [c for c in complement.children
                   if c.i > complement.i and c.dep_ in COMPLEMENT_CLAUSE_DEPS and opens_with_that(c)]
    return clauses


def _clause_content(clauses: Sequence[Token], keep_marks: bool) -> Set[int]:
    """The tokens of reported clauses, without the complementisers that open them unless they are kept."""
    tokens = {i for c in clauses for i in subtree(c)}
    return tokens if keep_marks else tokens - marks(clauses)


def _reported_phrase(verb: Token, object_lemmas: FrozenSet[str],
                     prepositions: Sequence[str]) -> Tuple[Set[int], List[str]]:
    """What a verb reports when no clause or infinitive does: its object or passive subject (for
    a verb of `object_lemmas`), its topic, or a one-word answer; with the `link.*` id."""
    lemma = verb.lemma_.lower()
    if lemma in object_lemmas or any(f"{lemma} {p}" in object_lemmas for p in prepositions):
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")] or _predicated(verb)
        if objects:
            return object_extent(verb, objects[0]), ["link.object"]
    passive_subject = _passive_subject(verb) if lemma in object_lemmas else None
    if passive_subject is not None:  # "the plan was rejected by voters"
        return set(subtree(passive_subject)), ["link.passive_subject"]
    preposition = topic(verb, prepositions)
    if preposition is not None:
        return _topic_content(verb, preposition), ["link.topic"]
    answer = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if answer is not None and answer.lower_ in ANSWERS and answer.head.i == verb.i:
        return {answer.i}, ["link.answer"]  # "half said so", "75 percent said yes"
    return set(), []


def _topic_content(verb: Token, preposition: Token) -> Set[int]:
    """The tokens a topic's preposition introduces, or the infinitive clause its "for" opens."""
    if preposition.dep_ == "mark":  # "called for Jane Doe to resign"
        return set(subtree(preposition.head)) - {preposition.i}
    # "referred to the mayor as a liar": what the object is called goes with it
    also = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as" and c.i > preposition.i]
    return {i for c in [*preposition.children, *also] if c.dep_ in ("pobj", "pcomp", "prep") for i in subtree(c)}


def _misread_clause(verb: Token, hearer_object: bool) -> Optional[Token]:
    """A that-clause the parser hung as a relative clause on a phrase after the verb: "said
    during a news conference that he may wait", "told a meeting of leaders that few understood".

    Notes:
        A relative clause opens with the pronoun "that" as its subject or object; one that
        opens with the conjunction (a mark) is a complement clause, and the verb's. An object
        is searched only when it names the hearer, not what is reported (`hearer_object`).
    """
    places = ("prep", "npadvmod", "advmod") + (("dobj",) if hearer_object else ())
    for child in verb.rights:
        if child.dep_ not in places:
            continue
        for token in child.subtree:
            if token.dep_ == "relcl" and opens_with_that(token):
                return token
    return None


def _predicated(verb: Token) -> List[Token]:
    """Where the object starts when the parser read it into an object predicate and left the
    verb without a direct object ("called both candidates “crazy”"): the verb's first right
    dependent that is not punctuation, as a one-item list, or an empty one."""
    if not any(c.dep_ == "oprd" and c.i > verb.i for c in verb.children):
        return []
    first = next((c for c in verb.rights if c.dep_ != "punct"), None)
    return [first] if first is not None else []


def _indirect_question(verb: Token, clause: Token) -> bool:
    """An adverbial clause that is an indirect question the verb reports: "asked workers if they
    planned to vote", "would not say whether ..."; not a condition ("will testify if subpoenaed")."""
    first = clause.left_edge
    if clause.dep_ != "advcl" or first.dep_ != "mark" or first.head.i != clause.i or first.lower_ not in QUESTION_MARKS:
        return False
    if first.lower_ == "whether":
        return True
    asking = verb.lemma_.lower() in ASKING_LEMMAS or any(c.dep_ == "neg" for c in verb.children)
    return asking and any(c.dep_ in SUBJECT_DEPS + ("nsubjpass", "expl") for c in clause.children)


def _passive_subject(verb: Token) -> Optional[Token]:
    """The subject of a passive verb that names its agent, unless it is a relative pronoun:
    "the plan" of "the plan was rejected by voters"."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass" and c.tag_ not in ("WDT", "WP")), None)


def comma_set(token: Token) -> bool:
    """Whether a dependent's phrase is set off by a comma before it: "the crowd, which chanted"."""
    return token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ","


def _opening_clause(verb: Token, clause: Token) -> bool:
    """A clause before the speaker when another follows the verb: the parser's reading of an
    opening participle ("Claiming the vote was rigged, Jane Doe told Fox that ...")."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return (subject is not None and clause.i < subject.i
            and any(c.dep_ in CLAUSE_DEPS and c.i > verb.i for c in verb.children))


def evidence(verb: Token) -> Set[int]:
    """The subject of "seems" or "appears" with what is said of it: "[the plan] seems [doomed]".

    Nothing when the verb has no subject or no complement ("he appeared on TV").
    """
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "expl")]
    complements = [c for c in verb.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd", "ccomp")
                   or (c.dep_ == "prep" and c.lower_ in ("like", "as"))]
    if not subjects or not complements:
        return set()
    tokens = {i for c in complements for i in subtree(c)}
    if subjects[0].dep_ == "nsubj":
        tokens.update(subtree(subjects[0]))
    return tokens


def object_extent(verb: Token, obj: Token) -> Set[int]:
    """The tokens of a reported object with what completes it: "described the plan as a failure".

    Notes:
        The object runs on over what the verb governs after it, up to what only
        qualifies the act of reporting: a time ("on Monday"), a subordinate clause
        ("when ...", "because ..."), another verb ("and left early"). A relative
        clause set off by a comma only describes the object ("the crowd, which
        chanted his name").
    """
    doc = obj.doc
    tokens = set(subtree(obj))
    for clause in obj.children:
        if clause.dep_ == "relcl" and comma_set(clause):
            tokens -= set(subtree(clause)) | {clause.left_edge.i - 1}
    for child in verb.rights:
        if child.i <= obj.i or child.dep_ in ("punct", "cc"):
            continue
        if child.dep_ in ("advcl", "npadvmod", "parataxis") or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
            break
        if child.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in child.children):
            break
        tokens.update(subtree(child))
    last = max(tokens)
    return {i for i in tokens if not (i == last and doc[i].is_punct and doc[i].text in (",", ";"))}


def insertion(verb: Token) -> Optional[Set[int]]:
    """Return the tokens of a reporting clause inserted after or inside what it reports
    ("..., the airline added", "The tax, he said, was popular"), or None when the verb is no
    such clause.

    Notes:
        A verb merely coordinated with or subordinate to a clause ("and responded",
        "after X blamed the network") reports nothing of it: the inserted verb has a
        subject of its own, no object or complement, and stands after a comma, a dash
        or "as" ("as some have speculated"), at the end of what it reports or, as a
        parenthetical, inside it: a subordinate clause before what it is part of opens
        with "as" ("As the Post reported, ...") or with no word at all ("..., the panel
        concluded, ..."). An as-clause with a topic of its own reports that ("As she
        spoke about the plan, ...").
    """
    if verb.dep_ not in ("parataxis", "advcl", "conj"):
        return None
    mark_words = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    if _subordinate(verb, mark_words):
        return None
    own_subject = subject(verb, depth=3)
    if own_subject is None or _completed(verb, own_subject):
        return None
    preposition = topic(verb) if mark_words == ["as"] else None
    if preposition is not None and preposition.lower_ in AS_TOPICS:
        return None  # "As she spoke about the plan, ...": the verb reports its own topic
    if mark_words:
        return set(subtree(verb)) if mark_words == ["as"] else None
    tokens = _from_subject(verb, own_subject)
    if tokens is None:
        return None
    left = min(i for i in tokens if not verb.doc[i].is_punct)
    if left == 0 or verb.doc[left - 1].text not in INSERTION_MARKS:
        return None
    return tokens


def _subordinate(verb: Token, mark_words: Sequence[str]) -> bool:
    """Whether a clause before its head is subordinate, not inserted: it opens with a word other
    than "as" ("After X blamed the network, ...", "when he complained, ..."), or it is an
    absolute phrase, no clause ("rivals having complained, ...")."""
    return verb.head.i > verb.i and verb.dep_ == "advcl" and mark_words != ["as"] and (
        bool(mark_words) or any(c.tag_ == "WRB" for c in verb.lefts) or not _finite(verb))


def _completed(verb: Token, own_subject: Token) -> bool:
    """Whether a verb has an object or complement of its own, so that it reports that and not the
    clause it is inserted in; the object of a verb of telling is its hearer ("he told me")."""
    hearer = verb.lemma_.lower() in HEARER_LEMMAS
    return any(c.dep_ in ("ccomp", "xcomp", "dobj", "acomp", "attr") and c is not own_subject
               and not (hearer and c.dep_ == "dobj") for c in verb.children)


def _from_subject(verb: Token, own_subject: Token) -> Optional[Set[int]]:
    """The tokens of an inserted clause from its subject on, or None when it is a coordinated clause.

    Notes:
        The parser sometimes hangs on the inserted verb the words before its subject ("But
        to hit its target, the panel concluded, the tax must rise", "... and 'perhaps', he
        told reporters"); those belong to what is reported, unless a conjunction joins them
        to the clause before ("..., but on Tuesday, critics responded").
    """
    tokens = set(subtree(verb))
    if own_subject.head == verb and own_subject.i < verb.i:
        start = own_subject.left_edge.i
        before = [c for c in verb.lefts if c.right_edge.i < start and not c.is_punct]
        opening = min((c.left_edge.i for c in before), default=start)
        conjunction = verb.doc[opening - 1] if opening - 1 > verb.doc[opening].sent.start else None
        if conjunction is not None and conjunction.dep_ == "cc" and conjunction.head == verb.head:
            return None  # "..., but on Tuesday, critics complained": a coordinated clause
        for child in before:
            tokens -= set(subtree(child))
    return tokens


def _finite(verb: Token) -> bool:
    """Whether a verb group is finite: "complained", "has complained", not "having complained"."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    first = auxiliaries[0] if auxiliaries else verb
    return first.tag_ in FINITE_TAGS or first.tag_ == "MD"


def agentless_reported(head: Token, subject_reported: bool, keep_marks: bool = False) -> Optional[Set[int]]:
    """Return the tokens an agentless cue reports by its parse, or None when the parse does not say.

    Args:
        head: the head token of the agentless cue ("is expected", "was told").
        subject_reported: whether a passive subject may be what is reported.
        keep_marks: keep the complementiser that opens a reported clause ("that").
    """
    if head.pos_ != "VERB":
        return None
    clauses = [c for c in head.children if c.dep_ in ("ccomp", "xcomp")]
    if clauses:
        return _clause_content(clauses, keep_marks)
    subjects = [c for c in head.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
    if subjects and subject_reported:
        return set(subtree(subjects[0]))
    return None


def marks(clauses: Sequence[Token]) -> Set[int]:
    """Return the complementisers that open reported clauses ("that", "whether"), which are not content."""
    return {c.i for clause in clauses for c in clause.children if c.dep_ == "mark" and c.i == clause.left_edge.i}


def is_passive(verb: Token) -> bool:
    """Tell whether a verb is in the passive voice ("was told", "is expected")."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def topic(verb: Token, prepositions: Sequence[str] = ()) -> Optional[Token]:
    """Return the preposition that introduces what a verb is about: "talked about taxes", "voted against the bill".

    Notes:
        PolNeAR annotates the object of such a preposition as the content and the
        preposition as part of the cue. A verb with an object or a clause reports
        that instead; a passive verb's speaker is unknown ("was asked about").
    """
    if is_passive(verb) or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    prepositions = prepositions or (NOMINAL_TOPIC_PREPOSITIONS if verb.pos_ == "NOUN" else TOPIC_PREPOSITIONS)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in prepositions and child.i > verb.i and _is_topic(child):
            return child
    for clause in verb.rights:  # "for" opening an infinitive clause with a subject: "called for Jane Doe to resign"
        first = clause.left_edge
        if clause.dep_ == "advcl" and first.dep_ == "mark" and first.head.i == clause.i \
                and first.lower_ in prepositions and to_infinitive(clause):
            return first
    return None


def cue_preposition(verb: Token, how: Sequence[str], prepositions: Sequence[str] = ()) -> Optional[Token]:
    """Return the preposition after a verb that belongs to its cue, given how its content was found.

    A topic's preposition ("talked about"), and one whose object stands between the verb
    and what it reports: "called on the mayor to resign", "called for members to vote",
    "agreed with the judge that ...". PolNeAR marks such a preposition as part of the cue.
    """
    if how[:1] == ["link.topic"]:
        return topic(verb, prepositions)
    bridges = BRIDGE_PREPOSITIONS.get(how[0]) if how else None
    if not bridges:
        return None
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in bridges:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return child if objects and objects[0].ent_type_ not in ("DATE", "TIME") else None
    return None


def _is_topic(preposition: Token) -> bool:
    objects = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")]
    if not objects or objects[0].ent_type_ in ("DATE", "TIME") or objects[0].lemma_.lower() in NOT_TOPICS:
        return False  # "added over the last quarter", "spoke on condition of anonymity"
    # "on" also names a medium or a day: "said on Twitter", "on Monday".
    return not (preposition.lower_ == "on" and (objects[0].ent_type_ or objects[0].pos_ == "PROPN"))
