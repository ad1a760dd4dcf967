"""The application: its configuration and what each route answers, free of HTTP (khabar.serve.asgi
parses requests and sends these answers).

Routes (GET and HEAD unless noted):
  /                      home page (HTML)
  /sparql                SPARQL 1.1 Protocol, query only (GET, POST form, POST application/sparql-query)
  /query                 HTML query form; results as a table
  /id/PATH               the resource {base}PATH: 303 See Other to /id/PATH.ttl|.nt|.jsonld|.html by Accept
  /id/PATH.EXT           its description in that format (200)
  /.well-known/void      VoID + DCAT (Turtle by default, JSON-LD, HTML; also void.ttl, void.jsonld, void.html)
  /dump.nq               the whole store as N-Quads, streamed
  /ontology              the ontology: Turtle by default or HTML by Accept (also ontology.ttl, ontology.html)
  /static/khabar.css     the stylesheet
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from khabar.graph.results import DOCUMENTS
from khabar.html.kit import STYLESHEET
from khabar.rdf.iris import IriScheme
from khabar.rdf.vocab import PREFIXES
from khabar.serve import ontology, site
from khabar.serve.conneg import negotiate
from khabar.serve.data import Data
from khabar.serve.response import CSP_REPORT, Response
from khabar.serve.limits import Admission
from khabar.serve.pages import Pages
from khabar.serve.reload import identity
from khabar.serve.sparql import Job, Outcome
from khabar.serve.void import VOID_PREFIXES, checked_licence, void_html, void_triples
from khabar.serve.worker import WorkerPool

MEDIA_TO_EXT = {media: ext for ext, (media, _) in DOCUMENTS.items()} | {"application/xhtml+xml": "html"}


REPORT_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png"}


@dataclass
class ServeConfig:
    source: str
    host: str = "127.0.0.1"
    port: int = 8000
    base: str = "https://w3id.org/khabar/id/"
    timeout: float = 10.0          # seconds a SPARQL query may run
    limit: int = 10000             # most solutions or triples a query (or a description) returns
    max_body: int = 1 << 20        # bytes of a POST body
    workers: int = 3               # query worker processes (queries running at once)
    query_memory: int = 512        # MB of memory one query may take (its worker's address space beyond idle)
    max_answer: int = 64 << 20     # bytes of one SPARQL answer
    client_queries: int = 1        # queries one client address may run at once (and as many waiting)
    queue: int = 32                # queries waiting for a worker, all clients together
    backlog: int = 1024            # connections waiting to be accepted
    public_url: str | None = None  # this server's address as others see it (VoID); default http://HOST:PORT
    report: str | None = None      # a folder written by `khabar report`, served at /report/
    licence: str | None = None     # the data's licence (an IRI), stated in VoID/DCAT and on pages; none by default
    log: bool = True

    def __post_init__(self):
        """The base and the licence checked (ValueError), however the configuration is made: by
        `khabar serve` or by create_app's caller."""
        self.base = IriScheme(self.base).base
        if self.licence is not None:
            self.licence = checked_licence(self.licence)
        if self.public_url is not None and not self.public_url.startswith(("http://", "https://")):
            raise ValueError(f"--public-url must be an http:// or https:// URL (got {self.public_url!r})")


