#!/usr/bin/env python3
"""End-to-end throughput on SaudiNewsNet, as ratios against a floor measured in the same run.

floor      read and JSON-decode the records
khabar     read, extract, build quads, write N-Quads (no validation)
validated  the same with per-article SHACL validation (pyshacl)

    python bench/corpus.py [--limit N] [--corpus ../shared/corpora/saudinewsnet]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from khabar.formats import FORMATS, write_quads
from khabar.mapping import MapSummary, MappedArticle, entities_graph, map_inputs
from khabar.rdf import IriScheme

ROOT = Path(__file__).resolve().parent.parent


def floor(paths: list[Path], limit: int) -> int:
    n = 0
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                n += len(json.loads(archive.read(member)))
        if n >= limit:
            break
    return min(n, limit)


def sample(paths: list[Path], limit: int, out: Path) -> Path:
    records = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                records.extend(json.loads(archive.read(member)))
        if len(records) >= limit:
            break
    target = out / "sample.json"
    target.write_text(json.dumps(records[:limit], ensure_ascii=False), encoding="utf-8")
    return target


def run_khabar(inputs: list[Path], out: Path, validate: bool) -> MapSummary:
    summary = MapSummary()
    iris = IriScheme()

    def quads():
        for item in map_inputs(inputs, iris, validate=validate, summary=summary):
            if isinstance(item, MappedArticle):
                yield from item.quads
        yield from entities_graph(summary, iris)

    write_quads(quads(), out, FORMATS["nquads"])
    return summary


def timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet")
    ap.add_argument("--limit", type=int, default=3000, help="articles to process (default 3000)")
    args = ap.parse_args()
    paths = sorted(args.corpus.glob("*.zip"))
    if not paths:
        print(f"bench: no corpus at {args.corpus}; skipped", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = sample(paths, args.limit, tmp)
        t_floor, n = timed(lambda: len(json.loads(data.read_text(encoding="utf-8"))))
        t_plain, s_plain = timed(run_khabar, [data], tmp / "plain.nq", False)
        t_valid, s_valid = timed(run_khabar, [data], tmp / "valid.nq", True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {n}   quads: {s_plain.quads}   peak RSS: {rss:.0f} MiB")
    print(f"{'stage':12}{'seconds':>10}{'articles/s':>12}{'quads/s':>12}{'x floor':>10}")
    for name, t, s in (("floor", t_floor, None), ("khabar", t_plain, s_plain), ("validated", t_valid, s_valid)):
        quads = f"{s.quads / t:12.0f}" if s else f"{'':>12}"
        print(f"{name:12}{t:10.2f}{n / t:12.0f}{quads}{t / t_floor:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
