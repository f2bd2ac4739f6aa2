"""The `provenance` command line: a thin shell over the library."""
from __future__ import annotations

import contextlib
import errno
import functools
import getpass
import importlib
import itertools
import json
import os
import signal
import sys
import textwrap
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

import click

from . import __version__, report, storage, suggestions
from .linking import CHECK, Conventions
from .batch import EXIT_INPUT, MAX_CHARS, Run, usable_cores
from .engine import Engine
from .errors import InputError, ProvenanceError, RuleError
from .escaping import escape_terminal
from .evaluation.claim_scoring import TOP_K
from .evaluation import CONVENTIONS, baseline_predictor, engine_predictor, evaluate, format_report, read_gold
from .model import load_pipeline, pipeline_meta
from .pages import HTML_MODES, PRECISION
from .progress import Progress
from .reading import Item, count_inputs, input_names, iter_articles, read_inputs
from .names import ENTITY_TYPES, export
from .records import FLAGGED, Article
from .rules import RULE_SUFFIXES, load_rules, override_notes
from .weights import STRENGTH, cross_validate, fit, gathered, marks, top, weights_file


def _output_options(command):
    """The --format and --table options of the commands that print findings."""
    command = click.option("--table", type=click.Choice(sorted(report.CSV_TABLES)), default="attributions",
                           show_default=True, help="With --format csv: a row per attribution or per claim.")(command)
    return click.option("--format", "fmt", type=click.Choice(report.FORMATS), default="text",
                        show_default=True)(command)


def _check_table(fmt: str, table: str) -> None:
    if table != "attributions" and fmt != "csv":
        raise click.UsageError("--table goes with --format csv")


HTML_MODE = click.option(
    "--html-mode", type=click.Choice(HTML_MODES), default=PRECISION, show_default=True,
    help="How much of a web page to read: trafilatura's main text favouring precision, or balanced "
         "(tables and comments out of both), or favouring recall (tables and comments kept), or the whole page's text.")


class Interrupted(click.ClickException):
    """The user interrupted the command: one line on standard error, no traceback, and the exit
    status a shell gives a command that the signal ended (128 + its number: 130 for Ctrl-C)."""

    def __init__(self, message: str, signum: int = signal.SIGINT):
        super().__init__(message)
        self.exit_code = 128 + signum

    def show(self, file=None) -> None:
        click.echo(escape_terminal(self.format_message(), newlines="keep"), err=True)


class Shell(click.Group):
    """The command group: an interrupt, and a failed write of the output, end a command in one line each."""

    def main(self, *args, **kwargs):
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()  # what is still buffered fails here, not at the interpreter's exit
        except OSError as exc:  # click itself handles only a closed pipe, quietly
            if exc.errno != errno.EPIPE:
                _output_error(exc).show()
            _discard_output()
            sys.exit(1)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:  # click would print "Aborted!" and exit 1, the status of a bad input
            raise Interrupted("Interrupted.", getattr(exc, "signum", signal.SIGINT)) from None


def _output_error(exc: OSError) -> click.ClickException:
    if exc.filename is not None:
        return _error(f"{exc.filename}: {exc.strerror or exc}")
    return _error(f"cannot write the output: {exc.strerror or exc}; free some space or send the output elsewhere")


