"""The flagged claims users ask for: the queue and a page of it, one claim, and the web views' articles
and review queue."""
from __future__ import annotations

import json
from typing import List, Optional, Sequence, Tuple

from sqlite_utils import Database

from ..errors import StorageError
from ..records import FLAGGED
from .constants import ALL, OPEN, QUEUE_VERDICTS, SKIP
from .sql import _placeholders, _sql_literals
from .views import QUEUE_ORDER, _claim_text


def flagged_claims(db: Database, limit: Optional[int] = None) -> List[dict]:
    """Claims open for review (unattributed or vague; unjudged or skipped), most check-worthy first.

    Rows are those of the `flagged_claims` view; `reasons` is a JSON list.
    """
    return list(db.query("SELECT * FROM flagged_claims LIMIT ?", [-1 if limit is None else limit]))


def list_claims(db: Database, article: Optional[str] = None, status: Optional[str] = None,
                verdict: Optional[str] = OPEN, limit: Optional[int] = None) -> List[dict]:
    """Flagged claims with their latest verdict, most check-worthy first.

    Args:
        article: only the claims of the article with this id or path.
        status: only claims of this status (one of FLAGGED).
        verdict: OPEN for those still open (never judged, skipped, or undone), one of
            VERDICTS for those whose latest verdict it is, None for all.
    """
    sql, params = _claims_query(article, status, verdict)
    return list(db.query(sql + " LIMIT ?", params + [-1 if limit is None else limit]))


def open_queue_page(db: Database, after: Optional[Tuple[float, str, int]] = None, limit: int = 20) -> List[dict]:
    """The next `limit` claims of the open queue (those of `list_claims`, with each one's `start`).

    Args:
        after: the (checkworthiness, article_key, start) of the last claim of the page before;
            None for the first page.

    Notes:
        Keyset pagination on the queue's order: a page is two seeks into claims_queue, the
        rest of the claims tied at the last one's check-worthiness, then those below it, so
        a page deep in a million claims costs what the first one does (an OFFSET walks
        every claim before it), and a verdict recorded meanwhile moves nothing.
    """
    if after is None:
        sql, params = _claims_query(None, None, OPEN)
        return list(db.query(sql + " LIMIT ?", params + [limit]))
    worth, article, start = after
    sql, params = _claims_query(None, None, OPEN, ("c.checkworthiness = ?", "(c.article, c.start) > (?, ?)"))
    tied = list(db.query(sql + " LIMIT ?", params + [worth, article, start, limit]))
    sql, params = _claims_query(None, None, OPEN, ("c.checkworthiness < ?",))
    return tied + list(db.query(sql + " LIMIT ?", params + [worth, limit - len(tied)]))


def _claims_query(article: Optional[str], status: Optional[str], verdict: Optional[str],
                  keyset: Sequence[str] = ()) -> Tuple[str, list]:
    """The query of `list_claims`, and its parameters, without its limit; `keyset` adds conditions
    whose parameters the caller appends.

    Notes:
        Each filter picks the rows the query starts from, so none scans every claim or review:
        an article's claims by its index (named, lest SQLite walk every flagged claim by status); the claims of a verdict from the index of the verdicts
        in force (CROSS JOIN fixes SQLite's join order); a status's from its part of the queue;
        else the claims_queue index. Each index is in the queue's order, walked until the limit.
    """
    where, params = [f"c.status IN ({_sql_literals(FLAGGED)})"], []  # literals, as the indexes' WHERE
    order = QUEUE_ORDER
    if article is not None:
        source = "claim_rows c INDEXED BY claim_rows_article"
        where.append("c.article IN (SELECT key FROM articles WHERE id = ? UNION SELECT key FROM articles WHERE path = ?)")
        params += [article, article]
    elif verdict not in (None, OPEN):
        source = "verdicts v INDEXED BY verdicts_queue CROSS JOIN claim_rows c ON c.id = v.claim_id"
        where += [f"v.status IN ({_sql_literals(FLAGGED)})", "v.verdict = ?"]
        params.append(verdict)
        order = QUEUE_ORDER.replace("c.", "v.")
    elif status is not None:
        source = "claim_rows c INDEXED BY claims_status"
    else:
        source = "claim_rows c INDEXED BY claims_queue"
    where, params = _judged(status, verdict, where, params)
    return (f"SELECT c.id, a.id AS article_id, a.path AS article_path, c.status, c.checkworthiness, {_claim_text('c')} "
            "AS text, l.verdict AS latest_verdict, c.article AS article_key, c.start "
            f"FROM {source} JOIN articles a ON a.key = c.article "
            f"LEFT JOIN latest_reviews l ON l.claim_id = c.id WHERE {' AND '.join(where + list(keyset))} "
            f"ORDER BY {order}"), params


def _flagged_where(article: Optional[str], status: Optional[str], verdict: Optional[str]) -> Tuple[str, list]:
    """The WHERE clause and its parameters that pick flagged claims (`c`, joined to their article `a`
    and latest review `l`) by article id or path, status and verdict (OPEN, one of VERDICTS, None for all)."""
    where, params = [f"c.status IN ({_placeholders(FLAGGED)})"], list(FLAGGED)
    if article is not None:
        where.append("(a.id = ? OR a.path = ?)")
        params += [article, article]
    where, params = _judged(status, verdict, where, params)
    return " AND ".join(where), params


