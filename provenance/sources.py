"""Resolving a source mention to a canonical source: rule aliases, names, roles, pronouns, vague heads.

Resolution runs in text order, so a pronoun or a description ("the Turkish leader")
can look back at who spoke and who was introduced before it. Every resolution says
how it was made (`resolved_by`) and which rule named the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from collections import Counter
from typing import AbstractSet, Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span as SpacySpan

from .grammar import subtree
from .issuers import issuers
from .names import COMPOSITE, NAME_SUFFIXES, author_name, clean_name, entity_type, surname_key
from .pronouns import neuter_names
from .records import AUTHOR_BYLINE, AUTHOR_PAGE, AUTHOR_TYPE, AUTHOR_UNNAMED, UNNAMED_AUTHOR, Speaker
from .rules import DescriptionRule, RoleRule, RuleSet, SourceRule

PERSONAL_PRONOUNS = {"he", "him", "she", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "it", "its", "their"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
PLURAL = {"they", "them", "their"}
# Words that name nobody when they are the whole mention: "That", "those", "some", "this".
DETERMINERS = {"this", "that", "these", "those", "some", "any", "all", "both", "each", "either", "neither",
               "one", "others", "many", "few", "several", "such", "there", "who", "which", "what", "what's"}
FEMALE = {"she", "her", "hers", "herself"}
MALE = {"he", "him", "his", "himself"}
# The writer of an article, when nothing names them: an "I" or "we" outside quotations.
UNNAMED = Speaker(UNNAMED_AUTHOR, AUTHOR_TYPE, AUTHOR_UNNAMED)
# Words before a vague group that say only how many of it spoke: "many analysts", "several observers"
# ("some" and "other" stay: "some analysts" is not all of them, "other consumers" not the ones before).
QUANTIFIERS = {"a", "an", "the", "many", "several", "various", "numerous", "multiple"}
INDEFINITE = {"a", "an", "some", "one", "several", "many", "two", "three", "few", "other", "another"}
PERSON_TYPES = ("person", "official")
CONFIDENCE = {
    "alias": 0.95, "name": 0.9, "role-title": 0.85, "entity": 0.8, "role-descriptor": 0.75,
    "pronoun": 0.7, "continuation": 0.7, "vague-head": 0.9, "antecedent": 0.7, "issuer": 0.8, "document": 0.6,
    "respondents": 0.6, "introduced-next": 0.6,
    "mention": 0.6, "author": 0.8, "person-description": 0.65, "composite": 0.7, None: 0.5,
}
# Entity labels that can name an issuer or an antecedent, and the source type each gives.
NAMED_LABELS = ("ORG", "GPE", "PERSON", "NORP")
PLACE_LABELS = ("GPE", "NORP", "LOC")
# Dependencies of a clause that another reports: "he said [that X failed]", "X failed, [he claimed]".
REPORTED_DEPS = ("ccomp", "parataxis", "xcomp")
# Labels the tagger gives the last word of a person's name it cut off ("Henk Ten" + "Cate").
CUT_NAME_LABELS = ("ORG", "PERSON")
# Description heads a country's name can be the antecedent of: "Ruritania ... the government said".
COUNTRY_HEADS = ("government", "administration", "authority", "cabinet", "country")
# Description types whose issuer the article can give anywhere ("The survey was carried out by X").
POLL_TYPE = "poll"
ISSUED_TYPES = ("document", POLL_TYPE)
# Heads of a share of the people a poll asked: "half of the respondents", "60 percent of voters".
SHARES = {"percent", "per", "%", "half", "third", "thirds", "quarter", "quarters", "majority", "minority",
          "most", "fifth", "fifths", "number"}
# Role rules whose titles are epithets, not positions: no name is learned after them.
EPITHETS = ("role.epithet",)


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
    gender: str = ""  # "female" or "male", from the article's own words (Ms, Mr, she, he)


def author_speaker(page_author: Optional[str] = None, byline: Sequence[str] = ()) -> Speaker:
    """The writer of an article as a source: named by the page's author field, else by the
    people of a byline line ("By Jane Doe"), else unnamed; typed `author` all the same."""
    if page_author and author_name(page_author):
        return Speaker(author_name(page_author), AUTHOR_TYPE, AUTHOR_PAGE)
    if byline:
        return Speaker(COMPOSITE.join(byline), AUTHOR_TYPE, AUTHOR_BYLINE)
    return UNNAMED


def normalize(text: str) -> str:
    """Fold case, apostrophes and white space, the way aliases are compared."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return re.sub(r"^the ", "", text)


