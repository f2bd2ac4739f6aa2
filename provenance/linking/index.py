"""A read-only index of one parsed article, built once and read by every linking pass."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import partial
from typing import AbstractSet, Dict, FrozenSet, Iterable, List, Mapping, Sequence, Tuple

from spacy.tokens import Doc, Token

from ..cues import VERB, CueMatch
from ..layout import Layout
from ..quotes import NAME, PHRASE, Quote
from ..spans import char_runs, mention, overlaps
from .conventions import Conventions

NOMINALS = {"PROPN", "NOUN", "PRON"}
# How many tokens before a quotation, or after a label's colon, the word that introduces
# it may stand: a quotation mark, a comma and white space can come between.
NEAR_TOKENS = 3
# How many characters before a short quotation tell whether it opens its sentence, and
# after it whether it ends its sentence.
OPENING_CHARS = 10
FOLLOWING_CHARS = 3
# Letters a quotation may close with when it is a whole utterance ("“Terrible,” he said.").
UTTERANCE_ENDS = (",", ".", "!", "?")


@dataclass(frozen=True)
class Index:
    """What the passes read about a Doc: its quotations, its cues and where things are.

    Attributes:
        quotations: quotations that report speech: marked as quotations, short
            whole utterances, or quoted words right after a speech verb.
        phrases: quoted terms that are none of these ('called it a “witch hunt”').
        quote_ranges: the token ranges of every balanced quotation.
        quoted: the tokens inside `quotations`.
        quote_starts: the quotation that starts at a token.
        cues: the cue a token heads, outside quotations and boilerplate.
        dateline: the tokens of the dateline ("WASHINGTON (Reuters) -").
        unnamed: tokens no "Name:" label can take in.
        people: the surnames of the people the parse found ("PORTER:").
    """

    doc: Doc
    text: str  # doc.text, read once: spaCy builds it from the tokens on every access
    layout: Layout
    object_lemmas: FrozenSet[str]
    conventions: Conventions
    starts: Sequence[int]
    sentence_of: Sequence[int]
    title_end: int
    quotations: Sequence[Quote]
    phrases: Sequence[Quote]
    quote_ranges: Sequence[range]
    quotes_by_start: Mapping[int, Quote]
    quoted: AbstractSet[int]
    quote_starts: Mapping[int, Quote]
    cues: Mapping[int, CueMatch]
    dateline: AbstractSet[int]
    unnamed: AbstractSet[int]
    people: FrozenSet[str]

    # -- positions ---------------------------------------------------------
    def token_at(self, char: int) -> int:
        """The token holding a character, or the last one before it."""
        return _token_at(self.starts, char)

    def tokens(self, start: int, end: int) -> range:
        """The tokens that characters start:end touch."""
        return _tokens(self.starts, start, end)

    def sentence(self, i: int) -> int:
        """The number of the sentence of token i."""
        return self.sentence_of[i]

    def paragraph(self, i: int) -> int:
        """The number of the paragraph of token i."""
        return self.layout.paragraph_of(self.doc[i].idx)

    def in_title(self, i: int) -> bool:
        """Whether a token is on the article's first line, where its headline stands."""
        return self.doc[i].idx < self.title_end

    # -- spans ---------------------------------------------------------------
    def char_runs(self, tokens: Iterable[int]) -> List[Tuple[int, int]]:
        """Tokens as trimmed character runs; the dateline is never part of what anybody said."""
        return char_runs(self.doc, tokens, self.dateline)

    def mention(self, holder: Token) -> Tuple[int, int]:
        """The token range of the mention a speaker's token heads, without relative clauses
        that state something or the dateline."""
        return mention(holder, self.cues.keys(), self.dateline)

    def has_quote(self, spans: Sequence[Tuple[int, int]]) -> bool:
        """Whether character spans overlap a quotation or a quoted term."""
        return any(overlaps(spans, q.content_start, q.content_end) for q in list(self.quotations) + list(self.phrases))


