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
from dataclasses import dataclass, field, replace
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from spacy.tokens import Doc, Token

from .cues import AGENTLESS, NOMINAL_TOPIC_PREPOSITIONS, TOPIC_PREPOSITIONS, VERB, CueMatch
from .layout import Layout
from .quotes import PHRASE, Quote

SUBJECT_DEPS = ("nsubj", "csubj")
CLAUSE_DEPS = ("ccomp",)
# "wants to cut taxes", "urged Congress to act": an infinitive complement is reported too.
INFINITIVE_DEPS = ("xcomp",)
INHERIT_DEPS = ("conj", "advcl", "xcomp")
# A source mention keeps its relative and participle clauses ("Jane Doe, who led the
# inquiry", "a report released last year"), as PolNeAR's source spans do.
MENTION_CUT_DEPS = {"punct", "advcl", "parataxis", "prep_clause"}
SENTENCE_END = {".", "!", "?", "…"}
DASHES = {"-", "–", "—", "--"}
NOT_TOPICS = {"condition", "behalf", "camera", "record", "background"}
# A name before a colon: "Sen. Jane Doe", "Former AG Doe at the convention".
NAME_POS = {"PROPN", "ADJ", "DET", "ADP", "CCONJ", "PART", "PUNCT"}
COLON = "colon"  # the kind of the cue a "Name:" line makes
INSERTION_MARKS = {",", "—", "–", "-", "--", "("}
MAX_WINDOW = 40


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


def link(doc: Doc, quotes: Sequence[Quote], cues: Sequence[CueMatch], layout: Layout,
         object_lemmas: FrozenSet[str] = frozenset()) -> List[Link]:
    """Return the attributions of a Doc, in text order.

    Args:
        object_lemmas: reporting verbs whose direct object is what they report.
    """
    return _Linker(doc, quotes, cues, layout, object_lemmas).run()


