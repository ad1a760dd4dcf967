"""The intermediate model that flows from readers through extraction to RDF.

Plain frozen dataclasses: readers yield :class:`Article` or :class:`Failure`; extraction turns an
article into an :class:`Extraction`; only ``khabar.rdf`` turns that into quads.  Every span is a
pair of code-point offsets into ``Article.text`` (end exclusive).
"""
from __future__ import annotations

from dataclasses import dataclass, field

EVENT_TYPES = ("Meeting", "PhoneCall", "PressConference", "Visit", "Summit", "Interview")
ENTITY_TYPES = ("Person", "Organization", "Country", "City", "Region", "Facility", "Place")


@dataclass(frozen=True, slots=True)
class Article:
    """One input article: its id (see the ontology contract), its text and where it came from."""

    article_id: str
    text: str
    input_name: str
    record_index: int | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or dateTime (YYYY-MM-DDThh:mm:ss)
    title: str | None = None
    source: str | None = None  # the newspaper or site the record names
    relative_name: str | None = None  # input_name from the input argument's own name on (what the graph records)

    @property
    def recorded_name(self) -> str:
        """The input name the graph records: no directories above what the command line named."""
        return self.relative_name or self.input_name


@dataclass(frozen=True, slots=True)
class Failure:
    """An input article (or a whole input) that could not be mapped, and why."""

    input_name: str
    record_index: int | None
    reason: str
    stage: str = "read"  # read (failed being read), map (failed being mapped) or validate (broke the shapes, dropped)

    def __str__(self) -> str:
        where = self.input_name if self.record_index is None else f"{self.input_name}#{self.record_index}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Span:
    begin: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class DateValue:
    """A calendar date as precise as the text allows: any of year, month, day may be unknown."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def lexical(self) -> str:
        if self.year is not None and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.year is not None and self.month:
            return f"{self.year:04d}-{self.month:02d}"
        if self.year is not None:
            return f"{self.year:04d}"
        return f"--{self.month:02d}-{self.day:02d}"

    @property
    def datatype(self) -> str:
        if self.year is not None and self.month and self.day:
            return "date"
        if self.year is not None and self.month:
            return "gYearMonth"
        if self.year is not None:
            return "gYear"
        return "gMonthDay"


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place; ``key`` is stable across articles (gazetteer key or name)."""

    key: str
    type: str  # one of ENTITY_TYPES
    label_ar: str
    label_en: str | None = None
    qid: str | None = None
    role: str | None = None  # a role description for people known only by title
    country: str | None = None  # key of the country the entity belongs to
    iso2: str | None = None  # ISO 3166-1 alpha-2 code, for countries

    def __reduce__(self):  # pickled as its fields: half the cost of the default, for workers' results
        return Entity, (self.key, self.type, self.label_ar, self.label_en, self.qid, self.role, self.country, self.iso2)


@dataclass(frozen=True, slots=True)
class Mention:
    entity: str  # Entity.key
    span: Span
    rule: str  # which rule or lexicon found it


@dataclass(frozen=True, slots=True)
class Event:
    type: str  # one of EVENT_TYPES
    participants: tuple[str, ...]  # sorted Entity keys
    trigger: Span
    place: str | None = None
    date: DateValue | None = None
    initiator: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Statement:
    speaker: str  # Entity.key
    direct: bool
    content: Span  # what was said, as it stands in the text
    cue: Span | None = None
    speech_act: str | None = None
    source: str | None = None  # Entity.key of the crediting medium
    during: int | None = None  # index into Extraction.events
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
