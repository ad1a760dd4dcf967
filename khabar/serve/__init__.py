"""khabar serve: the graph as Linked Data over HTTP (standard library http.server, read-only).

- /sparql        SPARQL 1.1 Protocol (query only; checked in policy.py), run in sandboxed worker processes
                 (sandbox.py) within the limits of limits.py: time, rows, bytes, memory, per client
- /id/PATH       every IRI under the base: 303 See Other to /id/PATH.{ttl,nt,jsonld,html} by Accept
- /query         an HTML query form (works without JavaScript)
- /.well-known/void, /dump.nq, /ontology, /
"""
from khabar.serve.app import ServeConfig, make_server
from khabar.serve.void import checked_licence

__all__ = ["ServeConfig", "checked_licence", "make_server"]
