"""Sources described rather than named: a definite description takes the last compatible source named
before it, and a document or poll is its issuer's (rules/descriptions.yaml)."""
import pytest

from provenance.records import Article

pytestmark = pytest.mark.model


def last_source(engine, text):
    """The last attribution's (speaker name, type, rule, resolved_by, vague)."""
    attribution = engine.analyze(Article.from_text(text, "t")).attributions[-1]
    speaker = attribution.speaker
    return (speaker.name if speaker else None, speaker.type if speaker else None,
            speaker.rule if speaker else None, attribution.resolved_by, attribution.vague)


@pytest.mark.parametrize("text,expected", [
    ("The Daily Courier reported the fire on Monday. The newspaper said that two people were hurt.",
     ("Daily Courier", "media", "description.outlet", "antecedent", False)),
    ("Acme Corp. opened a plant in May. The company said that it would hire 300 people.",
     ("Acme Corp.", "organization", "description.organization", "antecedent", False)),
    ("The Ministry of Health closed the clinic. The ministry said that it had no choice.",
     ("Ministry of Health", "government", "description.government", "antecedent", False)),
    # the nearest compatible one
    ("Acme Corp. bought Zenith Inc. in May. The company said that the deal was done.",
     ("Zenith Inc.", "organization", "description.organization", "antecedent", False)),
    ("A report by the World Bank said that growth would slow.",
     ("World Bank", "organization", "article.entity", "issuer", False)),
    ("A survey by Gallup found that most voters were undecided.",
     ("Gallup", "organization", "article.entity", "issuer", False)),
    # a document nobody is named for: a vague source of its own type
    ("A new report said that growth would slow.", ("new report", "document", "description.document", "document", True)),
    ("The poll found that most voters were undecided.", ("poll", "poll", "description.poll", "document", True)),
])
def test_descriptions_resolve(engine, text, expected):
    assert last_source(engine, text) == expected


@pytest.mark.parametrize("text", [
    # nothing compatible named before: the description stays what it says
    "The company said that it would hire 300 people.",
    # an indefinite description is no reference back
    "Acme Corp. opened a plant in May. A company said that it would hire 300 people.",
])
def test_descriptions_without_an_antecedent_stay_descriptions(engine, text):
    assert last_source(engine, text)[3] != "antecedent"


def test_every_description_rule_resolves_its_example(engine):
    for rule in engine.rules.descriptions:
        analysis = engine.analyze(Article.from_text(rule.example, "example"))
        resolved = {a.resolved_by for a in analysis.attributions}
        assert resolved & {"antecedent", "issuer", "document"}, rule.id
