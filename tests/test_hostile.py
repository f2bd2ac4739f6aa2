"""Hostile input: whatever text the web throws at it, the engine finishes with in-bounds offsets.

Timings belong in benchmarks/throughput.py and benchmarks/pathological.py; these tests only check behaviour.
"""
import contextlib
import csv
import io
import json
import signal
from types import SimpleNamespace

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings, strategies as st

from provenance.errors import InputError
from provenance.escaping import escape_cell, escape_json, escape_terminal
from provenance.report import Writer, as_csv, as_dict, as_jsonl, as_text, csv_header
from provenance.text import chunk_text
from provenance.layout import read_layout
from provenance.quotes import find_quotes
from provenance.reading import iter_articles
from provenance.records import Analysis, Article, Attribution, Claim, Cue, Span, Speaker
from provenance.rules import load_rules


def assert_in_bounds(analysis):
    text = analysis.article.text
    for attribution in analysis.attributions:
        spans = list(attribution.content) + list(attribution.cues) + [s for s in [attribution.source] if s]
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start:span.end] == span.text
    for claim in analysis.claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start:claim.end] == claim.text


HOSTILE = {
    "50,000 quotation marks": "“" * 25_000 + "”" * 25_000,
    "alternating marks and words": " ".join(['"a', 'b"', "“c", "d”", "''e", "f''"] * 2_000),
    "only quote marks": "\"“”«»''``" * 200,
    "mixed scripts and right-to-left": (
        "The ministry said that the border would reopen. "
        "قال المتحدث إن الحدود ستفتح. "
        "«Мы не отступим ни на шаг», — сказал он. "
        "\u202eThe envoy said that talks would resume.\u202c "
        "他说：“我们会继续谈判。” "
        "שר החוץ אמר כי השיחות יימשכו.\n"
    ) * 20,
    "control characters": "The ministry\u0001 said\u0007 that the bridge\u000b fell.\x1b[31m\n" * 50,
    "no spaces": "x" * 30_000,
    "lone surrogate-free emoji": "“🙂🙃 said the 🤖 to the 👾 today,” he said. 🔥" * 100,
    # unclosed tags whose quoted values also read as unquoted ones, which a careless tag pattern
    # tries in exponentially many ways
    "ambiguous unclosed tags": ('<a' + ' x="y z=w"' * 30 + '\n') * 100,
    "markup around what was said": '<p>The ministry said <b>that the bridge</b> fell.</p><br/>\n' * 500,
    # a speaker label after thousands of line-opening quotation marks
    "quotation marks before a label": ('"' * 3_000 + "PORTER: The budget will pass.\n\n") * 3,
}


@pytest.mark.model
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_finishes_in_bounds(engine, name):
    assert_in_bounds(engine.analyze(Article.from_text(HOSTILE[name], name)))


@pytest.mark.model
def test_a_single_200000_character_line(engine):
    line = "The ministry said that the bridge had been destroyed overnight, and nobody was hurt. " * 2_400
    assert len(line) > 200_000 and "\n" not in line
    analysis = engine.analyze(Article.from_text(line, "long-line"))
    assert_in_bounds(analysis)
    assert len(analysis.attributions) == 2_400


def test_a_10_mb_article_splits_into_chunks_that_rebuild_it():
    paragraph = "“The first words of a long quotation,” she said. Then came more text, and more.\n\n"
    text = paragraph * (10_000_000 // len(paragraph))
    assert len(text) > 9_900_000
    chunks = chunk_text(text, 100_000)
    assert "".join(chunks) == text
    assert max(len(c) for c in chunks) <= 100_000
    assert len(find_quotes(text)) == text.count("“")
    assert len(read_layout(text, load_rules()).paragraphs) == text.count("\n\n")


def test_chunks_of_one_long_line_cut_at_sentence_ends():
    text = "One sentence here. " * 20_000
    chunks = chunk_text(text, 100_000)
    assert "".join(chunks) == text
    assert all(c.endswith(". ") for c in chunks[:-1])


def test_nul_bytes_are_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"The ministry said\x00 it.")
    [error] = list(iter_articles([str(path)]))
    assert str(error) == f"{path}: looks binary (NUL byte at offset 17); give a UTF-8 text article"


