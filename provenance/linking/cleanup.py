"""The last passes: continuations inherit a source, nested statements go, contents run on where the conventions say, and no source lies inside its content."""
from __future__ import annotations

import bisect
from typing import Dict, List, Set

from ..complements import comma_set
from ..cues import VERB
from ..records import AGENTLESS, CONTINUATION, INDIRECT, MIXED
from ..spans import overlaps
from .found import Draft, Found
from .index import Index


def link_continuations(index: Index, found: Found) -> None:
    """An agentless report in the sentence right after an attributed one inherits its source.

    The drafts are put in text order first; a report that follows a continuation joins it.
    """
    found.drafts.sort(key=lambda draft: draft.start)
    # read once: a continuation takes in contents that come after its start, which stays
    paragraph_of = {draft: index.paragraph(index.token_at(draft.start)) for draft in found.drafts}
    merged: List[Draft] = []
    last_in_sentence: Dict[int, Draft] = {}
    for current in found.drafts:
        if current.kind == AGENTLESS and current.cues:
            head = current.cues[0].head
            parent = last_in_sentence.get(index.sentence(head) - 1)
            if parent and index.paragraph(head) == paragraph_of[parent]:
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
    keep = set()
    # the contents of the drafts kept so far: all of them, and those that hold a statement
    kept, stating = Cover(), Cover()
    # outermost first, each checked against those kept: of two contents that hold each
    # other's cues, one stays
    for current in sorted(found.drafts, key=lambda draft: -sum(b - a for a, b in draft.content)):
        cue = current.cues[0] if current.cues else None
        if cue is not None and (cue.scope == "thought" or not index.conventions.nested):
            head = index.starts[cue.head]
            # a judgement with no source ("It appears that ...") holds no statement
            if (kept if cue.scope == "thought" else stating).holds(head):
                continue
        keep.add(current)
        for a, b in current.content:
            kept.add(a, b)
            if current.source is not None or current.kind != AGENTLESS:
                stating.add(a, b)
    found.drafts = [draft for draft in found.drafts if draft in keep]


class Cover:
    """A union of character stretches that grows, asked whether it holds a character in
    logarithmic time: kept as sorted stretches apart from each other, merged as they come."""

    def __init__(self):
        self.starts: List[int] = []
        self.ends: List[int] = []

    def add(self, start: int, end: int) -> None:
        """Take in the characters from `start` to `end`, end-exclusive."""
        if start >= end:
            return
        # the stretches that touch or overlap the new one merge with it
        low = bisect.bisect_left(self.ends, start)
        high = bisect.bisect_right(self.starts, end)
        if low < high:
            start, end = min(start, self.starts[low]), max(end, self.ends[high - 1])
        self.starts[low:high], self.ends[low:high] = [start], [end]

    def holds(self, offset: int) -> bool:
        """Whether a character lies in one of the stretches."""
        at = bisect.bisect_right(self.starts, offset) - 1
        return at >= 0 and offset < self.ends[at]


def drop_empty(index: Index, found: Found) -> None:
    """Drop statements left with no content."""
    found.drafts = [draft for draft in found.drafts if draft.content]


def drop_source_in_content(index: Index, found: Found) -> None:
    """A source never lies inside what it reports: where the parser took part of the content
    for the one reporting it, the statement keeps no source."""
    for draft in found.drafts:
        if draft.source is not None and overlaps(draft.content, *draft.source):
            draft.source = None


# The kinds of statement a reporting verb makes with what it governs after it.
RUN_ON_KINDS = (INDIRECT, MIXED)
# Where a run-on content stops: punctuation that closes a clause, and the words that open a
# subordinate one ("..., since they both were competing", "when he ran for the White House").
RUN_ON_STOPS = (";", ":", "—", "–", "--", "―", "(")
SUBORDINATORS = {"when", "while", "since", "because", "after", "before", "although", "though",
                 "until", "once", "if", "unless", "whereas"}
SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
# clauses that hang on a word before them, not on the sentence: "a meeting he had", "compared to what they do"
EMBEDDED_CLAUSES = ("relcl", "pcomp")


