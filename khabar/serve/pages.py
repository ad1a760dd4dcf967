"""The HTML pages of resources: entity, event, statement, article, graph, and a generic fallback."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from khabar.rdf.vocab import DIP_NS, OWL_NS, RDFS_NS, SCHEMA_NS
from khabar.serve.data import Data, value
from khabar.serve.html import Linker, esc, formats, highlight, ltr, page, rows, sentence, table

LIST_LIMIT = 200
KINDS = {DIP_NS + "DirectQuote": "اقتباس مباشر", DIP_NS + "ReportedSpeech": "كلام منقول"}
CLASS_NAMES = {"Person": "شخص", "Organization": "منظمة", "Country": "دولة", "City": "مدينة", "Region": "منطقة",
               "Facility": "منشأة", "Article": "مقالة", "Statement": "تصريح", "Event": "حدث", "Mention": "إشارة"}


class Pages:
    def __init__(self, data: Data):
        self.data = data
        self.link = Linker(data.base)

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
    def _name(self, iri: str) -> str:
        return self.data.label(iri) or iri.rsplit("/", 1)[-1]

    def _entity_link(self, iri: str) -> str:
        return self.link.link(iri, self._name(iri))

    def _article_link(self, article: str) -> str:
        return self.link.link(article, self.data.article_title(article))

    def _date(self, term) -> str:
        return f'<span class="date">{ltr(term.value)}</span>' if term is not None else '<span class="meta">غير مؤرخ</span>'

    def _quote(self, article: str, begin, end, texts: dict) -> str:
        if article not in texts:
            texts[article] = self.data.article_text(article)
        try:
            return sentence(texts[article], int(begin.value), int(end.value))
        except (AttributeError, ValueError):
            return ""

    def _statements(self, where: str, limit_note: str = "", **bindings) -> str:
        found = self.data.select(f"""
            SELECT ?s ?speaker ?text ?article ?b ?e ?kind WHERE {{ {where}
              ?s a dip:Statement ; dip:speaker ?speaker ; dip:text ?text ; dip:reportedIn ?article ;
                 dip:evidence ?m . ?m dip:beginIndex ?b ; dip:endIndex ?e .
              OPTIONAL {{ ?s a ?kind FILTER(?kind IN (dip:DirectQuote, dip:ReportedSpeech)) }}
            }} ORDER BY ?article ?b""", LIST_LIMIT, **bindings)
        texts: dict[str, str] = {}
        items = []
        for r in found:
            article = r["article"].value
            quote = self._quote(article, r["b"], r["e"], texts) or f"<q><mark>{esc(r['text'].value)}</mark></q>"
            items.append(f'<li>{quote}<div class="meta">{self._entity_link(r["speaker"].value)} · '
                         f'{esc(KINDS.get(value(r["kind"]), "تصريح"))} · {self.link.link(r["s"].value, "التصريح")}'
                         f' · {self._article_link(article)}</div></li>')
        return f'<ul class="items">{"".join(items)}</ul>' if items else '<p class="empty">لا توجد تصريحات</p>'

    # -- pages -----------------------------------------------------------------------------------
    def entity(self, iri: str, path: str) -> bytes:
        d = self.data
        labels = [t for t in d.objects(iri, RDFS_NS + "label") if isinstance(t, Literal)]
        ar = next((t.value for t in labels if t.language == "ar"), "")
        en = next((t.value for t in labels if t.language == "en"), "")
        same = [t.value for t in d.objects(iri, OWL_NS + "sameAs")]
        kinds = sorted({CLASS_NAMES.get(t.rsplit("#", 1)[-1], "") for t in d.types(iri)} - {""})
        country = d.first(iri, DIP_NS + "country")
        facts = rows([
            ("الاسم بالعربية", esc(ar)), ("الاسم بالإنجليزية", f'<span lang="en">{ltr(en)}</span>' if en else ""),
            ("النوع", esc("، ".join(kinds))), ("الدور", esc(value(d.first(iri, DIP_NS + "role")))),
            ("الدولة", self._entity_link(country.value) if country else ""),
            ("ويكي بيانات", " ".join(self.link.link(w, w.rsplit("/", 1)[-1]) for w in same)),
            ("المعرّف", ltr(iri)),
        ])
        events = d.select("""
            SELECT ?ev ?type ?date (SAMPLE(?a) AS ?article) (GROUP_CONCAT(DISTINCT STR(?other); separator=" ") AS ?others)
            WHERE { ?ev dip:participant ?x ; dip:eventType ?type .
                    OPTIONAL { ?ev dip:date ?date } OPTIONAL { ?ev dip:reportedIn ?a }
                    OPTIONAL { ?ev dip:participant ?other FILTER(?other != ?x) } }
            GROUP BY ?ev ?type ?date ORDER BY DESC(?date) ?ev""", LIST_LIMIT, x=iri)
        event_rows = [[self.link.link(r["ev"].value, self._name(r["type"].value)), self._date(r["date"]),
                       "، ".join(self._entity_link(o) for o in value(r["others"]).split()),
                       self._article_link(r["article"].value) if r["article"] else ""] for r in events]
        body = (facts + "<h2>الأحداث التي شارك فيها</h2>"
                + table(["الحدث", "التاريخ", "مع", "المصدر"], event_rows, "لا توجد أحداث")
                + "<h2>تصريحاته</h2>" + self._statements("?s dip:speaker ?x .", x=iri)
                + formats(path))
        return page(ar or en or self._name(iri), body, self._alternates(path), self.data.licence)

    def event(self, iri: str, path: str) -> bytes:
        d = self.data
        etype = d.first(iri, DIP_NS + "eventType")
        names = lambda p: "، ".join(self._entity_link(t.value) for t in d.objects(iri, DIP_NS + p))  # noqa: E731
        articles = d.objects(iri, DIP_NS + "reportedIn")
        facts = rows([
            ("النوع", esc(self._name(etype.value)) if etype else ""), ("التاريخ", self._date(d.first(iri, DIP_NS + "date"))),
            ("المشاركون", names("participant")), ("المبادر", names("initiator")), ("المكان", names("place")),
            ("الكلمة الدالة", esc("، ".join(t.value for t in d.objects(iri, DIP_NS + "trigger")))),
            ("ورد في", "، ".join(self._article_link(a.value) for a in articles)), ("المعرّف", ltr(iri)),
        ])
        evidence = d.select("""SELECT ?article ?b ?e WHERE { GRAPH ?g { ?x dip:reportedIn ?article ; dip:evidence ?m .
                               ?m dip:beginIndex ?b ; dip:endIndex ?e } }
                               ORDER BY ?article ?b""", LIST_LIMIT, x=iri)
        texts: dict[str, str] = {}
        quotes = "".join(f"<li>{self._quote(r['article'].value, r['b'], r['e'], texts)}</li>" for r in evidence)
        title = self._name(etype.value) if etype else "حدث"
        body = (facts + f'<h2>في النص</h2><ul class="items">{quotes}</ul>'
                + "<h2>تصريحات أثناء الحدث</h2>" + self._statements("?s dip:during ?x .", x=iri) + formats(path))
        return page(title, body, self._alternates(path), self.data.licence)

    def statement(self, iri: str, path: str) -> bytes:
        d = self.data
        speaker = d.first(iri, DIP_NS + "speaker")
        article = d.first(iri, DIP_NS + "reportedIn")
        act = d.first(iri, DIP_NS + "speechAct")
        during = d.first(iri, DIP_NS + "during")
        source = d.first(iri, DIP_NS + "source")
        kind = next((KINDS[t] for t in d.types(iri) if t in KINDS), "تصريح")
        ev = d.select("SELECT ?b ?e WHERE { ?x dip:evidence ?m . ?m dip:beginIndex ?b ; dip:endIndex ?e }", 1, x=iri)
        context = self._quote(article.value, ev[0]["b"], ev[0]["e"], {}) if ev and article else ""
        facts = rows([
            ("المتحدث", self._entity_link(speaker.value) if speaker else ""), ("النوع", esc(kind)),
            ("فعل الكلام", esc(self._name(act.value)) if act else ""),
            ("الفعل الدال", esc(value(d.first(iri, DIP_NS + "cue")))),
            ("المصدر", self._entity_link(source.value) if source else ""),
            ("أثناء", self.link.link(during.value, self._name(value(d.first(during.value, DIP_NS + "eventType"))))
             if during else ""),
            ("ورد في", self._article_link(article.value) if article else ""), ("المعرّف", ltr(iri)),
        ])
        text = value(d.first(iri, DIP_NS + "text"))
        body = (f'<blockquote><mark>{esc(text)}</mark></blockquote>' + facts
                + (f"<h2>في سياقه</h2>{context}" if context else "") + formats(path))
        who = self._name(speaker.value) if speaker else ""
        return page(f"تصريح: {who}" if who else "تصريح", body, self._alternates(path), self.data.licence)

    def article(self, iri: str, path: str) -> bytes:
        d = self.data
        text = d.article_text(iri)
        graph = d.article_graph(iri)
        spans = []
        if graph is not None:
            found = d.select("""
                SELECT ?x ?b ?e ?kind WHERE { GRAPH ?g { ?x dip:evidence ?m . ?m dip:beginIndex ?b ; dip:endIndex ?e .
                  BIND(IF(EXISTS { ?x a dip:Statement }, "statement", IF(EXISTS { ?x a dip:Event }, "event", "entity"))
                       AS ?kind) } }""", None, g=graph)
            spans = [(int(r["b"].value), int(r["e"].value), r["kind"].value, r["x"].value) for r in found]
        url = d.first(iri, SCHEMA_NS + "url")
        facts = rows([
            ("تاريخ النشر", ltr(value(d.first(iri, DIP_NS + "published")))),
            ("الرابط", self.link.link(url.value) if url is not None else ""),
            ("الملف", ltr(value(d.first(iri, DIP_NS + "inputName")))), ("المعرّف", ltr(iri)),
        ])
        entities = d.select("SELECT DISTINCT ?e WHERE { ?x dip:mentions ?e }", LIST_LIMIT, x=iri)
        events = d.select("""SELECT ?ev ?type ?date WHERE { ?ev dip:reportedIn ?x ; a dip:Event ; dip:eventType ?type
                             OPTIONAL { ?ev dip:date ?date } } ORDER BY ?ev""", LIST_LIMIT, x=iri)
        legend = ('<p class="note">في النص: <mark>التصريحات</mark>، <span class="trigger">الكلمات الدالة على الأحداث</span>'
                  '، <a class="ent" href="#entities">الكيانات</a>.</p>')
        body = (facts + legend + highlight(text, spans, self.link)
                + '<h2 id="entities">الكيانات المذكورة</h2><p>'
                + "، ".join(self._entity_link(r["e"].value) for r in entities) + "</p>"
                + "<h2>الأحداث</h2>" + table(["الحدث", "التاريخ"], [[self.link.link(r["ev"].value, self._name(r["type"].value)),
                                                                   self._date(r["date"])] for r in events], "لا توجد أحداث")
                + "<h2>التصريحات</h2>" + self._statements("?s dip:reportedIn ?x .", x=iri) + formats(path))
        return page(d.article_title(iri), body, self._alternates(path), self.data.licence)

    def graph(self, iri: str, path: str) -> bytes:
        articles = self.data.select("SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a a dip:Article } }", LIST_LIMIT, g=iri)
        body = (rows([("المعرّف", ltr(iri))])
                + "<p>رسم مسمّى يضم بيانات مقالة واحدة، أو أوصاف الكيانات.</p>"
                + "".join(f"<p>{self._article_link(r['a'].value)}</p>" for r in articles) + formats(path))
        return page("رسم مسمّى", body, self._alternates(path), self.data.licence)

    def generic(self, iri: str, path: str) -> bytes:
        triples, _ = self.data.describe(iri, LIST_LIMIT)
        cells = [[self.link.link(t.predicate.value), self.link.link(t.object.value) if isinstance(t.object, NamedNode)
                  else esc(t.object.value)] for t in triples]
        body = rows([("المعرّف", ltr(iri))]) + table(["الخاصية", "القيمة"], cells) + formats(path)
        return page(self._name(iri), body, self._alternates(path), self.data.licence)

    @staticmethod
    def _alternates(path: str) -> dict[str, str]:
        return {"text/turtle": path + ".ttl", "application/n-triples": path + ".nt",
                "application/ld+json": path + ".jsonld"}
