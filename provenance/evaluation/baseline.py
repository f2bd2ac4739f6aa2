"""The baseline we compare against: textacy's rule-based direct-quotation extractor, as Attribution records."""
from __future__ import annotations

import functools
from typing import Iterable, List

from ..errors import ProvenanceError
from ..records import DIRECT, Attribution, Cue, Span
from .predictor import Predictions, Predictor

RULE = "baseline.textacy"


class BaselineError(ProvenanceError):
    """The baseline cannot run: textacy, an optional dependency, is not installed."""


def direct_quotations(doc) -> List[Attribution]:
    """Find direct quotations in a parsed spaCy Doc with textacy, as Attribution records.

    Raises:
        BaselineError: textacy is not installed.
        Exception: Whatever textacy raises on a text it cannot handle, such as a
            ValueError for an odd number of quotation marks.

    Notes:
        ``textacy.extract.triples.direct_quotations`` (textacy 0.13), loosely after
        Krestel, Bergler & Witte, "Minding the Source" (2008). It finds direct quotes
        with a speaker and a reporting verb only.
    """
    triples = _triples().direct_quotations(doc)
    return [attribution_from_triple(doc, triple) for triple in triples]


def attribution_from_triple(doc, triple) -> Attribution:
    """Turn one textacy DQTriple (speaker tokens, cue tokens, content Span) into a record."""
    content = Span(triple.content.start_char, triple.content.end_char, triple.content.text)
    verbs = [token for token in triple.cue if token.pos_ == "VERB"] or triple.cue[-1:]
    start, end = _extent(triple.cue)
    cue = Cue(start, end, doc.text[start:end], verbs[0].lemma_, "neutral", RULE)
    source = None
    if triple.speaker:
        start, end = _extent(triple.speaker)
        source = Span(start, end, doc.text[start:end])
    return Attribution(
        id=f"{RULE}:{content.start}-{content.end}",
        kind=DIRECT,
        content=(content,),
        cues=(cue,),
        source=source,
        speaker=None,
        vague=False,
        resolved_by=None,
        confidence=1.0,
        rules=(RULE,),
    )


def predict_baseline(texts: List[str], nlp) -> Predictions:
    """Run the baseline over article texts, one result per text.

    Args:
        texts: The articles.
        nlp: A loaded spaCy pipeline with a parser and lemmatizer.

    Returns:
        The attributions found in each text, or None where textacy crashed; the
        scores count those documents as failed and as predicting nothing.

    Raises:
        BaselineError: textacy is not installed.
    """
    _triples()  # fail before parsing anything when textacy is missing
    results: Predictions = []
    for doc in nlp.pipe(texts):
        try:
            results.append(direct_quotations(doc))
        except Exception:  # textacy bails out on unbalanced quotation marks and the like
            results.append(None)
    return results


def baseline_predictor(nlp) -> Predictor:
    """A predictor for ``evaluate``: texts in, baseline attributions out."""
    return functools.partial(predict_baseline, nlp=nlp)


def _extent(tokens: Iterable) -> tuple:
    tokens = list(tokens)
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _triples():
    # Imported here: textacy is an optional dependency, needed for evaluation only.
    try:
        from textacy.extract import triples
    except ImportError:
        raise BaselineError("textacy is not installed: pip install 'provenance[eval]'") from None
    return triples
