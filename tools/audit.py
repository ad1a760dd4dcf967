#!/usr/bin/env python3
"""Draw a reproducible sample of a day's extraction for a reader to judge against the text.

    python tools/audit.py DAY.zip --sample 40 --seed 27 [--out FILE.md] [--graph MAPPED.nq]

Maps the whole day with `khabar map` (or reads --graph, a file already mapped from it), then draws,
with random.Random(seed), N events, N statements and N linked mentions (a mention whose entity has
an owl:sameAs link to Wikidata) from every article of the day. Candidates are sorted by IRI before
drawing, so the same graph and seed always give the same sample. Each item is printed as a numbered
Markdown block: the article, what was extracted, the sentence of the article around the item's
offsets (cut at . ! ? ؟ or a line end) and an empty `verdict:` line to fill in:
right / right, wrong field: … / wrong.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store, Variable

from khabar.extract.layout import SENTENCE_END  # where a sentence ends, as the extraction reads it

DIP = "https://w3id.org/khabar/ontology#"
PREFIXES = f"""PREFIX dip: <{DIP}>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""
VERDICT = "verdict:"


# -- reading the graph --------------------------------------------------------------------------

def map_day(day: Path, out: Path) -> Path:
    """Map DAY with the khabar of this interpreter's environment; a failed article is not fatal."""
    exe = Path(sys.executable).parent / "khabar"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "khabar.cli"]
    subprocess.run(cmd + ["map", str(day), "-o", str(out), "-q", "--no-validate"], check=False)
    if not out.exists():
        raise SystemExit(f"audit: khabar map {day} wrote nothing")
    return out


def load(graph: Path) -> Store:
    store = Store()
    store.bulk_load(path=str(graph), format=RdfFormat.from_extension(graph.suffix.lstrip(".")))
    return store


def rows(store: Store, query: str, **bind: str) -> list[dict[str, str]]:
    """A SELECT over the union of all graphs, the keyword arguments giving IRIs to some of its
    variables (which it must project); each row maps variable name -> value (str)."""
    result = store.query(PREFIXES + query, use_default_graph_as_union=True,
                         substitutions={Variable(k): NamedNode(v) for k, v in bind.items()})
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def values(store: Store, subject: str, prop: str) -> list[str]:
    return sorted(r["o"] for r in rows(store, f"SELECT DISTINCT * WHERE {{ ?s {prop} ?o }}", s=subject))


def label(store: Store, iri: str) -> str:
    """The Arabic label (English too when there is one), else the IRI."""
    found = rows(store, "SELECT DISTINCT * WHERE { ?s rdfs:label ?l BIND(LANG(?l) AS ?lang) }", s=iri)
    by_lang = {r.get("lang", ""): r["l"] for r in sorted(found, key=lambda r: (r.get("lang", ""), r["l"]))}
    ar, en = by_lang.get("ar"), by_lang.get("en")
    if ar and en:
        return f"{ar} ({en})"
    return ar or en or next(iter(by_lang.values()), f"<{iri}>")


def candidates(store: Store) -> dict[str, list[tuple[str, ...]]]:
    """Every event, statement and (linked mention, entity) pair of the graph, sorted by IRI."""
    events = rows(store, "SELECT DISTINCT ?x WHERE { ?x a dip:Event }")
    statements = rows(store, "SELECT DISTINCT ?x WHERE { ?x a dip:Statement }")
    mentions = rows(store, """SELECT DISTINCT ?m ?e WHERE {
        ?e owl:sameAs ?wd . ?e dip:evidence ?m . ?m dip:beginIndex ?b }""")
    return {"events": sorted((r["x"],) for r in events),
            "statements": sorted((r["x"],) for r in statements),
            "mentions": sorted((r["m"], r["e"]) for r in mentions)}


def draw(pools: dict[str, list[tuple[str, ...]]], n: int, seed: int) -> dict[str, list[tuple[str, ...]]]:
    rng = random.Random(seed)
    return {kind: rng.sample(pool, min(n, len(pool))) for kind, pool in pools.items()}


# -- the text around an item --------------------------------------------------------------------

def sentence(text: str, begin: int, end: int) -> str:
    """The sentence(s) of TEXT holding [begin, end): cut at the last sentence end before BEGIN and
    the first one at or after END.

    >>> sentence("قال أ. التقى الوزير نظيره. ثم غادر", 10, 15)
    'التقى الوزير نظيره.'
    """
    start = 0
    for m in SENTENCE_END.finditer(text, 0, begin):
        start = m.end()
    m = SENTENCE_END.search(text, max(end - 1, start))
    stop = m.end() if m else len(text)
    return text[start:stop].strip()


def oneline(s: str) -> str:
    return s.replace("\n", " ⏎ ")