def _discard_output() -> None:
    """Point standard output at the null device, so what is still buffered cannot fail a second time at exit."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


@click.group(cls=Shell, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(), help="Extra folder of rule files, or one rule file (repeatable).")
@click.option("--model", help="Installed spaCy pipeline to use (default: $PROVENANCE_MODEL, then en_core_web_sm).")
@_output_options
@click.option("--id", "article_id", help="The article's identity, for a single article (default: its path).")
@click.option("--scope", type=click.Choice(["speech", "all"]), default="speech", show_default=True,
              help="speech: statements only; all: also beliefs, intentions and judgements.")
@click.option("--fail-on", type=click.Choice(FLAGGED),
              help="Exit 3 when an article has a claim of this status (vague includes unattributed).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, show_default="the usable cores",
              help="Processes that parse and analyze in parallel (1: this one).")
@click.option("--cluster", "cluster_address", metavar="ADDRESS",
              help="Analyze on a Dask cluster: a scheduler's address (tcp://HOST:8786) or local:N for N worker "
                   "processes here (needs the cluster extra).")
@click.option("--force", is_flag=True, help="Re-analyze articles stored from the same text, model, rules and settings.")
@click.option("--max-chars", type=click.IntRange(min=0), default=MAX_CHARS, show_default=True,
              help="Refuse an article longer than this many characters, as failed (0: no limit).")
@HTML_MODE
def check(paths, db_path, no_db, rules_dirs, model, fmt, table, article_id, scope, fail_on, jobs, cluster_address, force,
          max_chars, html_mode):
    """Find every attribution and flag unattributed claims in articles.

    PATHS are files, folders (searched for .txt, .md, .html), - for standard input,
    .jsonl files with a "text" field per line, or quoted glob patterns.
    An article is its path (or its JSONL line's id, or --id); re-checking an edited
    version replaces its findings. One stored unchanged, with the same model, rules
    and settings, is not analyzed again unless --force: its stored findings are
    reported, so an interrupted run resumes where it stopped.

    \b
    Example:
        provenance check seeds/ --db provenance.db
        provenance check 'archive/**/*.txt' --jobs 2
        provenance check 'archive/**/*.txt' --cluster tcp://10.0.0.5:8786
        provenance check article.txt --format jsonl --fail-on unattributed
        cat draft.txt | provenance check - --id draft-42 --format csv --table claims
    """
    _check_table(fmt, table)
    if article_id is not None and (len(paths) != 1 or Path(paths[0]).is_dir() or paths[0].endswith(".jsonl")):
        raise click.UsageError("--id names one article: give it with a single file or -")
    jobs = _processes(jobs, cluster_address)
    with _cluster(cluster_address) as cluster:
        # The pipeline is loaded when an article is first parsed here: never, on a cluster.
        engine = _engine(rules_dirs, model, scope, lazy=True, meta=cluster.pipeline_meta if cluster else pipeline_meta)
        if cluster is not None:
            _call(cluster.load, engine, [Path(d) for d in rules_dirs], model)
        run = _call(Run.start, engine, None if no_db else db_path, _command_line(click.get_current_context()),
                    fail_on, max_chars or None)
        writer = report.Writer(fmt, table)
        names = input_names(paths)  # folders walked lazily, one directory at a time
        drawn = Progress.drawn_on(sys.stderr, writer.shows_progress)
        if drawn:
            names = list(names)  # walked once: the progress total and the run read the same names
        progress = Progress(sys.stderr, count_inputs(names) if drawn else None, drawn, Progress.drawn_on(sys.stdout))
        if cluster is not None:
            progress.where = cluster.where
            cluster.note = functools.partial(_note, progress)
        with _interruptible(run, progress):
            click.echo(writer.start(), nl=False)
            items = _noted(read_inputs(names, html_mode=html_mode))
            if article_id is not None:
                items = (replace(item, id=article_id) if isinstance(item, Article) else item for item in items)
            for outcome in _calls(run.check(items, jobs=jobs, force=force, cluster=cluster)):
                progress.clear()
                _emit(writer.add(outcome))
                progress.step()
            progress.finish()
            click.echo(writer.end(run.summary()), nl=False)
            sys.stdout.flush()
    if run.exit_status:
        sys.exit(run.exit_status)


def _processes(jobs: Optional[int], cluster_address: Optional[str]) -> int:
    """How many processes of this machine analyze: `--jobs`, else the usable cores; one beside a cluster."""
    if cluster_address and jobs not in (None, 1):
        raise click.UsageError("give --jobs or --cluster, not both: a cluster's workers are its processes")
    if jobs is None:
        return 1 if cluster_address else min(usable_cores(), 64)
    return jobs


def _emit(output) -> None:
    out, err = output
    click.echo(err, nl=False, err=True)  # a note on an article comes before its report
    click.echo(out, nl=False, color=True)  # as written: piped, click would strip what looks like ANSI codes


def _noted(items: Iterable[Item]) -> Iterator[Item]:
    """The items, each page read with a fallback noted on standard error as it is read (`note: path: why`)."""
    for item in items:
        if isinstance(item, Article) and item.page is not None and item.page.note:
            click.echo(escape_terminal(f"note: {item.path}: {item.page.note}"), err=True)
        yield item


@cli.command("text")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(report.TEXT_FORMATS), default="text", show_default=True)
@HTML_MODE
def text_command(paths, fmt, html_mode):
    """Print the text check analyses for each input, with its metadata: what offsets index.

    That is the text after a web page's extraction, Markdown's markup blanked and line
    ends normalized, character for character as long as the stored text. No pipeline
    is loaded.

    \b
    Example:
        provenance text page.html
        provenance text 'archive/*.html' --format jsonl > texts.jsonl
    """
    ruleset = _call(load_rules, [])
    failed = False
    for item in _noted(iter_articles(paths, html_mode=html_mode)):
        if isinstance(item, InputError):
            failed = True
            click.echo(f"error: {escape_terminal(str(item), newlines='keep')}", err=True)
        else:
            click.echo(report.text_output(item, fmt, ruleset), nl=False, color=True)
    if failed:
        sys.exit(EXIT_INPUT)


@contextlib.contextmanager
def _interruptible(run: Run, progress: Progress):
    """Finish `run` in the database whatever ends it: as interrupted on Ctrl-C, `kill` or a failed write.

    SIGTERM (`kill`) and SIGHUP (the terminal closed) are taken like Ctrl-C while the run lasts,
    and none of them can cut the bookkeeping short.
    """
    with _handling(signal.SIGTERM, _terminate), _handling(HANGUP, _terminate):
        try:
            yield
        except BaseException as exc:
            with _uninterrupted():
                progress.clear()
                _call(run.finish, interrupted=True)
            if isinstance(exc, KeyboardInterrupt):
                resume = "; the same command resumes where it stopped" if run.db is not None else ""
                raise Interrupted(f"Interrupted: {run.summary()}{resume}", getattr(exc, "signum", signal.SIGINT)) from None
            raise
        with _uninterrupted():
            _call(run.finish)


HANGUP = getattr(signal, "SIGHUP", signal.SIGTERM)  # where there is no SIGHUP, SIGTERM twice does no harm


@contextlib.contextmanager
def _uninterrupted():
    """Ignore Ctrl-C, SIGTERM and SIGHUP within the block: a second signal (kill, then Ctrl-C) cannot
    cut the bookkeeping of an ending run short and leave its status empty."""
    with _handling(signal.SIGINT, signal.SIG_IGN), _handling(signal.SIGTERM, signal.SIG_IGN), \
            _handling(HANGUP, signal.SIG_IGN):
        yield


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the run stands as Ctrl-C's KeyboardInterrupt is."""

    def __init__(self, signum: int):
        super().__init__()
        self.signum = signum


def _terminate(signum, frame):
    raise _Terminated(signum)


@contextlib.contextmanager
def _handling(signum: int, handler):
    """Handle signal `signum` with `handler` within the block (only the main thread can; elsewhere, as before)."""
    try:
        previous = signal.signal(signum, handler)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signum, previous)


