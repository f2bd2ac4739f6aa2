"""The versions of an article's text: as given, as read (line ends normalized), with markup blanked, as the
parser reads it, and in chunks; and Markdown's markup blanked.

Every version has the same length as the text as given, so an offset into any of
them is an offset into the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AbstractSet, FrozenSet, Iterable, List, Tuple

# An inline markup tag left in scraped text: "<tweet author="..." id="...">", "</a>", "<br/>".
MARKUP_TAG_RE = re.compile(
    r"</?[A-Za-z][\w:-]{0,30}(?:[ \t]+[\w:-]+(?:[ \t]*=[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s>\"']+))?){0,30}[ \t]*/?>")
HEADLINE_WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")
HEADLINE_MIN_WORDS = 3
HEADLINE_CAPITALIZED = 0.6  # the share of capitalized words that makes a first line title case
# Longer texts are parsed in chunks of about this many characters, cut at line ends.
CHUNK_CHARS = 100_000
# A run without white space longer than this is cut for the tokenizer, whose prefix and
# suffix splitting grows slow on thousands of quote marks.
MAX_RUN = 500
LONG_RUN_RE = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


# Line ends other than "\n": a carriage return alone (old Mac files) and Unicode's line and
# paragraph separators and next-line character; a CR before LF (Windows) becomes a space.
LINE_END_RE = re.compile("\r\n?|[\x85\u2028\u2029]")
# Markdown's markup, as (pattern, the groups that are markup): what `mask_markdown` blanks.
MARKDOWN = tuple((re.compile(pattern, re.MULTILINE | re.DOTALL * dotall), groups) for pattern, groups, dotall in (
    (r"^ {0,3}(```|~~~).*?(?:^ {0,3}\1[^\n]*$|\Z)", (0,), True),  # a fenced code block, fences and code
    (r"^( {0,3}#{1,6}[ \t]+)[^\n]*?([ \t]+#+)?[ \t]*$", (1, 2), False),  # "# Title #"
    (r"^ {0,3}(?:=+|-+|(?:[*_-][ \t]*){3,})[ \t]*$", (0,), False),  # a setext underline, a rule
    (r"^(?: {0,3}>[ \t]?)+", (0,), False),  # "> " of a block quote
    (r"^[ \t]*[*+-][ \t]+", (0,), False),  # a list's bullet
    (r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", (0,), False),  # "[1]: https://..." a link's definition
    (r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])", (0,), False),  # an image, with its alt text
    (r"(\[)[^\]\n]+(\]\([^)\n]*\)|\]\[[^\]\n]*\])", (1, 2), False),  # a link: the text stays
    (r"<(?:https?|mailto):[^>\s]+>", (0,), False),  # an autolink
    (r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}", (0,), False),  # emphasis with asterisks
    (r"(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)", (0,), False),  # with underscores, not snake_case
    (r"~~|`+", (0,), False),  # strike-through, code
))
MARKDOWN_ESCAPE_RE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!>~|])")


@dataclass(frozen=True)
class Versions:
    """An article's text in the versions the analysis reads, each built once.

    Attributes:
        given: the text as given (the article's text).
        written: its line ends normalized (`read_line_ends`): findings are cut from
            it, offsets index it and the text as given alike.
        masked: markup tags blanked out: where quotations are looked for.
        parsed: masked, and a headline in title case put in sentence case: what the
            parser reads.
    """

    given: str
    written: str
    masked: str
    parsed: str


def versions(text: str, common: AbstractSet[str] = frozenset()) -> Versions:
    """Build the versions of a text; `common` are words a headline may lower (`parse_text`)."""
    written = read_line_ends(text)
    masked = mask_markup(written)
    return Versions(text, written, masked, recase(masked, common))


def read_line_ends(text: str) -> str:
    """The text with every line end a "\\n", character for character, so offsets hold.

    A lone carriage return (or U+2028, U+2029, U+0085) becomes "\\n"; in "\\r\\n" the
    carriage return becomes a space. Left as they were, a file with CR line ends reads
    as one line, which a boilerplate pattern or the title may take whole.
    """
    if "\r" not in text and not LINE_END_RE.search(text):
        return text
    return LINE_END_RE.sub(lambda m: " \n" if len(m.group()) == 2 else "\n", text)


def mask_markdown(text: str) -> str:
    """Markdown with its markup blanked, each character a space (line ends kept), so offsets hold.

    Headings' `#`, emphasis (`*`, `_`), list bullets, block quotes' `>`, links'
    brackets and addresses, images, code fences and code are blanked; the words stay.
    A backslash-escaped character ("\\*") is kept as text.
    """
    marked = bytearray(len(text))
    for pattern, groups in MARKDOWN:
        for match in pattern.finditer(text):
            for group in groups:
                if match.start(group) >= 0:
                    marked[match.start(group):match.end(group)] = b"\x01" * (match.end(group) - match.start(group))
    for escape in MARKDOWN_ESCAPE_RE.finditer(text):
        marked[escape.start()], marked[escape.end()] = 1, 0
    return "".join(" " if flag and char != "\n" else char for char, flag in zip(text, marked))


def trim(text: str, start: int, end: int) -> Tuple[int, int]:
    """Shrink the span from `start` to `end` past the white space at its edges.

    Returns:
        The new (start, end); start == end when the span held only white space.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def mask_markup(text: str) -> str:
    """The text with inline markup tags blanked out, each character a space, so offsets hold.

    A tag's name and attributes are not prose: left in, "<tweet author=...>" reads
    as the verb "tweet" and its quoted attribute values as quotations.
    """
    if "<" not in text:
        return text
    return MARKUP_TAG_RE.sub(lambda m: " " * len(m.group()), text)


def unmarked(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    """The pieces of ``text[start:end]`` between markup tags, trimmed of white space:
    a content that runs across "</b>" is two pieces, and one that ends on a tag stops before it."""
    if "<" not in text[start:end]:
        return [(start, end)]
    pieces, at = [], start
    for tag in MARKUP_TAG_RE.finditer(text, start, end):
        pieces.append((at, tag.start()))
        at = tag.end()
    pieces.append((at, end))
    trimmed = [trim(text, a, b) for a, b in pieces]
    return [(a, b) for a, b in trimmed if a < b]


def parse_text(text: str, common: AbstractSet[str] = frozenset()) -> str:
    """The text the parser reads: markup tags blanked out and a headline recased (`recase`)."""
    return recase(mask_markup(text), common)


def recase(text: str, common: AbstractSet[str] = frozenset()) -> str:
    """A headline in title case put in sentence case, the rest of the text as it is.

    Notes:
        Parsers trained on running text read "Senator Says He Will Vote No" as a
        string of names. A word capitalized in the headline that the article also
        writes in lower case ("says", "will"), or that is one of the `common` words
        (the forms of the reporting verbs), is lowered; names, which the body
        capitalizes too, keep their capital. Only the case changes, so every
        character offset into the parse is an offset into `text`.
    """
    end = text.find("\n")
    if end < 0:
        return text
    words = list(HEADLINE_WORD_RE.finditer(text, 0, end))
    capitalized = [w for w in words if w.group()[0].isupper()]
    if len(words) < HEADLINE_MIN_WORDS or len(capitalized) < HEADLINE_CAPITALIZED * len(words):
        return text
    lower = set(re.findall(r"(?<![\w’'-])[a-z][\w’'-]*", text[end:])) | common
    pieces, last = [], 0
    for word in capitalized[1:]:
        token = word.group()
        folded = token.lower()
        if folded in lower and not (token.isupper() and len(token) > 1) and len(folded) == len(token):
            pieces.append(text[last:word.start()] + folded)
            last = word.end()
    return "".join(pieces) + text[last:] if pieces else text


def verb_forms(lemmas: Iterable[str]) -> FrozenSet[str]:
    """The regular forms of one-word verb lemmas ("praise": praises, praised, praising).

    Irregular pasts ("said") are missed; these forms only help recase headlines.
    """
    forms = set()
    for lemma in (l for l in lemmas if l.isalpha()):
        consonant_y = lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "i", "o", "u")
        stem = lemma[:-1] if lemma.endswith("e") or consonant_y else lemma
        if consonant_y:
            third, past = stem + "ies", stem + "ied"
        else:
            third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else lemma + "s"
            past = stem + "ed"
        forms.update({lemma, third, past, (lemma if consonant_y else stem) + "ing"})
    return frozenset(forms)


def needs_chunks(text: str) -> bool:
    """Whether a text is too long for one parse, or holds a run without white space long enough
    to make the tokenizer's prefix and suffix splitting slow (thousands of quote marks)."""
    return len(text) > CHUNK_CHARS or LONG_RUN_RE.search(text) is not None


def chunk_text(text: str, size: int) -> List[str]:
    """Cut a text into pieces of at most `size` characters that concatenate back to it.

    Cuts fall after a newline where possible, else after a sentence end, else after
    white space; a run without white space longer than MAX_RUN is cut every MAX_RUN
    characters.
    """
    return [piece for chunk in _size_chunks(text, size) for piece in _run_chunks(chunk)]


def _run_chunks(chunk: str) -> List[str]:
    cuts = [cut for match in LONG_RUN_RE.finditer(chunk) for cut in range(match.start() + MAX_RUN, match.end(), MAX_RUN)]
    bounds = [0] + cuts + [len(chunk)]
    return [chunk[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def _size_chunks(text: str, size: int) -> List[str]:
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1
        if cut <= 0:
            ends = [m.end() for m in re.finditer(r"[.!?]\s", window)]
            cut = ends[-1] if ends else window.rfind(" ") + 1
        if cut <= 0:
            cut = size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return [p for p in pieces if p]
