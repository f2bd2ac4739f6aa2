"""Analyses stored, replacing the findings of their article's earlier version, and read back as records."""
from __future__ import annotations

import json
from typing import Dict, List, Optional, Sequence

from sqlite_utils import Database

from ..records import PAGE_FIELDS, Analysis, Article, Attribution, Claim, Cue, Page, Span, Speaker, claim_ids
from .constants import SKIP_KEY
from .sources import _article_sources, _merges, _refresh_sources, _source_id
from .sql import _insert_all, _json, _now, _transaction, _upsert
from .views import _CUE_FIELDS


def save(db: Database, analysis: Analysis, run_id: Optional[int] = None) -> None:
    """Store an analysis in one transaction, replacing the findings of the article's earlier version.

    Reviews are kept: they are keyed by the claim fingerprint, which a claim keeps while
    its sentence is unchanged; the review of a sentence that is gone stays, of an
    earlier version. The version is added to the article's history.
    """
    article = analysis.article
    with _transaction(db):
        key = _upsert_article(db, analysis, run_id)
        db.execute("INSERT INTO article_versions (article_id, version, checked_at, run_id) VALUES (?, ?, ?, ?)",
                   [article.id, article.version, _now(), run_id])
        _save_findings(db, key, analysis)


def _save_findings(db: Database, key: int, analysis: Analysis) -> None:
    """Replace the stored attributions and claims of the article stored under `key`."""
    article = analysis.article
    db.execute("DELETE FROM claim_rows WHERE article = ?", [key])
    before = _article_sources(db, key)
    db.execute("DELETE FROM attribution_rows WHERE article = ?", [key])
    merges = _merges(db)
    rows = [_attribution_row(key, article.text, a, _source_id(db, article.id, a, merges))
            for a in analysis.attributions]
    _insert_all(db, "attribution_rows", rows)
    attribution_keys = dict(db.execute("SELECT local, key FROM attribution_rows WHERE article = ?", [key]).fetchall())
    _insert_all(db, "claim_rows", _claim_rows(key, article, analysis.claims, attribution_keys))
    _refresh_sources(db, before | {row["source_id"] for row in rows if row["source_id"] is not None})


def save_many(db: Database, analyses: Sequence[Analysis], run_id: Optional[int] = None) -> None:
    """Store several analyses in one transaction (a batch of a corpus run)."""
    with _transaction(db):
        for analysis in analyses:
            save(db, analysis, run_id)


def _upsert_article(db: Database, analysis: Analysis, run_id: Optional[int]) -> int:
    """Insert or update an article's row, and return its key."""
    article = analysis.article
    _upsert(db, "articles", {
        "id": article.id, "path": article.path, "title": article.title, "text": article.text,
        "analyzed_at": _now(), "tool_version": analysis.tool_version, "model": analysis.model,
        "model_version": analysis.model_version, "rules_digest": analysis.rules_digest,
        "run_id": run_id, "version": article.version, "scope": analysis.scope,
        "conventions": analysis.conventions,
        # a web page's metadata, all None for an article that came as text
        **{name: getattr(article.page, name, None) for name in PAGE_FIELDS},
    })
    return db.execute("SELECT key FROM articles WHERE id = ?", [article.id]).fetchone()[0]


def _own(text: str, stretch) -> Optional[str]:
    """A stretch's text when it is not the article's between its offsets (to be stored), else None."""
    return None if text[stretch.start:stretch.end] == stretch.text else stretch.text


def _item(text: str, stretch, *fields) -> list:
    """A stretch as an item of a column of stretches: [start, end, *fields], its text last if its own."""
    own = _own(text, stretch)
    return [stretch.start, stretch.end, *fields] + ([] if own is None else [own])


def _attribution_row(article: int, text: str, attribution: Attribution, source_id: Optional[int]) -> dict:
    source, speaker = attribution.source, attribution.speaker
    return {
        "article": article, "local": attribution.id, "kind": attribution.kind,
        "content": _json([_item(text, span) for span in attribution.content]),
        "cues": _json([_item(text, cue, *(getattr(cue, name) for name in _CUE_FIELDS)) for cue in attribution.cues]),
        "source_start": source.start if source else None, "source_end": source.end if source else None,
        "source_text": _own(text, source) if source else None,
        "source_id": source_id, "vague": int(attribution.vague),
        "resolved_by": attribution.resolved_by, "confidence": attribution.confidence,
        "rules": _json(list(attribution.rules)),
        "speaker_rule": speaker.rule if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_type": speaker.type if speaker else None,
    }