def _judged(status: Optional[str], verdict: Optional[str], where: List[str], params: list) -> Tuple[List[str], list]:
    """`where` and `params` with the filters of a claim's status and its latest review `l`'s verdict
    (OPEN: none in force, or skipped; one of VERDICTS; None for any)."""
    where, params = list(where), list(params)
    if status is not None:
        where.append("c.status = ?")
        params.append(status)
    if verdict == OPEN:
        where.append("coalesce(l.verdict, ?) = ?")
        params += [SKIP, SKIP]
    elif verdict is not None:
        where.append("l.verdict = ?")
        params.append(verdict)
    return where, params


def claim(db: Database, claim_id: str, chars: int = 200) -> Optional[dict]:
    """Return a claim row with its article's title and path, `chars` characters of text
    either side (`context_before`, `context_after`) and its latest verdict; None if unknown."""
    rows = db.query(
        'SELECT c.id, c.article_id, c.start, c."end", c.text, c.status, c.attribution_id, c.checkworthiness, '
        "c.reasons, a.title AS article_title, a.path AS article_path, "
        "substr(a.text, max(c.start - :chars, 0) + 1, min(c.start, :chars)) AS context_before, "
        'substr(a.text, c."end" + 1, :chars) AS context_after, l.verdict AS latest_verdict '
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN latest_reviews l ON l.claim_id = c.id WHERE c.id = :id",
        {"id": claim_id, "chars": chars},
    )
    return next(iter(rows), None)


# ---------------------------------------------------------------------------------------------------
# Reading for the web views (provenance.web): the articles, an article's claim ids, the review queue.
# ---------------------------------------------------------------------------------------------------

_WEB_TABLES = ("articles", "attributions", "claims", "reviews", "sources")


def is_provenance_db(conn) -> bool:
    """Whether a database (a sqlite3 connection or Database) holds provenance's tables."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    return names.issuperset(_WEB_TABLES)


def article_summaries(db: Database) -> List[dict]:
    """Every article with its counts of attributions, claims, flagged claims and claims still open."""
    flagged = _placeholders(FLAGGED)
    return list(db.query(
        "SELECT a.id, a.path, a.title, a.analyzed_at, "
        "(SELECT count(*) FROM attribution_rows t WHERE t.article = a.key) AS attributions, "
        "(SELECT count(*) FROM claim_rows c WHERE c.article = a.key) AS claims, "
        f"(SELECT count(*) FROM claim_rows c WHERE c.article = a.key AND c.status IN ({flagged})) AS flagged, "
        f"(SELECT count(*) FROM claim_rows c LEFT JOIN verdicts v ON v.claim_id = c.id WHERE c.article = a.key "
        f"AND c.status IN ({flagged}) AND coalesce(v.verdict, ?) = ?) AS open "
        "FROM articles a ORDER BY a.path, a.id", list(FLAGGED) + list(FLAGGED) + [SKIP, SKIP],
    ))


def stored_claim_ids(db: Database, article_id: str) -> Tuple[str, ...]:
    """The stored id of each of an article's claims, in the order of `stored_analysis`'s claims."""
    return tuple(row[0] for row in db.execute(
        "SELECT c.id FROM claim_rows c JOIN articles a ON a.key = c.article WHERE a.id = ? ORDER BY c.key", [article_id]))


def review_queue(db: Database, article_id: Optional[str] = None, status: Optional[str] = None,
                 verdict: str = OPEN, chars: int = 200, limit: Optional[int] = None, offset: int = 0) -> List[dict]:
    """Flagged claims across the database, most check-worthy first, with `chars` characters of context
    either side and their latest review; the same ids and order as `list_claims` and `flagged_claims`.

    Args:
        article_id: Only the claims of the article with this id or path.
        status: Only claims of this flagged status.
        verdict: OPEN (no verdict in force), ALL, or only claims whose latest verdict is this one.
        limit, offset: A page of the queue: `limit` claims (all if None) after the first `offset`.

    Raises:
        StorageError: `status` is not a flagged status, or `verdict` not one of QUEUE_VERDICTS.
    """
    if status is not None and status not in FLAGGED:
        raise StorageError(f"unknown status {status!r}; use one of: {', '.join(FLAGGED)}")
    if verdict not in QUEUE_VERDICTS:
        raise StorageError(f"unknown verdict {verdict!r}; use one of: {', '.join(QUEUE_VERDICTS)}")
    where, params = _flagged_where(article_id, status, None if verdict == ALL else verdict)
    rows = db.query(
        "SELECT c.id, a.id AS article_id, a.title AS article_title, a.path AS article_path, "
        f"{_claim_text('c')} AS text, c.status, c.checkworthiness, c.reasons, c.start, "
        "substr(a.text, max(c.start - ?, 0) + 1, min(c.start, ?)) AS context_before, "
        'substr(a.text, c."end" + 1, ?) AS context_after, l.verdict AS latest_verdict, '
        "l.note AS latest_note, l.reviewer AS latest_reviewer, l.reviewed_at AS latest_reviewed_at "
        "FROM claim_rows c JOIN articles a ON a.key = c.article "
        "LEFT JOIN latest_reviews l ON l.claim_id = c.id "
        f"WHERE {where} ORDER BY {QUEUE_ORDER} LIMIT ? OFFSET ?",
        [chars, chars, chars] + params + [-1 if limit is None else limit, offset],
    )
    return [dict(row, reasons=json.loads(row["reasons"])) for row in rows]
