"""A read-only index of one parsed article, built once and read by every linking pass."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import partial
from typing import AbstractSet, Dict, FrozenSet, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from spacy.tokens import Doc, Token

from ..cues import VERB, CueMatch
from ..layout import Layout
from ..names import surname_key
from ..quotes import NAME, PHRASE, Quote
from ..spans import SpanIndex, char_runs, mention
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
        quote_ranges: the token ranges of every balanced quotation, in text order.
        quote_range_starts, quote_range_ends: their first and last tokens, for bisection.
        quoted: the tokens inside `quotations`.
        quote_starts: the quotation that starts at a token.
        quoted_starts: the quotation or quoted term that starts at a token.
        quoted_contents: the contents of quotations and quoted terms, for overlap questions.
        cues: the cue a token heads, outside quotations and boilerplate.
        dateline: the tokens of the dateline ("WASHINGTON (Reuters) -").
        unnamed: tokens no "Name:" label can take in.
        people: the surnames of the people the parse found ("PORTER:").
        sentence_bounds: the first token and the end of each sentence, by number.
        relative_clauses: the tokens that head a relative clause.
        nesting: for each reporting verb's token, how many reporting verbs stand above it in the parse.
        table: the token attributes content runs read, as plain tuples (`Tokens`).

    Notes:
        Every pass reads these in constant or logarithmic time per question, never by
        a scan of the Doc or of all quotations: a hostile article (thousands of
        unbalanced quotation marks) makes thousands of links, and a scan per link made
        the linker quadratic.
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
    quote_range_starts: Sequence[int]
    quote_range_ends: Sequence[int]
    quotes_by_start: Mapping[int, Quote]
    quoted: AbstractSet[int]
    quote_starts: Mapping[int, Quote]
    quoted_starts: Mapping[int, Quote]
    quoted_contents: SpanIndex
    cues: Mapping[int, CueMatch]
    dateline: AbstractSet[int]
    unnamed: AbstractSet[int]
    people: FrozenSet[str]
    sentence_bounds: Sequence[Tuple[int, int]]
    relative_clauses: AbstractSet[int]
    nesting: Mapping[int, int]
    table: "Tokens"

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

    def sentence_tokens(self, i: int) -> range:
        """The tokens of the sentence of token i, as `doc[i].sent` holds them, without its walk."""
        return range(*self.sentence_bounds[self.sentence_of[i]])

    def paragraph(self, i: int) -> int:
        """The number of the paragraph of token i."""
        return self.layout.paragraph_of(self.doc[i].idx)

    def in_title(self, i: int) -> bool:
        """Whether a token is on the article's first line, where its headline stands."""
        return self.doc[i].idx < self.title_end

    # -- spans ---------------------------------------------------------------
    def char_runs(self, tokens: Iterable[int]) -> List[Tuple[int, int]]:
        """Tokens as trimmed character runs; the dateline is never part of what anybody said."""
        tokens = set(tokens)
        if not tokens:
            return []
        return char_runs(self.table.around(min(tokens), max(tokens)), tokens, self.dateline)

    def mention(self, holder: Token) -> Tuple[int, int]:
        """The token range of the mention a speaker's token heads, without relative clauses
        that state something or the dateline."""
        return mention(holder, self.cues.keys(), self.dateline)

    def has_quote(self, spans: Sequence[Tuple[int, int]]) -> bool:
        """Whether character spans overlap a quotation or a quoted term."""
        return any(self.quoted_contents.overlaps(a, b) for a, b in spans)

    def quote_ranges_from(self, first: int, last: int) -> Sequence[range]:
        """The balanced quotations' token ranges that start from token `first` up to, not
        including, token `last`, in text order."""
        low = bisect.bisect_left(self.quote_range_starts, first)
        return self.quote_ranges[low:bisect.bisect_left(self.quote_range_starts, last, low)]

    def quote_ranges_past(self, last: int) -> Sequence[range]:
        """The balanced quotations' token ranges that end after token `last`, in text order."""
        return self.quote_ranges[bisect.bisect_right(self.quote_range_ends, last):]


