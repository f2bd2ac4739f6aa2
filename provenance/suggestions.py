"""Merge suggestions for the sources of a whole database: a person only ever called by a surname
("Obama", "Mr. Obama") joined to the one person of that surname the articles name in full.

A source's key is computed from its article alone, so that the rows never depend on the order
articles were checked in; an article that calls someone "Mr. Obama" and never "Barack Obama"
therefore keeps a row of its own. Only the corpus as a whole says who that surname stands for,
so suggestions are computed at query time from the stored rows (plain records: key, name, type,
statements), never during a check, and a reviewer records the ones they accept as merges.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import AbstractSet, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from . import storage
from .names import COMPOSITE, NAME_PARTICLES, NAME_SUFFIXES, clean_name, looks_like_person_name

SURNAME = "suggest.surname"  # the only person of that surname named in full
AMBIGUOUS = "suggest.ambiguous"  # several people of that surname named in full: never suggested
PERSON = "person"  # the entity type both rows must have: an organization "Trump" is no person's surname
# When several people of a surname are named in full, those quoted fewer times than this do not
# make it ambiguous: a relative quoted a few times ("Michelle Obama", 6 of 122 full-named Obamas in
# PolNeAR train+dev) should not keep a surname's hundred statements off its president, while two
# people quoted often (Bill and Hillary Clinton) do.
MIN_STATEMENTS = 10


@dataclass(frozen=True)
class Suggestion:
    """A surname source (`alias`) to merge into the one full-named person of its surname (`target`)."""

    alias_key: str
    alias_name: str
    target_key: str
    target_name: str
    statements: int  # the alias's statements, the ones the merge moves
    others: Tuple[str, ...] = ()  # the people of this surname named in full but quoted too rarely to count
    rule: str = SURNAME


@dataclass(frozen=True)
class Ambiguity:
    """A surname source that several full-named people share, with their names: left as it is."""

    key: str
    name: str
    statements: int
    candidates: Tuple[str, ...]
    rule: str = AMBIGUOUS


def title_words(titles: Iterable[str]) -> Tuple[Tuple[str, ...], ...]:
    """Titles as the words a key holds ("Sen." is "sen"), longest first so "secretary of state" goes before "secretary"."""
    folded = {tuple(title.casefold().replace(".", " ").split()) for title in titles}
    return tuple(sorted((words for words in folded if words), key=lambda w: (-len(w), w)))


def _untitled(words: List[str], titles: Sequence[Tuple[str, ...]]) -> List[str]:
    """Key words without the titles they open with ("president obama": "obama")."""
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for title in titles:
            if len(title) < len(words) and tuple(words[:len(title)]) == title:
                words, stripped = words[len(title):], True
                break
    return words


def bare_surname(key: str, titles: Sequence[Tuple[str, ...]] = ()) -> str:
    """The surname a key is alone, after its titles and particles ("mr obama": "obama", "de blasio":
    "blasio"), or '' when it holds a first name too, or several people."""
    if COMPOSITE.strip() in key:
        return ""
    words = _untitled(key.split(), titles)
    if all(word in NAME_PARTICLES for word in words[:-1]) and words[-1] not in NAME_SUFFIXES:
        return words[-1]
    return ""


def full_surname(key: str, titles: Sequence[Tuple[str, ...]] = ()) -> str:
    """The surname of a key that holds a first name and a surname ("barack obama": "obama"), else ''.

    A key with a suffix ("donald trump jr") is a full name of its own surname: another person of it.
    """
    if COMPOSITE.strip() in key:
        return ""
    words = _untitled(key.split(), titles)
    if words and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    names = [word for word in words if word not in NAME_PARTICLES]
    if len(names) < 2:
        return ""
    return words[-1]


def suggest_merges(rows: Iterable[Mapping], titles: Iterable[str] = (), min_statements: int = MIN_STATEMENTS,
                   merged: AbstractSet[str] = frozenset()) -> Tuple[List[Suggestion], List[Ambiguity]]:
    """Which surname sources to merge into a full-named person, and which surnames are ambiguous.

    Args:
        rows: the database's sources, each with key, name, type and statements.
        titles: the role rules' titles, which a key may still open with ("President Obama").
        min_statements: when several people of a surname are named in full, the statements one needs
            to count as a bearer of it (the only one named in full always counts).
        merged: the keys a reviewer already merged somewhere: never suggested again.

    Returns:
        The suggestions and the ambiguous surname sources, each ordered by the surname source's key.

    Notes:
        Only person rows are read, on both sides; a full name must have a person name's
        shape (``names.looks_like_person_name``). A surname that no full-named person bears is
        neither suggested nor listed.
    """
    words = title_words(titles)
    people = sorted((row for row in rows if row["type"] == PERSON), key=lambda r: r["key"])
    bearers = _bearers(people, words)
    suggestions, ambiguous = [], []
    for row in people:
        surname = bare_surname(row["key"], words)
        if row["key"] in merged or not surname or not _capitalized(row["name"]):
            continue
        named = bearers.get(surname, [])
        frequent = [r for r in named if r["statements"] >= min_statements]
        found = named if len(named) < 2 else frequent or named  # several, none often quoted: still several
        if len(found) == 1:
            others = tuple(r["name"] for r in named if r is not found[0])
            suggestions.append(Suggestion(row["key"], row["name"], found[0]["key"], found[0]["name"],
                                          row["statements"], others))
        elif found:
            ambiguous.append(Ambiguity(row["key"], row["name"], row["statements"], tuple(r["name"] for r in found)))
    return suggestions, ambiguous


def _bearers(people: Iterable[Mapping], words: Sequence[Tuple[str, ...]]) -> Dict[str, List[Mapping]]:
    """The people named in full, by surname, in the order given (by key)."""
    bearers: Dict[str, List[Mapping]] = {}
    for row in people:
        surname = full_surname(row["key"], words)
        if surname and looks_like_person_name(row["name"]):
            bearers.setdefault(surname, []).append(row)
    return bearers


def _capitalized(name: str) -> bool:
    """A surname source's name ends in a name ("Mr. Obama", "OBAMA"), not a word ("secretary of state")."""
    words = clean_name(name).split()
    return bool(words) and words[-1][:1].isupper()


