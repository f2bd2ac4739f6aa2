"""Reading gold attribution annotations (PolNeAR brat standoff or our JSONL) into plain records.

Offsets are code-point offsets into the exact article text, end-exclusive, as in
``provenance.records``. The JSONL format is described in ``docs/gold-format.md``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple, Union

from ..errors import GoldError
from ..quotes import MARK_RE
from ..records import (
    CLOSING_QUOTES, DIRECT, INDIRECT, MIXED, OPENING_QUOTES, STATUSES, Span,
)

# The kinds a gold attribution can have, read from its quotation marks by `quote_kind`.
GOLD_KINDS = (DIRECT, MIXED, INDIRECT)
# Quoted letters needed for "direct": a content may keep a few unquoted words
# (a trailing "he added" inside the annotated span) and still be a direct quote.
DIRECT_SHARE = 0.9
# What may sit between a content's last word and its closing mark: ``win,"``.
EDGE_PUNCTUATION = ",.;:!?"
METADATA_COLUMNS = ("compartment", "filename", "annotators", "publisher")
TRIGGERS = ("Attribution", "Attribution-no-source")
ROLES = TRIGGERS + ("Source", "Cue", "Content", "Content2")
# Anchored on the tab: other lines may be the continuation of a span's text.
TEXT_BOUND_RE = re.compile(r"T\d+\t")
EVENT_RE = re.compile(r"E\d+\t")
# The statuses a gold sentence can have are a claim's (`records.STATUSES`), not_claim included.
SENTENCE_STATUSES = STATUSES
# Descriptive keys that are read and checked for shape but not scored: where a text came
# from, and the annotator's notes (realnews has them; see docs/gold-format.md).
DOCUMENT_KEYS = ("id", "text", "publisher", "attributions", "sentences", "outlet", "origin", "url")
ATTRIBUTION_KEYS = ("content", "source", "cue", "kind", "quote", "entity", "type", "role", "scope", "note")
SENTENCE_KEYS = ("start", "end", "status", "checkworthy", "entity", "type", "why")


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: its content, source and cue spans (each possibly discontinuous).

    `kind` is direct, mixed or indirect, derived from the quotation marks.
    """

    content: Tuple[Span, ...]
    source: Tuple[Span, ...]
    cue: Tuple[Span, ...]
    kind: str
    entity: Optional[str] = None  # the canonical source, when the gold resolves it
    type: Optional[str] = None  # the source's type in the gold's own names


@dataclass(frozen=True)
class GoldSentence:
    """A gold sentence with its status (one of ``SENTENCE_STATUSES``).

    `checkworthy` marks the few sentences of an article a fact-checker would check
    first; `entity` and `type` name the source an attributed or vague sentence rests on.
    """

    start: int
    end: int
    status: str
    checkworthy: bool = False
    entity: Optional[str] = None
    type: Optional[str] = None


@dataclass(frozen=True)
class GoldDocument:
    """An annotated article: `id` names it within its gold set; `publisher` may be unknown.

    `sentences` is empty unless the gold gives every sentence a status.
    """

    id: str
    text: str
    publisher: Optional[str]
    attributions: Tuple[GoldAttribution, ...]
    sentences: Tuple[GoldSentence, ...] = ()


def quote_kind(text: str, content: Sequence[Tuple[int, int]]) -> str:
    """Say whether a content is a direct, mixed or indirect quotation.

    Args:
        text: The whole article text.
        content: The content fragments as (start, end) offsets.

    Returns:
        ``direct`` when at least 90% of the content's letters are inside quotation
        marks, ``mixed`` when some are, ``indirect`` when none are.

    Notes:
        A quotation mark touching a fragment from outside (``"We will win," he said``,
        with the content annotated without its marks) counts as the fragment's own.
        PolNeAR has no direct/indirect label; its README suggests deriving it this way.
    """
    quoted = letters = 0
    for start, end in content:
        wide_start, wide_end = _widen(text, start, end)
        inside = _quoted_mask(text, wide_start, wide_end)
        for i in range(start, end):
            if text[i].isalnum():
                letters += 1
                quoted += inside[i - wide_start]
    if not quoted:
        return INDIRECT
    return DIRECT if quoted >= DIRECT_SHARE * letters else MIXED


