"""The embedded store: a persistent pyoxigraph Store in a directory, or a graph file in memory."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store, parse

from khabar.errors import FormatError, InputError
from khabar.formats import format_for
from khabar.rdf.vocab import DIP_NS
from khabar.resources import ontology_path
from khabar.stores import staging

# A store khabar loads holds the ontology too, in a named graph of its own (named by the ontology's
# IRI), so that queries over the SKOS schemes (event types, CAMEO and PLOVER codes, speech acts) and
# the class labels answer there.
ONTOLOGY_GRAPH = DIP_NS.rstrip("#")


@dataclass
class LoadReport:
    path: str
    quads: int | None  # None: not counted (a bulk load of a non-N-Quads file into an empty store)
    graphs: int | None  # None: not looked at (a bulk load into an empty store)


def _rdf_format(path: Path) -> RdfFormat:
    try:
        return format_for(path=path).rdf_format
    except FormatError as exc:
        raise InputError(str(exc)) from None


def read_quads(path: str | Path) -> list:
    """All the quads of a graph file (triple formats give default-graph quads)."""
    path = Path(path)
    fmt = _rdf_format(path)
    try:
        return list(parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"cannot read {path} as RDF: {exc}") from None


def open_source(source: str | Path) -> Store:
    """A store directory (opened read-only) or a graph file loaded into an in-memory store. What a
    killed load left beside a store is tidied first (see khabar.stores.staging.recover_before_opening)."""
    path = Path(source)
    if path.is_dir() or not path.exists():
        staging.recover_before_opening(Path(os.path.realpath(path)))  # a load killed mid-swap: put back
    if path.is_dir():
        if not any(path.iterdir()):
            raise InputError(f"{path} is an empty folder, not a khabar store (create one with khabar load)")
        return Store.read_only(str(path))
    if not path.exists():
        raise InputError(f"no such graph file or store: {path}")
    store = Store()
    try:
        store.bulk_load(path=str(path), format=_rdf_format(path))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"cannot read {path} as RDF: {exc}") from None
    return store


def load_files(paths: Iterable[str | Path], store_dir: str | Path, keep_graphs: Iterable[str] = (),
               ontology: bool = True) -> list[LoadReport]:
    """Load graph files into the store at `store_dir` (created when missing); each article graph they
    hold is replaced, so loading the same files twice gives the same store. With `ontology`, the
    store's graph ONTOLOGY_GRAPH is (re)made from khabar's ontology.

    All or nothing: the files are loaded into a staging copy of the store that replaces it only
    when every file has loaded (see khabar.stores.staging), so an error or a killed load leaves the
    store as it was. One load at a time: a second load into the same store while one runs fails
    (InputError) without touching it."""
    target = Path(os.path.realpath(store_dir))  # a symlinked store: the folder it points to is swapped
    files = [(Path(p), _rdf_format(Path(p))) for p in paths]
    with staging.locked(target):
        staging.recover(target)
        with staging.staged(target) as stage:
            return _load_into(stage, target, files, set(keep_graphs), ontology)


def _load_into(stage: Path, target: Path, files: list[tuple[Path, RdfFormat]], keep: set[str],
               ontology: bool = True) -> list[LoadReport]:
    """Make the store at `stage`, load `files` into it and close it.

    Into a new or empty store the files go straight to the bulk loader (one pass, as fast as
    pyoxigraph's own; an article graph given twice in one such run is merged). Into a store that
    holds quads, each article graph of the files replaces the store's: the new store is a
    checkpoint of the old one with those graphs removed or, when the files replace at least as
    many graphs as they leave, a new store given the graphs they leave (removing a graph from a
    store costs about as much as copying one or two into a new one, and a full reload, the common
    case, then copies nothing but the kept graphs)."""
    old = _opened(target)
    store = None
    try:
        if old is None:
            store = Store(str(stage))
            found = [(path, fmt, None, None) for path, fmt in files]
        else:
            found = []
            for path, fmt in files:
                with _reading(path):
                    found.append((path, fmt, *_graphs_and_count(path, fmt)))
            graphs = set(old.named_graphs())
            replaced = {g for *_, named, _ in found for g in named if g.value not in keep} & graphs
            left = graphs - replaced
            if len(replaced) >= len(left):
                store = Store(str(stage))
                store.bulk_extend(q for g in [DefaultGraph(), *left] for q in old.quads_for_pattern(None, None, None, g))
            else:
                try:
                    Store(str(target)).backup(str(stage))  # a checkpoint: hard links to the immutable files
                except OSError as exc:
                    raise InputError(f"cannot open the store {target}: {exc}") from None
                store = Store(str(stage))
                for g in sorted(replaced, key=str):
                    store.remove_graph(g)
        reports = []
        loaded: set[NamedNode] = set()  # a graph given again by a later file replaces the earlier one too
        for path, fmt, named, quads in found:
            if named is not None:
                for g in sorted((g for g in named & loaded if g.value not in keep), key=str):
                    store.remove_graph(g)
                loaded |= named
            with _reading(path):
                store.bulk_load(path=str(path), format=fmt)
            if named is None:
                quads = _lines(path) if fmt == RdfFormat.N_QUADS else None
            reports.append(LoadReport(str(path), quads, None if named is None else len(named)))
        if ontology:
            graph = NamedNode(ONTOLOGY_GRAPH)
            store.remove_graph(graph)
            store.bulk_load(path=str(ontology_path()), format=RdfFormat.TURTLE, to_graph=graph)
        store.flush()
    finally:
        del store, old  # closes them (a traceback keeps this frame, not the stores), before the swap or removal
    return reports


def _opened(target: Path) -> Store | None:
    """The store at `target`, read only; None when there is none yet or it holds no quads."""
    if not (target.is_dir() and any(target.iterdir())):
        return None
    if not (target / "CURRENT").is_file():  # the swap would remove whatever else is in there
        raise InputError(f"{target} holds files but no store; give a new or empty folder, or a khabar store")
    try:
        store = Store.read_only(str(target))
    except OSError as exc:
        raise InputError(f"cannot open the store {target}: {exc}") from None
    return store if next(iter(store), None) is not None else None


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """A parse or read error in the block said as the file's."""
    try:
        yield
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"cannot load {path}: {exc}") from None


def _lines(path: Path) -> int:
    """Quads in an N-Quads file (one per line), counted without parsing."""
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _graphs_and_count(path: Path, fmt: RdfFormat) -> tuple[set[NamedNode], int]:
    """The named graphs of a graph file and its number of quads, in one pass."""
    graphs: set[NamedNode] = set()
    quads = 0
    for quad in parse(path=str(path), format=fmt):
        quads += 1
        if isinstance(quad.graph_name, NamedNode):
            graphs.add(quad.graph_name)
    return graphs, quads