def _command_line(ctx: click.Context) -> str:
    """The command as the user gave it, rebuilt from the parsed parameters."""
    words = [ctx.command_path] + list(ctx.params["paths"])
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        default = param.default() if callable(param.default) else param.default
        if param.name == "paths" or value in (None, False, ()) or value == default:
            continue
        flag = param.opts[0]
        values = value if isinstance(value, tuple) else (value,)
        words += [flag] if value is True else [w for v in values for w in (flag, str(v))]
    return " ".join(words)


@cli.command()
@click.argument("claim_id", required=False)
@click.option("--db", "db_path", default="provenance.db", show_default=True)
@click.option("--verdict", type=click.Choice(storage.VERDICTS + (storage.OPEN, storage.ALL)),
              help="Record this verdict without prompting; with --list, list the claims whose latest verdict "
                   "it is (default open: never judged, skipped or undone).")
@click.option("--note", help="A note to keep with the verdict.")
@click.option("--reviewer", default=lambda: _login(), show_default="your login name")
@click.option("--list", "listing", is_flag=True, help="List flagged claims with their ids and verdicts, and exit.")
@click.option("--article", help="With --list: only the claims of this article (id or path).")
@click.option("--status", type=click.Choice(FLAGGED), help="With --list: only claims of this status.")
@click.option("--limit", type=click.IntRange(min=1), help="With --list: at most N claims.")
@click.option("--undo", is_flag=True,
              help="Take back the latest verdict on CLAIM_ID (default: your latest verdict) with a row that supersedes it.")
