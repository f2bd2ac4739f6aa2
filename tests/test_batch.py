"""Corpus runs: batches in input order, parallel workers, skipping unchanged articles, resuming a killed run,
and a run's record: its tally, summary, exit status and row in the database."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
import sqlite_utils

from provenance import storage
from provenance import __version__
from provenance.batch import EXIT_FLAGGED, EXIT_INPUT, Run, Skipped, check_articles, fails
from provenance.errors import InputError
from provenance.reading import count_articles, iter_articles
from provenance.records import ATTRIBUTED, UNATTRIBUTED, VAGUE, Analysis, Article, Claim

TEXTS = [
    "The ministry said that the bridge had been destroyed overnight.",
    "Officials said the border would reopen on Friday.",
    "Five soldiers were killed on Monday in the north of the province.",
    "“We will rebuild every single house,” the governor said.",
    "It is reported that the town fell before dawn.",
]


def articles(n):
    return [Article.from_text(f"{TEXTS[i % len(TEXTS)]} Report number {i}.", f"a{i}.txt") for i in range(n)]


def kinds(outcomes):
    return [type(o).__name__ for o in outcomes]


class StatusEngine:
    """Stands in for the engine: each article's claims have the statuses its text names, one a word."""

    model_name, model_version, rules, conventions_key = "m", "1", SimpleNamespace(digest="r"), "nested=1"

    def __init__(self, scope="speech"):
        self.scope = scope

    def analyze_many(self, articles, batch_size):
        return [Analysis(article, (), tuple(Claim(i, i + 1, f"{status} {i}", status, None, 0.0, ())
                                            for i, status in enumerate(article.text.split())),
                         self.model_name, self.model_version, self.rules.digest, __version__, self.scope,
                         self.conventions_key) for article in articles]


def status_articles(*texts):
    return [Article.from_text(text, f"s{i}.txt") for i, text in enumerate(texts)]


@pytest.mark.parametrize("statuses,fail_on,expected", [
    (f"{ATTRIBUTED} {UNATTRIBUTED}", None, False),
    (f"{ATTRIBUTED} {UNATTRIBUTED}", UNATTRIBUTED, True),
    (f"{ATTRIBUTED} {UNATTRIBUTED}", VAGUE, True),
    (f"{ATTRIBUTED} {VAGUE}", UNATTRIBUTED, False),
    (f"{ATTRIBUTED} {VAGUE}", VAGUE, True),
    (ATTRIBUTED, VAGUE, False),
])
def test_fails_on_a_status_or_a_more_serious_one(statuses, fail_on, expected):
    [analysis] = StatusEngine().analyze_many(status_articles(statuses), 1)
    assert fails(analysis, fail_on) is expected


@pytest.mark.parametrize("items,fail_on,summary,exit_status", [
    (status_articles(ATTRIBUTED), UNATTRIBUTED, "1 article checked, 0 failed", 0),
    (status_articles(ATTRIBUTED, VAGUE), UNATTRIBUTED, "2 articles checked, 0 failed", 0),
    (status_articles(ATTRIBUTED, VAGUE), VAGUE, "2 articles checked, 0 failed", EXIT_FLAGGED),
    # a failed input outranks a flagged article
    (status_articles(UNATTRIBUTED) + [InputError("bad.txt: empty article")], VAGUE,
     "1 article checked, 1 failed", EXIT_INPUT),
    ([], None, "0 articles checked, 0 failed", 0),
])
def test_run_tally_summary_and_exit_status(items, fail_on, summary, exit_status):
    run = Run.start(StatusEngine(), fail_on=fail_on)
    outcomes = list(run.check(items))
    assert len(outcomes) == len(items)
    assert run.db is None and run.id is None
    assert (run.summary(), run.exit_status) == (summary, exit_status)


def test_runs_record_themselves_and_a_second_run_skips_unchanged_articles(tmp_path):
    db_path = str(tmp_path / "p.db")
    first = Run.start(StatusEngine(), db_path, command="provenance check .")
    list(first.check(status_articles(ATTRIBUTED, VAGUE) + [InputError("bad.txt: empty article")]))
    first.finish()
    second = Run.start(StatusEngine(), db_path, command="provenance check . --force")
    assert kinds(second.check(status_articles(ATTRIBUTED, VAGUE))) == ["Skipped", "Skipped"]
    assert kinds(second.check(status_articles(ATTRIBUTED), force=True)) == ["Analysis"]
    second.finish()
    assert second.summary() == f"1 article checked, 0 failed, 2 reused unchanged; findings in {db_path}"
    db = storage.open_db(db_path)
    runs = list(db["runs"].rows)
    assert all(row.pop("started_at") <= row.pop("finished_at") for row in runs)
    common = {"tool_version": __version__, "model": "m", "model_version": "1", "rules_digest": "r",
              "scope": "speech", "conventions": "nested=1", "pid": os.getpid(), "host": socket.gethostname()}
    assert runs == [
        {"id": 1, **common, "command": "provenance check .", "articles_checked": 2, "articles_failed": 1,
         "articles_reused": 0, "status": "finished"},
        {"id": 2, **common, "command": "provenance check . --force", "articles_checked": 1, "articles_failed": 0,
         "articles_reused": 2, "status": "finished"},
    ]
    assert [row["run_id"] for row in db.query("select run_id from articles order by path")] == [2, 1]
    db.close()


