"""The command line end to end: map, validate, query (every result format), load, stats, explain."""
from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from khabar.cli import cli

COUNT = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/khabar/ontology#Article> }"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_every_command_has_help_with_an_example():
    for command in cli.commands:
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.output, command


def test_usage_errors_exit_2_without_traceback(tmp_path):
    for args in (["map", "seeds", "-o", tmp_path / "x.unknown"], ["map", "seeds", "--format", "nope"],
                 ["query", tmp_path / "none.nq", COUNT], ["map", "seeds", "--base", "not an iri"]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        assert result.output.startswith("khabar: ") or "Error" in result.output


def test_map_reports_failures_and_writes_the_error_report(tmp_path, seeds_dir):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text((seeds_dir / "000_8083c612faa065c9.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    result = run("map", tmp_path / "in", "-o", tmp_path / "out.nq", "--errors", tmp_path / "errors.jsonl")
    assert result.exit_code == 1
    assert "2 read = 1 mapped + 1 failed" in result.output
    [line] = (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    error = json.loads(line)
    assert error["input"].endswith("empty.txt") and "empty" in error["reason"]
    assert (tmp_path / "out.nq").stat().st_size > 0


def test_strict_stops_at_the_first_failure(tmp_path):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    result = run("map", tmp_path, "--strict", "-o", tmp_path / "o.nq")
    assert result.exit_code == 2 and "--strict" in result.output
    assert not (tmp_path / "o.nq").exists(), "a failed run must not leave a half-written file"


def test_map_to_stdout_is_nquads(seeds_dir):
    result = run("map", seeds_dir / "000_8083c612faa065c9.txt", "-q")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].endswith(" .")


def test_validate_ok_and_json(seeds_nq):
    result = run("validate", seeds_nq)
    assert result.exit_code == 0 and "conforms" in result.output
    result = run("validate", seeds_nq, "--format", "json")
    assert json.loads(result.output)["conforms"] is True


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_validate_reports_violations(tmp_path, engine):
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://e/s> a <https://w3id.org/khabar/ontology#Statement> .', encoding="utf-8")
    result = run("validate", bad, "--engine", engine)
    assert result.exit_code == 1
    assert "exactly one dip:speaker" in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_formats(seeds_nq, fmt):
    result = run("query", seeds_nq, COUNT, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "json":
        assert json.loads(out)["results"]["bindings"][0]["n"]["value"] == "5"
    elif fmt == "xml":
        assert ElementTree.fromstring(out).find(".//{*}binding[@name='n']/{*}literal").text == "5"
    elif fmt in ("csv", "tsv"):  # SPARQL 1.1 CSV and TSV: TSV names the variables ?n, and writes terms as in Turtle
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows == [["n" if fmt == "csv" else "?n"], ["5"]]
    else:
        assert out.splitlines()[0].strip() == "n" and "5" in out and "(1 row)" in out


def test_query_ask_construct_and_query_file(seeds_nq, tmp_path):
    assert run("query", seeds_nq, "ASK { ?s ?p ?o }").output.strip() == "true"
    construct = run("query", seeds_nq, "CONSTRUCT { ?a a <http://e/A> } WHERE { ?a a <https://w3id.org/khabar/ontology#Article> }")
    assert construct.exit_code == 0 and construct.output.count("<http://e/A>") == 5
    q = tmp_path / "q.rq"
    q.write_text(COUNT, encoding="utf-8")
    assert "5" in run("query", seeds_nq, f"@{q}", "--format", "csv").output


def test_graph_patterns_see_the_union_and_graph_asks_per_article(seeds_nq):
    per_graph = run("query", seeds_nq, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/khabar/ontology#Article> } }", "--format", "csv")
    assert per_graph.output.splitlines()[1] == "5"


def test_load_then_query_the_store_and_load_again_is_idempotent(seeds_nq, tmp_path):
    store = tmp_path / "store"
    assert run("load", seeds_nq, "--store", store).exit_code == 0
    first = run("query", store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv").output
    assert run("load", seeds_nq, "--store", store).exit_code == 0
    second = run("query", store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv").output
    assert first == second and int(first.splitlines()[1]) > 100
    assert "5" in run("query", store, COUNT, "--format", "csv").output


def test_stats(seeds_nq):
    result = run("stats", seeds_nq)
    assert result.exit_code == 0
    assert "articles" in result.output and "statements" in result.output


def test_explain(seeds_dir):
    result = run("explain", seeds_dir / "003_a943bc839e91a427.txt")
    assert result.exit_code == 0
    assert "said" in result.output


def test_loading_a_changed_graph_replaces_it(seeds_nq, tmp_path):
    store = tmp_path / "store"
    assert run("load", seeds_nq, "--store", store).exit_code == 0  # an empty store: the bulk path
    graph = "https://w3id.org/khabar/id/graph/000_8083c612faa065c9"
    lines = [line for line in seeds_nq.read_text(encoding="utf-8").splitlines() if line.endswith(f"<{graph}> .")]
    smaller = tmp_path / "smaller.nq"
    smaller.write_text("\n".join(lines[:10]) + "\n", encoding="utf-8")
    assert run("load", smaller, "--store", store).exit_code == 0  # not empty: the graph is replaced
    count = run("query", store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", "--format", "csv")
    assert count.output.splitlines()[1] == "10"


def test_map_and_stats_count_the_same_events(tmp_path):
    """Two articles reporting one dated meeting: one event in the graph, so one in map's count too."""
    records = [{"url": f"http://example.org/{k}", "date_extracted": "2015-07-22 10:00:00", "title": "",
                "content": text} for k, text in enumerate([
                    "التقى الرئيس فلاديمير بوتين الرئيس إيمانويل ماكرون أمس في باريس.",
                    "وكان الرئيس فلاديمير بوتين قد التقى الرئيس إيمانويل ماكرون أمس في باريس، وبحثا الأوضاع."])]
    (tmp_path / "day.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    mapped = run("map", tmp_path / "day.json", "-o", tmp_path / "day.nq")
    assert mapped.exit_code == 0, mapped.output
    stats = run("stats", tmp_path / "day.nq")
    counted = {row.split("|")[0].strip(): int(row.split("|")[1]) for row in stats.output.splitlines()[2:] if "|" in row}
    assert counted["events"] == 1
    assert "; 1 events," in mapped.output


def test_map_and_validate_share_one_default_engine_the_fast_one():
    """`validate` used to default to pyshacl (20x slower) while `map` used the fast engine."""
    from khabar.cli import cli as group

    def engine_param(command):
        return next(p for p in group.commands[command].params if p.name == "engine")

    for command in ("map", "validate"):
        param = engine_param(command)
        assert param.default == "fast", command
        assert "--engine" in param.opts, command


def test_validate_engine_pyshacl_by_option(seeds_nq):
    result = run("validate", seeds_nq, "--engine", "pyshacl")
    assert result.exit_code == 0 and "conforms" in result.output, result.output


def test_http_options_keep_each_commands_defaults():
    """query and load take --user --password --auth --timeout --retries from one decorator, each with
    its own retries (and load its --backoff); the endpoint tests use them."""
    from khabar.cli import load_command, query_command

    def http(command):
        return {p.name: p.default for p in command.params if p.name in ("auth", "timeout", "retries", "backoff")}
    common = {"auth": "basic", "timeout": 60.0}
    assert http(query_command) == common | {"retries": 2}
    assert http(load_command) == common | {"retries": 3, "backoff": 0.5}
    for command in (query_command, load_command):
        assert {"user", "password"} <= {p.name for p in command.params}
    assert [p.envvar for p in load_command.params if p.name == "password"] == ["KHABAR_PASSWORD"]
