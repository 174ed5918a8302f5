#!/usr/bin/env python3
"""Visits each page of a list once, one at a time, and prints the median, p90 and max time of
the answers. Why: a server that keeps answers is fast on a second visit; this measures the
first, when the page is computed (start the server just before).

    python3 tools/load/first-visits.py /tmp/load/pairs.txt http://127.0.0.1:8080
"""
import sys
import time
import urllib.request

paths = [line.strip() for line in open(sys.argv[1]) if line.strip()]
base = sys.argv[2]
times = []
for p in paths:
    t0 = time.perf_counter()
    with urllib.request.urlopen(base + p, timeout=120) as r:
        r.read()
    times.append((time.perf_counter() - t0) * 1000)
times.sort()
print(
    f"{sys.argv[1]}: first visits of {len(times)}: median {times[len(times) // 2]:.0f} ms, "
    f"p90 {times[int(len(times) * 0.9)]:.0f} ms, max {times[-1]:.0f} ms"
)
