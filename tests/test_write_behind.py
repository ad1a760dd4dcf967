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
