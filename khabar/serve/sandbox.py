"""The query worker's network sandbox: once `deny_network()` has run, the process (and every thread it
starts later) cannot create a socket, so no query can reach any address, whatever it asks (SERVICE,
a future extension, a bug in the engine). It is a seccomp filter (Linux): `socket()` and
`io_uring_setup()` fail with EACCES; nothing else changes. It needs no privileges and cannot be undone.
"""
from __future__ import annotations

import ctypes
import errno
import platform
import struct

_ARCHES = {  # machine -> (AUDIT_ARCH, socket, io_uring_setup)
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_RET_ALLOW, _RET_ERRNO, _RET_KILL = 0x7FFF0000, 0x00050000, 0x80000000
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06


class SandboxError(OSError):
    """The filter could not be installed (not Linux, an unknown machine, or the kernel refused)."""


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def _program(arch: int, socket_nr: int, uring_nr: int) -> bytes:
    deny = _RET_ERRNO | errno.EACCES
    return b"".join([
        _insn(_LD_W_ABS, 0, 0, 4),              # seccomp_data.arch
        _insn(_JEQ_K, 1, 0, arch),
        _insn(_RET_K, 0, 0, _RET_KILL),         # another ABI (x32, i386 on x86_64): no
        _insn(_LD_W_ABS, 0, 0, 0),              # seccomp_data.nr
        _insn(_JGE_K, 3, 0, 0x40000000),        # x32 numbers
        _insn(_JEQ_K, 2, 0, socket_nr),
        _insn(_JEQ_K, 1, 0, uring_nr),
        _insn(_RET_K, 0, 0, _RET_ALLOW),
        _insn(_RET_K, 0, 0, deny),
    ])


def deny_network() -> None:
    """Install the filter in this process; raises SandboxError where that is not possible."""
    machine = platform.machine()
    if platform.system() != "Linux" or machine not in _ARCHES:
        raise SandboxError(f"the query sandbox needs Linux on {' or '.join(_ARCHES)} (this is {platform.system()} {machine})")
    code = _program(*_ARCHES[machine])
    buffer = ctypes.create_string_buffer(code, len(code))

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(len(code) // 8, ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0 or \
            libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0) != 0:
        err = ctypes.get_errno()
        raise SandboxError(err, f"the query sandbox (seccomp) could not be installed: {errno.errorcode.get(err, err)}")
