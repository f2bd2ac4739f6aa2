"""Standing: whether the attributions on a sentence stand behind its claim, by the `standing` rules.

A sentence's status starts from the attributions that cover it or are cued in it. The
rules then set aside those that do not stand behind the claim (an intention the writer
states, a hedge inside a noun phrase), take a definite unnamed party for a source, and
read a sentence left on nobody's word on its own: a speech act with no content found
is attributed, an agentless hedge ("is seen as", "apparently") makes it vague.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from spacy.matcher import Matcher
from spacy.tokens import Span as SpacySpan, Token

from .records import AGENTLESS, ATTRIBUTED, CONTINUATION, DIRECT, MIXED, UNATTRIBUTED, VAGUE, Attribution
from .rules import RuleSet, StandingRule

# Dependencies that put a word outside the main clause of its sentence: inside a noun
# phrase (a participle or relative clause, an adjective) or an adverbial clause.
SUBORDINATE_DEPS = frozenset({"acl", "relcl", "amod", "advcl", "prep", "pobj", "appos", "compound", "nmod"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")


class Standing:
    """The `standing` rules compiled for one vocabulary."""

    def __init__(self, vocab, rules: RuleSet):
        by_effect: Dict[str, List[StandingRule]] = {}
        for rule in rules.standing:
            by_effect.setdefault(rule.effect, []).append(rule)
        self.ignore = by_effect.get("ignore", [])
        self.specific = by_effect.get("specific", [])
        self.unresolved = by_effect.get("unresolved", [])
        self.generic = by_effect.get("generic", [])
        self.findings = by_effect.get("finding", [])
        self.speech_acts = [(rule, frozenset(rule.lemmas) | frozenset(
            lemma for verb in rules.verbs if verb.id in rule.cue_rules for lemma in verb.lemmas))
            for rule in by_effect.get("speech_act", [])]
        self.vague_heads = frozenset(lemma for rule in rules.vague for lemma in rule.lemmas)
        self.hedges = Matcher(vocab)
        for rule in by_effect.get("hedge", []):
            self.hedges.add(rule.id, [list(rule.pattern)])

    def __call__(self, sentence: Optional[SpacySpan], candidates: Sequence[Attribution],
                 covering: FrozenSet[str] = frozenset()) -> Tuple[str, Optional[str], Tuple[str, ...]]:
        """The status of a sentence, the attribution it rests on, and the ids of the rules that decided.

        Args:
            sentence: the sentence's span of the Doc (None where it has no tokens).
            candidates: the attributions that cover the sentence or are cued in it.
            covering: the ids of those whose content covers half the sentence.
        """
        why: List[str] = []
        standing = self._standing(candidates, sentence, covering, why)
        specific = self._specific_ones(standing, sentence, covering, why)
        if specific:
            return ATTRIBUTED, specific[0].id, tuple(why)
        if standing:
            return VAGUE, standing[0].id, tuple(why)
        status, rule = self._on_its_own(sentence) if sentence is not None else (UNATTRIBUTED, None)
        return status, None, tuple(why) + ((rule,) if rule else ())

    def _standing(self, candidates: Sequence[Attribution], sentence: Optional[SpacySpan], covering: FrozenSet[str],
                  why: List[str]) -> List[Attribution]:
        """The candidates no `ignore` rule sets aside; the ids of those that do go to `why`."""
        standing = []
        for attribution in candidates:
            rule = next((r for r in self.ignore if _ignores(r, attribution, sentence, attribution.id in covering)), None)
            if rule is None:
                standing.append(attribution)
            elif rule.id not in why:
                why.append(rule.id)
        return standing

    def _specific_ones(self, standing: Sequence[Attribution], sentence: Optional[SpacySpan],
                       covering: FrozenSet[str], why: List[str]) -> List[Attribution]:
        """The standing attributions a specific source stands behind: those not vague whose source is
        no generic group, then the first vague one whose source is a definite party after all."""
        specific = []
        for attribution in standing:
            rule = None if attribution.vague else self._generic(attribution, sentence)
            if rule is not None and rule.id not in why:
                why.append(rule.id)
            elif not attribution.vague and rule is None:
                specific.append(attribution)
        for attribution in standing:
            rule = self._specific(attribution, sentence, attribution.id in covering)
            if rule is not None:
                specific.append(attribution)
                why.append(rule.id)
                break
        return specific

    def _on_its_own(self, sentence: SpacySpan) -> Tuple[str, Optional[str]]:
        """The status of a sentence no attribution stands behind, read on its own, and the rule that set it."""
        for rule, lemmas in self.speech_acts:
            subject = _speech_act(sentence, lemmas, rule.sources)
            if subject is not None:
                generic = subject.lemma_.lower() in self.vague_heads and self._definite(subject) is None
                return (VAGUE if generic else ATTRIBUTED), rule.id
        for rule in self.findings:
            subject = _speech_act(sentence, frozenset(rule.lemmas), ())
            if subject is not None and subject.lemma_.lower() in rule.sources:
                return ATTRIBUTED, rule.id
        for key, start, _ in self.hedges(sentence):
            if _in_main_clause(sentence[start]):
                return VAGUE, sentence.doc.vocab.strings[key]
        return UNATTRIBUTED, None

    def _generic(self, attribution: Attribution, sentence: Optional[SpacySpan]) -> Optional[StandingRule]:
        """The rule by which an attribution's source is a generic group after all ("Analysts say",
        "Residents and businesses complained"), if any: a bare plural common noun, with no
        article, possessive, number or name of its own, whose head is not one of the rule's `lemmas`."""
        if not self.generic or attribution.source is None or sentence is None:
            return None
        mention = sentence.doc.char_span(attribution.source.start, attribution.source.end, alignment_mode="expand")
        if mention is None:
            return None
        head = mention.root
        if head.tag_ != "NNS" or any(t.dep_ in ("det", "poss", "nummod") or t.pos_ in ("PROPN", "PRON", "NUM")
                                     for t in mention if t.i != head.i and t.dep_ != "conj"):
            return None
        return next((r for r in self.generic if head.lemma_.lower() not in r.lemmas), None)

    def _specific(self, attribution: Attribution, sentence: Optional[SpacySpan],
                  covers: bool = False) -> Optional[StandingRule]:
        """The rule by which a vague attribution names a definite party after all, if any.

        A quotation whose speaker the parser missed is somebody's words whatever its cue,
        where it covers the sentence (`covers`).
        """
        if not attribution.vague:
            return None
        if attribution.source is None:
            if attribution.kind in (AGENTLESS, CONTINUATION):
                return None
            cue = attribution.cue
            quoted = covers and attribution.kind in (DIRECT, MIXED)
            return next((r for r in self.unresolved if not set(r.links) & set(attribution.rules)
                         and (cue is None or quoted or cue.rule in r.cue_rules)), None)
        if sentence is None:
            return None
        mention = sentence.doc.char_span(attribution.source.start, attribution.source.end, alignment_mode="expand")
        return None if mention is None else self._definite(mention.root)

    def _definite(self, head: Token) -> Optional[StandingRule]:
        """The `specific` rule by which a source's head noun names one definite party, if any."""
        counted = any(child.dep_ == "nummod" for child in head.children)
        singular = head.tag_ in ("NN", "NNP", "PRP") or counted
        return next((r for r in self.specific if singular and head.lemma_.lower() in r.lemmas), None)


