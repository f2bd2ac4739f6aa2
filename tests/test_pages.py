"""Web pages: the article's text and the page's metadata through trafilatura, the whole-page fallback with
its note, `provenance text`, and offsets into the stored text."""
import importlib
import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from provenance import pages
from provenance.cli import cli
from provenance.pages import NO_ARTICLE, read_page
from provenance.reading import iter_articles
from provenance.records import TRAFILATURA, WHOLE_PAGE, Page, text_digest

cli_module = importlib.import_module("provenance.cli")

BODY = [
    "The Harbor Bridge reopened to traffic on Thursday after a two-year repair that cost the city far more "
    "than planned, officials said.",
    "\u201cWe kept our promise to the east side,\u201d Mayor Dana Holt told reporters at the ribbon cutting. "
    "She said the final bill came to 41 million dollars.",
    "According to the transport department, about 30,000 vehicles are expected to cross the bridge each day, "
    "roughly the traffic it carried before it closed.",
    "The repairs replaced the steel deck and two of the four towers, which engineers had found corroded "
    "during an inspection in 2018.",
]
# An invented page: a nav bar, a script, a byline, a date, the story, related links, comments, a footer.
PAGE = (Path(__file__).parents[1] / "docs" / "examples" / "bridge.html").read_text(encoding="utf-8")
TEXT = "Harbor Bridge Reopens After Two Years\n\n" + "\n\n".join(BODY) + "\n"
CLUTTER = ["Home", "Sport", "window.analytics", "Related stories", "ferry timetable", "Finally!",
           "extra money", "All rights reserved", "By Ana Ruiz"]
# A page whose only text sits in a block marked as a footer: trafilatura finds no article in it.
FOOTER_ONLY = ('<html><body><div class="footer">The council voted on Monday to close the library, '
               'the clerk said.</div></body></html>')


def invoke(args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="provenance", **kwargs)


def test_the_article_and_the_page_s_metadata():
    extracted = read_page(PAGE, PAGE.encode())
    assert extracted.text == TEXT
    assert extracted.title == "Harbor Bridge Reopens After Two Years"
    assert extracted.page == Page("Ana Ruiz", "2021-03-04", "The Lakeside Courier",
                                  "https://courier.example.org/2021/03/harbor-bridge-reopens",
                                  text_digest(PAGE.encode().decode("latin-1")), TRAFILATURA)


@pytest.mark.parametrize("clutter", CLUTTER)
def test_page_furniture_stays_out(clutter):
    assert clutter not in read_page(PAGE, PAGE.encode()).text


def story(*inside: str, before: str = "") -> str:
    """An invented page: the story's paragraphs in an article, `inside` inserted after the first one."""
    paragraphs = [f"<p>{p}</p>" for p in BODY]
    paragraphs[1:1] = inside
    return (f"<html><head><title>Harbor Bridge Reopens</title></head><body>{before}<article>"
            f"<h1>Harbor Bridge Reopens</h1>{''.join(paragraphs)}</article></body></html>")


# Furniture inside the article's block, which trafilatura's own heuristics keep: (page, what stays out, what stays in).
FURNITURE_IN_THE_BODY = [
    # a card shown on hover over a name: the person's photo and latest headlines
    (story('<p>The works were paid for by Senator <span class="card"><a href="/people/lee">Rita Lee</a>'
           '<span class="pop"><img src="lee.jpg"><a href="/a1">Lee backs ferry plan for the east side</a>'
           '<a href="/a2">Senate passes transit bill after long night</a></span></span>, her office said.</p>'),
     "ferry plan", "The works were paid for by Senator Rita Lee, her office said."),
    # a teaser: a link wrapping another story's summary
    (story('<a href="/ferry"><h3>Ferry returns</h3><p>The east side ferry will sail again this summer, '
           'with three new boats bought from a yard in the north.</p></a>'),
     "three new boats", BODY[1]),
    # a promotion: one link over several sentences
    (story('<p>The council thanked the crews.<br><br><a href="/offer">Get the Courier Plus for a dollar a week '
           'in your first year. Use the code BRIDGE at checkout. Courier Plus brings you every story, every '
           'puzzle and every newsletter we publish, with no advertising at all.</a></p>'),
     "Courier Plus", "The council thanked the crews."),
    # the headline again below the lead, where the page's header puts it
    (story("<h2>Harbor Bridge Reopens</h2>"), "Harbor Bridge Reopens", BODY[1]),
]


@pytest.mark.parametrize("page, out, kept", FURNITURE_IN_THE_BODY)
def test_furniture_inside_the_article_stays_out(page, out, kept):
    text = read_page(page, page.encode()).text
    assert out not in text.split("\n", 1)[1] and kept in text