# Untrusted text on its way out: escaped for a terminal, defused in a spreadsheet cell, exact in JSON


ESC_2J = "\x1b[2J"  # clears the screen
OSC_TITLE = "\x1b]0;owned\x07"  # sets the window title
OSC_52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # writes the clipboard
TRUNCATED_CSI = "\x1b[ "  # an intermediate byte, so the terminal swallows what follows up to a final byte


# (text, what is done with line breaks, what the terminal shows)
TERMINAL_TABLE = [(text, "escape", shown) for text, shown in [
    ("plain text, “curly”, «guillemets», 他说, قال", "plain text, “curly”, «guillemets», 他说, قال"),
    (f"before{ESC_2J}after", "before\\x1b[2Jafter"),
    (f"title{OSC_TITLE}", "title\\x1b]0;owned\\x07"),
    (f"copy{OSC_52}", "copy\\x1b]52;c;cm0gLXJmIH4=\\x07"),
    (f"Ali{TRUNCATED_CSI}Hassan said", "Ali\\x1b[ Hassan said"),
    ("\u202eevil.exe\u202c", "\\u202eevil.exe\\u202c"),
    ("\u2066isolate\u2069 \u200eleft\u200f \u061carabic", "\\u2066isolate\\u2069 \\u200eleft\\u200f \\u061carabic"),
    ("nul\x00 bell\x07 backspace\x08 del\x7f", "nul\\x00 bell\\x07 backspace\\x08 del\\x7f"),
    ("c1 csi\x9b2J nel\x85", "c1 csi\\x9b2J nel\\x85"),
    ("tab\there", "tab\\there"),
    ("lines\nand\r\nends\r", "lines\\nand\\r\\nends\\r"),
    ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
]] + [
    ("a\nb\r\nc\rd\te", "keep", "a\nb\\r\nc\\rd\\te"),
    ("a\nb\r\nc\rd\te", "space", "a b c d\\te"),
]


@pytest.mark.parametrize("text, newlines, shown", TERMINAL_TABLE)
def test_escape_terminal(text, newlines, shown):
    assert escape_terminal(text, newlines=newlines) == shown


def test_escape_terminal_refuses_an_unknown_mode():
    with pytest.raises(ValueError, match="newlines must be one of"):
        escape_terminal("x", newlines="drop")


@pytest.mark.parametrize("value, cell", [
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("the toll was -2+3", "the toll was -2+3"),
    ("a=b", "a=b"),
    ("", ""),
    (-2, -2),
    (0.95, 0.95),
])
def test_escape_cell(value, cell):
    assert escape_cell(value) == cell


JSON_HOSTILE = [ESC_2J, OSC_TITLE, OSC_52, TRUNCATED_CSI, "\u202e", "\x7f", "\x9b", "\ud800", "\u2028", "\n\t\"\\"]


@pytest.mark.parametrize("value", JSON_HOSTILE)
def test_escape_json_keeps_the_value_and_leaves_no_control_raw(value):
    dumped = escape_json(json.dumps({"text": value}, ensure_ascii=False))
    assert json.loads(dumped) == {"text": value}
    assert escape_terminal(dumped) == dumped  # nothing a terminal would act on


def hostile_analysis():
    """A hand-made analysis whose title, path, speaker, content and claims carry terminal and formula attacks."""
    text = (f"Ali{TRUNCATED_CSI}Hassan said the bridge{ESC_2J} would stay closed.\n"
            '«=HYPERLINK("http://evil.example","click")», the minister added.\n'
            f"The toll{OSC_52} was -2+3.\n"
            "\u202eThe town\tfell.\n")

    def span(part):
        start = text.index(part)
        return Span(start, start + len(part), part)

    def cue(part, lemma):
        found = span(part)
        return Cue(found.start, found.end, part, lemma, "neutral", "verb.neutral")

    def claim(part, status, attribution, weight):
        found = span(part)
        return Claim(found.start, found.end, part, status, attribution, weight, ())

    ali = Speaker(f"Ali{TRUNCATED_CSI}Hassan", "official", "source.ali")
    attributions = (
        Attribution("a1", "indirect", (span(f"the bridge{ESC_2J} would stay closed"),), (cue("said", "say"),),
                    span(f"Ali{TRUNCATED_CSI}Hassan"), ali, False, "alias", 0.95, ("verb.neutral",)),
        Attribution("a2", "direct", (span('=HYPERLINK("http://evil.example","click")'),), (cue("added", "add"),),
                    span("the minister"), ali, False, "role-descriptor", 0.75, ("verb.neutral",)),
    )
    claims = (
        claim(f"Ali{TRUNCATED_CSI}Hassan said the bridge{ESC_2J} would stay closed.", "attributed", "a1", 0.5),
        claim(f"The toll{OSC_52} was -2+3.", "unattributed", None, 2.0),
        claim("\u202eThe town\tfell.", "unattributed", None, 1.0),
    )
    article = Article.from_text(text, "wire/\u202etxt.exe", f"Bridge{OSC_TITLE} closed")
    return Analysis(article, attributions, claims, "en_core_web_sm", "3.8.0", "r1", "0.1.0")


