#!/usr/bin/env python3
"""The embedded store: bulk-load speed (quads/s, and the ratio to pyoxigraph's own bulk load of the
same file), the same load again into the full store (every article graph replaced) and p50/p99
latency of the demo queries on a store of the whole corpus.

    python bench/store.py [--corpus DIR] [--limit N] [--repeat 20]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["who-met-whom.rq", "who-said-what.rq", "statements-per-speaker.rq", "stats.rq"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet")
    ap.add_argument("--files", default="2015-07-*.zip", help="which zips of the corpus (a glob; default: the July files; the August files are held out for evaluation and never read here unless named)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    paths = sorted(args.corpus.glob(args.files))
    if not paths:
        print(f"bench: no corpus at {args.corpus}; skipped", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        graph = tmp / "corpus.nq"
        subprocess.run([sys.executable, "-m", "khabar.cli", "map", *map(str, paths), "-o", str(graph), "-q",
                        "--jobs", "2", "--no-validate"], stderr=subprocess.DEVNULL, check=False)
        quads = sum(1 for _ in graph.open("rb"))
        start = time.perf_counter()
        ox.Store(str(tmp / "raw")).bulk_load(path=str(graph), format=ox.RdfFormat.N_QUADS)
        t_raw = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "khabar.cli", "load", str(graph), "--store", str(tmp / "store")],
                       stderr=subprocess.DEVNULL, check=True)
        t_khabar = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "khabar.cli", "load", str(graph), "--store", str(tmp / "store")],
                       stderr=subprocess.DEVNULL, check=True)
        t_again = time.perf_counter() - start
        print(f"quads {quads:,}")
        print(f"pyoxigraph bulk load  {t_raw:7.2f} s  {quads / t_raw:12,.0f} quads/s")
        print(f"khabar load --store   {t_khabar:7.2f} s  {quads / t_khabar:12,.0f} quads/s   "
              f"({t_khabar / t_raw:.2f}x pyoxigraph's own, process start included)")
        print(f"the same again        {t_again:7.2f} s  {quads / t_again:12,.0f} quads/s   "
              f"({t_again / t_raw:.2f}x; into the full store, every article graph replaced)")
        store = ox.Store.read_only(str(tmp / "store"))
        print(f"{'query':28}{'p50 ms':>9}{'p99 ms':>9}{'rows':>7}")
        for name in QUERIES:
            text = (ROOT / "queries" / name).read_text(encoding="utf-8")
            times, rows = [], 0
            for _ in range(args.repeat):
                start = time.perf_counter()
                rows = len(list(store.query(text, use_default_graph_as_union=True)))
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            print(f"{name:28}{statistics.median(times):9.1f}{p99:9.1f}{rows:7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
