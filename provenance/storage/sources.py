"""Sources as entities, and the reviewers' corrections of them.

A source row is one entity across the corpus: its id comes from a key computed from the
name alone (``names.name_key``), and its name and type are recomputed from every statement
stored for it, so the rows are the same whatever order articles were checked in. A
reviewer's merge, rename or change of type is appended to `source_corrections` (never
updated, never deleted: the latest correction of a source counts) and applied at every
later save, so re-checking an article keeps it.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import List, Optional

from sqlite_utils import Database

from ..errors import StorageError
from ..names import display_name_of, entity_type, name_key, source_id, stable_type_of
from ..records import AUTHOR_TYPE, UNNAMED_AUTHOR, Attribution
from .constants import CORRECTIONS, MERGE, RENAME, SET_TYPE
from .sql import _db_name, _now, _placeholders, _transaction
from .triggers import _source_rules


def speaker_key(article_id: str, name: str, kind: str) -> str:
    """The key of a speaker's source: by its name, or for an article's author no byline names, by the article."""
    if kind == AUTHOR_TYPE and name == UNNAMED_AUTHOR:
        return f"{AUTHOR_TYPE}:{article_id}"
    return name_key(name, kind)


def _merges(db: Database) -> dict:
    """The latest merge of each source key: key -> the key it was merged into."""
    return {row[0]: row[1] for row in db.execute(
        "SELECT source_key, value FROM source_corrections c WHERE action = ? AND id = "
        "(SELECT max(id) FROM source_corrections WHERE action = ? AND source_key = c.source_key)",
        [MERGE, MERGE]).fetchall()}


def _merged(key: str, merges: dict) -> str:
    """Follow merges from a key to the key it now belongs to."""
    seen = {key}
    while key in merges and merges[key] not in seen:
        key = merges[key]
        seen.add(key)
    return key


def _source_id(db: Database, article_id: str, attribution: Attribution, merges: dict) -> Optional[int]:
    speaker = attribution.speaker
    if speaker is None:
        return None
    key = _merged(speaker_key(article_id, speaker.name, speaker.type), merges)
    if not key:  # a name with nothing of a name in it ("’s") is no source
        return None
    # named by its key until _refresh_sources names it from its statements
    db.execute("INSERT INTO sources (id, name, type, rule, key) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
               [source_id(key), key, entity_type(speaker.type), speaker.rule, key])
    return source_id(key)


def _article_sources(db: Database, key: int) -> set:
    return {row[0] for row in db.execute(
        "SELECT DISTINCT source_id FROM attribution_rows WHERE article = ? AND source_id IS NOT NULL", [key])}


def _latest(db: Database, action: str, key: str) -> Optional[str]:
    row = db.execute("SELECT value FROM source_corrections WHERE action = ? AND source_key = ? "
                     "ORDER BY id DESC LIMIT 1", [action, key]).fetchone()
    return row[0] if row else None


def _said(db: Database, source: int, table: str) -> List[tuple]:
    """How a source's statements name it: (name, type, its source rules as JSON, statements) for each
    way, '' for no name or type; from the kept tally, or counted from the rows of an earlier schema's table."""
    if table == "attribution_rows":
        return db.execute("SELECT name, type, rules, statements FROM source_names WHERE source_id = ? "
                          "AND statements > 0", [source]).fetchall()
    return db.execute(f"SELECT coalesce(speaker_name, ''), coalesce(speaker_type, ''), {_source_rules('rules')}, "
                      f"count(*) FROM [{table}] WHERE source_id = ? GROUP BY 1, 2, 3", [source]).fetchall()


def _refresh_sources(db: Database, ids, table: str = "attribution_rows") -> None:
    """Recompute the name, type and rule of sources from their statements; drop those left with none.

    The name is the one used most, the type the most frequent (``names.stable_type``), the rule
    a named rule before the article's own; a reviewer's rename or type wins over both.

    Notes:
        Read from `source_names`, a tally of each source's names, types and rules kept by
        triggers, so a save costs the same however many statements a source already has.
    """
    for sid in sorted(ids):
        row = db.execute("SELECT key FROM sources WHERE id = ?", [sid]).fetchone()
        if row is None:
            continue
        said = _said(db, sid, table)
        if not said:
            db.execute("DELETE FROM sources WHERE id = ?", [sid])
            continue
        key = row[0]
        rules = sorted({rule for _, _, listed, _ in said for rule in json.loads(listed)})
        names, kinds = Counter(), Counter()
        for name, kind, _, statements in said:  # '' for no name or no type
            if name:
                names[name] += statements
            if kind:
                kinds[kind] += statements
        name = _latest(db, RENAME, key) or display_name_of(names) or key
        kind = _latest(db, SET_TYPE, key) or stable_type_of(kinds)
        rule = rules[0] if rules else None
        changed = db.execute("UPDATE OR IGNORE sources SET name = ?, type = ?, rule = coalesce(?, rule) WHERE id = ?",
                             [name, kind, rule, sid]).rowcount
        if not changed:  # another entity is listed under that name and type: this one says its key
            db.execute("UPDATE sources SET name = ?, type = ?, rule = coalesce(?, rule) WHERE id = ?",
                       [f"{name} [{key}]", kind, rule, sid])


def source_summary(db: Database) -> List[dict]:
    """Per source: name, type, statements attributed to it, and articles it appears in."""
    return list(db.query("SELECT * FROM source_summary"))


