#!/usr/bin/env python3
"""The checks of `make test-virtuoso` (tests/virtuoso/run.sh starts and stops the server): the real
khabar command, run as a subprocess, against a running Virtuoso.

Loads the seeds by the Graph Store Protocol and by SPARQL Update (Digest auth as dba), checks per-graph
counts against the embedded store, reloads (idempotent), resumes from a state file, queries in every
format (a long query goes as a form POST, never application/sparql-query, which hangs Virtuoso), and
bulk-loads shards with ld_dir/rdf_loader_run as the README says.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KHABAR = [sys.executable, "-m", "khabar.cli"]
PER_GRAPH = ('SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{}")) }} '
             "GROUP BY ?g ORDER BY ?g")
KHABAR_GRAPHS = "https://w3id.org/khabar/id/graph/"
failures: list[str] = []


def khabar(*args, ok: bool = True, show: bool = True) -> subprocess.CompletedProcess:
    shown = " ".join(str(a) if " " not in str(a) else repr(str(a)) for a in args)
    started = time.monotonic()
    done = subprocess.run(KHABAR + [str(a) for a in args], capture_output=True, text=True, timeout=300, cwd=ROOT)
    if show:
        print(f"$ khabar {shown[:160]}  [exit {done.returncode}, {time.monotonic() - started:.1f} s]")
        for line in done.stderr.strip().splitlines()[:12]:
            print(f"    {line}")
    if ok and done.returncode != 0:
        raise SystemExit(f"FAILED: khabar {shown}\n{done.stdout}\n{done.stderr}")
    return done


def check(condition: bool, what: str) -> None:
    print(f"  {'ok  ' if condition else 'FAIL'} {what}")
    if not condition:
        failures.append(what)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--work", required=True, type=Path, help="a folder inside Virtuoso's DirsAllowed")
    parser.add_argument("--isql", required=True, help="host:port of Virtuoso's SQL server")
    a = parser.parse_args()
    url, work = a.endpoint, a.work
    auth = ["--server", "virtuoso", "--auth", "digest", "--user", "dba", "--password", "dba", "--timeout", "30"]
    seeds, store, state = work / "seeds.nq", work / "store", work / "state.jsonl"

    print("== map the seeds; the embedded store is the reference")
    khabar("map", ROOT / "seeds", "-o", seeds, "-q")
    khabar("load", seeds, "--store", store)
    per_graph = PER_GRAPH.format(KHABAR_GRAPHS)
    local = khabar("query", store, per_graph, "--format", "csv", show=False).stdout
    total = sum(int(r[1]) for r in rows(local)[1:])
    print(f"  embedded store: {len(rows(local)) - 1} graphs, {total} triples")

    def remote_counts() -> str:
        return khabar("query", "--endpoint", url, "--server", "virtuoso", per_graph, "--format", "csv", show=False).stdout

    print("== load by the Graph Store Protocol (PUT per graph, Digest auth), with a state file")
    out = khabar("load", seeds, "--endpoint", url, *auth, "--protocol", "gsp", "--state", state).stderr
    check(f"loaded 6 graphs ({total} triples)" in out and "Graph Store Protocol" in out, "6 graphs loaded by GSP")
    check(remote_counts() == local, "per-graph counts equal the embedded store's")

    print("== the same files again, with the state file: nothing to do")
    out = khabar("load", seeds, "--endpoint", url, *auth, "--state", state).stderr
    check("loaded 0 graphs" in out and "skipped 6" in out, "rerun skips the 6 graphs already loaded")

    print("== again by SPARQL Update (DROP SILENT GRAPH + INSERT DATA), then by GSP with --server auto")
    out = khabar("load", seeds, "--endpoint", url, *auth, "--protocol", "update", "--batch-size", "200").stderr
    check("by SPARQL Update" in out, "loaded by SPARQL Update")
    check(remote_counts() == local, "counts unchanged after reloading by Update")
    auto = [x for x in auth if x not in ("--server", "virtuoso")]
    out = khabar("load", seeds, "--endpoint", url, *auto, "--server", "auto").stderr
    check("Graph Store Protocol" in out, "--server auto found Virtuoso and used GSP")
    check(remote_counts() == local, "counts unchanged after reloading by GSP")

    print("== a graph that shrank is replaced, not merged")
    lines = seeds.read_text(encoding="utf-8").splitlines(keepends=True)
    smaller = work / "smaller.nq"
    smaller.write_text("".join(line for line in lines if not ("#text>" in line and "/graph/000_" in line)),
                       encoding="utf-8")
    khabar("load", smaller, "--endpoint", url, *auth, "--protocol", "update")
    khabar("load", smaller, "--store", work / "smaller-store")
    check(remote_counts() == khabar("query", work / "smaller-store", per_graph, "--format", "csv", show=False).stdout,
          "counts equal the embedded store loaded with the smaller file")
    khabar("load", seeds, "--endpoint", url, *auth)
    check(remote_counts() == local, "the full seeds again")

    print("== wrong credentials and Basic auth are refused clearly")
    bad = khabar("load", seeds, "--endpoint", url, "--server", "virtuoso", "--auth", "basic", "--user", "dba",
                 "--password", "dba", "--retries", "0", ok=False)
    check(bad.returncode == 2 and "HTTP 401" in bad.stderr and "Traceback" not in bad.stderr,
          "Basic auth: exit 2, HTTP 401, the graph named, no traceback")

    print("== queries in every format (GET; a long query as a form POST)")
    who = "@" + str(ROOT / "queries" / "who-said-what.rq")
    for fmt in ("table", "csv", "tsv", "json"):
        remote = khabar("query", "--endpoint", url, who, "--format", fmt).stdout
        here = khabar("query", store, who, "--format", fmt, show=False).stdout
        if fmt == "json":
            key = lambda b: (b["speaker"]["value"], b["text"]["value"], b["kind"]["value"])  # noqa: E731
            same = sorted(map(key, json.loads(remote)["results"]["bindings"])) == \
                sorted(map(key, json.loads(here)["results"]["bindings"]))
        elif fmt == "table":
            same = remote.splitlines()[-1] == here.splitlines()[-1] and sorted(remote.splitlines()) == sorted(here.splitlines())
        else:
            same = sorted(remote.splitlines()) == sorted(here.splitlines())
        check(same, f"who-said-what as {fmt}: the same rows as the embedded store")
    ask = khabar("query", "--endpoint", url, "ASK { GRAPH ?g { ?s a <https://w3id.org/khabar/ontology#DirectQuote> } }").stdout
    nope = khabar("query", "--endpoint", url, "ASK { GRAPH ?g { ?s <http://e/nothing> ?o } }", "--format", "json").stdout
    check(ask == "true\n" and json.loads(nope) == {"head": {}, "boolean": False},
          "ASK, true and false (Virtuoso answers as rows of ?__ASK_RETVAL)")
    construct = ("CONSTRUCT { ?a a <http://e/A> } WHERE { GRAPH ?g { ?a a <https://w3id.org/khabar/ontology#Article> } }")
    check(khabar("query", "--endpoint", url, construct, "--format", "csv").stdout.count("<http://e/A>") == 5,
          "CONSTRUCT: 5 articles")
    long = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?g { "
            + " ".join(f"<{KHABAR_GRAPHS}padding-{i}>" for i in range(60)) + f" <{KHABAR_GRAPHS}entities> }} }}")
    n = khabar("query", "--endpoint", url, long, "--format", "csv", "--timeout", "20").stdout
    check(rows(n)[1:] == [r[1:] for r in rows(local) if r[0].endswith("/entities")],
          f"a {len(long)}-character query (form POST) answers, no hang")
    arabic = ('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <https://w3id.org/khabar/ontology#speaker> ?p } '
              'GRAPH ?e { ?p <http://www.w3.org/2000/01/rdf-schema#label> "إيمانويل ماكرون"@ar } }')
    check(khabar("query", "--endpoint", url, arabic, "--format", "csv").stdout
          == khabar("query", store, arabic, "--format", "csv", show=False).stdout,
          "an exact Arabic literal matches as in the embedded store")

    print("== bulk load: shards through Virtuoso's loader (ld_dir + rdf_loader_run), as the README says")
    bulk_base = "https://example.org/bulk/"
    khabar("map", ROOT / "seeds", "-o", work / "bulk" / "corpus.nq", "--shard-size", "2", "--base", bulk_base, "-q")
    shards = sorted((work / "bulk").glob("corpus-*.nq"))
    sql = (f"ld_dir('{work / 'bulk'}', 'corpus-*.nq', 'https://example.org/bulk/graph/default'); "
           "rdf_loader_run(); checkpoint;")
    print(f"$ isql-vt {a.isql} dba dba exec=\"{sql}\"")
    done = subprocess.run(["isql-vt", a.isql, "dba", "dba", f"exec={sql}"], capture_output=True, text=True, timeout=120)
    check(done.returncode == 0, f"isql-vt loaded {len(shards)} shards")
    bulk = khabar("query", "--endpoint", url, PER_GRAPH.format(bulk_base + "graph/"), "--format", "csv", show=False).stdout
    bulk_total = sum(int(r[1]) for r in rows(bulk)[1:])
    check(len(rows(bulk)) == 7 and bulk_total == total, f"bulk-loaded: 6 graphs, {bulk_total} triples")

    print(f"== {'FAILED: ' + str(len(failures)) if failures else 'all Virtuoso checks passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
