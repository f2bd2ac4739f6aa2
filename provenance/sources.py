"""Resolving a source mention to a canonical source: rule aliases, names, roles, pronouns, vague heads.

Resolution runs in text order, so a pronoun or a description ("the Turkish leader")
can look back at who spoke and who was introduced before it. Every resolution says
how it was made (`resolved_by`) and which rule named the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span as SpacySpan

from .records import Speaker
from .rules import RoleRule, RuleSet, SourceRule

PERSONAL_PRONOUNS = {"he", "him", "she", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "it", "its", "their"}
INDEFINITE = {"a", "an", "some", "one", "several", "many", "two", "three", "few", "other", "another"}
PERSON_TYPES = ("person", "official")
CONFIDENCE = {
    "alias": 0.95, "name": 0.9, "role-title": 0.85, "entity": 0.8, "role-descriptor": 0.75,
    "pronoun": 0.7, "continuation": 0.7, "vague-head": 0.9, "antecedent": 0.7, "issuer": 0.8, "document": 0.6,
    "mention": 0.6, None: 0.5,
}
# Entity labels that can name an issuer or an antecedent, and the source type each gives.
NAMED_LABELS = ("ORG", "GPE", "PERSON", "NORP")


@dataclass(frozen=True)
class Resolution:
    """Who a mention stands for, and how that was decided."""

    speaker: Optional[Speaker]
    resolved_by: Optional[str]
    vague: bool

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.resolved_by]


@dataclass
class Person:
    """A person named in the article, with the titles it was introduced with."""

    name: str
    surname: str
    start: int
    roles: Tuple[str, ...] = ()  # role rule ids
    modifiers: Tuple[str, ...] = ()  # "turkish" in "Turkish President X"


def normalize(text: str) -> str:
    """Fold case, apostrophes and white space, the way aliases are compared."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return re.sub(r"^the ", "", text)


