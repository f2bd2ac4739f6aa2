"""attribute() and the provenance_attributions component on a Doc the user parsed: what they find, and what they refuse."""
import re

import pytest
import spacy
from spacy.tokens import Doc

import provenance
from handmade import parsed
from provenance.analysis import Analyzer
from provenance.errors import DocError
from provenance.text import versions

RULES = provenance.load_rules()


def summary(findings):
    return [(a.kind, a.speaker.name if a.speaker else None, [span.text for span in a.content], a.cue.text)
            for a in findings.attributions]


@pytest.mark.parametrize("text,expected", [
    ('“We will win,” Jane Doe said.', [("direct", "Jane Doe", ["We will win,"], "said")]),
    ('The minister said that taxes would rise.', [("indirect", "minister", ["taxes would rise"], "said")]),
    ('The mayor said in a statement that the plan was dead.', [("indirect", "mayor", ["the plan was dead"], "said")]),
])
def test_attribute_a_users_doc(text, expected):
    assert summary(provenance.attribute(parsed(text), RULES)) == expected


def test_claims_carry_their_attribution():
    findings = provenance.attribute(parsed('“We will win,” Jane Doe said.'), RULES)
    assert [(c.status, c.attribution, c.text) for c in findings.claims] == [
        ("attributed", "a1", "“We will win,” Jane Doe said.")]


def without_entities(doc):
    """The same parse with no entity annotation: a pipeline without ner."""
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
               heads=[t.head.i for t in doc], deps=[t.dep_ for t in doc], pos=[t.pos_ for t in doc],
               tags=[t.tag_ for t in doc], lemmas=[t.lemma_ for t in doc])


@pytest.mark.parametrize("doc,missing", [
    (spacy.blank("en")("He said it was over."),
     "a parser, an entity recognizer (ner), a lemmatizer, a part-of-speech tagger"),
    (without_entities(parsed("The minister said that taxes would rise.")), "an entity recognizer (ner)"),
])
def test_a_doc_without_annotations_is_refused_by_name(doc, missing):
    message = re.escape(f"the Doc has no annotations from {missing}: parse it with a trained")
    with pytest.raises(DocError, match=message):
        provenance.attribute(doc, RULES)


def test_an_empty_doc_has_no_findings():
    findings = provenance.attribute(spacy.blank("en")(""), RULES)
    assert (findings.attributions, findings.claims) == ((), ())


@pytest.mark.parametrize("text,ok", [
    ('“We will win,” Jane Doe said.', True),  # the text it was parsed from
    ('“We will win,” Jane Roe said.', False),  # another text of the same length
    ('“We will win,” Jane Doe said!!', False),
])
def test_the_doc_must_be_of_the_text(text, ok):
    analyze = Analyzer(parsed('“We will win,” Jane Doe said.').vocab, RULES)
    doc = parsed('“We will win,” Jane Doe said.')
    if ok:
        assert analyze(doc, versions(text)).attributions
    else:
        with pytest.raises(DocError, match="the Doc was not parsed from the article's text"):
            analyze(doc, versions(text))


def test_the_component_writes_span_groups():
    nlp = spacy.blank("en")
    component = nlp.add_pipe("provenance_attributions")
    doc = component(parsed('“We will win,” Jane Doe said.'))
    groups = {key: [(span.text, span.label_, span.id_) for span in doc.spans[key]] for key in doc.spans}
    assert groups == {
        "provenance_content": [("We will win,", "direct", "a1")],
        "provenance_source": [("Jane Doe", "Jane Doe", "a1")],
        "provenance_cue": [("said", "verb.neutral", "a1")],
        "provenance_claims": [("“We will win,” Jane Doe said.", "attributed", "a1")],
    }


def test_the_component_takes_its_config():
    nlp = spacy.blank("en")
    component = nlp.add_pipe("provenance_attributions", config={"spans_key": "mine", "scope": "all"})
    doc = component(parsed('The minister said that taxes would rise.'))
    assert sorted(doc.spans) == ["mine_claims", "mine_content", "mine_cue", "mine_source"]


def test_an_unknown_scope_is_refused():
    with pytest.raises(ValueError, match="unknown scope 'most'"):
        Analyzer(spacy.blank("en").vocab, RULES, scope="most")


@pytest.mark.model
def test_the_component_in_a_trained_pipeline_renders_with_displacy():
    from spacy import displacy

    nlp = provenance.load_pipeline()
    nlp.add_pipe("provenance_attributions")
    doc = nlp("“We will not wait,” the mayor said on Monday. According to the ministry, 12 people died.")
    assert [(s.text, s.label_) for s in doc.spans["provenance_content"]] == [
        ("We will not wait,", "direct"), ("12 people died", "according_to")]
    html = displacy.render(doc, style="span", options={"spans_key": "provenance_content"})
    assert "according_to" in html and "direct" in html


@pytest.mark.model
def test_attribute_matches_the_engine_on_plain_prose():
    nlp = provenance.load_pipeline()
    text = "The minister said that taxes would rise. “We will not wait,” the mayor said."
    engine = provenance.Engine(nlp, RULES)
    assert provenance.attribute(nlp(text), RULES).attributions == engine.analyze(
        provenance.Article.from_text(text, "t")).attributions
