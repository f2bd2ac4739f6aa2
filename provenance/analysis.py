"""The attributions and claims of one parsed Doc: cues found, linked, resolved and judged.

`attribute(doc)` is the whole analysis for a Doc that any trained English pipeline
parsed; `Analyzer` is the same with the rules compiled once for many Docs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Mapping, Optional, Sequence, Tuple

from spacy.tokens import Doc
from spacy.vocab import Vocab

from .claims import ClaimFinder
from .cues import CueFinder
from .errors import DocError
from .layout import read_layout
from .linking import CHECK, Conventions, Link, LinkedCue, link
from .quotes import find_quotes
from .records import Attribution, Claim, Cue, Span, Speaker
from .rules import RuleSet, load_rules
from .sources import UNNAMED, Resolution, SourceResolver, author_speaker
from .text import Versions, unmarked, versions

# The verb groups each scope reports (`scope` in rules/verbs.yaml).
SCOPES = {"speech": ("speech", "quote"), "all": ("speech", "quote", "thought")}
# What the analysis reads off a Doc, and the pipeline component that writes it.
ANNOTATIONS = (("DEP", "a parser"), ("ENT_IOB", "an entity recognizer (ner)"), ("LEMMA", "a lemmatizer"),
               ("POS", "a part-of-speech tagger"))


@dataclass(frozen=True)
class Findings:
    """What the analysis found in one text: its attributions, its claims and its headline.

    `features` holds, for each claim, the check-worthiness features its score was made of
    (`checkworthiness.Worth`): what a learner of weights reads (`provenance.weights`).
    """

    attributions: Tuple[Attribution, ...]
    claims: Tuple[Claim, ...]
    title: Optional[str]
    features: Tuple[Mapping[str, float], ...] = ()


class Analyzer:
    """A rule set compiled for one vocabulary, applied to many Docs."""

    def __init__(self, vocab: Vocab, rules: RuleSet, scope: str = "speech", conventions: Conventions = CHECK):
        """Compile the rules.

        Args:
            scope: "speech" reports statements; "all" also reports thoughts, beliefs,
                intentions and judgements (the verb groups of scope thought), as
                attribution corpora such as PolNeAR annotate them.
            conventions: how findings are cut where annotation schemes differ.
        """
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}; use one of {', '.join(SCOPES)}")
        self.rules, self.conventions = rules, conventions
        scopes = SCOPES[scope]
        self.find_cues = CueFinder(vocab, rules, scopes)
        self.find_claims = ClaimFinder(vocab, rules)
        self.object_lemmas = frozenset(
            lemma for rule in rules.verbs if rule.scope in scopes for lemma in rule.object_lemmas)

    def __call__(self, doc: Doc, text: Optional[Versions] = None, author: Optional[str] = None) -> Findings:
        """Analyze a Doc.

        Args:
            text: the versions of the text the Doc was parsed from (`text.versions`),
                when it was parsed from the version with markup blanked and the
                headline recased, as the engine does; by default the Doc's own text.
            author: who wrote the article, as its page gives it ("Jane Doe; John Roe");
                by default the people a byline line of the text names ("By Jane Doe").

        Raises:
            DocError: the Doc lacks an annotation the analysis needs, or was parsed
                from none of the versions of `text`.
        """
        text = versions(doc.text) if text is None else text
        check_doc(doc, text)
        layout = read_layout(text.written, self.rules)
        quotes = find_quotes(text.masked)
        links = link(doc, quotes, self.find_cues(doc), layout, self.object_lemmas, self.conventions)
        attributions = resolve(doc, text.written, links, self.rules,
                               [(q.start, q.end) for q in quotes if q.quotation],
                               (layout.title.start, layout.title.end) if layout.title else None,
                               author_speaker(author, layout.authors))
        claims, features = self.find_claims(doc, attributions, layout, text.written)
        return Findings(tuple(attributions), tuple(claims), layout.title.text if layout.title else None,
                        tuple(features))


def attribute(doc: Doc, rules: Optional[RuleSet] = None, scope: str = "speech",
              conventions: Conventions = CHECK) -> Findings:
    """The attributions and claims of a Doc parsed by a trained English pipeline.

    Compiles the rules on every call: for many Docs, build an `Analyzer` once, or add
    the `provenance_attributions` component to the pipeline.

    Raises:
        DocError: the Doc has no dependency parse, entities, lemmas or tags.
    """
    return Analyzer(doc.vocab, rules if rules is not None else load_rules(), scope, conventions)(doc)


def check_doc(doc: Doc, text: Versions) -> None:
    """Make sure a Doc carries what the analysis reads, and was parsed from a version of `text`.

    Raises:
        DocError: naming what is missing and how to get it.
    """
    if len(doc) and len(text.written.strip()):
        missing = [component for annotation, component in ANNOTATIONS if not doc.has_annotation(annotation)]
        if missing:
            raise DocError(f"the Doc has no annotations from {', '.join(missing)}: parse it with a trained "
                           "English pipeline that has them, such as provenance.load_pipeline()")
    if doc.text not in (text.given, text.written, text.parsed):
        raise DocError("the Doc was not parsed from the article's text, nor from the version the engine parses "
                       "(text.versions(...).parsed): parse one of them, or pass no text")


def resolve(doc: Doc, text: str, links: Sequence[Link], rules: RuleSet,
            quoted: Sequence[Tuple[int, int]] = (), headline: Optional[Tuple[int, int]] = None,
            author: Speaker = UNNAMED) -> List[Attribution]:
    """The links as attributions, each source resolved to a canonical one.

    A continuation takes the source its parent was resolved to. `quoted`, `headline` and
    `author` are as ``SourceResolver`` takes them.
    """
    resolver = SourceResolver(doc, rules, quoted, headline, author)
    resolutions: List[Resolution] = []
    for item in links:
        if item.source is not None:
            mention = doc.char_span(*item.source)
            resolution = resolver.resolve(mention.start, mention.end)
        elif item.inherits is not None and item.inherits < len(resolutions):
            parent = resolutions[item.inherits]
            resolution = Resolution(parent.speaker, "continuation", parent.vague)
        else:
            resolution = Resolution(None, None, True)
        resolutions.append(resolution)
    return [_record(text, f"a{number}", item, resolution)
            for number, (item, resolution) in enumerate(zip(links, resolutions), start=1)]


def _record(text: str, attribution_id: str, item: Link, resolution: Resolution) -> Attribution:
    # texts come from the article, not the parse, whose headline may be recased
    cues = tuple(_cue(text, c) for c in item.cues)
    source = Span(item.source[0], item.source[1], text[item.source[0]:item.source[1]]) if item.source else None
    rules = tuple(dict.fromkeys([c.rule for c in cues] + list(item.how)
                                + ([resolution.speaker.rule] if resolution.speaker else [])))
    return Attribution(
        id=attribution_id,
        kind=item.kind,
        content=tuple(Span(a, b, text[a:b])
                      for start, end in sorted(set(item.content)) for a, b in unmarked(text, start, end)),
        cues=cues,
        source=source,
        speaker=resolution.speaker,
        vague=resolution.vague,
        resolved_by=resolution.resolved_by,
        confidence=resolution.confidence,
        rules=rules,
    )


def _cue(text: str, cue: LinkedCue) -> Cue:
    return Cue(cue.start, cue.end, text[cue.start:cue.end], cue.lemma, cue.stance, cue.rule)
