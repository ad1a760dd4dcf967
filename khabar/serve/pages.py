"""The HTML pages of resources: entity, event, statement, article, graph, and a generic fallback.

What each page shows is gathered here; how it looks is in the kit's templates (khabar/html/templates/serve/).
"""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from khabar.html.labels import Labels, ontology_labels
from khabar.html.text import Span, highlight, quote
from khabar.rdf.vocab import DIP_NS, OWL_NS, RDFS_NS, SCHEMA_NS
from khabar.serve.data import Data, value
from khabar.serve.html import Linker, page

LIST_LIMIT = 200
ENTITY_CLASSES = ("Person", "Organization", "Country", "City", "Region", "Facility")


class Pages:
    def __init__(self, data: Data, labels: Labels | None = None):
        self.data = data
        self.link = Linker(data)
        self.labels = labels or ontology_labels()

    def render(self, iri: str, path: str) -> bytes:
        types = self.data.types(iri)
        if DIP_NS + "Article" in types:
            return self.article(iri, path)
        if DIP_NS + "Statement" in types:
            return self.statement(iri, path)
        if DIP_NS + "Event" in types:
            return self.event(iri, path)
        if DIP_NS + "Agent" in types or DIP_NS + "Place" in types:
            return self.entity(iri, path)
        if not types and self.data.is_graph(iri):
            return self.graph(iri, path)
        return self.generic(iri, path)

    # -- helpers ---------------------------------------------------------------------------------
    def _page(self, template: str, title: str, path: str, **values) -> bytes:
        return page(template, title, self.data, self.labels, alternates=self._alternates(path), path=path, **values)

    def _kind(self, types) -> str:
        """The kind of a statement: direct quote, reported speech, or a statement."""
        kind = next((k for k, cls in (("direct", "DirectQuote"), ("reported", "ReportedSpeech"))
                     if DIP_NS + cls in types), None)
        return self.labels.statement_kind(kind)

    def _quote(self, article: str, begin, end, texts: dict, expected: str | None = None):
        if article not in texts:
            texts[article] = self.data.article_text(article)
        try:
            return quote(texts[article], int(begin.value), int(end.value), expected)
        except (AttributeError, ValueError):
            return quote("", None, None, expected)

    def _statements(self, where: str, **bindings) -> list[dict]:
        found = self.data.select(f"""
            SELECT ?s ?speaker ?text ?article ?b ?e ?kind WHERE {{ {where}
              ?s a dip:Statement ; dip:speaker ?speaker ; dip:text ?text ; dip:reportedIn ?article ;
                 dip:evidence ?m . ?m dip:beginIndex ?b ; dip:endIndex ?e .
              OPTIONAL {{ ?s a ?kind FILTER(?kind IN (dip:DirectQuote, dip:ReportedSpeech)) }}
            }} ORDER BY ?article ?b""", LIST_LIMIT, **bindings)
        texts: dict[str, str] = {}
        return [{"iri": r["s"].value, "speaker": r["speaker"].value, "article": r["article"].value,
                 "kind": self._kind({value(r["kind"])}),
                 "quote": self._quote(r["article"].value, r["b"], r["e"], texts, r["text"].value)} for r in found]

    # -- pages -----------------------------------------------------------------------------------
    def entity(self, iri: str, path: str) -> bytes:
        d = self.data
        labels = [t for t in d.objects(iri, RDFS_NS + "label") if isinstance(t, Literal)]
        ar = next((t.value for t in labels if t.language == "ar"), "")
        en = next((t.value for t in labels if t.language == "en"), "")
        types = d.types(iri)
        kinds = sorted(self.labels.cls(c) for c in ENTITY_CLASSES if DIP_NS + c in types)
        country = d.first(iri, DIP_NS + "country")
        events = d.select("""
            SELECT ?ev ?type ?date (SAMPLE(?a) AS ?article) (GROUP_CONCAT(DISTINCT STR(?other); separator=" ") AS ?others)
            WHERE { ?ev dip:participant ?x ; dip:eventType ?type .
                    OPTIONAL { ?ev dip:date ?date } OPTIONAL { ?ev dip:reportedIn ?a }
                    OPTIONAL { ?ev dip:participant ?other FILTER(?other != ?x) } }
            GROUP BY ?ev ?type ?date ORDER BY DESC(?date) ?ev""", LIST_LIMIT, x=iri)
        rows = [{"iri": r["ev"].value, "type": r["type"].value, "date": value(r["date"]), "others": value(r["others"]).split(),
                 "article": value(r["article"])} for r in events]
        return self._page("entity.html", ar or en or self.data.name(iri), path, iri=iri, ar=ar, en=en, kinds=kinds,
                          role=value(d.first(iri, DIP_NS + "role")), country=value(country),
                          same=[t.value for t in d.objects(iri, OWL_NS + "sameAs")], events=rows,
                          statements=self._statements("?s dip:speaker ?x .", x=iri))

    def event(self, iri: str, path: str) -> bytes:
        d = self.data
        etype = value(d.first(iri, DIP_NS + "eventType"))
        evidence = d.select("""SELECT ?article ?b ?e WHERE { GRAPH ?g { ?x dip:reportedIn ?article ; dip:evidence ?m .
                               ?m dip:beginIndex ?b ; dip:endIndex ?e } }
                               ORDER BY ?article ?b""", LIST_LIMIT, x=iri)
        texts: dict[str, str] = {}
        return self._page(
            "event.html", self.labels.concept(etype) or self.labels.cls("Event"), path, iri=iri, type=etype,
            date=value(d.first(iri, DIP_NS + "date")),
            parties={p: [t.value for t in d.objects(iri, DIP_NS + p)] for p in ("participant", "initiator", "place")},
            triggers=[t.value for t in d.objects(iri, DIP_NS + "trigger")],
            articles=[a.value for a in d.objects(iri, DIP_NS + "reportedIn")],
            evidence=[self._quote(r["article"].value, r["b"], r["e"], texts) for r in evidence],
            statements=self._statements("?s dip:during ?x .", x=iri))

    def statement(self, iri: str, path: str) -> bytes:
        d = self.data
        speaker = value(d.first(iri, DIP_NS + "speaker"))
        article = value(d.first(iri, DIP_NS + "reportedIn"))
        during = value(d.first(iri, DIP_NS + "during"))
        ev = d.select("SELECT ?b ?e WHERE { ?x dip:evidence ?m . ?m dip:beginIndex ?b ; dip:endIndex ?e }", 1, x=iri)
        context = self._quote(article, ev[0]["b"], ev[0]["e"], {}) if ev and article else ""
        who = self.data.name(speaker) if speaker else ""
        title = f"{self.labels.cls('Statement')}: {who}" if who else self.labels.cls("Statement")
        return self._page(
            "statement.html", title, path, iri=iri, speaker=speaker, article=article, during=during,
            during_type=value(d.first(during, DIP_NS + "eventType")) if during else "",
            kind=self._kind(d.types(iri)), act=value(d.first(iri, DIP_NS + "speechAct")),
            cue=value(d.first(iri, DIP_NS + "cue")), source=value(d.first(iri, DIP_NS + "source")),
            text=value(d.first(iri, DIP_NS + "text")), context=context)

    def article(self, iri: str, path: str) -> bytes:
        d = self.data
        text = d.article_text(iri)
        graph = d.article_graph(iri)
        spans = []
        if graph is not None:
            found = d.select("""
                SELECT ?x ?b ?e ?kind WHERE { GRAPH ?g { ?x dip:evidence ?m . ?m dip:beginIndex ?b ; dip:endIndex ?e .
                  BIND(IF(EXISTS { ?x a dip:DirectQuote }, "direct", IF(EXISTS { ?x a dip:Statement }, "reported",
                       IF(EXISTS { ?x a dip:Event }, "event", "entity"))) AS ?kind) } }""", None, g=graph)
            marks: dict[tuple[str, str], tuple] = {}  # (kind, target) -> how it is marked, looked up once
            spans = [Span(int(r["b"].value), int(r["e"].value), *marks.setdefault(
                (r["kind"].value, r["x"].value), self._mark(r["kind"].value, r["x"].value))) for r in found]
        entities = d.select("SELECT DISTINCT ?e WHERE { ?x dip:mentions ?e }", LIST_LIMIT, x=iri)
        events = d.select("""SELECT ?ev ?type ?date WHERE { ?ev dip:reportedIn ?x ; a dip:Event ; dip:eventType ?type
                             OPTIONAL { ?ev dip:date ?date } } ORDER BY ?ev""", LIST_LIMIT, x=iri)
        return self._page(
            "article.html", d.article_title(iri), path, iri=iri, published=value(d.first(iri, DIP_NS + "published")),
            url=value(d.first(iri, SCHEMA_NS + "url")), input_name=value(d.first(iri, DIP_NS + "inputName")),
            text=highlight(text, spans), entities=[r["e"].value for r in entities],
            events=[{"iri": r["ev"].value, "type": r["type"].value, "date": value(r["date"])} for r in events],
            statements=self._statements("?s dip:reportedIn ?x .", x=iri))

    def _mark(self, kind: str, target: str) -> tuple:
        """How the article text marks a span (css, title, href, rank, element): an entity (a link), an
        event's trigger, or what was said."""
        if kind == "entity":
            cls = next((c for c in ENTITY_CLASSES if DIP_NS + c in self.data.types(target)), None)
            return (f"ent ent-{cls}" if cls else "ent", f"{self.labels.cls(cls, 'كيان')}: {self.data.name(target)}",
                    self.link.href(target), 2)
        if kind == "event":
            return "hl-event", self.labels.cls("Event"), None, 1
        return f"st st-{kind}", self.labels.statement_kind(kind), None, 0, "mark"

    def graph(self, iri: str, path: str) -> bytes:
        articles = self.data.select("SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a a dip:Article } }", LIST_LIMIT, g=iri)
        return self._page("graph.html", "رسم مسمّى", path, iri=iri, articles=[r["a"].value for r in articles])

    def generic(self, iri: str, path: str) -> bytes:
        triples, _ = self.data.describe(iri, LIST_LIMIT)
        rows = [(t.predicate.value, t.object.value, isinstance(t.object, NamedNode)) for t in triples]
        return self._page("generic.html", self.data.name(iri), path, iri=iri, triples=rows)

    @staticmethod
    def _alternates(path: str) -> dict[str, str]:
        return {"text/turtle": path + ".ttl", "application/n-triples": path + ".nt",
                "application/ld+json": path + ".jsonld"}