def build_index(doc: Doc, quotes: Sequence[Quote], cues: Sequence[CueMatch], layout: Layout,
                object_lemmas: FrozenSet[str], conventions: Conventions) -> Index:
    """Index a Doc for the linking passes."""
    text = doc.text
    starts = [t.idx for t in doc]
    token_at = partial(_token_at, starts)
    tokens = partial(_tokens, starts)
    heads = {c.head: c for c in cues if c.kind == VERB and c.scope != "thought"}
    spoken = [q for q in quotes if q.quotation or short_utterance(text, q) or _uttered(doc, text, q, heads, token_at)]
    in_boilerplate = _boilerplate(layout)
    quotations = [q for q in spoken if not in_boilerplate(q.start, q.end)]
    quoted = {i for q in quotations for i in tokens(q.start, q.end)}
    dateline = set(tokens(layout.dateline.start, layout.dateline.end)) if layout.dateline else set()
    spoken_set = set(spoken)
    phrases = [q for q in quotes if q.kind == PHRASE and q not in spoken_set]
    quote_ranges = [tokens(q.start, q.end) for q in quotes if q.opened and q.closed]
    cue_of = {c.head: c for c in cues
              if c.head not in quoted and not in_boilerplate(starts[c.head], starts[c.head] + 1)}
    return Index(
        doc=doc, text=text, layout=layout, object_lemmas=object_lemmas, conventions=conventions,
        starts=starts,
        sentence_of=_sentence_numbers(doc),
        title_end=len(text.partition("\n")[0]),
        quotations=quotations,
        phrases=phrases,
        quote_ranges=quote_ranges,
        quote_range_starts=[r[0] for r in quote_ranges],
        quote_range_ends=[r[-1] for r in quote_ranges],
        quotes_by_start={q.start: q for q in quotes},
        quoted=quoted,
        quote_starts={token_at(q.start): q for q in quotations},
        quoted_starts={token_at(q.start): q for q in quotations + phrases},
        quoted_contents=SpanIndex((q.content_start, q.content_end) for q in quotations + phrases),
        cues=cue_of,
        dateline=dateline,
        unnamed=quoted | dateline,
        people=frozenset(surname_key(e[-1].text) for e in doc.ents if e.label_ == "PERSON"),
        sentence_bounds=[(s.start, s.end) for s in doc.sents],
        relative_clauses={t.i for t in doc if t.dep_ == "relcl"},
        nesting=_nesting(doc, {i for i, c in cue_of.items() if c.kind == VERB}),
        table=Tokens(doc),
    )


class TokenRow(NamedTuple):
    """What `spans.char_runs` reads of a token."""

    i: int
    idx: int
    text: str
    is_punct: bool
    is_space: bool
    is_alpha: bool
    is_quote: bool


class Tokens:
    """A Doc's tokens as `TokenRow`s in a plain list, indexed and sliced like the Doc, made a block at a time.

    `spans.char_runs` reads the list in place of the Doc. A Doc makes a new Token object
    on every `doc[i]` and `doc[a:b]`, and a content run reads each of its tokens several
    times: with thousands of long contents (`He said "` repeated, each verb reporting
    all that follows) that was most of the time of an analysis. Rows are made only for
    the blocks of tokens a content touches.
    """

    BLOCK = 256

    def __init__(self, doc: Doc):
        self.doc = doc
        self.rows: List[Optional[TokenRow]] = [None] * len(doc)
        self.made = bytearray(len(doc) // self.BLOCK + 1)

    def around(self, first: int, last: int) -> List[Optional[TokenRow]]:
        """The rows, made at least for tokens `first` to `last` and the two after it (a closing mark)."""
        for block in range(first // self.BLOCK, min(last + 2, len(self.rows) - 1) // self.BLOCK + 1):
            if not self.made[block]:
                start = block * self.BLOCK
                self.rows[start:start + self.BLOCK] = [
                    TokenRow(t.i, t.idx, t.text, t.is_punct, t.is_space, t.is_alpha, t.is_quote)
                    for t in self.doc[start:start + self.BLOCK]]
                self.made[block] = 1
        return self.rows


def _boilerplate(layout: Layout):
    """`layout.in_boilerplate` by bisection: boilerplate spans are whole lines, in order and apart."""
    spans = [span for span, _ in layout.boilerplate]
    firsts = [span.start for span in spans]

    def in_boilerplate(start: int, end: int) -> bool:
        at = bisect.bisect_right(firsts, start) - 1
        return at >= 0 and end <= spans[at].end
    return in_boilerplate


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


def _nesting(doc: Doc, verbs: AbstractSet[int]) -> Dict[int, int]:
    """For each token of `verbs`, how many of the others are its ancestors in the parse.

    Counted down from each root once, every token's count kept as it is found, rather than
    by a walk up from each verb: a chain of thousands of verbs each under the one before
    (`He said "` repeated) made that walk quadratic.
    """
    heads = [t.head.i for t in doc]
    above: Dict[int, int] = {}  # token -> reporting verbs among its ancestors
    for verb in verbs:
        path, j = [], verb
        while j not in above and heads[j] != j:
            path.append(j)
            j = heads[j]
        above.setdefault(j, 0)  # a root
        for token in reversed(path):
            above[token] = above[heads[token]] + (heads[token] in verbs)
    return {verb: above[verb] for verb in verbs}


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
