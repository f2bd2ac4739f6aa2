"""Reporting verbs: each takes the clause it governs as what it reports ("she said that ...")."""
from __future__ import annotations

from dataclasses import replace
from typing import List, Optional, Set, Tuple

from spacy.tokens import Token

from ..complements import comma_set, cue_preposition, evidence, insertion, is_passive, reported
from ..cues import VERB, CueMatch
from ..grammar import subtree
from ..records import AGENTLESS, INDIRECT, MIXED
from ..speakers import shares_subject
from .found import Draft, Found
from .holders import source_of
from .index import Index

# Dashes that set off an aside after a quotation.
ASIDE_DASHES = ("—", "–", "--")
# How many reporting verbs a statement may be nested under and still be linked as one of its
# own: news prose nests two or three ("she said officials told him that ..."); past this the
# verb stays part of what the verbs above it report. A chain of thousands (`He said "`
# repeated, each "said" under the one before) would make as many statements, each reporting
# all that follows: output and time growing with the square of the text.
MAX_NESTING = 6


def link_verb(index: Index, found: Found, cue: CueMatch) -> None:
    """A reporting verb and the clause it governs, with the verbs that share its subject
    ("she noted ..., emphasizing that ..."): one attribution, or one per verb under
    `Conventions.split_cues`."""
    if index.nesting.get(cue.head, 0) >= MAX_NESTING:
        return
    verb = index.doc[cue.head]
    content, how = _reported(index, cue)
    content -= _statements_aside(index, content)
    if not content:
        return
    cue = _with_preposition(cue, cue_preposition(verb, how, cue.prepositions))
    source = source_of(index, cue)
    cues, parts, shared = [cue], [], []
    for sub in _inheriting_cues(index, found, content):
        sub_content, sub_how = _reported(index, sub)
        if sub_content:
            sub = _with_preposition(sub, cue_preposition(index.doc[sub.head], sub_how, sub.prepositions))
            content -= set(subtree(index.doc[sub.head]))
            content = _without_dangling_end(index, content)  # "he would vote no and"
            if index.conventions.split_cues:  # "..., emphasizing that ..." as its own statement
                shared.append(([sub], [sub_content], sub_how + ["link.shared_subject"]))
            else:
                cues.append(sub)
                parts.append(sub_content)
                how = how + ["link.shared_subject"]
    for cues, parts, how in [(cues, [content] + parts, how)] + shared:
        parts = [_before_aside(index, _whole_quotes(index, part)) for part in parts]
        spans = [s for part in parts for s in index.char_runs(part)]
        if source is None and is_passive(index.doc[cues[0].head]):
            kind, how = AGENTLESS, how + ["link.passive_no_agent"]
        else:
            kind = MIXED if index.has_quote(spans) else INDIRECT
        found.add(index, Draft(kind, spans, cues, source, how), set().union(*parts) | {c.head for c in cues})


def link_evidential(index: Index, found: Found, cue: CueMatch) -> None:
    """"The plan seems doomed": a judgement with no source but the writer, over the subject and its complement."""
    verb = index.doc[cue.head]
    if any(c.dep_ == "xcomp" and c.i in found.used for c in verb.children):
        return  # "seemed to confirm the rumours": the inner verb's cue runs back over "seemed"
    content = evidence(verb)
    if content:
        found.add(index, Draft(AGENTLESS, index.char_runs(content), [cue], None, ["link.evidential"]),
                  content | {cue.head})


def _reported(index: Index, cue: CueMatch) -> Tuple[Set[int], List[str]]:
    doc = index.doc
    complement = doc[cue.complement] if cue.complement is not None else None
    content, how = reported(doc[cue.head], index.object_lemmas, index.conventions.complementizer,
                            cue.prepositions, complement)
    # "The economy is strong, the minister said, and ..., she added": a reporting clause
    # inserted in what another verb reports is not part of it
    for head in sorted((content & index.cues.keys()) - {cue.head}):  # not a copy of every cue per verb
        clause = insertion(doc[head])
        if clause is not None:
            content = content - clause
    return content, how