@click.option("--export", "export_path", type=click.Path(dir_okay=False),
              help="Write every review with its claim and article to FILE (.csv or .json), and exit.")
def review(claim_id, db_path, verdict, note, reviewer, listing, article, status, limit, undo, export_path):
    """Review flagged claims, most check-worthy first, and record verdicts.

    Without CLAIM_ID, walks the open flagged claims interactively. With CLAIM_ID and
    --verdict, records one verdict and exits (for scripts). Reviews are never
    deleted: --undo appends a row that puts the verdict before back in force.

    \b
    Example:
        provenance review
        provenance review --list --status unattributed --limit 5
        provenance review 3f2a9c0e1b7d4a55 --verdict needs-source --note "no source for the toll"
        provenance review --undo 3f2a9c0e1b7d4a55
        provenance review --export verdicts.csv
    """
    modes = [name for name, given in (("--list", listing), ("--undo", undo), ("--export", export_path)) if given]
    if len(modes) > 1:
        raise click.UsageError(f"{' and '.join(modes)} do not go together; give one")
    listing_only = [name for name, given in (("--article", article), ("--status", status), ("--limit", limit)) if given]
    if listing_only and not listing:
        raise click.UsageError(f"{', '.join(listing_only)} go with --list")
    if listing:
        _list_claims(_existing_db(db_path, readonly=True), article, status, verdict or storage.OPEN, limit)
    elif export_path:
        _export_reviews(_existing_db(db_path, readonly=True), export_path)
    elif undo:
        _undo(db_path, claim_id, reviewer)
    elif verdict in (storage.OPEN, storage.ALL):
        raise click.UsageError(f"--verdict {verdict} goes with --list; to reopen a claim, use --undo")
    elif claim_id:
        _record(db_path, claim_id, verdict, note, reviewer)
    elif verdict or note:
        raise click.UsageError("--verdict and --note go with a CLAIM_ID; without one, review prompts for each claim")
    else:
        db = _existing_db(db_path)
        try:
            _review_interactively(db, reviewer)
        finally:
            storage.close(db)


def _record(db_path: str, claim_id: str, verdict, note, reviewer) -> None:
    if not verdict:
        raise click.UsageError("give --verdict with a CLAIM_ID")
    db = _existing_db(db_path)
    row = _call(storage.add_review, db, claim_id, verdict, note, reviewer)
    storage.close(db)
    click.echo(escape_terminal(f"{row['claim_id']}: {row['verdict']} by {row['reviewer']}"))


def _undo(db_path: str, claim_id, reviewer) -> None:
    db = _existing_db(db_path)
    row = _call(storage.undo, db, claim_id, reviewer)
    storage.close(db)
    restored = row["verdict"] or f"{storage.OPEN} again"
    click.echo(escape_terminal(f"{row['claim_id']}: undid review {row['undoes']}; now {restored}"))


def _list_claims(db, article, status, verdict, limit) -> None:
    wanted = None if verdict == storage.ALL else verdict
    rows = [(row["id"], row["status"], f"{row['checkworthiness']:5.1f}", row["latest_verdict"], row["article_path"],
             row["text"]) for row in storage.list_claims(db, article, status, wanted, limit)]
    if verdict != storage.OPEN and status is None:  # a claim edited away is no longer open, nor of a status
        rows += [(row["claim_id"], "earlier", "", row["verdict"], row["article_path"] or row["article_id"],
                  row["claim_text"]) for row in storage.earlier_reviews(db, article, wanted)]
    db.close()
    if not rows:
        click.echo("No claims match.")
        return
    click.echo(f"{'claim':<16}  {'status':<12}  worth  {'verdict':<14}  article")
    for claim_id, shown_status, worth, verdict_shown, path, text in rows[:limit]:
        click.echo(escape_terminal(f"{claim_id:<16}  {shown_status:<12}  {worth:>5}  "
                                   f"{verdict_shown or storage.OPEN:<14}  {path}"))
        click.echo("  " + textwrap.shorten(escape_terminal(text or "", newlines="space"), 98, placeholder="…"))


