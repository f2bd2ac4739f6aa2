"""Finding quotations in raw text: curly, straight, guillemets and `''`, balanced or not.

The finder works on the string alone, never raises, and runs in time linear in the
text. Every newline ends a paragraph. A quote left open at the end of a paragraph
goes on into the next one when that paragraph opens with a quote mark (the
multi-paragraph convention); otherwise it is closed at the paragraph end and marked
unclosed. A closing mark with nothing open starts after the nearest dash that
follows a sentence end ("... says X. – In this area, ... ”"), else at the paragraph
start. Apostrophes (’ and ') are never quote marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from .text import trim
from .records import CLOSING_QUOTES, OPENING_QUOTES, QUOTE_MARKS, SENTENCE_ENDS, STRAIGHT_QUOTES

OPEN, CLOSE, EITHER = "open", "close", "either"
GLYPH = {**dict.fromkeys(OPENING_QUOTES, OPEN), **dict.fromkeys(CLOSING_QUOTES, CLOSE),
         **dict.fromkeys(STRAIGHT_QUOTES, EITHER)}
# The two-character marks first, so `''` is one mark rather than two apostrophes.
MARK_RE = re.compile("|".join(re.escape(mark) for mark in sorted(QUOTE_MARKS, key=len, reverse=True)))
OPENERS_BEFORE = set("([{—–-/")
CLOSERS_AFTER = set(SENTENCE_ENDS) | set(",;:)]}—–-")
_ENDS = "[" + re.escape("".join(SENTENCE_ENDS)) + "]"
RESUME_RE = re.compile(_ENDS + r"\s*[–—-]\s+")
SENTENCE_END_RE = re.compile(_ENDS + r"\s+")
FUNCTION_WORDS = {"a", "an", "the", "of", "and", "for", "in", "on", "al", "el", "de", "la", "du", "von", "van", "bin"}
MIN_QUOTATION_WORDS = 4
QUOTATION, NAME, PHRASE = "quotation", "name", "phrase"


@dataclass(frozen=True)
class Quote:
    """A quoted stretch of text.

    `pieces` are the (start, end) offsets of the quoted words, one per paragraph,
    without the marks; `start`/`end` cover the marks too. `kind` is quotation, name
    (a quoted proper name: “Jebhat al-Nusra”) or phrase (a term or scare quote).
    """

    start: int
    end: int
    pieces: Tuple[Tuple[int, int], ...]
    opened: bool
    closed: bool
    kind: str

    @property
    def quotation(self) -> bool:
        return self.kind == QUOTATION

    @property
    def content_start(self) -> int:
        return self.pieces[0][0]

    @property
    def content_end(self) -> int:
        return self.pieces[-1][1]


def find_quotes(text: str) -> List[Quote]:
    """Return every quoted stretch in `text`, in order.

    Args:
        text: any string; unbalanced and mixed marks are fine.

    Returns:
        Quotes with in-bounds, non-overlapping offsets.
    """
    return _Scanner(text).run()


def classify(text: str) -> str:
    """Tell a quotation from a quoted name or a quoted phrase (a term, a scare quote).

    Notes:
        A name is a short run of capitalised words ("Khayyat Tahrir al-Sham"); a
        phrase has fewer than four words. After the mixed-quote practice of
        attribution corpora such as PolNeAR, quoted phrases belong to the indirect
        statement around them rather than being quotations of their own.
    """
    words = re.findall(r"[^\W_][\w'’-]*", text)
    content = [w for w in words if w.lower().split("-")[0] not in FUNCTION_WORDS]
    if len(words) <= 6 and content and all(w[0].isupper() for w in content):
        return NAME
    return QUOTATION if len(words) >= MIN_QUOTATION_WORDS else PHRASE


class _Scanner:
    """One left-to-right pass over the marks, holding at most one open quote."""

    def __init__(self, text: str):
        self.text = text
        self.quotes: List[Quote] = []
        self.open_at: Optional[int] = None  # offset of the open quote's first mark
        self.pieces: List[Tuple[int, int]] = []  # closed pieces of a multi-paragraph quote
        self.piece_start = 0
        self.last_end = 0  # where the previous quote ended

    def run(self) -> List[Quote]:
        for match in MARK_RE.finditer(self.text):
            if match.start() < self.last_end:
                continue
            if self._paragraph_breaks_before(match.start()):
                continue
            self._mark(match.start(), match.end(), self._direction(match))
        if self.open_at is not None:
            newline = self.text.find("\n", self.piece_start)
            self._close_unclosed(newline if newline >= 0 else len(self.text))
        return self.quotes

    def _direction(self, match: re.Match) -> str:
        glyph = GLYPH[match.group()]
        if glyph != EITHER:
            return glyph
        before = self.text[match.start() - 1] if match.start() else " "
        after = self.text[match.end()] if match.end() < len(self.text) else " "
        opens = (before.isspace() or before in OPENERS_BEFORE) and not after.isspace()
        closes = (after.isspace() or after in CLOSERS_AFTER) and not before.isspace()
        if opens != closes:
            return OPEN if opens else CLOSE
        return CLOSE if self.open_at is not None else OPEN

    def _mark(self, start: int, end: int, direction: str) -> None:
        if direction == OPEN:
            if self.open_at is not None:
                # A second opening mark in the same paragraph: the first was never closed.
                self._close_unclosed(start)
            self.open_at, self.piece_start, self.pieces = start, end, []
        elif self.open_at is not None:
            self._emit(self.open_at, end, self.pieces + [(self.piece_start, start)], True, True)
        else:
            first = self._resume_point(start)
            self._emit(first, end, [(first, start)], False, True)

    def _paragraph_breaks_before(self, offset: int) -> bool:
        """Close the open quote at a newline before `offset`, or carry it over.

        Returns True when the mark at `offset` carried the quote into its paragraph.
        """
        if self.open_at is None:
            return False
        newline = self.text.find("\n", self.piece_start, offset)
        if newline < 0:
            return False
        if self.text[newline:offset].strip() == "" and _opens_at(self.text, offset):
            # The next paragraph opens with a mark: the quote goes on.
            self.pieces.append((self.piece_start, newline))
            self.piece_start = MARK_RE.match(self.text, offset).end()
            return True
        self._close_unclosed(newline)
        return False

    def _close_unclosed(self, at: int) -> None:
        pieces = self.pieces + [(self.piece_start, at)]
        self._emit(self.open_at, at, pieces, True, False)

    def _resume_point(self, close: int) -> int:
        """Where a quote with a closing mark but no opening mark begins."""
        # the paragraph's start matters only past the previous quotation: looking no further
        # back keeps a long line of closing marks linear
        floor = max(self.last_end, self.text.rfind("\n", self.last_end, close) + 1)
        region = self.text[floor:close]
        resumed = list(RESUME_RE.finditer(region))
        if resumed:
            return floor + resumed[-1].end()
        if floor == self.last_end and self.quotes:
            # Same paragraph as the previous quote: skip its attribution sentence.
            sentence = SENTENCE_END_RE.search(region)
            if sentence:
                return floor + sentence.end()
        return floor

    def _emit(self, start: int, end: int, pieces, opened: bool, closed: bool) -> None:
        trimmed = tuple(p for p in (trim(self.text, a, b) for a, b in pieces) if p[1] > p[0])
        self.open_at, self.pieces = None, []
        self.last_end = max(end, self.last_end)
        if not trimmed:
            return
        words = " ".join(self.text[a:b] for a, b in trimmed)
        self.quotes.append(Quote(start, end, trimmed, opened, closed, classify(words)))


def _opens_at(text: str, offset: int) -> bool:
    match = MARK_RE.match(text, offset)
    return bool(match) and GLYPH[match.group()] in (OPEN, EITHER)
