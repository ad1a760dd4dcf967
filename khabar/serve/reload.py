"""The store-reload rule: `khabar load --store DIR` into a store that is being served swaps a new folder
in for DIR. The server notices at its next request (DIR is a different folder) and from then on every
answer comes from the new store: the pages and descriptions (read in the server) at once, SPARQL
queries through workers started on the new store (workers on the old one are replaced as they come
back). While the swap is under way (DIR missing, or not openable) the old store keeps answering.
A graph file is read once, at start: serve it again to see changes.
"""
from __future__ import annotations

import os
from pathlib import Path


def identity(source: str) -> tuple[int, int] | None:
    """Which folder `source` is now (device, inode), or None for a graph file or a missing folder."""
    try:
        st = os.stat(source)
    except OSError:
        return None
    if not Path(source).is_dir():
        return None
    return st.st_dev, st.st_ino
