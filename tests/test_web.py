"""Reviewing in the browser: the rendering of an article (by hand-made records), and the Datasette
plugin through Datasette's own test client on a real database written by `provenance check`."""
import asyncio
import html
import importlib
import json
import re
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from provenance import storage
from provenance.cli import cli
from provenance.records import Analysis, Article, Attribution, Claim, Cue, Span, Speaker, claim_ids
from provenance.web.render import article_html, paragraphs
from pages import Highlights, assert_highlights_match

datasette_app = pytest.importorskip("datasette.app")

HOSTILE = ('Mayor <script>alert(1)</script> Ann Lee said the " onmouseover="alert(2)" bridge would close.\n\n'
           "\u202eThe toll was 40 dead.\n")


def invoke(args):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="provenance")


# Rendering, on hand-made records

def span(text, part):
    start = text.index(part)
    return Span(start, start + len(part), part)


def made(text, *attributions, claims=()):
    return article_html(text, attributions, claims)


SAID = 'Bridge shut\n\n"It will close," the mayor said.\nMore later.\n\nNobody knows why.'
MAYOR = Attribution("a1", "direct", (span(SAID, "It will close,"),),
                    (Cue(SAID.index("said"), SAID.index("said") + 4, "said", "say", "neutral", "verb.neutral"),),
                    span(SAID, "the mayor"), Speaker("Ann Lee", "official", "source.lee"), False, "role", 0.75,
                    ("verb.neutral", "link.quote_cue"))
WHY = Claim(SAID.index("Nobody"), len(SAID), "Nobody knows why.", "unattributed", None, 2.0, ("claim.named",))


@pytest.mark.parametrize("text, spans", [
    ("One.\n\nTwo.", [(0, 4), (6, 10)]),
    ("  One.\nstill one.\n \n\nTwo.  ", [(2, 17), (21, 25)]),
    ("\n\n", []),
])
def test_paragraphs_are_the_text_between_blank_lines(text, spans):
    assert paragraphs(text) == spans


def test_an_attribution_is_highlighted_in_its_source_colour_with_cue_and_source_marked():
    page = made(SAID, MAYOR, claims=(WHY,))
    assert ('<p>Bridge shut</p>\n<p>&quot;<a class="pv-m content s0" href="#a-a1" data-start="14" data-end="28">'
            'It will close,</a>&quot; <a class="pv-m source s0" href="#a-a1" data-start="30" data-end="39">the mayor</a> '
            '<a class="pv-m cue s0" href="#a-a1" data-start="40" data-end="44">said</a>.<br>\nMore later.</p>\n'
            '<p><a class="pv-m unattributed" href="#c-0" data-start="59" data-end="76">Nobody knows why.</a></p>'
            ) in page


def test_the_details_card_says_who_how_and_by_which_rules():
    page = made(SAID, MAYOR, claims=(WHY,))
    assert ('<section class="pv-card" id="a-a1" tabindex="-1"><h3><span class="pv-swatch s0"></span> Ann Lee</h3>'
            "<dl><dt>Kind</dt><dd>direct</dd><dt>Source</dt><dd>Ann Lee</dd><dt>Type</dt><dd>official</dd>"
            "<dt>Named as</dt><dd>“the mayor”</dd><dt>Cue</dt><dd>said (neutral)</dd><dt>Resolved by</dt>"
            "<dd>role</dd><dt>Confidence</dt><dd>0.75</dd><dt>Vague</dt><dd>no</dd><dt>Rules</dt>"
            "<dd><code>verb.neutral</code> <code>link.quote_cue</code></dd></dl>"
            "<blockquote>It will close,</blockquote></section>") in page
    assert ('<section class="pv-card" id="c-0" tabindex="-1"><h3>Unattributed claim</h3><dl><dt>Status</dt>'
            "<dd>unattributed</dd><dt>Check-worthiness</dt><dd>2.0</dd><dt>Reasons</dt><dd><code>claim.named</code>"
            "</dd><dt>Claim id</dt><dd><code>0</code></dd></dl><blockquote>Nobody knows why.</blockquote>"
            "</section>") in page


def test_the_legend_counts_each_source_in_its_colour():
    nobody = Attribution("a2", "agentless", (span(SAID, "More later"),), (), None, None, True, None, 0.5, ())
    page = made(SAID, MAYOR, nobody)
    assert ('<li><span class="pv-swatch s0"></span> Ann Lee <span class="pv-type">official</span> '
            '<span class="pv-count">1</span></li>\n<li><span class="pv-swatch s-none"></span> nobody named '
            '<span class="pv-type">vague</span> <span class="pv-count">1</span></li>') in page


