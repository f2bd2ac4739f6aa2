"""The linking passes one by one, and `link` end to end, on hand-built parses of news sentences.

The parses are the trained pipeline's (`tests/parses/`, read by `handmade`); each expected row is what
`provenance check` reports on the same text, reduced to (kind, content texts, source
text, cue texts, `link.*` ids).
"""
from typing import List, Optional, Sequence, Tuple

import pytest

from handmade import case_id, parsed, token
from provenance.cues import CueFinder
from provenance.layout import read_layout
from provenance.linking import CHECK, PASSES, Conventions, link, link_cues
from provenance.evaluation.conventions import POLNEAR
from provenance.linking.cleanup import drop_nested, link_continuations
from provenance.linking.found import Found, finish
from provenance.linking.index import Index, build_index
from provenance.linking.labels import link_colon_labels, link_dash_labels, link_introduced
from provenance.linking.orphans import link_orphans
from provenance.linking.quotations import link_quotations
from provenance.quotes import find_quotes
from provenance.rules import load_rules
from provenance.text import mask_markup

from provenance.analysis import SCOPES

RULES = load_rules()
FINDERS = {}  # a CueFinder per scope, compiled once for the vocabulary every hand-built Doc shares


def inputs(text: str, scope: str = "speech", conventions: Conventions = CHECK) -> Tuple:
    """The arguments the engine gives `link` for the hand-built Doc of `text`."""
    doc = parsed(text)
    scopes = SCOPES[scope]
    if scope not in FINDERS:
        FINDERS[scope] = CueFinder(doc.vocab, RULES, scopes)
    object_lemmas = frozenset(lemma for rule in RULES.verbs if rule.scope in scopes for lemma in rule.object_lemmas)
    quotes, layout = find_quotes(mask_markup(text)), read_layout(text, RULES)
    return doc, quotes, FINDERS[scope](doc), layout, object_lemmas, conventions


def index_of(text: str, scope: str = "speech", conventions: Conventions = CHECK) -> Index:
    return build_index(*inputs(text, scope, conventions))


def run(index: Index, passes: Sequence) -> Found:
    found = Found()
    for step in passes:
        step(index, found)
    return found


def through(last) -> Tuple:
    """The passes up to and including `last`."""
    return PASSES[:PASSES.index(last) + 1]


def summary(text: str, links) -> List[Tuple[str, List[str], Optional[str], List[str], List[str]]]:
    """Links as (kind, content texts, source text, cue texts, how)."""
    return [(item.kind, [text[a:b] for a, b in item.content], text[slice(*item.source)] if item.source else None,
             [text[c.start:c.end] for c in item.cues], list(item.how)) for item in links]


def in_text_order(links):
    # link_orphans and link_continuations put the drafts in text order; before them they are in pass order
    return sorted(links, key=lambda item: min(a for a, _ in item.content))


INTRODUCED_NOUN = pytest.mark.xfail(strict=True, reason=(
    "link_introduced takes the colon's head for the verb, but the parser hangs the colon "
    "off the object noun ('statement'), so the quotation is left without a cue"))

# the links of a quotation and the cue after it, whichever the marks and the word order
QUOTE_CUE = [("direct", ["We will win,"], "Jane Doe", ["said"], ["link.quote_cue"])]

