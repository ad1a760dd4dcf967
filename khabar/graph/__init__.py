"""The read side: the knowledge graph as plain Python rows and tables, SPARQL on a local store or a
remote endpoint, and the formats an answer is written in.

- :mod:`khabar.graph.knowledge`: :class:`KnowledgeGraph`, its rows and its public ``select``
- :mod:`khabar.graph.rows`: the row types (entities, events, statements, articles, mentions)
- :mod:`khabar.graph.query`: SPARQL on a pyoxigraph store; :mod:`khabar.graph.remote`: on an endpoint
- :mod:`khabar.graph.results`: the one registry of result formats (CLI, /sparql, pages) and ``render``
- :mod:`khabar.graph.tables`: the flat tables (CSV, Parquet, pandas)
"""
from khabar.graph.knowledge import KnowledgeGraph
from khabar.graph.query import QueryResult, answer, run_query
from khabar.graph.rows import ArticleRow, EntityRow, EventRow, MentionRow, StatementRow, newspaper_of

__all__ = ["ArticleRow", "EntityRow", "EventRow", "KnowledgeGraph", "MentionRow", "QueryResult", "StatementRow",
           "answer", "newspaper_of", "run_query"]
