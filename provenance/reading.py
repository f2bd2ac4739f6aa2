"""Reading input articles: files, folders, standard input and JSONL, streamed one at a time.

Each problem with one input comes out as an InputError in the stream, in place of
that article, so a batch goes on past a bad file.
"""
from __future__ import annotations

import codecs
import glob
import heapq
import json
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, List, Optional, Set, Tuple, Union

from .errors import InputError
from .pages import PRECISION, html_to_text, read_page  # noqa: F401 (html_to_text: the plain extractor, reexported)
from .records import Article
from .text import mask_markdown

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md",)
GLOB_RE = re.compile(r"[*?\[]")
# A string that is a whole web page, not an article's text: it opens with a doctype or an <html> tag.
HTML_DOCUMENT_RE = re.compile(r"\s*<(!doctype\s+html|html)[\s>]", re.IGNORECASE)
SURROGATE_RE = re.compile("[\ud800-\udfff]")  # a lone surrogate, which no UTF-8 stream or database can hold
# The byte-order marks of UTF-32 and UTF-16, UTF-32's first: its little-endian mark begins with UTF-16's.
BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
# What a path that is neither a regular file nor a folder is, in words.
FILE_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
Item = Union[Article, InputError]
# How many names of one folder are sorted in memory at a time; a larger folder is sorted in runs
# of this many on disk and merged (`_sorted`), so its walk's memory does not grow with its size.
SORT_RUN = 10_000
MERGE_READ, MIN_READ = 1 << 18, 1 << 12  # the bytes the merge's runs read at a time, all of them; one of them


def iter_articles(paths: Iterable[str], stdin: Optional[BinaryIO] = None, html_mode: str = PRECISION) -> Iterator[Item]:
    """Yield an Article, or an InputError, for every input named by `paths`.

    A path is a file, a folder (searched recursively for .txt, .md and .html), `-` for
    standard input, a .jsonl file with a `text` field on each line, or a glob pattern
    (`archive/**/*.txt`) naming any of these. A file named more than once (by a folder
    and a glob that both match it) is read once. Web pages are read as `html_mode`
    says (`pages.HTML_MODES`); Markdown with its markup blanked (`text.mask_markdown`).
    """
    return read_inputs(input_names(paths), stdin, html_mode)


def input_names(paths: Iterable[str]) -> Iterator[Union[str, InputError]]:
    """The inputs `paths` name, one at a time: each file (those of a folder walked lazily, in
    sorted order, one directory listed at a time), `-`, or .jsonl file, or an InputError in
    place of what cannot be read; `read_inputs` reads them.

    A file is given once, however many paths name it (compared by its real path). Where one
    path is given, only its links' targets are remembered: a folder's walk reaches each of its
    own files once, so a run over one folder holds no set of every path it has read.
    """
    names = list(_expand(paths))  # the paths as given (a glob's matches are listed whole to be sorted anyway)
    several = sum(isinstance(name, str) and name != "-" for name in names) > 1
    seen: Set[str] = set()
    for name in names:
        if isinstance(name, InputError) or name == "-":
            yield name
            continue
        root = os.path.realpath(name)
        for item in _files(name):
            if isinstance(item, str) and (several or os.path.islink(item)):
                real = os.path.realpath(item)
                if real in seen or (not several and _walked(real, root)):
                    continue
                seen.add(real)
            yield item


def _walked(real: str, root: str) -> bool:
    """Whether the walk of the folder whose real path is `root` reaches the file whose real path is
    `real` by a path of its own (a link's target inside the folder: the walk follows no linked folder,
    so it reaches exactly the article files under the root's real path)."""
    return (real.startswith(root + os.sep) and os.path.splitext(real)[1].lower() in ARTICLE_SUFFIXES
            and os.path.isfile(real))


def read_inputs(names: Iterable[Union[str, InputError]], stdin: Optional[BinaryIO] = None,
                html_mode: str = PRECISION) -> Iterator[Item]:
    """An Article, or an InputError, for each input of `input_names`, read one at a time."""
    for name in names:
        if isinstance(name, InputError):
            yield name
        elif name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield _article(stream.read(), "-")
        elif Path(name).suffix.lower() == ".jsonl":
            yield from _jsonl(Path(name), html_mode)
        else:
            yield _file(Path(name), html_mode)



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


def _files(name: str) -> Iterator[Union[str, InputError]]:
    """The file `name`, or the article files of the folder `name`, or the InputError that stands for it."""
    problem = _undecodable_name(name)
    path = Path(name)
    if problem is None and path.is_dir():
        yield from _folder(path)
    else:
        yield problem or _not_a_file(path) or name