def _export_reviews(db, path: str) -> None:
    rows = storage.review_log(db)
    db.close()
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".json"):
        raise click.UsageError(f"{path}: --export writes .csv or .json; name the file so")
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(report.rows_csv(rows) if suffix == ".csv" else report.rows_json(rows))
    except OSError as exc:
        raise _error(f"{path}: cannot write ({exc.strerror}); pass another file") from None
    click.echo(f"{len(rows)} review{'s' * (len(rows) != 1)} written to {escape_terminal(path)}")


REVIEW_PAGE = 50  # claims read from the queue at a time, so review starts at once on any size of queue


def _open_claims(db) -> Iterator[dict]:
    """The open flagged claims, most check-worthy first, read a page at a time as they are reviewed."""
    after = None
    while True:
        page = storage.open_queue_page(db, after, REVIEW_PAGE)
        yield from page
        if len(page) < REVIEW_PAGE:
            return
        after = (page[-1]["checkworthiness"], page[-1]["article_key"], page[-1]["start"])


def _review_interactively(db, reviewer: str) -> None:
    total = storage.review_progress(db)["open"]
    if not total:
        click.echo("No open flagged claims.")
        return
    done = 0
    try:
        with _handling(signal.SIGINT, _stop_prompt):  # click.prompt takes Ctrl-C for "Aborted!" and exit 1
            for number, row in enumerate(_open_claims(db), start=1):
                if not _review_one(db, reviewer, row, f"[{number}/{total}]"):
                    break
                done += 1
    except _PromptStopped as exc:
        open_claims = storage.review_progress(db)["open"]
        raise Interrupted(f"Interrupted: {_verdicts_line(done, open_claims)}", exc.signum) from None
    click.echo(f"\n{_verdicts_line(done, storage.review_progress(db)['open'])}.")


def _verdicts_line(done: int, open_claims: int) -> str:
    return f"{done} verdict{'s' * (done != 1)} recorded; {open_claims} flagged claims still open"


class _PromptStopped(Exception):
    """Ctrl-C at a review prompt: not a KeyboardInterrupt, which click.prompt would turn into Abort."""

    def __init__(self, signum: int):
        super().__init__()
        self.signum = signum


def _stop_prompt(signum, frame):
    raise _PromptStopped(signum)


REVIEW_CHOICES = {"n": "needs-source", "a": "acceptable", "f": "false-positive", "s": "skip", "q": None}


def _review_one(db, reviewer: str, row: dict, place: str) -> bool:
    """Show one flagged claim in its context, prompt for a verdict and record it; False when the reviewer quits."""
    detail = storage.claim(db, row["id"])
    heading = (f"{place} {row['id']} {row['status']}, check-worthiness {row['checkworthiness']}"
               f" — {detail['article_title'] or detail['article_path']}")
    click.echo("\n" + escape_terminal(heading, newlines="space"))
    before, text, after = (escape_terminal(detail[key], newlines="space")
                           for key in ("context_before", "text", "context_after"))
    context = f"…{before}" + click.style(f"[{text}]", bold=True) + f"{after}…"
    click.echo(textwrap.fill(" ".join(context.split()), 100))
    key = click.prompt("Verdict: [n]eeds-source [a]cceptable [f]alse-positive [s]kip [q]uit",
                       type=click.Choice(list(REVIEW_CHOICES)), show_choices=False)
    if REVIEW_CHOICES[key] is None:
        return False
    note = click.prompt("Note (optional)", default="", show_default=False)
    storage.add_review(db, row["id"], REVIEW_CHOICES[key], note or None, reviewer)
    return True


