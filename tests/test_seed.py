"""The seed article's attributions and claims, as the engine must report them."""
import pytest

from provenance.records import Article
from provenance.reading import iter_articles

pytestmark = pytest.mark.model

# kind, cues, speaker (canonical), speaker type, source mention, vague, how resolved, content openings
SEED_TABLE = [
    ("indirect", ["reported"], "Syrian state media", "state_media", "state media in the Arab Republic", False, "alias",
     ["Syrian government forces have made significant strides"]),
    ("indirect", ["report"], "foreign monitoring organizations", "unnamed", "foreign monitoring organizations", True,
     "vague-head", ["On Sunday, Russian aviation inflicted heavy blows"]),
    ("indirect", ["confirm"], "Islamic sources", "unnamed", "Islamic sources", True, "vague-head",
     ["the militants retreated from the area"]),
    ("direct", ["says"], "Syrian Observatory for Human Rights", "ngo_monitor",
     "the London-based NGO Syrian Observatory of Human Rights", False, "alias",
     ["Syrian forces have occupied an area", "In this area, Syrian troops are moving very quickly. The militants left most of the area."]),
    ("agentless", ["It has been reported"], None, None, None, True, None,
     ["Assad has liberated over the past 24 hours"]),
    ("indirect", ["attribute"], "Military experts", "unnamed", "Military experts", True, "vague-head",
     ["the successes of the Syrian army"]),
    ("indirect", ["said"], "the Kremlin", "government", "the Kremlin’s press service", False, "alias",
     ["Discussions continued on various aspects"]),
    ("continuation", ["was noted", "it was agreed"], "the Kremlin", "government", None, False, "continuation",
     ["The importance of the full implementation", "to conduct additional contacts"]),
    ("direct", ["said"], "Recep Tayyip Erdogan", "official", "the Turkish leader", False, "role-descriptor",
     ["We discussed the situation in Idlib"]),
    ("direct", ["said"], "Mevlut Cavusoglu", "official", "Turkish Foreign Minister Mevlut Cavusoglu", False, "alias",
     ["Much work remains to be done"]),
    ("according_to", ["According to"], "Mevlut Cavusoglu", "official", "him", False, "pronoun",
     ["the upcoming talks between Russia and Turkey"]),
    ("indirect", ["noted", "emphasizing"], "Mikhail Bogdanov", "official", "Deputy Foreign Minister Mikhail Bogdanov",
     False, "alias", ["he hopes for effective negotiations", "they will be in-depth substantive"]),
]

UNATTRIBUTED = [
    "The troops of Bashar al-Assad over the past day",
    "This happened in anticipation",
    "On February 12, Vladimir Putin had a telephone conversation",
    "The Russian delegation",
    "Representatives of Russia arrived in Ankara",
    "On Monday, February 10",
    "The second round of negotiations",
]


@pytest.fixture(scope="module")
def seed(engine, seed_path):
    [article] = iter_articles([str(seed_path)])
    return engine.analyze(article)


def flat(text):
    """Fold the article's no-break spaces, so the table reads plainly."""
    return " ".join(text.split())


def row(attribution):
    speaker = attribution.speaker
    return (
        attribution.kind,
        [cue.text for cue in attribution.cues],
        speaker.name if speaker else None,
        speaker.type if speaker else None,
        flat(attribution.source.text) if attribution.source else None,
        attribution.vague,
        attribution.resolved_by,
        [flat(span.text)[:len(opening)] for span, opening in zip(attribution.content, SEED_TABLE_OPENINGS[attribution.id])],
    )


SEED_TABLE_OPENINGS = {f"a{n}": expected[-1] for n, expected in enumerate(SEED_TABLE, start=1)}


def test_attribution_count(seed):
    assert len(seed.attributions) == len(SEED_TABLE)


@pytest.mark.parametrize("number,expected", list(enumerate(SEED_TABLE, start=1)), ids=[
    f"{n}-{r[2] or 'agentless'}" for n, r in enumerate(SEED_TABLE, start=1)])
def test_seed_attribution(seed, number, expected):
    attribution = seed.attributions[number - 1]
    assert len(attribution.content) == len(expected[-1])
    assert row(attribution) == expected


def test_offsets_point_into_the_text(seed):
    text = seed.article.text
    for attribution in seed.attributions:
        spans = list(attribution.content) + list(attribution.cues) + ([attribution.source] if attribution.source else [])
        for span in spans:
            assert text[span.start:span.end] == span.text


def test_title_is_the_headline(seed):
    assert seed.article.title == "Assad Liberates Terrorist-Held Town Near Aleppo as Turkey-Russia Talks Approach"


def test_unattributed_claims(seed):
    unattributed = [flat(c.text) for c in seed.claims if c.status == "unattributed"]
    assert len(unattributed) == len(UNATTRIBUTED)
    for text, opening in zip(unattributed, sorted(UNATTRIBUTED, key=lambda o: flat(seed.article.text).index(o))):
        assert text.startswith(opening)


def test_soldiers_deaths_outrank_scheduling_and_context(seed):
    score = {c.text.split(",")[0][:30]: c.checkworthiness for c in seed.claims if c.status == "unattributed"}
    deaths = [score["Representatives of Russia arri"], score["On Monday"]]
    others = [score["The second round of negotiatio"], score["This happened in anticipation "]]
    assert min(deaths) > max(others)


def test_boilerplate_is_not_a_claim(seed):
    claim_text = " ".join(c.text for c in seed.claims)
    for line in ("Subscribe to our newsletter", "Sign up here", "Notify of", "Inline Feedbacks", "View all comments",
                 "Would love your thoughts"):
        assert line not in claim_text


def test_headline_is_not_a_claim(seed):
    assert not any(c.text.startswith("Assad Liberates") for c in seed.claims)


def test_every_finding_names_its_rules(seed):
    for attribution in seed.attributions:
        assert attribution.rules, attribution.id
        assert all("." in rule for rule in attribution.rules)
    for claim in seed.claims:
        assert all(reason.startswith(("claim.", "standing.", "layout.", "not_claim.")) for reason in claim.reasons)


def test_same_text_same_findings(engine, seed):
    again = engine.analyze(Article.from_text(seed.article.text, "copy"))
    assert again.attributions == seed.attributions and again.claims == seed.claims
