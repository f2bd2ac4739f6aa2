"""Rule files: they load, their ids are unique, every rule's example fires, and errors name file:line."""

import json

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



@pytest.mark.model
@pytest.mark.parametrize("text,rule,times", [
    # a quotation of a view counts against a claim; a quoted figure does not
    ('"It is a disgrace," the senator said.', "claim.opinion_quote", 1),
    ('"We lost 40 jobs," the senator said.', "claim.opinion_quote", 0),
    # a negation with no figure asserts an absence; one with a figure is checkable
    ("The minister did not attend the meeting.", "claim.negated", 1),
    ("The firm did not pay the $5,000 fine.", "claim.negated", 0),
    # a death verb makes a casualty claim; the same words in a game do not
    ("He was beaten to death in police custody.", "claim.casualties", 1),
    ("The home side beat the champions in the final.", "claim.casualties", 0),
    # every charge counts, up to three
    ("The former agent was convicted of racketeering, fraud and extortion.", "claim.legal", 3),
    ("The former agent was convicted.", "claim.legal", 1),
])
def test_checkworthiness_counts(engine, text, rule, times):
    from provenance.checkworthiness import Worth

    doc = engine.nlp(text)
    assert Worth(doc.vocab, RULES.checkworthiness).features(doc[:], 3).get(rule, 0) == times

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
     "bad.yaml:4: [cue.x] invalid Matcher pattern: token 1, COLOUR: Extra inputs are not permitted"),
    ("cues:\n  - id: cue.x\n    kind: according_to\n    pattern:\n      - {LOWER: according}\n      - {LOWER: {IN: to}}\n",
     "bad.yaml:6: [cue.x] invalid Matcher pattern: token 2, LOWER -> TokenPatternString -> IN: Input should be a valid list"),
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
    with pytest.raises(RuleError, match="no \\*.yaml or \\*.yml rule files"):
        load_rules([tmp_path])


def test_no_lemma_in_two_verb_groups():
    seen = {}
    for rule in RULES.verbs:
        for lemma in rule.lemmas:
            assert lemma not in seen, f"{lemma} is in {seen[lemma]} and {rule.id}"
            seen[lemma] = rule.id


# One rule set, one id: a folder (or the built-in rules) is one set; a later set may replace an id.


def write(folder, files):
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


VAGUE_RULE = "  - id: {id}\n    lemmas: [{lemma}]\n"


