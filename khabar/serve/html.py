"""HTML building blocks: the page layout (Arabic, right to left), escaping, links and highlighted text.

Everything from the data goes through `esc`; links are made only to local paths and to http(s)
IRIs, so an article cannot inject markup or a javascript: URL.
"""
from __future__ import annotations

import html
from urllib.parse import quote

NAV = [("/", "الرئيسية"), ("/query", "استعلام"), ("/.well-known/void", "وصف البيانات"), ("/ontology", "الأنطولوجيا")]
BOUNDARIES = ".!?؟\n"


def esc(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def licence_note(licence: str | None) -> str:
    """What a page says of the data's licence: the IRI given to `khabar serve --license`, or that none is stated."""
    if not licence:
        return "لم يُذكر ترخيص لهذه البيانات"
    return f'البيانات متاحة بترخيص <a href="{esc(licence)}">{ltr(licence)}</a>'


def page(title: str, body: str, alternates: dict[str, str] | None = None, licence: str | None = None) -> bytes:
    """A whole page: Arabic, right to left, phone-sized viewport, the package's stylesheet only;
    the footer states the data's `licence` (an IRI), or that none is stated."""
    links = "".join(f'<link rel="alternate" type="{esc(t)}" href="{esc(h)}">' for t, h in (alternates or {}).items())
    nav = " ".join(f'<a href="{h}">{esc(t)}</a>' for h, t in NAV)
    return ("<!DOCTYPE html>\n"
            '<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)} · خبر</title><link rel="stylesheet" href="/static/khabar.css">{links}</head>'
            f'<body><header><a class="brand" href="/">خبر</a><nav>{nav}</nav></header>'
            f"<main><h1>{esc(title)}</h1>{body}</main>"
            f'<footer>{licence_note(licence)}'
            ' · <a href="/sparql">SPARQL</a> · <a href="/dump.nq">N-Quads</a></footer></body></html>\n').encode("utf-8")


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

    def link(self, iri: str, text: str | None = None, cls: str = "") -> str:
        href = self.href(iri)
        label = esc(text if text else iri)
        if not text:
            label = f'<bdi dir="ltr">{label}</bdi>'
        attr = f' class="{cls}"' if cls else ""
        return f'<a href="{esc(href)}"{attr}>{label}</a>' if href else f"<span{attr}>{label}</span>"


def ltr(text) -> str:
    return f'<bdi dir="ltr">{esc(text)}</bdi>'


def rows(pairs: list[tuple[str, str]]) -> str:
    """A definition list of (Arabic name, HTML value) pairs; empty values are left out."""
    items = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in pairs if v)
    return f'<dl class="facts">{items}</dl>'


def formats(path: str) -> str:
    """Links to the other representations of a resource at `path` (/id/...)."""
    names = [("ttl", "Turtle"), ("nt", "N-Triples"), ("jsonld", "JSON-LD")]
    return '<p class="formats">البيانات: ' + " · ".join(
        f'<a href="{esc(path)}.{ext}">{name}</a>' for ext, name in names) + "</p>"


def sentence(text: str, begin: int, end: int, span: int = 300) -> str:
    """The sentence around [begin, end) with that span in <mark>, escaped."""
    if not (0 <= begin <= end <= len(text)):
        return ""
    start = max((text.rfind(c, max(0, begin - span), begin) for c in BOUNDARIES), default=-1) + 1
    if begin - start >= span:
        start = begin - span
    stops = [i for i in (text.find(c, end, end + span) for c in BOUNDARIES) if i >= 0]
    stop = min(stops) + 1 if stops else min(len(text), end + span)
    before, quote_, after = text[start:begin].lstrip(), text[begin:end], text[end:stop].rstrip()
    return (f'<q class="sentence">{"…" if start > 0 and before else ""}{esc(before)}<mark>{esc(quote_)}</mark>'
            f'{esc(after)}</q>')


def highlight(text: str, spans: list[tuple[int, int, str, str]], linker: Linker) -> str:
    """The article text with its recognised spans marked: (begin, end, kind, target IRI).

    kind is entity (a link to the entity), event (an event trigger) or statement (<mark>); spans may
    overlap, so the text is cut at every span edge and each piece is wrapped by what covers it.
    """
    n = len(text)
    spans = [(b, e, k, t) for b, e, k, t in spans if 0 <= b < e <= n]
    cuts = sorted({0, n} | {b for b, *_ in spans} | {e for _, e, *_ in spans})
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [(k, t) for b, e, k, t in spans if b <= lo and hi <= e]
        piece = esc(text[lo:hi])
        entities = [t for k, t in covering if k == "entity"]
        if entities:
            href = linker.href(entities[0])
            piece = f'<a class="ent" href="{esc(href)}">{piece}</a>' if href else piece
        if any(k == "event" for k, _ in covering):
            piece = f'<span class="trigger">{piece}</span>'
        if any(k == "statement" for k, _ in covering):
            piece = f"<mark>{piece}</mark>"
        out.append(piece)
    return f'<div class="article-text">{"".join(out)}</div>'


def table(head: list[str], body: list[list[str]], empty: str = "لا شيء") -> str:
    """A table whose cells are already HTML."""
    if not body:
        return f'<p class="empty">{esc(empty)}</p>'
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in body)
    return f'<div class="scroll"><table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table></div>'
