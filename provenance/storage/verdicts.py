"""Reviews: verdicts on claims appended and undone, listed, and counted."""
from __future__ import annotations

from typing import List, Optional

from sqlite_utils import Database

from ..errors import StorageError
from ..records import FLAGGED
from .constants import SKIP, VERDICTS
from .sql import _db_name, _now, _placeholders, _transaction
from .views import _claim_text


def earlier_reviews(db: Database, article: Optional[str] = None, verdict: Optional[str] = None) -> List[dict]:
    """The latest review of each claim no longer in its article (made on an earlier version) whose
    verdict is still in force, newest first; a claim reopened by an undo is not listed.

    Args:
        article: only those of the article with this id or path.
        verdict: only those whose latest verdict this is (one of VERDICTS), None for all.

    Notes:
        Read from the verdicts in force of claims no longer stored (an index of its own),
        never from every review.
    """
    where, params = ["v.status IS NULL"], []
    if verdict is not None:
        where.append("v.verdict = ?")
        params.append(verdict)
    if article is not None:
        where.append("(r.article_id = ? OR r.article_id IN (SELECT id FROM articles WHERE path = ?))")
        params += [article, article]
    return list(db.query(
        "SELECT r.id, r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at, r.undoes, r.article_id, "
        "a.path AS article_path, r.article_version, r.claim_text, NULL AS claim_status, 1 AS earlier_version "
        "FROM verdicts v INDEXED BY verdicts_gone CROSS JOIN reviews r ON r.id = v.review_id "
        f"LEFT JOIN articles a ON a.id = r.article_id WHERE {' AND '.join(where)} ORDER BY v.review_id DESC", params))


def add_review(db: Database, claim_id: str, verdict: str, note: Optional[str] = None,
               reviewer: Optional[str] = None) -> dict:
    """Append a verdict on a claim (the latest one counts) and return the new review row.

    The row keeps the claim's text and its article's id and version, so a review
    outlives its sentence.

    Raises:
        StorageError: The verdict is not one of VERDICTS, or no claim has that id.
    """
    if verdict not in VERDICTS:
        raise StorageError(f"unknown verdict {verdict!r}; use one of: {', '.join(VERDICTS)}")
    with _transaction(db):
        _known_claim(db, claim_id)
        review_id = _insert_review(db, claim_id, verdict, note, reviewer)
    return _review(db, review_id)


def _known_claim(db: Database, claim_id: str) -> None:
    if db.execute("SELECT 1 FROM claim_rows WHERE id = ?", [claim_id]).fetchone() is None:
        raise StorageError(f"{_db_name(db)}: no claim {claim_id!r}; list claim ids with provenance review --list")


def _insert_review(db: Database, claim_id: str, verdict: Optional[str], note: Optional[str],
                   reviewer: Optional[str], undoes: Optional[int] = None) -> int:
    return db.execute(
        "INSERT INTO reviews (claim_id, verdict, note, reviewer, reviewed_at, article_id, article_version, "
        f"claim_text, undoes) SELECT ?, ?, ?, ?, ?, a.id, a.version, {_claim_text('c')}, ? FROM (SELECT 1) "
        "LEFT JOIN claim_rows c ON c.id = ? LEFT JOIN articles a ON a.key = c.article",
        [claim_id, verdict, note, reviewer, _now(), undoes, claim_id],
    ).lastrowid


def _review(db: Database, review_id: int) -> dict:
    return next(db.query("SELECT id, claim_id, verdict, note, reviewer, reviewed_at, undoes FROM reviews "
                         "WHERE id = ?", [review_id]))


def _in_force(db: Database, claim_id: str) -> List[tuple]:
    """A claim's verdicts still in force, oldest first, as (review id, verdict): each undo takes
    back the newest of them."""
    stack: List[tuple] = []
    for review_id, verdict, undoes in db.execute(
            "SELECT id, verdict, undoes FROM reviews WHERE claim_id = ? ORDER BY id", [claim_id]):
        if undoes is None:
            stack.append((review_id, verdict))
        elif stack:
            stack.pop()
    return stack


def undo(db: Database, claim_id: Optional[str] = None, reviewer: Optional[str] = None) -> dict:
    """Take back the newest verdict in force on a claim by appending a review that supersedes it;
    nothing is deleted. The new row's verdict is the one in force again, None if the claim is open.

    Args:
        claim_id: the claim; None for the claim of the newest verdict still in force
            that `reviewer` recorded.

    Raises:
        StorageError: no such claim, or nothing to undo.
    """
    with _transaction(db):
        if claim_id is None:
            claim_id = _last_reviewed(db, reviewer)
        stack = _in_force(db, claim_id)
        if not stack:
            _known_claim(db, claim_id)
            raise StorageError(f"{_db_name(db)}: claim {claim_id!r} has no verdict to undo")
        restored = stack[-2][1] if len(stack) > 1 else None
        review_id = _insert_review(db, claim_id, restored, None, reviewer, undoes=stack[-1][0])
    return _review(db, review_id)


def _last_reviewed(db: Database, reviewer: Optional[str]) -> str:
    for review_id, claim_id in db.execute(
            "SELECT id, claim_id FROM reviews WHERE undoes IS NULL AND reviewer IS ? ORDER BY id DESC", [reviewer]):
        if review_id in (row[0] for row in _in_force(db, claim_id)):
            return claim_id
    raise StorageError(f"{_db_name(db)}: no verdict by {reviewer} to undo; give a CLAIM_ID")


def reviews(db: Database, claim_id: str) -> List[dict]:
    """Every review of a claim, oldest first."""
    return list(db.query("SELECT id, claim_id, verdict, note, reviewer, reviewed_at, undoes FROM reviews "
                         "WHERE claim_id = ? ORDER BY id", [claim_id]))


def review_log(db: Database) -> List[dict]:
    """Every review, oldest first, with its claim and article; `earlier_version` is 1 for a review whose
    sentence is no longer in the article (it was made on an earlier version)."""
    return list(db.query("SELECT * FROM review_log"))


def review_progress(db: Database) -> dict:
    """Count flagged claims, those still open, and stored claims by their latest verdict.

    Notes:
        Read from the counts kept per status and per status and verdict, never from the claims or reviews.
    """
    flagged = db.execute(f"SELECT coalesce(sum(claims), 0) FROM claim_counts WHERE status IN ({_placeholders(FLAGGED)})",
                         FLAGGED).fetchone()[0]
    judged = db.execute(f"SELECT verdict, status IN ({_placeholders(FLAGGED)}), claims FROM verdict_counts "
                        "WHERE claims > 0", FLAGGED).fetchall()
    progress = {"flagged": flagged,
                "open": flagged - sum(n for verdict, is_flagged, n in judged if is_flagged and verdict != SKIP)}
    progress.update(dict.fromkeys(VERDICTS, 0))
    for verdict, _, n in judged:
        progress[verdict] += n
    return progress