class SourceResolver:
    """Resolves the source mentions of one Doc, in text order.

    Args:
        quoted: (start, end) character ranges of the article's quotations; a first
            person outside them is the author.
        headline: the (start, end) characters of the headline, where no full name is learned
            when the body names the person too.
        author: the writer of the article (`author_speaker`), whom a first person outside
            quotations stands for.
    """

    def __init__(self, doc: Doc, rules: RuleSet, quoted: Sequence[Tuple[int, int]] = (),
                 headline: Optional[Tuple[int, int]] = None, author: Speaker = UNNAMED):
        self.doc, self.rules, self.quoted, self.author = doc, rules, tuple(quoted), author
        self.aliases = _alias_patterns(rules.sources)
        self.name_words = _name_words(rules)
        self.neuter = neuter_names(doc)  # one-word names the article calls "it": no people
        self.people = [p for p in _people(doc, rules.roles, headline, self.name_words)
                       if not (p.name.lower() == p.surname and p.surname in self.neuter)]
        self.by_surname = _Surnames((p.surname, p) for p in self.people)
        self.by_name = {p.name: p for p in self.people}
        self.gender_words = {title: rule.gender for rule in rules.roles if rule.gender for title in rule.titles}
        self.vague_heads = {lemma: rule for rule in rules.vague for lemma in rule.lemmas}
        self.history: List[Tuple[int, Resolution]] = []  # resolutions so far, by mention start
        self.documents: Dict[str, Resolution] = {}  # the last document or poll with an issuer, by rule
        # the issuers the article gives its documents anywhere ("the study, published in X")
        self.issuers = issuers(doc, self._document_rule)

    def resolve(self, start: int, end: int) -> Resolution:
        """Resolve the mention doc[start:end] and remember it for later pronouns."""
        whole = self.doc[start:end]
        mention = _named_part(whole, self.by_surname)
        if len(mention) == 1 and mention[0].tag_ in ("WP", "WDT") and mention[0].head.dep_ == "relcl":
            # "the delegation, who said ...": the noun the relative clause hangs off.
            antecedent = mention[0].head.head
            return self.resolve(antecedent.left_edge.i, antecedent.i + 1)
        # documents and definite descriptions before the vague heads: "a report" is a document
        # (its issuer's when named), "the group" the group the article named before it
        result = self._described(self._composite(mention) or self._single(mention), whole, mention)
        if result.speaker is not None and not result.speaker.name.strip():
            result = Resolution(None, None, True)  # nothing of a name was left: "’s" alone
        self.history.append((mention.start_char, result))
        return result

    def _described(self, result: Resolution, whole: SpacySpan, named: SpacySpan) -> Resolution:
        """A name the mention describes ("a consumer group - Shoppers United") takes the type of its
        description's head ("group": organization) when nothing but its capitals made it a person."""
        if result.resolved_by not in ("mention", "name") or result.speaker is None or result.speaker.type != "person" \
                or named.start <= whole.root.i < named.end:
            return result
        rule = self._description_rule(whole, "antecedent")
        if rule is None:
            return result
        return Resolution(Speaker(result.speaker.name, rule.types[0], result.speaker.rule), result.resolved_by,
                          result.vague)

    def _single(self, mention: SpacySpan) -> Resolution:
        """Who a mention of one source stands for, by the first mechanism that says."""
        return (self._first_person(mention) or self._nobody(mention) or self._named_person(mention)
                  or self._alias(mention) or self._pronoun(mention) or self._issued(mention)
                  or self._respondents(mention)
                  or self._antecedent(mention) or self._introduced_next(mention) or self._vague(mention)
                  or self._person(mention)
                  or self._role_title(mention) or self._description(mention) or self._person_description(mention)
                  or self._entity(mention) or self._plain(mention))

    def _composite(self, mention: SpacySpan) -> Optional[Resolution]:
        """ "Jane Doe and John Roe said": one source of all the names joined, "Jane Doe + John Roe",
        of its first member's type, when every member is a name and resolves to a source of its own.
        A place's people ("US and EU officials") are no such names."""
        root = mention.root
        members = [root] + [c for c in root.conjuncts if mention.start <= c.i < mention.end]
        if len(members) < 2 or any(m.pos_ != "PROPN" or m.ent_type_ in PLACE_LABELS for m in members):
            return None  # "Jane Doe and her campaign" is Jane Doe's
        resolved = [self._single(_conjunct(member, mention)) for member in members]
        if any(r.speaker is None or r.speaker.type == AUTHOR_TYPE for r in resolved):
            return None
        names = list(dict.fromkeys(r.speaker.name for r in resolved))
        if len(names) < 2:
            return None
        speaker = Speaker(COMPOSITE.join(names), entity_type(resolved[0].speaker.type), "article.composite")
        return Resolution(speaker, "composite", any(r.vague for r in resolved))

    def _first_person(self, mention: SpacySpan) -> Optional[Resolution]:
        """ "I", "we" outside quotations: the writer of the article, as its byline names them."""
        if len(mention) != 1 or mention[0].lower_ not in FIRST_PERSON:
            return None
        if self._quoted(mention.start_char):
            return None
        return Resolution(self.author, "author", False)

    def _quoted(self, char: int) -> bool:
        return any(start <= char < end for start, end in self.quoted)

    @staticmethod
    def _nobody(mention: SpacySpan) -> Optional[Resolution]:
        """A determiner or pronoun alone ("That", "those", "some") names nobody: unresolved."""
        if len(mention) == 1 and (mention[0].lower_ in DETERMINERS or mention[0].lower_ in FIRST_PERSON):
            return Resolution(None, None, True)
        return None

    def _named_person(self, mention: SpacySpan) -> Optional[Resolution]:
        """A mention whose head is a person the article names, even inside an organization's
        title ("White House Press Secretary Jane Doe") or with an honorific ("Mr Doe")."""
        root = mention.root
        person = None
        if root.pos_ == "PROPN" and root.lower_ in self.by_surname and root.text[:1].isupper():
            person = self.by_surname[root.lower_]  # "Claure" tagged as an organization, once "Jane Claure" was a person
        elif root.ent_type_ == "PERSON" or (root.pos_ == "PROPN" and _honorific(mention, self.rules.roles)):
            person = self.by_surname.get(root.lower_)
            if person is None and not _kind_by_name(mention, self.name_words) and root.lower_ not in self.neuter:
                name = _trimmed_name(mention, root, self.rules.roles)
                if name and self._by_alias(name, "alias") is None:
                    return Resolution(Speaker(name, "person", "article.person"), "name", False)
        return self._person_resolution(person, "name") if person is not None else None

    def _alias(self, mention: SpacySpan) -> Optional[Resolution]:
        """A rule's alias inside the mention, unless the mention is a group of people the alias
        only qualifies ("White House advisers" are not the White House), or another person of
        the same surname ("Emine Erdogan" is not the "Erdogan" of a rule)."""
        folded, root = normalize(mention.text), mention.root
        for pattern, rule in self.aliases:
            found = pattern.search(folded)
            if found:
                words = found.group(0).split()
                if root.tag_ == "NNS" and root.lower_ not in words:
                    return None
                if len(words) == 1 and rule.type in PERSON_TYPES and self._first_name_before(root):
                    continue
                return Resolution(Speaker(rule.name, rule.type, rule.id), "alias", False)
        return None

    def _first_name_before(self, token) -> bool:
        """Whether a name's last word follows a first name of its own (a proper noun that is no title)."""
        if token.i == 0:
            return False
        before = token.doc[token.i - 1]
        word = before.lower_.rstrip(".")
        return before.pos_ == "PROPN" and not any(word in r.titles or before.lower_ in r.titles for r in self.rules.roles)

    def _by_alias(self, text: str, how: str) -> Optional[Resolution]:
        folded = normalize(text)
        for pattern, rule in self.aliases:
            if pattern.search(folded):
                return Resolution(Speaker(rule.name, rule.type, rule.id), how, False)
        return None

    def _pronoun(self, mention: SpacySpan) -> Optional[Resolution]:
        if len(mention) != 1 or mention[0].lower_ not in PERSONAL_PRONOUNS | GROUP_PRONOUNS:
            return None
        word = mention[0].lower_
        personal = word in PERSONAL_PRONOUNS
        gender = "female" if word in FEMALE else "male" if word in MALE else ""
        subject = self._subject_before(mention, gender) if personal else None
        for start, earlier in reversed(self.history):
            if earlier.speaker is None:
                continue
            if subject is not None and subject[0] > start:
                break  # the person its own sentence is about came after the last who spoke
            if word in PLURAL and COMPOSITE in earlier.speaker.name and earlier.speaker.type != AUTHOR_TYPE:
                return Resolution(earlier.speaker, "pronoun", earlier.vague)  # "Doe and Roe ... they said"
            if (earlier.speaker.type in PERSON_TYPES) == personal and self._agrees(earlier.speaker.name, gender):
                return Resolution(earlier.speaker, "pronoun", earlier.vague)
        if subject is not None:
            return self._person_resolution(subject[1], "pronoun")
        if personal:
            before = [p for p in self.people if p.start < mention.start_char and p.gender in ("", gender)]
            if before:
                return self._person_resolution(before[-1], "pronoun")
        return Resolution(None, None, True)

    def _subject_before(self, mention: SpacySpan, gender: str) -> Optional[Tuple[int, Person]]:
        """The last person named as a subject before a pronoun in its own sentence, of its gender:
        "When Doe was approached, he told police" is Doe's, though Doe never spoke before.

        Notes:
            The subject preference of pronoun resolution within a sentence (Lappin & Leass 1994);
            a speaker before the sentence still wins when nothing in it is about a person.
        """
        found, verb = None, mention.root.head
        for token in self.doc[mention.sent.start:mention.start]:
            if _reported_by(token.head, verb) or any(t.dep_ == "ccomp" for t in [token.head, *token.head.ancestors]):
                continue  # "Mr Blair has failed, he claimed", "she said Doe ...": Doe is in what is said
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "PROPN" and token.text[:1].isupper():
                person = self.by_surname.get(token.lower_)
                if person is not None and person.gender in ("", gender) and not self._quoted(token.idx):
                    found = (token.idx, person)
        return found

    def _agrees(self, name: str, gender: str) -> bool:
        """Whether a pronoun of `gender` can stand for the person named `name`: the article's
        own evidence (Mr, Ms, the pronouns it used) does not say otherwise."""
        person = self.by_name.get(name)
        return not gender or person is None or person.gender in ("", gender)

    def _vague(self, mention: SpacySpan) -> Optional[Resolution]:
        head = mention.root
        # a place does not name the group ("Russian newspapers", "US officials"); any other proper noun does
        if any(t.pos_ == "PROPN" and t.ent_type_ not in PLACE_LABELS for t in mention) \
                or head.lemma_.lower() not in self.vague_heads:
            return None
        rule = self.vague_heads[head.lemma_.lower()]
        if rule.type != "unnamed" and mention[0].lower_ == "the" and head.tag_ == "NN":
            return None  # "the city paper" is one outlet, unnamed here, not a vague group of them
        name = _strip_quantifier(mention)
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in PERSONAL_PRONOUNS | GROUP_PRONOUNS), None)
        if owner is not None:
            # "his spokesman": the spokesman of whom the pronoun stands for, one source per person
            whose = self._pronoun(self.doc[owner.i:owner.i + 1]).speaker
            if whose is not None:
                name = f"{whose.name}'s " + self.doc[owner.i + 1:mention.end].text
        return Resolution(Speaker(name, rule.type, rule.id), "vague-head", True)

    def _person(self, mention: SpacySpan) -> Optional[Resolution]:
        for ent in entities_in(mention):
            # the person must be who the mention is, not whose: "Doe's lawyers" are not Doe
            possessive = ent[-1].tag_ == "POS" or ent.end < len(self.doc) and self.doc[ent.end].tag_ == "POS"
            if ent.label_ == "PERSON" and not (possessive and not ent.start <= mention.root.i < ent.end):
                surname = _surname(ent)
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
        # roles that describe (a title of address or an epithet does not: "the businessman" is nobody's title)
        found = [(r.id, w) for r in self.rules.roles if r.generic for w in r.titles + r.generic if _contains(words, w)]
        # the longest title says which: "the prime minister" is no "minister" of a cabinet
        groups = list(dict.fromkeys(g for g, w in found if not any(w != v and _contains(v, w) for _, v in found)))
        if not groups:
            return None
        modifiers = {t.lower_ for t in mention if t.ent_type_ in ("NORP", "GPE") or (t.pos_ == "ADJ" and t.i != mention.root.i)}
        # a title's own words are no modifiers of it: "prime" in "the prime minister"
        modifiers -= {w for r in self.rules.roles if r.id in groups for t in r.titles + r.generic for w in t.split()}
        for person in reversed([p for p in self.people if p.start < mention.start_char]):
            if set(person.roles) & set(groups) and modifiers <= set(person.modifiers):
                return self._person_resolution(person, "role-descriptor")
        return None

    def _introduced_next(self, mention: SpacySpan) -> Optional[Resolution]:
        """ "A PR expert has told the court ... \n\nJane Doe told the court ...": an indefinite description
        opening a paragraph is the person the next sentence names first, as its subject.

        Notes:
            The news lead that describes before it names ("a delayed lede"): the description comes
            first, the name in the sentence after it.
        """
        root = mention.root
        # the one who acts in its sentence ("a donor said"), not one the sentence cites ("according to a donor")
        if mention[0].lower_ not in ("a", "an") or root.pos_ != "NOUN" or root.tag_ != "NN" or root.dep_ == "pobj" \
                or not _opens_paragraph(mention.sent):
            return None
        following = mention.doc[mention.sent.end:mention.sent.end + 1]
        if not len(following):
            return None
        sentence = following[0].sent
        subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        person = self.by_surname.get(subject.lower_) if subject is not None and subject.pos_ == "PROPN" else None
        if person is None or not sentence.start_char <= person.start < sentence.end_char:
            return None  # the person was named before: the description is someone else
        return self._person_resolution(person, "introduced-next")

    def _issued(self, mention: SpacySpan) -> Optional[Resolution]:
        """A document or poll ("a report by the World Bank", "Gallup's survey") is its issuer's, when
        the mention names one; else a vague source of the rule's type."""
        rule = self._description_rule(mention, "issuer")
        if rule is None:
            return None
        named = [e for e in entities_in(mention) if e.label_ in NAMED_LABELS and not e.start <= mention.root.i < e.end]
        if named:
            issuer = self._named(named[0])
            self.documents[rule.id] = Resolution(_issued_by(issuer.speaker, rule, mention.root), "issuer", issuer.vague)
            return self.documents[rule.id]
        owner = next((c for c in mention.root.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in GROUP_PRONOUNS | PERSONAL_PRONOUNS:
            earlier = self._pronoun(self.doc[owner.i:owner.i + 1])
            if earlier.speaker is not None:
                return Resolution(earlier.speaker, "issuer", earlier.vague)
        if mention[0].lower_ == "the" and rule.id in self.documents:
            return self.documents[rule.id]  # "the report": the report the article cited before
        modifier = self._modifier_antecedent(mention)
        if modifier is not None:  # "the office release": the office's
            return Resolution(modifier.speaker, "issuer", modifier.vague)
        if rule.id in self.issuers:  # "a study ... the research, published in the journal X"
            issuer = self._named(self.issuers[rule.id])
            return Resolution(_issued_by(issuer.speaker, rule, mention.root), "issuer", issuer.vague)
        return Resolution(Speaker(_strip_determiner(mention), rule.type, rule.id), "document", True)

    def _document_rule(self, token) -> Optional[str]:
        """The id of the document or poll rule whose head noun the token is."""
        rule = self._description_rule(self.doc[token.i:token.i + 1], "issuer")
        return rule.id if rule is not None and rule.type in ISSUED_TYPES and token.pos_ == "NOUN" else None

    def _respondents(self, mention: SpacySpan) -> Optional[Resolution]:
        """ "More than half of the respondents", "Sixty percent of people", "the number who said": a share
        of the people a poll asked, after the article cited the poll, is that poll's finding."""
        root = mention.root
        if root.lemma_.lower() not in SHARES and not (root.like_num or root.text == "%") \
                or not any(c.dep_ == "prep" and c.lower_ == "of" or c.dep_ == "relcl" for c in root.children):
            return None
        polls = [(start, r.speaker, r.vague) for start, r in self.history
                 if r.speaker is not None and r.speaker.type == POLL_TYPE and start < mention.start_char]
        rule = next((r for r in self.rules.descriptions if r.type == POLL_TYPE and r.refers == "issuer"), None)
        if rule is not None:  # a poll the article names: "the National Survey of Voters"
            polls += [(e.start_char, Speaker(_entity_name(e), POLL_TYPE, rule.id), False) for e in self.doc.ents
                      if e.end_char <= mention.start_char and e.label_ in NAMED_LABELS
                      and any(t.lemma_.lower() in rule.heads and t.text[:1].isupper() for t in e)]
        if not polls:
            return None
        _, speaker, vague = max(polls, key=lambda p: p[0])
        return Resolution(speaker, "respondents", vague)

    def _modifier_antecedent(self, mention: SpacySpan) -> Optional[Resolution]:
        """A definite description in the document's own modifier: "the office release", "the company
        statement" are the office's and the company's."""
        if mention[0].lower_ != "the":
            return None
        for child in mention.root.children:
            if child.dep_ == "compound" and child.i > mention.start and child.pos_ == "NOUN":
                described = self._antecedent(self.doc[mention.start:child.i + 1], child)
                if described is not None:
                    return described
        return None

    def _antecedent(self, mention: SpacySpan, root=None) -> Optional[Resolution]:
        """A definite description ("the watchdog", "the ministry") is the last source of a compatible
        type named before it: a source already resolved, or an organization the article named.
        `root`: the description's head noun, when it is not the mention's head ("the office release")."""
        root = mention.root if root is None else root
        rule = self._description_rule(mention, "antecedent", root)
        if rule is None or mention[0].lower_ != "the" or any(
                t.pos_ == "PROPN" and t.ent_type_ not in PLACE_LABELS for t in mention):
            return None  # "the Paris-based group" may still refer back; "the Acme group" names its own
        head = root.lemma_.lower()
        candidates = [(start, self._retyped(r.speaker, rule)) for start, r in self.history
                      if r.speaker is not None and r.speaker.type in rule.types and start < mention.start_char]
        for ent in self.doc.ents:
            if ent.start_char >= mention.start_char:
                break
            if ent.label_ in ("ORG", "GPE"):
                speaker = self._named(ent).speaker
                if ent.label_ == "GPE" and head not in COUNTRY_HEADS:
                    continue  # a country is "the government", never "the office" or "the court"
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

    def _description_rule(self, mention: SpacySpan, refers: str, root=None):
        head = (mention.root if root is None else root).lemma_.lower()
        return next((r for r in self.rules.descriptions if r.refers == refers and head in r.heads), None)

    def _named(self, ent: SpacySpan) -> Resolution:
        """A named entity as a source: by a rule's alias, else by its label and the words of its name."""
        known = self._by_alias(ent.text, "alias")
        if known is not None:
            return known
        if ent.label_ == "PERSON" and _surname(ent) in self.by_surname:
            return self._person_resolution(self.by_surname[_surname(ent)], "name")
        return Resolution(Speaker(_entity_name(ent), self._kind(ent), "article.entity"), "entity", False)

    def _kind(self, ent: SpacySpan) -> str:
        """A named entity's type: from the words of its name (rules/descriptions.yaml `names`:
        "Ministry", "Times", "Inc"), else from its label; never a person with an organization's name."""
        if ent.label_ == "PERSON" and len(ent) == 1 and ent[0].lower_ in self.neuter:
            return "organization"  # "Acme said it would appeal": the tagger's person is a body
        return _kind_by_name(ent, self.name_words) or ENTITY_TYPES.get(ent.label_, "organization")

    def _entity(self, mention: SpacySpan) -> Optional[Resolution]:
        """The named entity at the mention's head, or the one its description ends in ("US oil giant Exxon")."""
        ents = [e for e in entities_in(mention) if e.label_ in ENTITY_TYPES]
        for ent in ents:
            if ent.start <= mention.root.i < ent.end or (ent.end == mention.end and ent.label_ in ("ORG", "PERSON")
                                                          and ent.start == mention.root.i + 1):
                return Resolution(Speaker(_owned_name(ent), self._kind(ent), "article.entity"), "entity", False)
        return None

    def _person_description(self, mention: SpacySpan) -> Optional[Resolution]:
        """ "the businessman", "the 52-year-old", "the Lions coach": a definite description of a
        person (rules/descriptions.yaml, refers `person`) is the person last named before it."""
        rule = self._description_rule(mention, "person")
        if rule is None or mention[0].lower_ != "the" or mention.root.pos_ == "PROPN" \
                or mention.root.tag_ in ("NNS", "NNPS"):  # "the authors" are not one person
            return None
        gender = next((self.gender_words[t.lower_] for t in mention if t.lower_ in self.gender_words), "")
        # the people named before it outside quotations, and the people who spoke before it
        named = [(ent.start_char, self.by_surname.get(_name_tokens(ent)[-1].lower_)) for ent in self.doc.ents
                 if ent.label_ == "PERSON" and ent.end_char <= mention.start_char and _name_tokens(ent)
                 and not self._quoted(ent.start_char)]
        named += [(start, self.by_name.get(r.speaker.name)) for start, r in self.history
                  if r.speaker is not None and r.speaker.type in PERSON_TYPES]
        earlier = [(start, p) for start, p in named if p is not None and (not gender or p.gender in ("", gender))]
        if not earlier:
            return None
        return self._person_resolution(max(earlier, key=lambda pair: pair[0])[1], "person-description")

    def _plain(self, mention: SpacySpan) -> Resolution:
        vague = mention[0].lower_ in INDEFINITE
        # the words of a name type the mention only when the name is its head: "NASA scientists" are people
        named = mention.root.pos_ == "PROPN" and _kind_by_name([t for t in mention if t.pos_ == "PROPN"], self.name_words)
        person = mention.root.pos_ == "PROPN" or mention.root.ent_type_ == "PERSON"
        kind = named or ("organization" if person and mention.root.lower_ in self.neuter
                         else "person" if person else "unnamed")
        return Resolution(Speaker(clean_name(_strip_determiner(mention)), kind, "article.mention"), "mention", vague)

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


def _strip_quantifier(mention: SpacySpan) -> str:
    """A vague group's words without the article or count before them, so "many observers",
    "several observers" and "Observers" are one source: the group, not how many of it spoke."""
    tokens = list(mention)
    while len(tokens) > 1 and tokens[0].lower_ in QUANTIFIERS:
        tokens.pop(0)
    return re.sub(r"\s+", " ", "".join(t.text_with_ws for t in tokens).strip())


def _strip_determiner(mention: SpacySpan) -> str:
    tokens = list(mention)
    while tokens and tokens[0].pos_ == "DET" and tokens[0].lower_ in ("the", "a", "an", "this", "that", "these", "those"):
        tokens.pop(0)
    text = "".join(t.text_with_ws for t in tokens).strip() if tokens else mention.text
    return re.sub(r"\s+", " ", text)


def _people(doc: Doc, roles: Sequence[RoleRule], headline: Optional[Tuple[int, int]] = None,
            name_words: Optional[Dict[str, Tuple[int, str]]] = None) -> List[Person]:
    """The people the article names, clustered by surname, each with its usual full name and its titles.

    Notes:
        A single token of a multi-word name ("Erdogan") joins the cluster of the
        full name ("Recep Tayyip Erdogan") when the surnames agree, the usual
        in-document practice of news coreference baselines. The full name is the one
        the body uses most (the headline's only when the body has none), so a word the
        tagger folded into one mention ("Rip Jane Doe") does not become the name.
    """
    name_words = name_words or {}
    titles = {title for rule in roles for title in rule.titles}
    labels = Counter((ent.text.lower(), ent.label_) for ent in doc.ents)
    names: Dict[str, Counter] = {}
    clusters: Dict[str, Person] = {}
    addressed = _addressed(doc, roles)
    for ent in [_whole_name(e, name_words) for e in doc.ents] + addressed:
        tokens = _name_tokens(ent, titles)
        if ent.label_ != "PERSON" or not tokens or _kind_by_name(tokens, name_words):
            continue  # "the Chronicle" tagged as a person is an outlet by its name
        surname = surname_key(tokens[-1].text)
        if len(tokens) == 1 and ent not in addressed and labels[(surname, "PERSON")] < sum(
                n for (text, label), n in labels.items() if text == surname and label != "PERSON"):
            continue  # a one-word name the tagger mostly calls an organization or a place
        name = " ".join(doc[tokens[0].i:tokens[-1].i + 1].text.split())
        in_headline = headline is not None and headline[0] <= ent.start_char < headline[1]
        person = clusters.setdefault(surname, Person(name, surname, ent.start_char))
        # a body mention counts for more than any number of headline ones; all capitals for less
        names.setdefault(surname, Counter())[name] += (1 if in_headline else 1000) * (1 if name.isupper() else 2)
        found_roles, modifiers = _titles_before(doc, tokens[0].i, roles, ent.start)
        person.roles = tuple(dict.fromkeys(person.roles + found_roles))
        person.modifiers = tuple(dict.fromkeys(person.modifiers + modifiers))
    for surname, person in clusters.items():
        counts = names[surname]
        person.name = min(counts, key=lambda n: (len(n.split()) < 2, -counts[n], -len(n), n))
        person.gender = next((r.gender for r in roles if r.id in person.roles and r.gender), "")
    return sorted(clusters.values(), key=lambda p: p.start)


def _whole_name(ent: SpacySpan, name_words: Dict[str, Tuple[int, str]]) -> SpacySpan:
    """A person's name the tagger cut before its last word, which it took for an entity of its own
    ("Henk Ten" + "Cate"): the name to the word its last word is a compound of."""
    doc = ent.doc
    if ent.label_ != "PERSON" or ent.end >= len(doc) or ent[-1].dep_ != "compound" or ent[-1].head.i != ent.end:
        return ent
    after = doc[ent.end]
    rest = next((e for e in doc.ents if e.start == ent.end), None)
    if rest is None or len(rest) != 1 or rest.label_ not in CUT_NAME_LABELS or after.pos_ != "PROPN" \
            or not after.text[:1].isupper() or after.lower_ in name_words:
        return ent  # "Jane Doe Foundation" names a body; a place is no part of a name
    return SpacySpan(doc, ent.start, ent.end + 1, label="PERSON")


def _addressed(doc: Doc, roles: Sequence[RoleRule]) -> List[SpacySpan]:
    """Names after a title that the tagger did not call a person: "Mr Berg", "Ms Alvarez" after a title
    of address; a first name and a surname after any other title ("chair Ana Ruiz", "President Ana Ruiz"),
    when the title does not open a name itself ("Major League Baseball", "General Electric")."""
    address = {t for r in roles if r.gender for t in r.titles}
    other = {t for r in roles if not r.gender and r.id not in EPITHETS for t in r.titles if " " not in t}
    found = []
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if following.pos_ != "PROPN" or following.ent_type_ == "PERSON" or not following.text[:1].isupper():
            continue
        if token.lower_ in address and token.text[:1].isupper():
            end = token.i + 2
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_iob_ != "B":
                end += 1
            found.append(SpacySpan(doc, token.i, end, label="PERSON"))
        elif token.lower_ in other and token.ent_iob_ != "B":  # inside "Acme President Ana Ruiz", tagged as one
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                    and doc[end].ent_type_ not in PLACE_LABELS:
                end += 1
            if end - token.i - 1 in (2, 3):  # a first name and a surname, maybe a middle one
                found.append(SpacySpan(doc, token.i, end, label="PERSON"))
    return found


def _name_tokens(ent: SpacySpan, titles: AbstractSet[str] = frozenset()) -> List:
    """The tokens of an entity that are its name: titles, epithets, a leading verb and a possessive trimmed."""
    tokens = [t for t in ent if not (t.tag_ == "POS" or t.is_punct and t.text not in (".", "-", "'"))]
    while tokens and (tokens[0].pos_ not in ("PROPN",) or tokens[0].lower_ in titles
                      or tokens[0].lower_.rstrip(".") in titles):
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].lower_.rstrip(".") in NAME_SUFFIXES:
        tokens.pop()  # "James Kennedy Jr.": the surname is Kennedy
    return tokens


def _surname(ent: SpacySpan) -> str:
    """The last word of a person's name that is no suffix ("Jr.", "III"), in lower case."""
    tokens = _name_tokens(ent)
    return surname_key((tokens[-1] if tokens else ent[-1]).text)


class _Surnames(dict):
    """The article's people by surname, looked up by any spelling of it that `surname_key` folds together
    (a word's `lower_`, its text): "O’Neill" finds the person named "James O'Neill"."""

    def __getitem__(self, word: str) -> "Person":
        return super().__getitem__(surname_key(word))

    def __contains__(self, word) -> bool:
        return isinstance(word, str) and super().__contains__(surname_key(word))

    def get(self, word: str, default=None):
        return super().get(surname_key(word), default)


def _name_words(rules: RuleSet) -> Dict[str, Tuple[int, str]]:
    """The words that type a named entity by its name ("Ministry": government), from the description
    rules, each with the rank of its rule: the first rule to list a word in a name wins ("Fox News Group")."""
    words: Dict[str, Tuple[int, str]] = {}
    for rank, rule in enumerate(r for r in rules.descriptions if r.names):
        for word in rule.names:
            words.setdefault(word.lower(), (rank, rule.types[0]))
    return words


def _kind_by_name(tokens, name_words: Dict[str, Tuple[int, str]]) -> Optional[str]:
    """The type the words of a name give ("Department of Energy": government), or None."""
    found = [name_words[t.lower_] for t in tokens if t.lower_ in name_words]
    return min(found)[1] if found else None


def _entity_name(ent: SpacySpan) -> str:
    return clean_name(re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE))


