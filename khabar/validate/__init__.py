"""SHACL validation of khabar graphs: a fast engine compiled from the shapes (the default) and
pyshacl, the reference, which the fast engine is tested against and falls back to.

rdflib and pyshacl are loaded when a validator is made or a function of khabar.validate.shacl is
first asked for, not by naming ENGINES or Violation (the CLI's options, a run's settings, the server)."""
from khabar.validate.engines import ENGINES, validator
from khabar.validate.violation import Violation

__all__ = ["ENGINES", "Violation", "load_shapes", "validate_graph", "validate_quads", "validator"]


def __getattr__(name: str):
    if name in ("load_shapes", "validate_graph", "validate_quads"):
        from khabar.validate import shacl

        return getattr(shacl, name)
    raise AttributeError(f"module 'khabar.validate' has no attribute {name!r}")