def test_a_statement_nested_in_another_links_to_the_innermost():
    text = "Ann said Bob claimed the dam broke."
    bob = Attribution("a2", "indirect", (span(text, "the dam broke"),),
                      (Cue(13, 20, "claimed", "claim", "neutral", "verb.neutral"),), span(text, "Bob"),
                      Speaker("Bob", "person", "source.bob"), False, "name", 0.9, ())
    ann = Attribution("a1", "indirect", (span(text, "Bob claimed the dam broke"),),
                      (Cue(4, 8, "said", "say", "neutral", "verb.neutral"),), span(text, "Ann"),
                      Speaker("Ann", "person", "source.ann"), False, "name", 0.9, ())
    page = made(text, ann, bob)
    assert ('<a class="pv-m source s1" href="#a-a2" data-start="9" data-end="12">Bob</a>'
            '<a class="pv-m content s0" href="#a-a1" data-start="12" data-end="13"> </a>'
            '<a class="pv-m cue s1" href="#a-a2" data-start="13" data-end="20">claimed</a>'
            '<a class="pv-m content s0" href="#a-a1" data-start="20" data-end="21"> </a>'
            '<a class="pv-m content s1" href="#a-a2" data-start="21" data-end="34">the dam broke</a>') in page


def test_hostile_text_renders_as_text():
    text = HOSTILE
    lee = Attribution("a1", "indirect", (span(text, 'the " onmouseover="alert(2)" bridge would close'),),
                      (Cue(text.index("said"), text.index("said") + 4, "said", "say", "neutral", "verb.neutral"),),
                      span(text, "Mayor <script>alert(1)</script> Ann Lee"),
                      Speaker("<script>alert(1)</script> Ann Lee", "official\u202e", "source.x"), False, "name",
                      0.9, ("<b>",))
    page = made(text, lee, claims=(Claim(text.index("\u202e"), len(text) - 1, text.strip().split("\n")[-1],
                                         "unattributed", None, 3.0, ()),))
    assert "<script" not in page and "onmouseover=\"" not in page and "\u202e" not in page
    assert "Mayor &lt;script&gt;alert(1)&lt;/script&gt; Ann Lee" in page
    assert "the &quot; onmouseover=&quot;alert(2)&quot; bridge would close" in page
    assert "\\u202eThe toll was 40 dead." in page and "official\\u202e" in page and "<code>&lt;b&gt;</code>" in page


# Storage: an article read back as records

def test_a_stored_article_keeps_its_claim_ids_in_the_order_of_its_claims():
    again = Claim(WHY.start, WHY.end, WHY.text, "vague", None, 1.0, ())
    analysis = Analysis(Article.from_text(SAID, "a.txt", "Bridge shut"), (MAYOR,), (WHY, again), "m", "1", "r", "0")
    db = storage.open_db(":memory:")
    storage.save(db, analysis)
    assert storage.stored_claim_ids(db, "a.txt") == claim_ids("a.txt", (WHY, again))
    assert storage.stored_analysis(db, "a.txt").claims == (WHY, again)
    assert storage.stored_claim_ids(db, "nope") == ()


def test_the_queue_filters_by_article_status_and_verdict():
    analysis = Analysis(Article.from_text(SAID, "a.txt", "Bridge shut"), (MAYOR,), (WHY,), "m", "1", "r", "0")
    db = storage.open_db(":memory:")
    storage.save(db, analysis)
    claim_id = claim_ids(analysis.article.id, (WHY,))[0]
    assert [r["id"] for r in storage.review_queue(db)] == [claim_id]
    assert storage.review_queue(db, status="vague") == [] and storage.review_queue(db, article_id="x") == []
    row, = storage.review_queue(db)
    assert storage.review_queue(db, limit=0) == [] and storage.review_queue(
        db, after=(row["checkworthiness"], row["article_key"], row["start"])) == []
    storage.add_review(db, claim_id, "acceptable", reviewer="ann")
    assert storage.review_queue(db) == []
    row, = storage.review_queue(db, verdict="acceptable")
    assert (row["latest_verdict"], row["latest_reviewer"], row["context_before"]) == (
        "acceptable", "ann", SAID[:WHY.start])
    with pytest.raises(storage.StorageError, match="unknown verdict 'maybe'"):
        storage.review_queue(db, verdict="maybe")