class _Linker:
    def __init__(self, doc, quotes, cues, layout, object_lemmas):
        self.doc, self.layout, self.object_lemmas = doc, layout, object_lemmas
        self.starts = [t.idx for t in doc]
        self.quotations = [q for q in quotes if q.quotation and not layout.excluded(q.start, q.end)]
        self.phrases = [q for q in quotes if q.kind == PHRASE]
        self.quoted: Set[int] = set()
        for q in self.quotations:
            self.quoted.update(self._tokens(q.start, q.end))
        self.quote_starts = {self._token_at(q.start): q for q in self.quotations}
        self.cues = {c.head: c for c in cues if c.head not in self.quoted and not layout.excluded(doc[c.head].idx, doc[c.head].idx + 1)}
        self.used: Dict[int, Link] = {}
        self.links: List[Link] = []
        self.sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        dateline = layout.dateline
        self.dateline = set(self._tokens(dateline.start, dateline.end)) if dateline else set()

    def run(self) -> List[Link]:
        orphans = [q for q in self.quotations if not self._direct(q)]
        for cue in sorted(self.cues.values(), key=lambda c: c.start):
            if cue.head in self.used:
                continue
            if cue.kind == VERB:
                self._indirect(cue)
            elif cue.kind == AGENTLESS:
                self._agentless(cue)
            else:
                self._phrase(cue)
        orphans = self._colon_links(orphans)
        self._orphans(orphans)
        self.links.sort(key=lambda l: l.start)
        self._continuations()
        return [l for l in self._unnested() if l.content]

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
        after = self._cue_after(last + 1)
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

    def _cue_after(self, i: int) -> Optional[CueMatch]:
        doc = self.doc
        for j in range(i, min(len(doc), i + MAX_WINDOW)):
            token = doc[j]
            if "\n" in token.text or j in self.quote_starts:
                return None
            cue = self.cues.get(j)
            if cue and cue.kind != AGENTLESS:
                return cue
            if token.text in SENTENCE_END and j > i:
                return None
        return None

    def _cue_before(self, i: int) -> Tuple[Optional[CueMatch], bool]:
        """The nearest cue before a quotation, and whether a colon introduces the quotation."""
        doc = self.doc
        previous = [t for t in doc[max(0, i - 3):i] if not t.is_space and t.text not in "“\"«``''"]
        colon = bool(previous) and previous[-1].text == ":"
        comma = bool(previous) and previous[-1].text == ","
        if not (colon or comma):
            return None, False
        for j in range(i - 1, max(-1, i - MAX_WINDOW), -1):
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
        content, how = self._reported(verb)
        if not content:
            return
        cues, parts = [cue], []
        for sub in self._inheriting_cues(verb, content):
            sub_content, _ = self._reported(self.doc[sub.head])
            if sub_content:
                content -= {t.i for t in self.doc[sub.head].subtree}
                cues.append(sub)
                parts.append(sub_content)
                how = how + ["link.shared_subject"]
        if how == ["link.topic"]:
            cue = cues[0] = _with_preposition(cue, _topic(verb))
        spans = self._char_runs(content) + [s for part in parts for s in self._char_runs(part)]
        source = self._source_of(cue)
        if source is None and _is_passive(verb):
            kind, how = AGENTLESS, how + ["link.passive_no_agent"]
        else:
            kind = "mixed" if self._has_quote(spans) else "indirect"
        tokens = set(content).union(*parts) | {c.head for c in cues}
        self._add(Link(kind, spans, cues, source, how), tokens)

    def _reported(self, verb: Token) -> Tuple[Set[int], List[str]]:
        """The tokens a reporting verb reports, and the mechanism that found them."""
        clauses = [c for c in verb.children if c.dep_ in CLAUSE_DEPS]
        if clauses:
            tokens = {t.i for c in clauses for t in c.subtree}
            return tokens - _marks(clauses), ["link.clause"]
        infinitives = [c for c in verb.children if c.dep_ in INFINITIVE_DEPS and c.i > verb.i]
        if infinitives:
            return {t.i for c in infinitives for t in c.subtree}, ["link.infinitive"]
        if _inserted(verb):
            # "..., officials said." with the clause parsed as the head of the verb.
            return {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}, ["link.inserted"]
        if verb.lemma_.lower() in self.object_lemmas:
            objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
            if objects:
                start = objects[0].left_edge.i
                return set(range(start, verb.right_edge.i + 1)), ["link.object"]
        topic = _topic(verb)
        if topic is not None:
            return {t.i for c in topic.children if c.dep_ == "pobj" for t in c.subtree}, ["link.topic"]
        return set(), []

    def _inheriting_cues(self, verb: Token, content: Set[int]) -> List[CueMatch]:
        """Subject-less reporting verbs inside a content that share its source ("..., emphasizing that ...")."""
        found = []
        for i in sorted(content):
            cue = self.cues.get(i)
            token = self.doc[i]
            if cue and cue.kind == VERB and i not in self.used and token.dep_ in INHERIT_DEPS \
                    and not any(c.dep_ in SUBJECT_DEPS + ("nsubjpass",) for c in token.children):
                found.append(cue)
        return found

    # -- cue phrases and agentless cues -----------------------------------
    def _phrase(self, cue: CueMatch) -> None:
        doc = self.doc
        phrase = set(range(cue.start, cue.end))
        if cue.kind == "according_to":
            holder = doc[cue.end - 1]
            objects = [c for c in holder.children if c.dep_ in ("pobj", "dobj")] or \
                [t for t in doc[cue.end:cue.end + 1] if t.pos_ in ("PROPN", "NOUN", "PRON")]
            if not objects:
                return
            source = self._mention(objects[0])
            phrase.update(t.i for t in objects[0].subtree)
        else:  # as_put_it
            subjects = [t for t in doc[cue.start:cue.end] if t.dep_ in SUBJECT_DEPS]
            source = self._mention(subjects[0]) if subjects else None
        content = self._sentence_rest(cue.head, phrase)
        self._add(Link(cue.kind, self._char_runs(content), [cue], source, ["link." + cue.kind]), list(content) + [cue.head])

    def _agentless(self, cue: CueMatch) -> None:
        head = self.doc[cue.head]
        clauses = [c for c in head.children if c.dep_ in ("ccomp", "xcomp")]
        subjects = [c for c in head.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
        if head.pos_ == "VERB" and clauses:
            content = {t.i for c in clauses for t in c.subtree} - _marks(clauses)
        elif head.pos_ == "VERB" and subjects and cue.rule != "agentless.said_to":
            content = {t.i for t in subjects[0].subtree}
        else:
            content = self._sentence_rest(cue.head, set(range(cue.start, cue.end)))
        self._add(Link(AGENTLESS, self._char_runs(content), [cue], None, ["link.agentless"]), list(content) + [cue.head])

    def _sentence_rest(self, head: int, phrase: Set[int]) -> Set[int]:
        sentence = self.doc[head].sent
        return {t.i for t in sentence if t.i not in phrase and t.i not in self.used}

    # -- a name and a colon: "Jane Doe: Taxes must go down." -------------
    def _colon_links(self, orphans: List[Quote]) -> List[Quote]:
        """Link what follows "Name:" to the name, the headline and interview convention.

        Returns the quotations still without a cue.
        """
        left = list(orphans)
        for token in self.doc:
            if token.text != ":" or token.i in self.quoted or token.i in self.used:
                continue
            name = self._name_before(token.i)
            following = next((t for t in self.doc[token.i + 1:token.i + 4] if not t.is_space), None)
            if name is None or following is None:
                continue
            quote = self.quote_starts.get(following.i)
            cue = CueMatch(token.i, token.i + 1, token.i, COLON, ":", "neutral", "link.colon")
            if quote is not None and quote in left:
                left.remove(quote)
                self._add(Link("direct", list(quote.pieces), [cue], name, ["link.colon"]), [following.i, token.i])
            elif quote is None:
                content = self._line_rest(following.i)
                if len([i for i in content if self.doc[i].is_alpha]) >= 3:
                    self._add(Link("indirect", self._char_runs(content), [cue], name, ["link.colon"]), list(content) + [token.i])
        return left

    def _name_before(self, colon: int) -> Optional[Tuple[int, int]]:
        """The proper name right before a colon, opening its line or following a dash."""
        tokens = []
        for j in range(colon - 1, max(-1, colon - 8), -1):
            token = self.doc[j]
            if "\n" in token.text or token.text in DASHES:
                break
            if token.is_space:
                continue
            if token.pos_ not in NAME_POS or j in self.quoted or j in self.dateline:
                return None
            tokens.insert(0, j)
        else:
            if colon - 8 >= 0:
                return None  # too long for a name
        if not tokens or self.doc[tokens[-1]].pos_ != "PROPN" or self.doc[tokens[0]].pos_ not in ("PROPN", "ADJ"):
            return None
        if all(self.doc[j].is_upper or not self.doc[j].is_alpha for j in tokens):
            return None  # a label in capitals: "UPDATE:", "CORRECTION:"
        if tokens[0] > 0 and not self._opens_line(tokens[0]):
            return None
        return tokens[0], tokens[-1] + 1

    def _opens_line(self, i: int) -> bool:
        previous = [t for t in self.doc[max(0, i - 2):i] if not (t.is_space and "\n" not in t.text)]
        return not previous or "\n" in previous[-1].text or previous[-1].text in DASHES

    def _line_rest(self, first: int) -> Set[int]:
        """The tokens from `first` to the end of its line."""
        content = set()
        for token in self.doc[first:]:
            if "\n" in token.text or token.i in self.used:
                break
            content.add(token.i)
        return content

    # -- what is left: quotations without a cue, continuations ------------
    def _orphans(self, quotes: Sequence[Quote]) -> None:
        """Quotations without a cue: part of a mixed statement, resumed, continued, or on their own."""
        covered = sorted((a, b) for l in self.links for a, b in l.content)
        starts = [a for a, _ in covered]
        reach = _running_max([b for _, b in covered])
        self.links.sort(key=lambda l: l.start)
        sourced = [l for l in self.links if l.source is not None]
        sourced_starts = [l.start for l in sourced]
        for quote in quotes:
            low = bisect.bisect_left(starts, quote.content_end)
            if low and reach[low - 1] > quote.content_start:
                continue  # inside an indirect statement's content: a mixed quotation
            position = bisect.bisect_left(sourced_starts, quote.start)
            self._orphan(quote, sourced[position - 1] if position else None)

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
        """Drop beliefs, intentions and judgements reported inside another statement.

        Notes:
            PolNeAR annotates no attribution whose cue lies inside another's content:
            in "she said he opposes the plan" only "said" is an attribution. Speech
            verbs are kept, since a quotation often reports another speaker's words.
        """
        spans = [(a, b, l) for l in self.links for a, b in l.content]
        kept = []
        for current in self.links:
            heads = [self.doc[c.head].idx for c in current.cues if c.scope == "thought"]
            if heads and any(a <= heads[0] < b and l is not current for a, b, l in spans):
                continue
            kept.append(current)
        return kept

    # -- sources and spans -------------------------------------------------
    def _source_of(self, cue: CueMatch) -> Optional[Tuple[int, int]]:
        head = self.doc[cue.head]
        subject = _holder(head) if head.pos_ == "NOUN" else _subject(head)
        return self._mention(subject) if subject is not None else None

    def _mention(self, token: Token) -> Tuple[int, int]:
        """The token range of the noun phrase headed by `token`, without clauses hanging off it."""
        keep = {token.i}
        for child in token.children:
            if child.dep_ not in MENTION_CUT_DEPS:
                keep.update(t.i for t in child.subtree)
        start, end = min(keep), max(keep) + 1
        while start < token.i and (self.doc[start].is_punct or self.doc[start].is_space):
            start += 1
        while end - 1 > token.i and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        return start, end

    def _char_runs(self, tokens: Iterable[int]) -> List[Tuple[int, int]]:
        """Character spans of contiguous runs of tokens, trimmed of punctuation and space."""
        runs: List[List[int]] = []
        for i in sorted(set(tokens) - self.dateline):
            if runs and i - runs[-1][-1] <= 1 + self._gap_spaces(runs[-1][-1], i) and not self._breaks(runs[-1][-1], i):
                runs[-1].append(i)
            else:
                runs.append([i])
        spans = []
        for run in runs:
            while run and (self.doc[run[0]].is_punct or self.doc[run[0]].is_space):
                run.pop(0)
            while run and (self.doc[run[-1]].is_punct or self.doc[run[-1]].is_space) and not self._closes(run):
                run.pop()
            if run and any(self.doc[i].is_alpha for i in run):
                run = self._close_quote(run)
                spans.append((self.doc[run[0]].idx, self.doc[run[-1]].idx + len(self.doc[run[-1]].text)))
        return spans

    def _closes(self, run: List[int]) -> bool:
        """Keep a closing quote mark (and what precedes it) when the run opened the quotation."""
        last = self.doc[run[-1]]
        return last.is_quote and any(self.doc[i].is_quote for i in run[:-1])

    def _close_quote(self, run: List[int]) -> List[int]:
        """Take in the closing mark of a quotation the run opened (`was "a disaster."`)."""
        marks = [i for i in run if self.doc[i].is_quote]
        if len(marks) % 2 == 0:
            return run
        following = self.doc[run[-1] + 1:run[-1] + 3]
        for token in following:
            if token.is_quote:
                return run + list(range(run[-1] + 1, token.i + 1))
            if not token.is_punct:
                break
        return run

    def _gap_spaces(self, a: int, b: int) -> int:
        return sum(1 for t in self.doc[a + 1:b] if t.is_space and "\n" not in t.text)

    def _breaks(self, a: int, b: int) -> bool:
        return any("\n" in t.text for t in self.doc[a:b + 1])

    def _has_quote(self, spans: List[Tuple[int, int]]) -> bool:
        return any(_overlaps(spans, q.content_start, q.content_end) for q in self.quotations + self.phrases)


def _running_max(values: List[int]) -> List[int]:
    result, best = [], -1
    for value in values:
        best = max(best, value)
        result.append(best)
    return result


def _subject(verb: Token, depth: int = 0) -> Optional[Token]:
    """The speaker of a reporting verb: its subject, its passive agent, or its governing verb's."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    for child in verb.rights:
        # "..., said Turkish Foreign Minister X" sometimes parses the speaker as an object.
        if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN":
            return child
    if verb.dep_ in INHERIT_DEPS and verb.head.pos_ == "VERB" and verb.head is not verb and depth < 3:
        return _subject(verb.head, depth + 1)
    return None


def _inserted(verb: Token) -> bool:
    """Whether a verb is a reporting clause inserted after what it reports: "..., the airline added".

    Notes:
        A verb merely coordinated with or subordinate to a clause ("and responded",
        "after X blamed the network") reports nothing of it: the inserted verb has a
        subject of its own, no object or complement, and stands after a comma, a dash
        or "as" ("as some have speculated"), at the end of what it reports or, as a
        parenthetical, inside it ("The tax, he said, was popular").
    """
    if verb.dep_ not in ("parataxis", "advcl", "conj"):
        return False
    if verb.head.i > verb.i and verb.dep_ != "parataxis":
        return False  # only a parenthetical stands inside what it reports: "The tax, he said, was popular."
    subject = _subject(verb, depth=3)
    if subject is None:
        return False
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "acomp", "attr") and c is not subject for c in verb.children):
        return False
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    if marks:
        return marks == ["as"]
    left = min(t.i for t in verb.subtree if not t.is_punct)
    return left > 0 and verb.doc[left - 1].text in INSERTION_MARKS


def _with_preposition(cue: CueMatch, preposition: Token) -> CueMatch:
    """The cue with its preposition, when it follows the verb group: "called for"."""
    return replace(cue, end=preposition.i + 1) if preposition.i == cue.end else cue


def _topic(verb: Token) -> Optional[Token]:
    """The preposition that introduces what a verb is about: "talked about taxes", "voted against the bill".

    Notes:
        PolNeAR annotates the object of such a preposition as the content and the
        preposition as part of the cue. A verb with an object or a clause reports
        that instead; a passive verb's speaker is unknown ("was asked about").
    """
    if _is_passive(verb) or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    prepositions = NOMINAL_TOPIC_PREPOSITIONS if verb.pos_ == "NOUN" else TOPIC_PREPOSITIONS
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in prepositions and child.i > verb.i and _is_topic(child):
            return child
    return None


def _is_topic(preposition: Token) -> bool:
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects or objects[0].ent_type_ in ("DATE", "TIME") or objects[0].lemma_.lower() in NOT_TOPICS:
        return False  # "added over the last quarter", "spoke on condition of anonymity"
    # "on" also names a medium or a day: "said on Twitter", "on Monday".
    return not (preposition.lower_ == "on" and (objects[0].ent_type_ or objects[0].pos_ == "PROPN"))


def _holder(noun: Token) -> Optional[Token]:
    """Whose a nominal cue is: its possessor ("Smith's concerns about"), or the subject
    of the verb it is the object of ("Smith raised questions about")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return _subject(noun.head)
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _marks(clauses: Sequence[Token]) -> Set[int]:
    """Complementisers that open a reported clause ("that", "whether") are not content."""
    return {c.i for clause in clauses for c in clause.children if c.dep_ == "mark" and c.i == clause.left_edge.i}


def _overlaps(spans: Sequence[Tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)
