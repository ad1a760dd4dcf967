#!/usr/bin/env python3
"""A bounded load test of `khabar serve` on loopback, in three parts:
1. N requests, C concurrent, a mix of resource lookups (Turtle and HTML), SPARQL queries and a hostile
   cartesian-product query: errors and p50/p99 latency by kind;
2. hostile clients for --seconds: two client addresses looping a cartesian COUNT(*) (--heavy
   connections each) and a third sending memory-heavy queries (GROUP_CONCAT over a cartesian product,
   CONCAT rows with LIMIT 10000), while a fourth measures a plain `ASK {}`: its median and p95
   latency and its answers;
3. a burst of 200 connections at once: how many were answered and the slowest.
Throughout, the peak resident memory (VmHWM) of every server process (the server and each query
worker, replaced ones included) is printed beside the limits the server runs with. Each process runs
under a --ceiling-mb address-space limit, a safety net so that a server without limits cannot take
the machine (it then fails its heavy queries instead).

    python bench/serve_load.py [--requests 2000] [--concurrency 32] [--seconds 10] [--graph out/seeds.nq]
"""
from __future__ import annotations

import argparse
import http.client
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = "SELECT ?s ?text WHERE { ?s a <https://w3id.org/khabar/ontology#Statement> ; <https://w3id.org/khabar/ontology#text> ?text } LIMIT 20"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
DIP = "https://w3id.org/khabar/ontology#"
MEMORY_HEAVY = [f"PREFIX dip: <{DIP}> SELECT (GROUP_CONCAT(?t) AS ?x) WHERE {{ ?a dip:articleText ?t . ?b ?c ?d . ?e ?f ?g }}",
                f"PREFIX dip: <{DIP}> SELECT (CONCAT(?t, ?t, ?t, ?t) AS ?x) WHERE {{ ?a dip:articleText ?t . ?b ?c ?d }} LIMIT 10000"]
LIMITS = ["--workers", "3", "--query-memory", "512", "--max-answer", "64", "--client-queries", "1", "--queue", "32"]


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (the query workers), in MiB."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Peaks:
    """Polls the peak resident memory (VmHWM) of the server and of every worker it starts."""

    def __init__(self, pid: int):
        self.pid, self.peaks, self._done = pid, {}, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._done.is_set():
            children = subprocess.run(["pgrep", "-P", str(self.pid)], capture_output=True, text=True).stdout.split()
            for i, pid in enumerate([self.pid, *map(int, children)]):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
                name = "server" if i == 0 else "worker"
                self.peaks[pid] = (name, max(hwm, self.peaks.get(pid, (name, 0))[1]))
            time.sleep(0.05)

    def stop(self):
        self._done.set()
        self._thread.join()


def get(port: int, path: str, client: str = "127.0.0.1", timeout: float = 60) -> int | str:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(client, 0))
        conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status
    except OSError as exc:
        return type(exc).__name__


def hostile_phase(port: int, args) -> tuple[list[float], dict, dict]:
    """ASK latencies and answers while heavy clients (other addresses) loop their queries."""
    stop, heavy, lock = threading.Event(), {}, threading.Lock()

    def loop(client: str, queries: list[str]):
        i = 0
        while not stop.is_set():
            status = get(port, "/sparql?query=" + urllib.parse.quote(queries[i % len(queries)]), client)
            i += 1
            with lock:
                heavy[status] = heavy.get(status, 0) + 1
            if status in (429, 503):
                time.sleep(0.05)

    threads = [threading.Thread(target=loop, args=(c, [CARTESIAN])) for c in ("127.0.0.2", "127.0.0.3")
               for _ in range(args.heavy)]
    threads.append(threading.Thread(target=loop, args=("127.0.0.4", MEMORY_HEAVY)))
    for t in threads:
        t.start()
    asks, statuses = [], {}
    try:
        time.sleep(1)
        end = time.monotonic() + args.seconds
        while time.monotonic() < end:
            start = time.monotonic()
            status = get(port, "/sparql?query=" + urllib.parse.quote("ASK {}"), "127.0.0.9")
            asks.append(time.monotonic() - start)
            statuses[status] = statuses.get(status, 0) + 1
            time.sleep(0.1)
    finally:
        stop.set()
        for t in threads:
            t.join(60)
    return asks, statuses, heavy


