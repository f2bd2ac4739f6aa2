"""Finding attribution cues in a parsed Doc: reporting verbs, cue phrases and agentless cues."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .grammar import (NOMINAL_TOPIC_PREPOSITIONS, VERB_GROUP_DEPS, after_noun, inverted, stating_verb, that_clause,
                      to_infinitive, verb_group)
from .records import AGENTLESS
from .rules import CueRule, RuleSet, VerbRule

VERB = "verb"  # the kind of a reporting-verb cue; an agentless cue's kind is the attribution kind it makes
# Participles that modify a noun ("the reported attack") do not report anything.
NOMINAL_DEPS = {"amod", "acl", "compound", "nmod"}
# how a verb governs the second word of a lemma listed with one: "refer to", "shoot back",
# "make (it) clear", "make the case"
PHRASAL_DEPS = ("prep", "prt", "advmod", "dobj", "oprd", "ccomp", "acomp", "amod")


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a Doc. `head` is the token the engine links from (the verb, "according")."""

    start: int  # token index, inclusive
    end: int  # token index, exclusive
    head: int
    kind: str  # verb, agentless, according_to, as_put_it (colon, dash: made by the linker)
    lemma: str
    stance: str
    rule: str
    scope: str = "speech"  # "thought" for beliefs, intentions and judgements, "quote" for quotations only
    reports: str = "complement"  # "subject" for "seems", "appears": the subject and its complement, no source
    prepositions: Tuple[str, ...] = ()  # the one a lemma is listed with ("refer to"), in place of the default
    chars: Optional[Tuple[int, int]] = None  # its characters, where they are not its tokens' ("”―", "as X put it")
    complement: Optional[int] = None  # the word a lemma is listed with that is no preposition: "back", "clear"


class CueFinder:
    """Compiled cue patterns for one vocabulary and one rule set."""

    def __init__(self, vocab: Vocab, rules: RuleSet, scopes: Sequence[str] = ("speech",)):
        self.verbs = rules.verb_index(scopes)
        self.phrasal_verbs = {lemma.split()[0] for lemma in self.verbs if " " in lemma}  # "refer" of "refer to"
        self.phrases: Dict[str, CueRule] = {rule.id: rule for rule in rules.cues + rules.agentless}
        self.matcher = Matcher(vocab)
        for rule in self.phrases.values():
            self.matcher.add(rule.id, [list(rule.pattern)])

    def __call__(self, doc: Doc) -> List[CueMatch]:
        """Return the cues of a Doc in text order; a token heads at most one cue."""
        found: Dict[int, CueMatch] = {}
        covered = set()
        for match in self._phrase_matches(doc):
            found[match.head] = match
            covered.update(range(match.start, match.end))
        for token in doc:
            lemma, word = self._phrasal(token)
            preposition = word.lower_ if word is not None and word.dep_ == "prep" else None
            lemma = lemma or self._lemma(token)
            rule = self.verbs.get(lemma) if lemma else None
            if rule and token.i not in covered and (_is_reporting_verb(token, preposition) or _labels(token, rule)):
                start, end = cue_extent(token)
                complement = word.i if word is not None and preposition is None else None
                if complement is not None:
                    end = max(end, complement + 1)  # "shot back", "made it clear", "made a strong case"
                found[token.i] = CueMatch(start, end, token.i, VERB, lemma, rule.stance, rule.id, rule.scope, rule.reports,
                                         (preposition,) if preposition else (), complement=complement)
        return sorted(found.values(), key=lambda cue: cue.start)

    def _phrasal(self, token) -> Tuple[Optional[str], Optional[Token]]:
        """A lemma listed with its preposition ("refer to"), particle ("shoot back") or complement
        ("make clear", "make case") when the verb governs that word, and the word."""
        if token.lemma_.lower() not in self.phrasal_verbs:
            return None, None
        for child in token.children:
            if child.dep_ in PHRASAL_DEPS and child.i > token.i:
                lemma = f"{token.lemma_.lower()} {child.lower_}"
                if lemma in self.verbs:
                    return lemma, child
        return None, None

    def _lemma(self, token) -> Optional[str]:
        """The token's reporting-verb lemma, or None.

        Notes:
            The statistical lemmatizer sometimes strips a silent e ("hoping",
            "hopes", "hoped" as "hop") or leaves a verb form alone ("jeered");
            such a form is looked up again by its stems.
        """
        lemma = token.lemma_.lower()
        if lemma in self.verbs:
            return lemma
        word = token.lower_
        if word != lemma and not word.startswith(lemma) or word == lemma and token.pos_ != "VERB":
            return None
        return next((stem for stem in _stems(word) if stem in self.verbs), None)

    def _phrase_matches(self, doc: Doc) -> List[CueMatch]:
        matches = []
        # Longest first, so "It has been reported" wins over "been reported".
        for key, start, end in sorted(self.matcher(doc), key=lambda m: (m[1] - m[2], m[1])):
            rule = self.phrases[doc.vocab.strings[key]]
            if rule.kind == AGENTLESS:
                head = _agentless_head(doc, start, end)
                if head is None:
                    continue
            else:
                head = start
                if rule.names and not _governs_one_of(doc[end - 1], rule.names):
                    continue
            if any(m.start < end and start < m.end for m in matches):
                continue
            chars = _verb_chars(doc, start, end) if rule.kind == "as_put_it" else None
            matches.append(CueMatch(start, end, head, rule.kind, doc[head].lemma_.lower(), rule.stance, rule.id,
                                    chars=chars))
        return matches