def _owned_name(ent: SpacySpan) -> str:
    """An entity's name, with the place it belongs to when its name is a description of a body
    that every country has: "China's commerce ministry" is no "commerce ministry" of anywhere."""
    name = _entity_name(ent)
    if name[:1].isupper():
        return name
    owner = next((c for c in ent.root.children if c.dep_ == "poss" and c.ent_type_ in PLACE_LABELS
                  and c.i < ent.start), None)
    if owner is None:
        return name
    place = next((e for e in ent.doc.ents if e.start <= owner.i < e.end), ent.doc[owner.i:owner.i + 1])
    return f"{clean_name(place.text)}'s {name}"


def _honorific(mention: SpacySpan, roles: Sequence[RoleRule]) -> bool:
    """Whether a mention opens with a title of a person ("Mr", "Ms", "Dr", "Sen.")."""
    first = mention[0].lower_
    return any(first in rule.titles or first.rstrip(".") in rule.titles for rule in roles if rule.type == "person")


def _trimmed_name(mention: SpacySpan, root, roles: Sequence[RoleRule]) -> str:
    """The proper name a mention ends in at its head, without the titles before it ("Mr Doe": "Doe")."""
    titles = {title for rule in roles for title in rule.titles}
    start = root.i
    while start > mention.start and mention.doc[start - 1].pos_ == "PROPN" \
            and mention.doc[start - 1].lower_.rstrip(".") not in titles and mention.doc[start - 1].lower_ not in titles:
        start -= 1
    return clean_name(mention.doc[start:root.i + 1].text)


