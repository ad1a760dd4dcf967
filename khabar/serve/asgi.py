"""The HTTP layer, an ASGI application (Starlette): check a request, route it to the App, send the answer
with the security headers. `create_app(store, ...)` builds it; any ASGI server runs it (`khabar serve`
runs it under uvicorn, khabar.serve.server; the README shows gunicorn behind a reverse proxy).

- Before routing: OPTIONS is answered (204), writes are 405, other methods 501; the path is checked:
  NUL bytes, backslashes and '.'/'..' segments (also percent-encoded) are refused with 400, so nothing
  can climb out of the routes, and routes see the path as an ASCII IRI path (escapes kept).
- Blocking work runs in threads, never on the event loop, each kind within its own bound: store reads
  for pages and descriptions (PAGE_THREADS), SPARQL queries waiting for and running in a worker process
  (as many as may run and wait, limits.Admission, plus REFUSING_THREADS to turn the rest away at once),
  and dumps (DUMP_THREADS). A slow query or a slow client never stalls the others, and an idle or slow
  connection costs no thread.
- A POST body must come whole within BODY_SECONDS of its headers (else 408, and the connection is
  closed): a client that trickles it holds a socket for that long at most, never a thread.
- Answers are streamed from the file a query worker wrote, a chunk at a time; the dump as the store
  writes it.
"""
from __future__ import annotations

import os
import re
import sys
from contextlib import asynccontextmanager
from functools import partial
from urllib.parse import parse_qs, unquote

import anyio
from pyoxigraph import RdfFormat
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response as WebResponse
from starlette.routing import Route

from khabar import __version__
from khabar.serve.app import App, ServeConfig
from khabar.serve.response import CSP, Response
from khabar.serve.protocol import body_length, post_params, sparql_job
from khabar.serve.sparql import Outcome, Refused, discard

PAGE_THREADS = 8       # store reads (pages, descriptions, VoID) at once
REFUSING_THREADS = 16  # beyond the queries that may run and wait: threads that turn more away (429/503)
DUMP_THREADS = 4       # dumps streamed at once
CHUNK = 1 << 16        # bytes sent at a time from an answer or a dump
BODY_SECONDS = 30      # time a client may take to send a POST body once its headers are in: then 408, and closed
SERVER = f"khabar/{__version__}"
ALLOWED = "GET, HEAD, POST, OPTIONS"
_PCT = re.compile(r"%[0-9a-fA-F]{2}")


def create_app(store: str | os.PathLike | None = None, *, config: ServeConfig | None = None, opened=None,
               **settings) -> Starlette:
    """The ASGI application serving `store` (a store folder or a graph file) read-only.

    `settings` are ServeConfig's fields (base, timeout, limit, workers, public_url, licence, report, ...),
    or give a whole `config`. Without `store` or `config`, the source and settings come from the
    environment, KHABAR_STORE and KHABAR_<FIELD> (for `uvicorn --factory khabar.serve:create_app`).
    `opened` is the source already opened (khabar.stores.open_source), so that a graph file is not read
    twice. The query workers start now; they stop when the server ends the application (its lifespan)."""
    if config is None:
        if store is None:
            store, settings = environment_settings(os.environ, settings)
        config = ServeConfig(os.fspath(store), **settings)
    if opened is None:
        from khabar.stores import open_source

        opened = open_source(config.source)
    app = App(config, opened)
    if config.log and not config.licence and (texts := app.data.article_texts()):
        print(f"khabar: warning: {config.source} holds the full text of {texts} articles and no licence is "
              "stated (--license IRI): news text belongs to its publishers; map with --text none to publish "
              "without it", file=sys.stderr)

    @asynccontextmanager
    async def lifespan(_):
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(app.close)

    web = Endpoints(app)
    routes = [
        Route("/", web.home),
        Route("/sparql", web.sparql, methods=["GET", "POST"]),
        Route("/query", web.query_page),
        Route("/id/{rest:path}", web.resource),
        Route("/.well-known/void", web.void),
        Route("/.well-known/void.{ext}", web.void),
        Route("/dump.nq", web.dump),
        Route("/ontology", web.ontology),
        Route("/ontology.{ext}", web.ontology),
        Route("/ontology/{rest:path}", web.to_ontology),
        Route("/static/{name:path}", web.static),
        Route("/report", web.report),
        Route("/report/{name:path}", web.report),
    ]
    starlette = Starlette(routes=routes, lifespan=lifespan)
    starlette.router.redirect_slashes = False  # /x/ is not /x: a path that names nothing is 404
    starlette.router.default = _not_found
    starlette.state.khabar = app
    starlette.add_middleware(Guard, log=config.log)
    return starlette


