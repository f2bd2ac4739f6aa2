"""The README's examples, run in order on one database in a fresh folder, print what the README shows.

An example is a fenced block whose lines starting with `$ ` are commands (`provenance`,
`sqlite-utils` or `cat`), each followed by its output, standard error mixed in as a
terminal shows it. Times are compared as a placeholder. After a change that alters an
output, `PROVENANCE_UPDATE_README=1 python -m pytest tests/test_readme.py` writes the
outputs into the README, to be reviewed like code.
"""
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils.cli import cli as sqlite_utils_cli

from provenance import cli as cli_module

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK_RE = re.compile(r"^```\n(\$ .*?)^```\n", re.MULTILINE | re.DOTALL)
TIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")
PROGRAMS = {"provenance": cli_module.cli, "sqlite-utils": sqlite_utils_cli}


def examples(text):
    """Each example as (command line, output shown), in README order."""
    for block in BLOCK_RE.findall(text):
        for part in re.split(r"^(?=\$ )", block, flags=re.MULTILINE):
            if part:
                command, _, output = part[2:].partition("\n")
                yield command, output


def run(command):
    words = shlex.split(command)
    if words[0] == "cat":
        return Path(words[1]).read_text(encoding="utf-8")
    result = CliRunner().invoke(PROGRAMS[words[0]], words[1:], prog_name=words[0])
    assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
    return result.output


def updated(text, found):
    """The README with each example's output replaced by what it printed, in order (kept where only times differ)."""
    done, cursor = [], 0
    for command, shown, output in found:
        output = shown if TIME_RE.sub("TIME", output) == TIME_RE.sub("TIME", shown) else output
        start = text.index(f"$ {command}\n{shown}", cursor)
        done.append(text[cursor:start] + f"$ {command}\n{output}")
        cursor = start + len(f"$ {command}\n{shown}")
    return "".join(done) + text[cursor:]


@pytest.fixture
def folder(tmp_path, monkeypatch, engine):
    """A fresh folder holding what the examples read, with the CLI reusing the session's pipeline."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "docs" / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli_module, "load_pipeline", lambda name=None: engine.nlp)
    monkeypatch.setenv("PROVENANCE_MODEL", "")
    return tmp_path


@pytest.mark.model
def test_the_readme_examples_print_what_the_readme_shows(folder):
    text = README.read_text(encoding="utf-8")
    found = [(command, shown, run(command)) for command, shown in examples(text)]
    assert len(found) >= 20
    if os.environ.get("PROVENANCE_UPDATE_README"):
        README.write_text(updated(text, found), encoding="utf-8")
        return
    for command, shown, output in found:
        assert TIME_RE.sub("TIME", output) == TIME_RE.sub("TIME", shown), command