def _ignores(rule: StandingRule, attribution: Attribution, sentence: Optional[SpacySpan], covers: bool) -> bool:
    """Whether an `ignore` rule sets an attribution aside: every condition it gives holds.

    With `clause` aside, the attribution's cue must stand outside the main clause and
    its content must not cover the sentence (`covers`): a statement reported on the side.
    """
    cue = attribution.cue
    if rule.cue_rules and (cue is None or cue.rule not in rule.cue_rules):
        return False
    if rule.lemmas and (cue is None or cue.lemma.lower() not in rule.lemmas):
        return False
    if rule.links and not set(rule.links) & set(attribution.rules):
        return False
    if rule.sources and (attribution.source is None or attribution.source.text.lower() not in rule.sources):
        return False
    if rule.clause == "verbless":
        return sentence is not None and not any(
            t.morph.get("VerbForm") == ["Fin"] for span in attribution.content
            for t in sentence.doc.char_span(span.start, span.end, alignment_mode="expand") or ())
    if rule.clause in ("subordinate", "aside"):
        if cue is None or sentence is None or (rule.clause == "aside" and covers):
            return False
        token = sentence.doc.char_span(cue.start, cue.end, alignment_mode="expand")
        if token is None:
            return False
        return _opened_by(token.root, rule.marks) if rule.clause == "aside" else not _in_main_clause(token.root)
    return True


def _opened_by(token: Token, marks: Sequence[str]) -> bool:
    """Whether a word stands in an adverbial clause opened by one of `marks` ("after", "though")."""
    while token.dep_ != "ROOT" and token.head is not token:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in token.children):
            return True
        token = token.head
    return False


def _in_main_clause(token: Token) -> bool:
    """Whether a word belongs to its sentence's main clause: no noun phrase or adverbial clause on its way up."""
    while token.dep_ != "ROOT" and token.head is not token:
        if token.dep_ in SUBORDINATE_DEPS:
            return False
        token = token.head
    return True


def _speech_act(sentence: SpacySpan, lemmas: frozenset, excluded: Sequence[str]) -> Optional[Token]:
    """The subject (the agent of a passive: "was accused ... by the watchdog") of the main verb
    of a sentence, or of one joined to it, when that verb is a speech act, or None.

    A subject in `excluded` does not count."""
    root = sentence.root
    verbs = [root] + [t for t in root.conjuncts if t.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        children = list(verb.children)
        lemma = verb.lemma_.lower()
        particle = next((c.lower_ for c in children if c.dep_ in ("prt", "dobj") and f"{lemma} {c.lower_}" in lemmas), None)
        if lemma not in lemmas and particle is None:
            continue
        agent = next((c for c in children if c.dep_ == "agent"), None)
        agents = [t for t in agent.children if t.dep_ == "pobj"] if agent is not None else []
        if agents:
            return agents[0]
        subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
        if not subjects and verb is not root:
            subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
        subject = next((s for s in subjects if s.dep_ == "nsubj" and s.lower_ not in excluded), None)
        if subject is not None:
            return subject
    return None
