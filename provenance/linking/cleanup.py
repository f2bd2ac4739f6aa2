"""The last passes: continuations inherit a source, nested statements go, and no source lies inside its content."""
from __future__ import annotations

from typing import Dict, List

from ..records import AGENTLESS, CONTINUATION
from ..spans import overlaps
from .found import Draft, Found
from .index import Index


def link_continuations(index: Index, found: Found) -> None:
    """An agentless report in the sentence right after an attributed one inherits its source.

    The drafts are put in text order first; a report that follows a continuation joins it.
    """
    found.drafts.sort(key=lambda draft: draft.start)
    merged: List[Draft] = []
    last_in_sentence: Dict[int, Draft] = {}
    for current in found.drafts:
        if current.kind == AGENTLESS and current.cues:
            head = current.cues[0].head
            parent = last_in_sentence.get(index.sentence(head) - 1)
            if parent and index.paragraph(head) == index.paragraph(index.token_at(parent.start)):
                if parent.kind == CONTINUATION:
                    parent.content.extend(current.content)
                    parent.cues.extend(current.cues)
                    parent.sentences.update(current.sentences)
                    for sentence in current.sentences:
                        last_in_sentence[sentence] = parent
                    continue
                current.kind, current.inherit = CONTINUATION, parent
                current.how.append("link.continuation")
        merged.append(current)
        if current.source is not None or current.inherit is not None:
            for sentence in current.sentences:
                last_in_sentence[sentence] = current
    found.drafts = merged


def drop_nested(index: Index, found: Found) -> None:
    """Drop beliefs, intentions and judgements reported inside another statement, and
    with `Conventions.nested` off any statement reported inside another.

    Notes:
        PolNeAR annotates no attribution whose cue lies inside another's content:
        in "she said he opposes the plan" only "said" is an attribution. Speech
        verbs are kept unless the conventions say otherwise, since a quotation
        often reports another speaker's words, and a writer's judgement with no
        source ("It appears that the mayor told aides ...") holds no statement.
    """
    kept: List[Draft] = []
    # outermost first, each checked against those kept: of two contents that hold each
    # other's cues, one stays
    for current in sorted(found.drafts, key=lambda draft: -sum(b - a for a, b in draft.content)):
        cue = current.cues[0] if current.cues else None
        if cue is not None and (cue.scope == "thought" or not index.conventions.nested):
            head = index.doc[cue.head].idx
            # a judgement with no source ("It appears that ...") holds no statement
            outer = [d for d in kept if cue.scope == "thought" or d.source is not None or d.kind != AGENTLESS]
            if any(a <= head < b for d in outer for a, b in d.content):
                continue
        kept.append(current)
    keep = set(kept)
    found.drafts = [draft for draft in found.drafts if draft in keep]


def drop_empty(index: Index, found: Found) -> None:
    """Drop statements left with no content."""
    found.drafts = [draft for draft in found.drafts if draft.content]


def drop_source_in_content(index: Index, found: Found) -> None:
    """A source never lies inside what it reports: where the parser took part of the content
    for the one reporting it, the statement keeps no source."""
    for draft in found.drafts:
        if draft.source is not None and overlaps(draft.content, *draft.source):
            draft.source = None
