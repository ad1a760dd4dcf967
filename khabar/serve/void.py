"""/.well-known/void: a VoID + DCAT description of the dataset, built from the store's statistics."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from khabar.rdf.vocab import DIP_NS, RDF_NS, XSD_NS
from khabar.serve.data import Data
from khabar.html.labels import ontology_labels
from khabar.serve.html import page

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
WIKIDATA = "http://www.wikidata.org/entity/"
VOID_PREFIXES = {"void": VOID, "dcat": DCAT, "dcterms": DCT, "xsd": XSD_NS, "dip": DIP_NS, "foaf": FOAF,
                 "owl": "http://www.w3.org/2002/07/owl#"}


def checked_licence(iri: str) -> str:
    """A licence IRI as given to `khabar serve --license`; ValueError unless it is an absolute http(s)
    IRI (it becomes a link on every page: javascript: or data: is no licence)."""
    try:
        value = NamedNode(iri.strip()).value
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError(value)
        return value
    except ValueError:
        raise ValueError(f"--license must be an IRI (http or https), such as https://creativecommons.org/licenses/by/4.0/ "
                         f"(got {iri!r})") from None


def void_triples(data: Data, root: str) -> list[Triple]:
    """The description; `root` is this server's URL (http://host:port), for the endpoint and the dump."""
    stats = data.stats()
    ds = NamedNode(root + "/.well-known/void#dataset")
    wd = NamedNode(root + "/.well-known/void#wikidata")
    links = NamedNode(root + "/.well-known/void#wikidata-links")
    dump = NamedNode(root + "/dump.nq")
    sparql = NamedNode(root + "/sparql")
    service = NamedNode(root + "/.well-known/void#sparql-service")
    out: list[Triple] = []

    def add(s, p, o):
        out.append(Triple(s, NamedNode(p), o))

    def num(n: int) -> Literal:
        return Literal(str(n), datatype=NamedNode(XSD_NS + "integer"))

    add(ds, RDF_NS + "type", NamedNode(VOID + "Dataset"))
    add(ds, RDF_NS + "type", NamedNode(DCAT + "Dataset"))
    add(ds, DCT + "title", Literal("khabar: diplomacy in Arabic news", language="en"))
    add(ds, DCT + "title", Literal("خبر: الدبلوماسية في الأخبار العربية", language="ar"))
    add(ds, DCT + "description", Literal("Who met, called or visited whom and when, and who said what, as reported "
                                         "in Arabic news articles; linked to Wikidata.", language="en"))
    if data.licence:  # only the licence the publisher stated (khabar serve --license): news text is not khabar's to license
        add(ds, DCT + "license", NamedNode(data.licence))
    add(ds, VOID + "uriSpace", Literal(data.base))
    add(ds, VOID + "vocabulary", NamedNode("https://w3id.org/khabar/ontology"))
    add(ds, VOID + "triples", num(stats["triples"]))
    add(ds, VOID + "entities", num(stats["entities"]))
    add(ds, VOID + "classes", num(len(stats["classes"])))
    add(ds, VOID + "sparqlEndpoint", sparql)
    add(ds, VOID + "dataDump", dump)
    add(ds, VOID + "rootResource", NamedNode(root + "/"))
    for example in stats["examples"]:
        add(ds, VOID + "exampleResource", NamedNode(example))
    for i, (cls, n) in enumerate(stats["classes"]):
        part = NamedNode(f"{root}/.well-known/void#class-{i}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", NamedNode(cls))
        add(part, VOID + "entities", num(n))
    dist = NamedNode(root + "/.well-known/void#dump")
    add(ds, DCAT + "distribution", dist)
    add(dist, RDF_NS + "type", NamedNode(DCAT + "Distribution"))
    add(dist, DCAT + "downloadURL", dump)
    add(dist, DCAT + "mediaType", Literal("application/n-quads"))
    if data.licence:
        add(dist, DCT + "license", NamedNode(data.licence))
    add(service, RDF_NS + "type", NamedNode(DCAT + "DataService"))
    add(service, DCAT + "endpointURL", sparql)
    add(service, DCAT + "servesDataset", ds)
    add(wd, RDF_NS + "type", NamedNode(VOID + "Dataset"))
    add(wd, FOAF + "homepage", NamedNode("https://www.wikidata.org/"))
    add(wd, VOID + "uriSpace", Literal(WIKIDATA))
    add(ds, VOID + "subset", links)
    add(links, RDF_NS + "type", NamedNode(VOID + "Linkset"))
    add(links, VOID + "subjectsTarget", ds)
    add(links, VOID + "objectsTarget", wd)
    add(links, VOID + "linkPredicate", NamedNode("http://www.w3.org/2002/07/owl#sameAs"))
    add(links, VOID + "triples", num(stats["sameas"]))
    return out


def void_html(data: Data, root: str) -> bytes:
    labels = ontology_labels()
    return page("void.html", "وصف مجموعة البيانات", data, labels, "void", {"text/turtle": "/.well-known/void.ttl"},
                stats=data.stats(), root=root, base=data.base, class_name=labels.term)