def environment_settings(environ, settings: dict) -> tuple[str, dict]:
    """The source (KHABAR_STORE) and the ServeConfig fields given as KHABAR_<FIELD> (KHABAR_PUBLIC_URL,
    KHABAR_TIMEOUT, ...) in `environ`, under `settings`; ValueError when there is no source."""
    from dataclasses import fields

    source = environ.get("KHABAR_STORE")
    if not source:
        raise ValueError("no store to serve: set KHABAR_STORE to a store folder or graph file")
    found = {}
    for f in fields(ServeConfig):
        text = environ.get(f"KHABAR_{f.name.upper()}")
        if f.name != "source" and text is not None:
            kind = type(f.default) if f.default is not None else str
            found[f.name] = text.lower() in ("1", "true", "yes") if kind is bool else kind(text)
    return source, {**found, **settings}


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


def web_response(response: Response) -> WebResponse:
    """The App's answer as Starlette's."""
    return WebResponse(response.body, response.status, {"Content-Type": response.content_type, **response.headers,
                                                        "Content-Security-Policy": response.csp})


def _refusal(exc: Refused) -> WebResponse:
    return web_response(Response(exc.status, (exc.message + "\n").encode("utf-8"), "text/plain; charset=utf-8",
                                 dict(exc.headers)))


async def _not_found(scope, receive, send) -> None:
    await web_response(Response.text(404, "not found\n"))(scope, receive, send)


