#!/usr/bin/env python3
"""Parallel scaling of `khabar map`: 1, 2, 4, ... workers with --jobs and with a Dask LocalCluster,
speed-up over one worker and parallel efficiency, measured in the same run.

With --jobs, one reading process reads and decodes the inputs for all the workers and the main
process writes what they give back: the CPU time per article of each (the main process's measured
on the run, the reader's by running its reading and pickling here on the same sample) bounds the
speed-up any number of cores can give, and is printed with that bound.

    python bench/scaling.py [--corpus DIR] [--limit 6000] [--workers 1,2,4,8,16]
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet")
    ap.add_argument("--limit", type=int, default=6000)
    cores = os.cpu_count() or 1
    ap.add_argument("--workers", default=",".join(str(n) for n in (1, 2, 4, 8, 16, 32) if n <= cores))
    args = ap.parse_args()
    paths = sorted(args.corpus.glob("*.zip"))
    if not paths:
        print(f"bench: no corpus at {args.corpus}; skipped", file=sys.stderr)
        return 0
    records: list[dict] = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                records.extend(json.loads(archive.read(member)))
        if len(records) >= args.limit:
            break
    records = records[: args.limit]
    print(f"{len(records):,} articles on {cores} cores")
    print(f"{'mode':8}{'workers':>8}{'seconds':>9}{'articles/s':>12}{'speed-up':>10}{'efficiency':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        data, half = Path(tmp) / "sample.jsonl", Path(tmp) / "half.jsonl"
        for path, rows in ((data, records), (half, records[: len(records) // 2])):
            path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
        out = Path(tmp) / "o.nq"
        for mode in ("jobs", "dask"):
            one = None
            for n in (int(w) for w in args.workers.split(",")):
                seconds, _ = run(data, out, ["--jobs", str(n)] if mode == "jobs" else ["--scheduler", f"local:{n}"])
                one = one or seconds
                print(f"{mode:8}{n:>8}{seconds:>9.1f}{len(records) / seconds:>12,.0f}{one / seconds:>10.2f}"
                      f"{one / seconds / n:>12.0%}")
            if mode == "jobs":
                # per article: the difference between the whole sample and its first half, start-up left out
                main_cpu = (run(data, out, ["--jobs", "2"])[1] - run(half, out, ["--jobs", "2"])[1]) / (
                    len(records) - len(records) // 2)
                reader_cpu = reading_cpu(data) / len(records)
                per_article = one / len(records)
                print(f"one worker: {per_article * 1e6:.0f} us per article; CPU per article of the main process "
                      f"{main_cpu * 1e6:.0f} us, of the reading process {reader_cpu * 1e6:.0f} us; so --jobs can "
                      f"give at most {per_article / max(main_cpu, reader_cpu):.1f}x one worker's rate, whatever the cores")
    return 0


def run(data: Path, out: Path, flag: list[str]) -> tuple[float, float]:
    """Wall-clock seconds of `khabar map` on `data`, and the CPU seconds of its own process (the
    workers and the reader, children of the forkserver, are not counted)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "khabar.cli", "map", str(data), "-o", str(out), "-q", *flag],
                   stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def reading_cpu(data: Path) -> float:
    """CPU seconds of the reading process's work on `data`: read, account, group and pickle."""
    from khabar.mapping import MapSummary, read_accounted
    from khabar.parallel import _groups

    start = time.process_time()
    for _, batch in _groups(read_accounted([data], MapSummary())):
        pickle.dumps(batch, pickle.HIGHEST_PROTOCOL)
    return time.process_time() - start


if __name__ == "__main__":
    sys.exit(main())