def _reported_by(clause, verb) -> bool:
    """Whether one of two clauses reports the other: a complement or a parenthetical of it, either way."""
    return any(a.dep_ in REPORTED_DEPS and any(h.i == b.i for h in a.ancestors) for a, b in ((clause, verb), (verb, clause)))


def _opens_paragraph(sentence: SpacySpan) -> bool:
    """Whether a sentence is the first of its paragraph: the text's first, or after a line break."""
    before = sentence.doc.text[:sentence.start_char].rstrip(" \t")
    return not before.strip() or before.endswith("\n")


def _issued_by(issuer: Speaker, rule: DescriptionRule, head) -> Speaker:
    """The source a document or poll its issuer is named for stands for: a document is its issuer's
    (`_people_of`); a poll is a poll still, named after who ran it ("a survey by Gallup": "Gallup survey")."""
    if rule.type != POLL_TYPE:
        return _people_of(issuer, rule)
    return Speaker(f"{issuer.name} {head.lemma_.lower()}", POLL_TYPE, rule.id)


def _people_of(issuer: Speaker, rule: DescriptionRule) -> Speaker:
    """The source a description of an issuer's unnamed people stands for ("the authors of X's study"):
    the issuer, under the rule's type `unnamed` when the rule is of people; a document is its issuer's."""
    if rule.type != "unnamed" or issuer.type in PERSON_TYPES:  # "author Jane Doe" is Jane Doe
        return issuer
    return Speaker(issuer.name, rule.type, issuer.rule)


