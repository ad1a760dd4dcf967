"""Remote triplestores over HTTP: load article graphs with the SPARQL 1.1 Graph Store Protocol
(PUT per graph, so reloading replaces) or SPARQL Update (DROP SILENT GRAPH, then batched
INSERT DATA), with timeouts, retries and a resumable state file.

Oxigraph serves /query, /update and /store; Virtuoso /sparql, /sparql-auth (Digest) and
/sparql-graph-crud(-auth). Any other store: give the three URLs.
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, RdfFormat, parse, serialize

from khabar.errors import InputError, KhabarError
from khabar.formats import format_for

SERVERS = ("auto", "oxigraph", "virtuoso")
PROTOCOLS = ("auto", "gsp", "update")
AUTHS = ("basic", "digest")
_UNSUPPORTED = {404, 405, 415, 501}  # a GSP answer that means "no Graph Store Protocol here"


class EndpointError(KhabarError):
    """A triplestore could not be reached or refused a request."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class LoadFailed(EndpointError):
    """A load stopped part way: `loaded` graphs are in the store, `not_loaded` are not."""

    def __init__(self, message: str, loaded: list[str], not_loaded: list[str], status: int | None = None):
        super().__init__(message, status)
        self.loaded, self.not_loaded = loaded, not_loaded


# -- HTTP -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class HttpSettings:
    user: str | None = None
    password: str | None = None
    auth: str = "basic"
    timeout: float = 30.0  # seconds per connect or read
    retries: int = 3  # further tries after a 5xx answer, a refused connection or a time-out
    backoff: float = 0.5  # seconds before the first retry; doubled for each one after


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


class _SameHosts(urllib.request.HTTPPasswordMgr):
    """Credentials for any realm, but only for the hosts the user named."""

    def __init__(self, user: str, password: str, hosts: set[str]):
        super().__init__()
        self.credentials, self.hosts = (user, password), hosts

    def find_user_password(self, realm, authuri):
        return self.credentials if urllib.parse.urlsplit(authuri).netloc in self.hosts else (None, None)


