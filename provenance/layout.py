"""The shape of an article's text: its title, paragraphs, dateline and boilerplate lines."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from .names import byline_names
from .records import CLOSING_QUOTES, SENTENCE_ENDS, STRAIGHT_QUOTES, Span
from .rules import RuleSet
from .text import trim

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
# A headline may ask ("Is the Bridge Safe?") or trail off; any other sentence end makes a first line a sentence.
HEADLINE_ENDS = ("?", "…")
# The characters that may close a first line after its last word: closing and straight
# quote marks (so ' too), and ’ closing a single quote.
LINE_CLOSING_MARKS = "".join(CLOSING_QUOTES + STRAIGHT_QUOTES) + "’"
# Page furniture is a short line ("Share this article", "Would love your thoughts, please
# comment"): a longer one, or one holding two sentences, is a paragraph, whatever a
# boilerplate pattern's ".*" would match.
BOILERPLATE_MAX_WORDS = 20
# A byline stands among the first lines: after the headline and a deck, before or after the dateline.
BYLINE_LINES = 4
SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’)]*\s+[\"“‘(]*[A-Z]")


@dataclass(frozen=True)
class Layout:
    """Where the parts of an article stand; `boilerplate` holds (span, rule id) pairs."""

    title: Optional[Span]
    paragraphs: Tuple[Span, ...]
    boilerplate: Tuple[Tuple[Span, str], ...]
    dateline: Optional[Span]
    furniture: Tuple[Span, ...]  # the title, the byline and the boilerplate lines: everything that is not reporting
    byline: Optional[Span] = None
    authors: Tuple[str, ...] = ()  # the people the byline names

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
    byline, authors = _byline(lines[:BYLINE_LINES])
    if byline is not None and byline == title:  # "By Jane Doe" opening the text heads nothing
        title = None
    body = [span for span in lines if span not in (title, byline) and all(span != b for b, _ in boilerplate)]
    dateline = None
    for paragraph in body[:DATELINE_PARAGRAPHS]:
        match = DATELINE_RE.match(text, paragraph.start)
        if match and match.end() < paragraph.end:
            dateline = Span(match.start(), match.end(), match.group())
            break
    furniture = tuple(span for span, _ in boilerplate) + tuple(s for s in (title, byline) if s)
    return Layout(title, tuple(lines), boilerplate, dateline, furniture, byline, authors)


def _byline(lines: List[Span]) -> Tuple[Optional[Span], Tuple[str, ...]]:
    """The first of the opening lines that is a byline ("By Jane Doe"), and the people it names."""
    for line in lines:
        names = byline_names(line.text)
        if names:
            return line, names
    return None, ()


def _lines(text: str) -> List[Span]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = trim(text, match.start(), match.end())
        if end > start:
            spans.append(Span(start, end, text[start:end]))
    return spans


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
    if len(line.split()) > BOILERPLATE_MAX_WORDS or SENTENCE_BREAK_RE.search(line):
        return None
    for rule in rules.boilerplate:
        if any(pattern.fullmatch(line.strip()) for pattern in rule.patterns):
            return rule.id
    return None


