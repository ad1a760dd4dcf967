"""Articles -> quads, one article at a time: read, extract, build quads, validate.

Memory stays bounded by one article (or one batch) plus the table of distinct entities (written
last, in the entities graph). Every input article comes out either mapped or as a Failure, and
MapSummary keeps the accounting: read = mapped + failed.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pyoxigraph import Quad

from khabar import __version__
from khabar.deadline import ArticleTimeout, within
from khabar.errors import OutputError
from khabar.extract import extract
from khabar.extract.knowledge import load_knowledge
from khabar.model import Article, Entity, Extraction, Failure
from khabar.rdf import IriScheme, article_nquads, entity_descriptions, entity_quads, event_iris, read_nquads
from khabar.read import read_inputs
from khabar.read.limits import DEFAULT_LIMITS, ReadLimits
from khabar.validate import Violation, validator
from khabar.validate.engines import Validator


@dataclass
class MappedArticle:
    article: Article
    extraction: Extraction
    nquads: bytes  # the article's graph, sorted N-Quads
    violations: list[Violation] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # the IRIs of its events

    @cached_property
    def quads(self) -> list[Quad]:
        return read_nquads(self.nquads)

    @property
    def quad_count(self) -> int:
        """How many quads (lines) the graph holds, counted without parsing it."""
        return self.nquads.count(b"\n")


@dataclass
class MapSummary:
    read: int = 0
    mapped: int = 0
    failed: int = 0
    nonconforming: int = 0
    quads: int = 0
    statements: int = 0
    entities: dict[str, Entity] = field(default_factory=dict)
    event_iris: set[str] = field(default_factory=set)  # an event two articles report is one event

    @property
    def events(self) -> int:
        return len(self.event_iris)

    def line(self) -> str:
        text = (f"{self.read} read = {self.mapped} mapped + {self.failed} failed; {self.events} events, "
                f"{self.statements} statements, {len(self.entities)} entities, {self.quads} quads")
        if self.nonconforming:
            text += f"; {self.nonconforming} articles do not conform to the shapes"
        return text

    def add(self, quads: int, events: list[str], statements: int, entities: dict[str, Entity], conforms: bool) -> None:
        """One mapped article: its quad count, its events' IRIs, ..."""
        self.mapped += 1
        self.quads += quads
        self.event_iris.update(events)
        self.statements += statements
        self.nonconforming += not conforms
        for key, entity in entities.items():
            self.entities.setdefault(key, entity)


_WARM_UP = Article("warm-up", "قال الرئيس الروسي فلاديمير بوتين إن الحوار مع فرنسا ضروري.", "<warm-up>")


def prepare_extraction() -> None:
    """Make now what extraction makes on first use (the knowledge, the recogniser: about half a
    second), so that it is not counted in the first article's time budget."""
    extract(_WARM_UP)


def map_article(article: Article, iris: IriScheme, validate: Validator | bool = True,
                generated_at: str | None = None, timeout: float | None = None, text: str = "full") -> MappedArticle:
    """Extract, build the article's quads and, unless `validate` is False, check them (with the
    entity descriptions they use) against the shapes; `validate` may be a validator to use.
    `text`: whether the graph holds the article's text ("full") or not ("none"). Raises
    ArticleTimeout past `timeout` seconds (see khabar.deadline for how it is enforced)."""
    try:
        with within(timeout) as deadline:
            extraction = extract(article)
            deadline.check()
            mapped = MappedArticle(article, extraction, article_nquads(extraction, iris, __version__, generated_at, text),
                                   events=event_iris(extraction, iris))
            deadline.check()
            if validate:
                check = validate if callable(validate) else validator("fast")
                mapped.violations = check(mapped.nquads + entity_descriptions(extraction.entities, iris))
            return mapped
    except ArticleTimeout:
        # stopped wherever it was: what extraction keeps from one article to the next may be half
        # made, so it is made afresh (rare, and about half a second)
        load_knowledge.cache_clear()
        prepare_extraction()
        raise


def mapping_failed(article: Article, exc: Exception) -> Failure:
    """An article whose mapping raised or ran out of time: reported, so that the other articles go on."""
    reason = str(exc) if isinstance(exc, ArticleTimeout) else f"mapping failed: {type(exc).__name__}: {exc}"
    return Failure(article.input_name, article.record_index, reason, "map")


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


def read_accounted(inputs: Iterable[str | Path], summary: MapSummary, stdin: bytes | None = None,
                   limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Article | Failure]:
    """The inputs' articles, counted; a repeated article id is a failure, not a silent merge.
    `stdin`: standard input's bytes, when read already."""
    first_reads = FirstReads()
    for item in read_inputs(inputs, stdin, limits):
        summary.read += 1
        if isinstance(item, Failure):
            summary.failed += 1
            yield item
            continue
        first = first_reads.repeat(item)
        if first is not None:
            summary.failed += 1
            yield duplicate(item, first)
            continue
        yield item


def duplicate(article: Article, first: str) -> Failure:
    return Failure(article.input_name, article.record_index,
                   f"duplicate article id {article.article_id!r} (first read from {first})")


def map_inputs(inputs: Iterable[str | Path], iris: IriScheme, validate: Validator | bool = True,
               summary: MapSummary | None = None, generated_at: str | None = None,
               limits: ReadLimits = DEFAULT_LIMITS, timeout: float | None = None,
               text: str = "full") -> Iterator[MappedArticle | Failure]:
    """Map every article of the inputs in this process (the library's way; the CLI can use workers).
    An input or article over `limits`, or an article mapped in more than `timeout` seconds, fails."""
    summary = summary if summary is not None else MapSummary()
    if validate is True:
        validate = validator("fast")
    if timeout:
        prepare_extraction()
    for item in read_accounted(inputs, summary, limits=limits):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            mapped = map_article(item, iris, validate, generated_at, timeout=timeout, text=text)
        except OutputError:
            raise  # no room to write (the model's dump): no article can be mapped
        except Exception as exc:  # an extraction bug must not lose the other articles
            summary.failed += 1
            yield mapping_failed(item, exc)
            continue
        x = mapped.extraction
        summary.add(mapped.quad_count, mapped.events, len(x.statements), x.entities, not mapped.violations)
        yield mapped


def entities_graph(summary: MapSummary, iris: IriScheme) -> list[Quad]:
    quads = entity_quads(dict(sorted(summary.entities.items())), iris)
    summary.quads += len(quads)
    return quads
