"""Choose a validation engine by name: "fast" (compiled from the shapes; refuses shapes it cannot
compile, and then pyshacl is used) or "pyshacl" (the reference)."""
from __future__ import annotations

from collections.abc import Callable

from khabar.errors import KhabarError
from khabar.rdf.quads import read_nquads
from khabar.validate.violation import Graph, Violation

ENGINES = ("fast", "pyshacl")
Validator = Callable[[Graph], list[Violation]]


def validator(engine: str = "fast", shapes_path: str | None = None) -> Validator:
    if engine not in ENGINES:
        raise KhabarError(f"unknown validation engine {engine!r}; known: {', '.join(ENGINES)}")
    from khabar.validate.shacl import load_shapes, validate_quads  # rdflib and pyshacl: only once a validator is made

    shapes = load_shapes(shapes_path)
    if engine == "fast":
        from khabar.validate.fast import UnsupportedShapes, compile_shapes, validate_fast

        try:
            checks = compile_shapes(shapes)
        except UnsupportedShapes:
            checks = None
        if checks is not None:
            return lambda graph: validate_fast(graph, checks)
    return lambda graph: validate_quads(read_nquads(graph) if isinstance(graph, bytes) else graph, shapes)