def _verb_chars(doc: Doc, start: int, end: int) -> Optional[Tuple[int, int]]:
    """The characters from a phrase's last verb group to its end: "put it" of "as Jane Doe put it".

    Notes:
        The phrase holds its source; PolNeAR marks the verb alone as the cue
        (nine times in nine on train and dev).
    """
    verbs = [t for t in doc[start:end] if t.pos_ == "VERB"]
    if not verbs:
        return None
    first = doc[verb_group(verbs[-1])[0]]
    return first.idx, doc[end - 1].idx + len(doc[end - 1])


def _stems(word: str) -> List[str]:
    """Candidate lemmas of an inflected verb form: "jeered" jeer, "quipped" quip, "hoping" hope."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)]
            doubled = [stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else []
            return [stem, stem + "e"] + doubled
    return []


def cue_extent(verb) -> Tuple[int, int]:
    """The token range of a reporting verb's cue: its verb group, widened the way annotators mark cues.

    Notes:
        An infinitive takes in the verb that governs it ("went on to say", "is
        trying to show") and a gerund the verb it completes ("responded by
        saying"), when nothing but adverbs and particles stands between them, and
        a nominal cue its adjectives ("growing concern about") and the verb whose
        object it is ("raised questions about"), as PolNeAR marks cues.
    """
    start, end = verb_group(verb)
    if verb.pos_ == "NOUN":  # "growing concern about", "new questions about"
        while start > 0 and verb.doc[start - 1].head.i == verb.i and verb.doc[start - 1].dep_ in ("amod", "compound"):
            start -= 1
        stating = stating_verb(verb)
        if stating is not None and verb.head.i == stating.i + 1:
            start = verb_group(stating)[0]  # "said in a statement that ..."
        elif verb.dep_ == "dobj" and verb.head.pos_ == "VERB" and verb.left_edge.i == verb.head.i + 1 \
                and not any(c.dep_ == "poss" for c in verb.children):
            start = verb_group(verb.head)[0]  # "raised new questions about", "expressed concern that"
    if verb.pos_ == "ADJ" and verb.dep_ == "acomp" and verb.head.i < verb.i:
        start = verb_group(verb.head)[0]  # "have been critical of"
    governor = _governor(verb)
    if governor is not None:
        start = min(start, verb_group(governor)[0])
    return start, end


def _governor(verb):
    """The verb an infinitive or a "by"-gerund completes, when only adverbs and particles lie between."""
    head = verb.head
    if verb.dep_ in ("xcomp", "advcl") and to_infinitive(verb):
        between = verb.doc[head.i + 1:verb.i]
    elif verb.dep_ == "pcomp" and head.lower_ == "by" and head.head.pos_ == "VERB":
        head = head.head
        between = verb.doc[head.i + 1:verb.i]
    else:
        return None
    if head.i > verb.i or head.pos_ not in ("VERB", "AUX") or len(between) > 4:
        return None
    if all(t.pos_ in ("ADV", "PART", "ADP") or t.dep_ in VERB_GROUP_DEPS for t in between):
        return head
    return None


def _is_reporting_verb(token, preposition: Optional[str] = None) -> bool:
    if token.pos_ == "NOUN":
        return _reports_topic(token)
    if token.pos_ == "ADJ":  # "were critical of": an adjective listed with its preposition, after a copula
        return preposition is not None and token.dep_ == "acomp"
    return token.pos_ == "VERB" and (token.dep_ not in NOMINAL_DEPS or inverted(token) or noun_participle(token))


def _labels(verb, rule: VerbRule) -> bool:
    """A quotation verb after a noun, which says what the thing reads or is called:
    "a hat reading “Vote Early”", "an ad titled “Scam”"."""
    return rule.scope == "quote" and after_noun(verb)


def noun_participle(verb) -> bool:
    """A present participle with a clause that says what the noun before it says: "voters
    saying they want ...", "an item suggesting that ...".

    Notes:
        Only with a clause: with an object ("a group backing the senator", "tweets
        attacking her") PolNeAR marks the noun as a source about a third of the time.
    """
    return after_noun(verb) and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "PRON") \
        and any(c.dep_ == "ccomp" for c in verb.children)


def _reports_topic(noun) -> bool:
    """A noun that reports through "about" or a that-clause: "concerns about the plan", "the claim that ...".

    Notes:
        PolNeAR annotates such nominal cues; without the preposition and its object
        the noun names no statement ("the criticism grew"), so it is no cue.
    """
    return that_clause(noun) is not None or any(
        c.dep_ == "prep" and c.lower_ in NOMINAL_TOPIC_PREPOSITIONS and c.i > noun.i
        and any(o.dep_ in ("pobj", "pcomp") for o in c.children) for c in noun.children)


def _governs_one_of(word, lemmas: Sequence[str]) -> bool:
    """Whether the last word of a cue phrase governs a noun with one of the lemmas: "in" of "in a new poll"."""
    return any(c.dep_ == "pobj" and c.lemma_.lower() in lemmas for c in word.children)


def _agentless_head(doc: Doc, start: int, end: int):
    """The verb or adverb of an agentless match, or None when the verb names its agent ("by X")."""
    candidates = [t for t in doc[start:end] if t.pos_ in ("VERB", "ADV") and t.tag_ != "MD"]
    if not candidates:
        return None
    head = candidates[-1] if candidates[-1].pos_ == "VERB" else candidates[0]
    for verb in (t for t in doc[start:end] if t.pos_ == "VERB"):
        if any(child.dep_ == "agent" for child in verb.children):
            return None
    return head.i
