"""khabar serve: the graph as Linked Data over HTTP, read-only: an ASGI application (Starlette) that
`khabar serve` runs under uvicorn and any ASGI server can run (`create_app`).

- /sparql        SPARQL 1.1 Protocol (query only; checked in policy.py), run in sandboxed worker processes
                 (sandbox.py) within the limits of limits.py: time, rows, bytes, memory, per client
- /id/PATH       every IRI under the base: 303 See Other to /id/PATH.{ttl,nt,jsonld,html} by Accept
- /query         an HTML query form (works without JavaScript)
- /.well-known/void, /dump.nq, /ontology, /

The web layers (asgi.py, server.py) are imported when first asked for, so that a query worker
(python -m khabar.serve.worker_process) does not load them.
"""
from khabar.serve.app import ServeConfig
from khabar.serve.void import checked_licence

__all__ = ["Server", "ServeConfig", "checked_licence", "create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from khabar.serve.asgi import create_app

        return create_app
    if name == "Server":
        from khabar.serve.server import Server

        return Server
    raise AttributeError(f"module 'khabar.serve' has no attribute {name!r}")