@cli.group(invoke_without_command=True)
@click.option("--db", "db_path", default="provenance.db", show_default=True)
@click.pass_context
def sources(ctx, db_path):
    """List the sources seen: type, statements attributed to each, in how many articles, other names.

    A source is one entity across all the articles checked; `merge`, `rename` and
    `set-type` record a reviewer's correction that every later check keeps; `suggest`
    proposes merges of surnames from the whole database.

    \b
    Example:
        provenance sources --db provenance.db
        provenance sources merge "Trump" "Donald Trump" --db provenance.db
    """
    ctx.obj = db_path
    if ctx.invoked_subcommand is not None:
        return
    db = _existing_db(db_path, readonly=True)
    rows = storage.source_entities(db)
    db.close()
    if not rows:
        click.echo("No sources yet: run provenance check first.")
        return
    names = [escape_terminal(r["name"]) for r in rows]
    width = max(len(name) for name in names)
    click.echo(f"{'source':<{width}}  {'type':<12}  statements  articles  also named")
    for name, r in zip(names, rows):
        others = ", ".join(escape_terminal(a) for a in r["aliases"])
        click.echo(f"{name:<{width}}  {escape_terminal(r['type']):<12}  {r['statements']:>10}  {r['articles']:>8}"
                   f"  {others}".rstrip())


def _correction(action: str, help_text: str):
    """A `sources` subcommand that records one kind of correction."""
    def command(name, value, db_path, note, reviewer):
        db = _existing_db(db_path)
        try:
            row = _call(storage.correct_source, db, action, name, value, note, reviewer)
        finally:
            db.close()
        click.echo(escape_terminal(f"{row['name']} [{row['type']}]: {action} recorded"))
    command.__doc__ = help_text
    command = click.option("--reviewer", default=lambda: _login(), show_default="your login name")(command)
    command = click.option("--note", help="Why (kept with the correction).")(command)
    command = click.option("--db", "db_path", default="provenance.db", show_default=True)(command)
    return command


sources.command("merge")(click.argument("name")(click.argument("value", metavar="INTO")(_correction(
    storage.MERGE, """Merge the source NAME into the source INTO; later checks keep it.

    \b
    Example:
        provenance sources merge "Trump" "Donald Trump"
    """))))
sources.command("rename")(click.argument("name")(click.argument("value", metavar="NEW_NAME")(_correction(
    storage.RENAME, """List the source NAME under NEW_NAME from now on.

    \b
    Example:
        provenance sources rename "Donald J. Trump" "Donald Trump"
    """))))
sources.command("set-type")(click.argument("name")(
    click.argument("value", metavar="TYPE", type=click.Choice(ENTITY_TYPES))(_correction(storage.SET_TYPE, """Give the source NAME the type TYPE from now on.

    \b
    Example:
        provenance sources set-type "Yukos" organization
    """))))


@sources.command("suggest")
@click.option("--apply", "apply_them", is_flag=True, help="Record each suggestion as a merge, which later checks keep.")
@click.option("--verbose", "-v", is_flag=True, help="Also list the surnames several people named in full share.")
@click.option("--min-statements", type=click.IntRange(min=1), default=suggestions.MIN_STATEMENTS, show_default=True,
              help="When several people of a surname are named in full, the statements one needs to count "
                   "as a bearer of it (the only one named in full always counts).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Extra folder of rule files, or one rule file, whose role titles a surname may follow.")
@click.option("--reviewer", default=lambda: _login(), show_default="your login name")
@click.option("--db", "db_path", default="provenance.db", show_default=True)
def suggest_sources(apply_them, verbose, min_statements, rule_paths, reviewer, db_path):
    """Suggest merges from the whole database: a person only called by a surname ("Mr. Obama") into the
    one person of that surname named in full ("Barack Obama"). Surnames several people share are left.

    \b
    Example:
        provenance sources suggest --db provenance.db
        provenance sources suggest --apply --db provenance.db
    """
    titles = [title for rule in _call(load_rules, rule_paths).roles for title in rule.titles]
    db = _existing_db(db_path, readonly=not apply_them)
    try:
        found, ambiguous = _call(suggestions.database_suggestions, db, titles, min_statements)
        for line in map(suggestions.suggestion_line, found):
            click.echo(escape_terminal(line))
        for line in map(suggestions.ambiguity_line, ambiguous if verbose else ()):
            click.echo(escape_terminal(line))
        if apply_them:
            _call(suggestions.apply_suggestions, db, found, reviewer)
    finally:
        db.close()
    done = "recorded as merges" if apply_them else "suggested; --apply records them"
    click.echo(f"{len(found)} merge{'s' * (len(found) != 1)} {done}, {len(ambiguous)} ambiguous surname"
               f"{'s' * (len(ambiguous) != 1)} left")