def _widen(text: str, start: int, end: int) -> Tuple[int, int]:
    """Stretch a fragment over quotation marks that touch it from outside.

    Only touching marks count (``"We will win,"``): a mark before a space more likely
    closes the previous quote than opens this one.
    """
    opener = MARK_RE.search(text, max(0, start - 2), start)
    if opener and opener.end() == start and opener.group() not in CLOSING_QUOTES:
        start = opener.start()
    after = end
    while after < len(text) and after - end < 2 and text[after] in EDGE_PUNCTUATION:
        after += 1
    closer = MARK_RE.match(text, after)
    if closer and closer.group() not in OPENING_QUOTES:
        end = closer.end()
    return start, end


def _quoted_mask(text: str, start: int, end: int) -> List[bool]:
    """Mark each character of ``text[start:end]`` as inside quotation marks or not."""
    mask = [False] * (end - start)
    inside, since = False, start
    for match in MARK_RE.finditer(text, start, end):
        if _opens(text, match, inside):
            if not inside:  # else: a new paragraph of a quote that is still open
                inside, since = True, match.end()
            continue
        # A closer with no opener in the fragment: the fragment began inside a quote.
        for i in range(since, match.start()):
            mask[i - start] = True
        inside, since = False, match.end()
    if inside:
        for i in range(since, end):
            mask[i - start] = True
    return mask


def _opens(text: str, match: re.Match, inside: bool) -> bool:
    """Whether a quotation mark opens a quote; straight marks are judged by what they touch."""
    if match.group() in OPENING_QUOTES + CLOSING_QUOTES:
        return match.group() in OPENING_QUOTES
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    if before.isspace() or before in "([{-—–":
        return True
    if after.isspace() or unicodedata.category(after).startswith("P"):
        return False
    return not inside


def make_attribution(
    text: str,
    content: Sequence[Tuple[int, int]],
    source: Sequence[Tuple[int, int]] = (),
    cue: Sequence[Tuple[int, int]] = (),
    kind: Optional[str] = None,
    entity: Optional[str] = None,
    type: Optional[str] = None,
) -> GoldAttribution:
    """Build a GoldAttribution from offsets, taking each span's text from ``text``.

    Args:
        text: The article text.
        content, source, cue: (start, end) fragments of each role, in any order.
        kind: Overrides the kind derived from quotation marks when given.
        entity, type: The canonical source and its type, when the gold has them.
    """
    return GoldAttribution(
        content=_spans(text, content),
        source=_spans(text, source),
        cue=_spans(text, cue),
        kind=kind or quote_kind(text, sorted(content)),
        entity=entity,
        type=type,
    )


def _spans(text: str, offsets: Sequence[Tuple[int, int]]) -> Tuple[Span, ...]:
    return tuple(Span(s, e, text[s:e]) for s, e in sorted(offsets))


def read_gold(path: Union[str, Path], split: str = "dev") -> Iterator[GoldDocument]:
    """Read a gold set, choosing the reader from what ``path`` is.

    Args:
        path: A PolNeAR directory (it holds ``metadata.tsv``) or a ``.jsonl`` file.
        split: The PolNeAR split to read (``train`` or ``dev``); ignored for JSONL.

    Raises:
        GoldError: The path is missing or neither kind of gold set.
    """
    path = Path(path)
    if (path / "metadata.tsv").is_file():
        return read_polnear(path, split)
    if path.is_file() and path.suffix == ".jsonl":
        return read_jsonl(path)
    if not path.exists():
        raise GoldError(f"{path}: no such file or directory")
    raise GoldError(f"{path}: not a gold set: expected a PolNeAR directory with metadata.tsv or a .jsonl file")


def read_polnear(root: Union[str, Path], split: str = "dev") -> Iterator[GoldDocument]:
    """Read one split of the PolNeAR corpus, one GoldDocument per article.

    Args:
        root: The corpus directory, holding ``metadata.tsv`` and one folder per split.
        split: ``train`` or ``dev``.

    Returns:
        The articles in metadata order, each with the annotation of the first
        annotator listed for it; ``id`` is the file name, ``publisher`` the outlet.

    Raises:
        GoldError: ``metadata.tsv`` or an article's files are missing or malformed
            (raised while iterating, for the article files).
    """
    root = Path(root)
    rows = _metadata(root / "metadata.tsv", split)
    return (_polnear_document(root / split, row) for row in rows)


def _metadata(path: Path, split: str) -> List[Dict[str, str]]:
    lines = _read_text(path).split("\n")
    header = lines[0].rstrip("\r").split("\t")
    missing = [column for column in METADATA_COLUMNS if column not in header]
    if missing:
        raise GoldError(f"{path}:1: missing column(s) {', '.join(missing)}")
    rows = []
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        fields = line.rstrip("\r").split("\t")
        if len(fields) != len(header):
            raise GoldError(f"{path}:{number}: expected {len(header)} tab-separated fields, found {len(fields)}")
        row = dict(zip(header, fields))
        if row["compartment"] == split:
            rows.append(row)
    if not rows:
        raise GoldError(f"{path}: no articles in split {split!r}")
    return rows


