"""Hostile input: whatever text the web throws at it, the engine finishes with in-bounds offsets.

Timings belong in benchmarks/throughput.py and benchmarks/pathological.py; these tests only check behaviour.
"""
import contextlib
import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
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
def test_unbalanced_quotes_he_said_repeated(engine):
    # The parser hangs each `He said "` on the one before, so each "said" reported all that
    # follows: output growing with the square of the text, and time with its cube through
    # spaCy's recursive `Token.subtree`. Statements nested past MAX_NESTING are not linked,
    # and subtrees are read between their edges.
    from provenance.linking.verbs import MAX_NESTING

    text = 'He said "' * 11_000  # 99,000 characters: one parse chunk, one chain 11,000 verbs deep
    with time_out(600):
        analysis = engine.analyze(Article.from_text(text, "unbalanced"))
    assert_in_bounds(analysis)
    reported = sum(len(span.text) for attribution in analysis.attributions for span in attribution.content)
    assert len(analysis.attributions) <= MAX_NESTING + 1 and reported <= (MAX_NESTING + 1) * len(text)


@pytest.mark.model
@pytest.mark.parametrize("levels", [3, 8])
def test_statements_nested_past_the_limit_stay_in_what_the_verbs_above_report(engine, levels):
    from provenance.linking.verbs import MAX_NESTING

    names = [chr(ord("A") + level) for level in range(levels)]
    text = "".join(f"{name} said that " for name in names) + "it rained."
    analysis = engine.analyze(Article.from_text(text, "nested"))
    assert [a.source.text for a in analysis.attributions] == names[:MAX_NESTING]
    assert analysis.attributions[-1].content[0].text.endswith("it rained")


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


# Faults around a run: an interrupt, a killed parent, a failed write of the output, a bad option.
# Each is run as a user meets it, the real command in a subprocess, with a time-out as a safety net.

CLI = [sys.executable, "-c", "from provenance.cli import cli; cli()"]
ARTICLE = "Bridge Closed in Riverside\n\nThe mayor said the bridge would stay closed until Friday, report {}.\n"


def corpus(folder, count):
    folder.mkdir()
    for number in range(count):
        (folder / f"a{number:04}.txt").write_text(ARTICLE.format(number), encoding="utf-8")
    return folder


def rows(db_path, sql):
    db = sqlite_utils.Database(db_path)
    try:
        return list(db.query(sql))
    except sqlite3.OperationalError:  # not created yet
        return []
    finally:
        db.conn.close()