# (the pass that makes the link, text, links)
CASES = [
    # the speaker before the verb or after it, in curly or straight marks
    (link_quotations, "“We will win,” Jane Doe said.", QUOTE_CUE),
    (link_quotations, "“We will win,” said Jane Doe.", QUOTE_CUE),
    (link_quotations, '"We will win," Jane Doe said.', QUOTE_CUE),
    # "A," he said, "B.": both quotations share the cue
    (link_quotations, "“We will win,” he said, “and we will keep winning.”",
     [("direct", ["We will win,", "and we will keep winning."], "he", ["said"],
       ["link.quote_cue", "link.quote_shared_cue"])]),
    # a quotation closed by a full stop leaves the verb that reports its own clause alone
    (link_orphans, "“We will win.” Jones also claimed that taxes would rise.",
     [("direct", ["We will win."], None, [], ["link.quote_no_cue"]),
      ("indirect", ["taxes would rise"], "Jones", ["also claimed"], ["link.clause"])]),
    # reporting verbs and the clause they govern
    (link_cues, "The minister said that taxes would rise.",
     [("indirect", ["taxes would rise"], "The minister", ["said"], ["link.clause"])]),
    (link_cues, "She said the plan “will fail”.",
     [("mixed", ["the plan “will fail”"], "She", ["said"], ["link.clause"])]),
    (link_cues, "Residents were told that the bridge had collapsed.",
     [("agentless", ["the bridge had collapsed"], None, ["were told"], ["link.clause", "link.passive_no_agent"])]),
    # cue phrases and agentless cues
    (link_cues, "According to the ministry, 12 people died.",
     [("according_to", ["12 people died"], "the ministry", ["According to"], ["link.according_to"])]),
    (link_cues, "As the mayor put it, the plan is dead.",
     [("as_put_it", ["the plan is dead"], "the mayor", ["put it"], ["link.as_put_it"])]),
    (link_cues, "It has been reported that the town fell.",
     [("agentless", ["the town fell"], None, ["It has been reported"], ["link.agentless"])]),
    (link_cues, "The town was said to have fallen.",
     [("agentless", ["to have fallen"], None, ["was said to"], ["link.agentless"])]),
    # speakers named by the layout; a line with no quotation marks reports in the speaker's name
    (link_colon_labels, "Jane Doe: We will win the vote.",
     [("indirect", ["We will win the vote"], "Jane Doe", [":"], ["link.colon"])]),
    (link_dash_labels, "“We will win.” ― Jane Doe",
     [("direct", ["We will win."], "Jane Doe", ["―"], ["link.dash"])]),
    (link_introduced, "The mayor boomed: “We will win.”",
     [("direct", ["We will win."], "The mayor", ["boomed"], ["link.introduced"])]),
    pytest.param(link_introduced, "She released a statement: “We will win.”",
                 [("direct", ["We will win."], "She", ["released"], ["link.introduced"])], marks=INTRODUCED_NOUN),
    pytest.param(link_introduced, "Jane Doe released the following statement: “We will win.”",
                 [("direct", ["We will win."], "Jane Doe", ["released"], ["link.introduced"])],
                 marks=INTRODUCED_NOUN),
    # quotations no cue claimed: resumed in the paragraph, continued in the next one, or on their own
    (link_orphans, "“We will win,” Jane Doe said. “Nobody can stop us.”",
     [("direct", ["We will win,", "Nobody can stop us."], "Jane Doe", ["said"],
       ["link.quote_cue", "link.resumed_quote"])]),
    # a quotation that runs on over a paragraph, its first paragraph left open, is resumed once
    (link_orphans, "“We will win,” Jane Doe said. “Nobody can stop us.\n“We have the votes.”",
     [("direct", ["We will win,", "Nobody can stop us.", "We have the votes."], "Jane Doe", ["said"],
       ["link.quote_cue", "link.resumed_quote"])]),
    (link_orphans, "The summit did “too little,” she added. “Without new policies, we lose.”",
     [("mixed", ["The summit did “too little,”", "Without new policies, we lose."], "she", ["added"],
       ["link.clause", "link.resumed_quote"])]),
    (link_orphans, "“We will win,” Jane Doe said.\n“Nobody can stop us.”",
     [("direct", ["We will win,"], "Jane Doe", ["said"], ["link.quote_cue"]),
      ("continuation", ["Nobody can stop us."], None, [], ["link.quote_continues"])]),
    (link_orphans, "“We will win.”",
     [("direct", ["We will win."], None, [], ["link.quote_no_cue"])]),
    # an agentless report carries on the source of the sentence before, in the same paragraph only
    (link_continuations, "Jane Doe said the plan was dead. It is reported that the vote was delayed.",
     [("indirect", ["the plan was dead"], "Jane Doe", ["said"], ["link.clause"]),
      ("continuation", ["the vote was delayed"], None, ["It is reported"], ["link.agentless", "link.continuation"])]),
    (link_continuations, "The mayor said the plan was dead.\nIt is reported that the vote was delayed.",
     [("indirect", ["the plan was dead"], "The mayor", ["said"], ["link.clause"]),
      ("agentless", ["the vote was delayed"], None, ["It is reported"], ["link.agentless"])]),
]


@pytest.mark.parametrize("last,text,expected", CASES, ids=case_id)
def test_pass(last, text, expected):
    """The passes up to the one under test already give the links the whole linker gives."""
    index = index_of(text)
    found = run(index, through(last))
    assert summary(text, in_text_order(finish(index, found.drafts))) == expected


@pytest.mark.parametrize("last,text,expected", CASES, ids=case_id)
def test_link(last, text, expected):
    assert summary(text, link(*inputs(text))) == expected


@pytest.mark.parametrize("text,inherits", [
    ("“We will win,” Jane Doe said.\n“Nobody can stop us.”", [None, 0]),
    ("Jane Doe said the plan was dead. It is reported that the vote was delayed.", [None, 0]),
    ("The mayor said the plan was dead.\nIt is reported that the vote was delayed.", [None, None]),
])
def test_continuations_point_at_their_parent(text, inherits):
    index = index_of(text)
    assert [item.inherits for item in finish(index, run(index, PASSES).drafts)] == inherits


