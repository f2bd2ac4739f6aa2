"""Who a cue's statement belongs to: the mention of its source."""
from __future__ import annotations

from typing import Optional

from ..cues import CueMatch
from ..records import AS_PUT_IT
from ..spans import mention
from ..speakers import SUBJECT_DEPS, speaker
from .found import Chars, source_chars
from .index import NOMINALS, Index


def source_of(index: Index, cue: CueMatch) -> Optional[Chars]:
    """The characters of the mention of a cue's source, or None."""
    doc = index.doc
    if cue.kind == AS_PUT_IT:  # "as Jane Doe put it": the subject inside the phrase
        subjects = [t for t in doc[cue.start:cue.end] if t.dep_ in SUBJECT_DEPS]
        return source_chars(index, mention(subjects[0], skip=index.dateline) if subjects else None)
    holder = speaker(doc[cue.head])
    if holder is not None and holder.i in index.dateline:
        # the parser took the dateline's place for the subject; the speaker is what follows it
        between = doc[max(index.dateline) + 1:cue.head]
        holder = between.root if len(between) and between.root.pos_ in NOMINALS else None
    return source_chars(index, index.mention(holder) if holder is not None else None)
