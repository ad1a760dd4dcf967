"""A fast SHACL validator for the SHACL Core features khabar's shapes use, compiled once from the
shapes graph into Python checks over pyoxigraph quads. pyshacl stays the reference: the tests prove
both give the same violations on a suite of good and bad graphs, and shapes that use a feature this
engine does not know are refused (UnsupportedShapes), so the caller falls back to pyshacl.

Supported: sh:targetClass (with rdfs:subClassOf found in the data), property shapes with an IRI
sh:path and sh:minCount, sh:maxCount, sh:datatype, sh:class, sh:languageIn, sh:hasValue, sh:in,
sh:lessThan, sh:minInclusive, sh:or (of shapes with those constraints), sh:qualifiedValueShape with
sh:qualifiedMinCount / sh:qualifiedMaxCount; node-level sh:xone of such shapes; sh:message.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import rdflib
from pyoxigraph import NamedNode, Quad
from rdflib.namespace import RDF, RDFS, SH

from khabar.validate.lines import triples
from khabar.validate.shacl import Graph, Violation, load_shapes

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
STRING = XSD + "string"
DATED = (XSD + "date", XSD + "dateTime")  # datatypes whose lexical form must also name a real day
KNOWN_SHAPE_KEYS = {RDF.type, RDFS.label, RDFS.comment, SH.targetClass, SH.property, SH.xone, SH.message,
                    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.languageIn, SH.hasValue,
                    SH["in"], SH.lessThan, SH["or"], SH.minInclusive, SH.qualifiedValueShape, SH.qualifiedMinCount,
                    SH.qualifiedMaxCount, SH.name, SH.description}


class UnsupportedShapes(ValueError):
    """The shapes use a SHACL feature this engine does not implement."""


class Data:
    """The data graph as a subject -> predicate -> objects index (only the predicates the shapes
    look at), with the class hierarchy it holds. Subjects and predicates are plain IRIs (a blank node:
    _:id); objects are terms in N-Triples syntax (<iri>, "lexical"@lang, "lexical"^^<datatype>, _:id).

    The graph is pyoxigraph quads or N-Quads text as khabar writes it (every line in a named graph):
    the text is read line by line here, with no term objects made."""

    def __init__(self, graph: Graph, wanted: frozenset[str] | None = None):
        self.out: dict[str, dict[str, list]] = {}
        self.types: dict[str, set[str]] = {}  # node -> its classes
        self.members: dict[str, set[str]] = {}  # class -> its nodes
        self.subclass: dict[str, set[str]] = {}
        self._supers: dict[str, frozenset[str]] = {}
        out = self.out
        for s, p, o in (_lines(graph, wanted) if isinstance(graph, bytes) else _triples(graph, wanted)):
            by_predicate = out.get(s)
            if by_predicate is None:
                by_predicate = out[s] = {}
            values = by_predicate.get(p)
            if values is None:
                by_predicate[p] = [o]
            elif o in values:
                continue  # the same triple in two graphs counts once
            else:
                values.append(o)
            if p == RDF_TYPE and o[0] == "<":
                self.types.setdefault(s, set()).add(o[1:-1])
                self.members.setdefault(o[1:-1], set()).add(s)
            elif p == SUBCLASS and o[0] == "<":
                self.subclass.setdefault(s, set()).add(o[1:-1])

    def objects(self, node: str, path: str) -> list:
        return self.out.get(node, {}).get(path, [])

    def superclasses(self, cls: str) -> frozenset[str]:
        found = self._supers.get(cls)
        if found is None:
            seen, todo = {cls}, [cls]
            while todo:
                for sup in self.subclass.get(todo.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            found = self._supers[cls] = frozenset(seen)
        return found

    def instances(self, cls: str) -> set[str]:
        """The nodes of a class (or of one of its subclasses, as the data declares them)."""
        if not self.subclass:
            return self.members.get(cls, set())
        return {n for n in self.types if self.instance_of(n, cls)}

    def instance_of(self, node: str, cls: str) -> bool:
        types = self.types.get(node, ())
        if not self.subclass:
            return cls in types
        for t in types:
            if cls in self.superclasses(t):
                return True
        return False


def _triples(quads: Iterable[Quad], wanted: frozenset[str] | None) -> Iterator[tuple[str, str, str]]:
    """(subject, predicate, object) of the quads whose predicate is wanted (None: all)."""
    for q in quads:
        p = q.predicate.value
        if wanted is None or p in wanted:
            subject = q.subject
            yield (subject.value if isinstance(subject, NamedNode) else str(subject)), p, str(q.object)


def _lines(nquads: bytes, wanted: frozenset[str] | None) -> list[tuple[str, str, str]]:
    """The same from N-Quads text as khabar writes it: one quad a line, every one in a named graph
    (the object runs up to the line's last " <": an IRI holds no space). Read as bytes in one compiled
    pass (khabar/validate/lines.pyx); only the wanted lines are decoded (the article's text never is)."""
    return triples(nquads, _predicate_bytes(wanted) if wanted is not None else None)


@cache
def _predicate_bytes(wanted: frozenset[str]) -> dict[bytes, str]:
    return {f"<{p}>".encode("utf-8"): p for p in wanted}


_ESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf"\'\\])')
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(lexical: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), lexical)


def _literal(term: str) -> tuple[str, str, str | None] | None:
    """A literal's (lexical form, datatype, language); None for an IRI or blank node."""
    if term[0] != '"':
        return None
    end = term.rindex('"')
    lexical, tail = term[1:end], term[end + 1:]
    if "\\" in lexical:
        lexical = _unescape(lexical)
    if tail[:1] == "@":
        return lexical, LANG_STRING, tail[1:]
    return lexical, (tail[3:-1] if tail[:3] == "^^<" else STRING), None


def _term_str(term: str) -> str:
    """An IRI or a literal's lexical form, as violations show values."""
    if term[0] == "<":
        return term[1:-1]
    parts = _literal(term)
    return term if parts is None else parts[0]


_NOTHING: dict = {}

# A value check: (data, value) -> ok?
ValueCheck = Callable[[Data, object], bool]


class PropertyCheck:
    # compiled, its fields are the object's own (fast.pxd): read for each node and property
    def __init__(self, path: str, message: str, min_count: int | None = None, max_count: int | None = None,
                 value_checks: tuple[ValueCheck, ...] = (), has_value: str | None = None, less_than: str | None = None,
                 qualified: ValueCheck | None = None, qualified_min: int | None = None,
                 qualified_max: int | None = None) -> None:
        self.path, self.message = path, message
        self.min_count, self.max_count = min_count, max_count
        self.value_checks = value_checks
        self.has_value = has_value  # an IRI in N-Triples syntax
        self.less_than = less_than
        self.qualified, self.qualified_min, self.qualified_max = qualified, qualified_min, qualified_max

    def run(self, data: Data, focus: str, out: list[Violation]) -> None:
        values = data.out.get(focus, _NOTHING).get(self.path, ())
        if self.min_count is not None and len(values) < self.min_count:
            self.bad(focus, out)
        if self.max_count is not None and len(values) > self.max_count:
            self.bad(focus, out)
        if self.value_checks:
            for value in values:
                for check in self.value_checks:
                    if not check(data, value):
                        self.bad(focus, out, value)
        if self.has_value is not None and self.has_value not in values:
            self.bad(focus, out)
        if self.less_than is not None:
            others = data.objects(focus, self.less_than)
            for v in values:
                for o in others:
                    if not _less(v, o):
                        self.bad(focus, out, v)
        if self.qualified is not None:
            n = 0
            for v in values:
                if self.qualified(data, v):
                    n += 1
            if self.qualified_min is not None and n < self.qualified_min:
                self.bad(focus, out)
            if self.qualified_max is not None and n > self.qualified_max:
                self.bad(focus, out)

    def bad(self, focus: str, out: list[Violation], value=None) -> None:
        out.append(Violation(focus, self.path, self.message, None if value is None else _term_str(value)))

    def conforms(self, data: Data, focus: str) -> bool:
        found: list[Violation] = []
        self.run(data, focus, found)
        return not found


NUMERIC = {XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "negativeInteger",
                              "nonPositiveInteger", "int", "long", "short", "byte", "decimal", "double", "float",
                              "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


def _at_least(value: str, minimum: float) -> bool:
    """sh:minInclusive: a well-formed number not below the minimum."""
    parts = _literal(value)
    if parts is None or parts[1] not in NUMERIC or not _well_formed(parts[0], parts[1]):
        return False
    try:
        return float(parts[0]) >= minimum
    except ValueError:
        return False


_INTEGER_ENDS = (f'"^^<{XSD}nonNegativeInteger>', f'"^^<{XSD}integer>')


def _unsigned_integer(term: str) -> str | None:
    """The digits of an integer literal written with digits alone ("12"^^xsd:nonNegativeInteger or
    xsd:integer), else None."""
    if term[0] == '"':
        for end in _INTEGER_ENDS:
            if term.endswith(end):
                digits = term[1:len(term) - len(end)]
                return digits if digits.isdecimal() else None
    return None


def _less(a, b) -> bool:
    """sh:lessThan: values must be comparable (both numbers, or both of one datatype) and smaller."""
    ia, ib = _unsigned_integer(a), _unsigned_integer(b)
    if ia is not None and ib is not None:  # two unsigned integers as written (the common case), compared as below
        return float(ia) < float(ib)
    pa, pb = _literal(a), _literal(b)
    if pa is None or pb is None or pa[2] or pb[2]:
        return False
    (va, da, _), (vb, db, _) = pa, pb
    if da in NUMERIC and db in NUMERIC:
        if not (_well_formed(va, da) and _well_formed(vb, db)):  # ill-typed: ordered as rdflib orders them
            return va < vb if da == db else da < db
        try:
            return float(va) < float(vb)
        except ValueError:
            return False
    return da == db and va < vb


class NodeCheck:
    # compiled, its fields are the object's own (fast.pxd)
    def __init__(self, targets: tuple[str, ...], properties: tuple[PropertyCheck, ...],
                 xone: tuple[tuple[PropertyCheck, ...], ...] = (), message: str = "does not conform") -> None:
        self.targets, self.properties, self.xone, self.message = targets, properties, xone, message

    def run(self, data: Data, out: list[Violation]) -> None:
        foci: set[str] = set()
        for target in self.targets:
            foci |= data.instances(target)
        for focus in foci:
            for prop in self.properties:
                prop.run(data, focus, out)
            if self.xone:
                passing = 0
                for shape in self.xone:
                    for prop in shape:
                        if not prop.conforms(data, focus):
                            break
                    else:
                        passing += 1
                if passing != 1:
                    out.append(Violation(focus, None, self.message, focus))


def _value_checks(shapes: rdflib.Graph, node) -> tuple[ValueCheck, ...]:
    checks: list[ValueCheck] = []
    for dt in shapes.objects(node, SH.datatype):
        checks.append(_datatype_check(str(dt)))
    for cls in shapes.objects(node, SH["class"]):
        checks.append(lambda data, v, c=str(cls): v[0] == "<" and data.instance_of(v[1:-1], c))
    for langs in shapes.objects(node, SH.languageIn):
        allowed = {str(x).lower() for x in rdflib.collection.Collection(shapes, langs)}
        checks.append(lambda data, v, a=allowed: v[0] == '"' and (_literal(v)[2] or "").lower() in a)
    for members in shapes.objects(node, SH["in"]):
        allowed_terms = {str(x) for x in rdflib.collection.Collection(shapes, members)}
        checks.append(lambda data, v, a=allowed_terms: _term_str(v) in a)
    for minimum in shapes.objects(node, SH.minInclusive):
        checks.append(lambda data, v, lo=float(minimum): _at_least(v, lo))
    for alternatives in shapes.objects(node, SH["or"]):
        options = [_value_checks(shapes, alt) for alt in rdflib.collection.Collection(shapes, alternatives)]
        checks.append(_any_of(tuple(options)))
    return tuple(checks)


def _all_of(checks: tuple[ValueCheck, ...]) -> ValueCheck:
    """A value check that passes where each of `checks` passes (asked in their order; loops, where
    all() over a generator made a generator object for each value: a tenth of the validator's time)."""
    def check(data, value) -> bool:
        for one in checks:
            if not one(data, value):
                return False
        return True
    return check


def _any_of(options: tuple[tuple[ValueCheck, ...], ...]) -> ValueCheck:
    """sh:or: a value check that passes where all the checks of one of the options pass (asked in
    their order)."""
    def check(data, value) -> bool:
        for option in options:
            for one in option:
                if not one(data, value):
                    break
            else:
                return True
        return False
    return check


def _datatype_check(datatype: str) -> ValueCheck:
    # the common cases decided on the term as written, the others by parsing it: a plain literal
    # is an xsd:string; a lexical form made only of the characters its pattern allows needs no
    # unescaping, so the term matches pattern and datatype in one go (dates still checked as days)
    pattern = _LEXICAL.get(datatype)
    written = re.compile(f'"(?:{pattern.pattern})"\\^\\^<{re.escape(datatype)}>') if pattern else None
    dated = datatype in DATED
    written_end = f'"^^<{datatype}>'
    integer_end = written_end if written_end in _INTEGER_ENDS else None

    def check(data, value) -> bool:
        if integer_end is not None and value.endswith(integer_end) and _unsigned_integer(value) is not None:
            return True  # digits alone: what both integer patterns allow (offsets, the most common values)
        if written is not None and written.fullmatch(value):
            return not dated or _real_date(value[1:value.index('"', 1)], datatype)
        if datatype == STRING and value[-1] == '"' and value[0] == '"':
            return True
        parts = _literal(value)
        if parts is None:
            return False
        lexical, its_datatype, language = parts
        if datatype == LANG_STRING:
            return bool(language)
        if language or its_datatype != datatype:
            return False
        return _well_formed(lexical, datatype)
    return check


_LEXICAL = {XSD + name: re.compile(pattern) for name, pattern in {
    "nonNegativeInteger": r"\+?\d+",
    "integer": r"[+-]?\d+",
    "date": r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?",
    "dateTime": r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?",
    "gYearMonth": r"-?\d{4,}-\d{2}(Z|[+-]\d{2}:\d{2})?",
    "gYear": r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?",
    "gMonthDay": r"--\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?",
}.items()}


def _well_formed(lexical: str, datatype: str) -> bool:
    """Literals of a datatype must also be valid lexical forms (as pyshacl checks through rdflib)."""
    pattern = _LEXICAL.get(datatype)
    if pattern is None:
        return True
    if not pattern.fullmatch(lexical):
        return False
    if datatype in DATED:
        return _real_date(lexical, datatype)
    return True


def _real_date(lexical: str, datatype: str) -> bool:
    """A real day (a year before 1 is refused, as rdflib refuses it) and, for a dateTime, a real
    time of day and time zone: rdflib's own converter (datetime.fromisoformat) decides, as pyshacl
    decides through rdflib (25:61:61 is ill-typed)."""
    try:
        if datatype == XSD + "dateTime":
            datetime.datetime.fromisoformat(lexical)
        else:
            datetime.date.fromisoformat(lexical[:10])
    except ValueError:
        return False
    return True


def _property(shapes: rdflib.Graph, node) -> PropertyCheck:
    for p in shapes.predicates(node):
        if p not in KNOWN_SHAPE_KEYS:
            raise UnsupportedShapes(f"property shape uses {p}")
    path = shapes.value(node, SH.path)
    if not isinstance(path, rdflib.URIRef):
        raise UnsupportedShapes("only IRI paths are supported")

    def num(p):
        v = shapes.value(node, p)
        return None if v is None else int(v)

    qualified = shapes.value(node, SH.qualifiedValueShape)
    q_check = None
    if qualified is not None:
        checks = _value_checks(shapes, qualified)
        q_check = _all_of(checks)
    has_value = shapes.value(node, SH.hasValue)
    return PropertyCheck(
        path=str(path), message=str(shapes.value(node, SH.message) or "does not conform"),
        min_count=num(SH.minCount), max_count=num(SH.maxCount), value_checks=_value_checks(shapes, node),
        has_value=f"<{has_value}>" if isinstance(has_value, rdflib.URIRef) else None,
        less_than=str(shapes.value(node, SH.lessThan)) if shapes.value(node, SH.lessThan) else None,
        qualified=q_check, qualified_min=num(SH.qualifiedMinCount), qualified_max=num(SH.qualifiedMaxCount))


@dataclass(frozen=True)
class CompiledShapes:
    nodes: tuple[NodeCheck, ...]
    wanted: frozenset[str]  # the predicates the checks read

    def __iter__(self):
        return iter(self.nodes)


def compile_shapes(shapes: rdflib.Graph) -> CompiledShapes:
    nodes = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        for p in shapes.predicates(shape):
            if p not in KNOWN_SHAPE_KEYS:
                raise UnsupportedShapes(f"node shape {shape} uses {p}")
        targets = tuple(str(t) for t in shapes.objects(shape, SH.targetClass))
        properties = tuple(_property(shapes, p) for p in shapes.objects(shape, SH.property))
        xone = []
        for members in shapes.objects(shape, SH.xone):
            for alt in rdflib.collection.Collection(shapes, members):
                xone.append(tuple(_property(shapes, p) for p in shapes.objects(alt, SH.property)))
        nodes.append(NodeCheck(targets, properties, tuple(xone),
                               str(shapes.value(shape, SH.message) or "does not conform")))
    wanted = {RDF_TYPE, SUBCLASS}
    for node in nodes:
        for prop in node.properties + tuple(p for alt in node.xone for p in alt):
            wanted.add(prop.path)
            if prop.less_than:
                wanted.add(prop.less_than)
    return CompiledShapes(tuple(nodes), frozenset(wanted))


@cache
def compiled_default() -> CompiledShapes:
    return compile_shapes(load_shapes())


def validate_fast(graph: Graph, checks: CompiledShapes | None = None) -> list[Violation]:
    """The violations of a graph: pyoxigraph quads, or N-Quads text as khabar writes it."""
    checks = checks if checks is not None else compiled_default()
    data = Data(graph, checks.wanted)
    out: list[Violation] = []
    for node in checks.nodes:
        node.run(data, out)
    return sorted(set(out), key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
