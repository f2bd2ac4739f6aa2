"""Sentences that are no claims: layout lines, questions and no-comment lines, by the `not_claims` rules."""
from __future__ import annotations

import re
from typing import Optional, Sequence

from .records import CLOSING_QUOTES, SENTENCE_ENDS, STRAIGHT_QUOTES
from .rules import NotClaimRule

# A subheading is short: at most this many words.
SUBHEADING_MAX_WORDS = 8
# What a line that is no subheading may end with: a sentence end, a closing mark, a colon or a comma.
LINE_ENDS = SENTENCE_ENDS + CLOSING_QUOTES + STRAIGHT_QUOTES + ("’", ":", ";", ",", ")")
LETTER_RE = re.compile(r"[^\W\d_]")
WORD_RE = re.compile(r"[^\W\d_][\w’'-]*")
# What may close a question after its question mark.
AFTER_QUESTION = "".join(CLOSING_QUOTES + STRAIGHT_QUOTES) + "’') "


def not_claim(rules: Sequence[NotClaimRule], text: str, start: int, end: int) -> Optional[str]:
    """The id of the first rule that sets the sentence `text[start:end]` aside, or None."""
    sentence = text[start:end]
    line_start, line_end = _line(text, start, end)
    line = text[line_start:line_end].strip()
    # the sentence fills its line when the rest of the line has no letters ("— Name (@name) ...", "10 p.m.")
    whole_line = not LETTER_RE.search(text[line_start:start] + text[end:line_end])
    for rule in rules:
        # a line that a `lines` pattern matches whole sets aside every sentence on it
        # ("Disclaimer: ... . The site advises ...", a ticker row split at "INC.")
        if rule.lines and any(p.fullmatch(line) for p in rule.lines):
            return rule.id
        if rule.sentences and any(p.search(sentence) for p in rule.sentences):
            return rule.id
        if rule.shape == "question" and sentence.rstrip(AFTER_QUESTION).endswith("?"):
            return rule.id
        if rule.shape == "subheading" and whole_line and _subheading(text, line, line_end):
            return rule.id
    return None


def _line(text: str, start: int, end: int):
    """The line, or lines, a sentence stands on."""
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) if "\n" in text[end:] else len(text))


def _subheading(text: str, line: str, line_end: int) -> bool:
    """A short line of its own, ending in no sentence end or mark, with more text after it."""
    line = line.strip()
    return (not line.endswith(LINE_ENDS) and 0 < len(WORD_RE.findall(line)) <= SUBHEADING_MAX_WORDS
            and bool(text[line_end:].strip()))
