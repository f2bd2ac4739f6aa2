"""Rule files: they load, their ids are unique, every rule's example fires, and errors name file:line."""

import pytest
import yaml

from provenance.errors import RuleError
from provenance.layout import read_layout
from provenance.records import Article
from provenance.rules import FAMILIES, default_rules_dir, load_rules

RULES = load_rules()


def test_builtin_rules_load_with_every_family():
    counts = RULES.count()
    assert set(counts) == set(FAMILIES)
    assert all(count > 0 for count in counts.values())


def test_ids_are_unique_across_files():
    ids = []
    for path in default_rules_dir().glob("*.yaml"):
        for entries in yaml.safe_load(path.read_text()).values():
            ids.extend(entry["id"] for entry in entries)
    assert len(ids) == len(set(ids))


def test_digest_changes_with_an_extra_rule(tmp_path):
    (tmp_path / "extra.yaml").write_text("vague:\n  - id: vague.extra\n    lemmas: [pundit]\n")
    assert load_rules([tmp_path]).digest != RULES.digest


def test_extra_rule_with_same_id_replaces_builtin(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "sources:\n  - id: source.reuters\n    name: Thomson Reuters\n    type: news_agency\n    aliases: [Reuters]\n")
    rules = load_rules([tmp_path])
    assert [s.name for s in rules.sources if s.id == "source.reuters"] == ["Thomson Reuters"]


def examples(family):
    return [pytest.param(rule, id=rule.id) for rule in getattr(RULES, family)]


@pytest.mark.parametrize("rule", examples("boilerplate"))
def test_boilerplate_examples_fire(rule):
    text = f"Headline\n\nA body sentence.\n{rule.example}\n"
    layout = read_layout(text, RULES)
    assert [r for _, r in layout.boilerplate] == [rule.id]


@pytest.mark.model
@pytest.mark.parametrize("rule", examples("verbs") + examples("cues") + examples("agentless"))
def test_cue_examples_fire(wide_engine, rule):
    assert rule.example, f"{rule.id} has no example"
    doc = wide_engine.nlp(rule.example)
    assert rule.id in {cue.rule for cue in wide_engine.analyzer.find_cues(doc)}


@pytest.mark.model
def test_thought_verbs_only_in_scope_all(engine, wide_engine):
    text = "The governor wants to cut taxes next year."
    assert [a.cue.rule for a in wide_engine.analyze(Article.from_text(text, "t")).attributions] == ["verb.intent"]
    assert engine.analyze(Article.from_text(text, "t")).attributions == ()


@pytest.mark.model
@pytest.mark.parametrize("rule", examples("vague"))
def test_vague_examples_fire(engine, rule):
    analysis = engine.analyze(Article.from_text(rule.example, "example"))
    assert rule.id in {a.speaker.rule for a in analysis.attributions if a.speaker}


@pytest.mark.model
@pytest.mark.parametrize("rule", examples("checkworthiness"))
def test_checkworthiness_examples_fire(engine, rule):
    analysis = engine.analyze(Article.from_text(rule.example, "example"))
    assert rule.id in analysis.claims[0].reasons


BAD_RULES = [
    ("verbs:\n  - id: verb.x\n    stance: neutral\n    lemmas: [say]\n    colour: red\n",
     "bad.yaml:2: [verb.x] unknown key 'colour'; allowed: example, lemmas, object_lemmas, reports, scope, stance"),
    ("verbs:\n  - id: verb.x\n    stance: loud\n    lemmas: [say]\n",
     "bad.yaml:2: [verb.x] unknown stance 'loud'; expected one of neutral, endorsing, distancing, hedged"),
    ("verbs:\n  - id: verb.x\n    stance: neutral\n    reports: object\n    lemmas: [say]\n",
     "bad.yaml:2: [verb.x] unknown reports 'object'; expected one of complement, subject"),
    ("sources:\n  - id: source.x\n    name: X\n    type: cabal\n    aliases: [X]\n",
     "bad.yaml:2: [source.x] unknown type 'cabal'"),
    ("sources:\n  - id: source.x\n    type: government\n    aliases: [X]\n",
     "bad.yaml:2: [source.x] missing key 'name'"),
    ("vague:\n  - lemmas: [pundit]\n",
     "bad.yaml:2: [None] missing or malformed id None"),
    ("vague:\n  - id: Vague\n    lemmas: [pundit]\n",
     "bad.yaml:2: [Vague] missing or malformed id 'Vague'"),
    ("cues:\n  - id: cue.x\n    kind: according_to\n    pattern: [{LOWER: according, COLOUR: red}]\n",
     "bad.yaml:2: [cue.x] invalid Matcher pattern"),
    ("cues:\n  - id: cue.x\n    kind: as_put_it\n    pattern: [{LOWER: as}]\n    names: [poll]\n",
     "bad.yaml:2: [cue.x] 'names' applies only to kind according_to"),
    ("boilerplate:\n  - id: boilerplate.x\n    patterns: ['(unclosed']\n",
     "bad.yaml:2: [boilerplate.x] bad regular expression '(unclosed'"),
    ("checkworthiness:\n  - id: claim.x\n    weight: 1\n    lemmas: [kill]\n    regex: 'x'\n",
     "bad.yaml:2: [claim.x] give exactly one of 'lemmas', 'entities', 'pattern', 'regex'"),
    ("spells:\n  - id: spell.x\n", "bad.yaml:1: unknown rule family 'spells'"),
    ("verbs: [\n", "bad.yaml:2: YAML error"),
]


@pytest.mark.parametrize("content,message", BAD_RULES)
def test_malformed_rules_name_file_line_and_id(tmp_path, content, message):
    (tmp_path / "bad.yaml").write_text(content)
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path])
    assert str(info.value).startswith(str(tmp_path / message.split(":")[0]))
    assert message.split(":", 1)[1] in str(info.value)


def test_missing_rule_folder(tmp_path):
    with pytest.raises(RuleError, match="not a folder of rule files"):
        load_rules([tmp_path / "nowhere"])


def test_rule_folder_without_yaml(tmp_path):
    with pytest.raises(RuleError, match="no \\*.yaml rule files"):
        load_rules([tmp_path])


def test_no_lemma_in_two_verb_groups():
    seen = {}
    for rule in RULES.verbs:
        for lemma in rule.lemmas:
            assert lemma not in seen, f"{lemma} is in {seen[lemma]} and {rule.id}"
            seen[lemma] = rule.id
