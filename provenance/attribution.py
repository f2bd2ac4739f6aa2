"""Linking cues to what they report and to who reports it, over the dependency parse.

Each link records the mechanism that made it as a `link.*` id beside the rule ids of
its cues, so every finding can say how it was found.

Notes:
    The order of the passes follows the quotation-first practice of rule-based
    attribution systems (Pareti's PARC work; the Gender Gap Tracker's quote
    extractor): quotations claim their cue verbs first, then the remaining reporting
    verbs take the clause they govern, then cue phrases and agentless cues, and last
    the continuations that inherit a source from the sentence before.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from spacy.tokens import Doc, Token

from .cues import AGENTLESS, VERB, CueMatch, verb_group
from .layout import Layout
from .quotes import NAME, PHRASE, Quote
from .spans import SpanIndex, char_runs, mention, overlaps
from .syntax import (LINE_OPENING_MARKS, SUBJECT_DEPS, according_to_object, agentless_reported, comma_set,
                     cue_preposition, evidence, insertion, is_passive, name_after_dash, name_before_colon, opens_line,
                     reported, shares_subject, speaker)

SENTENCE_END = {".", "!", "?", "…"}
NOMINALS = {"PROPN", "NOUN", "PRON"}
COLON = "colon"  # the kind of the cue a "Name:" line makes
DASH = "dash"  # the kind of the cue a dash makes before a quotation's name: "“...” ― Jane Doe"
# The dash after a quotation's closing mark, and the spaces around it, that set a name: "“...” ― Jane Doe".
BYLINE_DASH_RE = re.compile(r"[ \t\u00a0]{0,7}(―|—|–|--)[ \t\u00a0]{0,4}")
MAX_WINDOW = 40
ASIDE_DASHES = ("—", "–", "--")  # dashes that set off an aside after a quotation


@dataclass
class Link:
    """An attribution under construction: token and character positions in one Doc."""

    kind: str
    content: List[Tuple[int, int]]
    cues: List[CueMatch]
    source: Optional[Tuple[int, int]]  # token range of the source mention
    how: List[str]
    inherit: Optional["Link"] = None
    sentences: Set[int] = field(default_factory=set)

    @property
    def start(self) -> int:
        return min([a for a, _ in self.content] or [0])


@dataclass(frozen=True)
class Conventions:
    """How findings are cut where annotation schemes differ.

    Attributes:
        split_cues: report a verb that shares its subject with a reporting verb
            ("she noted ..., emphasizing that ...") as an attribution of its own
            with the same source, instead of as a second cue of one attribution.
        complementizer: keep the "that" or "whether" opening an indirect content.
        nested: keep statements reported inside another attribution's content ("she
            said the mayor told aides he would resign"); with it off, a statement whose
            cue lies inside the content of another that is kept is left out.
    """

    split_cues: bool = False
    complementizer: bool = False
    nested: bool = True


# What `provenance check` reports; PolNeAR's annotation guidelines, for scoring against it.
CHECK = Conventions()
POLNEAR = Conventions(split_cues=True, complementizer=True, nested=False)
CONVENTIONS = {"check": CHECK, "polnear": POLNEAR}


def link(doc: Doc, quotes: Sequence[Quote], cues: Sequence[CueMatch], layout: Layout,
         object_lemmas: FrozenSet[str] = frozenset(), conventions: Conventions = CHECK) -> List[Link]:
    """Return the attributions of a Doc, in text order.

    Args:
        object_lemmas: reporting verbs whose direct object is what they report.
        conventions: how to cut findings where annotation schemes differ.
    """
    return _Linker(doc, quotes, cues, layout, object_lemmas, conventions).run()


class _Linker:
    def __init__(self, doc, quotes, cues, layout, object_lemmas, conventions):
        self.doc, self.layout, self.object_lemmas = doc, layout, object_lemmas
        self.conventions = conventions
        self.starts = [t.idx for t in doc]
        self.text = text = doc.text  # built from the tokens on every access: read it once
        self.title_end = len(text.partition("\n")[0])
        heads = {c.head: c for c in cues if c.kind == VERB and c.scope != "thought"}
        spoken = [q for q in quotes if q.quotation or _short_utterance(text, q) or self._uttered(q, heads)]
        self.quotations = [q for q in spoken if not layout.in_boilerplate(q.start, q.end)]
        self.phrases = [q for q in quotes if q.kind == PHRASE and q not in spoken]
        self.quote_ranges = [self._tokens(q.start, q.end) for q in quotes if q.opened and q.closed]
        self.quotes_by_start = {q.start: q for q in quotes}
        self.quoted: Set[int] = set()
        for q in self.quotations:
            self.quoted.update(self._tokens(q.start, q.end))
        self.quote_starts = {self._token_at(q.start): q for q in self.quotations}
        self.cues = {c.head: c for c in cues if c.head not in self.quoted and not layout.in_boilerplate(doc[c.head].idx, doc[c.head].idx + 1)}
        self.used: Dict[int, Link] = {}
        self.links: List[Link] = []
        self.sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        dateline = layout.dateline
        self.dateline = set(self._tokens(dateline.start, dateline.end)) if dateline else set()
        self.unnamed = self.quoted | self.dateline  # tokens no "Name:" can take in
        self.people = frozenset(e[-1].lower_ for e in doc.ents if e.label_ == "PERSON")  # surnames: "PORTER:"

    def _uttered(self, quote: Quote, speech_heads: Dict[int, CueMatch]) -> bool:
        """A short quotation right after a speech verb is what was said: 'a man yelled “Stay there!”'.

        It ends in punctuation inside the marks or ends its sentence; a quoted term
        runs on ('said “fake news” was everywhere').
        """
        if quote.kind not in (PHRASE, NAME) or not (quote.opened and quote.closed):
            return False  # a name too: 'the crowd chanted “USA! USA!”'
        doc, first = self.doc, self._token_at(quote.start)
        previous = next((t for t in reversed(doc[max(0, first - 3):first]) if not t.is_space and t.text != ","), None)
        if previous is None or previous.i not in speech_heads:
            return False
        text = self.text
        following = text[quote.end:quote.end + 3].lstrip(" ")
        return text[quote.content_end - 1:quote.content_end] in (",", ".", "!", "?") or following[:1] in ("", ".", "\n", "!", "?")

    def run(self) -> List[Link]:
        orphans = [q for q in self.quotations if not self._direct(q)]
        # a judgement ("seemed") after the statement its infinitive makes ("seemed to confirm")
        for cue in sorted(self.cues.values(), key=lambda c: (c.start, c.reports == "subject")):
            if cue.head in self.used:
                continue
            if cue.kind == VERB:
                if cue.reports == "subject":
                    self._evidential(cue)
                elif cue.scope != "quote":  # "continued" reports only a quotation beside it
                    self._indirect(cue)
            elif cue.kind == AGENTLESS:
                self._agentless(cue)
            else:
                self._phrase(cue)
        orphans = self._colon_links(orphans)
        orphans = self._dash_links(orphans)
        orphans = self._introduced(orphans)
        self._orphans(orphans)
        self.links.sort(key=lambda l: l.start)
        self._continuations()
        links = [l for l in self._unnested() if l.content]
        for l in links:
            mention = self.doc[l.source[0]:l.source[1]] if l.source is not None else None
            if mention is not None and overlaps(l.content, mention.start_char, mention.end_char):
                l.source = None  # the parser took part of what is reported for the one reporting it
        return links

    # -- positions ---------------------------------------------------------
    def _token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def _tokens(self, start: int, end: int) -> range:
        return range(self._token_at(start), self._token_at(max(start, end - 1)) + 1)

    def _sentence(self, i: int) -> int:
        return self.sent_index[self.doc[i].sent.start]

    def _paragraph(self, i: int) -> int:
        return self.layout.paragraph_of(self.doc[i].idx)

    def _add(self, link: Link, tokens: Iterable[int]) -> Link:
        link.sentences.update(self._sentence(i) for i in tokens)
        for cue in link.cues:
            self.used[cue.head] = link
        self.links.append(link)
        return link

    # -- direct quotations -------------------------------------------------
    def _direct(self, quote: Quote) -> bool:
        first, last = self._token_at(quote.content_start), self._token_at(quote.content_end - 1)
        before, colon = self._cue_before(self._token_at(quote.start))
        ended = self.text[quote.content_end - 1:quote.content_end] in SENTENCE_END
        after = self._cue_after(last + 1, ended)
        cue = before if before and colon else after or before
        if cue is None:
            return False
        link = self.used.get(cue.head)
        if link is not None and link.kind == "direct":
            link.content.extend(quote.pieces)  # "A," he said, "B."
            link.how.append("link.quote_shared_cue")
            return True
        source = self._source_of(cue)
        self._add(Link("direct", list(quote.pieces), [cue], source, ["link.quote_cue"]), [first, last, cue.head])
        return True

    def _cue_after(self, i: int, ended: bool = False) -> Optional[CueMatch]:
        """The nearest cue after a quotation; `ended`: the quotation closed its sentence."""
        doc = self.doc
        for j in range(i, min(len(doc), i + MAX_WINDOW)):
            token = doc[j]
            if "\n" in token.text or j in self.quote_starts:
                return None
            cue = self.cues.get(j)
            if cue and cue.kind != AGENTLESS:
                verb = doc[cue.head]
                if ended and cue.kind == VERB and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
                    return None  # '“... .” Jones also claimed that ...': the verb reports its own clause
                if cue.reports == "subject":  # '“...,” she appeared to say': the cue is "appeared to say"
                    inner = [self.cues[c.i] for c in verb.children if c.dep_ == "xcomp" and c.i in self.cues]
                    return inner[0] if inner else cue
                return cue
            if token.text in SENTENCE_END and j > i:
                return None
        return None

    def _cue_before(self, i: int) -> Tuple[Optional[CueMatch], bool]:
        """The nearest cue before a quotation, and whether it introduces the quotation (a colon, or the verb right before it)."""
        doc = self.doc
        previous = [t for t in doc[max(0, i - 3):i] if not t.is_space and t.text not in "“\"«``''"]
        colon = bool(previous) and previous[-1].text == ":"
        comma = bool(previous) and previous[-1].text == ","
        # right after its verb, or its verb and a comma: 'she shouted “Stop!”', 'someone shouted, “Cruz!”'
        verb = previous[-2] if comma and len(previous) > 1 else previous[-1] if previous else None
        if verb is not None and verb.i in self.cues and self.cues[verb.i].kind == VERB:
            return self.cues[verb.i], True
        if not (colon or comma):
            return None, False
        mark = previous[-1].i  # a colon may end the line before a quotation set off as a paragraph
        for j in range(mark - 1, max(-1, mark - MAX_WINDOW), -1):
            token = doc[j]
            if "\n" in token.text or j in self.quoted or token.text in SENTENCE_END:
                return None, False
            cue = self.cues.get(j)
            if cue and cue.kind != AGENTLESS:
                return cue, colon
        return None, False

    # -- reporting verbs ---------------------------------------------------
    def _indirect(self, cue: CueMatch) -> None:
        verb = self.doc[cue.head]
        content, how = self._reported(cue)
        content -= self._statements_aside(content)
        if not content:
            return
        cue = _with_preposition(cue, cue_preposition(verb, how, cue.prepositions))
        source = self._source_of(cue)
        cues, parts, shared = [cue], [], []
        for sub in self._inheriting_cues(verb, content):
            sub_content, sub_how = self._reported(sub)
            if sub_content:
                sub = _with_preposition(sub, cue_preposition(self.doc[sub.head], sub_how, sub.prepositions))
                content -= {t.i for t in self.doc[sub.head].subtree}
                content = self._without_dangling_end(content)  # "he would vote no and"
                if self.conventions.split_cues:  # "..., emphasizing that ..." as its own statement
                    shared.append(([sub], [sub_content], sub_how + ["link.shared_subject"]))
                else:
                    cues.append(sub)
                    parts.append(sub_content)
                    how = how + ["link.shared_subject"]
        for cues, parts, how in [(cues, [content] + parts, how)] + shared:
            parts = [self._before_aside(self._whole_quotes(part)) for part in parts]
            spans = [s for part in parts for s in self._char_runs(part)]
            if source is None and is_passive(self.doc[cues[0].head]):
                kind, how = AGENTLESS, how + ["link.passive_no_agent"]
            else:
                kind = "mixed" if self._has_quote(spans) else "indirect"
            self._add(Link(kind, spans, cues, source, how), set().union(*parts) | {c.head for c in cues})

    def _reported(self, cue: CueMatch) -> Tuple[Set[int], List[str]]:
        complement = self.doc[cue.complement] if cue.complement is not None else None
        content, how = reported(self.doc[cue.head], self.object_lemmas, self.conventions.complementizer,
                                cue.prepositions, complement)
        # "The economy is strong, the minister said, and ..., she added": a reporting clause
        # inserted in what another verb reports is not part of it
        for head in sorted(content & self.cues.keys() - {cue.head}):
            clause = insertion(self.doc[head])
            if clause is not None:
                content = content - clause
        return content, how

    def _without_dangling_end(self, content: Set[int]) -> Set[int]:
        """A content cut short of a clause without the conjunction or comma left at its end."""
        while content and (self.doc[max(content)].dep_ == "cc" or self.doc[max(content)].text in (",", ";")):
            content = content - {max(content)}
        return content

    def _statements_aside(self, content: Set[int]) -> Set[int]:
        """Comma-set relative clauses in a content that make statements of their own
        ("..., Jane Doe, who claimed that ..., said"): they are not part of what is reported."""
        aside: Set[int] = set()
        for i in content:
            token = self.doc[i]
            if token.dep_ == "relcl" and comma_set(token):
                subtree = {t.i for t in token.subtree}
                if any(j in self.cues and self.cues[j].kind == VERB for j in subtree):
                    aside |= subtree
        return aside

    def _before_aside(self, tokens: Set[int]) -> Set[int]:
        """A content that closes a quotation ends with it when an aside set off by a comma or a
        dash runs from there to the content's end: a present participle ("“...,” referring to
        ..."), an apposition ("“...,” a swipe at ...") or anything after a dash ("“...” — a hope
        ..."), as PolNeAR marks such contents. A clause the quotation belongs to goes on ("the
        stadium — “a gift to the rich” — would be sold")."""
        if not tokens:
            return tokens
        last = max(tokens)
        for quote in self.quote_ranges:
            end = quote[-1]
            if quote[0] not in tokens or end not in tokens or end >= last:
                continue
            if self.doc[end + 1].text in (",",) + ASIDE_DASHES:
                mark, aside = end + 1, end + 2
            elif end > 0 and self.doc[end - 1].text == ",":  # the comma inside the quotation: “...,” referring to
                mark, aside = end - 1, end + 1
            else:
                continue
            if aside not in tokens:
                continue
            governing = {t.i for t in self.doc[quote[0]:end + 1] for t in t.ancestors}
            if any(i in governing for i in tokens if i > end):
                continue  # the rest holds the verb the quotation depends on
            first = self.doc[aside]
            apposition = any(t.dep_ == "appos" and t.left_edge.i == aside for t in [first, *first.ancestors])
            if first.tag_ == "VBG" or apposition or self.doc[mark].text in ASIDE_DASHES:
                return {i for i in tokens if i <= end}
        return tokens

    def _whole_quotes(self, tokens: Set[int]) -> Set[int]:
        """A content that opens a quotation runs on to its end, past the end of its sentence too:
        'a "good news story in an era when ..."', 'the plan “will fail. It has no money.”'."""
        if not tokens:
            return tokens
        last = max(tokens)
        for quote in self.quote_ranges:
            if quote[0] in tokens and quote[-1] > last:
                return tokens | set(range(last + 1, quote[-1] + 1))
        return tokens

    def _evidential(self, cue: CueMatch) -> None:
        """"The plan seems doomed": a judgement with no source but the writer, over the subject and its complement."""
        verb = self.doc[cue.head]
        if any(c.dep_ == "xcomp" and c.i in self.used for c in verb.children):
            return  # "seemed to confirm the rumours": the inner verb's cue runs back over "seemed"
        content = evidence(verb)
        if content:
            self._add(Link(AGENTLESS, self._char_runs(content), [cue], None, ["link.evidential"]), content | {cue.head})

    def _inheriting_cues(self, verb: Token, content: Set[int]) -> List[CueMatch]:
        """Subject-less reporting verbs inside a content that share its source ("..., emphasizing that ...")."""
        found = []
        for i in sorted(content):
            cue = self.cues.get(i)
            token = self.doc[i]
            # an infinitive inside the content is part of it ("it is important to defend ..."), not a new statement
            if cue and cue.kind == VERB and i not in self.used and shares_subject(token) and token.dep_ != "xcomp":
                found.append(cue)
        return found

    # -- cue phrases and agentless cues -----------------------------------
    def _phrase(self, cue: CueMatch) -> None:
        doc = self.doc
        phrase = set(range(cue.start, cue.end))
        if cue.kind == "according_to":
            named = according_to_object(doc[cue.end - 1])
            if named is None:
                return
            source = mention(named, skip=self.dateline)
            phrase.update(t.i for t in named.subtree)
            if sum(doc[i].is_alpha for i in self._sentence_rest(cue.head, phrase)) < 3:
                # the parser hung the sentence on the name ("According to X, the move reeks of ...",
                # "reeks" read as a noun in apposition): the phrase ends at the comma after the name
                comma = next((t.i for t in doc[named.i + 1:named.sent.end] if t.text == ","), None)
                if comma is not None:
                    phrase = set(range(cue.start, comma + 1))
                    source = mention(named, skip=self.dateline | set(range(comma, named.sent.end)))
        else:  # as_put_it
            for verb in (t for t in doc[cue.start:cue.end] if t.pos_ == "VERB" and t.left_edge.i >= cue.start):
                phrase.update(t.i for t in verb.subtree)  # "as Jane Doe put it in a speech"
            source = self._source_of(cue)
            quote = self._quote_after(cue)
            if quote is not None:  # "as Jane Doe put it in a speech, “...”": the quotation is what was put
                self._add(Link(cue.kind, list(quote.pieces), [cue], source, ["link." + cue.kind]),
                          list(self._tokens(quote.start, quote.end)) + [cue.head])
                return
        content = self._sentence_rest(cue.head, phrase)
        self._add(Link(cue.kind, self._char_runs(content), [cue], source, ["link." + cue.kind]), list(content) + [cue.head])

    def _agentless(self, cue: CueMatch) -> None:
        content = agentless_reported(self.doc[cue.head], subject_reported=cue.rule != "agentless.said_to",
                                     keep_marks=self.conventions.complementizer)
        if content is None:
            content = self._sentence_rest(cue.head, set(range(cue.start, cue.end)))
        self._add(Link(AGENTLESS, self._char_runs(content), [cue], None, ["link.agentless"]), list(content) + [cue.head])

    def _quote_after(self, cue: CueMatch) -> Optional[Quote]:
        """The quotation right after a cue phrase and what its verb governs ("put it in a speech, “...”")."""
        governed = {t.i for i in range(cue.start, cue.end) for t in self.doc[i].subtree}
        starts = {self._token_at(q.start): q for q in self.quotations + self.phrases}
        for token in self.doc[cue.end:cue.end + MAX_WINDOW]:
            if token.i in starts:
                return starts[token.i]
            if not (token.i in governed or token.is_punct or token.is_space):
                return None
        return None

    def _sentence_rest(self, head: int, phrase: Set[int]) -> Set[int]:
        """The sentence of a cue phrase without the phrase, and without the verbs of other statements
        in it, unless statements may not nest ("Most voters say ..., according to a poll": all of
        it is what the poll found)."""
        sentence = self.doc[head].sent
        used = self.used if self.conventions.nested else {}
        return {t.i for t in sentence if t.i not in phrase and t.i not in used}

    # -- a name and a colon: "Jane Doe: Taxes must go down." -------------
    def _colon_links(self, orphans: List[Quote]) -> List[Quote]:
        """Link what follows "Name:" to the name, the headline and interview convention.

        Returns the quotations still without a cue.
        """
        left = list(orphans)
        for token in self.doc:
            if token.text != ":" or token.i in self.used:
                continue
            # a transcript line set in quotation marks ('"WALLACE: ...'), in a quotation nothing else claims
            quoted = token.i in self.quoted
            if quoted and not any(q.start <= self.doc[token.i].idx < q.end for q in left):
                continue
            skip = self.dateline if quoted else self.unnamed
            name = name_before_colon(self.doc, token.i, skip, self._in_title(token.i), self.people)
            following = next((t for t in self.doc[token.i + 1:token.i + 4] if not t.is_space), None)
            if name is None or following is None:
                continue
            after_mark = name[0] > 0 and self.doc[name[0] - 1].text in LINE_OPENING_MARKS
            if (quoted or after_mark) and not self._opens_quoted_line(name[0]):
                continue  # a quoted title: '"Porter: A Life in Politics" comes out on Friday'
            quote = self.quote_starts.get(following.i)
            cue = CueMatch(token.i, token.i + 1, token.i, COLON, ":", "neutral", "link.colon")
            if quote is not None and quote in left:
                left.remove(quote)
                self._add(Link("direct", list(quote.pieces), [cue], name, ["link.colon"]), [following.i, token.i])
            elif quote is None:
                content = self._line_rest(following.i)
                if len([i for i in content if self.doc[i].is_alpha]) >= 3:
                    self._add(Link("direct" if quoted else "indirect", self._char_runs(content), [cue], name,
                                   ["link.colon"]), list(content) + [token.i])
        return left

    def _opens_quoted_line(self, i: int) -> bool:
        """Whether a token follows a quotation mark that opens its line and is not closed on it,
        the way transcripts set each speaker's line in quotation marks ('"WALLACE: ...')."""
        mark = self.doc[i - 1] if i > 0 else None
        if mark is None or mark.text not in LINE_OPENING_MARKS or not opens_line(self.doc, mark.i):
            return False
        line_end = self.text.find("\n", mark.idx)
        line_end = len(self.text) if line_end < 0 else line_end
        quote = self.quotes_by_start.get(mark.idx)
        return quote is None or not quote.closed or quote.end > line_end

    # -- a quotation, a dash and a name: "“Taxes must go down.” ― Jane Doe" --
    def _dash_links(self, orphans: List[Quote]) -> List[Quote]:
        """Link a quotation to the name set after it with a dash, the convention of epigraphs and pull quotes.

        Returns the quotations still without a cue.
        """
        left = []
        for quote in orphans:
            dash = BYLINE_DASH_RE.match(self.text, quote.end)
            name = None
            if dash is not None:
                first = self._token_at(dash.end())
                if self.doc[first].idx == dash.end() and first not in self.unnamed:
                    name = name_after_dash(self.doc, first)
            if name is None:
                left.append(quote)
                continue
            at = self._token_at(dash.start(1))
            cue = CueMatch(at, at + 1, at, DASH, dash.group(1), "neutral", "link.dash", chars=dash.span(1))
            self._add(Link("direct", list(quote.pieces), [cue], name, ["link.dash"]),
                      [self._token_at(quote.content_start), name[0]])
        return left

    # -- a clause and a colon before a quotation: "Jane Doe released a statement: “...”" --
    def _introduced(self, orphans: List[Quote]) -> List[Quote]:
        """Link a quotation that a clause introduces with a colon to the subject of that clause's verb.

        The verb is no reporting verb the rules know ("released the following
        statement:", "boomed:"), so it is the cue only by its place before the colon.
        Returns the quotations still without a cue.
        """
        left = []
        for quote in orphans:
            first = self._token_at(quote.start)
            colon = next((t for t in reversed(self.doc[max(0, first - 3):first]) if not t.is_space), None)
            verb = colon.head if colon is not None and colon.text == ":" and colon.i not in self.quoted else None
            holder = speaker(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
            if holder is None or holder.pos_ not in NOMINALS or holder.i in self.unnamed or holder.i > verb.i:
                left.append(quote)
                continue
            start, end = verb_group(verb)
            cue = CueMatch(start, end, verb.i, VERB, verb.lemma_.lower(), "neutral", "link.introduced")
            self._add(Link("direct", list(quote.pieces), [cue], self._mention(holder), ["link.introduced"]),
                      [first, verb.i])
        return left

    def _in_title(self, i: int) -> bool:
        """Whether a token is on the article's first line, where its headline stands."""
        return self.doc[i].idx < self.title_end

    def _line_rest(self, first: int) -> Set[int]:
        """The tokens from `first` to the end of its line, or to a statement already found on it.

        A belief reported on the line is part of what the line says ("TAPPER: Do you think ...").
        """
        content = set()
        for token in self.doc[first:]:
            cue = self.cues.get(token.i)
            if "\n" in token.text or (token.i in self.used and not (cue and cue.scope == "thought")):
                break
            content.add(token.i)
        return content

    # -- what is left: quotations without a cue, continuations ------------
    def _orphans(self, quotes: Sequence[Quote]) -> None:
        """Quotations without a cue: part of a mixed statement, resumed, continued, or on their own."""
        covered = SpanIndex((a, b) for l in self.links for a, b in l.content)
        self.links.sort(key=lambda l: l.start)
        sourced = [l for l in self.links if l.source is not None]
        sourced_starts = [l.start for l in sourced]
        for quote in quotes:
            if covered.overlaps(quote.content_start, quote.content_end):
                continue  # inside an indirect statement's content: a mixed quotation
            position = bisect.bisect_left(sourced_starts, quote.start)
            self._orphan(quote, self._resumed(quote, sourced[:position]) if position else None)

    def _resumed(self, quote: Quote, before: Sequence[Link]) -> Link:
        """The statement a quotation without a cue carries on: the last statement of its paragraph
        that quotes ("“A,” she said." or "It was “too little,” she added." before "“B.”"), else
        the last sourced statement before it."""
        paragraph = self._paragraph(self._token_at(quote.start))
        for previous in reversed(before):
            if self._paragraph(self._token_at(previous.start)) != paragraph:
                break
            if previous.kind in ("direct", "mixed"):
                return previous
        return before[-1]

    def _orphan(self, quote: Quote, previous: Optional[Link]) -> None:
        first = self._token_at(quote.content_start)
        paragraph = self._paragraph(first)
        previous_paragraph = self._paragraph(self._token_at(previous.start)) if previous else None
        if previous_paragraph == paragraph:
            previous.content.extend(quote.pieces)  # a quotation resumed after its attribution
            previous.how.append("link.resumed_quote")
            return
        starts_paragraph = paragraph < len(self.layout.paragraphs) and self.layout.paragraphs[paragraph].start >= quote.start
        if starts_paragraph and previous_paragraph == paragraph - 1:
            link = Link("continuation", list(quote.pieces), [], None, ["link.quote_continues"], inherit=previous)
            self._add(link, [first])
            return
        self._add(Link("direct", list(quote.pieces), [], None, ["link.quote_no_cue"]), [first])

    def _continuations(self) -> None:
        """An agentless report in the sentence right after an attributed one inherits its source."""
        merged: List[Link] = []
        last_in_sentence: Dict[int, Link] = {}
        for current in self.links:
            if current.kind == AGENTLESS and current.cues:
                head = current.cues[0].head
                parent = last_in_sentence.get(self._sentence(head) - 1)
                if parent and self._paragraph(head) == self._paragraph(self._token_at(parent.start)):
                    if parent.kind == "continuation":
                        parent.content.extend(current.content)
                        parent.cues.extend(current.cues)
                        parent.sentences.update(current.sentences)
                        for sentence in current.sentences:
                            last_in_sentence[sentence] = parent
                        continue
                    current.kind, current.inherit = "continuation", parent
                    current.how.append("link.continuation")
            merged.append(current)
            if current.source is not None or current.inherit is not None:
                for sentence in current.sentences:
                    last_in_sentence[sentence] = current
        self.links = merged

    def _unnested(self) -> List[Link]:
        """Drop beliefs, intentions and judgements reported inside another statement, and
        with `Conventions.nested` off any statement reported inside another.

        Notes:
            PolNeAR annotates no attribution whose cue lies inside another's content:
            in "she said he opposes the plan" only "said" is an attribution. Speech
            verbs are kept unless the conventions say otherwise, since a quotation
            often reports another speaker's words, and a writer's judgement with no
            source ("It appears that the mayor told aides ...") holds no statement.
        """
        kept: List[Link] = []
        # outermost first, each checked against those kept: of two contents that hold each
        # other's cues, one stays
        for current in sorted(self.links, key=lambda l: -sum(b - a for a, b in l.content)):
            cue = current.cues[0] if current.cues else None
            if cue is not None and (cue.scope == "thought" or not self.conventions.nested):
                head = self.doc[cue.head].idx
                # a judgement with no source ("It appears that ...") holds no statement
                outer = [l for l in kept if cue.scope == "thought" or l.source is not None or l.kind != AGENTLESS]
                if any(a <= head < b for l in outer for a, b in l.content):
                    continue
            kept.append(current)
        kept_ids = {id(l) for l in kept}
        return [l for l in self.links if id(l) in kept_ids]

    # -- sources and spans -------------------------------------------------
    def _source_of(self, cue: CueMatch) -> Optional[Tuple[int, int]]:
        if cue.kind == "as_put_it":  # "as Jane Doe put it": the subject inside the phrase
            subjects = [t for t in self.doc[cue.start:cue.end] if t.dep_ in SUBJECT_DEPS]
            return mention(subjects[0], skip=self.dateline) if subjects else None
        holder = speaker(self.doc[cue.head])
        if holder is not None and holder.i in self.dateline:
            # the parser took the dateline's place for the subject; the speaker is what follows it
            between = self.doc[max(self.dateline) + 1:cue.head]
            holder = between.root if len(between) and between.root.pos_ in NOMINALS else None
        return self._mention(holder) if holder is not None else None

    def _mention(self, holder: Token) -> Tuple[int, int]:
        """The mention a speaker's token heads, without relative clauses that state something or the dateline."""
        return mention(holder, self.cues.keys(), self.dateline)

    def _char_runs(self, tokens: Iterable[int]) -> List[Tuple[int, int]]:
        # The dateline ("WASHINGTON (Reuters) -") is never part of what anybody said.
        return char_runs(self.doc, tokens, self.dateline)

    def _has_quote(self, spans: List[Tuple[int, int]]) -> bool:
        return any(overlaps(spans, q.content_start, q.content_end) for q in self.quotations + self.phrases)


def _with_preposition(cue: CueMatch, preposition: Optional[Token]) -> CueMatch:
    """The cue with its preposition, when it follows the verb group: "called for"."""
    return replace(cue, end=preposition.i + 1) if preposition is not None and preposition.i == cue.end else cue


def _short_utterance(text: str, quote: Quote) -> bool:
    """Tell a short quotation that is a whole utterance ("“Terrible,” he said.") from a quoted term.

    It opens its sentence and ends in punctuation inside the marks; a term or scare
    quote sits mid-sentence ("called it a “witch hunt” again").
    """
    if quote.kind != PHRASE or not (quote.opened and quote.closed):
        return False
    if text[quote.content_end - 1:quote.content_end] not in (",", ".", "!", "?"):
        return False
    window = text[max(0, quote.start - 10):quote.start]
    before = window.rstrip()
    return "\n" in window or (not before and quote.start < 10) or before[-1:] in (".", "!", "?", ":")