def run_on(index: Index, found: Found) -> None:
    """Under `Conventions.run_on`, a content that follows its cue in one sentence runs on to
    the sentence's end, and one that a reporting clause closing the sentence follows runs
    back to the sentence's start; either stops at the first token of another finding.

    Notes:
        PolNeAR marks "X said Y" with Y to the end of what X said, which the parse often
        cuts short: a relative clause hung on the verb ("said the candidate was headed to
        the venue, which she was doing when ..."), a second conjunct ("wants to triple ...,
        grow ... and create ..."), a phrase after the object ("raising questions about his
        microphone problems during Monday's debate"). "Y, X said." is marked with all of Y,
        the words before a quotation included ("With thousands of systems, “there is no
        single point of failure,” he said").
    """
    if not index.conventions.run_on:
        return
    taken = set()
    for draft in found.drafts:
        for cue in draft.cues:
            taken.update(range(cue.start, cue.end))
        for a, b in [*draft.content, *([draft.source] if draft.source else [])]:
            taken.update(index.tokens(a, b))
    for draft in found.drafts:
        if not draft.content or not draft.cues:
            continue
        cue = draft.cues[0]
        start, end = min(a for a, _ in draft.content), max(b for _, b in draft.content)
        first, last = index.token_at(start), index.token_at(end - 1)
        if index.sentence(cue.head) != index.sentence(first) or index.sentence(first) != index.sentence(last):
            continue  # a content past its sentence ends where it ends
        if first >= cue.end and draft.kind in RUN_ON_KINDS:
            _run_forward(index, draft, taken, first, last, end)
        elif last < cue.start and draft.source and cue.kind == VERB and _closes_sentence(index, draft, last):
            _run_back(index, draft, taken, first, start)


def _run_forward(index: Index, draft: Draft, taken: Set[int], first: int, last: int, end: int) -> None:
    """Run a content on from its last token to its sentence's end, or to where a clause opens."""
    more = []
    for i in range(last + 1, index.sentence_tokens(last).stop):
        if i in taken or _clause_opens(index.doc[i], first):
            break
        more.append(i)
    while more and (index.doc[more[-1]].dep_ == "cc" or index.doc[more[-1]].is_punct):
        more.pop()  # "... in 2008, but" stops before its conjunction
    runs = index.char_runs([last] + more)
    if runs and runs[-1][1] > end:
        at = max(range(len(draft.content)), key=lambda n: draft.content[n][1])
        draft.content[at] = (draft.content[at][0], runs[-1][1])
        draft.how.append("link.run_on")


def _run_back(index: Index, draft: Draft, taken: Set[int], first: int, start: int) -> None:
    """Run a content back from its first token to its sentence's start, or to another finding."""
    more = []
    for i in range(first - 1, index.sentence_tokens(first).start - 1, -1):
        if i in taken:
            break
        more.append(i)
    runs = index.char_runs(more + [first])
    if runs and runs[0][0] < start:
        at = min(range(len(draft.content)), key=lambda n: draft.content[n][0])
        draft.content[at] = (runs[0][0], draft.content[at][1])
        draft.how.append("link.run_on")


def _closes_sentence(index: Index, draft: Draft, last: int) -> bool:
    """Whether nothing but the draft's own cues and source, and punctuation, follows its content in the sentence."""
    own = {i for cue in draft.cues for i in range(cue.start, cue.end)}
    if draft.source:
        own.update(index.tokens(*draft.source))
    return all(i in own or index.doc[i].is_punct or index.doc[i].is_space
               for i in range(last + 1, index.sentence_tokens(last).stop))


def _embedded(verb, first: int, at: int) -> bool:
    """Whether a clause hangs on a word the run-on content already holds: a relative clause
    on its noun ("a private meeting he had with Rubio"), a clause a preposition governs
    ("compared to what the militants are doing"); it belongs to the content (`link.run_on`)."""
    # a relative clause set off by a comma only describes its noun ("Gazprom, which ..."), as in `object_extent`
    return verb.dep_ in EMBEDDED_CLAUSES and first <= verb.head.i < at and not comma_set(verb)


def _clause_opens(token, first: int) -> bool:
    """Whether a token opens what a run-on content stops before: a clause of its own with
    a subject outside the content ("..., but Mrs. Clinton would leave it"), a subordinate
    clause, a participle set off by a comma ("..., sending him to"), a dash or a semicolon."""
    if token.text in RUN_ON_STOPS:
        return True
    if any(a.dep_ in SUBJECTS and a.left_edge.i == token.i and a.head.i > a.i and not _embedded(a.head, first, token.i)
           for a in [token, *token.ancestors]):
        return True  # the first word of the subject of a verb still to come: a new clause begins
    if token.lower_ in SUBORDINATORS and (token.dep_ in ("mark", "advmod") or any(c.dep_ == "pcomp" for c in token.children)):
        return True
    return token.tag_ == "VBG" and token.i > first and token.nbor(-1).text == ","
