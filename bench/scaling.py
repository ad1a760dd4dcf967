#!/usr/bin/env python3
"""Parallel scaling of `khabar map`: 1, 2, 4, ... workers with --jobs and with a Dask LocalCluster,
speed-up over one worker and parallel efficiency, measured in the same run.

With --jobs, one reading process reads and decodes the inputs for all the workers and the main
process writes what they give back: the CPU time per article of each (the main process's measured
on the run, as its busiest thread's or its threads' time under the GIL; the reader's by running
its reading and pickling here on the same sample) bounds the speed-up any number of cores can
give, and is printed with that bound.

    python bench/scaling.py [--corpus DIR] [--limit N] [--workers 1,2,4,8,16]
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
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
    ap.add_argument("--files", default="2015-07-*.zip", help="which zips of the corpus (a glob; default: the July files; the August files are held out for evaluation and never read here unless named)")
    ap.add_argument("--limit", type=int, help="articles in the sample (default: 2,000 per worker of the "
                    "largest count, at least 6,000: each worker needs seconds of work for a steady rate)")
    cores = os.cpu_count() or 1
    ap.add_argument("--workers", default=",".join(str(n) for n in (1, 2, 4, 8, 16, 32) if n <= cores))
    args = ap.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    limit = args.limit or max(6000, 2000 * max(counts))
    paths = sorted(args.corpus.glob(args.files))
    if not paths:
        print(f"bench: no corpus at {args.corpus}; skipped", file=sys.stderr)
        return 0
    records: list[dict] = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                records.extend(json.loads(archive.read(member)))
        if len(records) >= limit:
            break
    records = records[:limit]
    print(f"{len(records):,} articles on {cores} cores. Rates are steady: measured while the middle half of the "
          f"output is written.")
    print(f"{'mode':8}{'workers':>8}{'seconds':>9}{'articles/s':>12}{'speed-up':>10}{'efficiency':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "sample.jsonl"
        data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
        out = Path(tmp) / "o.nq"
        for mode in ("jobs", "dask"):
            one = main_cpu = None  # one worker's rate; the main process's serial CPU seconds per article
            for n in counts:
                flag = ["--jobs", str(n)] if mode == "jobs" else ["--scheduler", f"local:{n}"]
                seconds, rate, cpu = run(data, out, flag, len(records))
                if n > 1:
                    main_cpu = max(main_cpu or 0.0, cpu or 0.0)
                one = one or rate
                print(f"{mode:8}{n:>8}{seconds:>9.1f}{rate:>12,.0f}{rate / one:>10.2f}{rate / one / n:>12.0%}")
            if main_cpu:
                reader_cpu = reading_cpu(data) / len(records)
                print(f"{mode}: one worker {1e6 / one:.0f} us per article; serial CPU per article of the main process "
                      f"{main_cpu * 1e6:.0f} us, of the reading process {reader_cpu * 1e6:.0f} us; so at most "
                      f"{1 / one / max(main_cpu, reader_cpu):.1f}x one worker's rate, whatever the cores")
    return 0


def run(data: Path, out: Path, flag: list[str], articles: int) -> tuple[float, float, float | None]:
    """`khabar map` on `data`: its wall-clock seconds, and, while it writes the middle half of its
    output (start-up and the last tasks left out), its rate in articles per second and the CPU
    seconds per article that bound its own process (the workers and the reader, other processes,
    are not counted): the most of its busiest thread's CPU time and its user time,
    which its threads share under the GIL. Output bytes stand for articles (the same sample for
    every run, so ratios between runs hold)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "khabar.cli", "map", str(data), "-o", str(out), "-q", *flag],
                            stderr=subprocess.DEVNULL)
    samples = []  # (seconds, bytes written, {thread: CPU seconds}, user seconds)
    while proc.poll() is None:
        written = sum(p.stat().st_size for p in out.parent.glob(f".{out.name}.*.part"))
        samples.append((time.perf_counter() - start, written, *_cpu(proc.pid)))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    total = out.stat().st_size
    try:
        (t1, _, threads1, user1), (t2, _, threads2, user2) = (
            next(s for s in samples if s[1] >= share * total) for share in (0.25, 0.75))
    except StopIteration:  # too quick to watch
        return seconds, articles / seconds, None
    busiest = max((threads2[t] - threads1.get(t, 0.0) for t in threads2), default=0.0)
    return seconds, articles / 2 / (t2 - t1), max(busiest, user2 - user1) / (articles / 2)


def _cpu(pid: int) -> tuple[dict[str, float], float]:
    """CPU seconds so far of each thread of a process (user and system), and its user seconds,
    from /proc (Linux; elsewhere nothing)."""
    threads, user = {}, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path(f"/proc/{pid}/task").glob("*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        threads[stat.parent.name] = (int(fields[11]) + int(fields[12])) / tick
        user += int(fields[11]) / tick
    return threads, user


def reading_cpu(data: Path) -> float:
    """CPU seconds of the reading process's work on `data`: read, account, group and pickle."""
    from khabar.run.batches import groups
    from khabar.run.reading import read_articles

    start = time.process_time()
    for _, batch in groups(read_articles([data])):
        pickle.dumps(batch, pickle.HIGHEST_PROTOCOL)
    return time.process_time() - start


if __name__ == "__main__":
    sys.exit(main())