def test_an_article_id_that_is_a_path_is_quoted_in_links_and_found(tmp_path):
    article = Article("drafts/bridge 1.txt", "drafts/bridge 1.txt", "Bridge shut", SAID)
    db = storage.open_db(tmp_path / "paths.db")
    storage.save(db, Analysis(article, (MAYOR,), (WHY,), "m", "1", "r", "0"))
    db.conn.close()
    ds = datasette(tmp_path / "paths.db")
    url = "/-/provenance/paths/articles/drafts%2Fbridge%201.txt"
    assert f'<a href="{url}">Bridge shut</a>' in get(ds, "/-/provenance").text
    assert f'<a href="{url}#c-' in get(ds, "/-/provenance/paths/queue").text
    page = get(ds, url)
    assert page.status_code == 200 and '<a class="pv-m cue s0" href="#a-a1"' in page.text


def test_serve_without_datasette_or_a_database_says_what_to_do(tmp_path, monkeypatch):
    missing = invoke(["serve", tmp_path / "none.db"])
    assert (missing.exit_code, missing.output) == (
        1, f"Error: {tmp_path / 'none.db'}: no such database; run provenance check first or pass --db\n")
    storage.close(storage.open_db(tmp_path / "empty.db"))
    monkeypatch.setitem(sys.modules, "datasette.app", None)  # as if the web extra were not installed
    result = invoke(["serve", tmp_path / "empty.db"])
    assert (result.exit_code, result.output) == (
        1, "Error: provenance serve needs Datasette: pip install 'provenance[web]'\n")


# The plugin through Datasette's test client, on the seed checked by `provenance check`

@pytest.fixture(scope="module")
def checked(cached_model, seed_path, tmp_path_factory):
    db_path = tmp_path_factory.mktemp("web") / "seed.db"
    assert invoke(["check", seed_path, "--db", db_path]).exit_code == 0
    return db_path


@pytest.fixture
def db_path(checked, tmp_path):
    """A private copy of the checked seed, for tests that write."""
    copy = tmp_path / "seed.db"
    with sqlite3.connect(checked) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    return copy


def run(coroutine):
    return asyncio.run(coroutine)


def datasette(path, **metadata):
    ds = datasette_app.Datasette([str(path)], metadata=metadata or None)
    run(ds.invoke_startup())
    return ds


def get(ds, path, **kwargs):
    return run(ds.client.get(path, **kwargs))


def stored(path):
    db = storage.open_db(path)
    try:
        article_id = storage.article_summaries(db)[0]["id"]
        return storage.stored_analysis(db, article_id), storage.flagged_claims(db)
    finally:
        db.conn.close()


@pytest.mark.model
def test_the_plugin_is_registered_through_its_entry_point(checked):
    plugins = get(datasette(checked), "/-/plugins.json").json()
    assert {"name": "provenance", "static": True, "templates": True} == {
        k: v for k, v in plugins[0].items() if k in ("name", "static", "templates")}


@pytest.mark.model
def test_the_article_page_highlights_every_attribution_with_its_source(checked):
    analysis, _ = stored(checked)
    response = get(datasette(checked), f"/-/provenance/seed/articles/{quote(analysis.article.id, safe='')}")
    assert response.status_code == 200
    page = response.text
    assert ('“<a class="pv-m content s3" href="#a-a4" data-start="1095" data-end="1190">Syrian forces have occupied '
            'an area where for eight years they could not take a single village,</a>” '
            '<a class="pv-m cue s3" href="#a-a4" data-start="1192" data-end="1196">says</a> ') in page
    assert ('<a class="pv-m source s3" href="#a-a4" data-start="1197" data-end="1252">the London-based NGO Syrian '
            'Observatory of Human Rights</a>') in page
    assert ('<h3><span class="pv-swatch s3"></span> Syrian Observatory for Human Rights</h3><dl><dt>Kind</dt>'
            '<dd>direct</dd><dt>Source</dt><dd>Syrian Observatory for Human Rights</dd><dt>Type</dt>'
            '<dd>ngo_monitor</dd>') in page
    assert ('<li><span class="pv-swatch s3"></span> Syrian Observatory for Human Rights <span class="pv-type">'
            'ngo_monitor</span> <span class="pv-count">1</span></li>') in page
    attributions = [{"id": a.id, "content": [vars(s) for s in a.content]} for a in analysis.attributions]
    assert_highlights_match(Highlights(page).found, analysis.article.text, attributions)
    assert page.count('<section class="pv-card" id="c-') == len([c for c in analysis.claims
                                                                 if c.status in ("unattributed", "vague")])


