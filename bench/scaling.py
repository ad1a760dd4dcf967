#!/usr/bin/env python3
"""Parallel scaling of `khabar map`: 1, 2, 4, ... workers with --jobs and with a Dask LocalCluster,
speed-up over one worker and parallel efficiency, measured in the same run.

The main process reads, decodes and writes for all the workers; its CPU time per article (with
--jobs) bounds the speed-up any number of cores can give, and is printed with that bound.

    python bench/scaling.py [--corpus DIR] [--limit 6000] [--workers 1,2,4,8,16]
"""
from __future__ import annotations

import argparse
import json
import os
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
        data = Path(tmp) / "sample.jsonl"
        data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
        main_cpu = None  # seconds of the main process's CPU time per article, with workers
        for mode in ("jobs", "dask"):
            one = None
            for n in (int(w) for w in args.workers.split(",")):
                flag = ["--jobs", str(n)] if mode == "jobs" else ["--scheduler", f"local:{n}"]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "khabar.cli", "map", str(data), "-o", str(Path(tmp) / "o.nq"),
                                "-q", *flag], stderr=subprocess.DEVNULL, check=False)
                seconds = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if mode == "jobs" and n > 1 and main_cpu is None:  # the workers are the forkserver's, not counted
                    main_cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / len(records)
                one = one or seconds
                print(f"{mode:8}{n:>8}{seconds:>9.1f}{len(records) / seconds:>12,.0f}{one / seconds:>10.2f}"
                      f"{one / seconds / n:>12.0%}")
            if mode == "jobs" and main_cpu:
                per_article = one / len(records)
                print(f"main process: {main_cpu * 1e6:.0f} us of CPU per article with workers (one worker: "
                      f"{per_article * 1e6:.0f} us per article), so --jobs can give at most "
                      f"{per_article / main_cpu:.1f}x one worker's rate, whatever the cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
