"""The run engine (khabar/run/): one map_stream for the CLI and the API, executors by name, one
count of read = mapped + failed, one rule (and one default) for an article that breaks the shapes."""
from __future__ import annotations

import inspect
import json

import pytest
from click.testing import CliRunner

import khabar.validate
from khabar import map_articles
from khabar.cli import cli
from khabar.errors import KhabarError
from khabar.model import Failure
from khabar.run import EXECUTORS, NONCONFORMING, MappedArticle, Processes, RunSettings, make_executor, map_stream
from khabar.validate import Violation

TEXT = "التقى وزير الخارجية السعودي عادل الجبير نظيره الأمريكي جون كيري في جدة أمس."
RECORDS = [{"id": "good", "title": "خبر", "content": TEXT},
           {"id": "empty", "content": ""},  # fails when read
           {"id": "bad", "title": "خبر آخر", "content": TEXT},
           {"id": "good", "content": "مرة أخرى"}]  # a repeated id


@pytest.fixture
def bad_breaks_the_shapes(monkeypatch):
    """A validator under which the graph of the article 'bad' breaks a shape (the real extraction
    makes no such graph, so a stand-in for the validator says so; the rest of the run is real)."""
    def validator(engine):
        return lambda graph: [Violation("https://w3id.org/khabar/id/graph/bad", None, "a made-up violation")] \
            if b"/graph/bad>" in graph else []
    monkeypatch.setattr(khabar.validate, "validator", validator)


def graphs(items) -> set[str]:
    return {q.graph_name.value.rsplit("/", 1)[1] for item in items if isinstance(item, MappedArticle) for q in item.quads}


def test_one_default_for_an_article_that_breaks_the_shapes_in_the_cli_and_the_api():
    option = next(p for p in cli.commands["map"].params if p.name == "nonconforming")
    api = inspect.signature(map_articles).parameters["nonconforming"].default
    assert option.default == api == RunSettings().nonconforming == NONCONFORMING[0] == "keep"
    assert tuple(option.type.choices) == NONCONFORMING


@pytest.mark.usefixtures("bad_breaks_the_shapes")
def test_kept_or_dropped_and_counted_once():
    kept = map_stream(RECORDS)
    items = list(kept)
    assert [type(i).__name__ for i in items] == ["MappedArticle", "Failure", "MappedArticle", "Failure"]
    assert graphs(items) == {"good", "bad"} and not items[2].conforms
    assert (kept.counts.read, kept.counts.mapped, kept.counts.failed, kept.counts.nonconforming) == (4, 2, 2, 1)

    dropped = map_stream(RECORDS, RunSettings(nonconforming="drop"))
    items = list(dropped)
    assert graphs(items) == {"good"}
    assert items[2].stage == "validate" and "does not conform to the shapes: " in items[2].reason
    assert (dropped.counts.read, dropped.counts.mapped, dropped.counts.failed, dropped.counts.nonconforming) == (4, 1, 3, 1)
    assert dropped.counts.line().startswith("4 read = 1 mapped + 3 failed;")

    kg = map_articles(RECORDS)  # the API keeps it too, unless told
    assert {a.article_id for a in kg.articles()} == {"good", "bad"} and kg.summary.nonconforming == 1
    kg = map_articles(RECORDS, nonconforming="drop")
    assert {a.article_id for a in kg.articles()} == {"good"}
    assert [f.stage for f in kg.failures] == ["read", "validate", "read"]


@pytest.mark.usefixtures("bad_breaks_the_shapes")
@pytest.mark.parametrize("policy, line, articles", [("keep", "4 read = 2 mapped + 2 failed", {"good", "bad"}),
                                                    ("drop", "4 read = 1 mapped + 3 failed", {"good"})])
def test_the_cli_option(tmp_path, policy, line, articles):
    import pyoxigraph as ox

    source, out, errors = tmp_path / "in.jsonl", tmp_path / "out.nq", tmp_path / "errors.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), encoding="utf-8")
    result = CliRunner().invoke(cli, ["map", str(source), "-o", str(out), "--errors", str(errors),
                                      "--nonconforming", policy])
    assert result.exit_code == 1, result.output
    assert line in result.output and "1 articles do not conform to the shapes" in result.output
    written = {q.graph_name.value.rsplit("/", 1)[1] for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)}
    assert written == articles | {"entities"}
    reasons = [json.loads(row)["reason"] for row in errors.read_text(encoding="utf-8").splitlines()]
    assert any("does not conform" in r for r in reasons) == (policy == "drop")


def test_executors_by_name_and_the_same_items_from_each():
    assert set(EXECUTORS) == {"serial", "processes", "dask"}
    with pytest.raises(KhabarError, match="known: serial, processes, dask"):
        make_executor("threads")
    with pytest.raises(KhabarError, match="known: keep, drop"):
        RunSettings(nonconforming="ignore")
    serial = map_stream(RECORDS, RunSettings(engine=None))
    here = list(serial)
    with map_stream(RECORDS, RunSettings(engine=None), Processes(jobs=2)) as pooled:
        there = list(pooled)
    assert [type(i) for i in here] == [type(i) for i in there]
    assert [i.nquads for i in here if isinstance(i, MappedArticle)] == \
        [i.nquads for i in there if isinstance(i, MappedArticle)]
    assert [i for i in here if isinstance(i, Failure)] == [i for i in there if isinstance(i, Failure)]
    assert serial.entity_quads() == pooled.entity_quads()
    assert serial.counts == pooled.counts


def test_one_way_to_run_a_mapping():
    """The loops map_stream replaced are gone, not wrapped: one map_articles (the API's), no map_inputs."""
    import importlib.util

    import khabar
    from khabar.api import map_articles as api_map_articles

    assert importlib.util.find_spec("khabar.mapping") is None and importlib.util.find_spec("khabar.parallel") is None
    assert not hasattr(khabar, "map_inputs") and khabar.map_articles is api_map_articles
    assert khabar.map_stream is map_stream
