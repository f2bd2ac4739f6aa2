"""The README documents every command, starts with the two set-up commands, and CI runs its test command."""
from pathlib import Path

import click
import pytest

from provenance.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, prefix + (name,))
        else:
            yield " ".join(("provenance",) + prefix + (name,))


@pytest.mark.parametrize("command", sorted(commands(cli)))
def test_every_command_is_in_the_readme(command):
    assert f"### {command}" in README


def test_readme_starts_with_the_two_setup_commands():
    setup = README.split("## Set-up", 1)[1].split("##", 1)[0]
    indented = [line.strip() for line in setup.splitlines() if line.startswith("    ")]
    assert indented == ["pip install . && provenance check seeds/", "pip install '.[test]' && python -m pytest"]


def test_ci_runs_the_readme_test_command():
    assert "pip install '.[test]' && python -m pytest" in (ROOT / ".ci" / "run").read_text()


def test_every_rule_family_is_documented():
    rules_readme = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    for path in (ROOT / "rules").glob("*.yaml"):
        assert f"## {path.name}" in rules_readme
