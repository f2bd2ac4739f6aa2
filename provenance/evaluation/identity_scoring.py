"""Scoring who the engine says a source is: B-cubed over sources, junk names, and types.

A mention is a gold attribution whose gold gives its canonical source (`entity`). Its
gold cluster is that entity, its predicted cluster the source the predicted attribution
matched to it (the content matching of ``scoring``) is stored under: the key of its speaker's
name (``names.name_key``), as the `sources` table keys it, across all documents, so the same
entity named the same way in two articles is one source. Gold entities are compared
case-sensitively after white space is collapsed; junk names are judged on the name itself.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, Hashable, Optional, Sequence, Tuple

from ..names import name_key
from ..records import Attribution
from .counts import Share, ratio
from .gold import GoldAttribution

# Our source types (rules/sources.yaml, provenance/sources.py) in the gold's names
# (realnews: person, organization, government, media, poll, document, unnamed). An
# official is a person with a title; state media and news agencies are media; monitors
# and armed groups are organizations. A type missing here is compared as it is.
TYPE_MAP = {
    "person": "person", "official": "person",
    "organization": "organization", "ngo_monitor": "organization", "armed_group": "organization",
    "government": "government",
    "media": "media", "state_media": "media", "news_agency": "media",
    "unnamed": "unnamed",
}
# Words that make a junk name when they are the whole name: pronouns and determiners.
NON_NAMES = frozenset("""
    i me my we us our you your he him his she her it its they them their
    this that these those who whom which what there
    some any all both each either neither every one ones another other others many much few several
    a an the
""".split())
POSSESSIVE_RE = re.compile(r"['’]s$")
# The gold's mark for a vague source ("VAGUE:analysts"), skipped when judging its case.
VAGUE_PREFIX = "VAGUE:"


@dataclass(frozen=True)
class Mention:
    """One gold attribution with an entity, and what the prediction matched to it says.

    `name` and `predicted_type` are None when no prediction matched or it named no speaker.
    """

    entity: str
    gold_type: Optional[str]
    matched: bool
    name: Optional[str] = None
    predicted_type: Optional[str] = None

    @property
    def source(self) -> Optional[str]:
        """The predicted source's key, or None when no speaker was predicted."""
        return name_key(self.name, self.predicted_type or "") if self.name is not None else None


@dataclass(frozen=True)
class BCubed:
    """B-cubed precision, recall and F1 of a clustering, over `mentions` mentions."""

    precision: float = 0.0
    recall: float = 0.0
    mentions: int = 0

    @property
    def f1(self) -> float:
        return ratio(2 * self.precision * self.recall, self.precision + self.recall)

    def as_dict(self) -> Dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "mentions": self.mentions}


@dataclass(frozen=True)
class IdentityReport:
    """The mentions of a set of documents; the scores are computed over all of them at once."""

    mentions: Tuple[Mention, ...] = ()

    def __add__(self, other: "IdentityReport") -> "IdentityReport":
        return IdentityReport(self.mentions + other.mentions)

    @property
    def matched(self) -> BCubed:
        """B-cubed over matched mentions only; a matched one with no speaker is its own source."""
        mentions = [m for m in self.mentions if m.matched]
        return bcubed([m.entity for m in mentions], [m.source for m in mentions])

    @property
    def all(self) -> BCubed:
        """B-cubed over every mention; the missed and the unnamed are each their own source."""
        return bcubed([m.entity for m in self.mentions], [m.source for m in self.mentions])

    @property
    def junk(self) -> Share:
        """Junk names (``is_junk``) among the speaker names of matched mentions."""
        named = [m for m in self.mentions if m.name is not None]
        return Share(sum(is_junk(m.name, m.entity) for m in named), len(named))

    @property
    def types(self) -> Share:
        """Matched mentions whose predicted type, mapped by ``TYPE_MAP``, is the gold type."""
        typed = [m for m in self.mentions if m.gold_type and m.predicted_type]
        return Share(sum(TYPE_MAP.get(m.predicted_type, m.predicted_type) == m.gold_type for m in typed), len(typed))

    def as_dict(self) -> dict:
        return {
            "mentions": len(self.mentions),
            "matched": sum(m.matched for m in self.mentions),
            "named": sum(m.name is not None for m in self.mentions),
            "bcubed_matched": self.matched.as_dict(),
            "bcubed_all": self.all.as_dict(),
            "junk_names": self.junk.as_dict(),
            "type_agreement": self.types.as_dict(),
        }


def identity_mentions(
    gold: Sequence[GoldAttribution], predicted: Sequence[Attribution], pairs: Sequence[Tuple[int, int]]
) -> IdentityReport:
    """The mentions of one document, from its (gold index, predicted index) content pairs."""
    partner = dict(pairs)
    mentions = []
    for i, attribution in enumerate(gold):
        if attribution.entity is None:  # agentless: nobody to identify
            continue
        speaker = predicted[partner[i]].speaker if i in partner else None
        mentions.append(Mention(
            entity=normalize_name(attribution.entity), gold_type=attribution.type, matched=i in partner,
            name=normalize_name(speaker.name) if speaker else None, predicted_type=speaker.type if speaker else None,
        ))
    return IdentityReport(tuple(mentions))


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Optional[Hashable]]) -> BCubed:
    """B-cubed precision and recall of a predicted clustering against a gold one.

    Args:
        gold, predicted: The cluster of each mention, in the same order; a predicted
            None puts its mention in a cluster of its own.

    Notes:
        Bagga & Baldwin, "Algorithms for scoring coreference chains" (1998): a mention's
        precision is the share of its predicted cluster that is in its gold cluster, its
        recall the share of its gold cluster that is in its predicted cluster; both are
        averaged over mentions.
    """
    keys = [("name", p) if p is not None else ("alone", i) for i, p in enumerate(predicted)]
    gold_members, pred_members = _members(gold), _members(keys)
    precision = recall = 0.0
    for g, p in zip(gold, keys):
        shared = len(gold_members[g] & pred_members[p])
        precision += shared / len(pred_members[p])
        recall += shared / len(gold_members[g])
    n = len(keys)
    return BCubed(ratio(precision, n), ratio(recall, n), n)


def is_junk(name: str, entity: str) -> bool:
    """Whether a predicted speaker name is junk rather than a name.

    A name is junk when it is empty, when it is one pronoun or determiner (``NON_NAMES``:
    "we", "That", "some"; but not "US" in capitals), when it starts with a lowercase letter while the gold entity
    (past a ``VAGUE:`` mark) starts with a capital ("the spokesman" for "Ann Lee"), or
    when it ends in a possessive ’s or 's ("Smith's").
    """
    name = normalize_name(name)
    if not name:
        return True
    # Case folded, so a sentence's first "We" counts; an acronym in capitals ("US") is a name.
    if name.casefold() in NON_NAMES and not (len(name) > 1 and name.isupper()):
        return True
    entity = normalize_name(entity)
    bare = entity[len(VAGUE_PREFIX):].lstrip() if entity.startswith(VAGUE_PREFIX) else entity
    if name[0].islower() and bare[:1].isupper():
        return True
    return bool(POSSESSIVE_RE.search(name))


def normalize_name(name: str) -> str:
    """Collapse white space; case is kept, so "Labour" and "labour" differ."""
    return " ".join(name.split())


def _members(keys: Sequence[Hashable]) -> Dict[Hashable, set]:
    members: Dict[Hashable, set] = defaultdict(set)
    for i, key in enumerate(keys):
        members[key].add(i)
    return members
