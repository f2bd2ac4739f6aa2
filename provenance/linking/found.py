"""What the linking passes build: attributions under construction, and the links they become."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Set, Tuple

from ..cues import CueMatch
from ..quotes import Quote
from .index import Index

Chars = Tuple[int, int]  # code-point offsets into the Doc's text, end-exclusive


@dataclass(frozen=True)
class LinkedCue:
    """A cue of a link, in characters: a reporting verb, a cue phrase, a colon or a dash."""

    start: int
    end: int
    lemma: str
    stance: str
    rule: str


@dataclass(frozen=True)
class Link:
    """An attribution as the linker found it, in character offsets.

    Attributes:
        content: what is reported, as character runs in text order of discovery.
        source: the mention of who reports it, or None.
        how: the `link.*` ids of the mechanisms that made the link.
        inherits: for a continuation, the position in the same list of the link
            whose source it carries on.
    """

    kind: str
    content: Tuple[Chars, ...]
    cues: Tuple[LinkedCue, ...]
    source: Optional[Chars]
    how: Tuple[str, ...]
    inherits: Optional[int] = None


@dataclass(eq=False)
class Draft:
    """An attribution under construction; passes may extend a draft made by an earlier pass.

    Drafts compare and hash by identity: two statements with the same words are two statements.
    """

    kind: str
    content: List[Chars]
    cues: List[CueMatch]
    source: Optional[Chars]
    how: List[str]
    inherit: Optional["Draft"] = None
    sentences: Set[int] = field(default_factory=set)

    @property
    def start(self) -> int:
        return min([a for a, _ in self.content] or [0])


@dataclass
class Found:
    """The accumulator the passes add to, in order.

    Attributes:
        drafts: the attributions found so far.
        used: the draft each cue head has been linked into; a cue links once.
        orphans: the quotations no pass has linked yet.
    """

    drafts: List[Draft] = field(default_factory=list)
    used: Dict[int, Draft] = field(default_factory=dict)
    orphans: List[Quote] = field(default_factory=list)

    def add(self, index: Index, draft: Draft, tokens: Iterable[int]) -> Draft:
        """Add a draft; `tokens` are the tokens it covers, whose sentences it spans."""
        draft.sentences.update(map(index.sentence_of.__getitem__, tokens))
        for cue in draft.cues:
            self.used[cue.head] = draft
        self.drafts.append(draft)
        return draft


def source_chars(index: Index, tokens: Optional[Tuple[int, int]]) -> Optional[Chars]:
    """A source mention's token range as characters."""
    if tokens is None:
        return None
    mention = index.doc[tokens[0]:tokens[1]]
    return mention.start_char, mention.end_char


def finish(index: Index, drafts: List[Draft]) -> List[Link]:
    """The drafts as links, each continuation pointing at the position of the link it carries on."""
    position = {draft: number for number, draft in enumerate(drafts)}
    return [Link(
        kind=draft.kind,
        content=tuple(draft.content),
        cues=tuple(_linked_cue(index, cue) for cue in draft.cues),
        source=draft.source,
        how=tuple(draft.how),
        inherits=position.get(draft.inherit) if draft.inherit is not None else None,
    ) for draft in drafts]


def _linked_cue(index: Index, cue: CueMatch) -> LinkedCue:
    span = index.doc[cue.start:cue.end]
    start, end = cue.chars or (span.start_char, span.end_char)
    return LinkedCue(start, end, cue.lemma, cue.stance, cue.rule)