def wait_for(predicate, seconds, every=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def children(pid):
    """The ids of the processes whose parent is `pid` (Linux: read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def alive(pid):
    """Whether `pid` runs: not gone, and not a zombie waiting for a parent to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")


@pytest.mark.model
@linux_only
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_ends_a_run_in_one_line_with_130_and_marks_it_interrupted(tmp_path, jobs):
    folder, db_path = corpus(tmp_path / "in", 2_000), tmp_path / "p.db"
    process = subprocess.Popen([*CLI, "check", str(folder), "--db", str(db_path), "--jobs", jobs],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        assert wait_for(lambda: rows(db_path, "SELECT id FROM articles LIMIT 1"), 300), "no article saved"
        workers = children(process.pid)
        os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        _, stderr = process.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130
    assert re.fullmatch(r"Interrupted: \d+ articles? checked, 0 failed; findings in .*; "
                        r"the same command resumes where it stopped\n", stderr), stderr
    run, = rows(db_path, "SELECT status, finished_at, articles_checked FROM runs")
    assert run["status"] == "interrupted" and run["finished_at"] is not None
    assert 0 < run["articles_checked"] < 2_000
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 30)


@pytest.mark.model
@pytest.mark.parametrize("signum,status", [(signal.SIGTERM, 143), (getattr(signal, "SIGHUP", signal.SIGTERM), 129)])
def test_kill_and_a_closed_terminal_end_a_run_like_ctrl_c(tmp_path, signum, status):
    folder, db_path = corpus(tmp_path / "in", 2_000), tmp_path / "p.db"
    # One process, as when the test was written; --jobs 2 under SIGTERM is the Ctrl-C test's ground.
    process = subprocess.Popen([*CLI, "check", str(folder), "--db", str(db_path), "--jobs", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: rows(db_path, "SELECT id FROM articles LIMIT 1"), 300), "no article saved"
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert (process.returncode, stderr.startswith("Interrupted: "), stderr.count("\n")) == (status, True, 1)
    assert rows(db_path, "SELECT status FROM runs") == [{"status": "interrupted"}]


SLOW_PARENT = """
import sys, time
from types import SimpleNamespace
from provenance import batch
from provenance.batch import check_articles
from provenance.records import Article

if sys.argv[1] == "watch":  # as where there is no prctl: each worker watches its parent's id
    batch._ask_for_parent_death_signal = lambda: False

class Slow:
    model_name, model_version, rules, nlp = "m", "1", SimpleNamespace(digest="r"), None
    def analyze_many(self, articles, batch_size):
        time.sleep(600)

print("started", flush=True)
articles = [Article.from_text(f"Text {i}.", f"a{i}.txt") for i in range(64)]
list(check_articles(articles, Slow(), jobs=2, batch_size=4))
"""


@linux_only
@pytest.mark.parametrize("how", ["prctl", "watch"])
def test_workers_die_with_a_killed_parent(how):
    process = subprocess.Popen([sys.executable, "-c", SLOW_PARENT, how], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "started\n"
        assert wait_for(lambda: len(children(process.pid)) >= 2, 60), "no workers started"
        time.sleep(0.5)  # the workers are past their start-up
        workers = children(process.pid)
        process.kill()
        process.wait(timeout=30)
        # before, they slept on, parsing for nobody, until their own work was done
        assert wait_for(lambda: not any(alive(pid) for pid in workers), 20), "workers outlived their parent"
    finally:
        process.kill()
        for pid in children(process.pid) + locals().get("workers", []):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_a_worker_takes_no_interrupt_of_its_own():
    from provenance.batch import _start_worker

    pid = os.fork()
    if pid == 0:  # the child: as a worker starts, then Ctrl-C to it alone
        code = 1
        try:
            _start_worker(os.getppid())
            os.kill(os.getpid(), signal.SIGINT)
            code = 0 if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def run_cli(args, stdout, timeout=300):
    return subprocess.run([*CLI, *map(str, args)], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=timeout)


full_device = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


@full_device
@pytest.mark.parametrize("args", [["rules", "check"], ["--help"]])
def test_output_to_a_full_device_fails_in_one_line(args):
    with open("/dev/full", "w") as full:
        result = run_cli(args, full)
    assert (result.returncode, result.stderr) == (
        1, "Error: cannot write the output: No space left on device; free some space or send the output elsewhere\n")


@pytest.mark.model
@full_device
def test_check_jsonl_to_a_full_device_fails_in_one_line_and_ends_its_run(tmp_path):
    folder, db_path = corpus(tmp_path / "in", 40), tmp_path / "p.db"
    with open("/dev/full", "w") as full:
        result = run_cli(["check", folder, "--db", db_path, "--format", "jsonl"], full)
    assert (result.returncode, result.stderr) == (
        1, "Error: cannot write the output: No space left on device; free some space or send the output elsewhere\n")
    assert [row["status"] for row in rows(db_path, "SELECT status FROM runs")] == ["interrupted"]


def test_a_closed_pipe_ends_quietly():
    process = subprocess.Popen([*CLI, "rules", "check"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    assert process.wait(timeout=120) == 1
    assert process.stderr.read() == b""


@pytest.mark.parametrize("limit", ["-1", "0"])
def test_eval_limit_below_one_is_refused_by_name(tmp_path, limit):
    from click.testing import CliRunner

    from provenance.cli import cli
    result = CliRunner().invoke(cli, ["eval", str(tmp_path), "--limit", limit], prog_name="provenance")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--limit': {limit} is not in the range x>=1."


class StoppingEngine:
    """Stands in for the engine: analyzes an article into no findings, and takes Ctrl-C at one that says STOP."""

    model_name, model_version, rules = "m", "1", SimpleNamespace(digest="r", overrides=())
    scope, conventions_key = "speech", "c"

    def analyze_many(self, articles, batch_size):
        if any("STOP" in article.text for article in articles):
            raise KeyboardInterrupt
        return [Analysis(article, (), (), self.model_name, self.model_version, self.rules.digest, "0", self.scope,
                         self.conventions_key) for article in articles]


@pytest.mark.parametrize("db,stderr", [
    (True, "Interrupted: 16 articles checked, 0 failed; findings in {db}; the same command resumes where it stopped\n"),
    (False, "Interrupted: 16 articles checked, 0 failed\n"),
])
def test_an_interrupt_mid_run_is_one_line_and_the_run_ends_interrupted(tmp_path, monkeypatch, db, stderr):
    from click.testing import CliRunner

    from provenance import cli as cli_module

    monkeypatch.setattr(cli_module, "_engine", lambda *args, **kwargs: StoppingEngine())
    folder, db_path = corpus(tmp_path / "in", 16), tmp_path / "p.db"
    (folder / "b.txt").write_text("STOP here.\n", encoding="utf-8")  # the second batch
    where = ["--db", str(db_path)] if db else ["--no-db"]
    result = CliRunner().invoke(cli_module.cli, ["check", str(folder), "--jobs", "1", *where], prog_name="provenance")
    assert (result.exit_code, result.stderr) == (130, stderr.format(db=db_path))
    assert result.stdout.count(": (untitled)\n") == 16 and "checked" not in result.stdout  # no summary
    if db:
        run, = rows(db_path, "SELECT status, articles_checked, finished_at FROM runs")
        assert (run["status"], run["articles_checked"], run["finished_at"] is not None) == ("interrupted", 16, True)
        assert len(rows(db_path, "SELECT id FROM articles")) == 16


@pytest.mark.model
@full_device
def test_eval_scores_to_a_full_device_fail_in_one_line(tmp_path, engine, monkeypatch):
    from click.testing import CliRunner

    from provenance import cli as cli_module

    monkeypatch.setattr(cli_module, "load_pipeline", lambda name=None: engine.nlp)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a1", "text": "The mayor said the bridge would close.", "attributions": []}) + "\n")
    result = CliRunner().invoke(cli_module.cli, ["eval", str(gold), "--json", "/dev/full"], prog_name="provenance")
    assert (result.exit_code, result.stderr) == (
        1, "Error: /dev/full: cannot write the scores (No space left on device); pass another --json path\n")


def read_until(stream, wanted: bytes, seconds: float, times: int = 1) -> bytes:
    """What a process wrote to `stream` until it holds `wanted` `times` times; fails after `seconds` without."""
    import select

    seen, deadline = b"", time.monotonic() + seconds
    while seen.count(wanted) < times:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(stream.fileno(), 4096) if ready else b""
        assert chunk, f"never wrote {wanted!r}; wrote {seen!r}"
        seen += chunk
    return seen


def test_ctrl_c_at_the_review_prompt_exits_130_in_one_line_and_keeps_the_verdicts_given(tmp_path):
    from provenance import storage

    db_path = tmp_path / "p.db"
    db = storage.open_db(db_path)
    storage.save(db, hostile_analysis())  # two flagged claims
    storage.close(db)
    process = subprocess.Popen([*CLI, "review", "--reviewer", "eve", "--db", str(db_path)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        process.stdin.write(b"n\nno source\n")
        process.stdin.flush()
        shown = read_until(process.stdout, b"Verdict:", 120, times=2)  # waiting at the second claim's prompt
        assert b"[2/2]" in shown
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert (process.returncode, stderr.decode()) == (
        130, "Interrupted: 1 verdict recorded; 1 flagged claims still open\n")  # before: "Aborted!" and 1
    assert rows(db_path, "SELECT verdict, note, reviewer FROM reviews") == [
        {"verdict": "needs-source", "note": "no source", "reviewer": "eve"}]


@linux_only
def test_the_next_run_marks_each_run_whose_process_is_gone_abandoned(tmp_path):
    import socket

    from provenance import storage
    from provenance.batch import Run

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    zombie = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    zombie.kill()  # and not reaped: its id stays taken
    here, now, long_ago = socket.gethostname(), storage._now(), "2000-01-01T00:00:00+00:00"
    cases = [  # (process id, machine, started at, status once the next run starts)
        (ended.pid, here, now, storage.ABANDONED),  # killed outright: no process has its id
        (zombie.pid, here, now, storage.ABANDONED),
        (os.getpid(), here, long_ago, storage.ABANDONED),  # its id since taken by a process that started later
        (os.getpid(), here, now, None),  # still running
        (ended.pid, "another-machine", now, None),  # nothing here can tell
        (None, here, now, None),  # written before runs kept their process
    ]
    db_path = tmp_path / "p.db"
    db = storage.open_db(db_path)
    for pid, host, started_at, _ in cases:
        run_id = storage.start_run(db, tool_version="0", model="m", model_version="1", rules_digest="r",
                                   command="provenance check", pid=pid, host=host)
        db.execute("UPDATE runs SET started_at = ? WHERE id = ?", [started_at, run_id])
    db.conn.commit()
    storage.close(db)
    try:
        assert wait_for(lambda: not alive(zombie.pid), 30)
        run = Run.start(StoppingEngine(), str(db_path), "provenance check")
        run.finish()
    finally:
        zombie.wait()
    statuses = [row["status"] for row in rows(db_path, "SELECT status FROM runs ORDER BY id")]
    assert statuses == [status for *_, status in cases] + [storage.FINISHED]
    assert rows(db_path, "SELECT pid, host FROM runs ORDER BY id DESC LIMIT 1") == [
        {"pid": os.getpid(), "host": socket.gethostname()}]


@pytest.mark.model
@linux_only
def test_kill_twice_with_two_processes_ends_the_run_interrupted(tmp_path):
    # The parent of --jobs 2 waits on its workers, so a signal can land anywhere in its
    # bookkeeping: between a batch's BEGIN and COMMIT, in ending the pool, or in recording the
    # run's end, where a second one (kill, then kill again) left the status empty.
    folder, db_path = corpus(tmp_path / "in", 2_000), tmp_path / "p.db"
    process = subprocess.Popen([*CLI, "check", str(folder), "--db", str(db_path), "--jobs", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: rows(db_path, "SELECT id FROM articles LIMIT 1"), 300), "no article saved"
        process.send_signal(signal.SIGTERM)
        time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert rows(db_path, "SELECT status FROM runs") == [{"status": "interrupted"}]
    # A second signal that comes once the run's end is recorded ends the process as kill does,
    # maybe before the line is printed (a shell shows 143 either way); never a traceback.
    assert process.returncode in (143, -signal.SIGTERM)
    assert stderr == "" or (stderr.startswith("Interrupted: ") and stderr.count("\n") == 1), stderr


class CutAfterBegin(sqlite3.Connection):
    """A connection that takes an interrupt right after its next BEGIN, before the write it opens."""

    cut = True

    def execute(self, sql, *args):
        cursor = super().execute(sql, *args)
        if sql.startswith("BEGIN") and self.cut:
            self.cut = False
            raise KeyboardInterrupt
        return cursor


def test_an_interrupt_just_after_begin_leaves_no_write_open(tmp_path):
    from provenance import storage

    storage.close(storage.open_db(tmp_path / "p.db"))
    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "p.db", factory=CutAfterBegin))
    with pytest.raises(KeyboardInterrupt):
        storage.save(db, hostile_analysis())
    assert not db.conn.in_transaction  # before, the write stayed open, and the run's end went into it


def test_a_run_ended_inside_a_write_cut_short_is_still_recorded_interrupted(tmp_path):
    from provenance.batch import Run

    db_path = tmp_path / "p.db"
    run = Run.start(StoppingEngine(), str(db_path), "provenance check")
    run.db.conn.execute("BEGIN IMMEDIATE")  # as a batch's save that a signal cut short
    run.db.execute("INSERT INTO runs (started_at) VALUES ('half-written')")
    run.finish(interrupted=True)
    # before: recorded as a savepoint inside the open write, and lost with it at exit
    assert rows(db_path, "SELECT started_at, status FROM runs ORDER BY id")[1:] == []
    assert [row["status"] for row in rows(db_path, "SELECT status FROM runs")] == ["interrupted"]


@linux_only
def test_a_second_signal_while_the_run_ends_cannot_leave_its_status_empty(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from provenance import cli as cli_module
    from provenance import storage

    finish_run = storage.finish_run

    def killed_again(*args, **kwargs):  # kill, then kill again as the run records its end
        os.kill(os.getpid(), signal.SIGTERM)
        finish_run(*args, **kwargs)

    monkeypatch.setattr(cli_module, "_engine", lambda *args, **kwargs: StoppingEngine())
    monkeypatch.setattr(storage, "finish_run", killed_again)
    folder, db_path = corpus(tmp_path / "in", 16), tmp_path / "p.db"
    (folder / "b.txt").write_text("STOP here.\n", encoding="utf-8")
    result = CliRunner().invoke(cli_module.cli, ["check", str(folder), "--jobs", "1", "--db", str(db_path)],
                                prog_name="provenance")
    assert rows(db_path, "SELECT status FROM runs") == [{"status": "interrupted"}]  # before: empty
    assert (result.exit_code, result.stderr.count("\n")) == (130, 1), result.stderr
