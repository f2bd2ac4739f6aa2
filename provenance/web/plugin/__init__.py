"""The Datasette plugin: the article page, the flagged-claims queue and recording verdicts, beside
Datasette's own tables, facets, SQL and JSON API; metadata (labels, facets) for provenance databases.

Reading follows Datasette's view permissions. Recording a verdict needs the REVIEW permission, granted
to the actors the plugin configuration's `reviewers` allow block matches (by default the root actor of
`provenance serve --root`), and Datasette's CSRF token. SQL stays in `provenance.storage`.
"""
from __future__ import annotations

import weakref
from typing import Optional, Tuple
from urllib.parse import quote, unquote, urlencode

from datasette import hookimpl
from datasette.utils import actor_matches_allow
from datasette.utils.asgi import BadRequest, Forbidden, NotFound, Response
from markupsafe import Markup
from sqlite_utils import Database

from ... import storage
from ...errors import StorageError
from ...records import FLAGGED
from ...escaping import escape_html
from ..render import article_html

# The fields of a row shown on a page: Jinja escapes markup, but not the controls that reorder text.
SHOWN = ("title", "path", "article_title", "article_path", "text", "context_before", "context_after",
         "latest_note", "latest_reviewer")
NAME = "provenance"  # the plugin's name in Datasette's plugin configuration and static URLs
REVIEW = "provenance-review"  # the permission to record verdicts
DEFAULT_REVIEWERS = {"id": "root"}  # the allow block used when the configuration sets no `reviewers`
BASE = "/-/provenance"
PAGE = 100  # claims on one page of the queue
CONTEXT = 200  # characters of the article shown either side of a claim in the queue
_known = weakref.WeakKeyDictionary()  # Datasette instance -> names of its provenance databases


@hookimpl
def startup(datasette):
    async def inner():
        await _provenance_databases(datasette)
    return inner


@hookimpl
def get_metadata(datasette, key, database, table):
    return {"databases": {name: database_metadata() for name in _known.get(datasette, ())}}


# The views' full-text indexes, for Datasette's search box and `?_search=` (it finds an index by
# itself only for a table; the indexes key the views' rows by `rowid`).
SEARCH = {view: {"fts_table": f"{view}_fts", "fts_pk": "rowid"} for view in ("claims", "attributions")}


def database_metadata() -> dict:
    """Labels and facets for a provenance database's tables and views."""
    return {"tables": {
        "articles": {"label_column": "title", "description": "One row per article checked."},
        "sources": {"label_column": "name", "facets": ["type"],
                    "description": "Canonical sources: name and type."},
        "attributions": {"facets": ["kind", "vague", "resolved_by"], **SEARCH["attributions"],
                         "description": "Every statement found and the source it is attributed to."},
        "claims": {"label_column": "text", "facets": ["status"], **SEARCH["claims"],
                   "description": "Sentences and whether anybody stands behind them."},
        "reviews": {"facets": ["verdict", "reviewer"], "description": "Verdicts, appended, never deleted."},
        "flagged_claims": {"facets": ["status", "latest_verdict"]},
        "source_summary": {"facets": ["type"]},
    }}


@hookimpl
def register_routes():
    return [
        (rf"^{BASE}$", index_page),
        (rf"^{BASE}/(?P<database>[^/]+)/articles/(?P<article_id>[^/]+)$", article_page),
        (rf"^{BASE}/(?P<database>[^/]+)/queue$", queue_page),
        (rf"^{BASE}/(?P<database>[^/]+)/verdicts$", verdict_post),
    ]


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    if action != REVIEW:
        return None
    config = datasette.plugin_config(NAME) or {}
    # None rather than False for anyone else, so another permission plugin may still grant it.
    return True if actor_matches_allow(actor, config.get("reviewers", DEFAULT_REVIEWERS)) else None


@hookimpl
def menu_links(datasette, actor):
    return [{"href": datasette.urls.path(BASE), "label": "Review articles and flagged claims"}]


async def _provenance_databases(datasette) -> list:
    names = [name for name, db in datasette.databases.items()
             if name != "_internal" and await db.execute_fn(storage.is_provenance_db)]
    _known[datasette] = names
    return names


async def _database(datasette, request):
    """The provenance database the URL names, if the actor may view it."""
    route = request.url_vars["database"]
    try:
        db = datasette.get_database(route=route)
    except KeyError:
        raise NotFound(f"no database {route}")
    await datasette.ensure_permissions(request.actor, [("view-database", db.name), "view-instance"])
    if not await db.execute_fn(storage.is_provenance_db):
        raise NotFound(f"{route} is not a provenance database: run provenance check --db on it first")
    return db


async def _read(db, function, *args):
    """Run a storage function on one of Datasette's read connections; rows come back with their text
    fields escaped by `escape_html`."""
    result = await db.execute_fn(lambda conn: function(Database(conn), *args))
    return [_shown(row) for row in result] if isinstance(result, list) else result


def _shown(row: dict) -> dict:
    return {key: Markup(escape_html(value)) if key in SHOWN and isinstance(value, str) else value
            for key, value in row.items()}


async def index_page(datasette, request):
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    databases = []
    for name in await _provenance_databases(datasette):
        db = datasette.get_database(name)
        if await datasette.permission_allowed(request.actor, "view-database", name, default=True):
            articles = [dict(a, url=_article_url(datasette, db, a["id"]), queue=_queue_url(datasette, db, a["id"]))
                        for a in await _read(db, storage.article_summaries)]
            databases.append({"name": name, "route": db.route, "articles": articles})
    return await _page(datasette, request, "provenance_index.html", {"databases": databases})


