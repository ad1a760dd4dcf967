"""Stores: the embedded pyoxigraph store (a directory) and RDF files opened as in-memory stores."""
from khabar.stores.embedded import load_files, open_source, read_quads

__all__ = ["load_files", "open_source", "read_quads"]
