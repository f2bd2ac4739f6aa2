"""Web pages: the article's text and the page's metadata taken out of HTML.

The main text comes from trafilatura (Barbaresi, ACL 2021: System Demonstrations),
paragraphs kept, page furniture (navigation, related links, comments, footers) left
out; a page it finds no article in is read whole by a plain extractor, with a note.
"""
from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import List, NamedTuple, Optional

from .records import TRAFILATURA, WHOLE_PAGE, Page, text_digest

# How much of a page is kept: trafilatura's precision setting, its balance of precision
# and recall (both leave tables and comments out), its recall setting (which keeps tables
# and comments too), or every text of the page ("whole"). Precision is the default: every
# line of furniture kept would be a claim a reviewer is shown, and on the saved pages of
# eval/realnews it loses no recall (docs/accuracy.md).
PRECISION, BALANCED, RECALL, WHOLE = "precision", "balanced", "recall", "whole"
HTML_MODES = (PRECISION, BALANCED, RECALL, WHOLE)
NO_ARTICLE = "trafilatura found no article text; read the whole page's text instead"
# Parts of a page that are no prose of the article whatever block they sit in, taken out
# before trafilatura reads it (its own heuristics keep them when they sit in the body):
PAGE_FURNITURE = (
    # a card shown on hover over a name in running text: a span right after a link inside a
    # paragraph, holding an image and links (the person's photo and latest headlines)
    "//p//span[preceding-sibling::*[1][self::a]][.//img][count(.//a) >= 2]",
    # a teaser card: a link wrapping a paragraph (a related story's or a guide's summary)
    "//a[.//p]",
    # a promotion: one link running over several sentences ("Get access to ... Use the code ...")
    "//a[string-length(normalize-space(.)) > 200]",
)

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    # Their warnings about a page ("discarding data", "empty HTML tree") would reach
    # standard error through logging's last resort; the note says what matters.
    logging.getLogger(_name).addHandler(logging.NullHandler())


class Extracted(NamedTuple):
    """An article taken out of a page: its text, its title and what the page says about it."""

    text: str
    title: Optional[str]
    page: Page


def read_page(markup: str, data: bytes, mode: str = PRECISION) -> Extracted:
    """The article in a web page, as text with one paragraph a line, blank lines between them.

    Args:
        markup: the page, decoded.
        data: the page's bytes, for its digest.
        mode: one of HTML_MODES.
    """
    digest = text_digest(data.decode("latin-1"))  # a digest of the bytes, whatever their encoding
    found = None if mode == WHOLE else _trafilatura(markup, mode)
    if found is not None and found.text.strip():
        page = Page(found.author, found.date, found.sitename, found.url, digest, TRAFILATURA)
        return Extracted(_paragraphs(_headline_first(found.text.splitlines(), found.title)), found.title or None, page)
    note = NO_ARTICLE if mode != WHOLE else None
    return Extracted(html_to_text(markup), None, Page(source_digest=digest, extractor=WHOLE_PAGE, note=note))


def _trafilatura(markup: str, mode: str):
    """trafilatura's Document for a page, or None when it finds no article or fails on the page."""
    import trafilatura  # loaded with the first page: plain-text runs never pay for it
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no alarm signal: pages are read in any thread
    try:
        return trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=mode == RECALL, include_tables=mode == RECALL,
            favor_precision=mode == PRECISION, favor_recall=mode == RECALL, prune_xpath=list(PAGE_FURNITURE),
            config=config)
    except Exception:  # a page it cannot read is read whole, with the note, as one it finds nothing in
        return None


def _headline_first(lines: List[str], title: Optional[str]) -> List[str]:
    """The lines of an extracted text without the page's headline repeated inside the body.

    A headline opening the text is kept (the layout reads it as the title); one further
    down (a video's title under the lead, a header trafilatura placed after the first
    paragraph) is the title again, no paragraph of the article.
    """
    words = " ".join((title or "").split())
    kept = [line for line in lines if line.strip()]
    if not words or not kept:
        return kept
    return kept[:1] + [line for line in kept[1:] if " ".join(line.split()) != words]


def _paragraphs(lines) -> str:
    kept = (" ".join(line.split()) for line in lines)
    return "\n\n".join(line for line in kept if line) + "\n"


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML page, one line per block element, skipping scripts and styles."""

    BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "title", "tr", "section", "article"}
    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """Return every readable text of an HTML page, paragraphs separated by blank lines."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)  # character references are already decoded by the parser
    return _paragraphs(re.split(r"\n\s*\n", text))
