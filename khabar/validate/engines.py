"""Choose a validation engine by name: "fast" (compiled from the shapes; refuses shapes it cannot
compile, and then pyshacl is used) or "pyshacl" (the reference)."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from pyoxigraph import Quad

from khabar.errors import KhabarError
from khabar.validate.shacl import Violation, load_shapes, validate_quads

ENGINES = ("fast", "pyshacl")
Validator = Callable[[Iterable[Quad]], list[Violation]]


def validator(engine: str = "fast", shapes_path: str | None = None) -> Validator:
    if engine not in ENGINES:
        raise KhabarError(f"unknown validation engine {engine!r}; known: {', '.join(ENGINES)}")
    shapes = load_shapes(shapes_path)
    if engine == "fast":
        from khabar.validate.fast import UnsupportedShapes, compile_shapes, validate_fast

        try:
            checks = compile_shapes(shapes)
        except UnsupportedShapes:
            checks = None
        if checks is not None:
            return lambda quads: validate_fast(quads, checks)
    return lambda quads: validate_quads(quads, shapes)
