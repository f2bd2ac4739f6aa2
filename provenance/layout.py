"""The shape of an article's text: its title, paragraphs, dateline and boilerplate lines."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AbstractSet, List, Optional, Tuple

from .records import CLOSING_QUOTES, SENTENCE_ENDS, STRAIGHT_QUOTES, Span
from .rules import RuleSet

# "ALEPPO –", "WASHINGTON (Reuters) -", "NEW YORK, N.Y. —" at the start of the body.
# "WASHINGTON -", "RENO, Nev. (AP) —", "CLEVELAND, July 19 (UPI) —"; a place in mixed case
# ("New York (AFP) –", "Dec 29 (Reuters) -") counts only with an agency in brackets.
DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z.' ]{1,40}(?:, [A-Z][A-Za-z0-9. ]{1,20})?\s*(?:\([^)\n]{1,40}\))?"
    r"|[A-Z][A-Za-z0-9.' ]{1,40}(?:, [A-Z][A-Za-z0-9. ]{1,20})?\s*\([A-Za-z ]{2,12}\))"
    r"\s*[–—-]{1,2}\s+"
)
# The dateline opens the first body paragraph, or the second after an unmarked headline or a deck.
DATELINE_PARAGRAPHS = 2
TITLE_MAX_CHARS = 250
HEADLINE_WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")
HEADLINE_MIN_WORDS = 3
HEADLINE_CAPITALIZED = 0.6  # the share of capitalized words that makes a first line title case
# A headline may ask ("Is the Bridge Safe?") or trail off; any other sentence end makes a first line a sentence.
HEADLINE_ENDS = ("?", "…")
# The characters that may close a first line after its last word: closing and straight
# quote marks (so ' too), and ’ closing a single quote.
LINE_CLOSING_MARKS = "".join(CLOSING_QUOTES + STRAIGHT_QUOTES) + "’"
# An inline markup tag left in scraped text: "<tweet author="..." id="...">", "</a>", "<br/>".
MARKUP_TAG_RE = re.compile(
    r"</?[A-Za-z][\w:-]{0,30}(?:[ \t]+[\w:-]+(?:[ \t]*=[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s>\"']+))?){0,30}[ \t]*/?>")


@dataclass(frozen=True)
class Layout:
    """Where the parts of an article stand; `boilerplate` holds (span, rule id) pairs."""

    title: Optional[Span]
    paragraphs: Tuple[Span, ...]
    boilerplate: Tuple[Tuple[Span, str], ...]
    dateline: Optional[Span]
    furniture: Tuple[Span, ...]  # the title and the boilerplate lines: everything that is not reporting

    def paragraph_of(self, offset: int) -> int:
        """Return the index of the paragraph holding `offset` (the next one for a gap)."""
        low, high = 0, len(self.paragraphs)
        while low < high:
            middle = (low + high) // 2
            if self.paragraphs[middle].end <= offset:
                low = middle + 1
            else:
                high = middle
        return low

    def excluded(self, start: int, end: int) -> bool:
        """Tell whether a stretch lies in the title or in boilerplate."""
        return any(span.start <= start and end <= span.end for span in self.furniture)

    def in_boilerplate(self, start: int, end: int) -> bool:
        """Tell whether a stretch lies in a boilerplate line (a headline may still attribute)."""
        return any(span.start <= start and end <= span.end for span, _ in self.boilerplate)


def read_layout(text: str, rules: RuleSet) -> Layout:
    """Split a text into paragraphs (one per non-blank line) and find title, dateline, boilerplate."""
    lines = _lines(text)
    title = _title(text, lines)
    boilerplate = tuple((span, rule) for span in lines if (rule := _boilerplate_rule(span.text, rules)))
    body = [span for span in lines if span != title and all(span != b for b, _ in boilerplate)]
    dateline = None
    for paragraph in body[:DATELINE_PARAGRAPHS]:
        match = DATELINE_RE.match(text, paragraph.start)
        if match and match.end() < paragraph.end:
            dateline = Span(match.start(), match.end(), match.group())
            break
    furniture = tuple(span for span, _ in boilerplate) + ((title,) if title else ())
    return Layout(title, tuple(lines), boilerplate, dateline, furniture)


def _lines(text: str) -> List[Span]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = trim(text, match.start(), match.end())
        if end > start:
            spans.append(Span(start, end, text[start:end]))
    return spans


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


def _title(text: str, lines: List[Span]) -> Optional[Span]:
    """The first line is a headline when a blank line follows it and it does not read as a sentence.

    Notes:
        News headlines are short and carry no closing full stop; web and wire copy
        set them off from the body with a blank line.
    """
    if len(lines) < 2:
        return None
    first = lines[0]
    blank_after = text[first.end:lines[1].start].count("\n") >= 2
    ends_sentence = first.text.rstrip(LINE_CLOSING_MARKS).endswith(
        tuple(end for end in SENTENCE_ENDS if end not in HEADLINE_ENDS))
    if blank_after and not ends_sentence and len(first.text) <= TITLE_MAX_CHARS:
        return first
    return None


def _boilerplate_rule(line: str, rules: RuleSet) -> Optional[str]:
    for rule in rules.boilerplate:
        if any(pattern.fullmatch(line.strip()) for pattern in rule.patterns):
            return rule.id
    return None


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
    """The text the parser reads: markup tags blanked out and a headline in title case
    put in sentence case.

    Notes:
        Parsers trained on running text read "Senator Says He Will Vote No" as a
        string of names. A word capitalized in the headline that the article also
        writes in lower case ("says", "will"), or that is one of the `common` words
        (the forms of the reporting verbs), is lowered; names, which the body
        capitalizes too, keep their capital. Only the case changes, so every
        character offset into the parse is an offset into `text`.
    """
    text = mask_markup(text)
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
