"""RDF output formats: one registry that the CLI options, file extensions and tests all read."""
from khabar.formats.registry import (FORMATS, RdfOutputFormat, atomic_output, format_for, shard_path, write_chunks,
                                     write_quads)

__all__ = ["FORMATS", "RdfOutputFormat", "atomic_output", "format_for", "shard_path", "write_chunks", "write_quads"]
