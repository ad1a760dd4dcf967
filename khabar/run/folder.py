"""A folder in TMPDIR for the files a run's helper processes hand over, held (khabar.formats.locks)
while the run lives and removed when it ends; a later run removes those a killed run left."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from khabar.formats.locks import held, release, remove_dead

RUN_FOLDER = "khabar-run-"
_MAKING = "khabar-making-"  # a run folder's name until it is locked: never taken for a dead one


@contextmanager
def run_folder() -> Iterator[Path]:
    """A new folder in TMPDIR for this run's temporary files, held while the block runs and
    removed after it; on the way in, the folders of runs that were killed are removed."""
    making = Path(tempfile.mkdtemp(prefix=_MAKING))
    lock = held(making)
    folder = making.with_name(RUN_FOLDER + making.name[len(_MAKING):])
    os.rename(making, folder)  # only now may another run see it, and it is held
    remove_dead(folder.parent.glob(RUN_FOLDER + "*"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        release(lock)
