"""N-Quads output is written by a second thread, a megabyte at a time: the same bytes in the same
order, write errors and errors of the producer reaching the caller, no thread left waiting."""
from __future__ import annotations

import errno
import io
import threading

import pytest

from khabar.formats import FORMATS
from khabar.formats.registry import WRITE_BEHIND, _write_chunks


def chunks(n: int) -> list[bytes]:
    return [f"<http://e/s/{i}> <http://e/p> \"{'x' * (i % 997)}\" <http://e/g/{i}> .\n".encode() for i in range(n)]


def test_the_same_bytes_in_the_same_order_across_many_batches():
    given = chunks(8000)
    assert sum(map(len, given)) > 3 * WRITE_BEHIND
    out = io.BytesIO()
    _write_chunks(iter(given), out, FORMATS["nquads"])
    assert out.getvalue() == b"".join(given)


class FullDisk(io.BytesIO):
    def writelines(self, lines):
        if self.tell() >= WRITE_BEHIND:
            raise OSError(errno.ENOSPC, "No space left on device")
        super().writelines(lines)


def test_a_write_error_reaches_the_caller():
    with pytest.raises(OSError, match="No space left"):
        _write_chunks(iter(chunks(8000)), FullDisk(), FORMATS["nquads"])
    assert not [t for t in threading.enumerate() if t.name.startswith("khabar-writer")]


def test_an_error_of_the_producer_reaches_the_caller_after_the_pending_write():
    def failing():
        yield from chunks(4000)
        raise RuntimeError("the mapping stopped")

    out = io.BytesIO()
    with pytest.raises(RuntimeError, match="the mapping stopped"):
        _write_chunks(failing(), out, FORMATS["nquads"])
    assert b"".join(chunks(4000)).startswith(out.getvalue()) and out.tell() >= WRITE_BEHIND
    assert not [t for t in threading.enumerate() if t.name.startswith("khabar-writer")]


def test_partial_outputs_of_killed_runs_are_removed_and_live_ones_kept(tmp_path):
    """A run killed outright leaves its partial output (.NAME.*.part) beside the target; the next
    run for the same target removes it, but not one that a live run holds (its lock is taken)."""
    import fcntl
    import os

    from khabar.formats import atomic_output

    target = tmp_path / "out.nq"
    dead = tmp_path / ".out.nq.dead1234.part"
    dead.write_bytes(b"half an output")
    live = tmp_path / ".out.nq.live5678.part"
    live.write_bytes(b"being written")
    other = tmp_path / ".other.nq.dead9999.part"
    other.write_bytes(b"another target's")
    holder = os.open(live, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with atomic_output(target) as out:
            out.write(b"whole")
    finally:
        os.close(holder)
    assert target.read_bytes() == b"whole"
    assert not dead.exists() and live.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.nq.dead9999.part", ".out.nq.live5678.part", "out.nq"]