def reason(s: Suggestion) -> str:
    """Why a suggestion is made, in words, after its mechanism id."""
    if not s.others:
        return f"{s.rule}: the only person named in full with this surname"
    return f"{s.rule}: the only person often quoted named in full with this surname; also {', '.join(s.others)}"


def suggestion_line(s: Suggestion) -> str:
    """ALIAS -> TARGET (n statements, reason)."""
    return f"{s.alias_name} -> {s.target_name} ({s.statements} statement{'s' * (s.statements != 1)}, {reason(s)})"


def ambiguity_line(a: Ambiguity) -> str:
    """ALIAS: ambiguous between A, B (n statements, reason)."""
    plural = "s" * (a.statements != 1)
    return f"{a.name}: ambiguous between {', '.join(a.candidates)} ({a.statements} statement{plural}, {a.rule}: not suggested)"


def merge_note(s: Suggestion) -> str:
    """The note a merge recorded from a suggestion carries: why it was made."""
    return f"{reason(s)} (suggested as {s.target_name})"


def database_suggestions(db, titles: Iterable[str] = (), min_statements: int = MIN_STATEMENTS
                         ) -> Tuple[List[Suggestion], List[Ambiguity]]:
    """`suggest_merges` of a database's sources as they are now, leaving out those already merged."""
    return suggest_merges(storage.source_rows(db), titles, min_statements, storage.merged_keys(db))


def apply_suggestions(db, suggestions: Iterable[Suggestion], reviewer: Optional[str] = None) -> int:
    """Record each suggestion as a reviewer's merge, which every later check keeps, and the person's full
    name as its name when the surname would otherwise list it; how many merges were recorded."""
    applied = 0
    for s in suggestions:
        row = storage.merge_keys(db, s.alias_key, s.target_key, merge_note(s), reviewer)
        if row["name"] != s.target_name:  # the surname, now the most used name, would list the person
            storage.rename_key(db, s.target_key, s.target_name, merge_note(s), reviewer)
        applied += 1
    return applied