def test_the_whole_page_mode_reads_every_text_but_scripts_navigation_and_footers():
    extracted = read_page(PAGE, PAGE.encode(), pages.WHOLE)
    assert all(paragraph in extracted.text for paragraph in BODY)
    assert "Finally!" in extracted.text and "By Ana Ruiz" in extracted.text
    assert "window.analytics" not in extracted.text and "Home" not in extracted.text
    assert (extracted.page.extractor, extracted.page.note) == (WHOLE_PAGE, None)


def test_a_page_without_an_article_is_read_whole_with_a_note():
    extracted = read_page(FOOTER_ONLY, FOOTER_ONLY.encode())
    assert extracted.text == "The council voted on Monday to close the library, the clerk said.\n"
    assert (extracted.page.extractor, extracted.page.note) == (WHOLE_PAGE, NO_ARTICLE)


def test_a_page_trafilatura_fails_on_is_read_whole_with_the_note(monkeypatch):
    import trafilatura

    def fail(*args, **kwargs):
        raise ValueError("broken tree")

    monkeypatch.setattr(trafilatura, "bare_extraction", fail)
    extracted = read_page(PAGE, PAGE.encode())
    assert all(paragraph in extracted.text for paragraph in BODY)
    assert extracted.page.note == NO_ARTICLE


def test_an_html_file_is_an_article_of_its_extracted_text(tmp_path):
    path = tmp_path / "bridge.html"
    path.write_bytes(PAGE.encode("utf-16"))  # read by its byte-order mark; the digest is of the bytes
    [article] = iter_articles([str(path)])
    assert article.text == TEXT and article.version == text_digest(TEXT)
    assert article.page.source_digest == text_digest(PAGE.encode("utf-16").decode("latin-1"))
    assert article.title == "Harbor Bridge Reopens After Two Years"


def test_an_empty_page_is_an_error_never_an_empty_article(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body><p> </p></body></html>", encoding="utf-8")
    assert [str(item) for item in iter_articles([str(path)])] == [
        f"{path}: empty article; give a file with text in it"]


# A JSONL line may carry a saved page: in an `html` field, or as a `text` that is an HTML document.
JSONL_PAGES = [
    ({"id": "p1", "html": PAGE}, TEXT),
    ({"id": "p2", "text": PAGE}, TEXT),
    ({"id": "p3", "text": "  <!doctype html>" + PAGE.split(">", 1)[1]}, TEXT),
    # a text that only mentions markup is an article's text, as given
    ({"id": "p4", "text": "The <html> tag opens a page, the teacher said."}, "The <html> tag opens a page, the teacher said."),
]


@pytest.mark.parametrize("record, text", JSONL_PAGES)
def test_a_jsonl_line_may_carry_a_saved_page(tmp_path, record, text):
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = iter_articles([str(path)])
    assert article.text == text
    if text == TEXT:
        page = record.get("html") or record["text"]
        assert article.page.author == "Ana Ruiz" and article.page.extractor == TRAFILATURA
        assert article.page.source_digest == text_digest(page.encode("utf-8").decode("latin-1"))
        assert article.title == "Harbor Bridge Reopens After Two Years"
    else:
        assert article.page is None


def test_a_jsonl_page_is_read_in_the_html_mode_with_its_own_title(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"html": PAGE, "title": "Bridge open"}) + "\n", encoding="utf-8")
    [article] = iter_articles([str(path)], html_mode=pages.WHOLE)
    assert "Finally!" in article.text and article.page.extractor == WHOLE_PAGE
    assert article.title == "Bridge open"


def test_text_prints_a_jsonl_page_as_extracted(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"id": "bridge", "html": PAGE}) + "\n", encoding="utf-8")
    result = invoke(["text", path, "--format", "jsonl"])
    assert result.exit_code == 0
    [record] = map(json.loads, result.output.splitlines())
    assert (record["id"], record["text"], record["extractor"]) == ("bridge", TEXT, TRAFILATURA)


# provenance text


def test_text_prints_the_analysed_text_and_the_metadata(tmp_path):
    path = tmp_path / "bridge.html"
    path.write_text(PAGE, encoding="utf-8")
    result = invoke(["text", path])
    assert result.exit_code == 0
    assert result.output == (
        f"==> {path} <==\n"
        f"id: {path}\n"
        "title: Harbor Bridge Reopens After Two Years\n"
        f"version: {text_digest(TEXT)}\n"
        "author: Ana Ruiz\n"
        "published: 2021-03-04\n"
        "site: The Lakeside Courier\n"
        "url: https://courier.example.org/2021/03/harbor-bridge-reopens\n"
        f"source_digest: {text_digest(PAGE.encode().decode('latin-1'))}\n"
        "extractor: trafilatura\n"
        f"characters: {len(TEXT)}\n\n" + TEXT + "\n")