@sources.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--db", "db_path", default="provenance.db", show_default=True)
def export_sources(directory, db_path):
    """Write the corrected sources as a rules file, DIRECTORY/sources.yaml, for `check --rules DIRECTORY`.

    \b
    Example:
        provenance sources export curated/ && provenance check articles/ --rules curated/
    """
    db = _existing_db(db_path, readonly=True)
    rows = storage.curated_sources(db)
    db.close()
    path = _call(export, rows, directory)
    click.echo(f"{len(rows)} source{'s' * (len(rows) != 1)} written to {escape_terminal(str(path))}")


@cli.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--db", "db_path", default="provenance.db", show_default=True)
@_output_options
def show(names, db_path, fmt, table):
    """Print the findings the database holds for articles, by path or id, without analyzing anything.

    \b
    Example:
        provenance show seeds/000_7c766ee345284464.txt
        provenance show draft-42 --format csv --table claims
    """
    _check_table(fmt, table)
    db = _existing_db(db_path, readonly=True)
    writer = report.Writer(fmt, table)
    click.echo(writer.start(), nl=False)
    shown, missing = 0, 0
    for name in names:
        ids = storage.find_articles(db, name)
        if not ids:
            missing += 1
            click.echo(escape_terminal(f"error: {name}: not in {db_path}; check it first, or give its path or id"),
                       err=True)
        for article_id in ids:
            _emit(writer.add(storage.stored_analysis(db, article_id)))
            shown += 1
    db.close()
    summary = f"{shown} article{'s' * (shown != 1)} shown" + (f", {missing} not found" if missing else "")
    click.echo(writer.end(f"{summary}; findings in {db_path}"), nl=False)
    if missing:
        sys.exit(1)


@cli.command()
@click.argument("db_path", default="provenance.db", required=False)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 opens it to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True)
@click.option("--root", is_flag=True, help="Print a link that signs you in as root, who may record verdicts.")
def serve(db_path, host, port, root):
    """Browse a database in Datasette: each article with its sources highlighted, and the flagged-claims
    queue where verdicts are recorded. Needs the web extra: pip install 'provenance[web]'.

    \b
    Example:
        provenance serve provenance.db --root
    """
    from .web import server

    storage.close(_existing_db(db_path))  # checked, and upgraded to this schema, before Datasette opens it
    ds = _call(server.datasette_for, db_path)
    click.echo(f"Articles and flagged claims: http://{host}:{port}/-/provenance")
    if root:
        click.echo(f"Sign in as root: {server.sign_in_url(ds, host, port)}")
    server.run(ds, host, port)


@cli.command("eval")
@click.argument("gold", type=click.Path())
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True,
              help="PolNeAR split to score on (a JSONL gold file has no splits).")
