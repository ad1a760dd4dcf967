"""What a run writes for itself and removes when it ends: a partial output beside the file it will
replace, and a folder in TMPDIR for the files its helper processes hand over.

A killed run (SIGKILL, the out-of-memory killer) cannot remove them. So each is locked (flock)
while its run lives, and a later run removes those no live run holds: nothing a dead run left
lasts past the next run. Where there are no flocks (not POSIX) nothing is locked or removed.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None

RUN_FOLDER = "khabar-run-"
_MAKING = "khabar-making-"  # a run folder's name until it is locked: never taken for a dead one


def held(path: str | Path) -> int | None:
    """An open descriptor of the file or folder `path` holding its lock for this run (None where
    there are no flocks); `release` it when the run no longer needs it."""
    if fcntl is None:
        return None
    lock = os.open(path, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def release(lock: int | None) -> None:
    if lock is not None:
        os.close(lock)


def remove_dead(paths: Iterable[Path]) -> None:
    """Remove the files and folders among `paths` that no live run holds (see `held`)."""
    if fcntl is None:
        return
    for path in paths:
        try:
            lock = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # gone already
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass  # a live run holds it
        finally:
            os.close(lock)


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
