"""Learning check-worthiness weights: the fit on hand-made rankings, the rules file it writes and
loads back, and the learn-weights command on a small invented gold file."""
import json

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.errors import RuleError, WeightsError
from provenance.evaluation.counts import Share
from provenance.rules import WorthRule, load_rules
from provenance.weights import Ranked, cross_validate, fit, reweighted, top, weights_file

RULES = load_rules()


def rule(rule_id, weight):
    return WorthRule(rule_id, weight, lemmas=("x",), entities=(), pattern=(), regex=None, example="")


SIGNAL, NOISE, STILL = rule("claim.signal", 0.0), rule("claim.noise", 0.5), rule("claim.still", 2.0)


def article(name, marked_has, others_have, still=0.0):
    """An article of four claims, the first marked: features by rule id."""
    features = ({**marked_has, "claim.still": still},) + tuple({**others_have, "claim.still": still} for _ in range(3))
    return Ranked(name, features, frozenset({0}))


# the marked claim carries claim.signal, the others claim.noise: signal up, noise down
EXAMPLES = [article(f"a{i}", {"claim.signal": 1.0}, {"claim.noise": 1.0}) for i in range(4)]


def test_fit_raises_what_the_marked_claims_carry_and_lowers_what_the_others_carry():
    weights = fit(EXAMPLES, (SIGNAL, NOISE, STILL), strength=1.0)
    assert weights["claim.signal"] > SIGNAL.weight
    assert weights["claim.noise"] < NOISE.weight


def test_a_feature_that_never_varies_keeps_its_rules_weight():
    assert fit(EXAMPLES, (SIGNAL, NOISE, STILL))["claim.still"] == STILL.weight


def test_a_strong_hold_keeps_the_rules_weights():
    weights = fit(EXAMPLES, (SIGNAL, NOISE), strength=1e6)
    assert weights == {"claim.signal": pytest.approx(0.0, abs=1e-3), "claim.noise": pytest.approx(0.5, abs=1e-3)}


def test_fit_without_a_marked_claim_beside_others_says_what_to_mark():
    lone = [Ranked("a", ({"claim.signal": 1.0},), frozenset({0})), Ranked("b", ({}, {}), frozenset())]
    with pytest.raises(WeightsError, match="mark check-worthy sentences"):
        fit(lone, (SIGNAL,))


@pytest.mark.parametrize("scores,marked,found", [
    ([3.0, 2.0, 1.0, 0.5], 2, 1),  # third of four
    ([3.0, 2.0, 1.0, 1.0], 2, 0),  # tied for third with the fourth: counted against
    ([1.0, 2.0, 3.0, 4.0], 0, 0),  # last of four
])
def test_top_counts_ties_against_the_marked_claim(scores, marked, found):
    example = Ranked("a", tuple({"claim.signal": s} for s in scores), frozenset({marked}))
    assert top([example], (rule("claim.signal", 1.0),)) == Share(found, 1)


def test_cross_validation_scores_every_marked_claim_once_on_weights_learned_without_its_article():
    # two kinds of article: those whose marked claim carries signal, those whose marked claim carries noise;
    # the folds that learn from one kind rank the other badly, which a fit on all of them would hide
    mixed = EXAMPLES[:2] + [article(f"b{i}", {"claim.noise": 1.0}, {"claim.signal": 1.0}) for i in range(2)]
    learned = cross_validate(mixed, (SIGNAL, NOISE), folds=2)
    assert learned.whole == 4
    assert learned.part < 4


def test_a_weights_file_reweights_the_rules_and_keeps_what_they_match(tmp_path):
    path = tmp_path / "weights.yaml"
    path.write_text(weights_file({"claim.casualties": 0.25, "claim.modal": 0.5}, EXAMPLES, ["gold.jsonl"], 1.0))
    assert path.read_text().startswith("# Check-worthiness weights learned by provenance learn-weights from 4 articles\n"
                                       "# (4 check-worthy sentences) of gold.jsonl, strength 1.0.\n")
    rules = load_rules([path])
    by_id = {r.id: r for r in rules.checkworthiness}
    builtin = {r.id: r for r in RULES.checkworthiness}
    assert (by_id["claim.casualties"].weight, by_id["claim.modal"].weight) == (0.25, 0.5)
    assert by_id["claim.casualties"].lemmas == builtin["claim.casualties"].lemmas
    assert [r.id for r in rules.checkworthiness] == [r.id for r in RULES.checkworthiness]  # each keeps its place
    assert [line.split(": [")[1].split("]")[0] for line in rules.overrides] == ["claim.casualties", "claim.modal"]
    assert all("re-weights the rule at" in line for line in rules.overrides)
    assert rules.digest != RULES.digest


def test_reweighted_changes_only_the_rules_given():
    rules = reweighted(RULES.checkworthiness, {"claim.modal": 1.5})
    assert [(r.id, r.weight) for r in rules if r.weight != 1.5 or r.id == "claim.modal"] == [
        (r.id, 1.5 if r.id == "claim.modal" else r.weight) for r in RULES.checkworthiness
        if r.weight != 1.5 or r.id == "claim.modal"]


