"""Validate RDF against shapes/khabar.ttl with pyshacl and report violations in plain words."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import rdflib
from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode as OxNamedNode
from pyoxigraph import Quad
from rdflib.namespace import RDF, SH

from khabar.resources import shapes_path
from khabar.validate.violation import Graph, Violation  # noqa: F401 - Graph: named here too


@cache
def load_shapes(path: str | None = None) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(str(Path(path) if path else shapes_path()), format="turtle")
    return graph


def _term(node):
    if isinstance(node, OxNamedNode):
        return rdflib.URIRef(node.value)
    if isinstance(node, OxLiteral):
        if node.language:
            return rdflib.Literal(node.value, lang=node.language)
        return rdflib.Literal(node.value, datatype=rdflib.URIRef(node.datatype.value))
    return rdflib.BNode(node.value)


def quads_to_graph(quads: Iterable[Quad]) -> rdflib.Graph:
    """Merge quads into one rdflib graph (validation looks at all graphs together)."""
    graph = rdflib.Graph()
    for q in quads:
        graph.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return graph


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph | None = None) -> list[Violation]:
    from pyshacl import validate

    conforms, report, _text = validate(data, shacl_graph=shapes if shapes is not None else load_shapes(),
                                       inference="none", advanced=False, allow_warnings=True)
    if conforms:
        return []
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        def one(pred):
            value = report.value(result, pred)
            return None if value is None else str(value)
        severity = one(SH.resultSeverity) or ""
        violations.append(Violation(
            focus=one(SH.focusNode) or "?", path=one(SH.resultPath),
            message=one(SH.resultMessage) or "does not conform", value=one(SH.value),
            severity=severity.rsplit("#", 1)[-1] or "Violation"))
    return sorted(violations, key=lambda v: (v.focus, v.path or "", v.message))


def validate_quads(quads: Iterable[Quad], shapes: rdflib.Graph | None = None) -> list[Violation]:
    return validate_graph(quads_to_graph(quads), shapes)