@click.option("--baseline", type=click.Choice(["textacy"]), help="Score a baseline on the same articles, side by side.")
@click.option("--json", "json_path", type=click.Path(), help="Also write the scores to this JSON file.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles (N at least 1).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(), help="Extra folder of rule files, or one rule file (repeatable).")
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
        try:
            Path(json_path).write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise _error(f"{json_path}: cannot write the scores ({exc.strerror or exc}); pass another --json path")


@cli.command("learn-weights")
@click.argument("gold", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The rules file to write (*.yaml), for --rules.")
@click.option("--folds", type=click.IntRange(min=2),
              help="Also cross-validate by article: learn on all folds but one, rank the one left out, pooled.")
@click.option("--strength", type=click.FloatRange(min=0), default=STRENGTH, show_default=True,
              help="How strongly the weights are held to the rules' own (0: not at all).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(), help="Extra folder of rule files, or one rule file (repeatable).")
@click.option("--model", help="Installed spaCy pipeline to use.")
def learn_weights(gold, output, folds, strength, rules_dirs, model):
    """Learn check-worthiness weights from the check-worthy sentences marked in GOLD (JSONL with sentence
    statuses), one weight per rule id, into a rules file that --rules loads.

    \b
    Example:
        provenance learn-weights my-gold.jsonl -o weights.yaml --folds 5
        provenance check articles/ --rules weights.yaml
    """
    if Path(output).suffix not in RULE_SUFFIXES:
        raise click.UsageError(f"{output}: a rules file ends in .yaml or .yml; name the weights file so")
    engine = _engine(rules_dirs, model)
    examples, problems = gathered(engine, gold)
    for problem in problems:
        click.echo(escape_terminal(f"error: {problem}"), err=True)
    marked = marks(examples)
    if not marked:
        raise _error("nothing to learn from: no check-worthy sentences in the gold given")
    checkworthiness = engine.rules.checkworthiness
    weights = _call(fit, examples, checkworthiness, strength)
    try:
        Path(output).write_text(weights_file(weights, examples, [Path(p).name for p in gold], strength),
                                encoding="utf-8")
    except OSError as exc:
        raise _error(f"{output}: cannot write the weights ({exc.strerror or exc}); pass another -o path")
    click.echo(escape_terminal(f"{len(weights)} weights learned from {len(examples)} articles "
                               f"({marked} check-worthy sentences) into {output}"))
    if folds:
        learned = _call(cross_validate, examples, checkworthiness, folds, strength)
        own = top(examples, checkworthiness)
        click.echo(f"check-worthy sentences in their article's top {TOP_K}, {folds} folds by article: "
                   f"learned {_share(learned)}, the rules' own weights {_share(own)}")
    if problems:
        sys.exit(1)


def _share(share) -> str:
    return f"{share.part} of {share.whole} ({share.value:.3f})"


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
    for line in ruleset.overrides:
        click.echo(escape_terminal(line))


def _engine(rules_dirs, model, scope: str = "speech", conventions: Conventions = CHECK, lazy: bool = False,
            meta=pipeline_meta) -> Engine:
    """The engine of the rules and model given; `lazy`: the model is loaded when an article is first parsed,
    its name and version given meanwhile by `meta(model)`."""
    ruleset = _call(load_rules, [Path(d) for d in rules_dirs])
    for line in override_notes(ruleset.overrides):
        click.echo(escape_terminal(f"note: {line}"), err=True)
    if lazy:
        return Engine(functools.partial(load_pipeline, model), ruleset, scope, conventions, _call(meta, model))
    return Engine(_call(load_pipeline, model), ruleset, scope, conventions)


def _existing_db(db_path: str, readonly: bool = False):
    if db_path != ":memory:" and not Path(db_path).exists():
        raise _error(f"{db_path}: no such database; run provenance check first or pass --db")
    return _call(storage.open_db, db_path, readonly)


def _calls(outcomes):
    """Yield from a library generator, turning its user-facing errors (a full disk mid-run) into a one-line CLI error."""
    try:
        yield from outcomes
    except ProvenanceError as exc:
        raise _error(str(exc)) from None


def _call(function, *args, **kwargs):
    """Run a library function, turning its user-facing errors into a one-line CLI error."""
    try:
        return function(*args, **kwargs)
    except RuleError as exc:
        raise (_Listed(exc.problems) if len(exc.problems) > 1 else _error(str(exc))) from None
    except ProvenanceError as exc:
        raise _error(str(exc)) from None


def _cluster(address):
    """The cluster to check on, connected and open for a `with`, its engine not loaded yet; imported only here,
    so a run on one machine never loads Dask."""
    if not address:
        return contextlib.nullcontext()
    cluster = _call(importlib.import_module, ".cluster", __package__)
    return _call(cluster.Cluster.connect, address)


def _note(progress: Progress, line: str) -> None:
    """A note on the run (a worker retired from it) on standard error, under the progress line."""
    progress.clear()
    click.echo(escape_terminal(f"note: {line}"), err=True)


class _Listed(click.ClickException):
    """Several problems in rule files: one line each, as flake8 lists them, then one summary error."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problems in the rule files; fix each, then run provenance rules check")
        self.problems = problems

    def show(self, file=None) -> None:
        for problem in self.problems:
            click.echo(escape_terminal(problem), err=True)
        super().show(file)


def _error(message: str) -> click.ClickException:
    """A one-line CLI error whose message may quote input: shown through `escape_terminal`."""
    return click.ClickException(escape_terminal(message, newlines="keep"))


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