HOSTILE_REPORT = """\
wire/\\u202etxt.exe: Bridge\\x1b]0;owned\\x07 closed
  Attributions (2):
    Ali\\x1b[ Hassan [official] ← said
      "the bridge\\x1b[2J would stay closed"
    Ali\\x1b[ Hassan [official] ← added (as “the minister”)
      "=HYPERLINK("http://evil.example","click")"
  Claims on nobody's word or vague authority, most check-worthy first (2):
      2.0  unattributed b2bdbc63517ebe83  "The toll\\x1b]52;c;cm0gLXJmIH4=\\x07 was -2+3."
      1.0  unattributed e073df5abb626900  "\\u202eThe town\\tfell."
  2 attributions; 3 claims: 1 attributed, 0 vague, 2 unattributed
"""


def test_the_text_report_shows_every_control_escaped():
    assert as_text(hostile_analysis()) == HOSTILE_REPORT


def test_csv_cells_that_a_spreadsheet_would_run_are_defused():
    analysis = hostile_analysis()
    article_id = analysis.article.id
    rows = list(csv.reader(io.StringIO(csv_header() + as_csv(analysis))))
    assert rows[1:] == [
        [article_id, "wire/\u202etxt.exe", "a1", "indirect", f"Ali{TRUNCATED_CSI}Hassan", "official", "0", "said",
         "verb.neutral", "neutral", f"Ali{TRUNCATED_CSI}Hassan", f"the bridge{ESC_2J} would stay closed",
         "18", "50", "alias", "0.95"],
        [article_id, "wire/\u202etxt.exe", "a2", "direct", f"Ali{TRUNCATED_CSI}Hassan", "official", "0", "added",
         "verb.neutral", "neutral", "the minister", '\'=HYPERLINK("http://evil.example","click")', "53", "94",
         "role-descriptor", "0.75"],
    ]


def test_json_and_jsonl_keep_the_article_exact():
    analysis = hostile_analysis()
    assert json.loads(as_jsonl(analysis)) == json.loads(json.dumps(as_dict(analysis)))
    assert escape_terminal(as_jsonl(analysis)) == as_jsonl(analysis)
    writer = Writer("json")
    written = writer.start() + writer.add(analysis)[0] + writer.end("")
    assert json.loads(written) == [json.loads(as_jsonl(analysis))]
    assert escape_terminal(written, newlines="keep") == written


def test_an_error_quoting_input_is_escaped_but_keeps_its_lines():
    error = InputError(f"nope{OSC_TITLE}.txt: no such file or folder; check the path\nsecond line")
    assert Writer("text").add(error) == (
        "", "error: nope\\x1b]0;owned\\x07.txt: no such file or folder; check the path\nsecond line\n")


@pytest.mark.model
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("“”\"«»' \n.,:–")), max_size=400))
def test_random_unicode_through_the_whole_engine(engine, text):
    if not text.strip():
        return
    assert_in_bounds(engine.analyze(Article.from_text(text, "fuzz")))


def test_a_run_without_white_space_is_cut_for_the_tokenizer():
    text = "Before. " + "“" * 1_200 + " after."
    chunks = chunk_text(text, 100_000)
    assert "".join(chunks) == text
    assert [len(c) for c in chunks] == [508, 500, 207]


