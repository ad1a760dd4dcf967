"""`khabar serve`: the ASGI application (khabar.serve.asgi) run by uvicorn on a socket bound here, so
that port 0 gives a free port and the address is known (and printed) before the first request.

uvicorn serves every connection on one event loop: an idle or slow client costs a socket and a little
memory, not a thread. A client has REQUEST_SECONDS to send its request line and headers, then the
connection is closed. SIGTERM and Ctrl-C stop it cleanly: the query workers and their files go too.
"""
from __future__ import annotations

import ctypes
import logging
import os
import resource
import socket
import sys
import threading

import anyio
import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from khabar.serve.app import ServeConfig
from khabar.serve.asgi import create_app

REQUEST_SECONDS = 30      # time a client may take to send its request line and headers
SHUTDOWN_SECONDS = 3      # at a stop, time given to the answers under way before the connections are closed
OPEN_FILES = 1 << 16      # the soft limit on open files raised to this (at most the hard limit): one per connection
MALLOC_ARENAS = 2         # glibc malloc arenas the server's threads share (MALLOC_ARENA_MAX, unless the environment sets it)
M_ARENA_MAX = -8          # glibc's mallopt parameter (malloc.h)


class _Protocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol (httptools, a C parser), closing a connection whose request has not come whole within
    REQUEST_SECONDS (a slow or half-open client), as it closes an idle kept-alive one."""

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._request_timer = None
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()  # a timer holds the connection: let it go with it
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._request_timer = self.loop.call_later(REQUEST_SECONDS, self._request_overdue, self.cycle)

    def _disarm(self) -> None:
        if self._request_timer is not None:
            self._request_timer.cancel()
            self._request_timer = None

    def _request_overdue(self, cycle) -> None:
        if self.cycle is cycle and not self.transport.is_closing():  # no (new) request came whole since
            self.transport.close()


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, that at a stop first turns the queries away: those waiting and running are
    answered 503 at once (their workers stopped), not left to the end of the grace period."""

    def __init__(self, app, config: uvicorn.Config):
        super().__init__(config)
        self.khabar = app

    async def shutdown(self, sockets=None) -> None:
        await anyio.to_thread.run_sync(self.khabar.close)
        await super().shutdown(sockets)


def bind(host: str, port: int, backlog: int) -> socket.socket:
    """A listening TCP socket (port 0: any free port); OSError when the address cannot be had.

    Made with its protocol named (IPPROTO_TCP), as asyncio's own servers make theirs: asyncio turns off
    Nagle's algorithm (TCP_NODELAY) only on connections of such a socket. Without it, an answer's body,
    written after its headers, waited on a kept-alive connection for the client's delayed ACK (40 ms)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(backlog)
    except BaseException:
        sock.close()
        raise
    return sock


def raise_open_files_limit(wanted: int = OPEN_FILES) -> int:
    """Raise this process's soft limit on open files towards `wanted` (never past the hard limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Have glibc's malloc share `arenas` arenas among all threads, as MALLOC_ARENA_MAX does (unless the
    environment sets that). By default a thread that allocates may get an arena of its own, up to 8 a
    core, each keeping what was freed in it: the server's threads (store reads, queries waiting for a
    worker) held about 5 MiB more at a peak that way, for no speed. True when set; False off glibc."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    return mallopt(M_ARENA_MAX, arenas) == 1


class Server:
    """The application under uvicorn on its own socket: `serve_forever()` (in any thread; in the main
    thread SIGINT and SIGTERM stop it), `shutdown()` from another thread, then `server_close()`."""

    def __init__(self, config: ServeConfig, store=None):
        from khabar.stores import open_source

        limit_malloc_arenas()  # before the threads: the store's, the store reads' and the queries' waits
        if store is None:
            store = open_source(config.source)
        raise_open_files_limit()
        self.socket = bind(config.host, config.port, config.backlog)
        if config.log:  # the address first (a warning about the data may follow)
            print(f"khabar: serving {config.source} at {self.url}/ (SPARQL at {self.url}/sparql)", file=sys.stderr)
        try:
            self.asgi = create_app(config=config, opened=store)
        except BaseException:
            self.socket.close()
            raise
        self.app = self.asgi.state.khabar
        self.uvicorn = _Uvicorn(self.app, uvicorn.Config(
            self.asgi, http=_Protocol, lifespan="on", backlog=config.backlog, server_header=False,
            proxy_headers=False,  # a client is its own address: a header from the client names no one
            log_config=None, access_log=config.log, timeout_graceful_shutdown=SHUTDOWN_SECONDS))
        self._stopped = threading.Event()
        if config.log:
            access = logging.getLogger("uvicorn.access")
            if not access.handlers:
                access.addHandler(logging.StreamHandler(sys.stderr))
            access.setLevel(logging.INFO)
            access.propagate = False

    @property
    def server_address(self) -> tuple:
        return self.socket.getsockname()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host if ':' not in host else f'[{host}]'}:{port}"

    def serve_forever(self) -> None:
        try:
            self.uvicorn.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self, wait: float = 10) -> None:
        self.uvicorn.should_exit = True
        self._stopped.wait(wait)

    def server_close(self) -> None:
        self.socket.close()
        self.app.close()
