"""The only place that turns the extraction model into RDF quads (pyoxigraph terms)."""
from khabar.rdf.iris import DEFAULT_BASE, IriScheme
from khabar.rdf.quads import article_quads, entity_quads

__all__ = ["DEFAULT_BASE", "IriScheme", "article_quads", "entity_quads"]