def _polnear_document(folder: Path, row: Dict[str, str]) -> GoldDocument:
    name, annotator = row["filename"], row["annotators"].split("|")[0]
    text = _read_text(folder / "text" / f"{name}.txt")
    ann = folder / "attributions" / f"{name}_{annotator}.ann"
    attributions = parse_brat(_read_text(ann), text, str(ann))
    return GoldDocument(name, text, row["publisher"] or None, attributions)


def parse_brat(ann: str, text: str, path: str = "<ann>") -> Tuple[GoldAttribution, ...]:
    """Turn brat standoff into gold attributions, one per event that has a content.

    Args:
        ann: The contents of a ``.ann`` file.
        text: The article text its offsets point into.
        path: Named in error messages.

    Notes:
        ``T`` lines are text-bound spans, possibly discontinuous (``;``-separated
        fragments); ``E`` lines tie them into an attribution by role. ``Content2`` (any
        role ending in a digit) adds fragments to its role. Events without a content
        are skipped: there is nothing to score. Other brat lines (notes, attributes,
        relations) are ignored, and so are the continuation lines of a span's text
        that crosses a newline.
    """
    spans: Dict[str, Tuple[Tuple[int, int], ...]] = {}
    events = []
    for number, line in enumerate(ann.split("\n"), 1):
        place, line = f"{path}:{number}", line.rstrip("\r")
        if TEXT_BOUND_RE.match(line):
            spans.update([_text_bound(line, text, place)])
        elif EVENT_RE.match(line):
            events.append((place, line))
    attributions = (_event(line, spans, text, place) for place, line in events)
    return tuple(a for a in attributions if a is not None)


def _text_bound(line: str, text: str, place: str) -> Tuple[str, Tuple[Tuple[int, int], ...]]:
    parts = line.split("\t", 2)
    label, _, offsets = parts[1].partition(" ") if len(parts) > 1 else ("", "", "")
    fragments = []
    for piece in offsets.split(";"):
        bounds = piece.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise GoldError(f"{place}: expected 'T<n><TAB><label> <start> <end>[;<start> <end>...]<TAB><text>'")
        start, end = int(bounds[0]), int(bounds[1])
        if not start <= end <= len(text):
            raise GoldError(f"{place}: {parts[0]}: offsets {start}-{end} fall outside the text ({len(text)} characters)")
        fragments.append((start, end))
    # brat writes a span's text as it is, so a span crossing a newline continues on the
    # next line of the .ann: compare up to the first newline only.
    if len(parts) > 2 and parts[2] != " ".join(text[s:e] for s, e in fragments).split("\n")[0]:
        raise GoldError(f"{place}: {parts[0]}: its text differs from the article text at its offsets; wrong .txt?")
    return parts[0], tuple(fragments)


def _event(line: str, spans: Dict, text: str, place: str) -> Optional[GoldAttribution]:
    parts = line.split("\t")
    roles: Dict[str, List[Tuple[int, int]]] = {"content": [], "source": [], "cue": []}
    for argument in parts[1].split() if len(parts) > 1 else ():
        role, colon, target = argument.partition(":")
        if not colon or target not in spans:
            raise GoldError(f"{place}: {parts[0]}: {argument!r} does not name a defined T span as Role:T<n>")
        base = role.rstrip("0123456789").lower()
        if base in roles:
            roles[base].extend(spans[target])
        elif role not in TRIGGERS:
            raise GoldError(f"{place}: {parts[0]}: unknown role {role!r}; expected {', '.join(ROLES)}")
    if not roles["content"]:
        return None
    return make_attribution(text, roles["content"], roles["source"], roles["cue"])


def read_jsonl(path: Union[str, Path]) -> Iterator[GoldDocument]:
    """Read our own JSONL gold format (see ``docs/gold-format.md``), one document a line.

    Raises:
        GoldError: ``path:line: what is wrong``, while iterating, for a malformed line.
    """
    path = Path(path)
    return _jsonl_documents(_read_text(path).split("\n"), str(path))


def _jsonl_documents(lines: List[str], path: str) -> Iterator[GoldDocument]:
    seen = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        document = _jsonl_document(line, f"{path}:{number}")
        if document.id in seen:
            raise GoldError(f"{path}:{number}: duplicate id {document.id!r}")
        seen.add(document.id)
        yield document