def rerun(db_path, items, engine=None, fail_on=None, force=False):
    run = Run.start(engine or StatusEngine(), db_path, fail_on=fail_on)
    outcomes = list(run.check(items, force=force))
    run.finish()
    return run, outcomes


@pytest.mark.parametrize("statuses, fail_on, exit_status", [
    (f"{ATTRIBUTED} {UNATTRIBUTED}", UNATTRIBUTED, EXIT_FLAGGED),
    (f"{ATTRIBUTED} {VAGUE}", VAGUE, EXIT_FLAGGED),
    (f"{ATTRIBUTED} {VAGUE}", UNATTRIBUTED, 0),
])
def test_a_repeat_run_fails_on_what_the_first_did(tmp_path, statuses, fail_on, exit_status):
    db_path = str(tmp_path / "p.db")
    first, fresh = rerun(db_path, status_articles(statuses), fail_on=fail_on)
    second, reused = rerun(db_path, status_articles(statuses), fail_on=fail_on)
    assert kinds(fresh) == ["Analysis"] and kinds(reused) == ["Skipped"]
    assert (first.exit_status, second.exit_status) == (exit_status, exit_status)
    assert reused[0].analysis == fresh[0]  # the stored findings, as the analysis made them


@pytest.mark.parametrize("change, expected", [
    ({}, "Skipped"),
    ({"engine": StatusEngine(scope="all")}, "Analysis"),
    ({"force": True}, "Analysis"),
    ({"items": [Article.from_text(ATTRIBUTED, "copy.txt")]}, "Analysis"),  # the same text under another path
    ({"items": [Article.from_text(f"{ATTRIBUTED} {VAGUE}", "s0.txt")]}, "Analysis"),  # an edited version
    ({"items": [Article.from_text(ATTRIBUTED, "elsewhere.txt", id="s0.txt")]}, "Skipped"),  # its id, elsewhere
])
def test_what_a_repeat_run_reuses(tmp_path, change, expected):
    db_path = str(tmp_path / "p.db")
    rerun(db_path, status_articles(ATTRIBUTED))
    _, outcomes = rerun(db_path, **{"items": status_articles(ATTRIBUTED), **change})
    assert kinds(outcomes) == [expected]


def test_an_edited_version_replaces_the_article(tmp_path):
    db_path = str(tmp_path / "p.db")
    rerun(db_path, status_articles(f"{ATTRIBUTED} {VAGUE}"))
    rerun(db_path, status_articles(f"{ATTRIBUTED} {UNATTRIBUTED} {VAGUE}"))
    db = storage.open_db(db_path)
    assert db["articles"].count == 1
    assert [r["status"] for r in db.query("select status from claims order by start")] == [
        ATTRIBUTED, UNATTRIBUTED, VAGUE]
    assert len(storage.article_versions(db, "s0.txt")) == 2
    db.close()


@pytest.mark.model
def test_outcomes_keep_input_order_with_errors_between(engine):
    items = [articles(3)[0], InputError("bad.txt: empty article"), *articles(3)[1:]]
    outcomes = list(check_articles(items, engine, batch_size=2))
    assert kinds(outcomes) == ["Analysis", "InputError", "Analysis", "Analysis"]
    assert [o.article.path for o in outcomes if isinstance(o, Analysis)] == ["a0.txt", "a1.txt", "a2.txt"]


@pytest.mark.model
def test_unchanged_articles_are_skipped_unless_forced(engine):
    db = storage.open_db(":memory:")
    batch = articles(4)
    assert kinds(check_articles(batch, engine, db, force=False)) == ["Analysis"] * 4
    again = list(check_articles(batch + articles(5)[4:], engine, db, force=False))
    assert kinds(again) == ["Skipped"] * 4 + ["Analysis"]
    assert again[0].path == "a0.txt" and again[0].analysis.article == batch[0]
    assert kinds(check_articles(batch, engine, db, force=True)) == ["Analysis"] * 4
    assert db["articles"].count == 5


