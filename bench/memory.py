#!/usr/bin/env python3
"""Peak resident memory of `khabar map` at 1k, 10k, 31k and 100k articles (the corpus repeated
with new ids): it must stay flat, not grow with the input.

    python bench/memory.py [--corpus DIR] [--sizes 1000,10000,31030,100000] [--jobs 1]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(paths: list[Path]) -> list[dict]:
    records: list[dict] = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                records.extend(json.loads(archive.read(member)))
    return records


def write_sample(records: list[dict], size: int, target: Path) -> None:
    with target.open("w", encoding="utf-8") as out:
        for i in range(size):
            rec = dict(records[i % len(records)])
            rec["url"] = f"{rec.get('url', '')}#copy{i // len(records)}"  # a new id for each repetition
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def peak_rss_mib(cmd: list[str]) -> tuple[float, float]:
    """Peak RSS of a child process (and its workers), in MiB, and its wall time."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = __import__("os").wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024, time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet")
    ap.add_argument("--sizes", default="1000,10000,31030,100000")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    paths = sorted(args.corpus.glob("*.zip"))
    if not paths:
        print(f"bench: no corpus at {args.corpus}; skipped", file=sys.stderr)
        return 0
    records = corpus(paths)
    print(f"{'articles':>9}{'peak RSS MiB':>14}{'seconds':>10}{'articles/s':>12}")
    baseline = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            data = Path(tmp) / f"sample-{size}.jsonl"
            write_sample(records, size, data)
            rss, seconds = peak_rss_mib([sys.executable, "-m", "khabar.cli", "map", str(data), "-o",
                                         str(Path(tmp) / "out.nq"), "-q", "--jobs", str(args.jobs)])
            baseline = baseline or rss
            print(f"{size:>9,}{rss:>14.0f}{seconds:>10.1f}{size / seconds:>12,.0f}   ({rss / baseline:.2f}x the first)")
            data.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
