"""Reading inputs: files, folders, standard input, JSONL, and the exact error for each bad input."""
import io
import json
import os
from pathlib import Path

import pytest

from provenance.errors import InputError
from provenance.reading import decode, html_to_text, iter_articles
from provenance.records import Article, text_digest


def read(*paths, stdin=None):
    return list(iter_articles([str(p) for p in paths], stdin=stdin))


def describe(items):
    """Articles as (path, title, text), errors as their message: readable failures."""
    return [(i.path, i.title, i.text) if isinstance(i, Article) else str(i) for i in items]


def test_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Town Falls\n\nThe mayor said so.\n", encoding="utf-8")
    [article] = read(path)
    assert article == Article(str(path), str(path), None, "Town Falls\n\nThe mayor said so.\n")
    assert article.version == text_digest("Town Falls\n\nThe mayor said so.\n")


def test_folder_is_searched_recursively_for_articles_in_sorted_order(tmp_path):
    for name, text in [("b.txt", "B"), ("a.md", "A"), ("sub/c.html", "<p>C</p>"), ("sub/d.htm", "<p>D</p>"),
                       ("notes.csv", "x"), ("data.json", "{}"), ("sub/e.jsonl", '{"text": "E"}'), ("README", "R")]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert describe(read(tmp_path)) == [
        (str(tmp_path / "a.md"), None, "A"),
        (str(tmp_path / "b.txt"), None, "B"),
        (str(tmp_path / "sub" / "c.html"), None, "C\n"),
        (str(tmp_path / "sub" / "d.htm"), None, "D\n"),
    ]


def test_stdin():
    stdin = io.BytesIO("The mayor said so.\n".encode("utf-8"))
    assert describe(read("-", stdin=stdin)) == [("-", None, "The mayor said so.\n")]


def test_paths_are_read_in_the_order_given(tmp_path):
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B", encoding="utf-8")
    assert [a.text for a in read(tmp_path / "b.txt", tmp_path / "a.txt")] == ["B", "A"]


def test_jsonl_one_article_per_line_with_title_and_id(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        {"text": "First text.", "title": "First", "id": "doc-1"},
        {"text": "Second text."},
        {"text": "Third text.", "path": "wire/3.txt", "id": "doc-3", "title": 7},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    assert describe(read(path)) == [
        ("doc-1", "First", "First text."),
        (f"{path}:2", None, "Second text."),
        ("wire/3.txt", None, "Third text."),
    ]
    # the line's id is the article's identity; without one, its path or its place
    assert [article.id for article in read(path)] == ["doc-1", f"{path}:2", "doc-3"]


def test_jsonl_bad_lines_are_errors_naming_the_line_and_the_rest_still_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"text": "Good one."}\n'
                     b'{"text": "cut off"\n'
                     b'{"title": "no text"}\n'
                     b'\n'
                     b'["a list"]\n'
                     b'{"text": "   "}\n'
                     b'{"text": "caf\xe9"}\n'
                     b'{"text": "Good two."}\n')
    assert describe(read(path)) == [
        (f"{path}:1", None, "Good one."),
        f"{path}:2: not valid JSON (Expecting ',' delimiter); each line must be one JSON object",
        f"{path}:3: no 'text' string field; each line needs {{\"text\": \"...\"}} "
        "(or a saved page as {\"html\": \"...\"})",
        f"{path}:5: no 'text' string field; each line needs {{\"text\": \"...\"}} "
        "(or a saved page as {\"html\": \"...\"})",
        f"{path}:6: empty article text; give each line a 'text' with words in it",
        f"{path}:7: not UTF-8 (byte 0xe9 at offset 13); re-save it as UTF-8",
        (f"{path}:8", None, "Good two."),
    ]


