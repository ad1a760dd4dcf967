"""`khabar load --store` is all or nothing: killed, failing or run twice at once, it leaves the
store as it was (or holds the whole load); loading the same files twice gives the same store."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Store

from khabar.cli import cli
from khabar.errors import InputError
from khabar.stores import load_files, open_source, staging
from khabar.stores.embedded import ONTOLOGY_GRAPH


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def nquads(path: Path, n: int, graphs: int, value: str = "", graph: str = "g") -> Path:
    """n quads spread over the graphs <http://e/g/0> ... (the same names in every file)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(f'<http://e/s/{i}> <http://e/p> "{value}{i}" <http://e/{graph}/{i % graphs}> .\n')
    return path


def quads(store_dir: Path) -> set:
    """The store's quads but the ontology's graph, which every load (re)makes (tests/graph/test_queries.py)."""
    return {q for q in open_source(store_dir) if str(q.graph_name) != f"<{ONTOLOGY_GRAPH}>"}


def leftovers(store_dir: Path) -> list[Path]:
    return staging.leftovers(store_dir, staging.STAGING) + staging.leftovers(store_dir, staging.OLD)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> list[Path]:
    """Two files that take seconds to load: a small one, then a big one (their graphs overlap those
    of `previous`, so a load that wrote straight into the store would change it in its first second)."""
    folder = tmp_path_factory.mktemp("big")
    return [nquads(folder / "first.nq", 1000, 100, value="first "),
            nquads(folder / "big.nq", 400_000, 1000, value="new ")]


@pytest.fixture
def previous(tmp_path) -> tuple[Path, set]:
    """A store holding 1000 quads in 100 graphs, and those quads."""
    store = tmp_path / "store"
    load_files([nquads(tmp_path / "previous.nq", 1000, 100)], store)
    return store, quads(store)


