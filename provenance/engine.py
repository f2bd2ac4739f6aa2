"""The attribution engine: a pipeline and a rule set that parse articles and analyze them, one by one or in batches."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import numpy

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .analysis import Analyzer
from .errors import AnalysisError
from .linking import CHECK, Conventions
from .model import model_name, model_version
from .records import Analysis, Article
from .rules import RuleSet
from .text import CHUNK_CHARS, Versions, chunk_text, needs_chunks, verb_forms, versions


# The most characters of chunks parsed in one batch. The parser's working memory grows
# with the tokens of a batch, about 15 KB a token: a prose chunk of CHUNK_CHARS is some
# 20,000 tokens, but the 500-character pieces of a run without spaces are a token a character.
PARSE_BATCH_CHARS = 25_000


class Engine:
    """A spaCy pipeline and a rule set, compiled once and applied to many articles."""

    def __init__(self, nlp: Union[Language, Callable[[], Language]], rules: RuleSet, scope: str = "speech",
                 conventions: Conventions = CHECK, model: Optional[Tuple[str, str]] = None):
        """Compile the rules for a pipeline.

        Args:
            nlp: the pipeline, or a function that loads it, called when an article is first
                parsed; then `model` gives its name and version.
            scope: "speech" reports statements; "all" also reports thoughts, beliefs,
                intentions and judgements (`analysis.SCOPES`).
            conventions: how findings are cut where annotation schemes differ
                (`linking.Conventions`).
        """
        self.rules, self.scope, self._conventions = rules, scope, conventions
        self._nlp: Optional[Language] = nlp if isinstance(nlp, Language) else None
        self._load = None if self._nlp is not None else nlp
        # how findings are cut, as one string a database can compare
        self.conventions_key = ",".join(f"{name}={int(value)}" for name, value in sorted(vars(conventions).items()))
        self.model_name, self.model_version = model or (model_name(self.nlp), model_version(self.nlp))
        self._analyzer: Optional[Analyzer] = None
        self.verb_forms = verb_forms(lemma for rule in rules.verbs for lemma in rule.lemmas)

    @property
    def nlp(self) -> Language:
        """The pipeline, loaded on first use when the engine was given a function that loads it."""
        if self._nlp is None:
            self._nlp = self._load()
        return self._nlp

    @property
    def loaded(self) -> bool:
        """Whether the pipeline is loaded."""
        return self._nlp is not None

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer(self.nlp.vocab, self.rules, self.scope, self._conventions)
        return self._analyzer

    def analyze(self, article: Article) -> Analysis:
        """Analyze one article."""
        text = self.versions(article.text)
        return self.analyze_doc(article, self.parse(text), text)

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Union[Analysis, AnalysisError]]:
        """Analyze articles in order, parsing short ones in batches with `nlp.pipe`.

        An article the engine fails on comes out as an AnalysisError in its place.
        """
        for batch in batched(articles, batch_size):
            yield from self._batch(batch)

    def _batch(self, batch: Sequence[Article]) -> Iterator[Union[Analysis, AnalysisError]]:
        texts = [self.versions(a.text) for a in batch]
        docs = iter(self.nlp.pipe(t.parsed for t in texts if not needs_chunks(t.parsed)))
        for article, text in zip(batch, texts):
            doc = self.parse(text) if needs_chunks(text.parsed) else next(docs)
            try:
                yield self.analyze_doc(article, doc, text)
            except Exception as exc:  # one article's failure must not stop a batch
                yield AnalysisError(f"{article.path}: analysis failed ({type(exc).__name__}: {exc}); "
                                    "please report this with the article")

    def versions(self, text: str) -> Versions:
        """The versions of an article's text, its headline recased with the reporting verbs' forms in mind."""
        return versions(text, self.verb_forms)

    def parse(self, text: Union[str, Versions]) -> Doc:
        """Parse an article's text of any length; long texts are parsed in paragraph chunks, offsets kept exact.

        The chunks go through the pipeline a batch of at most PARSE_BATCH_CHARS characters
        (or one chunk) at a time, so the parser's working memory is that of one batch
        however long the text (all chunks in one batch took about 3 GB per MB). A Doc
        joined from chunks carries no tensor (the tok2vec output, which the analysis never
        reads): kept, it would take more memory than the rest of the Doc.
        """
        parsed = (text if isinstance(text, Versions) else self.versions(text)).parsed
        if not needs_chunks(parsed):
            return self.nlp(parsed)
        docs = []
        for batch in char_batches(chunk_text(parsed, CHUNK_CHARS), PARSE_BATCH_CHARS):
            for doc in self.nlp.pipe(batch, batch_size=len(batch)):
                doc.tensor = numpy.zeros((len(doc), 0), dtype="float32")
                docs.append(doc)
        return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])

    def analyze_doc(self, article: Article, doc: Doc, text: Optional[Versions] = None) -> Analysis:
        """Find the attributions and claims of an article from the Doc `parse` made of its text.

        Raises:
            DocError: the Doc is not of the article's text, or lacks annotations.
        """
        findings = self.analyzer(doc, text or self.versions(article.text), article.page and article.page.author)
        title = article.title if article.title is not None else findings.title
        return Analysis(
            article=replace(article, title=title),
            attributions=findings.attributions,
            claims=findings.claims,
            model=self.model_name,
            model_version=self.model_version,
            rules_digest=self.rules.digest,
            tool_version=__version__,
            scope=self.scope,
            conventions=self.conventions_key,
        )


def char_batches(pieces: Iterable[str], size: int) -> Iterator[List[str]]:
    """Yield lists of consecutive pieces of text of at most `size` characters together,
    or of one piece longer than that."""
    batch: List[str] = []
    length = 0
    for piece in pieces:
        if batch and length + len(piece) > size:
            yield batch
            batch, length = [], 0
        batch.append(piece)
        length += len(piece)
    if batch:
        yield batch


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Yield lists of up to `size` consecutive items, holding one list at a time."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


