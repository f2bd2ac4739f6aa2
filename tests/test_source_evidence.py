"""What an article says of its sources beyond the mention itself: the pronouns it uses for a
one-word name, the issuer it gives a document elsewhere, the part of an apposition that names."""
import pytest
from spacy.tokens import Doc

from handmade import VOCAB
from provenance.issuers import issuer
from provenance.pronouns import neuter_names
from provenance.sources import _named_part


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # called "it" and "its": no person
    ("Zorbex has denied that it broke the rules.", {"zorbex"}),
    ("Velmora said its lawyers would appeal.", {"velmora"}),
    # "it" beside a "his" is a person's sentence: "it" is the thing he spoke of
    ("Deco agreed that it was not typical of his friend.", set()),
    ("Ravel said that he would sign it.", set()),
    # a name of two words never votes: the article gave it a first name
    ("Jane Doe said that it was over.", set()),
    # more "he" than "it": a person
    ("Ravel said it was late. Ravel said he was tired. Ravel added that he would leave.", set()),
])
def test_neuter_names(engine, text, expected):
    assert neuter_names(engine.nlp(text)) == expected


@pytest.mark.model
@pytest.mark.parametrize("text,head,expected", [
    ("The research, published in the journal Sleep Review, covered 900 adults.", "research", "Sleep Review"),
    ("The survey was carried out by Zentrix Labs in May.", "survey", "Zentrix Labs"),
    ("The report by the World Bank was long.", "report", "the World Bank"),
    # a preposition that brings no issuer
    ("The report on the World Bank was long.", "report", None),
    ("The report by a lawyer for the World Bank was long.", "report", None),
    ("The study, published in March, covered 900 adults.", "study", None),
])
def test_issuer(engine, text, head, expected):
    doc = engine.nlp(text)
    found = issuer(next(t for t in doc if t.lower_ == head))
    assert (found.text if found is not None else None) == expected


def appositive(words, pos, heads):
    """A mention of one token per word, with each word's tag and head (PUNCT for the punctuation)."""
    spaces = [i + 1 < len(words) and words[i + 1] != "," for i in range(len(words))]
    deps = ["ROOT" if h == i else "dep" for i, h in enumerate(heads)]
    return Doc(VOCAB, words=words, pos=pos, spaces=spaces, heads=heads, deps=deps)[:]


DIRECTOR = (["The", "director", ",", "Vinod", "Pande"], ["DET", "NOUN", "PUNCT", "PROPN", "PROPN"], [1, 1, 1, 4, 1])


@pytest.mark.parametrize("mention,surnames,expected", [
    # an apposition's part that ends in a surname the article knows names the person
    (DIRECTOR, {"pande"}, "Vinod Pande"),
    # else a name over a description of it
    (DIRECTOR, set(), "Vinod Pande"),
    (((["Pande", ",", "the", "director"]), ["PROPN", "PUNCT", "DET", "NOUN"], [0, 0, 3, 0]), set(), "Pande"),
    # no name in it: the first part
    ((["The", "director", ",", "a", "veteran"], ["DET", "NOUN", "PUNCT", "DET", "NOUN"], [1, 1, 1, 4, 1]), set(),
     "The director"),
    # a known surname wins over a name before it that is none
    ((["Acme", ",", "its", "chief", "Pande"], ["PROPN", "PUNCT", "PRON", "NOUN", "PROPN"], [0, 0, 4, 4, 0]),
     {"pande"}, "its chief Pande"),
])
def test_named_part(mention, surnames, expected):
    assert _named_part(appositive(*mention), surnames).text == expected