def evidence(store: Store, item: str, mention: str | None = None) -> list[dict[str, str]]:
    """The spans of ITEM (or just MENTION) with their article's id, url and text."""
    where = "?i dip:evidence ?m ." if mention is None else ""
    query = f"""SELECT DISTINCT * WHERE {{
        {where}
        GRAPH ?g {{ ?m dip:beginIndex ?b ; dip:endIndex ?e . ?a a dip:Article }}
        ?a dip:articleId ?id ; dip:articleText ?text .
        OPTIONAL {{ ?m dip:anchorOf ?anchor }} OPTIONAL {{ ?a schema:url ?url }}
        OPTIONAL {{ ?a dip:published ?pub }} }} ORDER BY ?m"""
    return rows(store, query, **({"i": item} if mention is None else {"m": mention}))


def evidence_lines(ev: dict[str, str]) -> list[str]:
    text, b, e = ev["text"], int(ev["b"]), int(ev["e"])
    anchor = text[b:e]
    lines = [f"- article: {ev.get('url', ev['id'])}"]
    if "pub" in ev:
        lines.append(f"- published: {ev['pub']}")
    lines.append(f"- anchor [{b}-{e}]: «{oneline(anchor)}»")
    if ev.get("anchor", anchor) != anchor:
        lines.append(f"- NOTE: dip:anchorOf «{oneline(ev['anchor'])}» does not match the offsets")
    lines.append(f"> {oneline(sentence(text, b, e))}")
    return lines


# -- the blocks ---------------------------------------------------------------------------------

def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def event_block(store: Store, n: int, iri: str) -> list[str]:
    types = [local(t) for t in values(store, iri, "a") if t.startswith(DIP) and t != DIP + "Event"]
    parts = "; ".join(label(store, p) for p in values(store, iri, "dip:participant")) or "—"
    place = "; ".join(label(store, p) for p in values(store, iri, "dip:place")) or "—"
    lines = [f"### E{n}. {', '.join(types) or 'Event'}", f"- iri: <{iri}>",
             f"- participants: {parts}", f"- place: {place}",
             f"- date: {', '.join(values(store, iri, 'dip:date')) or '—'}",
             f"- trigger: {', '.join(values(store, iri, 'dip:trigger')) or '—'}"]
    for ev in evidence(store, iri):
        lines += evidence_lines(ev)
    return lines


def statement_block(store: Store, n: int, iri: str) -> list[str]:
    kinds = values(store, iri, "a")
    kind = "direct" if DIP + "DirectQuote" in kinds else "reported" if DIP + "ReportedSpeech" in kinds else "?"
    speaker = "; ".join(label(store, s) for s in values(store, iri, "dip:speaker")) or "—"
    source = "; ".join(label(store, s) for s in values(store, iri, "dip:source")) or "—"
    lines = [f"### S{n}. {kind}", f"- iri: <{iri}>", f"- speaker: {speaker}",
             f"- cue: {', '.join(values(store, iri, 'dip:cue')) or '—'}", f"- source: {source}",
             f"- text: «{oneline(' | '.join(values(store, iri, 'dip:text')))}»"]
    for ev in evidence(store, iri):
        lines += evidence_lines(ev)
    return lines


def mention_block(store: Store, n: int, mention: str, entity: str) -> list[str]:
    lines = [f"### M{n}. {label(store, entity)}", f"- entity: <{entity}>",
             f"- wikidata: {', '.join(values(store, entity, 'owl:sameAs'))}"]
    for ev in evidence(store, entity, mention=mention):
        lines += evidence_lines(ev)
    return lines


def report(store: Store, name: str, n: int, seed: int) -> str:
    pools = candidates(store)
    sample = draw(pools, n, seed)
    out = [f"# Audit of {name}: seed {seed}, {n} of each", "",
           f"Drawn from {len(pools['events'])} events, {len(pools['statements'])} statements and "
           f"{len(pools['mentions'])} linked mentions. Verdicts: right / right, wrong field: … / wrong.", ""]
    sections = (("Events", "events", event_block), ("Statements", "statements", statement_block),
                ("Linked mentions", "mentions", mention_block))
    for title, kind, block in sections:
        out += [f"## {title} ({len(sample[kind])})", ""]
        for i, item in enumerate(sample[kind], 1):
            out += block(store, i, *item) + ["", VERDICT, ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("day", type=Path, help="the day's .zip (or any input khabar map reads)")
    ap.add_argument("--sample", type=int, default=40, help="items of each kind (default 40)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, help="Markdown file (standard output when absent)")
    ap.add_argument("--graph", type=Path, help="the day already mapped (.nq or .trig): skip mapping")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph or map_day(args.day, Path(tmp) / "day.nq")
        text = report(load(graph), args.day.name, args.sample, args.seed)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
