#!/usr/bin/env python3
"""Peak resident memory of `khabar map` at 1k, 10k, 31k and 100k articles (the corpus repeated
with new ids): it must stay flat, not grow with the input. With --jobs, for each kind of process
of the run: the main process, the reading process and the largest worker.

    python bench/memory.py [--corpus DIR] [--sizes 1000,10000,31030,100000] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import os
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


ROLES = {"khabar-reader": "reader", "khabar-worker": "worker"}  # the names khabar gives its processes


def peak_rss_mib(cmd: list[str]) -> tuple[dict[str, float], float]:
    """The peak RSS in MiB of a run's main process and (watched through /proc, Linux) of its
    largest reader and worker, and the run's wall time."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[str, float] = {}
    main = 0.0
    while True:
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        main = max(main, _peak_kib(proc.pid) / 1024)
        for child, name in _descendants(proc.pid):
            if name in ROLES:
                peaks[ROLES[name]] = max(peaks.get(ROLES[name], 0.0), _peak_kib(child) / 1024)
        time.sleep(0.05)
    proc.returncode = 0  # reaped above
    # alone, the process's own figure from the kernel; with workers, that counts them too (their
    # forkserver is the main process's child), so the main process's own high-water mark as watched
    return {"main": main if peaks else usage.ru_maxrss / 1024, **peaks}, time.perf_counter() - start


def _descendants(root: int) -> list[tuple[int, str]]:
    parents: dict[int, list[tuple[int, str]]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, fields = text[text.index("(") + 1:text.rindex(")")], text.rsplit(")", 1)[1].split()
        parents.setdefault(int(fields[1]), []).append((int(stat.parent.name), name))
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found


def _peak_kib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet")
    ap.add_argument("--files", default="2015-07-*.zip", help="which zips of the corpus (a glob; default: the July files; the August files are held out for evaluation and never read here unless named)")
    ap.add_argument("--sizes", default="1000,10000,31030,100000")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    paths = sorted(args.corpus.glob(args.files))
    if not paths:
        print(f"bench: no corpus at {args.corpus}; skipped", file=sys.stderr)
        return 0
    records = corpus(paths)
    print(f"peak RSS in MiB, --jobs {args.jobs}")
    print(f"{'articles':>9}{'main':>8}{'reader':>8}{'worker':>8}{'seconds':>10}{'articles/s':>12}")
    baseline = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            data = Path(tmp) / f"sample-{size}.jsonl"
            write_sample(records, size, data)
            peaks, seconds = peak_rss_mib([sys.executable, "-m", "khabar.cli", "map", str(data), "-o",
                                           str(Path(tmp) / "out.nq"), "-q", "--jobs", str(args.jobs)])
            rss = max(peaks.values())
            baseline = baseline or rss
            cells = "".join(f"{peaks[k]:>8.0f}" if k in peaks else f"{'-':>8}" for k in ("main", "reader", "worker"))
            print(f"{size:>9,}{cells}{seconds:>10.1f}{size / seconds:>12,.0f}   (largest {rss / baseline:.2f}x the first)")
            data.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
