"""SHACL validation of khabar graphs (pyshacl, the reference engine)."""
from khabar.validate.shacl import Violation, load_shapes, validate_graph, validate_quads

__all__ = ["Violation", "load_shapes", "validate_graph", "validate_quads"]
