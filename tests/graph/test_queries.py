"""Every query shipped in queries/ answers on a store made by the README's commands (`khabar map
seeds`, `khabar load --store`), or says at its top (a `# Needs: FILE` comment) which other data it
needs, and answers once that is loaded too."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import ROOT
from khabar.cli import cli
from khabar.graph import run_query
from khabar.stores import open_source

QUERIES = sorted((ROOT / "queries").glob("*.rq"))
NEEDS = re.compile(r"^#\s*Needs:\s*(\S+)", re.MULTILINE)
ONTOLOGY = "https://w3id.org/khabar/ontology"


def _load(files, store):
    result = CliRunner().invoke(cli, ["load", *map(str, files), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="module")
def seeds_store(seeds_nq, tmp_path_factory):
    return _load([seeds_nq], tmp_path_factory.mktemp("store") / "store")


def test_a_loaded_store_holds_the_ontology_in_its_own_graph(seeds_store, seeds_nq):
    store = open_source(seeds_store)
    where = run_query(store, "SELECT ?g WHERE { GRAPH ?g { ?o a <http://www.w3.org/2002/07/owl#Ontology> } }")
    assert [row[0].value for row in where.rows] == [ONTOLOGY]
    size = len(list(store.quads_for_pattern(None, None, None, None)))
    del store
    again = _load([seeds_nq], seeds_store)  # loading again replaces the ontology's graph, never doubles it
    store = open_source(again)
    assert len(list(store.quads_for_pattern(None, None, None, None))) == size
    del store


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_shipped_query_answers_on_a_loaded_store(query, seeds_store, seeds_nq, tmp_path):
    text = query.read_text(encoding="utf-8")
    header = "\n".join(ln for ln in text.splitlines() if ln.startswith("#"))
    needs = NEEDS.findall(header)
    for name in needs:
        assert (ROOT / name).is_file(), f"{query.name} needs {name}, which is not in the repository"
    store_dir = _load([seeds_nq, *(ROOT / n for n in needs)], tmp_path / "store") if needs else seeds_store
    store = open_source(store_dir)
    rows = run_query(store, text).rows
    del store
    assert rows, (f"{query.name}: no rows on a store loaded from the seeds"
                  + (f" and {', '.join(needs)}" if needs else "; a query that needs other data says which at its "
                     "top (# Needs: FILE)"))
