"""The server's pages over the HTML kit (khabar.html): its layout's links, and which IRIs become links.

Pages are rendered from the kit's templates (autoescaped); links are made only to local paths and to
http(s) IRIs, so an article cannot inject markup or a javascript: URL.
"""
from __future__ import annotations

from urllib.parse import quote

from khabar.html.kit import render
from khabar.html.labels import Labels

NAV = [("/", "الرئيسية", "home"), ("/query", "استعلام", "query"), ("/.well-known/void", "وصف البيانات", "void"),
       ("/ontology", "الأنطولوجيا", "ontology")]
FOOTER_LINKS = [("/sparql", "SPARQL"), ("/dump.nq", "N-Quads")]


class Linker:
    """IRIs to hrefs: under the base -> /id/...; other http(s) IRIs as they are; anything else: no link."""

    def __init__(self, base: str):
        self.base = base

    def href(self, iri: str) -> str | None:
        if iri.startswith(self.base):
            return "/id/" + quote(iri[len(self.base):], safe="/%-._~!$&'()*+,;=:@")
        if iri.startswith(("http://", "https://")):
            return iri
        return None


def page(template: str, title: str, labels: Labels, licence: str | None, page_key: str = "",
         alternates: dict[str, str] | None = None, **values) -> bytes:
    """A whole page from templates/serve/`template`: Arabic, right to left, the kit's stylesheet and
    layout; the footer states the data's `licence` (an IRI), or that none is stated."""
    return render("serve/" + template, title=title, page=page_key, licence=licence, alternates=alternates or {},
                  nav=NAV, home="/", stylesheet="/static/khabar.css", scripts=[], footer_links=FOOTER_LINKS,
                  concept=labels.concept, class_label=labels.cls, kind_label=labels.statement_kind,
                  **values).encode("utf-8")
