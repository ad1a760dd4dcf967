"""What the report shows, gathered once from a KnowledgeGraph: rows, counts, pairs, spans."""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from khabar.graph import ArticleRow, EntityRow, EventRow, KnowledgeGraph, StatementRow

_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_QID = re.compile(r"/entity/(Q\d+)$")
EVENT_TYPES = ("Meeting", "PhoneCall", "PressConference", "Visit", "Summit", "Interview")


def heading(article: ArticleRow, size: int = 110) -> str:
    """An article's title, else the first line of its text (shortened), else its id."""
    if article.title:
        return article.title
    line = next((ln.strip() for ln in article.text.splitlines() if ln.strip()), "")
    if not line:
        return article.article_id
    return line if len(line) <= size else line[: size - 1].rstrip() + "…"


def page_name(iri: str) -> str:
    """A file name for an entity's or an article's page: the IRI's last segment when it is a
    short ASCII name, else a hash."""
    if m := _QID.search(iri):
        return m[1]
    last = iri.rstrip("/").rsplit("/", 1)[-1]
    if _SAFE.fullmatch(last) and "/article/" in iri:
        return last
    return "h" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


@dataclass
class ArticleSpan:
    article: str
    target: str  # the entity, event or statement
    begin: int
    end: int
    kind: str  # entity | event | statement


@dataclass
class ReportData:
    entities: dict[str, EntityRow]
    events: list[EventRow]
    statements: list[StatementRow]
    articles: dict[str, ArticleRow]
    spans: dict[str, list[ArticleSpan]]  # by article
    mention_counts: Counter = field(default_factory=Counter)

    @property
    def speakers(self) -> list[tuple[str, int]]:
        """(entity IRI, statements) by statements, most first."""
        counts = Counter(s.speaker for s in self.statements)
        return sorted(counts.items(), key=lambda kv: (-kv[1], self.label(kv[0]), kv[0]))

    def label(self, iri: str | None) -> str:
        if not iri:
            return ""
        entity = self.entities.get(iri)
        return entity.label if entity else iri.rsplit("/", 1)[-1]

    def pairs(self) -> list[tuple[str, str, int]]:
        """(a, b, events together) for every pair of co-participants, busiest first."""
        weight: Counter = Counter()
        for event in self.events:
            for a, b in combinations(sorted(set(event.participants)), 2):
                weight[(a, b)] += 1
        return sorted(((a, b, w) for (a, b), w in weight.items()),
                      key=lambda t: (-t[2], self.label(t[0]), self.label(t[1]), t[0], t[1]))

    def events_of(self, iri: str) -> list[EventRow]:
        return [e for e in self.events if iri in e.participants]

    def counterparts(self, iri: str) -> list[tuple[str, int]]:
        counts: Counter = Counter()
        for event in self.events_of(iri):
            for other in set(event.participants) - {iri}:
                counts[other] += 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], self.label(kv[0]), kv[0]))

    def statement_date(self, s: StatementRow, event_dates: dict[str, str]) -> str | None:
        """When a statement was made, as far as the graph says: its article's publication day,
        else the date of the event it was made during (when that date has a year)."""
        article = self.articles.get(s.article or "")
        if article and article.published:
            return article.published[:10]
        date = event_dates.get(s.during or "")
        return date if date and not date.startswith("--") else None


def gather(kg: KnowledgeGraph) -> ReportData:
    entities = {e.iri: e for e in kg.entities()}
    events = list(kg.events())
    statements = list(kg.statements())
    articles = {a.iri: a for a in kg.articles()}
    spans: dict[str, list[ArticleSpan]] = defaultdict(list)
    mention_counts: Counter = Counter()
    for m in kg.mentions():
        spans[m.article].append(ArticleSpan(m.article, m.entity, m.begin, m.end, "entity"))
        mention_counts[m.entity] += 1
    for s in statements:
        if s.article and s.begin is not None and s.end is not None:
            spans[s.article].append(ArticleSpan(s.article, s.iri, s.begin, s.end, "statement"))
    for a, ev, b, e in kg.select(
            "SELECT DISTINCT ?a ?ev ?b ?e WHERE { GRAPH ?g { ?a a dip:Article . ?ev a dip:Event ; dip:evidence ?m . "
            "?m dip:beginIndex ?b ; dip:endIndex ?e } }"):
        spans[a].append(ArticleSpan(a, ev, b, e, "event"))
    for items in spans.values():
        items.sort(key=lambda s: (s.begin, -s.end, s.kind, s.target))
    return ReportData(entities, events, statements, articles, dict(spans), mention_counts)
