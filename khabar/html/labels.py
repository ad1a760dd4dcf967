"""Arabic names of the ontology's terms, read from ontology/khabar.ttl (not written out in code).

A class or property is named by its rdfs:label, a concept (an event type, a speech act) by its
skos:prefLabel: in Arabic, else in English, else the IRI's last segment.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from khabar.rdf.vocab import DIP_NS
from khabar.resources import ontology_path

ONTOLOGY = DIP_NS.rstrip("#")
STATEMENT_KINDS = {"direct": "DirectQuote", "reported": "ReportedSpeech"}
CONCEPT_SCHEMES = (ONTOLOGY + "/event-type/", ONTOLOGY + "/speech-act/")
_LABELS = """SELECT ?term ?label WHERE {
  { ?term <http://www.w3.org/2000/01/rdf-schema#label> ?label } UNION
  { ?term <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }
  FILTER(isIRI(?term) && lang(?label) IN ("ar", "en")) } ORDER BY ?term lang(?label) ?label"""


def local_name(iri: str) -> str:
    """The last segment of an IRI (after '#' or '/')."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Labels:
    """IRI -> its name (Arabic where the ontology gives one)."""

    names: dict

    @classmethod
    def read(cls, path: str | Path) -> "Labels":
        """The labels of the ontology in the Turtle file `path`."""
        from pyoxigraph import RdfFormat, Store

        store = Store()
        store.bulk_load(path=str(path), format=RdfFormat.TURTLE)
        names: dict[str, str] = {}
        for row in store.query(_LABELS):  # "ar" sorts before "en": the Arabic label comes first
            names.setdefault(row["term"].value, row["label"].value)
        return cls(names)

    def term(self, iri: str | None) -> str:
        """The name of any IRI: its label, else its last segment ('' for none)."""
        if not iri:
            return ""
        return self.names.get(iri) or local_name(iri)

    def cls(self, name: str | None, default: str = "") -> str:
        """The name of a khabar class given by its local name (Person -> شخص); `default` for none."""
        return self.term(DIP_NS + name) if name else default

    def statement_kind(self, kind: str | None) -> str:
        """The name of a kind of statement (direct -> اقتباس مباشر) or of the class Statement."""
        return self.cls(STATEMENT_KINDS.get(kind or "", "Statement"))

    def concept(self, key: str | None) -> str:
        """The name of an event type or speech act, by IRI or by its key (Meeting -> لقاء)."""
        if not key:
            return ""
        if "/" in key:
            return self.term(key)
        for scheme in CONCEPT_SCHEMES:
            if scheme + key in self.names:
                return self.names[scheme + key]
        return key


@cache
def ontology_labels(path: Path | None = None) -> Labels:
    """The labels of khabar's own ontology (or of the ontology file `path`), read once."""
    return Labels.read(path or ontology_path())