def build_index(doc: Doc, quotes: Sequence[Quote], cues: Sequence[CueMatch], layout: Layout,
                object_lemmas: FrozenSet[str], conventions: Conventions) -> Index:
    """Index a Doc for the linking passes."""
    text = doc.text
    starts = [t.idx for t in doc]
    token_at = partial(_token_at, starts)
    tokens = partial(_tokens, starts)
    heads = {c.head: c for c in cues if c.kind == VERB and c.scope != "thought"}
    spoken = [q for q in quotes if q.quotation or short_utterance(text, q) or _uttered(doc, text, q, heads, token_at)]
    quotations = [q for q in spoken if not layout.in_boilerplate(q.start, q.end)]
    quoted = {i for q in quotations for i in tokens(q.start, q.end)}
    dateline = set(tokens(layout.dateline.start, layout.dateline.end)) if layout.dateline else set()
    return Index(
        doc=doc, text=text, layout=layout, object_lemmas=object_lemmas, conventions=conventions,
        starts=starts,
        sentence_of=_sentence_numbers(doc),
        title_end=len(text.partition("\n")[0]),
        quotations=quotations,
        phrases=[q for q in quotes if q.kind == PHRASE and q not in spoken],
        quote_ranges=[tokens(q.start, q.end) for q in quotes if q.opened and q.closed],
        quotes_by_start={q.start: q for q in quotes},
        quoted=quoted,
        quote_starts={token_at(q.start): q for q in quotations},
        cues={c.head: c for c in cues
              if c.head not in quoted and not layout.in_boilerplate(doc[c.head].idx, doc[c.head].idx + 1)},
        dateline=dateline,
        unnamed=quoted | dateline,
        people=frozenset(e[-1].lower_ for e in doc.ents if e.label_ == "PERSON"),
    )


def _token_at(starts: Sequence[int], char: int) -> int:
    return max(0, bisect.bisect_right(starts, char) - 1)


def _tokens(starts: Sequence[int], start: int, end: int) -> range:
    return range(_token_at(starts, start), _token_at(starts, max(start, end - 1)) + 1)


def _sentence_numbers(doc: Doc) -> List[int]:
    """The number of each token's sentence, looked up once rather than through `Token.sent`."""
    numbers = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        numbers[sentence.start:sentence.end] = [number] * len(sentence)
    return numbers


def _uttered(doc: Doc, text: str, quote: Quote, speech_heads: Dict[int, CueMatch], token_at) -> bool:
    """A short quotation right after a speech verb is what was said: 'a man yelled “Stay there!”'.

    It ends in punctuation inside the marks or ends its sentence; a quoted term
    runs on ('said “fake news” was everywhere').
    """
    if quote.kind not in (PHRASE, NAME) or not (quote.opened and quote.closed):
        return False  # a name too: 'the crowd chanted “USA! USA!”'
    first = token_at(quote.start)
    previous = next((t for t in reversed(doc[max(0, first - NEAR_TOKENS):first]) if not t.is_space and t.text != ","), None)
    if previous is None or previous.i not in speech_heads:
        return False
    following = text[quote.end:quote.end + FOLLOWING_CHARS].lstrip(" ")
    return text[quote.content_end - 1:quote.content_end] in UTTERANCE_ENDS or following[:1] in ("", ".", "\n", "!", "?")


def short_utterance(text: str, quote: Quote) -> bool:
    """Tell a short quotation that is a whole utterance ("“Terrible,” he said.") from a quoted term.

    It opens its sentence and ends in punctuation inside the marks; a term or scare
    quote sits mid-sentence ("called it a “witch hunt” again").
    """
    if quote.kind != PHRASE or not (quote.opened and quote.closed):
        return False
    if text[quote.content_end - 1:quote.content_end] not in UTTERANCE_ENDS:
        return False
    window = text[max(0, quote.start - OPENING_CHARS):quote.start]
    before = window.rstrip()
    return "\n" in window or (not before and quote.start < OPENING_CHARS) or before[-1:] in (".", "!", "?", ":")