@pytest.mark.model
def test_two_jobs_find_what_one_job_finds(engine):
    batch = articles(10)
    one = list(check_articles(batch, engine, batch_size=3, jobs=1))
    two = list(check_articles(batch, engine, batch_size=3, jobs=2))
    assert [a.attributions for a in one] == [a.attributions for a in two]
    assert [a.claims for a in one] == [a.claims for a in two]


@pytest.mark.model
def test_parallel_run_saves_every_article_once(engine):
    db = storage.open_db(":memory:")
    list(check_articles(articles(12), engine, db, batch_size=4, jobs=2))
    assert db["articles"].count == 12
    assert db.execute("select count(distinct article_id) from claims").fetchone()[0] == 12


def test_glob_patterns_expand_sorted(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.txt", "skip.csv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Some text.\n")
    found = [a.path for a in iter_articles([str(tmp_path / "**" / "*.txt")])]
    assert found == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "sub" / "c.txt")]


def test_glob_without_match_is_an_input_error(tmp_path):
    [error] = list(iter_articles([str(tmp_path / "*.txt")]))
    assert str(error) == f"{tmp_path / '*.txt'}: no files match this pattern; check the pattern"


def test_count_articles_without_reading_them(tmp_path):
    (tmp_path / "dir").mkdir()
    for name in ("one.txt", "two.md", "three.html", "notes.csv"):
        (tmp_path / "dir" / name).write_text("x")
    (tmp_path / "batch.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n')
    (tmp_path / "single.txt").write_text("x")
    paths = [str(tmp_path / "dir"), str(tmp_path / "batch.jsonl"), str(tmp_path / "single.txt")]
    assert count_articles(paths) == 6
    assert count_articles(["-"]) == 1
    assert count_articles(paths + [str(tmp_path / "missing.txt")]) == 7  # an error is an outcome too


@pytest.mark.model
def test_killed_run_resumes_with_every_article_once(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(48):
        (corpus / f"{i:03}.txt").write_text(f"{TEXTS[i % len(TEXTS)]} Report number {i}.\n")
    db_path = tmp_path / "run.db"
    command = [shutil.which("provenance") or sys.executable, "check", str(corpus), "--db", str(db_path), "--jobs", "1", "--format", "jsonl"]
    if command[0] == sys.executable:
        command[1:1] = ["-c", "from provenance.cli import cli; cli()"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _articles_saved(db_path) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    first = _articles_saved(db_path)
    assert 0 < first < 48, "the run should be killed after its first batch and before its end"
    result = subprocess.run(command[:-2] + ["--format", "text"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(f"{48 - first} articles checked, 0 failed, {first} reused unchanged; findings in {db_path}\n")
    db = sqlite_utils.Database(db_path)
    paths = [row["path"] for row in db.query("select path from articles order by path")]
    assert paths == [str(corpus / f"{i:03}.txt") for i in range(48)]
    # the killed run's row did not stay open for ever: the next run found its process gone
    assert [row["status"] for row in db.query("select status from runs order by id")] == ["abandoned", "finished"]


def _articles_saved(db_path):
    if not os.path.exists(db_path):
        return 0
    try:
        return sqlite_utils.Database(db_path).execute("select count(*) from articles").fetchone()[0]
    except Exception:  # the schema is still being created
        return 0


@pytest.mark.model
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rerun_that_reuses_every_article_loads_no_model(tmp_path, monkeypatch, jobs):
    from click.testing import CliRunner

    from provenance import model
    from provenance.cli import cli

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(TEXTS):
        (corpus / f"{i:03}.txt").write_text(text + "\n")
    command = ["check", str(corpus), "--db", str(tmp_path / "run.db"), "--jobs", jobs]
    assert CliRunner().invoke(cli, command).exit_code in (0, EXIT_FLAGGED)

    def cannot_load(name, *args, **kwargs):
        raise OSError(f"{name} cannot be loaded here")
    monkeypatch.setattr(model.spacy, "load", cannot_load)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code in (0, EXIT_FLAGGED), result.output
    assert result.output.endswith(f"0 articles checked, 0 failed, {len(TEXTS)} reused unchanged; "
                                  f"findings in {tmp_path / 'run.db'}\n")
    (corpus / "new.txt").write_text("The mayor resigned on Monday, officials said.\n")  # one to analyze: it loads
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 1
    assert "cannot load spaCy pipeline" in result.output


def test_jobs_default_to_the_usable_cores(monkeypatch):
    from provenance import batch
    from provenance.cli import _processes

    monkeypatch.setattr(batch.os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    assert batch.usable_cores() == 3
    assert _processes(None, None) == 3  # no --jobs needed to use the cores
    assert _processes(2, None) == 2
    assert _processes(None, "local:2") == 1  # a cluster's workers do the work
    assert _processes(1, "local:2") == 1