class App:
    def __init__(self, config: ServeConfig, store):
        self.config = config
        self.source_identity = identity(config.source)
        self._reload_lock = threading.Lock()
        self.data = Data(store, config.base, config.licence)
        self.pages = Pages(self.data)
        # one worker more than may run at once: a standby, started, for when one is stopped and replaced
        self.pool = WorkerPool(config.source, config.workers + 1, config.limit, config.base, config.query_memory,
                               config.max_answer)
        self.admission = Admission(config.workers, config.client_queries, config.queue, config.timeout)

    # -- the store, queries ------------------------------------------------------------------------
    def refresh(self) -> None:
        """See a store that `khabar load` swapped in for the source folder (khabar.serve.reload)."""
        now = identity(self.config.source)
        if now is None or now == self.source_identity:
            return
        with self._reload_lock:
            if now == self.source_identity:
                return
            from pyoxigraph import Store

            try:
                store = Store.read_only(self.config.source)
            except OSError:  # mid-swap or half-written: keep the old store, try again at the next request
                return
            data = Data(store, self.config.base, self.config.licence)
            self.data, self.pages = data, Pages(data)
            self.source_identity = now
            self.pool.renew()

    def run_query(self, job: Job, client: str) -> Outcome:
        """Run a query for `client` (an address) within its share of the workers and the time-out."""
        with self.admission.slot(client) as light:
            return self.pool.run(job, self.config.timeout, light)

    # -- resources under the base ----------------------------------------------------------------
    def resource(self, rest: str, accept: str | None) -> Response:
        ext = next((e for e in DOCUMENTS if rest.endswith("." + e)), None)
        iri = self.data.base + rest
        if ext and not self._exists(iri):
            rest = rest[: -len(ext) - 1]
            iri = self.data.base + rest
        else:
            ext = None
        if not rest or not self._exists(iri):
            return Response.text(404, f"nothing is known about {iri}\n")
        path = "/id/" + rest
        if ext is None:
            media = negotiate(accept, [m for m, _ in DOCUMENTS.values()] + ["application/xhtml+xml"])
            if media is None:
                return Response.text(406, "not acceptable; offered: text/turtle, application/n-triples, "
                                          "application/ld+json, text/html\n")
            return Response(303, b"", "text/plain; charset=utf-8",
                            {"Location": f"{path}.{MEDIA_TO_EXT[media]}", "Vary": "Accept"})
        media, fmt = DOCUMENTS[ext]
        if fmt is None:
            return Response.html(self.pages.render(iri, path))
        if self.data.has_subject(iri):
            triples, truncated = self.data.describe(iri, self.config.limit)
        else:
            triples, truncated = self.data.graph_triples(iri, self.config.limit)
        body = serialize(triples, format=fmt, prefixes=PREFIXES if fmt == RdfFormat.TURTLE else None) or b""
        headers = {"Link": f'<{iri}>; rel="describes"'}
        if truncated:
            headers["Khabar-Truncated"] = "true"
        return Response(200, body, media + ("; charset=utf-8" if fmt != RdfFormat.N_TRIPLES else ""), headers)

    def _exists(self, iri: str) -> bool:
        try:
            return self.data.has_subject(iri) or self.data.is_graph(iri)
        except (ValueError, TypeError):  # not a valid IRI
            return False

    # -- dataset description, ontology -----------------------------------------------------------
    def void(self, ext: str | None, accept: str | None, root: str) -> Response:
        if ext is None:
            media = negotiate(accept, ["text/turtle", "application/ld+json", "text/html", "application/n-triples"])
            if media is None:
                return Response.text(406, "not acceptable; offered: text/turtle, application/ld+json, text/html\n")
            ext = MEDIA_TO_EXT[media]
        if ext == "html":
            return Response.html(void_html(self.data, root), vary=True)
        media, fmt = DOCUMENTS[ext]
        body = serialize(void_triples(self.data, root), format=fmt,
                         prefixes=VOID_PREFIXES if fmt == RdfFormat.TURTLE else None) or b""
        return Response(200, body, media + "; charset=utf-8", {"Vary": "Accept"})

    def ontology(self, ext: str | None, accept: str | None) -> Response:
        if ext is None:
            media = negotiate(accept, ["text/turtle", "text/html", "application/xhtml+xml"])
            if media is None:
                return Response.text(406, "not acceptable; offered: text/turtle, text/html\n")
            ext = MEDIA_TO_EXT[media]
        if ext == "html":
            body, generated = ontology.html(self.data)
            return Response.html(body, vary=True, inline_styles=generated)
        return Response(200, ontology.turtle(), "text/turtle; charset=utf-8", {"Vary": "Accept"})

    def home(self) -> Response:
        return Response.html(site.home(self.data))

    def query_page(self, params: dict, client: str) -> Response:
        c = self.config
        status, body = site.query_page(self.data, lambda job: self.run_query(job, client), params, c.timeout, c.limit)
        return Response.html(body, status=status)

    def static(self, name: str) -> Response:
        if name != "khabar.css":
            return Response.text(404, "no such file\n")
        return Response(200, STYLESHEET.read_bytes(), "text/css; charset=utf-8",
                        {"Cache-Control": "public, max-age=3600"})

    def report(self, name: str) -> Response:
        """A file of the static report (khabar report), never anything outside its folder."""
        if not self.config.report:
            return Response.text(404, "no report is served (khabar serve STORE --report DIR)\n")
        root = Path(self.config.report).resolve()
        target = (root / (name or "index.html")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if root not in target.parents or not target.is_file() or target.suffix not in REPORT_TYPES:
            return Response.text(404, "not found\n")
        return Response(200, target.read_bytes(), REPORT_TYPES[target.suffix], {}, CSP_REPORT)

    def close(self) -> None:
        self.admission.close()
        self.pool.close()