async def article_page(datasette, request):
    db = await _database(datasette, request)
    article_id = unquote(request.url_vars["article_id"])  # Datasette routes the raw path: an id's / is %2F
    stored = await _read(db, storage.stored_analysis, article_id)
    if stored is None:
        raise NotFound(f"no article {article_id} in {db.name}")

    def review_link(claim_id: str) -> str:
        query = urlencode({"article": article_id, "verdict": storage.ALL})
        return datasette.urls.path(f"{BASE}/{db.route}/queue?{query}#claim-{claim_id}")

    claim_ids = await _read(db, storage.stored_claim_ids, article_id)
    body = article_html(stored.article.text, stored.attributions, stored.claims, claim_ids, review_link=review_link)
    article = stored.article
    return await _page(datasette, request, "provenance_article.html", {
        "database": db.route, "article": _shown({"id": article.id, "title": article.title, "path": article.path}),
        "body": Markup(body),
        "queue": _queue_url(datasette, db, article_id),
    })


async def queue_page(datasette, request):
    db = await _database(datasette, request)
    filters = _filters(request.args)
    after, first = _after(request.args.get("after", "")), request.args.get("first", "1")
    if not first.isdigit():
        raise BadRequest(f"first={first!r}: give the number of the first claim on the page")
    try:  # one more than a page, to know whether there is a next one
        claims = await _read(db, storage.review_queue, filters["article"] or None, filters["status"] or None,
                             filters["verdict"], CONTEXT, PAGE + 1, after)
    except StorageError as error:
        raise BadRequest(str(error))
    more = None
    if len(claims) > PAGE:  # the next page starts after the last claim of this one (keyset, not an offset)
        last = claims[PAGE - 1]
        more = urlencode(dict({k: v for k, v in filters.items() if v}, first=int(first) + PAGE,
                              after=f"{last['checkworthiness']!r},{last['article_key']},{last['start']}"))
    return await _page(datasette, request, "provenance_queue.html", {
        "database": db.route, "filters": filters, "first": int(first),
        "claims": [dict(c, url=_article_url(datasette, db, c["article_id"])) for c in claims[:PAGE]],
        "next": f"?{more}" if more else None,
        "articles": await _read(db, storage.article_summaries), "statuses": FLAGGED,
        "queue_verdicts": storage.QUEUE_VERDICTS, "verdicts": storage.VERDICTS,
        "can_review": await datasette.permission_allowed(request.actor, REVIEW, db.name),
        "action": datasette.urls.path(f"{BASE}/{db.route}/verdicts"),
    })


def _after(value: str) -> Optional[Tuple[float, int, int]]:
    """The queue's place a page starts after, from `after=CHECKWORTHINESS,ARTICLE_KEY,START`; None if empty."""
    if not value:
        return None
    try:
        worth, article, start = value.split(",")
        return float(worth), int(article), int(start)
    except ValueError:
        raise BadRequest(f"after={value!r}: give the check-worthiness, article key and start of the claim "
                         "before the page, as the next-page link does") from None


def _article_url(datasette, db, article_id: str) -> str:
    return datasette.urls.path(f"{BASE}/{db.route}/articles/{quote(article_id, safe='')}")


def _queue_url(datasette, db, article_id: str) -> str:
    return datasette.urls.path(f"{BASE}/{db.route}/queue?" + urlencode({"article": article_id}))


def _filters(values, prefix: str = "") -> dict:
    """The queue's filters from a query string, or from a verdict form's `back_` fields."""
    return {"article": values.get(prefix + "article", ""), "status": values.get(prefix + "status", ""),
            "verdict": values.get(prefix + "verdict") or storage.OPEN}


async def verdict_post(datasette, request):
    if request.method != "POST":
        return Response.text("POST a verdict here", status=405)
    db = await _database(datasette, request)
    if not await datasette.permission_allowed(request.actor, REVIEW, db.name):
        raise Forbidden("recording a verdict needs a signed-in reviewer: provenance serve --root prints a sign-in link")
    form = await request.post_vars()
    claim_id, verdict = form.get("claim_id", ""), form.get("verdict", "")
    if verdict not in storage.VERDICTS:
        raise BadRequest(f"unknown verdict {verdict!r}; use one of: {', '.join(storage.VERDICTS)}")
    if await _read(db, storage.claim, claim_id) is None:
        raise NotFound(f"no claim {claim_id!r} in {db.name}")
    reviewer = _reviewer(request.actor)
    try:
        row = await db.execute_write_fn(lambda conn: storage.add_review(
            Database(conn), claim_id, verdict, form.get("note") or None, reviewer))
    except StorageError as error:  # the claim went in a re-check since it was looked up
        raise NotFound(str(error))
    datasette.add_message(request, f"{row['claim_id']}: {row['verdict']} by {row['reviewer']}")
    query = urlencode({k: v for k, v in _filters(form, "back_").items() if v})
    return Response.redirect(datasette.urls.path(f"{BASE}/{db.route}/queue?{query}"))


def _reviewer(actor: Optional[dict]) -> str:
    return str(actor.get("id")) if actor else "anonymous"


async def _page(datasette, request, template: str, context: dict) -> Response:
    context["css"] = datasette.urls.static_plugins(NAME, "provenance.css")
    context["js"] = datasette.urls.static_plugins(NAME, "provenance.js")
    context["base"] = datasette.urls.path(BASE)
    return Response.html(await datasette.render_template(template, context, request=request))
