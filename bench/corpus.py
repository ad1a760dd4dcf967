#!/usr/bin/env python3
"""The SaudiNewsNet corpus end to end, as ratios against a floor measured in the same run.

floor      read and JSON-decode every record of the zips (the best of three reads)
khabar     `khabar map --jobs J` with validation, writing N-Quads (a subprocess: what a user runs)
baseline   a straightforward rdflib + pyshacl pipeline over the same mapper output (on a sample:
           rdflib Dataset per article, pyshacl per article, Dataset serialised as N-Quads)
validation the share of the run it takes (the run again with --no-validate) and its cost per
           article with each engine (fast, pyshacl) on the same graphs

    python bench/corpus.py [--corpus DIR] [--limit N] [--jobs J] [--repeat R] [--sample N]
"""
from __future__ import annotations

import argparse
import gc
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


def records(paths: list[Path], limit: int | None) -> list[dict]:
    out: list[dict] = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                out.extend(json.loads(archive.read(member)))
        if limit and len(out) >= limit:
            return out[:limit]
    return out


def baseline(sample: list[dict]) -> float:
    """rdflib + pyshacl over the khabar mapper's output, per article: seconds per article."""
    import pyshacl
    import rdflib

    from khabar import __version__
    from khabar.extract import extract
    from khabar.rdf import IriScheme, article_quads, entity_quads
    from khabar.read.records import record_to_article
    from khabar.validate import load_shapes

    iris, shapes = IriScheme(), load_shapes()
    start = time.perf_counter()
    dataset = rdflib.Dataset()
    for i, rec in enumerate(sample):
        article = record_to_article(rec, "bench", i)
        if not hasattr(article, "text"):
            continue
        x = extract(article)
        quads = article_quads(x, iris, __version__) + entity_quads(x.entities, iris)
        graph = rdflib.Graph()
        graph.parse(data="".join(f"{q.triple} .\n" for q in quads), format="nt")
        pyshacl.validate(graph, shacl_graph=shapes, inference="none")
        context = dataset.graph(rdflib.URIRef(iris.graph(article.article_id)))
        for t in graph:
            context.add(t)
    dataset.serialize(format="nquads")
    return (time.perf_counter() - start) / len(sample)


def validation_costs(sample: list[dict]) -> dict[str, float]:
    """Milliseconds per article to validate the same mapped graphs with each engine."""
    from khabar.rdf import IriScheme, entity_descriptions
    from khabar.run import MappedArticle, RunSettings, map_stream
    from khabar.validate import validator

    iris = IriScheme()
    graphs = [m.nquads + entity_descriptions(m.entities, iris)
              for m in map_stream(sample, RunSettings(engine=None)) if isinstance(m, MappedArticle)]
    costs = {}
    for name in ("fast", "pyshacl"):
        check = validator(name)
        check(graphs[0])  # warm: shapes loaded and compiled
        gc.disable()  # as in the workers, which pause the cyclic collector while they map a batch
        start = time.perf_counter()
        for graph in graphs:
            check(graph)
        costs[name] = (time.perf_counter() - start) / len(graphs) * 1000
        gc.enable()
    return costs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet")
    ap.add_argument("--files", default="2015-07-*.zip",
                    help="which zips of the corpus (a glob; default: the July files, the development part; the "
                         "August files are held out for evaluation and never read here unless named)")
    ap.add_argument("--limit", type=int, help="articles (default: every article of those files)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each khabar run; the best counts")
    ap.add_argument("--sample", type=int, default=300,
                    help="articles (spread over the corpus) for the rdflib + pyshacl baseline and the engines' costs")
    args = ap.parse_args()
    paths = sorted(args.corpus.glob(args.files))
    if not paths:
        print(f"bench: no corpus at {args.corpus}; skipped", file=sys.stderr)
        return 0
    t_floor = float("inf")
    for _ in range(max(3, args.repeat)):  # the best of a few reads, as for khabar's runs below: the floor
        start = time.perf_counter()       # is a fraction of a second, and one read on a shared machine
        recs = records(paths, args.limit)  # has come out anywhere from 0.29 to 0.46 s here
        t_floor = min(t_floor, time.perf_counter() - start)
    n = len(recs)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inputs = [str(p) for p in paths]
        if args.limit:
            data = tmp / "sample.jsonl"
            data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
            inputs = [str(data)]
        out = tmp / "out.nq"

        def khabar_map(*options: str) -> float:
            """The best of --repeat runs (a shared machine's noise only ever adds time)."""
            best = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "khabar.cli", "map", *inputs, "-o", str(out), "-q",
                                "--jobs", str(args.jobs), *options], check=False, stderr=subprocess.DEVNULL)
                best = min(best, time.perf_counter() - start)
            return best

        t_khabar = khabar_map()
        quads = sum(1 for _ in out.open("rb"))
        t_unvalidated = khabar_map("--no-validate")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sample = recs[:: max(1, n // args.sample)][: args.sample]  # spread over the corpus, not its first day
    engines = validation_costs(sample)
    per_baseline = baseline(sample)
    per_khabar = t_khabar / n
    print(f"articles {n:,}   quads {quads:,}   jobs {args.jobs}   peak RSS of a khabar process {rss:.0f} MiB")
    print(f"{'':10}{'seconds':>10}{'articles/s':>12}{'quads/s':>12}{'x floor':>9}")
    print(f"{'floor':10}{t_floor:10.2f}{n / t_floor:12,.0f}{'':>12}{1:9.1f}")
    print(f"{'khabar':10}{t_khabar:10.2f}{n / t_khabar:12,.0f}{quads / t_khabar:12,.0f}{t_khabar / t_floor:9.1f}")
    print(f"{'baseline':10}{per_baseline * n:10.2f}{1 / per_baseline:12,.0f}{'':>12}{per_baseline * n / t_floor:9.1f}"
          f"   (rdflib + pyshacl, measured on {len(sample)} articles spread over the corpus)")
    print(f"speed-up over the baseline: {per_baseline / per_khabar:.1f}x")
    worker_ms = t_khabar * args.jobs / n * 1000  # process time spent on each article, at most
    print(f"validation: {max(0.0, t_khabar - t_unvalidated) / t_khabar:.0%} of the run measured "
          f"(the same run with --no-validate: {t_unvalidated:.2f} s); {engines['fast'] / worker_ms:.0%} "
          f"of the {worker_ms:.2f} ms a worker spends on an article, from the fast engine's cost below")
    print("validation cost per article: " + ", ".join(f"{name} {ms:.2f} ms" for name, ms in engines.items())
          + f"   ({engines['pyshacl'] / engines['fast']:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