@pytest.mark.parametrize("content,message", [
    ("checkworthiness:\n  - id: claim.unheard_of\n    weight: 1.0\n",
     "w.yaml:2: [claim.unheard_of] a weight alone re-weights a check-worthiness rule of the built-in rules or of an "
     "earlier rule set, and there is none of this id; give the rule whole, or fix its id"),
    ("checkworthiness:\n  - id: claim.modal\n    weight: high\n", "w.yaml:2: [claim.modal] 'weight' must be a number, not 'high'"),
    ("checkworthiness:\n  - id: claim.modal\n    weight: 1\n    each: true\n",
     "w.yaml:2: [claim.modal] give exactly one of 'lemmas', 'entities', 'pattern', 'regex', 'lead', 'headline', "
     "or a weight alone to re-weight a rule of an earlier rule set"),
    ("checkworthiness:\n  - id: claim.x\n    weight: 1\n    headline: [NOUNS]\n",
     "w.yaml:2: [claim.x] unknown part of speech 'NOUNS' in 'headline'; expected universal tags such as NOUN, PROPN, "
     "VERB"),
])
def test_bad_weights_name_file_line_and_id(tmp_path, content, message):
    path = tmp_path / "w.yaml"
    path.write_text(content)
    with pytest.raises(RuleError) as info:
        load_rules([path])
    assert info.value.problems == (f"{tmp_path}/{message}",)


# An invented gold set: in each article the sentence a fact-checker would check first says what
# could happen ("could", a modal the rules count against a claim), the others what did.
GOLD_ARTICLES = [
    ["The council met on Monday.", "The new bridge could cost the city $40 million.", "The mayor thanked the staff.",
     "The meeting ended at noon."],
    ["The club played at home.", "The stadium could lose 2,000 seats under the new plan.", "Fans sang before the game.",
     "The coach wore a red scarf."],
    ["The school opened its doors.", "The district could cut 300 teaching jobs next year.", "Parents toured the halls.",
     "The head teacher gave a speech."],
    ["The port reopened after the storm.", "The closure could cost shippers $5 million a day.",
     "Workers cleared the docks.", "The harbour master spoke to reporters."],
]


def gold_line(number, sentences, marked=1):
    text, spans = "", []
    for sentence in sentences:
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence + " "
    rows = [{"start": s, "end": e, "status": "unattributed", **({"checkworthy": True} if i == marked else {})}
            for i, (s, e) in enumerate(spans)]
    return json.dumps({"id": f"invented-{number}", "text": text.strip(), "attributions": [], "sentences": rows})


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(gold_line(i, sentences) for i, sentences in enumerate(GOLD_ARTICLES)) + "\n")
    return path


def invoke(args):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="provenance")


@pytest.mark.model
def test_learn_weights_writes_a_rules_file_that_check_and_eval_load(cached_model, gold, tmp_path):
    out = tmp_path / "weights.yaml"
    result = invoke(["learn-weights", gold, "-o", out, "--folds", 2])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{len(RULES.checkworthiness)} weights learned from 4 articles (4 check-worthy sentences) into {out}"
    assert lines[1].startswith("check-worthy sentences in their article's top 3, 2 folds by article: learned ")
    learned = {r.id: r.weight for r in load_rules([out]).checkworthiness}
    builtin = {r.id: r.weight for r in RULES.checkworthiness}
    assert learned["claim.modal"] > builtin["claim.modal"]  # what the marked sentences carry counts for more
    article = tmp_path / "article.txt"
    article.write_text(" ".join(GOLD_ARTICLES[0]) + "\n")
    checked = invoke(["check", article, "--no-db", "--format", "json", "--rules", out])
    assert checked.exit_code == 0, checked.output
    # one line for the file, however many rules it re-weights
    assert checked.stderr.count("note: ") == 1
    assert f"note: {out}: re-weights {len(RULES.checkworthiness)} check-worthiness rules" in checked.stderr
    scores = {c["text"]: c["checkworthiness"] for c in json.loads(checked.stdout)[0]["claims"]}
    assert max(scores, key=scores.get) == GOLD_ARTICLES[0][1]
    evaluated = invoke(["eval", gold, "--rules", out])
    assert evaluated.exit_code == 0, evaluated.output
    assert "check-worthy sentences whose claim is in its article's top 3 (provenance): 4 of 4" in evaluated.stdout


@pytest.mark.model
def test_learn_weights_reports_a_gold_file_with_no_marks_and_goes_on(cached_model, gold, tmp_path):
    unmarked = tmp_path / "unmarked.jsonl"
    unmarked.write_text(gold_line(9, GOLD_ARTICLES[0], marked=None) + "\n")
    out = tmp_path / "weights.yaml"
    result = invoke(["learn-weights", unmarked, gold, "-o", out])
    assert result.exit_code == 1
    assert result.stderr == f"error: {unmarked}: no check-worthy sentences marked; mark them as docs/gold-format.md says\n"
    assert out.exists()


@pytest.mark.model
@pytest.mark.parametrize("name,exit_code,message", [
    ("missing.jsonl", 1, "error: {gold}: no such file or directory\nError: nothing to learn from: no check-worthy sentences in the gold given"),
    ("weights.txt", 2, "{out}: a rules file ends in .yaml or .yml; name the weights file so"),
])
def test_learn_weights_bad_input_is_one_line_naming_the_file(cached_model, tmp_path, name, exit_code, message):
    gold, out = tmp_path / "missing.jsonl", tmp_path / ("weights.txt" if name == "weights.txt" else "weights.yaml")
    if name == "weights.txt":
        gold.write_text(gold_line(0, GOLD_ARTICLES[0]) + "\n")
    result = invoke(["learn-weights", gold, "-o", out])
    assert result.exit_code == exit_code
    assert message.format(gold=gold, out=out) in result.stderr
    assert not out.exists()


@pytest.mark.model
def test_learn_weights_names_an_output_it_cannot_write(cached_model, gold, tmp_path):
    out = tmp_path / "no-such-folder" / "weights.yaml"
    result = invoke(["learn-weights", gold, "-o", out])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {out}: cannot write the weights (No such file or directory); "
                             "pass another -o path\n")
