"""SHACL validation of khabar graphs: a fast engine compiled from the shapes (the default) and
pyshacl, the reference, which the fast engine is tested against and falls back to."""
from khabar.validate.engines import ENGINES, validator
from khabar.validate.shacl import Violation, load_shapes, validate_graph, validate_quads

__all__ = ["ENGINES", "Violation", "load_shapes", "validate_graph", "validate_quads", "validator"]
