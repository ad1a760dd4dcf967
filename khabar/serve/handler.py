"""The HTTP layer: parse a request, route it to the App, write the response with security headers.

Paths are checked before routing: NUL bytes, backslashes and '.'/'..' segments (also percent-encoded)
are refused with 400, so nothing can climb out of the routes.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote

from pyoxigraph import NamedNode

from khabar import __version__
from khabar.serve.conneg import negotiate
from khabar.serve.sparql import Job, Outcome, Refused, discard

CSP = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; " \
      "frame-ancestors 'none'"
CSP_INLINE_STYLES = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'none'; " \
                    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
# the static report (khabar report) runs its own filter script, from the same origin only
CSP_REPORT = "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " \
             "form-action 'self'; frame-ancestors 'none'"
_PCT = re.compile(r"%[0-9a-fA-F]{2}")


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    headers: dict = field(default_factory=dict)
    csp: str = CSP
    stream: object = None  # a callable(wfile) writing the body instead of `body`
    length: int | None = None  # the length of what `stream` writes, when known
    cleanup: object = None  # a callable run once the response is sent (or not)

    @classmethod
    def text(cls, status: int, message: str) -> "Response":
        return cls(status, message.encode("utf-8"), "text/plain; charset=utf-8")

    @classmethod
    def html(cls, body: bytes, status: int = 200, vary: bool = False, inline_styles: bool = False) -> "Response":
        return cls(status, body, "text/html; charset=utf-8", {"Vary": "Accept"} if vary else {},
                   CSP_INLINE_STYLES if inline_styles else CSP)


def normalise_path(raw: str) -> str | None:
    """The request path as an ASCII IRI path (non-ASCII bytes percent-encoded, escapes upper-cased),
    or None when it tries to leave its route."""
    path = raw.encode("latin-1", "replace")
    path = "".join(chr(b) if 0x21 <= b < 0x7F else f"%{b:02X}" for b in path)
    path = _PCT.sub(lambda m: m.group().upper(), path)
    decoded = unquote(path)
    if "\x00" in decoded or "\\" in decoded or not path.startswith("/"):
        return None
    if any(seg in (".", "..") for seg in decoded.split("/")):
        return None
    return path


def _streamer(outcome: Outcome):
    """Copy an answer file to the client a chunk at a time; the server never holds a whole answer."""
    def stream(out) -> None:
        with open(outcome.path, "rb") as f:
            while chunk := f.read(1 << 16):
                out.write(chunk)
    return stream


class Handler(BaseHTTPRequestHandler):
    server_version = f"khabar/{__version__}"
    sys_version = ""
    timeout = 30  # seconds a client may take to send its request
    protocol_version = "HTTP/1.0"

    def version_string(self) -> str:
        return self.server_version

    @property
    def app(self):
        return self.server.app

    # -- methods ---------------------------------------------------------------------------------
    def do_GET(self):
        self._handle("GET")

    def do_HEAD(self):
        self._handle("HEAD")

    def do_POST(self):
        self._handle("POST")

    def do_OPTIONS(self):
        self._send(Response(204, b"", "text/plain", {"Allow": "GET, HEAD, POST, OPTIONS",
                                                     "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                                                     "Access-Control-Allow-Headers": "Content-Type, Accept"}))

    def _not_allowed(self):
        self._send(Response(405, b"this server is read-only\n", "text/plain; charset=utf-8",
                            {"Allow": "GET, HEAD, POST, OPTIONS"}))

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _handle(self, method: str):
        try:
            response = self._route(method)
        except Refused as exc:
            response = Response.text(exc.status, exc.message + "\n")
            response.headers.update(exc.headers)
        except Exception as exc:  # a bug: answer 500, log it, keep serving
            self.log_error("internal error on %s: %r", self.path, exc)
            response = Response.text(500, "internal server error\n")
        self._send(response, head=method == "HEAD")

    # -- routing ---------------------------------------------------------------------------------
    def _route(self, method: str) -> Response:
        raw, _, query_string = self.path.partition("?")
        path = normalise_path(raw)
        if path is None:
            return Response.text(400, "bad path\n")
        params = parse_qs(query_string, keep_blank_values=True)
        accept = self.headers.get("Accept")
        app = self.app
        app.refresh()
        if path == "/sparql":
            return self._sparql(method, params, accept)
        if method == "POST":
            return Response(405, b"POST is accepted at /sparql only\n", "text/plain; charset=utf-8",
                            {"Allow": "GET, HEAD"})
        if path.startswith("/id/"):
            return app.resource(path[len("/id/"):], accept)
        if path == "/":
            return app.home()
        if path == "/query":
            return app.query_page(params, self.client_address[0])
        if path in ("/.well-known/void", "/.well-known/void.ttl", "/.well-known/void.jsonld",
                    "/.well-known/void.html", "/.well-known/void.nt"):
            ext = path.rsplit(".", 1)[-1] if path.count(".") > 1 else None
            return app.void(ext, accept, self._root())
        if path == "/dump.nq":
            return self._dump()
        if path in ("/ontology", "/ontology.ttl", "/ontology.html"):
            return app.ontology(path.rsplit(".", 1)[-1] if "." in path else None, accept)
        if path.startswith("/ontology/"):  # SKOS concepts and schemes are described in the ontology document
            return Response(303, b"", "text/plain; charset=utf-8", {"Location": "/ontology", "Vary": "Accept"})
        if path.startswith("/static/"):
            return app.static(path[len("/static/"):])
        if path == "/report" or path.startswith("/report/"):
            return app.report(path[len("/report/"):])
        return Response.text(404, "not found\n")

    def _root(self) -> str:
        """This server's public address (--public-url, else the address it listens on); never the
        request's Host header, which any client sets."""
        return (self.app.config.public_url or self.server.url).rstrip("/")

    def _dump(self) -> Response:
        from pyoxigraph import RdfFormat

        store = self.app.data.store
        return Response(200, b"", "application/n-quads",
                        {"Content-Disposition": 'attachment; filename="khabar.nq"'},
                        stream=lambda out: store.dump(out, format=RdfFormat.N_QUADS))

    # -- SPARQL protocol -------------------------------------------------------------------------
    def _sparql(self, method: str, params: dict, accept: str | None) -> Response:
        if method == "POST":
            params = self._post_params(params)
        for name in ("default-graph-uri", "named-graph-uri"):
            for iri in params.get(name, []):
                try:
                    NamedNode(iri)
                except ValueError:
                    raise Refused(400, f"{name} is not an absolute IRI: {iri!r}") from None
        if "update" in params:
            raise Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
        queries = params.get("query", [])
        if not queries:
            if negotiate(accept, ["application/sparql-results+json", "text/html"]) == "text/html":
                return Response(303, b"", "text/plain; charset=utf-8", {"Location": "/query"})
            raise Refused(400, "missing query: send a SPARQL query in the 'query' parameter")
        if len(queries) > 1:
            raise Refused(400, "more than one 'query' parameter")
        config = self.app.config
        fmt = (params.get("format") or [None])[0]
        job = Job(queries[0], accept, fmt or None, params.get("default-graph-uri", []), params.get("named-graph-uri", []))
        outcome = self.app.run_query(job, self.client_address[0])
        headers = {"Khabar-Result-Limit": str(config.limit), "Vary": "Accept"}
        if outcome.truncated:
            headers["Khabar-Truncated"] = "true"
        if outcome.path is None:
            return Response(outcome.status, outcome.body, outcome.content_type, headers)
        return Response(outcome.status, b"", outcome.content_type, headers, stream=_streamer(outcome),
                        length=outcome.size, cleanup=lambda: discard(outcome.path))

    def _post_params(self, params: dict) -> dict:
        if self.headers.get("Transfer-Encoding"):
            raise Refused(411, "send the body with a Content-Length (chunked bodies are not accepted)")
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            raise Refused(411, "a POST needs a Content-Length")
        try:
            length = int(length_header)
        except ValueError:
            raise Refused(400, "bad Content-Length") from None
        if length < 0:
            raise Refused(400, "bad Content-Length")
        if length > self.app.config.max_body:
            self.close_connection = True
            raise Refused(413, f"the request body is too large ({length} bytes; at most {self.app.config.max_body})")
        try:
            body = self.rfile.read(length).decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the request body is not UTF-8") from None
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            both = sorted(name for name in ("query", "update") if name in form and name in params)
            if both:
                raise Refused(400, f"'{both[0]}' is in both the URL and the body; send it once")
            return {**params, **form}
        if kind == "application/sparql-query":
            if "query" in params:
                raise Refused(400, "'query' is in the URL and the body is a query too; send it once")
            return {**params, "query": [body]}
        if kind == "application/sparql-update":
            raise Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
        raise Refused(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")

    # -- writing ---------------------------------------------------------------------------------
    def _send(self, response: Response, head: bool = False) -> None:
        try:
            self._write(response, head)
        finally:
            if response.cleanup is not None:
                response.cleanup()

    def _write(self, response: Response, head: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        if response.stream is None:
            self.send_header("Content-Length", str(len(response.body)))
        elif response.length is not None:
            self.send_header("Content-Length", str(response.length))
        self.send_header("Content-Security-Policy", response.csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if head:
            return
        try:
            if response.stream is not None:
                response.stream(self.wfile)
            else:
                self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def send_error(self, code, message=None, explain=None):
        """Errors found while parsing the request line or headers, with the same headers as the rest."""
        self.close_connection = True
        try:
            self._send(Response.text(code, f"{message or self.responses.get(code, ('error',))[0]}\n"),
                       head=getattr(self, "command", None) == "HEAD")
        except OSError:
            pass

    def log_message(self, format, *args):
        if self.server.app.config.log:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")
