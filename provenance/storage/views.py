"""The views that give back the rows of the tables of findings with their text, and the review queue's order."""
from __future__ import annotations

from typing import Sequence

from ..records import FLAGGED
from .constants import SKIP
from .sql import _sql_literals


def _slice(text: str, start: str, end: str) -> str:
    """SQL for the stretch of an article's text between two offsets (substr counts from 1)."""
    return f"substr({text}, {start} + 1, {end} - {start})"


# An item of a column of stretches (attribution_rows.content, .cues) is [start, end, *fields], and
# [start, end, *fields, text] when the stretch's text is not the article's own (the engine's never is).
_ITEM_START, _ITEM_END = "json_extract(j.value, '$[0]')", "json_extract(j.value, '$[1]')"


def _item_text(fields: int) -> str:
    return f"coalesce(json_extract(j.value, '$[{fields + 2}]'), {_slice('a.text', _ITEM_START, _ITEM_END)})"


def _items_json(column: str, fields: Sequence[str]) -> str:
    """SQL for the JSON list of {start, end, text, *fields} objects (the records) of a column of stretches."""
    named = "".join(f", '{name}', json_extract(j.value, '$[{n}]')" for n, name in enumerate(fields, 2))
    return (f"(SELECT json_group_array(json_object('start', {_ITEM_START}, 'end', {_ITEM_END}, "
            f"'text', {_item_text(len(fields))}{named})) FROM json_each({column}) j)")


_CUE_FIELDS = ("lemma", "stance", "rule")
CONTENT_JOINER = " … "  # between the stretches of a statement's content, in its content_text


def _claim_text(row: str) -> str:
    """SQL for the text of a claim row, its article `a`."""
    return f"coalesce({row}.text, {_slice('a.text', f'{row}.start', f'{row}.[end]')})"


# The tables of findings keep offsets into the article text and integer keys; these views give back
# their rows as earlier versions stored them, text and all (`rowid` is the row's key, which the
# full-text indexes use), so queries through sqlite-utils or Datasette read them as they read tables.
_FINDING_VIEWS = f"""
CREATE VIEW claims AS
  SELECT r.key AS rowid, r.id, a.id AS article_id, r.start, r."end", {_claim_text("r")} AS text, r.status,
         a.id || ':' || t.local AS attribution_id, r.checkworthiness, r.reasons
  FROM claim_rows r JOIN articles a ON a.key = r.article LEFT JOIN attribution_rows t ON t.key = r.attribution;
CREATE VIEW attributions AS
  SELECT t.key AS rowid, a.id || ':' || t.local AS id, a.id AS article_id, t.kind,
         json_extract(t.content, '$[0][0]') AS content_start, json_extract(t.content, '$[#-1][1]') AS content_end,
         coalesce((SELECT group_concat({_item_text(0)}, '{CONTENT_JOINER}') FROM json_each(t.content) j), '')
           AS content_text,
         {_items_json("t.content", ())} AS content_spans,
         json_extract(t.cues, '$[0][0]') AS cue_start, json_extract(t.cues, '$[0][1]') AS cue_end,
         coalesce(json_extract(t.cues, '$[0][5]'),
                  {_slice("a.text", "json_extract(t.cues, '$[0][0]')", "json_extract(t.cues, '$[0][1]')")}) AS cue_text,
         json_extract(t.cues, '$[0][2]') AS cue_lemma, json_extract(t.cues, '$[0][3]') AS cue_stance,
         json_extract(t.cues, '$[0][4]') AS cue_rule, {_items_json("t.cues", _CUE_FIELDS)} AS cues,
         t.source_start, t.source_end,
         CASE WHEN t.source_start IS NOT NULL
              THEN coalesce(t.source_text, {_slice("a.text", "t.source_start", "t.source_end")}) END AS source_text,
         t.source_id, t.vague, t.resolved_by, t.confidence, t.rules, t.speaker_rule, t.speaker_name, t.speaker_type
  FROM attribution_rows t JOIN articles a ON a.key = t.article"""

QUEUE_ORDER = "c.checkworthiness DESC, c.article, c.start"  # the queue's order, claims_queue's (claim rows c)

_VIEWS = f"""{_FINDING_VIEWS};
CREATE VIEW latest_reviews AS
  SELECT r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at FROM reviews r
  WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = r.claim_id);
CREATE VIEW flagged_claims AS
  SELECT c.id, a.id AS article_id, a.title AS article_title, {_claim_text("c")} AS text, c.status,
         c.checkworthiness, c.reasons, l.verdict AS latest_verdict, a.path AS article_path
  FROM claim_rows c INDEXED BY claims_queue JOIN articles a ON a.key = c.article
  LEFT JOIN latest_reviews l ON l.claim_id = c.id
  WHERE c.status IN ({_sql_literals(FLAGGED)}) AND (l.verdict IS NULL OR l.verdict = {_sql_literals([SKIP])})
  ORDER BY {QUEUE_ORDER};
CREATE VIEW source_summary AS
  SELECT s.name, s.type, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW source_entities AS
  SELECT s.id, s.key, s.name, s.type, s.rule, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW review_log AS
  SELECT r.id, r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at, r.undoes,
         r.article_id, p.path AS article_path, r.article_version,
         CASE WHEN c.key IS NULL THEN r.claim_text ELSE {_claim_text("c")} END AS claim_text,
         c.status AS claim_status, c.key IS NULL AS earlier_version
  FROM reviews r LEFT JOIN claim_rows c ON c.id = r.claim_id LEFT JOIN articles a ON a.key = c.article
  LEFT JOIN articles p ON p.id = r.article_id
  ORDER BY r.id;
"""