def count_articles(paths: Iterable[str]) -> int:
    """How many outcomes a run over `paths` has, without reading them (see `count_inputs`)."""
    return count_inputs(input_names(paths))


def count_inputs(names: Iterable[Union[str, InputError]]) -> int:
    """How many outcomes the inputs of `input_names` give, without reading them but .jsonl files'
    lines: files, non-blank .jsonl lines, standard input and errors, for a progress bar's total,
    counted over the same names the run then reads, so no folder is walked twice."""
    total = 0
    for name in names:
        if isinstance(name, str) and name != "-" and name.lower().endswith(".jsonl"):
            with open(name, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def _folder(folder: Path) -> Iterator[Union[str, InputError]]:
    found = False
    for path in _walk(folder):
        found = True
        yield path if isinstance(path, InputError) else _undecodable_name(path) or _not_a_file(Path(path)) or path
    if not found:
        yield InputError(f"{folder}: no .txt, .md or .html articles in this folder; point at a folder of articles")


def _walk(folder: Path) -> Iterator[Union[str, InputError]]:
    """The article files under a folder in sorted path order, listing one directory at a time
    (symbolic links to folders are not followed, as `Path.rglob` does not)."""
    try:
        names, folders = _listing(folder)
    except OSError as exc:
        yield InputError(f"{folder}: cannot list this folder ({exc.strerror}); check its permissions")
        return
    for name in names:
        path = os.path.join(folder, name)
        if name in folders:
            yield from _walk(Path(path))
        else:
            yield path


def _listing(folder: Path) -> Tuple[Iterator[str], Set[str]]:
    """The sorted names of a folder's subfolders and article files, and which of them are folders.

    The names come out of `_sorted`, so a folder of any size holds at most `SORT_RUN` of them in
    memory; the set of subfolders is held whole (a folder has few).
    """
    folders: Set[str] = set()

    def names() -> Iterator[str]:
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    folders.add(entry.name)
                elif os.path.splitext(entry.name)[1].lower() not in ARTICLE_SUFFIXES or entry.is_dir():
                    continue  # not an article; or a link to a folder, which is not followed
                yield entry.name

    return _sorted(names()), folders  # the listing is read whole here, so `folders` is complete


def _sorted(names: Iterable[str], run: Optional[int] = None) -> Iterator[str]:
    """`names` in sorted order, holding at most `run` (`SORT_RUN`) of them in memory.

    All of `names` is read before this returns. Up to `run` names are sorted in memory; beyond
    that, each run of that many is sorted and written to an unnamed temporary file (names
    NUL-separated, as no file name holds a NUL), and the runs are merged as they are read back: a
    folder of a million articles holds 10,000 names and one read buffer a run, not a million
    names. The files vanish when the merge ends or is dropped.
    """
    run = run or SORT_RUN
    chunk: List[str] = []
    spilled: List[BinaryIO] = []
    try:
        for name in names:
            chunk.append(name)
            if len(chunk) == run:
                spilled.append(_spill(sorted(chunk)))
                chunk = []
    except BaseException:
        _close(spilled)
        raise
    chunk.sort()  # the last run stays in memory
    return _merged(chunk, spilled) if spilled else iter(chunk)


def _merged(chunk: List[str], spilled: List[BinaryIO]) -> Iterator[str]:
    block = max(MIN_READ, MERGE_READ // len(spilled))  # the runs' reads share one budget, however many
    try:
        yield from heapq.merge(chunk, *(_read_run(handle, block) for handle in spilled))
    finally:
        _close(spilled)


def _close(handles: Iterable[BinaryIO]) -> None:
    for handle in handles:
        handle.close()


def _spill(names: List[str]) -> BinaryIO:
    """An unnamed temporary file holding `names`, each encoded as the file system encodes it."""
    handle = tempfile.TemporaryFile()
    handle.write(b"\0".join(os.fsencode(name) for name in names))
    handle.seek(0)
    return handle


def _read_run(handle: BinaryIO, block: int) -> Iterator[str]:
    """The names `_spill` wrote to `handle`, decoded back to the strings they were, one at a time,
    reading `block` bytes at a time."""
    buffer, start = b"", 0
    while True:
        end = buffer.find(b"\0", start)
        if end >= 0:
            yield os.fsdecode(buffer[start:end])
            start = end + 1
            continue
        data = handle.read(block)
        if not data:
            if start < len(buffer):
                yield os.fsdecode(buffer[start:])
            return
        buffer, start = buffer[start:] + data, 0


def _not_a_file(path: Path) -> Optional[InputError]:
    """An error for a path that names no regular file (missing, a FIFO, a device), else None.

    Opening a FIFO would wait for a writer for ever; its name is refused up front.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return InputError(f"{path}: no such file or folder; check the path")
    except OSError as exc:
        return InputError(f"{path}: cannot read ({exc.strerror}); check its permissions")
    if stat.S_ISREG(mode):
        return None
    kind = next((words for test, words in FILE_KINDS if test(mode)), "not a regular file")
    return InputError(f"{path}: is {kind}, not a file; save the article to a file, or pipe it to `-`")


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


def _file(path: Path, html_mode: str = PRECISION) -> Item:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputError(f"{path}: cannot read ({exc.strerror}); check its permissions")
    suffix = path.suffix.lower()
    return _article(data, str(path), html_mode if suffix in HTML_SUFFIXES else None, suffix in MARKDOWN_SUFFIXES)


def _article(data: bytes, name: str, html_mode: Optional[str] = None, markdown: bool = False) -> Item:
    """The article in a file's bytes: a web page's extracted text, Markdown with its markup blanked, or the text."""
    try:
        text = decode(data, name)
    except InputError as exc:
        return exc
    title = page = None
    if html_mode:
        text, title, page = read_page(text, data, html_mode)
    elif markdown:
        text = mask_markdown(text)
    if not text.strip():
        return InputError(f"{name}: empty article; give a file with text in it")
    return Article.from_text(text, name, title, page=page)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8, with or without a byte-order mark, or UTF-16 or UTF-32 after theirs; refuse binary data.

    Raises:
        InputError: naming the file and the offending byte.
    """
    for mark, encoding in BOMS:
        if data.startswith(mark):
            return _decode_marked(data, name, encoding)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{name}: looks binary (NUL byte at offset {nul}); give a UTF-8 text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise InputError(f"{name}: not UTF-8 (byte 0x{byte:02x} at offset {exc.start}); re-save it as UTF-8") from None


def _decode_marked(data: bytes, name: str, encoding: str) -> str:
    """Text in the encoding its byte-order mark names (the codec drops the mark)."""
    try:
        text = data.decode(encoding.lower())
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not {encoding} as its byte-order mark says (bad bytes at offset {exc.start}); "
                         "re-save it as UTF-8") from None
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{name}: looks binary (NUL character at offset {nul}); give a UTF-8 text article")
    return text


def _jsonl(path: Path, html_mode: str = PRECISION) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror}); check its permissions")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            yield _jsonl_line(raw, f"{path}:{number}", html_mode)