def _jsonl_document(line: str, place: str) -> GoldDocument:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise GoldError(f"{place}: not valid JSON: {error.msg} at column {error.colno}") from None
    _check_keys(data, DOCUMENT_KEYS, ("id", "text", "attributions"), place)
    text, publisher = data["text"], data.get("publisher")
    if not isinstance(data["id"], str) or not isinstance(text, str):
        raise GoldError(f"{place}: 'id' and 'text' must be strings")
    if publisher is not None and not isinstance(publisher, str):
        raise GoldError(f"{place}: 'publisher' must be a string or null")
    if not isinstance(data["attributions"], list):
        raise GoldError(f"{place}: 'attributions' must be a list")
    attributions = tuple(
        _jsonl_attribution(item, text, f"{place}: attribution {n}")
        for n, item in enumerate(data["attributions"], 1)
    )
    if not isinstance(data.get("sentences", []), list):
        raise GoldError(f"{place}: 'sentences' must be a list")
    sentences = tuple(
        _jsonl_sentence(item, text, f"{place}: sentence {n}") for n, item in enumerate(data.get("sentences", []), 1)
    )
    return GoldDocument(data["id"], text, publisher, attributions, sentences)


def _jsonl_attribution(item: object, text: str, place: str) -> GoldAttribution:
    _check_keys(item, ATTRIBUTION_KEYS, ("content",), place)
    _check_strings(item, ("entity", "type", "role", "scope", "note"), place)
    for key in ("kind", "quote"):
        if item.get(key) is not None and item[key] not in GOLD_KINDS:
            raise GoldError(f"{place}: {key!r} must be one of {', '.join(GOLD_KINDS)}, not {item[key]!r}")
    content = _offsets(item["content"], text, f"{place}: 'content'")
    if not content:
        raise GoldError(f"{place}: 'content' needs at least one [start, end] span")
    source = _offsets(item.get("source", []), text, f"{place}: 'source'")
    cue = _offsets(item.get("cue", []), text, f"{place}: 'cue'")
    # `quote` is realnews's name for the kind, corrected by hand where a text's marks are broken.
    kind = item.get("kind") or item.get("quote")
    return make_attribution(text, content, source, cue, kind, item.get("entity"), item.get("type"))


def _jsonl_sentence(item: object, text: str, place: str) -> GoldSentence:
    _check_keys(item, SENTENCE_KEYS, ("start", "end", "status"), place)
    _check_strings(item, ("entity", "type", "why"), place)
    _offsets([[item["start"], item["end"]]], text, f"{place}: 'start', 'end'")
    if item["status"] not in SENTENCE_STATUSES:
        raise GoldError(f"{place}: 'status' must be one of {', '.join(SENTENCE_STATUSES)}, not {item['status']!r}")
    if not isinstance(item.get("checkworthy", False), bool):
        raise GoldError(f"{place}: 'checkworthy' must be true or false")
    return GoldSentence(item["start"], item["end"], item["status"], item.get("checkworthy", False),
                        item.get("entity"), item.get("type"))


def _check_strings(item: dict, keys: Sequence[str], place: str) -> None:
    for key in keys:
        if item.get(key) is not None and not isinstance(item[key], str):
            raise GoldError(f"{place}: {key!r} must be a string or null")


def _offsets(value: object, text: str, place: str) -> List[Tuple[int, int]]:
    if not isinstance(value, list):
        raise GoldError(f"{place} must be a list of [start, end] pairs")
    pairs = []
    for pair in value:
        ok = isinstance(pair, list) and len(pair) == 2 and all(type(n) is int for n in pair)
        if not ok or not 0 <= pair[0] < pair[1] <= len(text):
            raise GoldError(
                f"{place}: {json.dumps(pair)} is not a [start, end] pair with "
                f"0 <= start < end <= {len(text)} (the text's length)"
            )
        pairs.append((pair[0], pair[1]))
    return pairs


def _check_keys(data: object, allowed: Sequence[str], required: Sequence[str], place: str) -> None:
    if not isinstance(data, dict):
        raise GoldError(f"{place}: expected a JSON object")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise GoldError(f"{place}: unknown key {unknown[0]!r}; expected {', '.join(allowed)}")
    missing = [key for key in required if key not in data]
    if missing:
        raise GoldError(f"{place}: missing key {missing[0]!r}")


def _read_text(path: Path) -> str:
    # newline="" keeps "\r\n" as two characters: offsets count every code point.
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        raise GoldError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{path}: cannot be read as UTF-8 text: {error}") from None
