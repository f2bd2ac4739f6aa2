"""The audit database as it grows: save time per article, bytes per article, and the time of each
query a user runs, at growing article counts.

Usage:
    python benchmarks/storage.py [CORPUS] [--sizes 10000,100000] [--batch 16] [--json FILE] [--dir DIR [--keep]]

CORPUS is a folder of articles (default: seeds/). Each is analyzed once with the default
pipeline; the analyses are then saved again and again under new ids (no parsing), in
batches of --batch per transaction as `provenance check` saves them, into one fresh
database file that grows through each size in --sizes. One claim in a hundred gets a
review. At each size the script prints the save time per article of the last 1,000
saved, the database's bytes per article and per byte of article text, and the median
time of each query the CLI runs and of each the README shows (five runs each, after one to
warm the cache), and keeps a copy of the file as it is at that size.

Then the save time per article is measured again on those copies side by side, so that a
change in the machine's load falls on every size alike: --rounds rounds, each saving
--window / --rounds articles under new ids into every copy in turn (the order rotated from
round to round), each slice timed in wall time and in this process's processor time
(`time.process_time`, which a shared machine's other jobs do not inflate). Per size it prints
the median and the range of the slices, and the ratio of the largest median to the smallest.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Dict, List

ROOT = Path(__file__).resolve().parents[1]
WINDOW = 1000  # the last articles saved before a size is reached, timed for its save time as it grows
FRESH = 10_000_000  # the numbers of the articles saved into the copies, past any the growth used
# The README's queries: each `sqlite-utils provenance.db "SQL"` it shows, and the full-text search it describes.
README_QUERY = re.compile(r'^\$ sqlite-utils provenance\.db "([^"]+)"', re.M)
README_SEARCH = re.compile(r"a search is a query like `([^`]+)`")


README_ARTICLE = re.compile(r"'seeds/[^']+'")  # the seed article a README query names


def readme_queries(article: str) -> Dict[str, str]:
    """The README's queries by their first words, each naming `article` where it names the seed article."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = README_QUERY.findall(text) + README_SEARCH.findall(text)
    return {f"README: {sql[:60]}": README_ARTICLE.sub(f"'{article}'", sql) for sql in found}


def analyses_of(folder: Path) -> list:
    """The real analyses of the corpus's articles, parsed once."""
    from provenance.engine import Engine
    from provenance.model import load_pipeline
    from provenance.reading import iter_articles
    from provenance.records import Article
    from provenance.rules import load_rules

    engine = Engine(load_pipeline(), load_rules())
    articles = [item for item in iter_articles([str(folder)]) if isinstance(item, Article)]
    if not articles:
        raise SystemExit(f"{folder}: no articles; pass a folder of articles")
    return list(engine.analyze_many(articles))


def renamed(analysis, number: int):
    """The analysis as if of another article: a new id and path, the same text and findings."""
    name = f"archive/{number:07d}.txt"
    return replace(analysis, article=replace(analysis.article, id=name, path=name))


def queries(db, claim: str, article: str, middle: tuple) -> Dict[str, Callable]:
    """Each query the CLI runs, by the command that runs it (`review --list` with a verdict other than
    open also lists the claims of earlier versions judged so)."""
    from provenance import storage

    return {
        "review (the open queue, first 20)": lambda: storage.flagged_claims(db, 20),
        "review: a page halfway down the queue": lambda: storage.open_queue_page(db, middle, 50),
        "review --list --limit 20": lambda: storage.list_claims(db, limit=20),
        "review --list --status vague --limit 20": lambda: storage.list_claims(db, status="vague", limit=20),
        "review --list --verdict all --limit 20": lambda: storage.list_claims(db, verdict=None, limit=20),
        "review --list --verdict needs-source --limit 20": lambda: (
            storage.list_claims(db, verdict="needs-source", limit=20), storage.earlier_reviews(db, None, "needs-source")),
        "review --list --article PATH": lambda: storage.list_claims(db, article=article),
        "review: a claim in context": lambda: storage.claim(db, claim),
        "review: progress": lambda: storage.review_progress(db),
        "sources (first 20)": lambda: storage.source_summary(db)[:20],
        "show PATH": lambda: [storage.stored_analysis(db, i) for i in storage.find_articles(db, article)],
        "check: the skip lookup": lambda: storage.stored_analysis(db, article, {"version": ""} | dict.fromkeys(
            storage.SKIP_KEY, "")),
    } | {name: (lambda sql=sql: db.execute(sql).fetchall())
         for name, sql in readme_queries(article).items()}


