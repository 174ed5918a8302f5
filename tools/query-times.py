#!/usr/bin/env python3
"""Wall time of the query commands with their default limits on several databases, and the
ratio of the last to the first: issue 16's "under 100 ms at 100k, less than 2x from 10k to 100k".

Why a script: the whole process is timed (start-up and lexicon included, as a user waits for
it), each command 11 times, the median kept, so that one slow run on a shared machine does not
decide. Run it twice and keep the second pass when the databases were not in the page cache.

    python3 tools/query-times.py /tmp/k10.db /tmp/k100.db [/tmp/k1m.db] [--dyad target/release/dyad]

Prints one line per command: its median on each database, then the ratio last / first.
"""
import argparse
import statistics
import subprocess
import time

COMMANDS = [
    ["profile", "KAZ", "CHN"],
    ["figures", "--pair", "KAZ", "CHN"],
    ["figures"],
    ["events", "--country", "KAZ"],
    ["events", "--country", "KAZ", "--with", "CHN"],
    ["partners", "KAZ"],
    ["search", "trade turnover"],
]


def median_ms(dyad, command, db, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([dyad, *command, "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dbs", nargs="+", help="databases, smallest first")
    ap.add_argument("--dyad", default="target/release/dyad")
    ap.add_argument("--runs", type=int, default=11)
    args = ap.parse_args()
    for command in COMMANDS:
        row = [median_ms(args.dyad, command, db, args.runs) for db in args.dbs]
        cells = "  ".join(f"{ms:7.1f} ms" for ms in row)
        print(f"{' '.join(command):<36} {cells}  ratio {row[-1] / row[0]:.2f}")


if __name__ == "__main__":
    main()