@pytest.mark.parametrize("files,problems", [
    ({"a.yaml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="pundit")
      + VAGUE_RULE.format(id="vague.x", lemma="insider")},
     ["a.yaml:4: [vague.x] duplicate id, first at {dir}/a.yaml:2; give each rule its own id"]),
    ({"a.yaml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="pundit"),
      "b.yaml": "\n\nverbs:\n  - id: vague.x\n    stance: neutral\n    lemmas: [mutter]\n"},
     ["b.yaml:4: [vague.x] duplicate id, first at {dir}/a.yaml:2; give each rule its own id"]),
    ({"a.yaml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="pundit"),
      "b.yml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="insider")},
     ["b.yml:2: [vague.x] duplicate id, first at {dir}/a.yaml:2; give each rule its own id"]),
    ({"a.yaml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="pundit") + "  - id: vague.x\n    lemma: [x]\n"},
     ["a.yaml:4: [vague.x] unknown key 'lemma'; allowed: example, lemmas, type",
      "a.yaml:4: [vague.x] missing key 'lemmas'",
      "a.yaml:4: [vague.x] duplicate id, first at {dir}/a.yaml:2; give each rule its own id"]),
])
def test_an_id_twice_in_one_folder_names_both_places(tmp_path, files, problems):
    folder = write(tmp_path / "mine", files)
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    assert info.value.problems == tuple(f"{folder}/{p.format(dir=folder)}" for p in problems)


def test_a_vague_group_of_an_unknown_type_is_refused(tmp_path):
    folder = write(tmp_path / "mine", {"a.yaml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="pundit")
                                       + "    type: pundit\n"})
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    assert info.value.problems[0].startswith(f"{folder}/a.yaml:2: [vague.x] unknown type 'pundit'; expected one of ")


def test_a_vague_group_has_the_type_its_rule_gives(tmp_path):
    folder = write(tmp_path / "mine", {"a.yaml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="pundit")
                                       + "    type: media\n" + VAGUE_RULE.format(id="vague.y", lemma="sage")})
    kinds = {r.id: r.type for r in load_rules([folder]).vague}
    assert (kinds["vague.x"], kinds["vague.y"]) == ("media", "unnamed")


def test_the_builtin_rules_hold_each_id_once():
    load_rules()  # a duplicate among them would raise, naming both places
    assert RULES.overrides == ()


def builtin_place(rule_id):
    """`path:line` of a built-in rule, read from its file."""
    for path in default_rules_dir().glob("*.yaml"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() == f"- id: {rule_id}":
                return f"{path}:{number}"
    raise AssertionError(rule_id)


REUTERS = "sources:\n  - id: source.reuters\n    name: Thomson Reuters\n    type: news_agency\n    aliases: [Reuters]\n"


def test_a_folder_may_replace_a_builtin_id_and_says_so_once(tmp_path):
    folder = write(tmp_path / "mine", {"mine.yaml": REUTERS})
    rules = load_rules([folder])
    assert rules.overrides == (f"{folder}/mine.yaml:2: [source.reuters] replaces the rule at "
                               f"{builtin_place('source.reuters')}",)
    assert [s.name for s in rules.sources if s.id == "source.reuters"] == ["Thomson Reuters"]
    assert rules.count() == RULES.count()


def test_a_later_folder_replaces_an_earlier_one(tmp_path):
    first = write(tmp_path / "first", {"x.yaml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="pundit")})
    second = write(tmp_path / "second", {"x.yml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="insider")})
    rules = load_rules([first, second])
    assert rules.overrides == (f"{second}/x.yml:2: [vague.x] replaces the rule at {first}/x.yaml:2",)
    assert [r.lemmas for r in rules.vague if r.id == "vague.x"] == [("insider",)]


def test_yml_files_are_rule_files(tmp_path):
    folder = write(tmp_path / "mine", {"more.yml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="pundit"),
                                       "notes.txt": "not rules"})
    rules = load_rules([folder])
    assert rules.files[-1] == str(folder / "more.yml")
    assert len(rules.files) == len(RULES.files) + 1
    assert "vague.x" in {r.id for r in rules.vague}


def test_every_problem_of_a_folder_is_reported_in_file_order(tmp_path):
    folder = write(tmp_path / "mine", {
        "a.yaml": ("verbs:\n  - id: verb.x\n    stance: loud\n    lemmas: [mutter]\n"
                   "  - id: verb.y\n    colour: red\n"
                   "  - just a string\n"
                   "vague:\n" + VAGUE_RULE.format(id="vague.ok", lemma="pundit")),
        "b.yaml": "vague: [\n",
        "c.yml": "\nspells:\n  - id: spell.x\n",
    })
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    assert info.value.problems == (
        f"{folder}/a.yaml:2: [verb.x] unknown stance 'loud'; expected one of neutral, endorsing, distancing, hedged",
        f"{folder}/a.yaml:5: [verb.y] unknown key 'colour'; allowed: example, lemmas, object_lemmas, reports, scope, "
        "stance",
        f"{folder}/a.yaml:5: [verb.y] missing key 'stance'",
        f"{folder}/a.yaml:5: [verb.y] missing key 'lemmas'",
        f"{folder}/a.yaml:7: 'verbs' holds a non-mapping entry 'just a string'; each rule is a mapping with an id",
        f"{folder}/b.yaml:2: YAML error: expected the node content, but found '<stream end>'",
        f"{folder}/c.yml:2: unknown rule family 'spells'; expected one of {', '.join(FAMILIES)}",
    )
    assert str(info.value) == "\n".join(info.value.problems)


def test_a_key_twice_in_one_rule_is_an_error(tmp_path):
    folder = write(tmp_path / "mine", {"a.yaml": "vague:\n  - id: vague.x\n    lemmas: [pundit]\n    id: vague.y\n"})
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    assert info.value.problems == (
        f"{folder}/a.yaml:4: YAML error: key 'id' given twice in one mapping (first on line 2)",)


def test_missing_and_empty_folders_are_both_reported(tmp_path):
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path / "nowhere", write(tmp_path / "empty", {})])
    assert info.value.problems == (
        f"{tmp_path / 'nowhere'}: not a folder of rule files; pass a folder holding *.yaml rules, or one *.yaml file",
        f"{tmp_path / 'empty'}: no *.yaml or *.yml rule files in this folder",
    )


def rules_check(*args):
    from click.testing import CliRunner

    from provenance.cli import cli
    return CliRunner().invoke(cli, ["rules", "check", *map(str, args)], prog_name="provenance")


def test_rules_check_lists_every_problem_then_fails_once(tmp_path):
    folder = write(tmp_path / "mine", {"a.yaml": "vague:\n" + VAGUE_RULE.format(id="vague.x", lemma="pundit") * 2,
                                       "b.yml": "vague:\n  - id: Bad\n    lemmas: [x]\n"})
    result = rules_check(folder)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{folder}/a.yaml:4: [vague.x] duplicate id, first at {folder}/a.yaml:2; give each rule its own id\n"
        f"{folder}/b.yml:2: [Bad] missing or malformed id 'Bad'; ids are dotted lower-case like verb.neutral\n"
        "Error: 2 problems in the rule files; fix each, then run provenance rules check\n")


def test_rules_check_reports_a_replaced_builtin_once(tmp_path):
    folder = write(tmp_path / "mine", {"mine.yaml": REUTERS})
    result = rules_check(folder)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{len(RULES.files) + 1} rule files OK, digest ")
    last_family, count = list(RULES.count().items())[-1]
    assert result.stdout.endswith(
        f"  {last_family:<16}{count:>4}\n"
        f"{folder}/mine.yaml:2: [source.reuters] replaces the rule at {builtin_place('source.reuters')}\n")
    assert result.stdout.count("replaces") == 1


@pytest.mark.model
def test_check_notes_a_replaced_builtin_once_with_workers(engine, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from provenance import cli as cli_module

    monkeypatch.setattr(cli_module, "load_pipeline", lambda name=None: engine.nlp)
    folder = write(tmp_path / "mine", {"mine.yaml": REUTERS})
    articles = write(tmp_path / "in", {f"a{i}.txt": f"Reuters reported that the bridge closed, report {i}.\n"
                                       for i in range(40)})
    result = CliRunner().invoke(cli_module.cli, ["check", str(articles), "--no-db", "--rules", str(folder),
                                                 "--jobs", "2", "--format", "jsonl"], prog_name="provenance")
    assert result.exit_code == 0
    assert result.stderr == (f"note: {folder}/mine.yaml:2: [source.reuters] replaces the rule at "
                             f"{builtin_place('source.reuters')}\n")
    assert {json.loads(line)["attributions"][0]["speaker"]["name"] for line in result.stdout.splitlines()} == {
        "Thomson Reuters"}