def test_text_jsonl_holds_what_offsets_index(tmp_path):
    (tmp_path / "bridge.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.txt").write_bytes(b"Town Votes\r\rThe council voted, the clerk said.\r")
    (tmp_path / "post.md").write_text("# Town *Votes*\n\nThe council **voted**, the clerk said.\n", encoding="utf-8")
    result = invoke(["text", tmp_path, "--format", "jsonl"])
    assert result.exit_code == 0
    records = {r["path"].rsplit("/", 1)[1]: r for r in map(json.loads, result.output.splitlines())}
    assert records["bridge.html"]["text"] == TEXT
    assert records["bridge.html"]["author"] == "Ana Ruiz"
    assert records["notes.txt"]["text"] == "Town Votes\n\nThe council voted, the clerk said.\n"
    assert records["notes.txt"]["title"] == "Town Votes"
    assert records["post.md"]["text"] == "  Town  Votes \n\nThe council   voted  , the clerk said.\n"
    assert records["post.md"]["title"] == "Town  Votes"
    for name, record in records.items():
        assert record["characters"] == len(record["text"]), name
        assert "author" in record or name != "bridge.html"


def test_text_notes_a_fallback_and_reports_a_bad_input_while_the_others_print(tmp_path):
    (tmp_path / "a.html").write_text(FOOTER_ONLY, encoding="utf-8")
    result = invoke(["text", tmp_path / "a.html", tmp_path / "missing.txt"])
    assert result.exit_code == 1
    assert result.stderr == (f"note: {tmp_path / 'a.html'}: {NO_ARTICLE}\n"
                             f"error: {tmp_path / 'missing.txt'}: no such file or folder; check the path\n")
    assert "The council voted on Monday" in result.stdout


def test_text_needs_no_pipeline(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("text loaded a pipeline")

    monkeypatch.setattr(cli_module, "load_pipeline", refuse)
    (tmp_path / "a.txt").write_text("The mayor said so.\n", encoding="utf-8")
    assert invoke(["text", tmp_path / "a.txt"]).exit_code == 0


# check on a page


@pytest.mark.model
def test_check_stores_the_extracted_text_and_the_metadata_and_offsets_index_it(engine, tmp_path, monkeypatch):
    monkeypatch.setattr(cli_module, "load_pipeline", lambda name=None: engine.nlp)
    path, db_path = tmp_path / "bridge.html", tmp_path / "x.db"
    path.write_text(PAGE, encoding="utf-8")
    result = invoke(["check", path, "--db", db_path, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["article"]["author"] == "Ana Ruiz" and record["article"]["published"] == "2021-03-04"
    row = next(sqlite_utils.Database(db_path).query("SELECT * FROM articles WHERE id = ?", [str(path)]))
    assert row["text"] == TEXT and row["extractor"] == TRAFILATURA and row["site"] == "The Lakeside Courier"
    for claim in record["claims"]:
        assert TEXT[claim["start"]:claim["end"]] == claim["text"]
    for attribution in record["attributions"]:
        for span in attribution["content"] + [attribution["cue"]] + [attribution["source"] or attribution["cue"]]:
            assert TEXT[span["start"]:span["end"]] == span["text"]
    assert not any(clutter in claim["text"] for claim in record["claims"] for clutter in CLUTTER)
    speakers = {a["speaker"]["name"] for a in record["attributions"] if a["speaker"]}
    assert "Dana Holt" in speakers


@pytest.mark.model
def test_check_notes_a_page_read_whole(engine, tmp_path, monkeypatch):
    monkeypatch.setattr(cli_module, "load_pipeline", lambda name=None: engine.nlp)
    (tmp_path / "a.html").write_text(FOOTER_ONLY, encoding="utf-8")
    result = invoke(["check", tmp_path / "a.html", "--no-db"])
    assert result.exit_code == 0
    assert result.stderr == f"note: {tmp_path / 'a.html'}: {NO_ARTICLE}\n"


# benchmarks/extraction.py: the article-extraction benchmark's scoring


@pytest.mark.parametrize("true, predicted, expected", [
    ("one two three four five", "one two three four five", (1.0, 1.0)),
    # navigation kept: two shingles of six are false
    ("one two three four five six seven", "one two three four five six seven home news sport", (4 / 7, 1.0)),
    # half the article lost
    ("a b c d e f g h", "a b c d e", (1.0, 2 / 5)),
    # "Boeing 's" and "Boeing's" are the same words
    ("Emirates buys Boeing 's jets today", "Emirates buys Boeing's jets today", (1.0, 1.0)),
])
def test_extraction_scores_by_word_shingles(true, predicted, expected):
    from benchmarks.extraction import extraction_scores

    scores = extraction_scores([(true, predicted)])
    assert (scores["precision"], scores["recall"]) == pytest.approx(expected)


def test_a_page_with_nothing_extracted_counts_for_recall_only():
    from benchmarks.extraction import extraction_scores

    scores = extraction_scores([("one two three four five", "one two three four five"), ("a b c d e", "")])
    assert (scores["precision"], scores["recall"]) == pytest.approx((1.0, 0.5))
