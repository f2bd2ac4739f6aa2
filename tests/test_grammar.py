"""The parse predicates shared by cues, linking and spans, on hand-built parses of news sentences."""
import pytest

from handmade import parsed, token
from provenance.grammar import (after_noun, inverted, opens_with_that, stating_verb, that_clause, to_infinitive,
                                verb_group)


def text_of(doc, start, end):
    return doc[start:end].text


@pytest.mark.parametrize("text,verb,group", [
    ("The minister has repeatedly said that taxes would rise.", "said", "has repeatedly said"),
    # an adverb right before the verb that modifies it
    ("The mayor repeatedly denied the report.", "denied", "repeatedly denied"),
    ("The minister did not say whether taxes would rise.", "say", "did not say"),
    ("The mayor pointed out that the plan was dead.", "pointed", "pointed out"),
    ("The mayor will not have been told.", "told", "will not have been told"),
    # an adverb after the verb is not part of the group
    ("The mayor said repeatedly that the plan was dead.", "said", "said"),
    # "When" modifies the verb but is a question word, not part of the group
    ("When asked, the mayor said the plan was dead.", "asked", "asked"),
    # the infinitive's own group: "to"; the verb it completes is `cue_extent`'s business
    ("The governor went on to say that the state would pay.", "say", "to say"),
    ("The governor went on to say that the state would pay.", "went", "went on"),
])
def test_verb_group(text, verb, group):
    doc = parsed(text)
    assert text_of(doc, *verb_group(token(doc, verb))) == group


@pytest.mark.parametrize("text,verb,expected", [
    # the parser reads an opening "Said" as a compound of the name after it
    ("Said Pelosi: “It is over.”", "Said", True),
    ("Said Obama, “It is over.”", "Said", True),
    # parsed as the root, with the name as its subject: an ordinary verb
    ("Said Jane Doe: “We will win.”", "Said", False),
    ("“We will win,” said Jane Doe.", "said", False),
    # a compound that is no verb
    ("“We will win,” Jane Doe said.", "Jane", False),
])
def test_inverted(text, verb, expected):
    assert inverted(token(parsed(text), verb)) is expected


@pytest.mark.parametrize("text,verb,expected", [
    ("An ad titled “Scam” ran.", "titled", True),
    ("An item suggesting that the vote was rigged went viral.", "suggesting", True),
    ("A group backing the senator paid for it.", "backing", True),
    # the participle as the complement of "show", not a clause of the noun before it
    ("Polls show voters saying they want change.", "saying", False),
])
def test_after_noun(text, verb, expected):
    assert after_noun(token(parsed(text), verb)) is expected


@pytest.mark.parametrize("text,verb,expected", [
    ("The governor went on to say that the state would pay.", "say", True),
    ("The union urged Congress to act.", "act", True),
    ("The minister said that taxes would rise.", "said", False),
    # "to" as a preposition is no infinitive marker
    ("According to the ministry, taxes will rise.", "According", False),
])
def test_to_infinitive(text, verb, expected):
    assert to_infinitive(token(parsed(text), verb)) is expected


@pytest.mark.parametrize("text,noun,verb", [
    ("The mayor said in a statement that the plan was dead.", "statement", "said"),
    # "in" hangs off a name, not a verb
    ("Jane Doe, in Ohio, said the plan was dead.", "Ohio", None),
    # the object of another preposition
    ("In the words of the mayor, the plan is dead.", "mayor", None),
    ("Smith raised new questions about the plan.", "questions", None),
])
def test_stating_verb(text, noun, verb):
    found = stating_verb(token(parsed(text), noun))
    assert (found.text if found is not None else None) == verb


@pytest.mark.parametrize("text,noun,clause", [
    ("The claim that taxes rose was false.", "claim", "that taxes rose"),
    # "that" as a relative pronoun, the object of "wrote": no that-clause
    ("The report that he wrote was false.", "report", None),
    ("Smith's concerns about the plan grew.", "concerns", None),
])
def test_that_clause(text, noun, clause):
    found = that_clause(token(parsed(text), noun))
    assert (" ".join(t.text for t in found.subtree) if found is not None else None) == clause


@pytest.mark.parametrize("text,head,expected", [
    ("The minister said that taxes would rise.", "rise", True),
    ("The report that he wrote was false.", "wrote", False),
    ("The minister did not say whether taxes would rise.", "rise", False),
    # a clause without a complementiser
    ("The mayor has also said the plan was dead.", "was", False),
])
def test_opens_with_that(text, head, expected):
    assert opens_with_that(token(parsed(text), head)) is expected