BAD_JSONL_LINES = [
    (b'{"text": "lone \\ud800 surrogate"}',
     "'text' holds a lone surrogate (\\ud800 at offset 5), half of a character; "
     "write the character itself or both halves"),
    (b'{"text": "low \\udfff half"}',
     "'text' holds a lone surrogate (\\udfff at offset 4), half of a character; "
     "write the character itself or both halves"),
    (b'{"text": "Fine.", "title": "\\ud83d"}',
     "'title' holds a lone surrogate (\\ud83d at offset 0), half of a character; "
     "write the character itself or both halves"),
    (b'{"text": "Fine.", "path": "wire/\\udc80.txt"}',
     "'path' holds a lone surrogate (\\udc80 at offset 5), half of a character; "
     "write the character itself or both halves"),
    (b'{"text": "Fine.", "id": "doc-\\ud800"}',
     "'id' holds a lone surrogate (\\ud800 at offset 4), half of a character; "
     "write the character itself or both halves"),
    (b'{"text": "The mayor\\u0000 said"}',
     "'text' looks binary (NUL character at offset 9); give a UTF-8 text article"),
    (b'{"text": "Fine.", "title": "a\\u0000"}',
     "'title' looks binary (NUL character at offset 1); give a UTF-8 text article"),
    (b'{"text": "The mayor\x00 said"}', "looks binary (NUL byte at offset 19); give a UTF-8 text article"),
    (b'{"text": "\x00"}', "looks binary (NUL byte at offset 10); give a UTF-8 text article"),
    (b'{"text": "\\u0000"}', "'text' looks binary (NUL character at offset 0); give a UTF-8 text article"),
    (b'{"text": "a" "b"}', "not valid JSON (Expecting ',' delimiter); each line must be one JSON object"),
    (b"not json", "not valid JSON (Expecting value); each line must be one JSON object"),
    (b"[" * 100_000, "not valid JSON (nested too deeply); each line must be one JSON object"),
    (b'{"text": "a", "n": ' + b"1" * 5_000 + b"}",
     "not valid JSON (a number too long to read); each line must be one JSON object"),
    (b'{"text": 7}', "no 'text' string field; each line needs {\"text\": \"...\"} "
     "(or a saved page as {\"html\": \"...\"})"),
    (b'"just a string"', "no 'text' string field; each line needs {\"text\": \"...\"} "
     "(or a saved page as {\"html\": \"...\"})"),
    (b'{"text": ""}', "empty article text; give each line a 'text' with words in it"),
    (b'{"text": "\\u3000\\n\\t"}', "empty article text; give each line a 'text' with words in it"),
]


@pytest.mark.parametrize("line, message", BAD_JSONL_LINES)
def test_a_bad_jsonl_line_is_an_error_naming_its_line_and_the_next_line_is_read(tmp_path, line, message):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"text": "First."}\n' + line + b'\n{"text": "Third."}\n')
    assert describe(read(path)) == [
        (f"{path}:1", None, "First."),
        f"{path}:2: {message}",
        (f"{path}:3", None, "Third."),
    ]


def test_a_surrogate_pair_written_as_escapes_is_one_character(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"text": "He said \\ud83d\\ude00."}\n')
    assert describe(read(path)) == [(f"{path}:1", None, "He said \U0001f600.")]


def test_nul_is_refused_alike_from_a_file_standard_input_and_a_jsonl_line(tmp_path):
    (tmp_path / "nul.txt").write_bytes(b"The mayor\x00 said")
    (tmp_path / "nul.jsonl").write_bytes(b'{"text": "The mayor\\u0000 said"}\n')
    stdin = io.BytesIO(b"The mayor\x00 said")
    assert describe(read(tmp_path / "nul.txt", "-", tmp_path / "nul.jsonl", stdin=stdin)) == [
        f"{tmp_path / 'nul.txt'}: looks binary (NUL byte at offset 9); give a UTF-8 text article",
        "-: looks binary (NUL byte at offset 9); give a UTF-8 text article",
        f"{tmp_path / 'nul.jsonl'}:1: 'text' looks binary (NUL character at offset 9); give a UTF-8 text article",
    ]


