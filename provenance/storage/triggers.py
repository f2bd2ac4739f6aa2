"""The triggers that keep the full-text indexes, the counts, the tally of source names and the
verdicts in force in step with the rows."""
from __future__ import annotations

from typing import Tuple


def _search_triggers(table: str, view: str, column: str) -> Tuple[str, ...]:
    """Triggers that keep a view's full-text index in step with its table's rows: a row leaves the
    index before it changes or goes, while its text can still be read, and enters it after."""
    index = f"{view}_fts"
    remove = (f"INSERT INTO {index} ({index}, rowid, {column}) SELECT 'delete', rowid, {column} FROM {view} "
              "WHERE rowid = old.key")
    add = f"INSERT INTO {index} (rowid, {column}) SELECT rowid, {column} FROM {view} WHERE rowid = new.key"
    return (f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {add}; END",
            f"CREATE TRIGGER {index}_delete BEFORE DELETE ON {table} BEGIN {remove}; END",
            f"CREATE TRIGGER {index}_update_before BEFORE UPDATE ON {table} BEGIN {remove}; END",
            f"CREATE TRIGGER {index}_update_after AFTER UPDATE ON {table} BEGIN {add}; END")


# An article's findings go before the article does or its text changes, so their text can still be
# read to take them out of the full-text indexes (its findings are of the text they were found in).
_FINDINGS_GONE = "DELETE FROM claim_rows WHERE article = old.key; DELETE FROM attribution_rows WHERE article = old.key"
_SEARCH_TRIGGERS = _search_triggers("claim_rows", "claims", "text") + _search_triggers(
    "attribution_rows", "attributions", "content_text") + (
    f"CREATE TRIGGER articles_delete BEFORE DELETE ON articles BEGIN {_FINDINGS_GONE}; END",
    f"""CREATE TRIGGER articles_text BEFORE UPDATE OF text ON articles WHEN new.text IS NOT old.text
  BEGIN {_FINDINGS_GONE}; END""")


# A source's counts when an attribution names it (the row is in the table) or no longer does (it is gone).
_SOURCE_ADDED = """UPDATE sources SET statements = statements + 1, articles = articles + NOT EXISTS (
    SELECT 1 FROM attribution_rows WHERE source_id = new.source_id AND article = new.article
    AND key <> new.key) WHERE id = new.source_id"""
_SOURCE_REMOVED = """UPDATE sources SET statements = statements - 1, articles = articles - NOT EXISTS (
    SELECT 1 FROM attribution_rows WHERE source_id = old.source_id AND article = old.article)
    WHERE id = old.source_id"""


def _source_rules(rules: str) -> str:
    """SQL for the JSON list of the source rules ("source.…") in a JSON list of rule ids."""
    return f"(SELECT json_group_array(value) FROM json_each({rules}) WHERE substr(value, 1, 7) = 'source.')"


def _named(row: str) -> str:
    return f"{row}.source_id, coalesce({row}.speaker_name, ''), coalesce({row}.speaker_type, ''), {_source_rules(row + '.rules')}"


_NAMED_ADDED = f"""INSERT INTO source_names (source_id, name, type, rules, statements) SELECT {_named("new")}, 1
    WHERE new.source_id IS NOT NULL
    ON CONFLICT (source_id, name, type, rules) DO UPDATE SET statements = statements + 1"""
_NAMED_REMOVED = f"""UPDATE source_names SET statements = statements - 1
    WHERE (source_id, name, type, rules) = (SELECT {_named("old")});
  DELETE FROM source_names WHERE (source_id, name, type, rules) = (SELECT {_named("old")}) AND statements <= 0"""


