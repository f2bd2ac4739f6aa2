"""Source names as plain strings: a mention's name cleaned, an entity's key across a corpus, its stable type.

Nothing here needs a parse, so storage and the engine compute the same key from the
same name, whatever article it came from and in whatever order articles are checked.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence, Tuple, Union

import yaml

from .errors import InputError
from .rules import SOURCE_TYPES

# Types that are a kind of person: the entity is a person, the title is the article's word for them.
PERSON_KINDS = ("person", "official", "author")
# An entity's stable type from the types its mentions were given: the most frequent, with ties
# broken in this order (a named type beats unnamed, a person beats the title it was given).
TYPE_ORDER = ("person", "government", "state_media", "news_agency", "media", "ngo_monitor", "armed_group",
              "organization", "poll", "document", "author", "unnamed")
ENTITY_TYPE = {"official": "person"}
# The types a source can be given in the `sources` table: those of the rule files that are an entity's.
ENTITY_TYPES = tuple(t for t in SOURCE_TYPES if t not in ENTITY_TYPE)
# A byline: "By Jane Doe", "By JANE DOE Associated Press", "By Jane Doe and John Roe, Reuters".
BYLINE_RE = re.compile(r"(?i:by)\s+(?P<names>\S.{0,150})")
# What joins the names of a byline, and what ends them (an affiliation, a title follows).
BYLINE_SPLIT_RE = re.compile(r"\s*(,|\band\b|&|\||\s[-–—]\s)\s*")
# Lowercase words inside a surname ("Bill de Blasio", "Ludwig van Beethoven").
NAME_PARTICLES = ("de", "del", "da", "di", "van", "von", "der", "den", "la", "le", "bin", "al", "el", "ibn")
NAME_WORD_RE = re.compile(r"(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:" + "|".join(NAME_PARTICLES) + r")(?:-[A-Z][\w'’-]*)?)")
# Words that make "By Monday morning" or "By March 2020" no byline.
NOT_NAME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                  "february", "march", "april", "may", "june", "july", "august", "september", "october",
                  "november", "december", "the", "staff", "and"}
# Words after a surname that are no surname: "James Kennedy Jr.", "John Doe III" (a key keeps them).
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# What joins the members of one source of several entities: several authors, "Jane Doe and John Roe said".
COMPOSITE = " + "
POSSESSIVE_RE = re.compile(r"\s*(['’]s|['’])$")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\u00a0": " "})


def surname_key(word: str) -> str:
    """A surname as people of one article are told apart by: lower case, apostrophes straight ("O’Neill" is "O'Neill")."""
    return word.lower().translate(APOSTROPHES)


def clean_name(name: str) -> str:
    """A mention's words as a name: white space collapsed, a possessive ’s dropped, brackets balanced.

    >>> clean_name("Donald  Trump’s")
    'Donald Trump'
    """
    name = " ".join(name.split())
    name = POSSESSIVE_RE.sub("", name)
    if name.count("(") > name.count(")"):  # "Numbering (Caspian": the tagger cut the bracket
        name = name[:name.rindex("(")].rstrip(" -,") if name.rindex("(") > 0 else name.lstrip("(")
    return name.strip(" ,;:-")


def byline_names(line: str) -> Tuple[str, ...]:
    """The people a byline names, or () when the line is no byline.

    >>> byline_names("By JANE DOE and John Roe, Associated Press")
    ('Jane Doe', 'John Roe')
    >>> byline_names("By Monday morning, the talks had failed")
    ()

    Each name is two to five words that open with a capital (initials and particles such
    as "van" and "al-" allowed); a name in capitals is given in title case. After the
    names, an affiliation may follow a comma, a bar or a dash, or, for a name in capitals,
    the words in mixed case after it (the wires' "By JANE DOE Associated Press").
    """
    found = BYLINE_RE.fullmatch(" ".join(line.split()))
    if found is None:
        return ()
    pieces = BYLINE_SPLIT_RE.split(found.group("names"))
    names, joins = [_capitals_only(pieces[0])], pieces[1::2]
    for position, (join, piece) in enumerate(zip(joins, pieces[2::2])):
        listed = join in ("and", "&") or (join == "," and any(j in ("and", "&") for j in joins[position + 1:]))
        if not listed:
            break  # an affiliation or a title follows the names
        names.append(_capitals_only(piece))
    names = [" ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in n.split()) for n in names]
    return tuple(names) if all(_person_name(n) for n in names) else ()


def _capitals_only(piece: str) -> str:
    """A name in capitals without the mixed-case words after it: "JANE DOE Associated Press" is "JANE DOE"."""
    words = piece.split()
    if len(words) > 1 and words[0].isupper() and sum(c.isalpha() for c in words[0]) > 1:
        capitals = [w for w in words[:next((i for i, w in enumerate(words) if not w.isupper()), len(words))]]
        return " ".join(capitals)
    return piece


def _person_name(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 5 and all(NAME_WORD_RE.fullmatch(w) for w in words)
            and not any(w.casefold().strip(".") in NOT_NAME_WORDS for w in words) and words[0][:1].isupper())


def looks_like_person_name(name: str) -> bool:
    """Whether a name has the shape of a person's first name and surname: two to five capitalized
    name words ("Bill de Blasio", "George W. Bush"; not "earlier Friday" nor "Trump v. Trump")."""
    return _person_name(clean_name(name))


def author_name(byline: str) -> Optional[str]:
    """The source name of an article's author from its page's author field ("Jane Doe",
    "Jane Doe, Lakeside News; Tom Roe", "By Jane Doe"): one person's name, several joined
    with " + ", or the field itself when it names no person ("Reuters"); None when empty.

    >>> author_name("Jill Doe, Lakeside News; Tom Roe")
    'Jill Doe + Tom Roe'
    """
    text = " ".join(byline.split())
    parts = [re.sub(r"^(?i:by)\s+", "", part.strip()) for part in text.split(";") if part.strip()]
    found = [byline_names("By " + part) for part in parts]
    if found and all(found):
        return COMPOSITE.join(dict.fromkeys(name for names in found for name in names))
    return clean_name(text) or None


def entity_type(kind: str) -> str:
    """The type an entity keeps in every article: an official is a person."""
    return ENTITY_TYPE.get(kind, kind)


def name_key(name: str, kind: str) -> str:
    """The key that makes one source of every name of one entity, across articles.

    Case, diacritics, apostrophes, full stops and a leading "the" are folded; for a
    person, middle names and initials are dropped ("Donald J. Trump", "DONALD TRUMP"
    and "Donald Trump" are one key; "Ivanka Trump" and "Donald Trump Jr." are others). A source of several entities
    ("Jane Doe + John Roe") is the keys of its members, joined.
    """
    text = unicodedata.normalize("NFKD", clean_name(name).translate(APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"^the\s+", "", text.replace(".", " "))
    if COMPOSITE in text or kind in PERSON_KINDS and COMPOSITE.strip() in text:  # several: each one's key, in order
        return COMPOSITE.join(name_key(part, kind) for part in text.split(COMPOSITE.strip()) if part.strip())
    words = re.findall(r"[\w'&+-]+", text)
    suffix = []
    if kind in PERSON_KINDS and len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words, suffix = words[:-1], words[-1:]  # "Donald Trump Jr." is not Donald Trump
    if kind in PERSON_KINDS and len(words) > 2:
        words = [words[0], words[-1]]
    words += suffix
    return " ".join(words)


def source_id(key: str) -> int:
    """A source's row id from its key, so the same entity has the same id in every database."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:15], 16)


def stable_type(kinds: Iterable[str]) -> str:
    """The entity's type from its mentions' types: the most frequent, ties broken by ``TYPE_ORDER``."""
    return stable_type_of(Counter(kinds))


def stable_type_of(mentions: Mapping[str, int]) -> str:
    """`stable_type` of mentions' types given with how many mentions have each."""
    counts: Counter = Counter()
    for kind, n in mentions.items():
        counts[entity_type(kind)] += n
    rank = {kind: i for i, kind in enumerate(TYPE_ORDER)}
    return min(counts, key=lambda k: (-counts[k], rank.get(k, len(rank)), k)) if counts else "unnamed"


def display_name(names: Iterable[str]) -> Optional[str]:
    """The name a source is listed under: its most frequent name; in a tie, one not in capitals, the
    longest, then the first in code-point order."""
    return display_name_of(Counter(names))


def display_name_of(mentions: Mapping[str, int]) -> Optional[str]:
    """`display_name` of names given with how many mentions have each."""
    counts: Counter = Counter()
    for name, n in mentions.items():
        cleaned = clean_name(name)
        if cleaned:
            counts[cleaned] += n
    if not counts:
        return None
    return min(counts, key=lambda n: (-counts[n], n.isupper(), -len(n), n))



def rule_id(key: str) -> str:
    """A rule id for an exported entity: "source.curated." and its key in lower-case words."""
    slug = re.sub(r"[^a-z0-9]+", "_", key.casefold()).strip("_")
    return "source.curated." + (slug if slug else hashlib.sha256(key.encode("utf-8")).hexdigest()[:12])


def exported_aliases(name: str, aliases: Iterable[str]) -> Tuple[str, ...]:
    """The names to write as a rule's aliases: the entity's name, then every other name it was seen under."""
    return tuple(n for n in dict.fromkeys([clean_name(name)] + [clean_name(a) for a in aliases]) if n)


def sources_yaml(entities: Sequence[dict]) -> str:
    """Entities (rows with key, name, type and aliases) as a rules file of the `sources` family."""
    header = ("# Sources as reviewers corrected them (provenance sources export): one rule per entity,\n"
              "# its name, type and every name it was seen under. Load with --rules.\n")
    rules = [{"id": rule_id(e["key"]), "name": e["name"], "type": e["type"],
              "aliases": list(exported_aliases(e["name"], e["aliases"]))}
             for e in entities if e["type"] in SOURCE_TYPES]  # an author is no rule's
    return header + yaml.safe_dump({"sources": rules}, allow_unicode=True, sort_keys=False, width=100)


def export(entities: Sequence[dict], directory: Union[str, Path]) -> Path:
    """Write ``sources_yaml`` to DIRECTORY/sources.yaml and return the path.

    Raises:
        InputError: The folder cannot be created or written.
    """
    path = Path(directory) / "sources.yaml"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sources_yaml(entities), encoding="utf-8")
    except OSError as error:
        raise InputError(f"{directory}: cannot write the rules file ({error.strerror}); pass a folder you can write to") from None
    return path
