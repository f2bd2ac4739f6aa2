"""The attribution engine: a pipeline and a rule set that parse articles and analyze them, one by one or in batches."""
from __future__ import annotations

import re
from typing import FrozenSet, Iterable, Iterator, List, Sequence, Union

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .analysis import Analyzer
from .errors import AnalysisError
from .layout import parse_text
from .linking import CHECK, Conventions
from .model import model_name, model_version
from .records import Analysis, Article
from .rules import RuleSet

CHUNK_CHARS = 100_000
MAX_RUN = 500
LONG_RUN_RE = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


class Engine:
    """A spaCy pipeline and a rule set, compiled once and applied to many articles."""

    def __init__(self, nlp: Language, rules: RuleSet, scope: str = "speech", conventions: Conventions = CHECK):
        """Compile the rules for a pipeline.

        Args:
            scope: "speech" reports statements; "all" also reports thoughts, beliefs,
                intentions and judgements (`analysis.SCOPES`).
            conventions: how findings are cut where annotation schemes differ
                (`linking.Conventions`).
        """
        self.nlp, self.rules = nlp, rules
        self.model_name, self.model_version = model_name(nlp), model_version(nlp)
        self.analyzer = Analyzer(nlp.vocab, rules, scope, conventions)
        self.verb_forms = verb_forms(lemma for rule in rules.verbs for lemma in rule.lemmas)

    def analyze(self, article: Article) -> Analysis:
        """Analyze one article."""
        return self.analyze_doc(article, self.parse(article.text))

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Union[Analysis, AnalysisError]]:
        """Analyze articles in order, parsing short ones in batches with `nlp.pipe`.

        An article the engine fails on comes out as an AnalysisError in its place.
        """
        for batch in batched(articles, batch_size):
            yield from self._batch(batch)

    def _batch(self, batch: Sequence[Article]) -> Iterator[Union[Analysis, AnalysisError]]:
        long = [needs_chunks(a.text) for a in batch]
        docs = iter(self.nlp.pipe(parse_text(a.text, self.verb_forms) for a, chunked in zip(batch, long) if not chunked))
        for article, chunked in zip(batch, long):
            doc = self.parse(article.text) if chunked else next(docs)
            try:
                yield self.analyze_doc(article, doc)
            except Exception as exc:  # one article's failure must not stop a batch
                yield AnalysisError(f"{article.path}: analysis failed ({type(exc).__name__}: {exc}); "
                                    "please report this with the article")

    def parse(self, text: str) -> Doc:
        """Parse a text of any length; long texts are parsed in paragraph chunks, offsets kept exact."""
        text = parse_text(text, self.verb_forms)
        if not needs_chunks(text):
            return self.nlp(text)
        docs = list(self.nlp.pipe(chunk_text(text, CHUNK_CHARS)))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def analyze_doc(self, article: Article, doc: Doc) -> Analysis:
        """Find the attributions and claims of an article from the Doc `parse` made of its text.

        Raises:
            DocError: the Doc is not of the article's text, or lacks annotations.
        """
        findings = self.analyzer(doc, article.text)
        title = article.title if article.title is not None else findings.title
        return Analysis(
            article=Article(article.id, article.path, title, article.text),
            attributions=findings.attributions,
            claims=findings.claims,
            model=self.model_name,
            model_version=self.model_version,
            rules_digest=self.rules.digest,
            tool_version=__version__,
        )


def verb_forms(lemmas: Iterable[str]) -> FrozenSet[str]:
    """The regular forms of one-word verb lemmas ("praise": praises, praised, praising).

    Irregular pasts ("said") are missed; these forms only help recase headlines.
    """
    forms = set()
    for lemma in (l for l in lemmas if l.isalpha()):
        consonant_y = lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "i", "o", "u")
        stem = lemma[:-1] if lemma.endswith("e") or consonant_y else lemma
        if consonant_y:
            third, past = stem + "ies", stem + "ied"
        else:
            third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else lemma + "s"
            past = stem + "ed"
        forms.update({lemma, third, past, (lemma if consonant_y else stem) + "ing"})
    return frozenset(forms)


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


def needs_chunks(text: str) -> bool:
    """Whether a text is too long for one parse, or holds a run without white space long enough
    to make the tokenizer's prefix and suffix splitting slow (thousands of quote marks)."""
    return len(text) > CHUNK_CHARS or LONG_RUN_RE.search(text) is not None


def chunk_text(text: str, size: int) -> List[str]:
    """Cut a text into pieces of at most `size` characters that concatenate back to it.

    Cuts fall after a newline where possible, else after a sentence end, else after
    white space; a run without white space longer than MAX_RUN is cut every MAX_RUN
    characters.
    """
    return [piece for chunk in _size_chunks(text, size) for piece in _run_chunks(chunk)]


def _run_chunks(chunk: str) -> List[str]:
    cuts = [cut for match in LONG_RUN_RE.finditer(chunk) for cut in range(match.start() + MAX_RUN, match.end(), MAX_RUN)]
    bounds = [0] + cuts + [len(chunk)]
    return [chunk[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def _size_chunks(text: str, size: int) -> List[str]:
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1
        if cut <= 0:
            ends = [m.end() for m in re.finditer(r"[.!?]\s", window)]
            cut = ends[-1] if ends else window.rfind(" ") + 1
        if cut <= 0:
            cut = size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return [p for p in pieces if p]
