"""What the pages and descriptions need from the store, read in the server process.

Every query here is khabar's own, with the resource written into it as a checked N-Triples term and a LIMIT, so these need no worker. IRIs under the base map to local paths under /id/.
"""
from __future__ import annotations

import re
import threading
from functools import cached_property, lru_cache

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, Triple

from khabar.rdf.vocab import DIP_NS, PREFIXES, RDF_TYPE
from khabar.resources import ontology_path

PROLOGUE = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + \
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
ARTICLE = NamedNode(DIP_NS + "Article")
LABEL_PREDICATES = (NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                    NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"))
NAMES = 4096  # labels and article titles kept per store (a page names up to a few hundred)


def value(term) -> str:
    return "" if term is None else term.value


def labels_of(store: Store, iri: str) -> list:
    """The rdfs:label and skos:prefLabel objects of `iri` in `store`."""
    return [q.object for p in LABEL_PREDICATES for q in store.quads_for_pattern(NamedNode(iri), p, None, None)]


class Data:
    """The store (read-only) and the ontology, with the lookups the routes need."""

    def __init__(self, store: Store, base: str, licence: str | None = None):
        self.store = store
        self.base = base
        self.licence = licence  # the data's licence (an IRI), as the publisher stated it; None: not stated
        self._lock = threading.Lock()
        self._stats: dict | None = None
        # the store is read-only (a reload makes a new Data): each name is looked up once, not once a link
        self.label = lru_cache(NAMES)(self.label)
        self.article_title = lru_cache(NAMES)(self.article_title)

    # -- generic ----------------------------------------------------------------------------------
    def select(self, query: str, limit: int | None = None, store: Store | None = None, **bindings) -> list[dict]:
        """Run one of khabar's own queries; each ?name in `bindings` is replaced by the term (an IRI string
        or a term) in its N-Triples form, which pyoxigraph has already checked, so nothing can break out."""
        for name, term in bindings.items():
            term = term if isinstance(term, (NamedNode, Literal)) else NamedNode(term)
            query = re.sub(rf"\?{name}(?!\w)", lambda _: str(term), query)
        text = PROLOGUE + query + (f"\nLIMIT {int(limit)}" if limit else "")
        result = (store or self.store).query(text, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return [{n: s[n] for n in names} for s in result]

    def describe(self, iri: str, limit: int) -> tuple[list[Triple], bool]:
        """The triples with `iri` as subject in any graph (duplicates across graphs once), at most `limit`."""
        seen: dict[Triple, None] = {}
        for q in self.store.quads_for_pattern(NamedNode(iri), None, None, None):
            seen.setdefault(Triple(q.subject, q.predicate, q.object))
            if len(seen) > limit:
                return sorted(list(seen)[:limit], key=str), True
        return sorted(seen, key=str), False

    def graph_triples(self, iri: str, limit: int) -> tuple[list[Triple], bool]:
        out = []
        for q in self.store.quads_for_pattern(None, None, None, NamedNode(iri)):
            if len(out) >= limit:
                return out, True
            out.append(Triple(q.subject, q.predicate, q.object))
        return sorted(out, key=str), False

    def has_subject(self, iri: str) -> bool:
        return next(iter(self.store.quads_for_pattern(NamedNode(iri), None, None, None)), None) is not None

    def is_graph(self, iri: str) -> bool:
        return next(iter(self.store.quads_for_pattern(None, None, None, NamedNode(iri))), None) is not None

    def types(self, iri: str) -> set[str]:
        return {q.object.value for q in self.store.quads_for_pattern(NamedNode(iri), RDF_TYPE, None, None)}

    def objects(self, iri: str, predicate: str) -> list:
        seen = {q.object: None for q in self.store.quads_for_pattern(NamedNode(iri), NamedNode(predicate), None, None)}
        return list(seen)

    def first(self, iri: str, predicate: str):
        found = self.objects(iri, predicate)
        return found[0] if found else None

    # -- labels -----------------------------------------------------------------------------------
    def label(self, iri: str, lang: str = "ar") -> str:
        """An rdfs:label or skos:prefLabel in `lang` (else any), from the store, else from the ontology."""
        labels = labels_of(self.store, iri) or labels_of(self.ontology, iri)
        for lab in labels:
            if isinstance(lab, Literal) and lab.language == lang:
                return lab.value
        return labels[0].value if labels else ""

    def name(self, iri: str) -> str:
        """The Arabic label (else any label), else the IRI's last segment."""
        return self.label(iri) or iri.rsplit("/", 1)[-1]

    def article_text(self, article: str) -> str:
        return value(self.first(article, DIP_NS + "articleText"))

    def article_title(self, article: str, size: int = 120) -> str:
        """dip:title, else the text's first line (the headline in most inputs), else the article's slug."""
        title = value(self.first(article, DIP_NS + "title"))
        if not title:
            title = next((line.strip() for line in self.article_text(article).splitlines() if line.strip()), "")
        if not title:
            return article.rsplit("/", 1)[-1]
        return title if len(title) <= size else title[: size - 1] + "…"

    def article_graph(self, article: str) -> NamedNode | None:
        for q in self.store.quads_for_pattern(NamedNode(article), RDF_TYPE, ARTICLE, None):
            return q.graph_name
        return None

    def article_texts(self) -> int:
        """How many articles the store holds the full text of (dip:articleText)."""
        return int(self.select("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a dip:articleText ?t }")[0]["n"].value)

    # -- dataset statistics (the store is read-only: computed once) --------------------------------
    def stats(self) -> dict:
        with self._lock:
            if self._stats is None:
                self._stats = self._compute_stats()
            return self._stats

    def _compute_stats(self) -> dict:
        def count(where: str) -> int:
            rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
            return int(rows[0]["n"].value)
        base = Literal(self.base)
        classes = self.select("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } "
                              "GROUP BY ?class ORDER BY DESC(?n) ?class")
        return {
            "quads": count("GRAPH ?g { ?s ?p ?o }"),
            "triples": count("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"),
            "entities": int(self.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
                                        "FILTER(STRSTARTS(STR(?s), ?base)) }", base=base)[0]["n"].value),
            "graphs": count("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"),
            "sameas": count("SELECT DISTINCT ?s ?o WHERE { ?s owl:sameAs ?o "
                            "FILTER(STRSTARTS(STR(?o), \"http://www.wikidata.org/entity/\")) }"),
            "classes": [(r["class"].value, int(r["n"].value)) for r in classes],
            "examples": [r["s"].value for r in self.select(
                "SELECT ?s WHERE { { SELECT ?s WHERE { ?s a dip:Person ; owl:sameAs ?w } ORDER BY ?s LIMIT 1 } UNION "
                "{ SELECT ?s WHERE { ?s a dip:Article } ORDER BY ?s LIMIT 1 } UNION "
                "{ SELECT ?s WHERE { ?s a dip:Event } ORDER BY ?s LIMIT 1 } UNION "
                "{ SELECT ?s WHERE { ?s a dip:Statement } ORDER BY ?s LIMIT 1 } }")],
        }

    @cached_property
    def ontology(self) -> Store:
        """khabar's ontology, read when first needed: for a label the store lacks (a store made by
        `khabar load` holds the ontology) or for the ontology's page."""
        ontology = Store()
        ontology.bulk_load(path=str(ontology_path()), format=RdfFormat.TURTLE)
        return ontology

    @cached_property
    def ontology_quads(self) -> list[Quad]:
        return list(self.ontology)
