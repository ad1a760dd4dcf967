"""The run's input stream: paths (files, folders, zips, '-'), dict records and Article objects,
read in order into articles and failures; a repeated article id is a failure, not a silent merge."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Union

from khabar.errors import KhabarError
from khabar.model import Article, Failure
from khabar.read import read_inputs
from khabar.read.limits import DEFAULT_LIMITS, ReadLimits
from khabar.read.records import record_to_article

Input = Union[str, Path, dict, Article]
RECORDS = "<records>"  # the input name of dict records given in Python


def read_articles(inputs: Iterable[Input], stdin: bytes | None = None,
                  limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Article | Failure]:
    """Every article (or failure) of the inputs, in input order, each read once. `stdin`: standard
    input's bytes, when read already. An input or article over `limits`, or an article whose id was
    read before, fails. Raises KhabarError for an input of an unknown kind."""
    first_reads = FirstReads()
    for item in _read_all(inputs, stdin, limits):
        first = first_reads.repeat(item) if isinstance(item, Article) else None
        if first is not None:
            item = Failure(item.input_name, item.record_index,
                           f"duplicate article id {item.article_id!r} (first read from {first})")
        yield item


def _read_all(inputs: Iterable[Input], stdin: bytes | None, limits: ReadLimits) -> Iterator[Article | Failure]:
    for index, item in enumerate(inputs):
        if isinstance(item, (Article, dict)):
            article = item if isinstance(item, Article) else record_to_article(item, RECORDS, index)
            if isinstance(article, Article) and len(article.text) > limits.max_article_chars:  # as read_inputs does
                article = Failure(article.input_name, article.record_index, limits.too_many_chars(len(article.text)))
            yield article
        elif isinstance(item, (str, Path)):
            yield from read_inputs([item], stdin, limits)
            if str(item) == "-":
                stdin = b""  # read once: a second '-' is empty
        else:
            raise KhabarError(f"cannot map a {type(item).__name__}: give paths, dict records or Article objects")


class FirstReads:
    """Where each article id was first read, to tell a repeat from a new article. Millions of ids
    are kept: each as a 16-byte digest (two ids share one only after about 2^64 of them) with, for a
    record, the number of its input (names kept once) and its index packed in one integer: about
    130 bytes an id, against 240 and more for the id and the place kept as text."""

    def __init__(self) -> None:
        self._where: dict[bytes, int | str] = {}
        self._inputs: dict[str, int] = {}  # input name -> its number
        self._names: list[str] = []

    def repeat(self, article: Article) -> str | None:
        """None for an id not read before (remembered from now on); else where it was first read."""
        key = hashlib.blake2b(article.article_id.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        first = self._where.get(key)
        if first is not None:
            return first if isinstance(first, str) else f"{self._names[first >> 40]}#{first & (1 << 40) - 1}"
        if article.record_index is None:  # an input that is one article: its name is the place
            self._where[key] = article.input_name
        else:
            number = self._inputs.setdefault(article.input_name, len(self._names))
            if number == len(self._names):
                self._names.append(article.input_name)
            self._where[key] = number << 40 | article.record_index
        return None
