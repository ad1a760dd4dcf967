#!/usr/bin/env python3
"""A bounded load test of `khabar serve` on loopback: N requests, C concurrent, a mix of resource
lookups (Turtle and HTML), SPARQL queries and a hostile cartesian-product query. Prints errors,
p50/p99 latency by kind, and the server's resident memory before and after (it must stay bounded).

    python bench/serve_load.py [--requests 10000] [--concurrency 32] [--graph out/seeds.nq]
"""
from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = "SELECT ?s ?text WHERE { ?s a <https://w3id.org/khabar/ontology#Statement> ; <https://w3id.org/khabar/ontology#text> ?text } LIMIT 20"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=10000)
    ap.add_argument("--concurrency", type=int, default=32)
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
        server = subprocess.Popen([sys.executable, "-m", "khabar.cli", "serve", str(store), "--port", str(port),
                                   "--timeout", "2"], stderr=subprocess.DEVNULL)
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

            def fetch(item):
                kind, path = item
                start = time.perf_counter()
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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
        finally:
            server.terminate()
            server.wait(10)
    expected = {"turtle": 200, "html": 200, "sparql": 200, "home": 200, "missing": 404, "cartesian": 503}
    errors = [(k, s) for k, s, _ in results if s != expected[k]]
    print(f"{len(results):,} requests, {args.concurrency} concurrent, {seconds:.1f} s, {len(results) / seconds:,.0f} requests/s")
    print(f"unexpected answers: {len(errors)}" + (f" e.g. {errors[:3]}" if errors else ""))
    print(f"{'kind':10}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}")
    for kind in expected:
        times = sorted(t for k, _, t in results if k == kind)
        if times:
            print(f"{kind:10}{len(times):>7}{statistics.median(times):9.1f}{times[min(len(times) - 1, int(len(times) * 0.99))]:9.1f}")
    print(f"server memory (with its query workers): {before:.0f} MiB before, {after:.0f} MiB after")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
