"""What the parse says about a cue: speakers, reported content, passives, names before colons; no model needed."""
import pytest

from handmade import parsed, token
from provenance.syntax import (according_to_object, insertion, is_passive, name_after_dash, name_before_colon,
                               reported, speaker, topic)


def words(doc, indices):
    """The words at `indices`, in text order, for readable failures."""
    return " ".join(doc[i].text for i in sorted(indices))


@pytest.mark.parametrize("text,cue,expected", [
    ("“We will win,” Jane Doe said.", "said", "Doe"),
    # inverted after the quotation: the name is still the verb's subject
    ("“We will win,” said Jane Doe.", "said", "Doe"),
    # an opening "Said" the parser made a compound of the name
    ("Said Pelosi: “It is over.”", "Said", "Pelosi"),
    # the passive agent
    ("The plan was criticized by the mayor on Monday.", "criticized", "mayor"),
    # a participle takes the speaker of the verb it hangs off
    ("“We will win,” Doe said on Monday, adding that the plan was dead.", "adding", "Doe"),
    ("The governor went on to say that the state would pay.", "say", "governor"),
    ("The senator responded by saying that the bill was dead.", "saying", "senator"),
    # an adjective after a copula: the copula's subject
    ("Republicans have been critical of the deal.", "critical", "Republicans"),
    # a participle after a noun: the noun says it
    ("An item suggesting that the vote was rigged went viral.", "suggesting", "item"),
    # nominal cues: the possessor, the subject of the verb they are the object of, of the stating verb
    ("Smith's concerns about the plan grew.", "concerns", "Smith"),
    ("Smith raised new questions about the plan.", "questions", "Smith"),
    ("The mayor said in a statement that the plan was dead.", "statement", "mayor"),
    # a passive without an agent names nobody
    ("He was told that the plan was dead.", "told", None),
])
def test_speaker(text, cue, expected):
    found = speaker(token(parsed(text), cue))
    assert (found.text if found is not None else None) == expected


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
    assert (words(doc, tokens), found) == (expected, how)


def test_reported_keeps_the_complementiser_when_asked():
    doc = parsed("The minister said that taxes would rise.")
    tokens, _ = reported(token(doc, "said"), frozenset(), keep_marks=True)
    assert words(doc, tokens) == "that taxes would rise"


@pytest.mark.parametrize("text,verb,expected", [
    ("He was told that the plan was dead.", "told", True),
    ("The plan is expected to pass.", "expected", True),
    ("The mayor will not have been told.", "told", True),
    ("The minister said that taxes would rise.", "said", False),
])
def test_is_passive(text, verb, expected):
    assert is_passive(token(parsed(text), verb)) is expected


@pytest.mark.parametrize("text,word,expected", [
    ("According to the ministry, taxes will rise.", "to", "ministry"),
    ("In the words of the mayor, the plan is dead.", "of", "mayor"),
])
def test_according_to_object(text, word, expected):
    assert according_to_object(token(parsed(text), word)).text == expected


@pytest.mark.parametrize("text,options,expected", [
    ("Sen. Jane Doe: We will win.", {}, "Sen. Jane Doe"),
    # a label in capitals
    ("UPDATE: The vote was delayed.", {}, None),
    # a capitalized noun names a source only in a headline
    ("Poll: Voters back the plan.", {}, None),
    ("Poll: Voters back the plan.", {"headline": True}, "Poll"),
    # a transcript's speaker label, in capitals, is a surname the article names
    ("The plan is dead, he said.\n\nPORTER: We will win.", {}, None),
    ("The plan is dead, he said.\n\nPORTER: We will win.", {"people": {"porter"}}, "PORTER"),
    ("The plan is dead, he said.\n\nPORTER: We will win.", {"people": {"porter"}, "skip": {9}}, None),
    # a verb before the name
    ("Said Pelosi: “It is over.”", {}, None),
])
def test_name_before_colon(text, options, expected):
    doc = parsed(text)
    options = {"skip": set(), **options}
    found = name_before_colon(doc, token(doc, ":").i, **options)
    assert (doc[found[0]:found[1]].text if found else None) == expected


@pytest.mark.parametrize("text,first,expected", [
    ("“We will win.” ― Jane Doe", "Jane", "Jane Doe"),
    # a capitalized word the line goes on after: a speaker label, no signature
    ("The plan is dead, he said.\n\nPORTER: We will win.", "PORTER", None),
])
def test_name_after_dash(text, first, expected):
    doc = parsed(text)
    found = name_after_dash(doc, token(doc, first).i)
    assert (doc[found[0]:found[1]].text if found else None) == expected


@pytest.mark.parametrize("text,verb,expected", [
    ("The tax, he said, was popular.", "said", ", he said ,"),
    ("As the Post reported, the vote was delayed.", "reported", "As the Post reported"),
    # subordinate, not inserted
    ("After Doe blamed the network, the vote was delayed.", "blamed", None),
    # the main verb, not an insertion
    ("Taxes will rise, officials said.", "said", None),
])
def test_insertion(text, verb, expected):
    doc = parsed(text)
    found = insertion(token(doc, verb))
    assert (words(doc, found) if found is not None else None) == expected


@pytest.mark.parametrize("text,verb,expected", [
    ("The senator talked about taxes.", "talked", "about"),
    # a verb with a clause reports that instead
    ("He said on Twitter that the plan was dead.", "said", None),
    ("He spoke on condition of anonymity.", "spoke", None),
    # "for" opening an infinitive clause with a subject
    ("The mayor called for Jane Doe to resign.", "called", "for"),
])
def test_topic(text, verb, expected):
    found = topic(token(parsed(text), verb))
    assert (found.text if found is not None else None) == expected