class SourceResolver:
    """Resolves the source mentions of one Doc, in text order."""

    def __init__(self, doc: Doc, rules: RuleSet):
        self.doc, self.rules = doc, rules
        self.aliases = _alias_patterns(rules.sources)
        self.people = _people(doc, rules.roles)
        self.by_surname = {p.surname: p for p in self.people}
        self.vague_heads = {lemma: rule.id for rule in rules.vague for lemma in rule.lemmas}
        self.history: List[Tuple[int, Resolution]] = []  # resolutions so far, by mention start

    def resolve(self, start: int, end: int) -> Resolution:
        """Resolve the mention doc[start:end] and remember it for later pronouns."""
        mention = self.doc[start:end]
        if len(mention) == 1 and mention[0].tag_ in ("WP", "WDT") and mention[0].head.dep_ == "relcl":
            # "the delegation, who said ...": the noun the relative clause hangs off.
            antecedent = mention[0].head.head
            return self.resolve(antecedent.left_edge.i, antecedent.i + 1)
        # documents and definite descriptions before the vague heads: "a report" is a document
        # (its issuer's when named), "the group" the group the article named before
        result = (self._by_alias(mention.text, "alias") or self._pronoun(mention) or self._issued(mention)
                  or self._antecedent(mention) or self._vague(mention) or self._person(mention)
                  or self._role_title(mention) or self._description(mention) or self._entity(mention)
                  or self._plain(mention))
        self.history.append((mention.start_char, result))
        return result

    def _by_alias(self, text: str, how: str) -> Optional[Resolution]:
        folded = normalize(text)
        for pattern, rule in self.aliases:
            if pattern.search(folded):
                return Resolution(Speaker(rule.name, rule.type, rule.id), how, False)
        return None

    def _pronoun(self, mention: SpacySpan) -> Optional[Resolution]:
        if len(mention) != 1 or mention[0].lower_ not in PERSONAL_PRONOUNS | GROUP_PRONOUNS:
            return None
        personal = mention[0].lower_ in PERSONAL_PRONOUNS
        for _, earlier in reversed(self.history):
            if earlier.speaker and (earlier.speaker.type in PERSON_TYPES) == personal:
                return Resolution(earlier.speaker, "pronoun", earlier.vague)
        if personal:
            before = [p for p in self.people if p.start < mention.start_char]
            if before:
                return self._person_resolution(before[-1], "pronoun")
        return Resolution(None, None, True)

    def _vague(self, mention: SpacySpan) -> Optional[Resolution]:
        head = mention.root
        if any(t.pos_ == "PROPN" for t in mention) or head.lemma_.lower() not in self.vague_heads:
            return None
        name = _strip_determiner(mention)
        return Resolution(Speaker(name, "unnamed", self.vague_heads[head.lemma_.lower()]), "vague-head", True)

    def _person(self, mention: SpacySpan) -> Optional[Resolution]:
        for ent in entities_in(mention):
            if ent.label_ == "PERSON":
                surname = ent[-1].lower_
                person = self.by_surname.get(surname)
                if person:
                    return self._person_resolution(person, "name")
        # a capitalized surname alone, which the tagger missed: a transcript's "PORTER:"
        if len(mention) == 1 and mention[0].text[:1].isupper() and mention[0].lower_ in self.by_surname:
            return self._person_resolution(self.by_surname[mention[0].lower_], "name")
        return None

    def _person_resolution(self, person: Person, how: str) -> Resolution:
        known = self._by_alias(person.name, how)
        if known:
            return known
        kind = "official" if any(self._role(r).type == "official" for r in person.roles) else "person"
        return Resolution(Speaker(person.name, kind, "article.person"), how, False)

    def _role_title(self, mention: SpacySpan) -> Optional[Resolution]:
        folded = normalize(mention.text)
        for rule in self.rules.sources:
            if any(_contains(folded, normalize(role)) for role in rule.roles):
                return Resolution(Speaker(rule.name, rule.type, rule.id), "role-title", False)
        return None

    def _description(self, mention: SpacySpan) -> Optional[Resolution]:
        """ "the Turkish leader": a role noun and modifiers matching a person introduced earlier."""
        if any(t.pos_ == "PROPN" and t.ent_type_ not in ("NORP", "GPE") for t in mention):
            return None
        words = normalize(mention.text)
        groups = [r.id for r in self.rules.roles if any(_contains(words, w) for w in r.titles + r.generic)]
        if not groups:
            return None
        modifiers = {t.lower_ for t in mention if t.ent_type_ in ("NORP", "GPE") or (t.pos_ == "ADJ" and t.i != mention.root.i)}
        for person in reversed([p for p in self.people if p.start < mention.start_char]):
            if set(person.roles) & set(groups) and modifiers <= set(person.modifiers):
                return self._person_resolution(person, "role-descriptor")
        return None

    def _issued(self, mention: SpacySpan) -> Optional[Resolution]:
        """A document or poll ("a report by the World Bank", "Gallup's survey") is its issuer's, when
        the mention names one; else a vague source of the rule's type."""
        rule = self._description_rule(mention, "issuer")
        if rule is None:
            return None
        named = [e for e in entities_in(mention) if e.label_ in NAMED_LABELS and not e.start <= mention.root.i < e.end]
        if named:
            issuer = self._named(named[0])
            return Resolution(issuer.speaker, "issuer", issuer.vague)
        owner = next((c for c in mention.root.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in GROUP_PRONOUNS | PERSONAL_PRONOUNS:
            earlier = self._pronoun(self.doc[owner.i:owner.i + 1])
            if earlier.speaker is not None:
                return Resolution(earlier.speaker, "issuer", earlier.vague)
        return Resolution(Speaker(_strip_determiner(mention), rule.type, rule.id), "document", True)

    def _antecedent(self, mention: SpacySpan) -> Optional[Resolution]:
        """A definite description ("the watchdog", "the ministry") is the last source of a compatible
        type named before it: a source already resolved, or an organization the article named."""
        rule = self._description_rule(mention, "antecedent")
        if rule is None or mention[0].lower_ != "the" or any(t.pos_ == "PROPN" for t in mention):
            return None
        head = mention.root.lemma_.lower()
        candidates = [(start, self._retyped(r.speaker, rule)) for start, r in self.history
                      if r.speaker is not None and r.speaker.type in rule.types and start < mention.start_char]
        for ent in self.doc.ents:
            if ent.start_char >= mention.start_char:
                break
            if ent.label_ in ("ORG", "GPE"):
                speaker = self._named(ent).speaker
                government = head in ent.text.lower() or ent.label_ == "GPE"
                kind = speaker.type if speaker.rule.startswith("source.") else (
                    "government" if government and "government" in rule.types else rule.types[0])
                if kind in rule.types and (ent.label_ == "ORG" or kind == "government"):
                    candidates.append((ent.start_char, self._retyped(Speaker(speaker.name, kind, speaker.rule), rule)))
        if not candidates:
            return None
        speaker = max(candidates, key=lambda c: c[0])[1]
        return Resolution(speaker, "antecedent", False)

    @staticmethod
    def _retyped(speaker: Speaker, rule) -> Speaker:
        """A source the article named without a rule takes the description's type ("the newspaper": media)."""
        if speaker.rule.startswith("source."):
            return speaker
        return Speaker(speaker.name, speaker.type if speaker.type == "government" else rule.types[0], rule.id)

    def _description_rule(self, mention: SpacySpan, refers: str):
        head = mention.root.lemma_.lower()
        return next((r for r in self.rules.descriptions if r.refers == refers and head in r.heads), None)

    def _named(self, ent: SpacySpan) -> Resolution:
        """A named entity as a source: by a rule's alias, else by its label."""
        known = self._by_alias(ent.text, "alias")
        if known is not None:
            return known
        if ent.label_ == "PERSON" and ent[-1].lower_ in self.by_surname:
            return self._person_resolution(self.by_surname[ent[-1].lower_], "name")
        name = re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE)
        return Resolution(Speaker(name, ENTITY_TYPES.get(ent.label_, "organization"), "article.entity"), "entity", False)

    def _entity(self, mention: SpacySpan) -> Optional[Resolution]:
        for ent in entities_in(mention):
            if ent.start <= mention.root.i < ent.end and ent.label_ in ENTITY_TYPES:
                name = re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE)
                return Resolution(Speaker(name, ENTITY_TYPES[ent.label_], "article.entity"), "entity", False)
        return None

    def _plain(self, mention: SpacySpan) -> Resolution:
        vague = mention[0].lower_ in INDEFINITE
        kind = "person" if mention.root.pos_ == "PROPN" or mention.root.ent_type_ == "PERSON" else "unnamed"
        return Resolution(Speaker(_strip_determiner(mention), kind, "article.mention"), "mention", vague)

    def _role(self, role_id: str) -> RoleRule:
        return next(r for r in self.rules.roles if r.id == role_id)