def test_a_file_name_that_is_not_utf8_is_refused_and_the_folder_read_on(tmp_path):
    bad = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt")
    try:
        Path(bad).write_text("The mayor said so.", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    message = f"{tmp_path}/caf\\xe9.txt: file name is not UTF-8; rename the file to a UTF-8 name"
    assert describe(read(tmp_path)) == [message, (str(tmp_path / "good.txt"), None, "Fine.")]
    assert describe(read(bad)) == [message]


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "{path}: empty article; give a file with text in it"),
    ("blank.txt", b" \n\t\r\n  \n", "{path}: empty article; give a file with text in it"),
    ("blank.html", b"<html><script>var a = 1;</script><p> </p></html>",
     "{path}: empty article; give a file with text in it"),
    ("binary.txt", b"PK\x03\x04abc\x00def", "{path}: looks binary (NUL byte at offset 7); give a UTF-8 text article"),
    ("utf16.txt", "Said".encode("utf-16-le"), "{path}: looks binary (NUL byte at offset 1); give a UTF-8 text article"),
    ("odd.txt", b"\xff\xfeS\x00a", "{path}: not UTF-16 as its byte-order mark says (bad bytes at offset 4); "
     "re-save it as UTF-8"),
    ("nul16.txt", "a\x00b".encode("utf-16"), "{path}: looks binary (NUL character at offset 1); give a UTF-8 text article"),
    ("fifo.txt", None, "{path}: is a FIFO (named pipe), not a file; save the article to a file, or pipe it to `-`"),
    ("latin1.txt", "Caf\u00e9 owner said so.".encode("latin-1"),
     "{path}: not UTF-8 (byte 0xe9 at offset 3); re-save it as UTF-8"),
    ("cp1252.txt", b"He said \x93no\x94.", "{path}: not UTF-8 (byte 0x93 at offset 8); re-save it as UTF-8"),
])
def test_bad_file(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        os.mkfifo(path)  # reading it would wait for a writer for ever: refused by its kind, unread
    else:
        path.write_bytes(content)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert str(error) == message.format(path=path)


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    assert describe(read(missing)) == [f"{missing}: no such file or folder; check the path"]


@pytest.mark.parametrize("files", [[], ["notes.csv", "data.json"]])
def test_folder_without_articles(tmp_path, files):
    for name in files:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert describe(read(tmp_path)) == [
        f"{tmp_path}: no .txt, .md or .html articles in this folder; point at a folder of articles"
    ]


def test_a_bad_input_does_not_stop_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00")
    items = read(tmp_path / "missing.txt", tmp_path / "bad.txt", tmp_path / "good.txt")
    assert [type(i) for i in items] == [InputError, InputError, Article]
    assert items[2].text == "Fine."


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe mayor said so.")
    [article] = read(path)
    assert article.text == "The mayor said so."
    assert article.version == text_digest("The mayor said so.")


@pytest.mark.parametrize("data, text", [
    (b"plain", "plain"),
    (b"\xef\xbb\xbfwith BOM", "with BOM"),
    ("\u201cQuoted,\u201d she said \u2014 caf\u00e9.".encode("utf-8"), "\u201cQuoted,\u201d she said \u2014 caf\u00e9."),
    (b"CRLF\r\nkept", "CRLF\r\nkept"),
    ("\u201cQuoted,\u201d she said.\r\n".encode("utf-16"), "\u201cQuoted,\u201d she said.\r\n"),
    ("She said so.".encode("utf-16-be").join([b"\xfe\xff", b""]), "She said so."),
    ("caf\u00e9 \U0001f600".encode("utf-32"), "caf\u00e9 \U0001f600"),
    (b"\x00\x00\xfe\xff" + "Big end.".encode("utf-32-be"), "Big end."),
])
def test_decode(data, text):
    assert decode(data, "x.txt") == text


@pytest.mark.parametrize("markup, text", [
    ("<p>One.</p><p>Two.</p>", "One.\n\nTwo.\n"),
    ("<html><head><title>Headline</title><style>p { color: red }</style>"
     "<script>var said = 'no';</script></head>"
     "<body><p>The mayor\n   said   so.</p><div>Next</div></body></html>",
     "Headline\n\nThe mayor said so.\n\nNext\n"),
    ("<nav>Home | World</nav><article><h1>Title</h1><p>Body.</p></article><footer>(c) 2020</footer>",
     "Title\n\nBody.\n"),
    ("<p>Line one<br>line two</p>", "Line one\n\nline two\n"),
    ("<p>&ldquo;Yes,&rdquo; he said &amp; left.</p>", "\u201cYes,\u201d he said & left.\n"),
    ("<ul><li>a</li><li>b</li></ul>", "a\n\nb\n"),
    ("Just text", "Just text\n"),
])
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


def test_html_to_text_unescapes_entities_once():
    assert html_to_text("<p>Write &amp;lt; for a less-than sign.</p>") == "Write &lt; for a less-than sign.\n"


def test_html_file_is_read_as_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><script>x()</script><p>First.</p><p>Second.</p></html>", encoding="utf-8")
    [article] = read(path)
    assert article.text == "First.\n\nSecond.\n"


def test_a_folder_is_walked_lazily_in_sorted_order(tmp_path, monkeypatch):
    import os

    from provenance import reading

    for name in ("b/2.txt", "a.txt", "a/1.md", "c/d/3.html", "c/skip.json", "B.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("The mayor resigned.\n")
    listed = []
    scandir = os.scandir
    monkeypatch.setattr(reading.os, "scandir", lambda path: listed.append(str(path)) or scandir(path))
    names = reading.input_names([str(tmp_path)])
    assert next(names) == str(tmp_path / "B.txt")
    assert listed == [str(tmp_path)]  # the first file comes before any subfolder is listed
    rest = list(names)
    assert rest == [str(tmp_path / n) for n in ("a/1.md", "a.txt", "b/2.txt", "c/d/3.html")]
    assert rest == [str(p) for p in sorted((tmp_path).rglob("*")) if p.suffix in (".txt", ".md", ".html")][1:]
    assert reading.count_inputs([str(tmp_path / "B.txt")] + rest) == 5


@pytest.mark.parametrize("run", [1, 3, 4, 100])
def test_a_folder_larger_than_a_sort_run_is_merged_from_runs_in_the_same_order(tmp_path, monkeypatch, run):
    from provenance import reading

    names = ["z.txt", "a.txt", "Q.md", "é.txt", "b.html", "a b.txt", "10.txt", "9.txt", "sub/m.txt", "sub/a.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("The mayor resigned.\n")
    spilled = []
    spill = reading._spill
    monkeypatch.setattr(reading, "SORT_RUN", run)
    monkeypatch.setattr(reading, "_spill", lambda chunk: spilled.append(spill(chunk)) or spilled[-1])
    monkeypatch.setattr(reading, "MIN_READ", 3)  # names cut across the runs' reads
    monkeypatch.setattr(reading, "MERGE_READ", 3)
    walked = list(reading.input_names([str(tmp_path)]))
    assert walked == [str(p) for p in sorted(tmp_path.rglob("*")) if p.is_file()]
    assert bool(spilled) == (run < 9)  # nine names in the top folder: runs go to disk only past SORT_RUN
    assert all(handle.closed for handle in spilled)


def test_a_walk_stopped_early_closes_its_runs(tmp_path, monkeypatch):
    from provenance import reading

    for number in range(7):
        (tmp_path / f"{number}.txt").write_text("The mayor resigned.\n")
    spilled = []
    spill = reading._spill
    monkeypatch.setattr(reading, "SORT_RUN", 2)
    monkeypatch.setattr(reading, "_spill", lambda chunk: spilled.append(spill(chunk)) or spilled[-1])
    names = reading.input_names([str(tmp_path)])
    assert next(names) == str(tmp_path / "0.txt")
    assert len(spilled) == 3 and not any(handle.closed for handle in spilled)
    names.close()
    assert all(handle.closed for handle in spilled)