@pytest.mark.model
def test_the_readme_shows_the_article_page_as_it_is(checked):
    analysis, _ = stored(checked)
    page = get(datasette(checked), f"/-/provenance/seed/articles/{quote(analysis.article.id, safe='')}").text
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    fragments = re.findall(r"^```html\n(.*?)\n```", readme, flags=re.MULTILINE | re.DOTALL)
    assert len(fragments) == 2
    for fragment in fragments:
        assert fragment.removesuffix("...") in page, fragment[:80]


@pytest.mark.model
def test_unknown_articles_and_databases_are_404(checked):
    ds = datasette(checked)
    assert get(ds, "/-/provenance/seed/articles/nope").status_code == 404
    assert get(ds, "/-/provenance/other/queue").status_code == 404


@pytest.mark.model
def test_the_queue_lists_the_flagged_claims_most_check_worthy_first(checked):
    _, flagged = stored(checked)
    page = get(datasette(checked), "/-/provenance/seed/queue").text
    assert re.findall(r'<li id="claim-([0-9a-f]+)">', page) == [row["id"] for row in flagged]
    assert "Sign in as a reviewer to record verdicts." in page and 'name="claim_id"' not in page
    top = flagged[0]
    assert (f'<span class="pv-badge unattributed">unattributed</span> check-worthiness <strong>{top["checkworthiness"]:.1f}</strong>'
            in page) and f"<mark>{html.escape(top['text'], quote=True)}</mark>" in page
    assert "Claims 1 to 11</p>" in page


