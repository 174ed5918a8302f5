#!/usr/bin/env python3
"""Hostile traffic against a running `dyad serve`: what issue 13 measured, as one script.

Starts nothing: point it at a server (and its process id, for memory) and it runs, in turn:
  busting   N clients asking for pages that are never kept (a new `limit` or `since` each time)
            for T seconds, while one client times a kept page; reports the server's peak memory
            (VmHWM) and the kept page's slowest answer.
  bodies    40 POSTs of 16 MB to /api/ingest without a token: each must be refused before it is
            read (the answer arrives while most of the body is unsent).
  idle      K sockets that send nothing, then one ordinary request, which must be answered.
  slowloris a header sent one byte a second: the server must close the connection by itself.

Each check prints one line; the exit status is 1 if any failed. Standard library only.

    dyad serve --db big.db --addr 127.0.0.1:8787 & pid=$!
    python3 tools/hostile.py --port 8787 --pid $pid --clients 64 --seconds 10 --idle 5000
"""

import argparse
import random
import socket
import sys
import threading
import time
import urllib.request


def http_get(port, path, timeout=30):
    t = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    except OSError:
        status = 0
    return status, time.monotonic() - t


def memory_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def busting(a):
    kept = "/country/" + a.country
    http_get(a.port, kept)  # computed once, then kept
    stop = time.monotonic() + a.seconds
    counts = {}
    lock = threading.Lock()

    def client(i):
        rnd = random.Random(i)
        while time.monotonic() < stop:
            n = rnd.randrange(1, 500)
            path = rnd.choice(
                [
                    f"/api/figures?limit={n}",
                    f"/api/events?country={a.country}&since={1990 + n % 35}-01-{1 + n % 28:02d}&limit={n}",
                    f"/api/events?country={a.country}&type={rnd.choice(['VISIT', 'MEET', 'AGREE'])}&limit={n}",
                    f"/api/documents?limit={n}&offset={rnd.randrange(10000)}",
                    f"/search?q={rnd.choice(['trade', 'visit', 'oil', 'minister'])}+{n}",
                ]
            )
            status, _ = http_get(a.port, path)
            with lock:
                counts[status] = counts.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
    for t in threads:
        t.start()
    slowest = 0.0
    peak_rss = 0
    while time.monotonic() < stop:
        status, took = http_get(a.port, kept)
        if status == 200:
            slowest = max(slowest, took)
        peak_rss = max(peak_rss, memory_kb(a.pid, "VmRSS")) if a.pid else 0
        time.sleep(0.05)
    for t in threads:
        t.join()
    hwm = memory_kb(a.pid, "VmHWM") if a.pid else 0
    ok = slowest < a.kept_ms / 1000 and (not a.pid or hwm < a.max_mb * 1024)
    print(
        f"busting: {a.clients} clients for {a.seconds} s: answers {dict(sorted(counts.items()))}; "
        f"kept page slowest {slowest * 1000:.0f} ms (limit {a.kept_ms} ms); "
        f"server peak {hwm / 1024:.0f} MB (limit {a.max_mb} MB) -> {'ok' if ok else 'FAILED'}"
    )
    return ok


def bodies(a):
    size = 16 << 20
    refused = 0
    peak = 0

    def one():
        nonlocal refused
        s = socket.create_connection(("127.0.0.1", a.port), timeout=10)
        try:
            s.sendall(
                f"POST /api/ingest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                f"Content-Length: {size}\r\n\r\n".encode()
            )
            s.sendall(b"[" * 65536)  # a little of the body, then wait for the answer
            reply = s.recv(200)
            if reply.startswith(b"HTTP/1.1 4"):
                refused += 1
        except OSError:
            pass
        finally:
            s.close()

    threads = [threading.Thread(target=one) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    peak = memory_kb(a.pid, "VmHWM") if a.pid else 0
    ok = refused == 40
    print(f"bodies: 40 POSTs of 16 MB without a token: {refused} refused before being read; "
          f"server peak {peak / 1024:.0f} MB -> {'ok' if ok else 'FAILED'}")
    return ok


def idle(a):
    socks = []
    for _ in range(a.idle):
        try:
            socks.append(socket.create_connection(("127.0.0.1", a.port), timeout=5))
        except OSError:
            break
    status, took = http_get(a.port, "/api/openapi.json", timeout=30)
    for s in socks:
        s.close()
    ok = status in (200,) and len(socks) == a.idle
    print(f"idle: {len(socks)} idle sockets open; an ordinary request got {status} in {took * 1000:.0f} ms "
          f"-> {'ok' if ok else 'FAILED'}")
    return ok


def slowloris(a):
    s = socket.create_connection(("127.0.0.1", a.port), timeout=5)
    start = time.monotonic()
    closed = False
    header = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 10_000
    for b in header:
        try:
            s.sendall(bytes([b]))
        except OSError:
            closed = True
            break
        time.sleep(1.0)
        if time.monotonic() - start > a.slow_limit:
            break
    took = time.monotonic() - start
    s.close()
    ok = closed and took <= a.slow_limit
    print(f"slowloris: a header at one byte a second was {'closed' if closed else 'still open'} after "
          f"{took:.0f} s (limit {a.slow_limit} s) -> {'ok' if ok else 'FAILED'}")
    return ok


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, default=0, help="the server's process id, for its memory")
    p.add_argument("--country", default="KAZ")
    p.add_argument("--clients", type=int, default=64)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--kept-ms", type=int, default=100, help="slowest allowed answer for a kept page")
    p.add_argument("--max-mb", type=int, default=300, help="largest allowed server memory")
    p.add_argument("--idle", type=int, default=5000)
    p.add_argument("--slow-limit", type=int, default=30, help="seconds a slowloris header may hold a socket")
    p.add_argument("--only", default="busting,bodies,idle,slowloris")
    a = p.parse_args()
    checks = {"busting": busting, "bodies": bodies, "idle": idle, "slowloris": slowloris}
    ok = True
    for name in a.only.split(","):
        ok &= checks[name](a)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