def timed(call: Callable, runs: int = 5) -> float:
    call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def grow(path: Path, analyses: list, sizes: List[int], batch: int) -> List[dict]:
    """Grow one database through `sizes`, measuring it at each and keeping a copy of it there."""
    from provenance import storage

    db = storage.open_db(path)
    text_bytes = statistics.mean(len(a.article.text.encode("utf-8")) for a in analyses)
    results, saved = [], 0
    for size in sizes:
        window_started = None
        while saved < size:
            if size - saved <= WINDOW and window_started is None:
                window_started, window_from = time.perf_counter(), saved
            count = min(batch, size - saved)
            storage.save_many(db, [renamed(analyses[(saved + i) % len(analyses)], saved + i) for i in range(count)])
            saved += count
        save_time = (time.perf_counter() - window_started) / (saved - window_from)
        _review_some(db, storage)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_bytes = os.path.getsize(path)
        claim = db.execute("SELECT id FROM claims WHERE status = 'unattributed' LIMIT 1").fetchone()[0]
        article = renamed(analyses[0], saved // 2).article.id
        middle = db.execute("SELECT checkworthiness, article, start FROM claim_rows WHERE article = "
                            "(SELECT key FROM articles WHERE id = ?) ORDER BY checkworthiness DESC LIMIT 1",
                            [article]).fetchone()
        timings = {name: timed(call) for name, call in queries(db, claim, article, tuple(middle)).items()}
        parts = dict(db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall())
        storage.close(db)  # a whole file, no -wal beside it, to copy
        shutil.copyfile(path, copy_at(path, saved))
        db = storage.open_db(path)
        results.append({"articles": saved, "save_ms_per_article": save_time * 1000,
                        "db_bytes_per_article": size_bytes / saved, "db_to_text": size_bytes / saved / text_bytes,
                        "db_bytes": size_bytes, "query_ms": {k: v * 1000 for k, v in timings.items()},
                        "bytes_per_article": {name: size / saved for name, size in parts.items()}})
        _print(results[-1])
    storage.close(db)
    return results


def copy_at(path: Path, size: int) -> Path:
    return path.with_name(f"{path.stem}-{size}{path.suffix}")


def save_rounds(path: Path, analyses: list, sizes: List[int], batch: int, window: int, rounds: int) -> dict:
    """The save time per article of each size's copy, in slices of `window // rounds` articles saved
    into every copy in turn, round after round: {size: {"wall": [ms/article...], "cpu": [...]}}."""
    from provenance import storage

    dbs = {size: storage.open_db(copy_at(path, size)) for size in sizes}
    times = {size: {"wall": [], "cpu": []} for size in sizes}
    count, number = window // rounds, FRESH
    for round_ in range(rounds + 1):  # round 0 warms each connection's page cache and is not counted
        order = sizes[round_ % len(sizes):] + sizes[:round_ % len(sizes)]
        for size in order:
            slice_ = count if round_ else batch
            wall, cpu = time.perf_counter(), time.process_time()
            for start in range(0, slice_, batch):
                storage.save_many(dbs[size], [renamed(analyses[(number + i) % len(analyses)], number + i)
                                              for i in range(start, min(start + batch, slice_))])
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            number += slice_
            if round_:
                times[size]["wall"].append(wall * 1000 / slice_)
                times[size]["cpu"].append(cpu * 1000 / slice_)
    for db in dbs.values():
        storage.close(db)
    return times


def _print_rounds(times: dict) -> None:
    medians = {}
    for size, kinds in times.items():
        medians[size] = {kind: statistics.median(values) for kind, values in kinds.items()}
        print(f"{size:>9,} articles: save " + ", ".join(
            f"{kind} {medians[size][kind]:.2f} ms/article ({min(values):.2f} to {max(values):.2f})"
            for kind, values in kinds.items()))
    for kind in ("wall", "cpu"):
        values = [m[kind] for m in medians.values()]
        print(f"    largest / smallest median, {kind}: {max(values) / min(values):.3f}")


def _review_some(db, storage) -> None:
    """A verdict on one claim in a hundred not yet reviewed, as reviewers would leave them."""
    claims = [row[0] for row in db.execute(
        "SELECT c.id FROM claims c WHERE c.status IN ('unattributed', 'vague') AND c.rowid % 100 = 0 "
        "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.claim_id = c.id)")]
    for number, claim in enumerate(claims):
        storage.add_review(db, claim, storage.VERDICTS[number % len(storage.VERDICTS)], None, "bench")


def _print(result: dict) -> None:
    print(f"{result['articles']:>9,} articles: save {result['save_ms_per_article']:.2f} ms/article, "
          f"{result['db_bytes_per_article'] / 1000:.1f} KB/article ({result['db_to_text']:.2f}x the text), "
          f"{result['db_bytes'] / 1e6:,.0f} MB")
    for name, ms in result["query_ms"].items():
        print(f"    {name:<72} {ms:8.2f} ms")
    print("    bytes per article: " + ", ".join(f"{name} {size:,.0f}" for name, size
                                               in list(result["bytes_per_article"].items())[:8]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "seeds"))
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--window", type=int, default=2000, help="articles saved into each size's copy, in all")
    parser.add_argument("--rounds", type=int, default=5, help="the slices --window is saved in, by turns")
    parser.add_argument("--json", dest="json_path")
    parser.add_argument("--dir", help="folder for the database (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the database (in --dir) when done")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    analyses = analyses_of(Path(args.corpus))
    print(f"{len(analyses)} analyses: {sum(len(a.claims) for a in analyses)} claims, "
          f"{sum(len(a.attributions) for a in analyses)} attributions, "
          f"{sum(len(a.article.text) for a in analyses):,} characters")
    if args.keep and args.dir:
        results = measure(Path(args.dir) / "bench.db", analyses, sizes, args)
    else:
        with tempfile.TemporaryDirectory(dir=args.dir) as folder:
            results = measure(Path(folder) / "bench.db", analyses, sizes, args)
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def measure(path: Path, analyses: list, sizes: List[int], args) -> dict:
    """The sizes' measures as the database grows, then the save times of their copies side by side."""
    growth = grow(path, analyses, sizes, args.batch)
    print(f"save time per article, {args.rounds} rounds of {args.window // args.rounds} articles into each size's copy:")
    times = save_rounds(path, analyses, sizes, args.batch, args.window, args.rounds)
    _print_rounds(times)
    return {"growth": growth, "save_rounds": {str(size): kinds for size, kinds in times.items()}}


if __name__ == "__main__":
    main()
