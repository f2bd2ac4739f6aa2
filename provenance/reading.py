"""Reading input articles: files, folders, standard input and JSONL, streamed one at a time.

Each problem with one input comes out as an InputError in the stream, in place of
that article, so a batch goes on past a bad file.
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Union

from .errors import InputError
from .records import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
GLOB_RE = re.compile(r"[*?\[]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")  # a lone surrogate, which no UTF-8 stream or database can hold
Item = Union[Article, InputError]


def iter_articles(paths: Iterable[str], stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """Yield an Article, or an InputError, for every input named by `paths`.

    A path is a file, a folder (searched recursively for .txt, .md and .html), `-` for
    standard input, a .jsonl file with a `text` field on each line, or a glob pattern
    (`archive/**/*.txt`) naming any of these.
    """
    return read_inputs(input_names(paths), stdin)


def input_names(paths: Iterable[str]) -> Iterator[Union[str, InputError]]:
    """The inputs `paths` name, one at a time: each file (those of a folder walked lazily, in
    sorted order, one directory listed at a time), `-`, or .jsonl file, or an InputError in
    place of what cannot be read; `read_inputs` reads them."""
    for name in _expand(paths):
        if isinstance(name, InputError) or name == "-":
            yield name
            continue
        bad_name = _undecodable_name(name)
        if bad_name:
            yield bad_name
        elif Path(name).is_dir():
            yield from _folder(Path(name))
        else:
            yield name


def read_inputs(names: Iterable[Union[str, InputError]], stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """An Article, or an InputError, for each input of `input_names`, read one at a time."""
    for name in names:
        if isinstance(name, InputError):
            yield name
        elif name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield _article(stream.read(), "-")
        elif name.lower().endswith(".jsonl") and Path(name).is_file():
            yield from _jsonl(Path(name))
        elif Path(name).is_file():
            yield _file(Path(name))
        else:
            yield InputError(f"{name}: no such file or folder; check the path")


def _expand(paths: Iterable[str]) -> Iterator[Union[str, InputError]]:
    """Paths as given, with glob patterns that name no existing path expanded (sorted)."""
    for name in paths:
        if name != "-" and GLOB_RE.search(name) and not Path(name).exists():
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield InputError(f"{name}: no files match this pattern; check the pattern")
            yield from matches
        else:
            yield name


def count_articles(paths: Iterable[str]) -> Optional[int]:
    """How many articles `paths` name, without reading them (None for standard input)."""
    return count_inputs(input_names(paths))


def count_inputs(names: Iterable[Union[str, InputError]]) -> Optional[int]:
    """How many articles the inputs of `input_names` hold, without reading them but .jsonl files'
    lines (None for standard input): for a progress bar's total, counted over the same names the
    run then reads, so no folder is walked twice."""
    total = 0
    for name in names:
        if isinstance(name, InputError):
            continue
        if name == "-":
            return None
        path = Path(name)
        if path.suffix.lower() == ".jsonl" and path.is_file():
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def _folder(folder: Path) -> Iterator[Union[str, InputError]]:
    found = False
    for path in _walk(folder):
        found = True
        yield path if isinstance(path, InputError) else _undecodable_name(path) or path
    if not found:
        yield InputError(f"{folder}: no .txt, .md or .html articles in this folder; point at a folder of articles")


def _walk(folder: Path) -> Iterator[Union[str, InputError]]:
    """The article files under a folder in sorted path order, listing one directory at a time
    (symbolic links to folders are not followed, as `Path.rglob` does not)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(f"{folder}: cannot list this folder ({exc.strerror}); check its permissions")
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file() and os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES:
            yield entry.path


def _undecodable_name(name: str) -> Optional[InputError]:
    """An error for a file name holding bytes that are not UTF-8 (Python keeps each as a lone surrogate), else None.

    Such a name cannot be written to the database or to a UTF-8 stream, so it is refused up front.
    """
    if not SURROGATE_RE.search(name):
        return None
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte stands for
        raw = name.encode("utf-8", "backslashreplace")
    shown = raw.decode("utf-8", "backslashreplace")  # the bad bytes as \xff
    return InputError(f"{shown}: file name is not UTF-8; rename the file to a UTF-8 name")


def _file(path: Path) -> Item:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputError(f"{path}: cannot read ({exc.strerror}); check its permissions")
    return _article(data, str(path), html_markup=path.suffix.lower() in (".html", ".htm"))


def _article(data: bytes, name: str, html_markup: bool = False) -> Item:
    try:
        text = decode(data, name)
    except InputError as exc:
        return exc
    if html_markup:
        text = html_to_text(text)
    if not text.strip():
        return InputError(f"{name}: empty article; give a file with text in it")
    return Article.from_text(text, name)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8, with or without a byte-order mark; refuse binary data.

    Raises:
        InputError: naming the file and the offending byte.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{name}: looks binary (NUL byte at offset {nul}); give a UTF-8 text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise InputError(f"{name}: not UTF-8 (byte 0x{byte:02x} at offset {exc.start}); re-save it as UTF-8") from None


def _jsonl(path: Path) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror}); check its permissions")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            yield _jsonl_line(raw, f"{path}:{number}")


def _jsonl_line(raw: bytes, place: str) -> Item:
    """The article on one JSONL line, or the InputError that names the line (`file:line`) and what to fix."""
    try:
        record = json.loads(decode(raw, place))
    except InputError as exc:
        return exc
    except json.JSONDecodeError as exc:
        return InputError(f"{place}: not valid JSON ({exc.msg}); each line must be one JSON object")
    except ValueError:  # json reads the digits of a number as an int, and refuses one over 4300 digits
        return InputError(f"{place}: not valid JSON (a number too long to read); each line must be one JSON object")
    except RecursionError:
        return InputError(f"{place}: not valid JSON (nested too deeply); each line must be one JSON object")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return InputError(f"{place}: no 'text' string field; each line needs {{\"text\": \"...\"}}")
    text = record["text"]
    title = record.get("title") if isinstance(record.get("title"), str) else None
    name = str(record.get("path") or record.get("id") or place)
    for field in ("text", "title", "path", "id"):
        problem = isinstance(record.get(field), str) and _unreadable_string(record[field], f"{place}: '{field}'")
        if problem:
            return problem
    if not text.strip():
        return InputError(f"{place}: empty article text; give each line a 'text' with words in it")
    given = record.get("id")  # an id the line gives is the article's identity, whatever its path
    usable = isinstance(given, (str, int)) and not isinstance(given, bool) and given != ""
    return Article.from_text(text, name, title, str(given) if usable else None)


def _unreadable_string(value: str, where: str) -> Optional[InputError]:
    """What a file would have been refused for, found in a string decoded from JSON: a NUL or a lone surrogate.

    JSON's escapes can write both (`\\u0000`, `\\ud800`) where the bytes of a file cannot.
    """
    nul = value.find("\x00")
    if nul >= 0:
        return InputError(f"{where} looks binary (NUL character at offset {nul}); give a UTF-8 text article")
    surrogate = SURROGATE_RE.search(value)
    if surrogate:
        return InputError(f"{where} holds a lone surrogate (\\u{ord(surrogate.group()):04x} at offset "
                          f"{surrogate.start()}), half of a character; write the character itself or both halves")
    return None


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML page, one line per block element, skipping scripts and styles."""

    BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "title", "tr", "section", "article"}
    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """Return the readable text of an HTML page, paragraphs separated by blank lines."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)  # character references are already decoded by the parser
    lines = [line.strip() for line in re.split(r"\n\s*\n", text)]
    return "\n\n".join(line for line in lines if line) + "\n"