def burst_phase(port: int) -> tuple[int, float, int]:
    """200 connections at once for a resource page: answered, the slowest (s), failed or hung (20 s)."""
    barrier, results = threading.Barrier(200), []

    def one():
        barrier.wait(30)
        start = time.monotonic()
        status = get(port, "/id/entity/Q7747.ttl", timeout=20)
        results.append((status, time.monotonic() - start))

    threads = [threading.Thread(target=one) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    answered = sum(1 for s, _ in results if s == 200)
    return answered, max(t for _, t in results), 200 - answered


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=10, help="how long the hostile clients run")
    ap.add_argument("--heavy", type=int, default=10, help="connections of each heavy client")
    ap.add_argument("--ceiling-mb", type=int, default=2048, help="address-space ceiling of each server process")
    ap.add_argument("--graph", type=Path, default=None, help="a khabar graph (default: the seeds, mapped here)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            graph = Path(tmp) / "seeds.nq"
            subprocess.run([sys.executable, "-m", "khabar.cli", "map", str(ROOT / "seeds"), "-o", str(graph), "-q"], check=True)
        store = Path(tmp) / "store"
        subprocess.run([sys.executable, "-m", "khabar.cli", "load", str(graph), "--store", str(store)],
                       check=True, stderr=subprocess.DEVNULL)
        port = free_port()
        helptext = subprocess.run([sys.executable, "-m", "khabar.cli", "serve", "--help"], capture_output=True,
                                  text=True).stdout
        limits = LIMITS if "--query-memory" in helptext else []  # a khabar from before the limits has none

        def ceiling():
            resource.setrlimit(resource.RLIMIT_AS, (args.ceiling_mb << 20, args.ceiling_mb << 20))

        server = subprocess.Popen([sys.executable, "-m", "khabar.cli", "serve", str(store), "--port", str(port),
                                   "--timeout", "2", *limits], stderr=subprocess.DEVNULL, preexec_fn=ceiling)
        peaks = Peaks(server.pid)
        try:
            for _ in range(100):
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
                    break
                except OSError:
                    time.sleep(0.1)
            time.sleep(1)
            kinds = [("turtle", "/id/entity/Q7747.ttl"), ("html", "/id/entity/Q7747.html"),
                     ("sparql", "/sparql?query=" + urllib.parse.quote(QUERY)), ("home", "/"),
                     ("missing", "/id/entity/Q0.ttl")]
            plan = [kinds[i % len(kinds)] for i in range(args.requests)]
            for i in range(0, args.requests, 500):  # a hostile query now and then
                plan[i] = ("cartesian", "/sparql?query=" + urllib.parse.quote(CARTESIAN))
            before = rss_mib(server.pid)

            addresses, names = threading.local(), iter(range(1, 1000))

            def fetch(item):
                kind, path = item
                if not hasattr(addresses, "client"):  # many clients: each connection thread its own address
                    addresses.client = f"127.0.1.{next(names)}"
                client = addresses.client
                start = time.perf_counter()
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(client, 0))
                    conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                    status = conn.getresponse().status
                    conn.close()
                except OSError as exc:
                    status = f"error {exc}"
                return kind, status, (time.perf_counter() - start) * 1000

            start = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                results = list(pool.map(fetch, plan))
            seconds = time.perf_counter() - start
            after = rss_mib(server.pid)
            hostile = hostile_phase(port, args)
            burst = burst_phase(port)
        finally:
            peaks.stop()
            server.terminate()
            server.wait(10)
    expected = {"turtle": 200, "html": 200, "sparql": 200, "home": 200, "missing": 404, "cartesian": 503}
    errors = [(k, s) for k, s, _ in results if s != expected[k] and not (k == "cartesian" and s in (429, 503))]
    print(f"{len(results):,} requests, {args.concurrency} concurrent, {seconds:.1f} s, {len(results) / seconds:,.0f} requests/s")
    print(f"unexpected answers: {len(errors)}" + (f" e.g. {errors[:3]}" if errors else ""))
    print(f"{'kind':10}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}")
    for kind in expected:
        times = sorted(t for k, _, t in results if k == kind)
        if times:
            print(f"{kind:10}{len(times):>7}{statistics.median(times):9.1f}{times[min(len(times) - 1, int(len(times) * 0.99))]:9.1f}")
    print(f"server memory (with its query workers): {before:.0f} MiB before, {after:.0f} MiB after")
    print()
    print("limits: " + (" ".join(limits) if limits else "none (this khabar has no limit options)")
          + f"; --timeout 2; ceiling {args.ceiling_mb} MiB per process")
    asks, statuses, heavy = hostile
    asks.sort()
    print(f"hostile clients ({args.seconds:g} s; 2 x {args.heavy} cartesian COUNT(*), 1 memory-heavy): "
          f"ASK median {statistics.median(asks) * 1000:.0f} ms, p95 {asks[max(0, int(len(asks) * 0.95) - 1)] * 1000:.0f} ms, "
          f"{len(asks)} asked, answers {dict(sorted(statuses.items()))}")
    print(f"  heavy answers {dict(sorted(heavy.items()))}")
    answered, slowest, failed = burst
    print(f"burst of 200 connections: {answered} answered, slowest {slowest:.1f} s, {failed} failed or hung")
    workers = [peak / 1024 for pid, (name, peak) in sorted(peaks.peaks.items()) if name == "worker"]
    print(f"peak resident memory (VmHWM), MiB: server {peaks.peaks.get(server.pid, ('', 0))[1] / 1024:.0f}; "
          f"{len(workers)} query workers (replaced ones included), the largest {max(workers, default=0):.0f}: "
          + " ".join(f"{w:.0f}" for w in workers))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