def _conjunct(member, mention: SpacySpan) -> SpacySpan:
    """The words of one member of a coordination, without the members and the "and" after it."""
    doc = mention.doc
    others = {i for c in member.children if c.dep_ in ("conj", "cc") for i in subtree(c)}
    tokens = [doc[i] for i in subtree(member) if mention.start <= i < mention.end and i not in others
              and not (doc[i].is_punct and i != member.i)]
    return mention.doc[tokens[0].i:tokens[-1].i + 1] if tokens else mention.doc[member.i:member.i + 1]


def _named_part(mention: SpacySpan, surnames: AbstractSet[str] = frozenset()) -> SpacySpan:
    """The part of a mention that names its source, when commas, dashes or brackets set off an
    apposition or a relative clause: "Jane Doe, an analyst at X", "the film's director, Jane Doe".
    A part names a person when the tagger says so or when it ends in the surname of a person the
    article names (`surnames`: "Mr Pande" elsewhere makes "Vinod Pande" a person's name)."""
    doc, parts, start = mention.doc, [], mention.start
    for token in mention:
        spaced = token.i > 0 and bool(doc[token.i - 1].whitespace_)  # a dash between words, not "London-based"
        if (token.text in (",", "(", ")") or token.text in ("-", "–", "—") and spaced) and token.ent_iob_ != "I":
            if start < token.i:
                parts.append(doc[start:token.i])
            start = token.i + 1
    if start < mention.end:
        parts.append(doc[start:mention.end])
    if len(parts) < 2:
        return mention
    people = [p for p in parts if any(t.ent_type_ == "PERSON" for t in p)
              or p[-1].pos_ == "PROPN" and p[-1].lower_ in surnames]
    # else a name over a description of it: "a consumer group - Shoppers United" is Shoppers United
    named = [p for p in parts if p.root.pos_ == "PROPN" and p.root.ent_type_ not in PLACE_LABELS]
    return people[0] if people else named[0] if named and parts[0].root.pos_ == "NOUN" else parts[0]


def _titles_before(doc: Doc, first: int, roles: Sequence[RoleRule],
                   start: Optional[int] = None) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """Titles and modifiers written right before a name: "Turkish Foreign Minister" + name.

    Args:
        first: the name's first token; `start`, the first token of the entity that holds it,
            whose words before the name ("Billionaire" in "Billionaire Jane Doe") count too.
    """
    start = first if start is None else start
    words = []
    i = first - 1
    while i >= 0 and "\n" not in doc[i].text and len(words) < 6 and (
            i >= start or doc[i].is_space or doc[i].pos_ in ("PROPN", "ADJ", "NOUN") and doc[i].ent_type_ != "PERSON"):
        if not doc[i].is_space:
            words.insert(0, doc[i])
        i -= 1
    phrase = " ".join(t.lower_ for t in words)
    found = tuple(r.id for r in roles if any(_contains(phrase, title) for title in r.titles))
    if not found:
        return (), ()
    modifiers = tuple(t.lower_ for t in words if t.ent_type_ in ("NORP", "GPE") or t.pos_ == "ADJ")
    return found, modifiers
