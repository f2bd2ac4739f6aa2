"""What a cue reports: clauses, objects, topics, inserted reporting clauses, passives; no model needed."""
import pytest

from handmade import ask, parsed, reduced, token
from provenance.complements import insertion, is_passive, reported, topic


@pytest.mark.parametrize("text,verb,object_lemmas,expected,how", [
    ("The minister said that taxes would rise.", "said", (), "taxes would rise", ["link.clause"]),
    # the complementiser is no content
    ("The minister did not say whether taxes would rise.", "say", (), "taxes would rise", ["link.clause"]),
    ("Taxes will rise, officials said.", "said", (), "Taxes will rise", ["link.clause"]),
    # the one urged belongs to what is reported
    ("The union urged Congress to act.", "urged", (), "Congress to act", ["link.infinitive"]),
    ("The mayor called for Jane Doe to resign.", "called", (), "Jane Doe to resign", ["link.topic"]),
    ("The senator talked about taxes.", "talked", (), "taxes", ["link.topic"]),
    # "on condition of anonymity" is no topic
    ("He spoke on condition of anonymity.", "spoke", (), "", []),
    ("Half said so.", "said", (), "so", ["link.answer"]),
    # a clause inserted in what it reports
    ("The tax, he said, was popular.", "said", (), "The tax was popular .", ["link.inserted"]),
    # the object only of a verb listed as reporting its object
    ("The mayor denied the report.", "denied", ("deny",), "the report", ["link.object"]),
    ("The mayor denied the report.", "denied", (), "", []),
    ("The plan was criticized by the mayor on Monday.", "criticized", ("criticize",), "The plan",
     ["link.passive_subject"]),
])
def test_reported(text, verb, object_lemmas, expected, how):
    doc = parsed(text)
    tokens, found = reported(token(doc, verb), frozenset(object_lemmas))
    assert (reduced(doc, tokens), found) == (expected, how)


def test_reported_keeps_the_complementiser_when_asked():
    doc = parsed("The minister said that taxes would rise.")
    tokens, _ = reported(token(doc, "said"), frozenset(), keep_marks=True)
    assert reduced(doc, tokens) == "that taxes would rise"


@pytest.mark.parametrize("text,verb,expected", [
    ("He was told that the plan was dead.", "told", True),
    ("The plan is expected to pass.", "expected", True),
    ("The mayor will not have been told.", "told", True),
    ("The minister said that taxes would rise.", "said", False),
])
def test_is_passive(text, verb, expected):
    assert ask(is_passive, text, verb) is expected


@pytest.mark.parametrize("text,verb,expected", [
    ("The tax, he said, was popular.", "said", ", he said ,"),
    ("As the Post reported, the vote was delayed.", "reported", "As the Post reported"),
    # subordinate, not inserted
    ("After Doe blamed the network, the vote was delayed.", "blamed", None),
    # the main verb, not an insertion
    ("Taxes will rise, officials said.", "said", None),
])
def test_insertion(text, verb, expected):
    assert ask(insertion, text, verb) == expected


@pytest.mark.parametrize("text,verb,expected", [
    ("The senator talked about taxes.", "talked", "about"),
    # a verb with a clause reports that instead
    ("He said on Twitter that the plan was dead.", "said", None),
    ("He spoke on condition of anonymity.", "spoke", None),
    # "for" opening an infinitive clause with a subject
    ("The mayor called for Jane Doe to resign.", "called", "for"),
])
def test_topic(text, verb, expected):
    assert ask(topic, text, verb) == expected
