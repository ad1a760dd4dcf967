"""How much one input may cost the reader: bytes held in memory for one file, zip member, JSON line
or standard input, and characters in one article. Over a limit, that input or article fails (named
in the errors) and the run goes on."""
from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

MAX_ARTICLE_CHARS = 1_000_000  # the longest SaudiNewsNet article is 33,745 characters
MAX_INPUT_BYTES = 128 * 1024 * 1024  # the biggest SaudiNewsNet day file is 12.6 MB


@dataclass(frozen=True)
class ReadLimits:
    max_input_bytes: int = MAX_INPUT_BYTES  # one file, zip member, JSON line or standard input
    max_article_chars: int = MAX_ARTICLE_CHARS

    def too_many_bytes(self, size: int, what: str) -> str:
        return f"{what} is {size:,} bytes, over the limit of {self.max_input_bytes:,} bytes (--max-input-bytes)"

    def too_many_chars(self, size: int) -> str:
        return (f"article is {size:,} characters long, over the limit of {self.max_article_chars:,} "
                "(--max-article-chars)")


DEFAULT_LIMITS = ReadLimits()


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of `stream`: more than `limit` back means it holds too many."""
    return stream.read(limit + 1)
