"""khabar: Arabic diplomacy news -> a validated RDF knowledge graph.

The public API (the CLI is a thin layer over it)::

    from khabar import read_inputs, extract, map_stream, RunSettings, IriScheme
    from khabar import map_articles, KnowledgeGraph      # map, then read back plain rows and tables
"""
__version__ = "0.1.0"

from khabar.extract import extract  # noqa: E402
from khabar.model import Article, Extraction, Failure  # noqa: E402
from khabar.rdf import DEFAULT_BASE, IriScheme  # noqa: E402
from khabar.read import read_inputs  # noqa: E402
from khabar.run import MappedArticle, MapStream, RunCounts, RunSettings, map_stream  # noqa: E402
from khabar.graph import ArticleRow, EntityRow, EventRow, KnowledgeGraph, MentionRow, StatementRow  # noqa: E402
from khabar.api import map_articles  # noqa: E402

__all__ = ["Article", "DEFAULT_BASE", "Extraction", "Failure", "IriScheme", "MapStream", "MappedArticle",
           "RunCounts", "RunSettings", "__version__", "extract", "map_stream", "read_inputs",
           "ArticleRow", "EntityRow", "EventRow", "KnowledgeGraph", "MentionRow", "StatementRow", "map_articles"]
