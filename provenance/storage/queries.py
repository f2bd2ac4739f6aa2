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
from .tables import status_index
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


def open_queue_page(db: Database, after: Optional[Tuple[float, int, int]] = None, limit: int = 20) -> List[dict]:
    """The next `limit` claims of the open queue (those of `list_claims`, with each one's `start`).

    Args:
        after: the (checkworthiness, article_key, start) of the last claim of the page before;
            None for the first page.
    """
    return _page(db, None, None, OPEN, after, limit)


def _page(db: Database, article: Optional[str], status: Optional[str], verdict: Optional[str],
          after: Optional[Tuple[float, int, int]], limit: int, columns: str = "") -> List[dict]:
    """The `limit` claims of `_claims_query` that come after the claim at `after` in the queue's order.

    Notes:
        Keyset pagination on the queue's order: a page is two seeks into the index the filters
        walk, the rest of the claims tied at the last one's check-worthiness, then those below
        it, so a page deep in a million claims costs what the first one does (an OFFSET walks
        every claim before it), and a verdict recorded meanwhile moves nothing.
    """
    if after is None:
        sql, params = _claims_query(article, status, verdict, columns=columns)
        return list(db.query(sql + " LIMIT ?", params + [limit]))
    worth, article_key, start = after
    row = "v" if _by_verdict(article, verdict) else "c"  # the rows whose index the query walks
    sql, params = _claims_query(article, status, verdict, (f"{row}.checkworthiness = ?",
                                                          f"({row}.article, {row}.start) > (?, ?)"), columns)
    tied = list(db.query(sql + " LIMIT ?", params + [worth, article_key, start, limit]))
    sql, params = _claims_query(article, status, verdict, (f"{row}.checkworthiness < ?",), columns)
    return tied + list(db.query(sql + " LIMIT ?", params + [worth, limit - len(tied)]))


def _by_verdict(article: Optional[str], verdict: Optional[str]) -> bool:
    """Whether `_claims_query` walks the verdicts in force (a verdict, and no article, asked for)."""
    return article is None and verdict not in (None, OPEN)


def _claims_query(article: Optional[str], status: Optional[str], verdict: Optional[str],
                  keyset: Sequence[str] = (), columns: str = "") -> Tuple[str, list]:
    """The query of `list_claims`, and its parameters, without its limit; `keyset` adds conditions
    whose parameters the caller appends, `columns` more columns (SQL without parameters).

    Notes:
        Each filter picks the rows the query starts from, so none scans every claim or review:
        an article's claims by its index (named, lest SQLite walk every flagged claim by status); the claims of a verdict from the index of the verdicts
        in force (CROSS JOIN fixes SQLite's join order); a status's from its part of the queue;
        else the claims_queue index. Each index is in the queue's order, walked until the limit.
    """
    if status is not None and status not in FLAGGED:
        raise StorageError(f"unknown status {status!r}; use one of: {', '.join(FLAGGED)}")
    where, params = [f"c.status IN ({_sql_literals(FLAGGED)})"], []  # literals, as the indexes' WHERE
    order = QUEUE_ORDER
    if article is not None:
        source = "claim_rows c INDEXED BY claim_rows_article"
        where.append("c.article IN (SELECT key FROM articles WHERE id = ? UNION SELECT key FROM articles WHERE path = ?)")
        params += [article, article]
    elif _by_verdict(article, verdict):
        source = "verdicts v INDEXED BY verdicts_queue CROSS JOIN claim_rows c ON c.id = v.claim_id"
        where += [f"v.status IN ({_sql_literals(FLAGGED)})", "v.verdict = ?"]
        params.append(verdict)
        order = QUEUE_ORDER.replace("c.", "v.")
    elif status is not None:  # its literal, as its index's WHERE
        source = f"claim_rows c INDEXED BY {status_index(status)}"
        where.append(f"c.status = {_sql_literals([status])}")
    else:
        source = "claim_rows c INDEXED BY claims_queue"
    where, params = _judged(status, verdict, where, params)
    return (f"SELECT c.id, a.id AS article_id, a.path AS article_path, c.status, c.checkworthiness, {_claim_text('c')} "
            f"AS text, l.verdict AS latest_verdict, c.article AS article_key, c.start{columns} "
            f"FROM {source} JOIN articles a ON a.key = c.article "
            f"LEFT JOIN latest_reviews l ON l.claim_id = c.id WHERE {' AND '.join(where + list(keyset))} "
            f"ORDER BY {order}"), params


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
                 verdict: str = OPEN, chars: int = 200, limit: Optional[int] = None,
                 after: Optional[Tuple[float, int, int]] = None) -> List[dict]:
    """Flagged claims across the database, most check-worthy first, with `chars` characters of context
    either side and their latest review; the same ids and order as `list_claims` and `flagged_claims`.

    Args:
        article_id: Only the claims of the article with this id or path.
        status: Only claims of this flagged status.
        verdict: OPEN (no verdict in force), ALL, or only claims whose latest verdict is this one.
        limit, after: A page of the queue: `limit` claims (all if None) after the claim whose
            (checkworthiness, article_key, start) is `after` (from the start if None), read by keyset
            as `open_queue_page` reads.

    Raises:
        StorageError: `status` is not a flagged status, or `verdict` not one of QUEUE_VERDICTS.
    """
    if status is not None and status not in FLAGGED:
        raise StorageError(f"unknown status {status!r}; use one of: {', '.join(FLAGGED)}")
    if verdict not in QUEUE_VERDICTS:
        raise StorageError(f"unknown verdict {verdict!r}; use one of: {', '.join(QUEUE_VERDICTS)}")
    chars = int(chars)  # written into the SQL, as `columns` takes no parameters
    columns = (", a.title AS article_title, (SELECT value FROM labels WHERE key = c.labels) AS reasons, "
               f"substr(a.text, max(c.start - {chars}, 0) + 1, min(c.start, {chars})) AS context_before, "
               f'substr(a.text, c."end" + 1, {chars}) AS context_after, l.note AS latest_note, '
               "l.reviewer AS latest_reviewer, l.reviewed_at AS latest_reviewed_at")
    rows = _page(db, article_id, status, None if verdict == ALL else verdict, after,
                 -1 if limit is None else limit, columns)
    return [dict(row, reasons=json.loads(row["reasons"])) for row in rows]