ENTITY_TYPES = {"ORG": "organization", "GPE": "government", "NORP": "unnamed", "PERSON": "person"}


def entities_in(span: SpacySpan) -> List[SpacySpan]:
    """The named entities inside a span, read off the tokens (Span.ents walks the whole Doc)."""
    found, start = [], None
    doc = span.doc
    for token in span:
        if token.ent_iob_ == "B" or (token.ent_iob_ == "I" and start is None):
            if start is not None:
                found.append(doc[start:token.i])
            start = token.i
        elif token.ent_iob_ == "O" and start is not None:
            found.append(doc[start:token.i])
            start = None
    if start is not None:
        found.append(doc[start:span.end])
    return [SpacySpan(doc, e.start, e.end, label=doc[e.start].ent_type_) for e in found]


def _alias_patterns(sources: Sequence[SourceRule]) -> List[Tuple[re.Pattern, SourceRule]]:
    """Word-bounded patterns for every alias, longest first."""
    pairs = [(normalize(alias), rule) for rule in sources for alias in (rule.name,) + rule.aliases]
    pairs.sort(key=lambda pair: -len(pair[0]))
    return [(re.compile(r"(?<![\w'])" + re.escape(alias) + r"(?![\w])"), rule) for alias, rule in pairs if alias]


def _contains(text: str, phrase: str) -> bool:
    return bool(re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text))


def _strip_determiner(mention: SpacySpan) -> str:
    tokens = list(mention)
    while tokens and tokens[0].pos_ == "DET" and tokens[0].lower_ in ("the", "a", "an", "this", "that", "these", "those"):
        tokens.pop(0)
    text = "".join(t.text_with_ws for t in tokens).strip() if tokens else mention.text
    return re.sub(r"\s+", " ", text)


def _people(doc: Doc, roles: Sequence[RoleRule]) -> List[Person]:
    """The people the article names, clustered by surname, each with its longest name and its titles.

    Notes:
        A single token of a multi-word name ("Erdogan") joins the cluster of the
        full name ("Recep Tayyip Erdogan") when the surnames agree, the usual
        in-document practice of news coreference baselines.
    """
    clusters: Dict[str, Person] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        surname = ent[-1].lower_
        name = re.sub(r"\s+", " ", ent.text).strip()
        person = clusters.setdefault(surname, Person(name, surname, ent.start_char))
        if len(name) > len(person.name):
            person.name = name
        found_roles, modifiers = _titles_before(doc, ent, roles)
        person.roles = tuple(dict.fromkeys(person.roles + found_roles))
        person.modifiers = tuple(dict.fromkeys(person.modifiers + modifiers))
    return sorted(clusters.values(), key=lambda p: p.start)


def _titles_before(doc: Doc, ent: SpacySpan, roles: Sequence[RoleRule]) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """Titles and modifiers written right before a name: "Turkish Foreign Minister" + name."""
    words = []
    i = ent.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].pos_ in ("PROPN", "ADJ", "NOUN")) and "\n" not in doc[i].text \
            and doc[i].ent_type_ != "PERSON" and len(words) < 6:
        if not doc[i].is_space:
            words.insert(0, doc[i])
        i -= 1
    phrase = " ".join(t.lower_ for t in words)
    found = tuple(r.id for r in roles if any(_contains(phrase, title) for title in r.titles))
    if not found:
        return (), ()
    modifiers = tuple(t.lower_ for t in words if t.ent_type_ in ("NORP", "GPE") or t.pos_ == "ADJ")
    return found, modifiers
