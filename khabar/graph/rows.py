"""The rows the knowledge graph hands out: small frozen dataclasses of plain Python values, one per
entity, event, statement, article and mention (read back from the store by
:class:`khabar.graph.KnowledgeGraph`)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A person, organisation or place (``dip:Agent`` / ``dip:Place``) as described in the graph."""

    iri: str
    type: str | None  # Person, Organization, Country, City, Region or Facility
    label_ar: str | None
    label_en: str | None = None
    wikidata: str | None = None  # the Wikidata Q-id (owl:sameAs wd:Q...)
    role: str | None = None
    country: str | None = None  # IRI of the country it belongs to
    iso_code: str | None = None  # ISO 3166-1 alpha-2, for countries

    @property
    def label(self) -> str:
        """The Arabic label, else the English one, else the IRI."""
        return self.label_ar or self.label_en or self.iri


@dataclass(frozen=True, slots=True)
class EventRow:
    """A ``dip:Event``. An event reported by several articles is one row with several articles."""

    iri: str
    type: str  # Meeting, PhoneCall, PressConference, Visit, Summit or Interview
    date: str | None  # lexical form: 2022-09-14, 2022-09 (gYearMonth), 2022 (gYear) or --09-14 (gMonthDay)
    date_type: str | None  # date, gYearMonth, gYear or gMonthDay
    participants: tuple[str, ...]  # entity IRIs, sorted
    places: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # article IRIs (dip:reportedIn)
    triggers: tuple[str, ...] = ()  # the words that name the event
    initiators: tuple[str, ...] = ()
    participant_labels: tuple[str, ...] = ()  # the participants' labels (Arabic, else English, else the IRI), in order
    place_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatementRow:
    """A ``dip:Statement``: who said what, where in which article."""

    iri: str
    speaker: str  # entity IRI
    kind: str  # "direct" (dip:DirectQuote) or "reported" (dip:ReportedSpeech)
    text: str
    article: str | None  # article IRI
    begin: int | None  # code-point offsets of the text in the article's text (end exclusive)
    end: int | None
    speech_act: str | None = None  # statement, assertion, appeal, warning, ...
    cue: str | None = None  # the verb of saying
    source: str | None = None  # IRI of the medium credited
    during: str | None = None  # IRI of the event it was said during
    speaker_label: str | None = None  # the speaker's label (Arabic, else English)
    source_label: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A ``dip:Article`` with its full text (the offsets count code points in ``text``)."""

    iri: str
    article_id: str
    text: str
    title: str | None = None
    published: str | None = None  # 2015-07-21 or 2015-07-21T02:51:32
    url: str | None = None

    @property
    def newspaper(self) -> str | None:
        """The newspaper's web site, from the URL ('okaz.com.sa'); the graph names no publisher."""
        return newspaper_of(self.url)


@dataclass(frozen=True, slots=True)
class MentionRow:
    """Where an article names an entity: ``text[begin:end] == anchor``."""

    article: str
    entity: str
    begin: int
    end: int
    anchor: str
    entity_label: str | None = None  # the entity's label (Arabic, else English)


def newspaper_of(url: str | None) -> str | None:
    """The host of an http(s) URL without a leading 'www.': 'https://www.okaz.com.sa/x' -> 'okaz.com.sa'."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


class GraphRows(Protocol):
    """What the tables are made from: the five kinds of rows, each sorted."""

    def entities(self) -> Iterator[EntityRow]: ...
    def events(self) -> Iterator[EventRow]: ...
    def statements(self) -> Iterator[StatementRow]: ...
    def articles(self) -> Iterator[ArticleRow]: ...
    def mentions(self) -> Iterator[MentionRow]: ...