class Guard:
    """The outer layer (ASGI middleware): methods and the path check before routing, and the security
    headers (and Server) on every response, whatever made it."""

    def __init__(self, app, log: bool = True):
        self.app, self.log = app, log

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = [(b"content-security-policy", CSP.encode())] if b"content-security-policy" not in names else []
                message = {**message, "headers": headers + extra + SECURITY_HEADERS}
            await send(message)

        early = self.before_routing(scope)
        if early is not None:
            await early(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:  # a bug: answer 500 (unless the answer had begun), log it, keep serving
            if self.log:
                print(f"khabar: internal error on {scope.get('path')}: {exc!r}", file=sys.stderr)
            try:
                await web_response(Response.text(500, "internal server error\n"))(scope, receive, send_with_headers)
            except Exception:
                pass

    @staticmethod
    def before_routing(scope) -> WebResponse | None:
        """The answer to a request that is not routed (OPTIONS, writes, a bad path), or None; else the
        scope's path becomes the checked path."""
        method = scope["method"]
        if method == "OPTIONS":
            return web_response(Response(204, b"", "text/plain", {
                "Allow": ALLOWED, "Access-Control-Allow-Methods": ALLOWED,
                "Access-Control-Allow-Headers": "Content-Type, Accept"}))
        if method in ("PUT", "DELETE", "PATCH"):
            return web_response(Response(405, b"this server is read-only\n", "text/plain; charset=utf-8",
                                         {"Allow": ALLOWED}))
        if method not in ("GET", "HEAD", "POST"):
            return web_response(Response.text(501, f"unsupported method ({method!r})\n"))
        raw = scope.get("raw_path") or scope["path"].encode("utf-8")
        path = normalise_path(raw.split(b"?", 1)[0].decode("latin-1"))
        if path is None:
            return web_response(Response.text(400, "bad path\n"))
        if method == "POST" and path != "/sparql":
            return web_response(Response(405, b"POST is accepted at /sparql only\n", "text/plain; charset=utf-8",
                                         {"Allow": "GET, HEAD"}))
        scope["path"], scope["raw_path"] = path, path.encode("ascii")
        return None


SECURITY_HEADERS = [(name.encode(), value.encode()) for name, value in [
    ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"),
    ("Access-Control-Allow-Origin", "*"), ("Server", SERVER)]]


class Endpoints:
    """The routes' handlers: each hands its work to the App in a thread (see the module's docstring)."""

    def __init__(self, app: App):
        self.app = app
        config = app.config
        self.pages = anyio.CapacityLimiter(PAGE_THREADS)
        self.queries = anyio.CapacityLimiter(config.workers + 1 + config.queue + REFUSING_THREADS)
        self.dumps = anyio.CapacityLimiter(DUMP_THREADS)

    async def blocking(self, work, limiter: anyio.CapacityLimiter | None = None):
        """`work(app)`, run in a thread once a store swapped in since the last request is seen."""
        def call():
            self.app.refresh()
            return work(self.app)

        return await anyio.to_thread.run_sync(call, limiter=limiter or self.pages, abandon_on_cancel=True)

    async def answer(self, work, limiter: anyio.CapacityLimiter | None = None) -> WebResponse:
        """The App's answer `work(app)` (see blocking); Refused becomes its status and message."""
        try:
            return web_response(await self.blocking(work, limiter))
        except Refused as exc:
            return _refusal(exc)

    # -- pages, descriptions, files ----------------------------------------------------------------
    async def home(self, request: Request) -> WebResponse:
        return await self.answer(lambda app: app.home())

    async def query_page(self, request: Request) -> WebResponse:
        params, client = _query_params(request), _client(request)
        return await self.answer(lambda app: app.query_page(params, client), self.queries)

    async def resource(self, request: Request) -> WebResponse:
        rest, accept = request.path_params["rest"], request.headers.get("accept")
        return await self.answer(lambda app: app.resource(rest, accept))

    async def void(self, request: Request) -> WebResponse:
        ext = request.path_params.get("ext")
        if ext not in (None, "ttl", "jsonld", "html", "nt"):
            return web_response(Response.text(404, "not found\n"))
        accept, root = request.headers.get("accept"), self.root(request)
        return await self.answer(lambda app: app.void(ext, accept, root))

    async def ontology(self, request: Request) -> WebResponse:
        ext = request.path_params.get("ext")
        if ext not in (None, "ttl", "html"):
            return web_response(Response.text(404, "not found\n"))
        accept = request.headers.get("accept")
        return await self.answer(lambda app: app.ontology(ext, accept))

    async def to_ontology(self, request: Request) -> WebResponse:
        """SKOS concepts and schemes are described in the ontology document."""
        return web_response(Response(303, b"", "text/plain; charset=utf-8", {"Location": "/ontology", "Vary": "Accept"}))

    async def static(self, request: Request) -> WebResponse:
        name = request.path_params["name"]
        return await self.answer(lambda app: app.static(name))

    async def report(self, request: Request) -> WebResponse:
        name = request.path_params.get("name", "")
        return await self.answer(lambda app: app.report(name))

    def root(self, request: Request) -> str:
        """This server's public address (--public-url, else the address the request came in at); never
        the request's Host header, which any client sets."""
        config = self.app.config
        if config.public_url:
            return config.public_url.rstrip("/")
        host, port = request.scope.get("server") or (config.host, config.port)
        return f"http://{host if ':' not in host else f'[{host}]'}:{port}"

    async def dump(self, request: Request) -> WebResponse:
        headers = {"Content-Type": "application/n-quads", "Content-Disposition": 'attachment; filename="khabar.nq"'}
        store = await self.blocking(lambda app: app.data.store)
        if request.method == "HEAD":  # the headers alone: no dump is written
            return Pushed(lambda out: None, self.dumps, headers)
        return Pushed(lambda out: store.dump(out, format=RdfFormat.N_QUADS), self.dumps, headers)

    # -- SPARQL protocol ---------------------------------------------------------------------------
    async def sparql(self, request: Request) -> WebResponse:
        try:
            params = _query_params(request)
            if request.method == "POST":
                length = body_length(request.headers, self.app.config.max_body)
                params = post_params(params, request.headers.get("content-type"), await _read(request, length))
            job = sparql_job(params, request.headers.get("accept"))
            if isinstance(job, Response):
                return web_response(job)
            client = _client(request)
            outcome = await self.blocking(lambda app: _small_read(app.run_query(job, client)), self.queries)
        except Refused as exc:
            return _refusal(exc)
        headers = {"Content-Type": outcome.content_type, "Khabar-Result-Limit": str(self.app.config.limit),
                   "Vary": "Accept"}
        if outcome.truncated:
            headers["Khabar-Truncated"] = "true"
        if outcome.path is None:
            return WebResponse(outcome.body, outcome.status, headers)
        if request.method == "HEAD":
            discard(outcome.path)
            return WebResponse(None, outcome.status, {**headers, "Content-Length": str(outcome.size)})
        return AnswerFile(outcome, headers)


def _small_read(outcome: Outcome) -> Outcome:
    """A small answer read whole from its file (which goes), in the thread that waited for it: sent at
    once, with no more trips to a thread; a larger one is left to stream (AnswerFile)."""
    if outcome.path is not None and outcome.size <= CHUNK:
        outcome.body, outcome.path = outcome.read(), None
    return outcome


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


def _query_params(request: Request) -> dict:
    return parse_qs(request.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)


async def _read(request: Request, length: int) -> bytes:
    """The body of a POST, at most `length` bytes, sent within BODY_SECONDS (a client that trickles it
    is answered 408 and the connection closed)."""
    body = bytearray()
    try:
        with anyio.fail_after(BODY_SECONDS):
            async for chunk in request.stream():
                body += chunk
                if len(body) > length:
                    raise Refused(400, "the body is longer than its Content-Length")
    except TimeoutError:
        raise Refused(408, f"the request body did not come within {BODY_SECONDS:g} s",
                      {"Connection": "close"}) from None
    return bytes(body)


class AnswerFile(WebResponse):
    """A query's answer, sent from the file its worker wrote a chunk at a time (the server never holds a
    whole answer), and removed once sent, or once the client has gone."""

    def __init__(self, outcome: Outcome, headers: dict):
        self.path, self.status_code, self.background = outcome.path, outcome.status, None
        self.init_headers({**headers, "Content-Length": str(outcome.size)})

    async def __call__(self, scope, receive, send) -> None:
        try:
            await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
            async with await anyio.open_file(self.path, "rb") as f:
                while chunk := await f.read(CHUNK):
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        except OSError:  # the client went away (uvicorn's ClientDisconnected is one)
            pass
        finally:
            discard(self.path)


class Pushed(WebResponse):
    """A body that a blocking call writes (`write_all(out)`, out.write(bytes)) in a thread, sent as it is
    written: at most a few chunks are held, and a client that goes away stops the writer."""

    def __init__(self, write_all, limiter: anyio.CapacityLimiter, headers: dict):
        self.write_all, self.limiter, self.status_code, self.background = write_all, limiter, 200, None
        self.init_headers(headers)  # no body yet: no Content-Length (sent chunked, or until the connection ends)

    async def __call__(self, scope, receive, send) -> None:
        chunks_in, chunks_out = anyio.create_memory_object_stream(4)
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})

        async def forward() -> None:
            async with chunks_out:
                async for chunk in chunks_out:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})

        class Out:  # gathers the writer's small writes into chunks of CHUNK bytes
            def __init__(self):
                self.held = bytearray()

            def write(self, data) -> int:
                self.held += data
                if len(self.held) >= CHUNK:
                    self.flush()
                return len(data)

            def flush(self) -> None:
                if self.held:
                    anyio.from_thread.run(chunks_in.send, bytes(self.held))
                    self.held.clear()

        def produce() -> None:
            try:
                out = Out()
                self.write_all(out)
                out.flush()
            except Exception:  # the client went away (the chunks are no longer read), or the store failed
                pass
            finally:
                anyio.from_thread.run_sync(chunks_in.close)

        try:
            async with anyio.create_task_group() as group:
                group.start_soon(partial(anyio.to_thread.run_sync, produce, limiter=self.limiter))
                await forward()
            await send({"type": "http.response.body", "body": b""})
        except Exception as exc:  # the client went away: an OSError, alone or in the task group's group
            if not all(isinstance(e, OSError) for e in getattr(exc, "exceptions", (exc,))):
                raise
