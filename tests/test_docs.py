"""The README documents every command and module, starts with the two set-up commands, and CI runs its
test command; rules/README.md documents every id a finding can carry."""
import dataclasses
import functools
import re
from pathlib import Path

import click
import pytest
import yaml

from provenance.cli import cli
from provenance.rules import CUE_KINDS, load_rules

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
RULES_README = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "provenance"


def commands(group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, prefix + (name,))
        else:
            yield " ".join(("provenance",) + prefix + (name,))


@pytest.mark.parametrize("command", sorted(commands(cli)))
def test_every_command_is_in_the_readme(command):
    assert f"### {command}" in README


def setup_commands():
    setup = README.split("## Set-up", 1)[1].split("##", 1)[0]
    return [line.strip() for line in setup.splitlines() if line.startswith("    ")]


# A system Python may be externally managed (PEP 668: Debian, Ubuntu), refusing `pip install`
# outside a virtual environment: each command makes one and works in it.
VENV = "python3 -m venv .venv && . .venv/bin/activate && "


def test_readme_starts_with_the_two_setup_commands():
    assert setup_commands() == [VENV + "pip install . && provenance check seeds/",
                                VENV + "pip install '.[test]' && python -m pytest"]


def test_ci_runs_the_readme_test_command():
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert setup_commands()[1] in lines


def layout_table():
    """The paths the README's Layout table names, each row's first cell."""
    table = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    return [path for row in rows for path in re.findall(r"`([^`]+)`", row)]


def test_the_layout_table_names_what_is_there():
    for path in layout_table():
        assert (ROOT / path).exists(), f"README's Layout table names {path}, which is not in the tree"


@pytest.mark.parametrize("module", sorted(
    str(path.relative_to(ROOT)) for path in PACKAGE.glob("*.py") if path.name != "__init__.py"))
def test_every_module_is_in_the_layout_table(module):
    assert module in layout_table()


@pytest.mark.parametrize("package", sorted(
    f"{path.parent.relative_to(ROOT)}/" for path in PACKAGE.glob("*/__init__.py")))
def test_every_subpackage_is_in_the_layout_table(package):
    assert package in layout_table()


def test_every_rule_family_is_documented():
    for path in (ROOT / "rules").glob("*.yaml"):
        assert f"## {path.name}" in RULES_README


# -- ids that reach the database: the `rules`, `cue_rule` and `reasons` columns and `sources.rule`

RULES = load_rules()
# A link id written out in the package: '["link.clause"]', 'how.append("link.resumed_quote")'.
LINK_LITERAL = re.compile(r"""["'](link\.[a-z_]+)["']""")
# A link id built from a value: '"link." + cue.kind', 'f"link.{cue.kind}"'.
LINK_BUILT = re.compile(r"""["']link\.["']\s*\+\s*([\w.]+)|\bf["']link\.\{([^}]*)\}""")
# What each value a link id is built from can be. "link." + cue.kind is how the linker's
# cue-phrase pass names a cue phrase's mechanism (provenance/linking/phrases.py); a cue
# phrase's kind is one that provenance.rules accepts for a cue rule.
BUILT_FROM = {"cue.kind": CUE_KINDS}
# The resolver names a source it learned from the article itself: Speaker(..., "article.person").
ARTICLE_LITERAL = re.compile(r"""["'](article\.[a-z_]+)["']""")


@functools.lru_cache(maxsize=None)
def package_sources():
    """Every module of the package, wherever the linker's passes live."""
    return {path: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))}


def built_link_expressions():
    return {(path.relative_to(ROOT), match.group(1) or match.group(2))
            for path, source in package_sources().items() for match in LINK_BUILT.finditer(source)}


def link_ids():
    ids = {i for source in package_sources().values() for i in LINK_LITERAL.findall(source)}
    built = {f"link.{value}" for _, expression in built_link_expressions() for value in BUILT_FROM.get(expression, ())}
    return sorted(ids | built)


def article_ids():
    return sorted({i for source in package_sources().values() for i in ARTICLE_LITERAL.findall(source)})


def rule_ids(rules=RULES):
    """The id of every rule of every family of the rule set (each of its fields that holds rules)."""
    return sorted(rule.id for field in dataclasses.fields(rules) for rule in getattr(rules, field.name)
                  if hasattr(rule, "id"))


def defining_files(rules=RULES):
    """The name of the rule file that defines each rule (a later file replaces a rule, as in load_rules)."""
    return {entry["id"]: Path(path).name for path in rules.files
            for entries in (yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).values()
            for entry in entries}


DEFINED_IN = defining_files()


def documented(finding_id):
    return f"`{finding_id}`" in RULES_README


def test_the_source_scan_finds_written_and_built_link_ids():
    ids = link_ids()
    assert "link.quote_cue" in ids and "link.clause" in ids
    assert {f"link.{kind}" for kind in CUE_KINDS} <= set(ids)


def test_every_built_link_id_has_known_values():
    unknown = sorted(f"{path}: 'link.' + {expression}" for path, expression in built_link_expressions()
                     if expression not in BUILT_FROM)
    assert not unknown, f"link ids built from values this test cannot list; add them to BUILT_FROM: {unknown}"


@pytest.mark.parametrize("link_id", link_ids())
def test_every_link_id_is_documented(link_id):
    assert documented(link_id), f"rules/README.md does not say what `{link_id}` matches; add it to the link.* list"


@pytest.mark.parametrize("article_id", article_ids())
def test_every_resolver_id_is_documented(article_id):
    assert documented(article_id), f"rules/README.md does not name the resolver's `{article_id}`"


@pytest.mark.parametrize("rule_id", rule_ids())
def test_every_rule_id_is_documented_under_its_family(rule_id):
    """rules/README.md documents rules by family: the heading of each file's section names its ids' prefixes."""
    name = DEFINED_IN[rule_id]
    heading = next((line for line in RULES_README.splitlines() if line.startswith(f"## {name}")), None)
    assert heading is not None, f"rules/README.md has no section for {name}, which defines {rule_id}"
    prefix = rule_id.split(".", 1)[0]
    assert f"`{prefix}.*`" in heading, f"the heading {heading!r} does not name `{prefix}.*`, the family of {rule_id}"


def test_every_id_the_rules_readme_names_exists():
    prefixes = "|".join(sorted({re.escape(i.split(".")[0]) for i in rule_ids()} | {"link", "article"}))
    named = set(re.findall(rf"`((?:{prefixes})\.[a-z_]+)`", RULES_README))
    assert named, "no ids found in rules/README.md"
    stale = sorted(named - set(rule_ids() + link_ids() + article_ids()))
    assert not stale, f"rules/README.md names ids that no rule or code produces: {stale}"
