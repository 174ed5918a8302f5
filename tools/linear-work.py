#!/usr/bin/env python3
"""Extraction's work is linear in a document's length (issue 13, item 7): doubling a document
doubles the work, counted as the instructions the process executes (valgrind's callgrind), not
timed.

Why instructions: a time on a shared machine varies by tens of percent from run to run, and a
quadratic step hides in that noise until documents are large; the instruction count of the same
input is the same on every run (to a fraction of a percent), so a ratio of 2.0 against 4.0 is
plain at 128 KB already.

The documents are the bundled sample articles (samples/articles, our own text) joined into one
document of N and of 2N bytes, and the same text with every punctuation mark removed (one
sentence as long as the document, the shape that once took 12 s at 200 KB). The fixed work of a
run (building the lexicon's automata, reading the rules) is measured on a short document and
taken off, so the ratio is of the work that depends on the length:

    (work(2N) - work(short)) / (work(N) - work(short))   must be within 1.9 .. 2.1 (scaled by the exact ratio of the sizes)

Example (the command .ci/run uses):

    python3 tools/linear-work.py target/debug/dyad
"""
import glob
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

# The count of one input varies by well under 1% between runs; a step whose work grows with the
# square of the length and costs a tenth of the run at 256 KB lifts the ratio past 2.1.
LOW, HIGH = 1.9, 2.1


def document(base: str, size: int) -> str:
    out = []
    total = 0
    while total < size:
        out.append(base)
        total += len(base.encode()) + 2
    return "\n\n".join(out)


def work(binary: str, path: str) -> int:
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary, "extract", "--jobs", "1", path],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        sys.exit(f"{path}: dyad extract failed under valgrind:\n{run.stderr[-2000:]}")
    m = re.search(r"Collected : (\d+)", run.stderr)
    if not m:
        sys.exit(f"{path}: no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(m.group(1))


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/debug/dyad"
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    files = sorted(glob.glob(os.path.join(root, "samples", "articles", "*.txt")))
    if not files:
        sys.exit("no sample articles in samples/articles")
    text = "\n\n".join(open(f, encoding="utf-8").read() for f in files)
    bare = re.sub(r"[^\w\s]", " ", text)
    tmp = tempfile.mkdtemp(prefix="dyad-linear-")
    cases = [("short", text[:2000], 0)]
    cases += [("articles", text, 128 * 1024), ("articles", text, 256 * 1024)]
    cases += [("no punctuation", bare, 64 * 1024), ("no punctuation", bare, 128 * 1024)]
    paths = []
    for k, (name, base, size) in enumerate(cases):
        path = os.path.join(tmp, f"doc{k}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(base if size == 0 else document(base, size))
        paths.append(path)
    # One run per core at a time: the counts do not depend on what else runs.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        works = list(pool.map(lambda p: work(binary, p), paths))
    counts = {}
    for (name, _, size), path, w in zip(cases, paths, works):
        counts[(name, size)] = (os.path.getsize(path), w)
        print(f"{name:<15} {counts[(name, size)][0]:>8} bytes  {w:>14,} instructions")
    fixed = counts[("short", 0)][1]
    failed = False
    for name, (n1, n2) in [("articles", (128, 256)), ("no punctuation", (64, 128))]:
        (b1, w1), (b2, w2) = counts[(name, n1 * 1024)], counts[(name, n2 * 1024)]
        ratio = (w2 - fixed) / max(1, w1 - fixed)
        size_ratio = b2 / b1
        ok = LOW * size_ratio / 2 <= ratio <= HIGH * size_ratio / 2
        failed |= not ok
        print(f"{name}: {size_ratio:.2f}x the bytes took {ratio:.2f}x the work  {'ok' if ok else 'NOT LINEAR'}")
    if failed:
        sys.exit(f"work must grow as the document does (within {LOW} .. {HIGH} for twice the length)")


if __name__ == "__main__":
    main()