class Http:
    """urllib with Basic or Digest auth, a time-out on every request, and retries with exponential
    back-off on 5xx answers and connection errors."""

    def __init__(self, settings: HttpSettings = HttpSettings(), urls: Iterable[str | None] = ()):
        """Credentials go only to the hosts of `urls`."""
        if settings.auth not in AUTHS:
            raise KhabarError(f"unknown --auth {settings.auth!r}; known: {', '.join(AUTHS)}")
        if settings.user is not None and settings.password is None:
            raise KhabarError("--user needs --password (or KHABAR_PASSWORD)")
        self.settings = settings
        self.hosts = {urllib.parse.urlsplit(u).netloc for u in urls if u}
        handlers: list = []
        if settings.user is not None and settings.auth == "digest":
            handlers.append(urllib.request.HTTPDigestAuthHandler(
                _SameHosts(settings.user, settings.password or "", self.hosts)))
        self.opener = urllib.request.build_opener(*handlers)
        self.sleep: Callable[[float], None] = time.sleep

    def _request(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> urllib.request.Request:
        req = urllib.request.Request(url, data=body, method=method, headers={"User-Agent": "khabar", **headers})
        s = self.settings
        if s.user is not None and s.auth == "basic" and urllib.parse.urlsplit(url).netloc in self.hosts:
            token = base64.b64encode(f"{s.user}:{s.password}".encode("utf-8")).decode("ascii")
            req.add_header("Authorization", f"Basic {token}")
        return req

    def send(self, method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
             retry: bool = True) -> Reply:
        tries = 1 + (self.settings.retries if retry else 0)
        for attempt in range(tries):
            last = attempt == tries - 1
            try:
                req = self._request(method, url, body, headers or {})
                with self.opener.open(req, timeout=self.settings.timeout) as r:
                    return Reply(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
            except urllib.error.HTTPError as exc:
                answer = exc.read() if exc.fp else b""  # "" where urllib raised it itself (digest refused) on
                detail = _snippet(answer.encode() if isinstance(answer, str) else answer)  # Python 3.11.2, b"" later
                if exc.code >= 500 and not last:
                    self.sleep(self.settings.backoff * 2 ** attempt)
                    continue
                hint = ""
                if exc.code in (401, 403):
                    hint = (" (check --user/--password; Virtuoso wants --auth digest)" if self.settings.user
                            else " (the store wants credentials: --user, --password, --auth)")
                tried = f" after {tries} tries" if exc.code >= 500 and tries > 1 else ""
                raise EndpointError(f"{method} {_short(url)} answered HTTP {exc.code} {exc.reason}{tried}{hint}"
                                    + (f": {detail}" if detail else ""), exc.code) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                if not last:
                    self.sleep(self.settings.backoff * 2 ** attempt)
                    continue
                reason = getattr(exc, "reason", None) or exc
                if isinstance(reason, (socket.timeout, TimeoutError)):
                    reason = f"no answer within {self.settings.timeout:g} s"
                raise EndpointError(f"{method} {_short(url)} failed after {tries} "
                                    f"{'try' if tries == 1 else 'tries'}: {reason}") from None
        raise AssertionError("unreachable")


def _snippet(body: bytes, size: int = 300) -> str:
    text = " ".join(body.decode("utf-8", "replace").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _short(url: str, size: int = 160) -> str:
    return url if len(url) <= size else url[: size - 1] + "…"


# -- where the store answers ----------------------------------------------------------------------

@dataclass(frozen=True)
class Endpoint:
    """The URLs of one store; `server` is oxigraph, virtuoso or other."""

    store: str  # what the state file records as "the store": the root URL, else the write URL
    server: str = "other"
    query_url: str | None = None
    update_url: str | None = None
    gsp_url: str | None = None

    @property
    def hosts(self) -> set[str]:
        return {urllib.parse.urlsplit(u).netloc for u in (self.query_url, self.update_url, self.gsp_url) if u}


def _layout(root: str, server: str, authenticated: bool) -> dict[str, str]:
    if server == "oxigraph":
        return {"query_url": f"{root}/query", "update_url": f"{root}/update", "gsp_url": f"{root}/store"}
    auth = "-auth" if authenticated else ""  # Virtuoso: anonymous writes are refused
    return {"query_url": f"{root}/sparql", "update_url": f"{root}/sparql{auth}",
            "gsp_url": f"{root}/sparql-graph-crud{auth}"}


def probe_server(root: str, http: Http) -> str:
    """Which server answers at `root`: oxigraph or virtuoso (by the Server header of an ASK)."""
    ask = urllib.parse.urlencode({"query": "ASK {}"})
    seen = []
    for path in ("/query", "/sparql"):
        try:
            reply = http.send("GET", f"{root}{path}?{ask}", headers={"Accept": "application/sparql-results+json"},
                              retry=False)
        except EndpointError as exc:
            if exc.status is None:  # nothing listens there at all: retrying the other path cannot help
                raise EndpointError(f"cannot tell which store is at {root}: {exc}") from None
            seen.append(f"{path}: HTTP {exc.status}")
            continue
        name = reply.headers.get("server", "").lower()
        for server in ("oxigraph", "virtuoso"):
            if name.startswith(server):
                return server
        seen.append(f"{path}: server {reply.headers.get('server', 'unnamed')!r}")
    raise EndpointError(f"cannot tell which store is at {root} ({'; '.join(seen)}); pass --server oxigraph|virtuoso, "
                        "or --query-url/--update-url/--gsp-url for another store")


def resolve(endpoint: str | None, server: str = "auto", http: Http | None = None, query_url: str | None = None,
            update_url: str | None = None, gsp_url: str | None = None, authenticated: bool = False) -> Endpoint:
    """The URLs to use: derived from a server root URL (Oxigraph or Virtuoso), explicit ones win."""
    if server not in SERVERS:
        raise KhabarError(f"unknown --server {server!r}; known: {', '.join(SERVERS)}")
    for name, url in (("--endpoint", endpoint), ("--query-url", query_url), ("--update-url", update_url),
                      ("--gsp-url", gsp_url)):
        if url and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise KhabarError(f"{name} must be an http(s) URL, not {url!r}")
    urls: dict[str, str] = {}
    kind = "other"
    if endpoint:
        root = endpoint.rstrip("/")
        kind = server
        if kind == "auto" and not (query_url and update_url and gsp_url):
            kind = probe_server(root, http or Http(urls=[root]))
        if kind != "auto":
            urls = _layout(root, kind, authenticated)
    explicit = {"query_url": query_url, "update_url": update_url, "gsp_url": gsp_url}
    urls.update({k: v for k, v in explicit.items() if v})
    if not urls:
        raise KhabarError("give --endpoint (a server root URL) or --query-url/--update-url/--gsp-url")
    store = (endpoint or "").rstrip("/") or urls.get("gsp_url") or urls.get("update_url") or urls["query_url"]
    return Endpoint(store, kind if kind != "auto" else "other", **urls)


# -- what is loaded: graphs, hashes, state --------------------------------------------------------

@dataclass
class Graph:
    iri: str
    triples: list
    source: str

    def ntriples(self) -> bytes:
        return serialize(self.triples, format=RdfFormat.N_TRIPLES)

    def digest(self, ntriples: bytes) -> str:
        """Of the sorted N-Triples lines: the same content in any order gives the same hash."""
        return hashlib.sha256(b"\n".join(sorted(ntriples.splitlines()))).hexdigest()


def read_graphs(path: str | Path) -> list[Graph]:
    """The named graphs of a dataset file, in the order they first appear; default-graph triples are
    an error (a triplestore load needs a graph name for every triple)."""
    path = Path(path)
    try:
        fmt = format_for(path=path).rdf_format
    except KhabarError as exc:
        raise InputError(str(exc)) from None
    if not fmt.supports_datasets:
        raise InputError(f"{path} is {fmt.name}, which has no named graphs; load N-Quads, TriG or JSON-LD "
                         "(khabar map ... -o FILE.nq)")
    groups: dict[str, list] = {}
    try:
        for q in parse(path=str(path), format=fmt):
            if isinstance(q.graph_name, DefaultGraph):
                raise InputError(f"{path} has triples in the default graph ({q.triple}); khabar loads named graphs only")
            groups.setdefault(q.graph_name.value, []).append(q.triple)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"cannot read {path} as RDF: {exc}") from None
    return [Graph(iri, triples, str(path)) for iri, triples in groups.items()]


class LoadState:
    """JSON Lines, one line per graph loaded: {"store", "graph", "sha256", "triples"}."""

    def __init__(self, path: str | Path, store: str):
        self.path, self.store = Path(path), store
        self.done: set[tuple[str, str]] = set()
        if self.path.exists():
            self._read()
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def _read(self) -> None:
        text = self.path.read_text(encoding="utf-8", errors="replace")
        lines = text.splitlines()
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not {"store", "graph", "sha256"} <= record.keys():
                    raise ValueError
            except ValueError:
                if i == len(lines) - 1 and not text.endswith("\n"):
                    break  # a line cut short by a crash: that graph is loaded again
                raise InputError(f"{self.path} line {i + 1} is not a khabar load state record "
                                 '({"store", "graph", "sha256", "triples"}); give another --state file') from None
            if record["store"] == self.store:
                self.done.add((record["graph"], record["sha256"]))

    def has(self, graph: str, digest: str) -> bool:
        return (graph, digest) in self.done

    def record(self, graph: str, digest: str, triples: int) -> None:
        line = json.dumps({"store": self.store, "graph": graph, "sha256": digest, "triples": triples},
                          ensure_ascii=False)
        with self.path.open("a+", encoding="utf-8") as handle:
            handle.seek(0, 2)
            if handle.tell():  # after a line cut short by a crash, start a new one
                handle.seek(handle.tell() - 1)
                if handle.read(1) != "\n":
                    handle.write("\n")
            handle.write(line + "\n")
        self.done.add((graph, digest))


# -- writers --------------------------------------------------------------------------------------

def _graph_param(url: str, graph: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode({'graph': graph})}"


class GspWriter:
    name = "gsp"

    def __init__(self, url: str, http: Http):
        self.url, self.http = url, http

    def write(self, graph: Graph, data: bytes, replace: bool) -> None:
        self.http.send("PUT" if replace else "POST", _graph_param(self.url, graph.iri), data,
                       {"Content-Type": "application/n-triples"})


class UpdateWriter:
    name = "update"

    def __init__(self, url: str, http: Http, batch_size: int = 1000):
        self.url, self.http, self.batch_size = url, http, batch_size

    def write(self, graph: Graph, data: bytes, replace: bool) -> None:
        lines = data.decode("utf-8").splitlines()
        g = "<" + graph.iri + ">"
        for start in range(0, len(lines), self.batch_size):
            body = "\n".join(lines[start:start + self.batch_size])
            update = f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
            if replace and start == 0:
                update = f"DROP SILENT GRAPH {g} ;\n{update}"
            self.http.send("POST", self.url, update.encode("utf-8"),
                           {"Content-Type": "application/sparql-update; charset=utf-8"})


# -- loading --------------------------------------------------------------------------------------

@dataclass
class EndpointLoad:
    store: str
    protocol: str = ""
    graphs: int = 0
    triples: int = 0
    skipped: int = 0
    seconds: float = 0.0
    files: list[str] = field(default_factory=list)

    def line(self) -> str:
        skipped = f"; skipped {self.skipped} already loaded with the same content" if self.skipped else ""
        how = f" by {'the Graph Store Protocol' if self.protocol == 'gsp' else 'SPARQL Update'}" if self.protocol else ""
        return (f"loaded {self.graphs} graph{'s' if self.graphs != 1 else ''} ({self.triples} triples) into "
                f"{self.store}{how} in {self.seconds:.2f} s{skipped}")


def load_graphs(paths: Iterable[str | Path], endpoint: Endpoint, http: Http, protocol: str = "auto",
                state: str | Path | None = None, add_only: Iterable[str] = (), batch_size: int = 1000) -> EndpointLoad:
    """Load the named graphs of dataset files into a remote store. Each graph is replaced (GSP PUT,
    or DROP + INSERT DATA), except those in `add_only` (the entities graph), whose triples are added.
    With `state`, graphs recorded there with the same content are skipped and each graph loaded is
    recorded, so a failed load can be run again and resumes."""
    if protocol not in PROTOCOLS:
        raise KhabarError(f"unknown --protocol {protocol!r}; known: {', '.join(PROTOCOLS)}")
    paths = [str(p) for p in paths]
    writers = _writers(endpoint, http, protocol, batch_size)
    log = LoadState(state, endpoint.store) if state else None
    add = set(add_only)
    summary = EndpointLoad(endpoint.store, files=paths)
    loaded: list[str] = []
    start = time.monotonic()
    for n, path in enumerate(paths):
        graphs = read_graphs(path)
        for i, graph in enumerate(graphs):
            data = graph.ntriples()
            digest = graph.digest(data)
            if log and log.has(graph.iri, digest):
                summary.skipped += 1
                continue
            try:
                summary.protocol = _write(writers, graph, data, graph.iri not in add)
            except EndpointError as exc:
                rest = [g.iri for g in graphs[i:]] + _graph_names(paths[n + 1:])
                raise LoadFailed(_failure(graph, exc, loaded, rest, state), loaded, rest, exc.status) from None
            if log:
                log.record(graph.iri, digest, len(graph.triples))
            loaded.append(graph.iri)
            summary.graphs += 1
            summary.triples += len(graph.triples)
    summary.seconds = time.monotonic() - start
    return summary


def _writers(endpoint: Endpoint, http: Http, protocol: str, batch_size: int) -> list:
    gsp = GspWriter(endpoint.gsp_url, http) if endpoint.gsp_url else None
    update = UpdateWriter(endpoint.update_url, http, batch_size) if endpoint.update_url else None
    if protocol == "gsp" and not gsp:
        raise KhabarError("--protocol gsp needs a Graph Store Protocol URL (--gsp-url, or --endpoint)")
    if protocol == "update" and not update:
        raise KhabarError("--protocol update needs a SPARQL Update URL (--update-url, or --endpoint)")
    if not (gsp or update):
        raise KhabarError("nowhere to load into: give --endpoint, --gsp-url or --update-url")
    if protocol == "gsp":
        return [gsp]
    if protocol == "update":
        return [update]
    return [w for w in (gsp, update) if w]


def _write(writers: list, graph: Graph, data: bytes, replace: bool) -> str:
    """Write with the first writer; in auto mode a store without GSP drops to SPARQL Update for good."""
    while True:
        writer = writers[0]
        try:
            writer.write(graph, data, replace)
            return writer.name
        except EndpointError as exc:
            if writer.name == "gsp" and len(writers) > 1 and exc.status in _UNSUPPORTED:
                writers.pop(0)
                continue
            raise


def _graph_names(paths: list[str]) -> list[str]:
    names: list[str] = []
    for path in paths:
        try:
            names += [g.iri for g in read_graphs(path)]
        except KhabarError:
            names.append(f"(every graph of {path})")
    return names


def _failure(graph: Graph, exc: EndpointError, loaded: list[str], rest: list[str], state) -> str:
    def listing(iris: list[str], limit: int = 20) -> str:
        shown = "".join(f"\n  {iri}" for iri in iris[:limit])
        return shown + (f"\n  ... and {len(iris) - limit} more" if len(iris) > limit else "")
    resume = (f"run the same command again to load the rest (--state {state} skips what is loaded)" if state
              else "add --state FILE to record what is loaded, so that a rerun skips it")
    return (f"cannot load graph <{graph.iri}> from {graph.source}: {exc}\n"
            f"loaded in this run: {len(loaded)} graph{'s' if len(loaded) != 1 else ''}{listing(loaded)}\n"
            f"not loaded: {len(rest)} graph{'s' if len(rest) != 1 else ''}{listing(rest)}\n{resume}")
