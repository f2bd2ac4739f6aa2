"""The tables of the database, and the indexes of the queries users ask."""
from __future__ import annotations

from ..records import FLAGGED, PAGE_FIELDS
from .constants import CORRECTIONS, VERDICTS
from .sql import _sql_literals


# No foreign key on claim_id: reviews outlive re-analysis, even of a claim that disappears.
_REVIEWS = f"""
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT, claim_id TEXT NOT NULL,
  verdict TEXT CHECK (verdict IS NULL OR verdict IN ({_sql_literals(VERDICTS)})),
  note TEXT, reviewer TEXT, reviewed_at TEXT NOT NULL,
  article_id TEXT, article_version TEXT, claim_text TEXT,
  undoes INTEGER REFERENCES reviews(id))"""


# A web page's metadata, beside the article taken out of it (records.PAGE_FIELDS); NULL for text.
_PAGE_COLUMNS = ", ".join(f"{name} TEXT" for name in PAGE_FIELDS)

_ARTICLES = f"""
CREATE TABLE articles (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT, title TEXT, text TEXT NOT NULL, analyzed_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT,
  run_id INTEGER REFERENCES runs(id), version TEXT, scope TEXT, conventions TEXT,
  {_PAGE_COLUMNS})"""

# An attribution's `local` id is its id within its article ("a1"); its content and cues are lists of
# stretches (see _ITEM_START), its source_text NULL unless it is not the article's own.
_FINDING_TABLES = """
CREATE TABLE attribution_rows (
  key INTEGER PRIMARY KEY, article INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
  local TEXT NOT NULL, kind TEXT NOT NULL, content TEXT NOT NULL, cues TEXT NOT NULL,
  source_start INTEGER, source_end INTEGER, source_text TEXT, source_id INTEGER REFERENCES sources(id),
  vague INTEGER NOT NULL, resolved_by TEXT, confidence REAL, rules TEXT, speaker_rule TEXT,
  speaker_name TEXT, speaker_type TEXT, UNIQUE (article, local));
CREATE TABLE claim_rows (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  article INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, status TEXT NOT NULL,
  attribution INTEGER REFERENCES attribution_rows(key) ON DELETE SET NULL,
  checkworthiness REAL, reasons TEXT);
CREATE INDEX claim_rows_article ON claim_rows (article);
CREATE INDEX claim_rows_attribution ON claim_rows (attribution) WHERE attribution IS NOT NULL;
CREATE INDEX articles_run_id ON articles (run_id)"""

_TABLES = f"""
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT, command TEXT,
  articles_checked INTEGER, articles_failed INTEGER, scope TEXT, conventions TEXT,
  articles_reused INTEGER, status TEXT, pid INTEGER, host TEXT);
{_ARTICLES};
CREATE TABLE article_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version TEXT NOT NULL, checked_at TEXT NOT NULL, run_id INTEGER REFERENCES runs(id));
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, rule TEXT, key TEXT,
  statements INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0, UNIQUE (name, type));
{_FINDING_TABLES};
{_REVIEWS};
CREATE TABLE claim_counts (status TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX article_versions_article_id ON article_versions (article_id);
CREATE INDEX article_versions_run_id ON article_versions (run_id);
CREATE INDEX reviews_claim_id ON reviews (claim_id);
CREATE INDEX reviews_undoes ON reviews (undoes)"""


# Full-text search over claims and statements' content, read from the views (external content).
_SEARCH = """
CREATE VIRTUAL TABLE claims_fts USING fts5 (text, content = 'claims', content_rowid = 'rowid');
CREATE VIRTUAL TABLE attributions_fts USING fts5 (content_text, content = 'attributions', content_rowid = 'rowid')"""


# How each source's statements name it: a tally of names, types and source rules, so that naming a
# source afresh at each save reads a row per way it is named, not every statement.
_SOURCE_NAMES = """
CREATE TABLE source_names (
  source_id INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, rules TEXT NOT NULL,
  statements INTEGER NOT NULL, PRIMARY KEY (source_id, name, type, rules)) WITHOUT ROWID"""


# What the queries users ask read instead of scanning claims and attributions: the flagged-claims
# queue in its order (all of it, and each status's), articles by path, sources by rank and each
# source's articles.
_INDEXES = f"""
CREATE INDEX IF NOT EXISTS claims_queue ON claim_rows (checkworthiness DESC, article, start, status)
  WHERE status IN ({_sql_literals(FLAGGED)});
CREATE INDEX IF NOT EXISTS claims_status ON claim_rows (status, checkworthiness DESC, article, start)
  WHERE status IN ({_sql_literals(FLAGGED)});
CREATE INDEX IF NOT EXISTS articles_path ON articles (path);
CREATE INDEX IF NOT EXISTS attributions_source_article ON attribution_rows (source_id, article) WHERE source_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS sources_rank ON sources (statements DESC, name, type)"""


# Each claim's verdict in force (that of its latest review; none after an undo back to open), with the
# claim's status and its place in the queue while it is stored (NULL once its sentence is gone), and
# the number of stored claims of each status and verdict: kept by triggers on reviews and claims, so
# review progress reads a row per status and verdict, and a verdict's claims are walked in the
# queue's order from an index, however many reviews there are.
_VERDICT_TABLES = f"""
CREATE TABLE verdicts (
  claim_id TEXT PRIMARY KEY, verdict TEXT NOT NULL, review_id INTEGER NOT NULL, status TEXT,
  checkworthiness REAL, article INTEGER, start INTEGER) WITHOUT ROWID;
CREATE INDEX verdicts_queue ON verdicts (verdict, checkworthiness DESC, article, start)
  WHERE status IN ({_sql_literals(FLAGGED)});
CREATE INDEX verdicts_gone ON verdicts (verdict, review_id) WHERE status IS NULL;
CREATE TABLE verdict_counts (
  status TEXT NOT NULL, verdict TEXT NOT NULL, claims INTEGER NOT NULL, PRIMARY KEY (status, verdict)) WITHOUT ROWID"""


_SOURCE_TABLES = f"""
CREATE TABLE source_corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL CHECK (action IN ({_sql_literals(CORRECTIONS)})),
  source_key TEXT NOT NULL, value TEXT NOT NULL, note TEXT, reviewer TEXT, corrected_at TEXT NOT NULL);
CREATE INDEX source_corrections_key ON source_corrections (source_key);
CREATE UNIQUE INDEX sources_key ON sources (key);
"""
