"""From a saved web page to the text analysed: extraction precision and recall, and how far the findings on the page
are from the findings on the clean text.

Usage:
    python benchmarks/extraction.py [REALNEWS] [--modes precision,balanced,recall,whole] [--no-findings] [--json FILE]

REALNEWS is the realnews folder (default: ../shared/eval/realnews beside the project):
`html/<id>.html.gz` holds the saved page of each of its 24 web articles, whose clean
text (the article-extraction benchmark's ground-truth body) is the `text` of that id in
`articles.jsonl`. Each page is read as `provenance check` reads it in each mode.

Extraction is scored as the article-extraction benchmark of scrapinghub scores it:
word 4-shingles (runs of `\\w+` tokens) counted with repeats, each page's true
positives, false positives and false negatives normalized to sum to one, precision
and recall averaged over pages, F1 of the two averages.

Findings, in each mode: the engine runs on the page's text and on the clean
text; a claim is matched by its words (the `\\w+` runs the shingles are made of). Reported: the
unattributed claims found on the page whose words are no unattributed claim of the
clean text, as a share of the page's flagged claims (unattributed and vague), and the
attributions (speaker and content words) found on one side only.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REALNEWS = ROOT.parent / "shared" / "eval" / "realnews"
TOKEN_RE = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, size: int = SHINGLE) -> Counter:
    """The word `size`-grams of a text, with their counts; a text shorter than `size` words is one shingle."""
    tokens = TOKEN_RE.findall(text)
    return Counter(tuple(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens)


def page_score(true: str, predicted: str) -> Tuple[float, float, float]:
    """(tp, fp, fn) of one page's shingles, normalized to sum to one, so every page weighs the same."""
    truth, found = shingles(true), shingles(predicted)
    tp = sum((truth & found).values())
    fp, fn = sum((found - truth).values()), sum((truth - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def extraction_scores(pairs: Iterable[Tuple[str, str]]) -> Dict[str, float]:
    """Precision, recall (averaged over pages) and their F1, for (true, predicted) text pairs."""
    scores = [page_score(true, predicted) for true, predicted in pairs]
    # as the benchmark does, a page with nothing extracted counts for recall only
    precision = statistics.mean([tp / (tp + fp) for tp, fp, fn in scores if tp + fp > 0] or [0.0])
    recall = statistics.mean([tp / (tp + fn) for tp, fp, fn in scores if tp + fn > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(scores)}


def pages(folder: Path) -> List[Tuple[str, str, bytes]]:
    """(id, clean text, page bytes) of every article of `folder` whose page is saved, in id order."""
    records = {}
    with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records[record["id"]] = record["text"]
    found = []
    for path in sorted((folder / "html").glob("*.html.gz")):
        name = path.name[:-len(".html.gz")]
        if name in records:
            found.append((name, records[name], gzip.decompress(path.read_bytes())))
    return found


def extract(data: bytes, mode: str) -> str:
    """The text `provenance check` analyses for a page saved as `data`, read in `mode`."""
    from provenance.pages import read_page
    from provenance.reading import decode

    return read_page(decode(data, "page"), data, mode).text


def findings_gap(engine, texts: List[Tuple[str, str]]) -> Dict[str, float]:
    """How the findings on each page's text differ from those on its clean text (see the module's docstring)."""
    from provenance.records import FLAGGED, UNATTRIBUTED, Article

    page_flags = extra_unattributed = page_only = clean_only = page_attributions = clean_attributions = 0
    for clean, extracted in texts:
        on_clean, on_page = (engine.analyze(Article.from_text(t, "x")) for t in (clean, extracted))
        clean_unattributed = {_words(c.text) for c in on_clean.claims if c.status == UNATTRIBUTED}
        page_flags += sum(c.status in FLAGGED for c in on_page.claims)
        extra_unattributed += sum(c.status == UNATTRIBUTED and _words(c.text) not in clean_unattributed
                                  for c in on_page.claims)
        clean_found, page_found = _attributions(on_clean), _attributions(on_page)
        page_only += sum((page_found - clean_found).values())
        clean_only += sum((clean_found - page_found).values())
        page_attributions += sum(page_found.values())
        clean_attributions += sum(clean_found.values())
    return {"page_flags": page_flags, "extra_unattributed": extra_unattributed,
            "extra_unattributed_share": extra_unattributed / page_flags if page_flags else 0.0,
            "attributions_on_page": page_attributions, "attributions_on_clean": clean_attributions,
            "attributions_page_only": page_only, "attributions_clean_only": clean_only}


def _words(text: str) -> str:
    """A text's words as the shingles read them (`\\w+` runs), so "Boeing 's" in a ground truth is "Boeing's"."""
    return " ".join(TOKEN_RE.findall(text))


def _attributions(analysis) -> Counter:
    return Counter((a.speaker.name if a.speaker else None, _words(" ".join(s.text for s in a.content)))
                   for a in analysis.attributions)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("realnews", nargs="?", type=Path, default=DEFAULT_REALNEWS)
    parser.add_argument("--modes", default="precision,balanced,recall,whole", help="comma-separated html modes to score")
    parser.add_argument("--no-findings", action="store_true", help="score extraction only (no pipeline)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if not (args.realnews / "html").is_dir():
        raise SystemExit(f"{args.realnews}: no html/ folder of saved pages; pass the realnews folder")
    saved = pages(args.realnews)
    modes = args.modes.split(",")
    figures = {"extraction": {}}
    print(f"{len(saved)} pages from {args.realnews}")
    print(f"{'mode':<10} {'precision':>9} {'recall':>7} {'F1':>6}")
    extracted = {}
    for mode in modes:
        extracted[mode] = [(clean, extract(data, mode)) for _, clean, data in saved]
        scores = extraction_scores(extracted[mode])
        figures["extraction"][mode] = scores
        print(f"{mode:<10} {scores['precision']:>9.3f} {scores['recall']:>7.3f} {scores['f1']:>6.3f}")
    if not args.no_findings:
        from provenance.engine import Engine
        from provenance.model import load_pipeline
        from provenance.rules import load_rules

        engine = Engine(load_pipeline(), load_rules())
        for mode in modes:
            gap = findings_gap(engine, extracted[mode])
            figures.setdefault("findings", {})[mode] = gap
            print(f"{mode}: {gap['extra_unattributed']} unattributed claims on the page but not on the clean text, "
                  f"{gap['extra_unattributed_share']:.1%} of the page's {gap['page_flags']} flagged claims; "
                  f"attributions {gap['attributions_on_page']} on the page, {gap['attributions_on_clean']} on the "
                  f"clean text, {gap['attributions_page_only']} on the page only, "
                  f"{gap['attributions_clean_only']} on the clean text only")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
