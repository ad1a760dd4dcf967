"""khabar: Arabic diplomacy news -> a validated RDF knowledge graph.

The public API (the CLI is a thin layer over it)::

    from khabar import read_inputs, extract, map_stream, RunSettings, IriScheme
    from khabar import map_articles, KnowledgeGraph      # map, then read back plain rows and tables

Each name is imported from its module when first asked for, so that importing one part of khabar
(the server, a query worker) does not load the others (the run engine, the SHACL engines, rdflib).
`extract` is imported at once: it is also the name of the subpackage khabar.extract, and the
function must be what `khabar.extract` names.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

from khabar import compiled  # noqa: E402

compiled.install()  # before the modules it compiles are imported: an extension runs only while it is current

from khabar.extract import extract  # noqa: E402

_API = {"khabar.model": ("Article", "Extraction", "Failure"), "khabar.rdf": ("DEFAULT_BASE", "IriScheme"),
       "khabar.read": ("read_inputs",),
       "khabar.run": ("MappedArticle", "MapStream", "RunCounts", "RunSettings", "map_stream"),
       "khabar.graph": ("ArticleRow", "EntityRow", "EventRow", "KnowledgeGraph", "MentionRow", "StatementRow"),
       "khabar.api": ("map_articles",)}
_MODULE_OF = {name: module for module, names in _API.items() for name in names}

__all__ = ["__version__", "extract", *_MODULE_OF]


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'khabar' has no attribute {name!r}")
    found = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))
