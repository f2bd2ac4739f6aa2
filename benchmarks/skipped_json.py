"""Peak memory of `provenance check FOLDER --format json` on a re-run that skips every article.

Usage:
    python benchmarks/skipped_json.py [--sizes 1000,5000] [--dir FOLDER]

For each size, a folder of that many copies of the seed article is made; the first copy is
checked once, and its stored analysis is saved under every other copy's id, so that every
article is stored unchanged. Then `provenance check FOLDER --format json` runs under
`/usr/bin/time -v`: every analysis is read back from the database and written out, none
parsed. The script prints the articles in the JSON array, the output's size, the time and
the peak resident memory.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def stored_copies(folder: Path, count: int) -> Path:
    """A folder of `count` copies of the seed article and a database where each is stored unchanged."""
    from provenance import storage
    from provenance.reading import iter_articles

    text = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    for number in range(count):
        (folder / f"{number:07d}.txt").write_text(text, encoding="utf-8")
    db_path = folder.with_suffix(".db")
    first = folder / f"{0:07d}.txt"
    subprocess.run(["provenance", "check", str(first), "--db", str(db_path), "--format", "json"], check=True,
                   stdout=subprocess.DEVNULL)
    db = storage.open_db(db_path)
    stored, batch = storage.stored_analysis(db, str(first)), []
    for item in iter_articles([str(folder)]):
        batch.append(replace(stored, article=replace(stored.article, id=item.id, path=item.path)))
        if len(batch) == 64:
            storage.save_many(db, batch)
            batch = []
    storage.save_many(db, batch)
    storage.close(db)
    return db_path


def rerun(folder: Path, db_path: Path) -> str:
    """Re-run the check into a file beside the folder, and say what the array holds and what it took."""
    output = folder.with_suffix(".json")
    started = time.perf_counter()
    with open(output, "wb") as out:
        done = subprocess.run(["/usr/bin/time", "-v", "provenance", "check", str(folder), "--db", str(db_path),
                               "--format", "json"], stdout=out, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    peak = next(line.split(":")[1].strip() for line in done.stderr.splitlines() if "Maximum resident" in line)
    size, count = output.stat().st_size, elements(output)
    output.unlink()
    return f"{count} articles in the JSON array, {size / 1e6:.1f} MB of output, {elapsed:.1f} s, peak {int(peak) / 1000:.0f} MB"


def elements(path: Path, chunk: int = 1 << 20) -> int:
    """The number of elements of the JSON array in a file, each parsed and dropped in turn (the array
    of 100,000 analyses is gigabytes: parsed whole, it would hold this process's memory)."""
    decoder, count, buffer = json.JSONDecoder(), 0, ""
    with open(path, encoding="utf-8") as file:
        buffer = file.read(chunk).lstrip()
        if not buffer.startswith("["):
            raise SystemExit(f"{path}: not a JSON array")
        buffer = buffer[1:]
        while True:
            buffer = buffer.lstrip().lstrip(",").lstrip()
            if buffer.startswith("]"):
                return count
            try:
                _, end = decoder.raw_decode(buffer)
            except json.JSONDecodeError:
                more = file.read(chunk)
                if not more:
                    raise SystemExit(f"{path}: the JSON array ends early, after {count} elements") from None
                buffer += more
                continue
            count, buffer = count + 1, buffer[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--dir", help="where to make the folders (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        for size in sorted(int(size) for size in args.sizes.split(",")):
            folder = Path(scratch) / f"copies{size}"
            folder.mkdir()
            print(f"{size:>7,}: {rerun(folder, stored_copies(folder, size))}", flush=True)


if __name__ == "__main__":
    main()
