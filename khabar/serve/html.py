"""The server's pages over the HTML kit (khabar.html): its layout's links, and which IRIs become links.

Pages are rendered from the kit's templates (autoescaped); links are made only to local paths and to
http(s) IRIs, so an article cannot inject markup or a javascript: URL. The links and dates a page is
full of are written here in Python (Linker, when), not by template macros: an entity page has
hundreds, and a macro call costs ten times a function call.
"""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup, escape

from khabar.html.kit import ltr, render
from khabar.html.labels import Labels
from khabar.serve.data import Data

NAV = [("/", "الرئيسية", "home"), ("/query", "استعلام", "query"), ("/.well-known/void", "وصف البيانات", "void"),
       ("/ontology", "الأنطولوجيا", "ontology")]
FOOTER_LINKS = [("/sparql", "SPARQL"), ("/dump.nq", "N-Quads")]
UNDATED = Markup('<span class="meta">غير مؤرخ</span>')


class Linker:
    """IRIs to hrefs: under the base -> /id/...; other http(s) IRIs as they are; anything else: no link.
    Links are named by the store's labels and article titles (Data, which reads each once)."""

    def __init__(self, data: Data):
        self.base, self.name, self.title = data.base, data.name, data.article_title

    def href(self, iri: str) -> str | None:
        if iri.startswith(self.base):
            return "/id/" + quote(iri[len(self.base):], safe="/%-._~!$&'()*+,;=:@")
        if iri.startswith(("http://", "https://")):
            return iri
        return None

    def link(self, iri: str, text=None, cls: str = "") -> Markup:
        """A link to `iri` showing `text` (else the IRI, left to right); a span when `iri` gets no link."""
        href = self.href(iri)
        attrs = f' class="{escape(cls)}"' if cls else ""
        shown = escape(text) if text else ltr(iri)
        if href:
            return Markup(f'<a href="{escape(href)}"{attrs}>{shown}</a>')
        return Markup(f"<span{attrs}>{shown}</span>")

    def entity(self, iri: str) -> Markup:
        """A link to a resource, named by its label."""
        return self.link(iri, self.name(iri))

    def article(self, iri: str) -> Markup:
        """A link to an article, named by its title."""
        return self.link(iri, self.title(iri))


def when(date) -> Markup:
    """A date (left to right), or that there is none."""
    return Markup(f'<span class="date">{ltr(date)}</span>') if date else UNDATED


def page(template: str, title: str, data: Data, labels: Labels, page_key: str = "",
         alternates: dict[str, str] | None = None, **values) -> bytes:
    """A whole page from templates/serve/`template`: Arabic, right to left, the kit's stylesheet and
    layout, links to `data`'s resources; the footer states the data's licence (an IRI), or that none is stated."""
    links = Linker(data)
    return render("serve/" + template, title=title, page=page_key, licence=data.licence, alternates=alternates or {},
                  nav=NAV, home="/", stylesheet="/static/khabar.css", scripts=[], footer_links=FOOTER_LINKS,
                  concept=labels.concept, class_label=labels.cls, kind_label=labels.statement_kind,
                  link=links.link, entity_link=links.entity, article_link=links.article, when=when,
                  **values).encode("utf-8")
