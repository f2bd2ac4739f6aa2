"""Linking cues to what they report and to who reports it, as an ordered tuple of passes.

Each pass is a plain function `(index, found)`: it reads the article's `Index`, which
no pass changes, and adds to or prunes the `Found` accumulator. Each link records
the mechanisms that made it as `link.*` ids beside the rule ids of its cues, so
every finding can say how it was found.

Notes:
    The order of the passes follows the quotation-first practice of rule-based
    attribution systems (Pareti's PARC work; the Gender Gap Tracker's quote
    extractor): quotations claim their cue verbs first, then the remaining reporting
    verbs take the clause they govern, then layout labels, then the quotations left
    over, and last the continuations that inherit a source from the sentence before.
"""
from __future__ import annotations

from typing import Callable, FrozenSet, List, Sequence, Tuple

from spacy.tokens import Doc

from ..cues import VERB, CueMatch
from ..layout import Layout
from ..quotes import Quote
from ..records import AGENTLESS
from .cleanup import drop_empty, drop_nested, drop_source_in_content, link_continuations, run_on
from .conventions import CHECK, Conventions
from .found import Found, Link, LinkedCue, finish
from .index import Index, build_index
from .labels import link_block_quotes, link_colon_labels, link_dash_labels, link_introduced
from .orphans import link_orphans
from .phrases import link_agentless, link_phrase
from .quotations import link_quotations
from .verbs import link_evidential, link_verb

__all__ = ["CHECK", "Conventions", "Link", "LinkedCue", "PASSES", "link"]

Pass = Callable[[Index, Found], None]


def link_cues(index: Index, found: Found) -> None:
    """Link each cue no quotation claimed, in text order: a reporting verb, a judgement
    ("seems"), an agentless cue or a cue phrase.

    Text order matters: a cue phrase's content is the rest of its sentence without
    the cues linked before it.
    """
    # a judgement ("seemed") after the statement its infinitive makes ("seemed to confirm")
    for cue in sorted(index.cues.values(), key=lambda c: (c.start, c.reports == "subject")):
        if cue.head in found.used:
            continue
        if cue.kind == VERB:
            if cue.reports == "subject":
                link_evidential(index, found, cue)
            elif cue.scope != "quote":  # "continued" reports only a quotation beside it
                link_verb(index, found, cue)
        elif cue.kind == AGENTLESS:
            link_agentless(index, found, cue)
        else:
            link_phrase(index, found, cue)


PASSES: Tuple[Pass, ...] = (
    link_quotations,  # “...,” she said
    link_cues,  # she said that ...; according to her, ...; it has been reported that ...
    link_colon_labels,  # Jane Doe: ...
    link_dash_labels,  # “...” ― Jane Doe
    link_introduced,  # Jane Doe released a statement: “...”
    link_block_quotes,  # The governor added:\n\n...
    link_orphans,  # “...” resumed, continued in the next paragraph, or on its own
    link_continuations,  # ... It was reported that ...: the source of the sentence before
    drop_nested,  # she said he believes ...: the belief goes
    drop_empty,
    run_on,  # she said the plan failed, which ...: to the sentence's end, where the conventions say
    drop_source_in_content,
)


def link(doc: Doc, quotes: Sequence[Quote], cues: Sequence[CueMatch], layout: Layout,
         object_lemmas: FrozenSet[str] = frozenset(), conventions: Conventions = CHECK) -> List[Link]:
    """Return the attributions of a Doc, in text order.

    Args:
        quotes: the quotations of the Doc's text (`quotes.find_quotes`).
        cues: the cues of the Doc (`cues.CueFinder`).
        layout: the article's layout (`layout.read_layout`).
        object_lemmas: reporting verbs whose direct object is what they report.
        conventions: how to cut findings where annotation schemes differ.
    """
    index = build_index(doc, quotes, cues, layout, object_lemmas, conventions)
    found = Found()
    for run in PASSES:
        run(index, found)
    return finish(index, found.drafts)