# Denial of service: shapes that made the linker rescan per link, at sizes where a quadratic run
# takes many minutes. Each test has a generous time-out as a safety net, never a speed assertion:
# the figures are in benchmarks/pathological.py and docs/performance.md.


@contextlib.contextmanager
def time_out(seconds):
    """Fail a test still running after `seconds` rather than let it hang the suite."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: a super-linear pass is back")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.model
def test_quotations_without_a_cue_after_many_statements_on_one_line(engine):
    # each quotation looked back over every statement of its paragraph for one that quotes
    text = "Officials said that taxes would rise. " * 4_000 + "“These words have no cue at all here.” " * 4_000
    with time_out(600):
        analysis = engine.analyze(Article.from_text(text, "orphans"))
    assert_in_bounds(analysis)
    assert len(analysis.attributions) == 4_000


@pytest.mark.model
def test_many_statements_each_with_a_quoted_term(engine):
    # each statement was checked against every quotation and quoted term of the article
    text = 'He said that the “plan” works well. ' * 8_000
    with time_out(600):
        analysis = engine.analyze(Article.from_text(text, "terms"))
    assert_in_bounds(analysis)
    assert [a.kind for a in analysis.attributions] == ["mixed"] * 8_000


def test_nested_statements_are_dropped_against_a_cover_not_a_list():
    from provenance.cues import CueMatch
    from provenance.linking.cleanup import drop_nested
    from provenance.linking.conventions import CHECK
    from provenance.linking.found import Draft, Found

    def belief(head, content):
        cue = CueMatch(head, head + 1, head, "verb", "think", "neutral", "verb.x", scope="thought")
        return Draft("indirect", [content], [cue], (0, 1), [])

    # 40,000 beliefs side by side, all kept: each was checked against every one kept before it
    count = 40_000
    index = SimpleNamespace(conventions=CHECK, starts=[10 * i for i in range(count)] + [3])
    beliefs = [belief(i, (10 * i + 1, 10 * i + 5)) for i in range(count)]
    inside = belief(count, (10 * count + 1, 10 * count + 2))  # its cue at character 3, in the first one's content
    found = Found(drafts=beliefs + [inside])
    with time_out(120):
        drop_nested(index, found)
    assert found.drafts == beliefs


@pytest.mark.model
@pytest.mark.xfail(run=False, reason="each 'said' reports the rest of the sentence, which holds every 'said' "
                   "after it: the output grows with the square of the marks and the Token.subtree walks of "
                   "complements with the cube; bounding it changes output (issue 18)")
def test_unbalanced_quotes_he_said_repeated(engine):
    with time_out(600):
        assert_in_bounds(engine.analyze(Article.from_text('He said "' * 11_000, "unbalanced")))


@pytest.mark.model
def test_an_article_over_max_chars_is_refused_and_the_others_saved(tmp_path, engine, monkeypatch):
    from click.testing import CliRunner

    from provenance import cli as cli_module

    monkeypatch.setattr(cli_module, "load_pipeline", lambda name=None: engine.nlp)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The minister said that the bridge would reopen.\n")
    (folder / "b.txt").write_text("The mayor said that taxes would rise. " * 40)
    (folder / "c.txt").write_text("Jane Doe said that it rained all week.\n")
    db_path = tmp_path / "p.db"
    result = CliRunner().invoke(cli_module.cli, ["check", str(folder), "--db", str(db_path), "--max-chars", "1000"],
                                prog_name="provenance")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {folder / 'b.txt'}: 1,520 characters, over --max-chars 1,000; "
                             "split it or raise the limit\n")
    assert result.stdout.endswith(f"2 articles checked, 1 failed; findings in {db_path}\n")
    paths = [row["path"] for row in sqlite_utils.Database(db_path)["articles"].rows]
    assert paths == [str(folder / "a.txt"), str(folder / "c.txt")]


def test_max_chars_refuses_only_what_is_longer():
    from provenance.batch import too_long

    article = Article.from_text("x" * 10, "ten.txt")
    assert too_long(article, 10) is None and too_long(article, None) is None
    assert str(too_long(article, 9)) == "ten.txt: 10 characters, over --max-chars 9; split it or raise the limit"
