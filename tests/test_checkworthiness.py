"""Check-worthiness features read against the whole article: the headline's words in a claim."""
import pytest

from provenance.checkworthiness import score


def claim_and_features(engine, text, sentence):
    """The claim of `text` that is `sentence`, and the check-worthiness features it was scored on."""
    versions = engine.versions(text)
    findings = engine.analyzer(engine.parse(versions), versions)
    index = next(i for i, claim in enumerate(findings.claims) if claim.text == sentence)
    return findings.claims[index], findings.features[index]


HEADLINE = "Flood closes bridge in Riverside\n\n"


@pytest.mark.model
@pytest.mark.parametrize("text,sentence,share", [
    # the headline's content words are flood, close, bridge and Riverside: the lead holds three
    (HEADLINE + "The flood closed the old bridge on Monday. The mayor thanked the volunteers.",
     "The flood closed the old bridge on Monday.", 0.75),
    (HEADLINE + "The flood closed the old bridge on Monday. The mayor thanked the volunteers.",
     "The mayor thanked the volunteers.", 0.0),
    # stop words do not count ("in", "the"), nor words the headline lacks ("town", "shut")
    (HEADLINE + "A bridge in the town shut.", "A bridge in the town shut.", 0.25),
    # with no headline the lead stands for what the article is about, and counts whole
    ("Floods closed the Riverside bridge on Monday. Engineers inspected the bridge.",
     "Floods closed the Riverside bridge on Monday.", 1.0),
    ("Floods closed the Riverside bridge on Monday. Engineers inspected the bridge.",
     "Engineers inspected the bridge.", 0.2),
])
def test_headline_words_in_a_claim(engine, text, sentence, share):
    claim, features = claim_and_features(engine, text, sentence)
    assert features.get("claim.headline", 0.0) == pytest.approx(share, abs=0.001)
    assert ("claim.headline" in claim.reasons) is (share > 0)


@pytest.mark.model
def test_a_claims_score_is_its_features_weighted(engine):
    claim, features = claim_and_features(engine, HEADLINE + "Five people were killed when the bridge fell.",
                                         "Five people were killed when the bridge fell.")
    assert score(features, engine.rules.checkworthiness) == (claim.checkworthiness, claim.reasons)
    assert {"claim.casualties", "claim.quantity", "claim.headline"} <= set(claim.reasons)


@pytest.mark.model
@pytest.mark.parametrize("text,rule,fires", [
    # a superlative ranks a thing against all others: a record claim
    ("The state gave teachers the lowest pay rise in the country.", "claim.superlative", True),
    ("The plant is the largest of its kind in Europe.", "claim.superlative", True),
    ("The state gave teachers a small pay rise.", "claim.superlative", False),
    # a claim of cause
    ("The outage was caused by a faulty cable.", "claim.causal", True),
    ("Flights were cancelled because of the strike.", "claim.causal", True),
    ("The airport blamed the delays on the weather.", "claim.causal", True),
    ("Flights were cancelled on Monday.", "claim.causal", False),
    # the first and second person are pronouns; "US" is a country
    ("We think the town is safe.", "claim.personal", True),
    ("You can apply online.", "claim.personal", True),
    ("US lawmakers approved the budget on Monday.", "claim.personal", False),
    # modals are verbs; "May" is a month
    ("The town could fall within days.", "claim.modal", True),
    ("The model was refreshed in May.", "claim.modal", False),
])
def test_features_fired_on_a_sentence(engine, text, rule, fires):
    from provenance.checkworthiness import Worth

    doc = engine.nlp(text)
    assert (rule in Worth(doc.vocab, engine.rules.checkworthiness).features(doc[:], 3)) is fires
