"""Whether the attributions on a sentence stand behind its claim: the `standing` rules on invented sentences.

Each case is a short article and one of its sentences, with the status the sentence's
claim must get and the standing rule that decides it (None where no standing rule does).
"""
import pytest

from provenance.records import Article
from provenance.rules import load_rules

RULES = load_rules()


def claim_of(engine, article: str, sentence: str):
    analysis = engine.analyze(Article.from_text(article, "t"))
    return next(c for c in analysis.claims if sentence in c.text)


def standing_rule(claim):
    return next((reason for reason in claim.reasons if reason.startswith("standing.")), None)


CASES = [
    # intentions and judgements stated by the writer stand on nobody's word
    ("The ministry also wants to raise fuel taxes next year.", "unattributed", "standing.intent"),
    ("The new plan appears consistent with the one announced in March.", "unattributed", "standing.intent"),
    ("The club agreed to pay the fee in full by June.", "unattributed", "standing.undertaking"),
    ("The firm offers two plans to its customers in the region.", "unattributed", "standing.deed"),
    ("We also found that the figure did not come from the agency.", "unattributed", "standing.own_voice"),
    # a statement on the side of a sentence that says something else
    ("Markets fell sharply on Tuesday after the broadcaster reported that talks had stalled.", "unattributed",
     "standing.aside"),
    # a hedge inside a noun phrase qualifies the phrase, not the claim
    ("The family of a man allegedly killed by soldiers won their appeal on Friday.", "unattributed",
     "standing.modifier"),
    # a speech act the linker found no content for is still a report
    ("The minister paid tribute to the rescue teams on Sunday.", "attributed", "standing.speech_act"),
    ("The coach countered criticism of the timing of the move.", "attributed", "standing.speech_act"),
    # "deny" reports its object: the linker finds the statement itself
    ("Mr Lee denies 10 charges of fraud and theft.", "attributed", None),
    # a passive with its agent is the agent's report
    ("The dealer was accused of fraud by the regulator last year.", "attributed", None),
    # what a document or a data release found
    ("The study found a link between sleep and memory.", "attributed", "standing.finding"),
    # data nobody is named as issuing are a vague source, as the resolver reads them
    ("Official data showed inflation at 2.1% in March.", "vague", None),
    ("Police found drugs in the car on Monday.", "unattributed", None),
    # a specific unnamed source is a source; a generic group is vague
    ("The rate is too high, a council spokesman said.", "attributed", "standing.specific"),
    ("The rate is too high, analysts said.", "vague", None),
    ("Shopkeepers say the ruling matters for the case.", "vague", "standing.generic"),
    # a group the vague rules name is vague by its attribution (vague.media), not by this rule
    ("Correspondents say the ruling matters for the case.", "vague", None),
    ("Shoppers and traders complained that the outages were too broad.", "vague", "standing.generic"),
    ("Police said the road would stay closed until Friday.", "attributed", None),
    # agentless hedges
    ("The minister is widely seen as the favourite for the post.", "vague", "standing.hedge_passive"),
    ("The three rivals are expected to launch new phones next year.", "vague", None),
    ("The former director was accused of taking bribes.", "vague", "standing.hedge_passive"),
    ("She apparently left the country in May.", "vague", "standing.hedge_adverb"),
    ("Other allegations included the beating of a prisoner in 2003.", "vague", "standing.hedge_noun"),
    # near misses: a forecast without "to", a hedge that a named source reports, plain facts
    ("About two inches of rain fell on Tuesday and more was expected on Wednesday.", "unattributed", None),
    ("The mayor said the bridge was reportedly unsafe.", "attributed", None),
    ("The bridge was built in 1932 and carries a million cars a year.", "unattributed", None),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,status,rule", CASES)
def test_standing(wide_engine, sentence, status, rule):
    claim = claim_of(wide_engine, sentence, sentence)
    assert (claim.status, standing_rule(claim)) == (status, rule)


CONTINUATIONS = [
    # a quotation resumed after its attribution, and in the paragraph after it
    ("“The plant will close,” the manager said. “Nobody will lose a job.”", "Nobody will lose a job.", "attributed"),
    ("“The plant will close,” the manager said.\n\n“Nobody will lose a job.”", "Nobody will lose a job.", "attributed"),
    # a reporting verb that carries on the account: "added", "also said"
    ("The manager said the plant would close. He added that nobody would lose a job.", "He added", "attributed"),
    ("The manager said the plant would close. The manager also told staff that pay would rise.", "also told",
     "attributed"),
    # a sentence with no cue after a quoted source stays on nobody's word (how eval/realnews reads a
    # "possible continuation"): only a cue or a quotation carries the source on
    ("The manager said the plant would close. The plant opened in 1990.", "The plant opened in 1990.", "unattributed"),
]


@pytest.mark.model
@pytest.mark.parametrize("article,sentence,status", CONTINUATIONS)
def test_continuation(wide_engine, article, sentence, status):
    assert claim_of(wide_engine, article, sentence).status == status


@pytest.mark.parametrize("rule", RULES.standing, ids=lambda rule: rule.id)
def test_every_standing_rule_has_a_case(rule):
    cases = {case_rule for _, _, case_rule in CASES}
    assert rule.id in cases or rule.id in {"standing.list", "standing.hedged_continuation", "standing.unresolved"}


LISTS = [
    # a "Name:" label before a list with no finite verb is a heading of a charge sheet
    ("Police named those charged.\n\nJane Doe: Two counts of theft, held on $5,000 bond.", "Two counts of theft",
     "unattributed", "standing.list"),
    # an agentless hedge after a sourced sentence stays a hedge
    ("The firm said sales rose in May. Rivals are expected to follow within weeks.", "Rivals are expected",
     "vague", "standing.hedged_continuation"),
    # a statement whose speaker the parser missed is somebody's
    ("The judges ruled for the family, saying that earlier inquiries were inadequate.", "saying", "attributed",
     None),
]


@pytest.mark.model
@pytest.mark.parametrize("article,sentence,status,rule", LISTS)
def test_standing_in_context(wide_engine, article, sentence, status, rule):
    claim = claim_of(wide_engine, article, sentence)
    assert claim.status == status
    if rule is not None:
        assert rule in claim.reasons