def _jsonl_line(raw: bytes, place: str, html_mode: str = PRECISION) -> Item:
    """The article on one JSONL line, or the InputError that names the line (`file:line`) and what to fix.

    The article is the line's `text`, or a saved web page: an `html` field, or a `text` that
    is an HTML document (it opens with `<!DOCTYPE html` or `<html`), read as `html_mode` says.
    """
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
    field = _body_field(record)
    if field is None:
        return InputError(f"{place}: no 'text' string field; each line needs {{\"text\": \"...\"}} "
                          "(or a saved page as {\"html\": \"...\"})")
    text = record[field]
    title = record.get("title") if isinstance(record.get("title"), str) else None
    name = str(record.get("path") or record.get("id") or place)
    for key in (field, "title", "path", "id"):
        problem = isinstance(record.get(key), str) and _unreadable_string(record[key], f"{place}: '{key}'")
        if problem:
            return problem
    page = None
    if field == "html" or HTML_DOCUMENT_RE.match(text):
        text, found_title, page = read_page(text, text.encode("utf-8"), html_mode)
        title = title if title is not None else found_title
    if not text.strip():
        return InputError(f"{place}: empty article {field}; give each line a '{field}' with words in it")
    given = record.get("id")  # an id the line gives is the article's identity, whatever its path
    usable = isinstance(given, (str, int)) and not isinstance(given, bool) and given != ""
    return Article.from_text(text, name, title, str(given) if usable else None, page)


def _body_field(record) -> Optional[str]:
    """The field of a JSONL record that holds its article: `text`, else `html`; None when neither is a string."""
    if not isinstance(record, dict):
        return None
    return next((field for field in ("text", "html") if isinstance(record.get(field), str)), None)


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
