"""Locks on what a run writes for itself and removes when it ends: a partial output beside the file
it will replace (`atomic_output`), and a folder in TMPDIR for the files its helper processes hand
over (khabar.run.folder).

A killed run (SIGKILL, the out-of-memory killer) cannot remove them. So each is locked (flock)
while its run lives, and a later run removes those no live run holds: nothing a dead run left
lasts past the next run. Where there are no flocks (not POSIX) nothing is locked or removed.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None


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
