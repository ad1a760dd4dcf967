"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 (with or without BOM), Windows-1256 and
ISO-8859-6 Arabic; binary data refused with the reason."""
from __future__ import annotations

import codecs
import re

_ARABIC = re.compile("[\u0600-\u06ff]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20)])  # control characters text does not hold
_CONTROL = re.compile(f"[{re.escape(_CONTROL_BYTES.decode('ascii'))}]")  # the same, in decoded text


class DecodeError(ValueError):
    pass


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: every other byte is mostly NUL (Latin) or 0x06 (Arabic)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for name, high in (("utf-16-le", odd), ("utf-16-be", even)):
        share = sum(1 for b in high if b in (0, 6)) / len(high)
        if share > 0.9:
            return name
    return None


def decode_text(data: bytes) -> str:
    """Decode article bytes; raise DecodeError naming what was found when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        utf16 = _looks_utf16(data)
        if utf16:
            return data.decode(utf16)
    if text is not None:
        # control characters counted in the UTF-8 bytes (one byte each, never inside a longer
        # character): a C pass instead of a regex over the whole text
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
        if "\x00" in text or controls > max(8, len(text) // 100):
            raise DecodeError("binary data, not text")
        return text
    for legacy in ("cp1256", "iso-8859-6"):
        try:
            candidate = data.decode(legacy)
        except UnicodeDecodeError:
            continue
        if len(_ARABIC.findall(candidate)) > len(candidate) // 4 and not _CONTROL.search(candidate):
            return candidate
    if b"\x00" in data:
        raise DecodeError("binary data, not text")
    raise DecodeError("not UTF-8, UTF-16, Windows-1256 or ISO-8859-6 text")


# what no output format can hold: C0 controls but TAB, LF and CR (XML 1.0 forbids them, even as
# character references), lone surrogates (possible in JSON strings; not Unicode scalar values) and
# the noncharacters U+FFFE and U+FFFF (not XML characters)
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Replace the characters no output format can hold with U+FFFD, one code point for one, so
    that offsets into the cleaned text are offsets into the text as read too, and every serialiser
    (RDF/XML included) writes well-formed output."""
    return _UNWRITABLE.sub("\ufffd", text)
