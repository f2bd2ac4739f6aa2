"""The `provenance` command line: a thin shell over the library."""
from __future__ import annotations

import getpass
import itertools
import json
import sys
import textwrap
from pathlib import Path

import click

from . import __version__, report, storage
from .linking import CHECK, Conventions
from .batch import MAX_CHARS, Run
from .engine import Engine
from .errors import ProvenanceError
from .escaping import escape_terminal
from .evaluation import CONVENTIONS, baseline_predictor, engine_predictor, evaluate, format_report, read_gold
from .model import load_pipeline
from .progress import Progress
from .reading import iter_articles
from .records import FLAGGED
from .rules import load_rules


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
def cli():
    """Who said it? Source attribution and quote provenance for news text.

    \b
    Example:
        provenance check seeds/
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", default="provenance.db", show_default=True, help="SQLite database to write.")
@click.option("--no-db", is_flag=True, help="Write no database, only the output.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(), help="Extra folder of rule files (repeatable).")
@click.option("--model", help="Installed spaCy pipeline to use (default: $PROVENANCE_MODEL, then en_core_web_sm).")
@click.option("--format", "fmt", type=click.Choice(report.FORMATS), default="text", show_default=True)
@click.option("--scope", type=click.Choice(["speech", "all"]), default="speech", show_default=True,
              help="speech: statements only; all: also beliefs, intentions and judgements.")
@click.option("--fail-on", type=click.Choice(FLAGGED),
              help="Exit 3 when an article has a claim of this status (vague includes unattributed).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that parse and analyze in parallel.")
@click.option("--force", is_flag=True, help="Re-check articles already in the database with the same text, model and rules.")
@click.option("--max-chars", type=click.IntRange(min=0), default=MAX_CHARS, show_default=True,
              help="Refuse an article longer than this many characters, as failed (0: no limit).")
def check(paths, db_path, no_db, rules_dirs, model, fmt, scope, fail_on, jobs, force, max_chars):
    """Find every attribution and flag unattributed claims in articles.

    PATHS are files, folders (searched for .txt, .md, .html), - for standard input,
    .jsonl files with a "text" field per line, or quoted glob patterns.
    Articles already in the database with the same text, model and rules are
    skipped unless --force, so an interrupted run resumes where it stopped.

    \b
    Example:
        provenance check seeds/ --db provenance.db
        provenance check 'archive/**/*.txt' --jobs 2
        provenance check article.txt --format jsonl --fail-on unattributed
    """
    engine = _engine(rules_dirs, model, scope)
    run = _call(Run.start, engine, None if no_db else db_path, _command_line(click.get_current_context()), fail_on,
                max_chars or None)
    writer = report.Writer(fmt)
    progress = Progress.for_paths(sys.stderr, paths, writer.shows_progress)
    click.echo(writer.start(), nl=False)
    for outcome in run.check(iter_articles(paths), jobs=jobs, force=force):
        progress.clear()
        out, err = writer.add(outcome)
        click.echo(out, nl=False, color=True)  # as written: piped, click would strip what looks like ANSI codes
        click.echo(err, nl=False, err=True)
        progress.step()
    progress.clear()
    _call(run.finish)
    click.echo(writer.end(run.summary()), nl=False)
    if run.exit_status:
        sys.exit(run.exit_status)


def _command_line(ctx: click.Context) -> str:
    """The command as the user gave it, rebuilt from the parsed parameters."""
    words = [ctx.command_path] + list(ctx.params["paths"])
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if param.name == "paths" or value in (None, False, ()) or value == param.default:
            continue
        flag = param.opts[0]
        values = value if isinstance(value, tuple) else (value,)
        words += [flag] if value is True else [w for v in values for w in (flag, str(v))]
    return " ".join(words)


@cli.command()
@click.argument("claim_id", required=False)
@click.option("--db", "db_path", default="provenance.db", show_default=True)
@click.option("--verdict", type=click.Choice(storage.VERDICTS), help="Record this verdict without prompting.")
@click.option("--note", help="A note to keep with the verdict.")
@click.option("--reviewer", default=lambda: _login(), show_default="your login name")
def review(claim_id, db_path, verdict, note, reviewer):
    """Review flagged claims, most check-worthy first, and record verdicts.

    Without CLAIM_ID, walks the open flagged claims interactively. With CLAIM_ID and
    --verdict, records one verdict and exits (for scripts).

    \b
    Example:
        provenance review
        provenance review 3f2a9c0e1b7d4a55 --verdict needs-source --note "no source for the toll"
    """
    db = _existing_db(db_path)
    if claim_id:
        if not verdict:
            raise click.UsageError("give --verdict with a CLAIM_ID")
        row = _call(storage.add_review, db, claim_id, verdict, note, reviewer)
        click.echo(escape_terminal(f"{row['claim_id']}: {row['verdict']} by {row['reviewer']}"))
        return
    if verdict or note:
        raise click.UsageError("--verdict and --note go with a CLAIM_ID; without one, review prompts for each claim")
    _review_interactively(db, reviewer)


def _review_interactively(db, reviewer: str) -> None:
    claims = storage.flagged_claims(db)
    if not claims:
        click.echo("No open flagged claims.")
        return
    choices = {"n": "needs-source", "a": "acceptable", "f": "false-positive", "s": "skip", "q": None}
    done = 0
    for number, row in enumerate(claims, start=1):
        detail = storage.claim(db, row["id"])
        heading = (f"[{number}/{len(claims)}] {row['status']}, check-worthiness {row['checkworthiness']}"
                   f" — {detail['article_title'] or detail['article_path']}")
        click.echo("\n" + escape_terminal(heading, newlines="space"))
        before, text, after = (escape_terminal(detail[key], newlines="space")
                               for key in ("context_before", "text", "context_after"))
        context = f"…{before}" + click.style(f"[{text}]", bold=True) + f"{after}…"
        click.echo(textwrap.fill(" ".join(context.split()), 100))
        key = click.prompt("Verdict: [n]eeds-source [a]cceptable [f]alse-positive [s]kip [q]uit",
                           type=click.Choice(list(choices)), show_choices=False)
        if choices[key] is None:
            break
        note = click.prompt("Note (optional)", default="", show_default=False)
        storage.add_review(db, row["id"], choices[key], note or None, reviewer)
        done += 1
    progress = storage.review_progress(db)
    click.echo(f"\n{done} verdict{'s' * (done != 1)} recorded; {progress['open']} flagged claims still open.")


@cli.command()
@click.option("--db", "db_path", default="provenance.db", show_default=True)
def sources(db_path):
    """List the sources seen: type, statements attributed to each, and in how many articles.

    \b
    Example:
        provenance sources --db provenance.db
    """
    rows = storage.source_summary(_existing_db(db_path))
    if not rows:
        click.echo("No sources yet: run provenance check first.")
        return
    names = [escape_terminal(r["name"]) for r in rows]
    width = max(len(name) for name in names)
    click.echo(f"{'source':<{width}}  {'type':<12}  statements  articles")
    for name, r in zip(names, rows):
        click.echo(f"{name:<{width}}  {escape_terminal(r['type']):<12}  {r['statements']:>10}  {r['articles']:>8}")


@cli.command("eval")
@click.argument("gold", type=click.Path())
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True,
              help="PolNeAR split to score on (a JSONL gold file has no splits).")
@click.option("--baseline", type=click.Choice(["textacy"]), help="Score a baseline on the same articles, side by side.")
@click.option("--json", "json_path", type=click.Path(), help="Also write the scores to this JSON file.")
@click.option("--limit", type=int, help="Score only the first N articles.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(), help="Extra folder of rule files (repeatable).")
@click.option("--model", help="Installed spaCy pipeline to use.")
@click.option("--scope", type=click.Choice(["speech", "all"]), default="all", show_default=True,
              help="all matches PolNeAR, which annotates beliefs and intentions too.")
@click.option("--conventions", type=click.Choice(sorted(CONVENTIONS)), default="polnear", show_default=True,
              help="polnear: one cue per attribution, \"that\" kept in content and no statement nested in "
                   "another's content, as PolNeAR annotates; "
                   "check: the findings exactly as check reports them.")
def eval_command(gold, split, baseline, json_path, limit, rules_dirs, model, scope, conventions):
    """Score attributions against gold annotations: PolNeAR brat folders or our JSONL gold.

    \b
    Example:
        provenance eval ../polnear --split dev --baseline textacy
        provenance eval my-gold.jsonl --json scores.json
    """
    engine = _engine(rules_dirs, model, scope, CONVENTIONS[conventions])
    documents = _call(lambda: list(itertools.islice(read_gold(gold, split), limit)))
    if not documents:
        raise _error(f"{gold}: no gold documents found for split '{split}'")
    other = baseline_predictor(engine.nlp) if baseline else None
    result = _call(evaluate, documents, engine_predictor(engine), other)
    click.echo(format_report(result.ours, result.baseline, names=("provenance", baseline or "")))
    if json_path:
        scores = {"provenance": result.ours.as_dict()}
        if result.baseline:
            scores[baseline] = result.baseline.as_dict()
        Path(json_path).write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")


@cli.group()
def rules():
    """Work with rule files.

    \b
    Example:
        provenance rules check my-rules/
    """


@rules.command("check")
@click.argument("folder", required=False, type=click.Path())
def rules_check(folder):
    """Validate the built-in rules, plus FOLDER's rule files if given, and count them.

    \b
    Example:
        provenance rules check my-rules/
    """
    ruleset = _call(load_rules, [Path(folder)] if folder else [])
    counts = ruleset.count()
    click.echo(f"{len(ruleset.files)} rule files OK, digest {ruleset.digest}")
    for family, count in counts.items():
        click.echo(f"  {family:<16}{count:>4}")


def _engine(rules_dirs, model, scope: str = "speech", conventions: Conventions = CHECK) -> Engine:
    ruleset = _call(load_rules, [Path(d) for d in rules_dirs])
    return Engine(_call(load_pipeline, model), ruleset, scope, conventions)


def _existing_db(db_path: str):
    if db_path != ":memory:" and not Path(db_path).exists():
        raise _error(f"{db_path}: no such database; run provenance check first or pass --db")
    return _call(storage.open_db, db_path)


def _call(function, *args, **kwargs):
    """Run a library function, turning its user-facing errors into a one-line CLI error."""
    try:
        return function(*args, **kwargs)
    except ProvenanceError as exc:
        raise _error(str(exc)) from None


def _error(message: str) -> click.ClickException:
    """A one-line CLI error whose message may quote input: shown through `escape_terminal`."""
    return click.ClickException(escape_terminal(message, newlines="keep"))


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