@pytest.mark.model
def test_the_queue_comes_in_pages(checked, monkeypatch):
    monkeypatch.setattr(importlib.import_module("provenance.web.plugin"), "PAGE", 4)
    _, flagged = stored(checked)
    ds = datasette(checked)
    shown, path = [], "/-/provenance/seed/queue?status="
    while path:
        page = get(ds, path).text
        shown += re.findall(r'<li id="claim-([0-9a-f]+)">', page)
        more = re.search(r'<a href="\?([^"]+)">next page</a>', page)
        path = "/-/provenance/seed/queue?" + html.unescape(more.group(1)) if more else None
    assert shown == [row["id"] for row in flagged]
    assert re.findall(r'<ol class="pv-queue" start="(\d+)">', page) == [str(4 * ((len(flagged) - 1) // 4) + 1)]
    assert get(ds, "/-/provenance/seed/queue?after=x").status_code == 400
    assert get(ds, "/-/provenance/seed/queue?after=1.0,1,0&first=x").status_code == 400


def sign_in(ds, actor_id="root"):
    """Cookies of a signed-in actor, and a CSRF token from the queue page's form."""
    cookies = {"ds_actor": ds.sign({"a": {"id": actor_id}}, "actor")}
    response = get(ds, "/-/provenance/seed/queue", cookies=cookies)
    token = re.search(r'name="csrftoken" value="([^"]+)"', response.text)
    cookies["ds_csrftoken"] = response.cookies.get("ds_csrftoken", "")
    return cookies, token.group(1) if token else ""


def post(ds, data, cookies=None):
    return run(ds.client.post("/-/provenance/seed/verdicts", data=data, cookies=cookies or {}))


@pytest.mark.model
def test_a_reviewer_records_a_verdict_that_survives_a_forced_recheck(db_path, seed_path):
    ds = datasette(db_path)
    _, flagged = stored(db_path)
    claim_id = flagged[0]["id"]
    cookies, token = sign_in(ds)
    response = post(ds, {"csrftoken": token, "claim_id": claim_id, "verdict": "needs-source",
                         "note": "no source for the arrival"}, cookies)
    assert (response.status_code, response.headers["location"]) == (302, "/-/provenance/seed/queue?verdict=open")
    assert invoke(["check", seed_path, "--db", db_path, "--force"]).exit_code == 0
    db = storage.open_db(db_path)
    row, = storage.reviews(db, claim_id)
    assert {k: row[k] for k in ("claim_id", "verdict", "note", "reviewer")} == {
        "claim_id": claim_id, "verdict": "needs-source", "note": "no source for the arrival", "reviewer": "root"}
    assert storage.claim(db, claim_id)["latest_verdict"] == "needs-source"
    assert claim_id not in [r["id"] for r in storage.flagged_claims(db)]


@pytest.mark.model
@pytest.mark.parametrize("who, with_token, claim, verdict, status", [
    (None, False, "first", "acceptable", 403),  # anonymous
    ("root", False, "first", "acceptable", 403),  # no CSRF token
    ("mallory", True, "first", "acceptable", 403),  # signed in, but no review permission
    ("root", True, "0000000000000000", "acceptable", 404),  # unknown claim
    ("root", True, "first", "maybe", 400),  # unknown verdict
])
def test_a_verdict_is_refused(db_path, who, with_token, claim, verdict, status):
    ds = datasette(db_path)
    _, flagged = stored(db_path)
    cookies, token = sign_in(ds, who) if who else ({}, "")
    data = {"claim_id": flagged[0]["id"] if claim == "first" else claim, "verdict": verdict}
    if with_token:
        data["csrftoken"] = token
    assert post(ds, data, cookies).status_code == status
    assert storage.open_db(db_path)["reviews"].count == 0


@pytest.mark.model
def test_reviewers_are_configured_by_an_allow_block(db_path):
    ds = datasette(db_path, plugins={"provenance": {"reviewers": {"id": ["ann"]}}})
    _, flagged = stored(db_path)
    for actor, status in (("root", 403), ("ann", 302)):
        cookies, token = sign_in(ds, actor)
        data = {"csrftoken": token, "claim_id": flagged[0]["id"], "verdict": "skip"}
        assert post(ds, data, cookies).status_code == status
    assert [r["reviewer"] for r in storage.reviews(storage.open_db(db_path), flagged[0]["id"])] == ["ann"]


@pytest.mark.model
def test_the_metadata_labels_and_facets_the_tables(checked):
    ds = datasette(checked)
    assert ds.metadata("facets", database="seed", table="claims") == ["status"]
    assert ds.metadata("label_column", database="seed", table="sources") == "name"
    page = get(ds, "/seed/claims").text
    assert '<div class="facet-info facet-seed-claims-status" id="facet-status" data-column="status">' in page


@pytest.mark.model
@pytest.mark.parametrize("view, column, word", [
    ("claims", "text", "shelling"), ("claims", "text", "militants"), ("claims", "text", "Erdogan"),
    ("attributions", "content_text", "militants"), ("attributions", "content_text", "Moscow"),
])
def test_the_views_search_box_searches_their_full_text_index(checked, view, column, word):
    with sqlite3.connect(checked) as db:
        texts = [text for text, in db.execute(f"SELECT {column} FROM {view}")]
    expected = [text for text in texts if re.search(rf"\b{word}\b", text, re.IGNORECASE)]
    rows = get(datasette(checked), f"/seed/{view}.json?_search={word}&_shape=array&_col={column}&_size=max").json()
    assert sorted(row[column] for row in rows) == sorted(expected)
    assert 0 < len(expected) < len(texts)


@pytest.mark.model
def test_hostile_article_text_comes_out_escaped(cached_model, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text("Bridge <script>alert(0)</script> closed\n\n" + HOSTILE, encoding="utf-8")
    db_path = tmp_path / "h.db"
    assert invoke(["check", article, "--db", db_path]).exit_code == 0
    ds = datasette(db_path)
    article_id = storage.article_summaries(storage.open_db(db_path))[0]["id"]
    for path in (f"/-/provenance/h/articles/{quote(article_id, safe='')}", "/-/provenance/h/queue", "/-/provenance"):
        page = get(ds, path).text
        assert "<script>alert" not in page and 'onmouseover="alert' not in page and "\u202e" not in page, path
        assert "&lt;script&gt;alert(" in page, path


@pytest.mark.model
def test_the_static_report_has_the_same_highlights_as_the_json(cached_model, seed_path):
    page = invoke(["check", seed_path, "--no-db", "--format", "html"]).output
    analysis, = json.loads(invoke(["check", seed_path, "--no-db", "--format", "json"]).output)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and page.endswith("</html>\n")
    assert not re.search(r"<link|<img|<iframe|src=|url\(|@import", page)  # nothing fetched
    text = seed_path.read_text(encoding="utf-8")
    assert_highlights_match(Highlights(page).found, text, analysis["attributions"], prefix="1-")