@pytest.mark.parametrize("text,orphans,used", [
    # the second quotation has no cue of its own: it waits for link_orphans
    ("“We will win,” Jane Doe said. “Nobody can stop us.”", [["Nobody can stop us."]], ["said"]),
    ("“We will win,” he said, “and we will keep winning.”", [], ["said"]),
    # "boomed" is no reporting verb: the quotation waits for link_introduced
    ("The mayor boomed: “We will win.”", [["We will win."]], []),
    ("“We will win.” Jones also claimed that taxes would rise.", [["We will win."]], []),
    # a quotation set in a paragraph of its own, each paragraph a piece
    ("“We will win,” Jane Doe said. “Nobody can stop us.\n“We have the votes.”",
     [["Nobody can stop us.", "We have the votes."]], ["said"]),
])
def test_quotations_claim_their_cues(text, orphans, used):
    index = index_of(text)
    found = run(index, [link_quotations])
    assert [[text[a:b] for a, b in quote.pieces] for quote in found.orphans] == orphans
    assert [index.doc[i].text for i in found.used] == used
    assert all(draft in found.drafts for draft in found.used.values())


def test_a_shared_cue_extends_the_first_draft():
    text = "“We will win,” he said, “and we will keep winning.”"
    index = index_of(text)
    found = run(index, [link_quotations])
    assert len(found.drafts) == 1
    assert found.used[token(index.doc, "said").i] is found.drafts[0]


@pytest.mark.parametrize("text", [
    "“We will win,” Jane Doe said. “Nobody can stop us.”",
    "The mayor boomed: “We will win.”",
    "“We will win.”",
    "She released a statement: “We will win.”",
])
def test_no_quotation_is_left_orphaned(text):
    index = index_of(text)
    found = run(index, through(link_orphans))
    assert found.orphans == []
    covered = {piece for draft in found.drafts for piece in draft.content}
    assert all(piece in covered for quote in index.quotations for piece in quote.pieces)


@pytest.mark.parametrize("text,scope,conventions,before,after", [
    # a speech verb inside what another reports stays, unless statements may not nest
    ("She said the mayor told aides he would resign.", "speech", CHECK, [["said"], ["told"]], [["said"], ["told"]]),
    ("She said the mayor told aides he would resign.", "speech", Conventions(nested=False),
     [["said"], ["told"]], [["said"]]),
    # a belief inside a statement goes whatever the conventions
    ("She said he believes the plan will fail.", "all", CHECK, [["said"], ["believes"]], [["said"]]),
])
def test_drop_nested(text, scope, conventions, before, after):
    index = index_of(text, scope, conventions)
    found = run(index, PASSES[:PASSES.index(drop_nested)])

    def cues():
        return [[index.doc[c.head].text for c in draft.cues] for draft in found.drafts]

    assert cues() == before
    drop_nested(index, found)
    assert cues() == after


@pytest.mark.parametrize("conventions,expected", [
    (CHECK, [("indirect", ["the mayor told aides he would resign"], "She", ["said"], ["link.clause"]),
             ("indirect", ["he would resign"], "the mayor", ["told"], ["link.clause"])]),
    (Conventions(nested=False), [("indirect", ["the mayor told aides he would resign"], "She", ["said"],
                                  ["link.clause"])]),
])
def test_link_under_conventions(conventions, expected):
    text = "She said the mayor told aides he would resign."
    assert summary(text, link(*inputs(text, conventions=conventions))) == expected


@pytest.mark.parametrize("text,check,polnear", [
    # a phrase the parse hung on the verb runs on with the content
    ("The mayor is raising questions about the delays during Monday's meeting with the board.",
     ["the delays"], ["the delays during Monday's meeting with the board"]),
    # up to a clause with a subject of its own, and never over its conjunction
    ("The mayor complained about the delays at the station last week, but the trains kept running.",
     ["the delays at the station"], ["the delays at the station last week"]),
    # nor over a semicolon
    ("The mayor complained about the delays at the station; the trains kept running.",
     ["the delays at the station"], ["the delays at the station"]),
    # a content that a reporting clause closing the sentence follows runs back to the sentence's start
    ("With two weeks left, “we will not finish the bridge,” the mayor said.",
     ["we will not finish the bridge,"], ["With two weeks left, “we will not finish the bridge,"]),
    ("The council will vote in May, the mayor said.", ["The council will vote in May"],
     ["The council will vote in May"]),
])
def test_contents_run_on_under_polnear(text, check, polnear):
    for conventions, expected in ((CHECK, check), (POLNEAR, polnear)):
        (found,) = summary(text, link(*inputs(text, "all", conventions)))
        assert found[1] == expected
        assert ("link.run_on" in found[4]) == (expected != check)


@pytest.mark.parametrize("text,expected", [
    # a paragraph after "added:" is what was added, under any conventions
    ("The governor added:\n\nIt is typical of the council. It knows nothing about the roads.",
     [("indirect", ["It is typical of the council. It knows nothing about the roads"], "The governor", ["added"],
       ["link.block_quote"])]),
    # a paragraph in quotation marks is a quotation, which links on its own
    ("The governor added:\n\n“It is typical of the council.”",
     [("direct", ["It is typical of the council."], "The governor", ["added"], ["link.quote_cue"])]),
])
def test_block_quotes(text, expected):
    for conventions in (CHECK, POLNEAR):
        assert summary(text, link(*inputs(text, "all", conventions))) == expected