def _without_dangling_end(index: Index, content: Set[int]) -> Set[int]:
    """A content cut short of a clause without the conjunction or comma left at its end."""
    doc = index.doc
    while content and (doc[max(content)].dep_ == "cc" or doc[max(content)].text in (",", ";")):
        content = content - {max(content)}
    return content


def _statements_aside(index: Index, content: Set[int]) -> Set[int]:
    """Comma-set relative clauses in a content that make statements of their own
    ("..., Jane Doe, who claimed that ..., said"): they are not part of what is reported."""
    aside: Set[int] = set()
    for i in content & index.relative_clauses:
        token = index.doc[i]
        if comma_set(token):
            below = set(subtree(token))
            if any(j in index.cues and index.cues[j].kind == VERB for j in below):
                aside |= below
    return aside


def _before_aside(index: Index, tokens: Set[int]) -> Set[int]:
    """A content that closes a quotation ends with it when an aside set off by a comma or a
    dash runs from there to the content's end: a present participle ("“...,” referring to
    ..."), an apposition ("“...,” a swipe at ...") or anything after a dash ("“...” — a hope
    ..."), as PolNeAR marks such contents. A clause the quotation belongs to goes on ("the
    stadium — “a gift to the rich” — would be sold")."""
    if not tokens:
        return tokens
    doc, last = index.doc, max(tokens)
    for quote in index.quote_ranges_from(min(tokens), last):
        end = quote[-1]
        if quote[0] not in tokens or end not in tokens or end >= last:
            continue
        if doc[end + 1].text in (",",) + ASIDE_DASHES:
            mark, aside = end + 1, end + 2
        elif end > 0 and doc[end - 1].text == ",":  # the comma inside the quotation: “...,” referring to
            mark, aside = end - 1, end + 1
        else:
            continue
        if aside not in tokens:
            continue
        governing = {t.i for t in doc[quote[0]:end + 1] for t in t.ancestors}
        if any(i in governing for i in tokens if i > end):
            continue  # the rest holds the verb the quotation depends on
        first = doc[aside]
        apposition = any(t.dep_ == "appos" and t.left_edge.i == aside for t in [first, *first.ancestors])
        if first.tag_ == "VBG" or apposition or doc[mark].text in ASIDE_DASHES:
            return {i for i in tokens if i <= end}
    return tokens


def _whole_quotes(index: Index, tokens: Set[int]) -> Set[int]:
    """A content that opens a quotation runs on to its end, past the end of its sentence too:
    'a "good news story in an era when ..."', 'the plan “will fail. It has no money.”'."""
    if not tokens:
        return tokens
    last = max(tokens)
    for quote in index.quote_ranges_past(last):
        if quote[0] > last:
            break  # the ranges are in text order: none further starts in the content
        if quote[0] in tokens:
            return tokens | set(range(last + 1, quote[-1] + 1))
    return tokens


def _inheriting_cues(index: Index, found: Found, content: Set[int]) -> List[CueMatch]:
    """Subject-less reporting verbs inside a content that share its source ("..., emphasizing that ...")."""
    cues = []
    for i in sorted(content & index.cues.keys()):
        cue = index.cues[i]
        token = index.doc[i]
        # an infinitive inside the content is part of it ("it is important to defend ..."), not a new statement
        if cue and cue.kind == VERB and i not in found.used and shares_subject(token) and token.dep_ != "xcomp":
            cues.append(cue)
    return cues


def _with_preposition(cue: CueMatch, preposition: Optional[Token]) -> CueMatch:
    """The cue with its preposition, when it follows the verb group: "called for"."""
    return replace(cue, end=preposition.i + 1) if preposition is not None and preposition.i == cue.end else cue