def find_source(db: Database, name: str) -> dict:
    """The source a reviewer means by `name`: the one listed under that name, else the one with its key.

    Raises:
        StorageError: No source has that name or key, or several are listed under it.
    """
    rows = list(db.query("SELECT * FROM sources WHERE name = ?", [name]))
    if not rows:
        keys = {name_key(name, kind) for kind in ("person", "organization")}
        rows = list(db.query(f"SELECT * FROM sources WHERE key IN ({_placeholders(keys)}) ORDER BY key", list(keys)))
    if len(rows) != 1:
        listed = "none is" if not rows else f"{len(rows)} are"
        raise StorageError(f"{_db_name(db)}: {listed} named {name!r}; list the sources with `provenance sources`")
    return rows[0]


def correct_source(db: Database, action: str, name: str, value: str, note: Optional[str] = None,
                   reviewer: Optional[str] = None) -> dict:
    """Append a reviewer's correction of a source and apply it to the stored statements.

    Args:
        action: merge (`name` goes into the source named `value`), rename (`value` is the
            new name) or set-type (`value` is the type).

    Returns:
        The source row as it is after the correction.

    Raises:
        StorageError: An unknown action, an unknown source, or a merge of a source into itself.
    """
    if action not in CORRECTIONS:
        raise StorageError(f"unknown correction {action!r}; use one of: {', '.join(CORRECTIONS)}")
    with _transaction(db):
        source = find_source(db, name)
        if action == MERGE:
            target = find_source(db, value)
            if target["id"] == source["id"]:
                raise StorageError(f"{_db_name(db)}: {name!r} and {value!r} are already one source")
            return _merge(db, source, target, note, reviewer)
        _record(db, action, source["key"], value, note, reviewer)
        _refresh_sources(db, {source["id"]})
    return next(db.query("SELECT * FROM sources WHERE id = ?", [source["id"]]))


def _record(db: Database, action: str, key: str, value: str, note: Optional[str], reviewer: Optional[str]) -> None:
    """Record one correction of the source with key `key`, which every later check applies."""
    db.execute("INSERT INTO source_corrections (action, source_key, value, note, reviewer, corrected_at) "
               "VALUES (?, ?, ?, ?, ?, ?)", [action, key, value, note, reviewer, _now()])


def _merge(db: Database, source: dict, target: dict, note: Optional[str], reviewer: Optional[str]) -> dict:
    """Record the merge of one source row into another and move its statements; the target row after it."""
    _record(db, MERGE, source["key"], target["key"], note, reviewer)
    db.execute("UPDATE attribution_rows SET source_id = ? WHERE source_id = ?", [target["id"], source["id"]])
    _refresh_sources(db, {source["id"], target["id"]})
    return next(db.query("SELECT * FROM sources WHERE id = ?", [target["id"]]))


def merge_keys(db: Database, key: str, into: str, note: Optional[str] = None, reviewer: Optional[str] = None) -> dict:
    """Record a merge of the source with key `key` into the one with key `into`, as `correct_source` does by name.

    Returns:
        The target's row after the merge.

    Raises:
        StorageError: Either key has no source, or they are one key.
    """
    with _transaction(db):
        rows = {row["key"]: row for row in db.query(
            "SELECT * FROM sources WHERE key IN (?, ?)", [key, into])}
        missing = [k for k in (key, into) if k not in rows]
        if missing or key == into:
            problem = f"no source has the key {missing[0]!r}" if missing else f"{key!r} is one source"
            raise StorageError(f"{_db_name(db)}: {problem}; list the sources with `provenance sources`")
        return _merge(db, rows[key], rows[into], note, reviewer)


def rename_key(db: Database, key: str, name: str, note: Optional[str] = None, reviewer: Optional[str] = None) -> dict:
    """Record that the source with key `key` is listed under `name` from now on; its row after it.

    Raises:
        StorageError: No source has that key.
    """
    with _transaction(db):
        row = db.execute("SELECT id FROM sources WHERE key = ?", [key]).fetchone()
        if row is None:
            raise StorageError(f"{_db_name(db)}: no source has the key {key!r}; list the sources with `provenance sources`")
        _record(db, RENAME, key, name, note, reviewer)
        _refresh_sources(db, {row[0]})
    return next(db.query("SELECT * FROM sources WHERE id = ?", [row[0]]))


def source_rows(db: Database) -> List[dict]:
    """Every source with statements, as key, name, type and statements, by key."""
    return list(db.query("SELECT key, name, type, statements FROM sources WHERE statements > 0 ORDER BY key"))


def merged_keys(db: Database) -> set:
    """The keys of the sources a merge was recorded for."""
    return set(_merges(db))


def source_corrections(db: Database) -> List[dict]:
    """Every correction of a source, oldest first."""
    return list(db.query("SELECT * FROM source_corrections ORDER BY id"))


def source_aliases(db: Database, source: int) -> List[str]:
    """The names a source's statements gave it, most used first."""
    return [row[0] for row in db.execute(
        "SELECT speaker_name FROM attribution_rows WHERE source_id = ? AND speaker_name IS NOT NULL "
        "GROUP BY speaker_name ORDER BY count(*) DESC, speaker_name", [source])]


def source_entities(db: Database) -> List[dict]:
    """Per source: id, key, name, type, rule, statements, articles, and its other names (`aliases`)."""
    rows = list(db.query("SELECT * FROM source_entities"))
    for row in rows:
        row["aliases"] = [a for a in source_aliases(db, row["id"]) if a != row["name"]]
    return rows


def curated_sources(db: Database) -> List[dict]:
    """The sources a reviewer corrected, with every name they appear under (`aliases`), for export."""
    keys = {row[0] for row in db.execute("SELECT source_key FROM source_corrections")}
    keys |= {row[0] for row in db.execute("SELECT value FROM source_corrections WHERE action = ?", [MERGE])}
    rows = list(db.query(f"SELECT * FROM sources WHERE key IN ({_placeholders(keys)}) ORDER BY key", sorted(keys)))
    for row in rows:
        row["aliases"] = source_aliases(db, row["id"])
    return rows
