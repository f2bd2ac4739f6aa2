"""Who holds a statement: speakers of cues, according-to objects, names before colons and after dashes; no model needed."""
import pytest

from handmade import ask, parsed, reduced, token
from provenance.speakers import according_to_object, name_after_dash, name_before_colon, speaker


# (text, cue, the head word of its speaker)
SPEAKERS = [
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
    # a verb of causing: its object does what the infinitive says; a verb of wanting keeps its subject
    ("The scandal forced the minister to admit that the plan had failed.", "admit", "minister"),
    ("The mayor urged voters to say that the plan was dead.", "say", "mayor"),
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
]


@pytest.mark.parametrize("text,cue,expected", SPEAKERS)
def test_speaker(text, cue, expected):
    assert ask(speaker, text, cue) == expected


@pytest.mark.parametrize("text,word,expected", [
    ("According to the ministry, taxes will rise.", "to", "ministry"),
    ("In the words of the mayor, the plan is dead.", "of", "mayor"),
])
def test_according_to_object(text, word, expected):
    assert ask(according_to_object, text, word) == expected


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
    assert reduced(doc, name_before_colon(doc, token(doc, ":").i, **options)) == expected


@pytest.mark.parametrize("text,first,expected", [
    ("“We will win.” ― Jane Doe", "Jane", "Jane Doe"),
    # a capitalized word the line goes on after: a speaker label, no signature
    ("The plan is dead, he said.\n\nPORTER: We will win.", "PORTER", None),
])
def test_name_after_dash(text, first, expected):
    assert ask(lambda word: name_after_dash(word.doc, word.i), text, first) == expected