def start_load(graphs: list[Path], store: Path) -> subprocess.Popen:
    """A real `khabar load` process, returned while it loads: once it is writing its staging
    folder (however long a loaded machine takes to start it)."""
    proc = subprocess.Popen([sys.executable, "-m", "khabar.cli", "load", *map(str, graphs), "--store", str(store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not staging.leftovers(store, staging.STAGING) and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
    time.sleep(0.3)
    assert proc.poll() is None, "finished before it could be interrupted"
    return proc


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_load_leaves_the_previous_store(previous, big, sig):
    store, before = previous
    proc = start_load(big, store)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    if sig == signal.SIGKILL:
        assert staging.leftovers(store, staging.STAGING)  # the kill left its staging folder ...
    else:
        assert not leftovers(store)  # a catchable signal also removes it on the way out
    assert quads(store) == before
    assert not leftovers(store)  # ... which opening the store removed (the dead load's lock is free)
    assert run("load", *big, "--store", store).exit_code == 0  # and the next load goes ahead
    assert len(quads(store)) == 400_000  # every previous graph was replaced


def test_a_killed_first_load_leaves_no_store(tmp_path, big):
    store = tmp_path / "store"
    proc = start_load(big, store)
    proc.kill()
    proc.wait(timeout=60)
    assert not store.exists()
    with pytest.raises(InputError, match="no such graph file or store"):
        open_source(store)
    assert not leftovers(store)
    query = run("query", store, "SELECT * WHERE { ?s ?p ?o }")
    assert query.exit_code == 2 and "no such graph file or store" in query.output


def test_a_killed_first_load_into_an_empty_folder_leaves_it_empty(tmp_path, big):
    store = tmp_path / "store"
    store.mkdir()
    proc = start_load(big, store)
    proc.kill()
    proc.wait(timeout=60)
    assert store.is_dir() and not any(store.iterdir())
    with pytest.raises(InputError, match="empty folder, not a khabar store"):
        open_source(store)


KILL_BETWEEN_RENAMES = textwrap.dedent("""
    import os, sys
    from khabar.stores import load_files
    rename = os.rename
    def rename_then_die(source, target):
        rename(source, target)
        if ".khabar-old-" in str(target):
            os._exit(9)  # as a SIGKILL would: the store is -old, the new one is still staging
    os.rename = rename_then_die
    load_files([sys.argv[1]], sys.argv[2])
""")


def kill_between_renames(graph: Path, store: Path) -> None:
    done = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, str(graph), str(store)], check=False)
    assert done.returncode == 9
    assert not store.exists()
    assert len(staging.leftovers(store, staging.OLD)) == 1 and len(staging.leftovers(store, staging.STAGING)) == 1


def test_a_load_killed_between_the_renames_is_rolled_back_when_the_store_is_opened(previous, tmp_path):
    store, before = previous
    kill_between_renames(nquads(tmp_path / "new.nq", 500, 50, value="new "), store)
    assert quads(store) == before
    assert not leftovers(store)
    assert run("stats", store).exit_code == 0


def test_a_load_killed_between_the_renames_is_rolled_back_by_the_next_load(previous, tmp_path):
    store, before = previous
    new = nquads(tmp_path / "new.nq", 500, 50, value="new ")
    kill_between_renames(new, store)
    assert run("load", new, "--store", store).exit_code == 0
    assert not leftovers(store)
    after = quads(store)
    assert len(after) == 1000 - 500 + 500 and after != before  # graphs 0-49 replaced, 50-99 kept


def test_after_the_renames_only_the_old_copy_is_removed(previous):
    store, before = previous
    old = staging.beside(store, staging.OLD, 99999999)
    Store(str(store)).backup(str(old))  # a load killed after its renames, before removing the old store
    assert quads(store) == before and not leftovers(store)


def test_the_only_copy_is_never_removed(previous):
    store, before = previous
    olds = [staging.beside(store, staging.OLD, pid) for pid in (99999998, 99999999)]
    Store(str(store)).backup(str(olds[0]))
    os.rename(store, olds[1])
    with pytest.raises(InputError, match="several earlier copies"):
        load_files([], store)
    assert all({q for q in Store.read_only(str(old)) if str(q.graph_name) != f"<{ONTOLOGY_GRAPH}>"} == before
               for old in olds)


@pytest.mark.parametrize("existing", [True, False])
def test_a_bad_file_after_a_good_one_leaves_the_store_as_it_was(previous, tmp_path, existing):
    store, before = previous
    if not existing:
        store = tmp_path / "fresh"
    good = nquads(tmp_path / "good.nq", 500, 50, value="new ")
    bad = tmp_path / "bad.nq"
    bad.write_text('<http://e/s> <http://e/p> "x" <http://e/g/1> .\n<http://e/s> <http://e/p> ', encoding="utf-8")
    result = run("load", good, bad, "--store", store)
    assert result.exit_code == 2 and "bad.nq" in result.output and "Traceback" not in result.output
    assert quads(store) == before if existing else not store.exists()
    assert not leftovers(store)


def test_a_folder_of_other_files_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("load", nquads(tmp_path / "a.nq", 10, 1), "--store", folder)
    assert result.exit_code == 2 and "holds files but no store" in result.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"] and not leftovers(folder)


def test_loading_the_same_files_twice_gives_the_same_store(tmp_path):
    store = tmp_path / "store"
    files = [nquads(tmp_path / "a.nq", 3000, 30), nquads(tmp_path / "b.nq", 2000, 20, graph="h")]
    assert run("load", *files, "--store", store).exit_code == 0  # into a new store: the bulk loader
    first = quads(store)
    assert run("load", *files, "--store", store).exit_code == 0  # into a store: graphs replaced
    assert quads(store) == first
    assert not leftovers(store)


def test_a_second_load_while_one_runs_is_refused_and_readers_see_the_previous_store(previous, big, tmp_path):
    store, before = previous
    proc = start_load(big, store)
    try:
        second = run("load", nquads(tmp_path / "other.nq", 10, 10), "--store", store)
        assert second.exit_code == 2 and "Traceback" not in second.output
        assert f"another khabar load (pid {proc.pid}) is writing to" in second.output
        assert quads(store) == before  # opened while the load runs: the store as it was
    finally:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert len(quads(store)) == 400_000
    assert not leftovers(store)


def test_a_load_into_a_store_adds_new_articles_replaces_old_ones_and_reports_what_it_read(previous, tmp_path):
    store, before = previous
    new = nquads(tmp_path / "new.nq", 30, 3, value="new ", graph="other")  # three new article graphs
    again = nquads(tmp_path / "again.nq", 20, 2, value="again ")  # graphs g/0 and g/1, in the store already
    reports = load_files([new, again], store)
    assert [(r.graphs, r.quads) for r in reports] == [(3, 30), (2, 20)]
    after = quads(store)

    def in_graphs(found, names):
        return {q for q in found if q.graph_name.value in names}

    assert in_graphs(after, {f"http://e/other/{i}" for i in range(3)}) == set(open_source(new))
    replaced = {"http://e/g/0", "http://e/g/1"}
    assert in_graphs(after, replaced) == set(open_source(again))
    assert before - in_graphs(before, replaced) <= after
    assert len(after) == len(before) - len(in_graphs(before, replaced)) + 30 + 20


@pytest.mark.parametrize("replaced", [5, 95], ids=["checkpoint-and-remove", "rebuild"])
def test_both_ways_of_replacing_graphs_give_the_store_the_rules_say(tmp_path, replaced):
    """Into a store, a load replaces each article graph its files give (a later file's copy wins),
    leaves the others and the default graph, and merges the kept graphs (the entities graph).
    Replacing few of the store's graphs removes them from a checkpoint; replacing most builds a new
    store from the graphs left: the same store either way."""
    from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

    store = tmp_path / "store"
    before = nquads(tmp_path / "before.nq", 1000, 100)
    entities = tmp_path / "entities.nq"
    entities.write_text('<http://e/x> <http://e/p> "old" <http://e/entities> .\n'
                        '<http://e/x> <http://e/p> "default" .\n', encoding="utf-8")
    load_files([before, entities], store, keep_graphs=["http://e/entities"])
    first = nquads(tmp_path / "first.nq", replaced * 3, replaced, value="first ")
    second = nquads(tmp_path / "second.nq", 4, 2, value="second ")  # graphs g/0 and g/1 again
    more = tmp_path / "more.nq"
    more.write_text('<http://e/x> <http://e/p> "new" <http://e/entities> .\n', encoding="utf-8")
    load_files([first, second, more], store, keep_graphs=["http://e/entities"])

    expected = set()
    for path, graphs in ((before, range(replaced, 100)), (first, range(2, replaced)), (second, range(2))):
        expected |= {q for q in open_source(path) if int(q.graph_name.value.rsplit("/", 1)[1]) in graphs}
    x, p = NamedNode("http://e/x"), NamedNode("http://e/p")
    expected |= {Quad(x, p, Literal(v), NamedNode("http://e/entities")) for v in ("old", "new")}
    expected.add(Quad(x, p, Literal("default"), DefaultGraph()))
    assert quads(store) == expected
    assert not leftovers(store)
