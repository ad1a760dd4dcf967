"""Readers: inputs (files, folders, zips, stdin) -> a stream of Article or Failure, in a stable order."""
from khabar.read.sources import read_inputs

__all__ = ["read_inputs"]
