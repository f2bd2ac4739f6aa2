"""The parse predicates shared by cues, linking and spans, on hand-built parses of news sentences."""
import pytest

from handmade import ask, case_id
from provenance.grammar import (after_noun, inverted, opens_with_that, stating_verb, that_clause, to_infinitive,
                                verb_group)


def clause_of(noun):
    """The tokens of the that-clause of `noun`, so that a failure shows the whole clause, not its head."""
    found = that_clause(noun)
    return None if found is None else {t.i for t in found.subtree}


@pytest.mark.parametrize("predicate,text,word,expected", [
    (verb_group, "The minister has repeatedly said that taxes would rise.", "said", "has repeatedly said"),
    # an adverb right before the verb that modifies it
    (verb_group, "The mayor repeatedly denied the report.", "denied", "repeatedly denied"),
    (verb_group, "The minister did not say whether taxes would rise.", "say", "did not say"),
    (verb_group, "The mayor pointed out that the plan was dead.", "pointed", "pointed out"),
    (verb_group, "The mayor will not have been told.", "told", "will not have been told"),
    # an adverb after the verb is not part of the group
    (verb_group, "The mayor said repeatedly that the plan was dead.", "said", "said"),
    # "When" modifies the verb but is a question word, not part of the group
    (verb_group, "When asked, the mayor said the plan was dead.", "asked", "asked"),
    # the infinitive's own group: "to"; the verb it completes is `cue_extent`'s business
    (verb_group, "The governor went on to say that the state would pay.", "say", "to say"),
    (verb_group, "The governor went on to say that the state would pay.", "went", "went on"),
    (stating_verb, "The mayor said in a statement that the plan was dead.", "statement", "said"),
    # "in" hangs off a name, not a verb
    (stating_verb, "Jane Doe, in Ohio, said the plan was dead.", "Ohio", None),
    # the object of another preposition
    (stating_verb, "In the words of the mayor, the plan is dead.", "mayor", None),
    (stating_verb, "Smith raised new questions about the plan.", "questions", None),
    (clause_of, "The claim that taxes rose was false.", "claim", "that taxes rose"),
    # "that" as a relative pronoun, the object of "wrote": no that-clause
    (clause_of, "The report that he wrote was false.", "report", None),
    (clause_of, "Smith's concerns about the plan grew.", "concerns", None),
], ids=case_id)
def test_answer(predicate, text, word, expected):
    """What a predicate finds for a word, reduced to text; None where it finds nothing."""
    assert ask(predicate, text, word) == expected


@pytest.mark.parametrize("predicate,text,word,expected", [
    # the parser reads an opening "Said" as a compound of the name after it
    (inverted, "Said Pelosi: “It is over.”", "Said", True),
    (inverted, "Said Obama, “It is over.”", "Said", True),
    # parsed as the root, with the name as its subject: an ordinary verb
    (inverted, "Said Jane Doe: “We will win.”", "Said", False),
    (inverted, "“We will win,” said Jane Doe.", "said", False),
    # a compound that is no verb
    (inverted, "“We will win,” Jane Doe said.", "Jane", False),
    (after_noun, "An ad titled “Scam” ran.", "titled", True),
    (after_noun, "An item suggesting that the vote was rigged went viral.", "suggesting", True),
    (after_noun, "A group backing the senator paid for it.", "backing", True),
    # the participle as the complement of "show", not a clause of the noun before it
    (after_noun, "Polls show voters saying they want change.", "saying", False),
    (to_infinitive, "The governor went on to say that the state would pay.", "say", True),
    (to_infinitive, "The union urged Congress to act.", "act", True),
    (to_infinitive, "The minister said that taxes would rise.", "said", False),
    # "to" as a preposition is no infinitive marker
    (to_infinitive, "According to the ministry, taxes will rise.", "According", False),
    (opens_with_that, "The minister said that taxes would rise.", "rise", True),
    (opens_with_that, "The report that he wrote was false.", "wrote", False),
    (opens_with_that, "The minister did not say whether taxes would rise.", "rise", False),
    # a clause without a complementiser
    (opens_with_that, "The mayor has also said the plan was dead.", "was", False),
], ids=case_id)
def test_yes_or_no(predicate, text, word, expected):
    assert ask(predicate, text, word) is expected


# (words, heads, projective): `subtree` reads a subtree between its edges only where that is the subtree
SUBTREE_CASES = [
    (["He", "said", "it", "rained", "."], [1, 1, 3, 1, 1], True),
    # "He said" four times, each under the one before: a chain as deep as it is long
    (["He", "said"] * 4, [1, 1, 3, 1, 5, 3, 7, 5], True),
    # "a" under "c" across "b", which hangs on "d": an arc crosses another
    (["a", "b", "c", "d"], [2, 3, 2, 2], False),
    (["Hearing", "was", "held", "today", "on", "it"], [2, 2, 2, 2, 0, 4], False),
]


@pytest.mark.parametrize("words,heads,projective_parse", SUBTREE_CASES)
def test_subtree_is_spacys_subtree_read_in_text_order(words, heads, projective_parse):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from provenance.grammar import projective, subtree

    doc = Doc(Vocab(), words=words, heads=heads, deps=["dep"] * len(words))
    assert projective(doc) is projective_parse
    assert [list(subtree(t)) for t in doc] == [sorted(s.i for s in t.subtree) for t in doc]
