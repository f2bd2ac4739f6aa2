"""Untrusted text on its way out: shown escaped on a terminal, defused in a spreadsheet cell, kept exact in JSON.

Article text, file names and database rows are untrusted: every printer passes them
through `escape_terminal`, every CSV writer through `escape_cell`, every HTML page through `escape_html`.

Notes:
    The terminal set is what a terminal acts on instead of showing: the C0 and C1
    controls and DEL (ESC starts CSI and OSC sequences: clear screen, window title,
    OSC 52 clipboard writes) and the bidirectional controls of Trojan Source
    (CVE-2021-42574), which reorder what is shown. Lone surrogates are escaped too,
    as no terminal encoding can write them. The cell rule is OWASP's advice on CSV
    injection: a cell starting with = + - @ tab or CR gets a leading single quote.
"""
from __future__ import annotations

import html
import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SHOWN_ESCAPED = f"\x7f-\x9f{_BIDI}\ud800-\udfff"  # besides C0, which JSON already escapes
_UNSAFE = re.compile(f"[\x00-\x1f{_SHOWN_ESCAPED}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_SHOWN_ESCAPED}]")
_UNSAFE_IN_JSON = re.compile(f"[{_SHOWN_ESCAPED}]")
_UNSAFE_IN_HTML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_SHOWN_ESCAPED}]")
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
NEWLINES = ("escape", "keep", "space")  # what escape_terminal does with line breaks
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_terminal(text: str, newlines: str = "escape") -> str:
    """`text` safe to print on a terminal: each control character shown as `\\x1b`, `\\t` or `\\u202e`.

    Args:
        newlines: "escape" shows line breaks as `\\n` and `\\r` (a field on one line);
            "keep" leaves `\\n` a newline (a message whose lines are meant);
            "space" reads each line break (LF, CR or CRLF) as a space (text the printer flows).
    """
    if newlines not in NEWLINES:
        raise ValueError(f"newlines must be one of {NEWLINES}, not {newlines!r}")
    if newlines == "space":
        text = _LINE_BREAK.sub(" ", text)
    return (_UNSAFE_BUT_NEWLINE if newlines == "keep" else _UNSAFE).sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_json(dumped: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with DEL, C1, bidi controls and lone surrogates
    written as `\\u` escapes: the same values once parsed, and safe to show on a terminal.

    Exact because these characters can only occur inside JSON strings, where a `\\u` escape means the same.
    """
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def escape_cell(value):
    """A CSV cell that no spreadsheet runs as a formula: a string starting with = + - @ tab or CR
    gets a leading `'`; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def escape_html(text: str) -> str:
    """`text` as HTML text or an attribute value: `& < > " '` as entities, and every control
    and bidirectional control but tab and line breaks shown as `\\x1b` or `\\u202e`, as a
    terminal shows them, so no character of an article reorders or hides the page."""
    return html.escape(_UNSAFE_IN_HTML.sub(_escaped, text), quote=True)
