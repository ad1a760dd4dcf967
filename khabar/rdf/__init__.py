"""The only place that turns the extraction model into RDF (N-Quads text, pyoxigraph quads)."""
from khabar.rdf.iris import DEFAULT_BASE, IriScheme
from khabar.rdf.quads import (article_graph, article_nquads, article_quads, entity_descriptions, entity_lines,
                              entity_nquads, entity_quads, event_iris, read_nquads)

__all__ = ["DEFAULT_BASE", "IriScheme", "article_graph", "article_nquads", "article_quads", "entity_descriptions",
           "entity_lines", "entity_nquads", "event_iris", "entity_quads", "read_nquads"]