# Counts kept as rows change, so review progress and the source list read a row per status or
# source: claims per status, and each source's statements and articles.
_TRIGGERS = (
    """CREATE TRIGGER claim_counts_insert AFTER INSERT ON claim_rows BEGIN
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END""",
    """CREATE TRIGGER claim_counts_delete AFTER DELETE ON claim_rows BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status; END""",
    """CREATE TRIGGER claim_counts_update AFTER UPDATE OF status ON claim_rows WHEN new.status IS NOT old.status BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status;
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END""",
    f"""CREATE TRIGGER source_counts_insert AFTER INSERT ON attribution_rows WHEN new.source_id IS NOT NULL BEGIN
  {_SOURCE_ADDED}; END""",
    f"""CREATE TRIGGER source_counts_delete AFTER DELETE ON attribution_rows WHEN old.source_id IS NOT NULL BEGIN
  {_SOURCE_REMOVED}; END""",
    f"""CREATE TRIGGER source_counts_update AFTER UPDATE OF source_id, article ON attribution_rows
  WHEN new.source_id IS NOT old.source_id OR new.article IS NOT old.article BEGIN
  {_SOURCE_REMOVED}; {_SOURCE_ADDED}; END""",
    f"""CREATE TRIGGER source_names_insert AFTER INSERT ON attribution_rows BEGIN {_NAMED_ADDED}; END""",
    f"""CREATE TRIGGER source_names_delete AFTER DELETE ON attribution_rows BEGIN {_NAMED_REMOVED}; END""",
    f"""CREATE TRIGGER source_names_update AFTER UPDATE OF source_id, speaker_name, speaker_type, rules
  ON attribution_rows BEGIN {_NAMED_REMOVED}; {_NAMED_ADDED}; END""",
)


def _verdict_in_force(claim: str) -> str:
    """The statements that make a claim's row in `verdicts` anew from its latest review."""
    return f"""DELETE FROM verdicts WHERE claim_id = {claim};
  INSERT INTO verdicts (claim_id, verdict, review_id, status, checkworthiness, article, start)
    SELECT r.claim_id, r.verdict, r.id, c.status, c.checkworthiness, c.article, c.start
    FROM reviews r LEFT JOIN claim_rows c ON c.id = r.claim_id
    WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = {claim}) AND r.verdict IS NOT NULL"""


def _verdict_count(row: str, step: str) -> str:
    return f"""INSERT INTO verdict_counts (status, verdict, claims) SELECT {row}.status, {row}.verdict, {step}
    WHERE {row}.status IS NOT NULL ON CONFLICT (status, verdict) DO UPDATE SET claims = claims + {step}"""


_CLAIM_PLACE = "status = new.status, checkworthiness = new.checkworthiness, article = new.article, start = new.start"
_CLAIM_GONE = "status = NULL, checkworthiness = NULL, article = NULL, start = NULL"
_VERDICT_TRIGGERS = (
    f"""CREATE TRIGGER verdicts_review_insert AFTER INSERT ON reviews BEGIN
  {_verdict_in_force("new.claim_id")}; END""",
    f"""CREATE TRIGGER verdicts_review_delete AFTER DELETE ON reviews BEGIN
  {_verdict_in_force("old.claim_id")}; END""",
    f"""CREATE TRIGGER verdicts_review_update AFTER UPDATE ON reviews BEGIN
  {_verdict_in_force("old.claim_id")}; {_verdict_in_force("new.claim_id")}; END""",
    f"""CREATE TRIGGER verdicts_claim_insert AFTER INSERT ON claim_rows BEGIN
  UPDATE verdicts SET {_CLAIM_PLACE} WHERE claim_id = new.id; END""",
    f"""CREATE TRIGGER verdicts_claim_delete AFTER DELETE ON claim_rows BEGIN
  UPDATE verdicts SET {_CLAIM_GONE} WHERE claim_id = old.id; END""",
    f"""CREATE TRIGGER verdicts_claim_update AFTER UPDATE OF id, status, checkworthiness, article, start ON claim_rows BEGIN
  UPDATE verdicts SET {_CLAIM_GONE} WHERE claim_id = old.id;
  UPDATE verdicts SET {_CLAIM_PLACE} WHERE claim_id = new.id; END""",
    f"""CREATE TRIGGER verdict_counts_insert AFTER INSERT ON verdicts BEGIN
  {_verdict_count("new", "1")}; END""",
    f"""CREATE TRIGGER verdict_counts_delete AFTER DELETE ON verdicts BEGIN
  {_verdict_count("old", "-1")}; END""",
    f"""CREATE TRIGGER verdict_counts_update AFTER UPDATE OF status, verdict ON verdicts BEGIN
  {_verdict_count("old", "-1")}; {_verdict_count("new", "1")}; END""",
)
