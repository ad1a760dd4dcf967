"""Replacing a store folder all at once: a load writes a staging copy and swaps it in.

The guarantee: whatever stops a `khabar load --store DIR` (an error, SIGTERM, SIGKILL), DIR
afterwards holds either the store as it was before the load or the store with the whole load in
it, never a part. (Renames are fsync'ed; that the files of a finished store survive a power cut is
left to RocksDB.) How, with these names beside DIR (same folder, so the same
filesystem and renames are atomic):

  DIR.khabar-lock           flock'ed while a load runs (holds its pid); one load at a time
  DIR.khabar-staging-PID    the load is written here: a checkpoint of DIR (hard links, cheap)
                            or, when DIR is missing or empty, a new store
  DIR.khabar-old-PID        DIR as it was, for the moment between the two renames of the swap

The swap renames DIR to -old, the staging folder to DIR, then removes -old. A load killed before
the swap leaves a staging folder and DIR untouched; killed between the renames, it leaves no DIR
and an -old folder, which `recover` renames back to DIR (the previous store: the swap is rolled
back, never forward); killed after them, an -old folder beside the new DIR, which is removed.
`recover` runs under the lock (so no load is running and every staging folder is a dead one's)
at the start of each load, and when a store is opened and leftovers are found. It never removes
the only copy of a store: an -old folder goes only when DIR exists.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from khabar.errors import InputError

LOCK = ".khabar-lock"
STAGING = ".khabar-staging-"
OLD = ".khabar-old-"


class Busy(InputError):
    """Another load holds the store's lock."""


def beside(target: Path, tag: str, pid: int | None = None) -> Path:
    return target.with_name(f"{target.name}{tag}{'' if pid is None else pid}")


def leftovers(target: Path, tag: str) -> list[Path]:
    """The staging or -old folders beside `target` (any pid), oldest name first."""
    if not target.parent.is_dir():
        return []
    prefix = f"{target.name}{tag}"
    return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix) and p.name[len(prefix):].isdigit())


@contextlib.contextmanager
def locked(target: Path, wait: bool = False) -> Iterator[None]:
    """Hold `target`'s load lock; when another process holds it, raise Busy (or, with wait, wait).
    The lock goes with the process, so a killed load does not leave it held."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(beside(target, LOCK), "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise Busy(f"another khabar load (pid {holder}) is writing to {target}; "
                       "run this one when it has finished") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(target: Path) -> None:
    """Undo or finish what killed loads left beside `target`. Call with the lock held."""
    olds = leftovers(target, OLD)
    if olds and not target.exists():
        if len(olds) > 1:  # cannot happen through khabar: each load recovers first; leave it to a person
            raise InputError(f"{target} is missing and there are several earlier copies of it: "
                             f"{', '.join(map(str, olds))}; rename the one to keep to {target}")
        os.rename(olds[0], target)
        _sync(target.parent)
        olds = []
    for old in olds:  # DIR exists: these were swapped out by a load that finished its renames
        shutil.rmtree(old)
    for stage in leftovers(target, STAGING):  # the lock is held: no load is writing these
        shutil.rmtree(stage)


def recover_before_opening(target: Path) -> None:
    """When a store about to be opened has leftovers beside it, recover: waiting for a running load
    when DIR is missing and an -old folder is there (a swap in progress, or a killed one); else only
    when no load is running. Where nothing can be written beside DIR (a read-only place), nothing is
    done."""
    missing = not target.exists() and bool(leftovers(target, OLD))
    if not missing and not leftovers(target, STAGING) and not leftovers(target, OLD):
        return
    try:
        with locked(target, wait=missing):
            recover(target)
    except (Busy, OSError):
        pass


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A staging folder for a new version of `target` (not yet created: the caller makes the store
    there, from a backup of `target` or new); swapped in for `target` when the block succeeds,
    removed when it fails. The caller must have closed its store on the staging folder by then."""
    stage = beside(target, STAGING, os.getpid())
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    swap(stage, target)


def swap(stage: Path, target: Path) -> None:
    """Put `stage` in the place of `target`: two renames, then the old version is removed."""
    old = beside(target, OLD, os.getpid())
    if target.exists():
        os.rename(target, old)
    os.rename(stage, target)
    _sync(target.parent)
    shutil.rmtree(old, ignore_errors=True)


def _sync(folder: Path) -> None:
    """Make renames in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
