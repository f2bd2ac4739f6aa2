"""Plain records passed from the engine to storage and output: no spaCy objects here.

Offsets are code-point offsets into the exact input text, end-exclusive.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Optional, Tuple

# The kinds of attribution, each defined once here and imported everywhere else.
DIRECT = "direct"  # a quotation: “...,” she said
INDIRECT = "indirect"  # a reported statement: she said that ...
MIXED = "mixed"  # a reported statement that quotes: she said the plan “will fail”
ACCORDING_TO = "according_to"  # according to her, ...
AS_PUT_IT = "as_put_it"  # as she put it, ...
AGENTLESS = "agentless"  # it has been reported that ...; "the plan seems doomed"
CONTINUATION = "continuation"  # a statement that carries on the source of the one before
KINDS = (DIRECT, INDIRECT, MIXED, ACCORDING_TO, AS_PUT_IT, AGENTLESS, CONTINUATION)

# The statuses of a claim; the flagged ones go to review.
ATTRIBUTED = "attributed"
VAGUE = "vague"
UNATTRIBUTED = "unattributed"
NOT_CLAIM = "not_claim"  # layout, a question, a line that says nobody said anything: set aside, never flagged
STATUSES = (ATTRIBUTED, VAGUE, UNATTRIBUTED, NOT_CLAIM)
FLAGGED = (UNATTRIBUTED, VAGUE)  # most serious first

# The writer of an article as a source: the type of their statements, the name they go by when
# the article names no author, and the mechanism ids that named them (rules/README.md).
AUTHOR_TYPE = "author"
UNNAMED_AUTHOR = "the author"
AUTHOR_UNNAMED, AUTHOR_BYLINE, AUTHOR_PAGE = "article.author", "article.byline", "page.author"

# Quotation marks by what a glyph says of its direction: curly marks and guillemets say
# it, straight marks open and close alike. Apostrophes (’ and ') are never quote marks.
OPENING_QUOTES = ("“", "„", "«", "``")
CLOSING_QUOTES = ("”", "»")
STRAIGHT_QUOTES = ('"', "''")
QUOTE_MARKS = OPENING_QUOTES + CLOSING_QUOTES + STRAIGHT_QUOTES

# The marks that end a sentence.
SENTENCE_ENDS = (".", "!", "?", "…")


@dataclass(frozen=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cue:
    """The words that signal an attribution: a reporting verb, a cue phrase or an agentless cue."""

    start: int
    end: int
    text: str
    lemma: str
    stance: str
    rule: str


@dataclass(frozen=True)
class Speaker:
    """A source resolved to a canonical name and a type; `rule` says which rule named it."""

    name: str
    type: str
    rule: str


@dataclass(frozen=True)
class Attribution:
    """One statement and who it is attributed to.

    `kind` is one of: direct, indirect, mixed, according_to, agentless, continuation.
    `cues` holds every cue of the attribution in text order ("noted ..., emphasizing ...");
    `cue` is the first. `rules` lists every rule id that contributed.
    """

    id: str
    kind: str
    content: Tuple[Span, ...]
    cues: Tuple[Cue, ...]
    source: Optional[Span]
    speaker: Optional[Speaker]
    vague: bool
    resolved_by: Optional[str]
    confidence: float
    rules: Tuple[str, ...] = ()

    @property
    def cue(self) -> Optional[Cue]:
        return self.cues[0] if self.cues else None


@dataclass(frozen=True)
class Claim:
    """A sentence outside the boilerplate, with whether anybody stands behind it.

    `status` is attributed, vague or unattributed; `reasons` are the check-worthiness
    rule ids that fired, each signed by its weight in `checkworthiness`.
    """

    start: int
    end: int
    text: str
    status: str
    attribution: Optional[str]
    checkworthiness: float
    reasons: Tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """What a web page says about the article it carries, and how its text was taken out.

    `published` is a date as the page gives it (ISO `YYYY-MM-DD`); `source_digest` is a
    digest of the page's bytes; `extractor` names what took the text out of the markup
    (EXTRACTORS); `note` says why a fallback was used, for the user, and is not stored.
    """

    author: Optional[str] = None
    published: Optional[str] = None
    site: Optional[str] = None
    url: Optional[str] = None
    source_digest: Optional[str] = None
    extractor: Optional[str] = None
    note: Optional[str] = None


# What takes an article's text out of a page: trafilatura, or every text of the page (html.parser).
TRAFILATURA, WHOLE_PAGE = "trafilatura", "html.parser"
EXTRACTORS = (TRAFILATURA, WHOLE_PAGE)
PAGE_FIELDS = ("author", "published", "site", "url", "source_digest", "extractor")  # stored and printed


@dataclass(frozen=True)
class Article:
    """An input article. `id` is its identity: its path, or the id its JSONL line or the user
    gives it, so an edited draft stays one article; `version` is a digest of its text.

    `page` is set for an article taken out of a web page: `text` is then the extracted
    text, which offsets index.
    """

    id: str
    path: str
    title: Optional[str]
    text: str
    page: Optional[Page] = None

    @classmethod
    def from_text(cls, text: str, path: str, title: Optional[str] = None, id: Optional[str] = None,
                  page: Optional[Page] = None) -> "Article":
        return cls(id=path if id is None else id, path=path, title=title, text=text, page=page)

    @property
    def version(self) -> str:
        """A digest of the text: the same text is the same version."""
        return text_digest(self.text)


@dataclass(frozen=True)
class Analysis:
    """Everything the engine found in one article, and what produced it."""

    article: Article
    attributions: Tuple[Attribution, ...]
    claims: Tuple[Claim, ...]
    model: str
    model_version: str
    rules_digest: str
    tool_version: str
    scope: str = "speech"  # the statements reported (`analysis.SCOPES`)
    conventions: str = ""  # how findings were cut (`linking.Conventions`), as `Engine.conventions_key` writes it


def text_digest(text: str) -> str:
    """Return a short, stable content hash of a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def claim_id(article_id: str, text: str, occurrence: int = 0) -> str:
    """Return a claim's stable fingerprint: the same sentence in the same article keeps its id,
    whatever else in the article changes.

    Args:
        article_id: The article's identity (`Article.id`).
        text: The claim text; runs of whitespace count as one space.
        occurrence: 0 for the first occurrence of that text in the article, 1 for a repeat...
    """
    key = article_id + "\x00" + " ".join(text.split())
    if occurrence:
        key += f"\x00{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def claim_ids(article_id: str, claims) -> Tuple[str, ...]:
    """The fingerprints of an article's claims, in their order, repeats of a sentence counted."""
    seen: dict = {}
    ids = []
    for claim in claims:
        normalised = " ".join(claim.text.split())
        ids.append(claim_id(article_id, claim.text, seen.get(normalised, 0)))
        seen[normalised] = seen.get(normalised, 0) + 1
    return tuple(ids)