def _claim_rows(key: int, article: Article, claims: Sequence[Claim], attributions: Dict[str, int]) -> List[dict]:
    return [{
        "id": fingerprint, "article": key, "start": claim.start, "end": claim.end,
        "text": _own(article.text, claim), "status": claim.status,
        "attribution": attributions[claim.attribution] if claim.attribution else None,
        "checkworthiness": claim.checkworthiness, "reasons": _json(list(claim.reasons)),
    } for claim, fingerprint in zip(claims, claim_ids(article.id, claims))]


def stored_analysis(db: Database, article_id: str, key: Optional[Dict[str, str]] = None) -> Optional[Analysis]:
    """The analysis stored for an article, rebuilt as the records it was saved from; None when the
    article is not stored, or, given `key` (a value for each of SKIP_KEY), when it was stored from
    another text, model, rules, scope, conventions or release."""
    row = db.execute("SELECT * FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    row = dict(zip((c[0] for c in db.execute("SELECT * FROM articles LIMIT 0").description), row))
    if key is not None and any(row[column] != key[column] for column in SKIP_KEY):
        return None
    text = row["text"]
    attributions = tuple(_attribution(text, r) for r in db.query(
        "SELECT * FROM attribution_rows WHERE article = ? ORDER BY key", [row["key"]]))
    claims = tuple(_claim(text, r) for r in db.query(
        "SELECT c.*, t.local FROM claim_rows c LEFT JOIN attribution_rows t ON t.key = c.attribution "
        "WHERE c.article = ? ORDER BY c.key", [row["key"]]))
    page = Page(**{name: row[name] for name in PAGE_FIELDS}) if row["extractor"] else None  # a web page's
    return Analysis(Article(row["id"], row["path"], row["title"], text, page), attributions, claims,
                    row["model"], row["model_version"], row["rules_digest"], row["tool_version"],
                    row["scope"], row["conventions"])


def _stretch(text: str, item: list, fields: int = 0) -> tuple:
    """(start, end, text, *fields) of an item of a column of stretches."""
    start, end = item[0], item[1]
    return (start, end, item[fields + 2] if len(item) > fields + 2 else text[start:end], *item[2:fields + 2])


def _attribution(text: str, row: dict) -> Attribution:
    source = None
    if row["source_start"] is not None:
        source = Span(row["source_start"], row["source_end"],
                      row["source_text"] if row["source_text"] is not None else text[row["source_start"]:row["source_end"]])
    speaker = Speaker(row["speaker_name"], row["speaker_type"], row["speaker_rule"]) if row["source_id"] else None
    return Attribution(
        id=row["local"], kind=row["kind"],
        content=tuple(Span(*_stretch(text, item)) for item in json.loads(row["content"])),
        cues=tuple(Cue(*_stretch(text, item, len(_CUE_FIELDS))) for item in json.loads(row["cues"])),
        source=source, speaker=speaker, vague=bool(row["vague"]), resolved_by=row["resolved_by"],
        confidence=row["confidence"], rules=tuple(json.loads(row["rules"])))


def _claim(text: str, row: dict) -> Claim:
    said = row["text"] if row["text"] is not None else text[row["start"]:row["end"]]
    return Claim(row["start"], row["end"], said, row["status"], row["local"], row["checkworthiness"],
                 tuple(json.loads(row["reasons"])))


def find_articles(db: Database, name: str) -> List[str]:
    """The ids of the articles `name` names: the article of that id, else those stored with that path."""
    if db.execute("SELECT 1 FROM articles WHERE id = ?", [name]).fetchone():
        return [name]
    return [row[0] for row in db.execute("SELECT id FROM articles WHERE path = ? ORDER BY id", [name])]


def article_versions(db: Database, article_id: str) -> List[dict]:
    """An article's history: each version checked, when and by which run, oldest first."""
    return list(db.query("SELECT version, checked_at, run_id FROM article_versions WHERE article_id = ? "
                         "ORDER BY id", [article_id]))
