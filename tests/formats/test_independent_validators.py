"""Every output format of `khabar map` passes a parser that shares no code with pyoxigraph: rapper
(Debian raptor2-utils, a C library) for N-Quads, TriG, Turtle, N-Triples and RDF/XML, and rdflib for
JSON-LD, which rapper cannot read. The counts must match too, and a damaged file must fail, so the
check can fail.

rapper checks syntax only (not literal lexical forms); .ci/run installs it, and these tests are
skipped, saying so, where it is missing.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from pyoxigraph import RdfFormat, parse

from khabar.cli import cli

RAPPER = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(RAPPER is None, reason="rapper is not installed: apt-get install raptor2-utils "
                                  "(.ci/run does it); the independent syntax check did not run")
SYNTAX = {"nq": "nquads", "trig": "trig", "ttl": "turtle", "nt": "ntriples", "rdf": "rdfxml"}
OXIGRAPH_FORMAT = {"nq": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "ttl": RdfFormat.TURTLE,
                   "nt": RdfFormat.N_TRIPLES, "rdf": RdfFormat.RDF_XML, "jsonld": RdfFormat.JSON_LD}


@pytest.fixture(scope="module")
def written(seeds_dir, tmp_path_factory) -> dict[str, Path]:
    """The seeds written by khabar map in each format."""
    out = tmp_path_factory.mktemp("formats")
    paths = {}
    for ext in OXIGRAPH_FORMAT:
        path = out / f"seeds.{ext}"
        result = CliRunner().invoke(cli, ["map", str(seeds_dir), "-o", str(path), "-q"])
        assert result.exit_code == 0, result.output
        paths[ext] = path
    return paths


def rapper(path: Path, syntax: str) -> subprocess.CompletedProcess:
    # rapper quotes the bad line cut to so many bytes, which may split a UTF-8 character
    return subprocess.run([RAPPER, "-c", "-i", syntax, str(path)], capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=120)


def statements(path: Path, ext: str) -> int:
    """Quads for dataset formats; distinct triples for the formats that merge the graphs."""
    items = list(parse(path=str(path), format=OXIGRAPH_FORMAT[ext]))
    return len(items) if ext in ("nq", "trig", "jsonld") else len({q.triple for q in items})


@needs_rapper
@pytest.mark.parametrize("ext", list(SYNTAX))
def test_rapper_parses_every_format_with_the_same_count(written, ext):
    result = rapper(written[ext], SYNTAX[ext])
    assert result.returncode == 0, result.stderr
    found = re.search(r"Parsing returned (\d+) triples", result.stderr)
    assert found, result.stderr
    assert int(found.group(1)) == statements(written[ext], ext) > 1000


@needs_rapper
@pytest.mark.parametrize("ext", ["nq", "trig", "ttl", "rdf"])
def test_rapper_rejects_a_damaged_file(written, ext, tmp_path):
    text = written[ext].read_text(encoding="utf-8")
    damaged = tmp_path / f"damaged.{ext}"
    damaged.write_text(text[: len(text) // 2] + ('"unterminated\n' if ext != "rdf" else "<broken") + text[len(text) // 2:],
                       encoding="utf-8")
    assert rapper(damaged, SYNTAX[ext]).returncode != 0


def test_jsonld_parses_with_rdflib_to_the_same_quads_as_nquads(written):
    """rapper has no JSON-LD parser; rdflib's is the independent one here."""
    def quads(path: Path, fmt: str) -> set:
        ds = rdflib.Dataset()
        ds.parse(str(path), format=fmt)
        return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}

    from_jsonld = quads(written["jsonld"], "json-ld")
    assert len(from_jsonld) == statements(written["jsonld"], "jsonld") > 1000
    assert from_jsonld == quads(written["nq"], "nquads")
