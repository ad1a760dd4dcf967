"""khabar export --tables: the four tables' columns (as documented), row counts equal to SPARQL
counts on the seeds, multi-valued cells, the Excel byte order mark, deterministic bytes, Parquet."""
from __future__ import annotations

import csv
import io
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT

from khabar import KnowledgeGraph
from khabar.cli import cli
from khabar.errors import KhabarError
from khabar.graph.tables import COLUMNS, SEPARATOR, write_tables

DIP = "PREFIX dip: <https://w3id.org/khabar/ontology#>\n"
BOM = b"\xef\xbb\xbf"


def export(*args):
    return CliRunner().invoke(cli, ["export", *map(str, args)])


def read_csv(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def sparql_count(kg, query: str) -> int:
    return int(kg.query(DIP + query).rows[0][0].value)


@pytest.fixture(scope="module")
def tables(seeds_nq, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    result = export(seeds_nq, "--tables", folder)
    assert result.exit_code == 0, result.output
    return folder


def test_columns_are_as_documented(tables):
    docs = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    for name, columns in COLUMNS.items():
        header = (tables / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == list(columns)
        assert f"{name}.csv" in docs
        for column in columns:
            assert f"`{column}`" in docs, f"{name}.{column} is not documented in docs/tables.md"
    assert f"`{SEPARATOR.strip()}`" in docs or f'"{SEPARATOR}"' in docs


def test_counts_equal_sparql_counts(tables, seeds_nq):
    kg = KnowledgeGraph.open(seeds_nq)
    expected = {
        "events": sparql_count(kg, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a dip:Event }"),
        "statements": sparql_count(kg, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a dip:Statement }"),
        "entities": sparql_count(kg, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?a dip:mentions ?x }"),
        "mentions": sparql_count(kg, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?x ?m WHERE { GRAPH ?g { "
                                     "?a dip:mentions ?x . ?x dip:evidence ?m } } }"),
    }
    assert expected["events"] > 10 and expected["statements"] > 50  # the seeds are not empty
    for name, n in expected.items():
        assert len(read_csv(tables / f"{name}.csv")) == n, name
    direct = sparql_count(kg, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a dip:DirectQuote }")
    assert sum(r["kind"] == "direct" for r in read_csv(tables / "statements.csv")) == direct


def test_cells(tables, seeds_nq):
    kg = KnowledgeGraph.open(seeds_nq)
    texts = {a.iri: a.text for a in kg.articles()}
    for row in read_csv(tables / "mentions.csv"):
        assert texts[row["article"]][int(row["begin"]):int(row["end"])] == row["anchor"]
    for row in read_csv(tables / "statements.csv"):
        assert texts[row["article"]][int(row["begin"]):int(row["end"])] == row["text"]
    events = {e.iri: e for e in kg.events()}
    for row in read_csv(tables / "events.csv"):
        event = events[row["iri"]]
        assert row["participants"].split(SEPARATOR) == list(event.participants)
        assert len(row["participants_ar"].split(SEPARATOR)) == len(event.participants)
        assert row["date"] == (event.date or "") and row["type"] == event.type
    entities = read_csv(tables / "entities.csv")
    macron = next(r for r in entities if r["wikidata"] == "Q3052772")
    assert (macron["type"], macron["label_ar"], macron["label_en"]) == ("Person", "إيمانويل ماكرون", "Emmanuel Macron")
    assert [r["iri"] for r in entities] == sorted(r["iri"] for r in entities)


def test_excel_adds_a_byte_order_mark(tables, seeds_nq, tmp_path):
    assert not (tables / "events.csv").read_bytes().startswith(BOM)
    assert export(seeds_nq, "--tables", tmp_path, "--excel").exit_code == 0
    for name in COLUMNS:
        data = (tmp_path / f"{name}.csv").read_bytes()
        assert data.startswith(BOM)
        plain = (tables / f"{name}.csv").read_bytes().decode("utf-8")
        assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == list(csv.reader(io.StringIO(plain)))


def test_deterministic_whatever_the_source(tables, seeds_nq, tmp_path):
    store = tmp_path / "store"
    assert CliRunner().invoke(cli, ["load", str(seeds_nq), "--store", str(store)]).exit_code == 0
    assert export(store, "--tables", tmp_path / "again").exit_code == 0
    for name in COLUMNS:
        assert (tmp_path / "again" / f"{name}.csv").read_bytes() == (tables / f"{name}.csv").read_bytes()


def test_parquet_round_trip(tables, seeds_nq, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (pip install 'khabar[tables]')")
    assert export(seeds_nq, "--tables", tmp_path, "--format", "parquet").exit_code == 0
    for name, columns in COLUMNS.items():
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert tuple(table.column_names) == columns
        rows = read_csv(tables / f"{name}.csv")
        back = table.to_pylist()
        assert len(back) == len(rows)
        for got, want in zip(back, rows):
            assert {k: "" if v is None else str(v) for k, v in got.items()} == want


def test_user_mistakes_exit_2(seeds_nq, tmp_path, monkeypatch):
    result = export(seeds_nq, "--tables", tmp_path, "--format", "parquet", "--excel")
    assert result.exit_code == 2 and "CSV only" in result.output and "Traceback" not in result.output
    result = export(tmp_path / "missing.nq", "--tables", tmp_path)
    assert result.exit_code == 2 and result.output.startswith("khabar: ")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(KhabarError, match="pyarrow"):
        write_tables(KnowledgeGraph.open(seeds_nq), tmp_path / "p", "parquet")


def test_articles_table_gives_each_statement_its_date_url_and_newspaper(tmp_path):
    """A journalist's question: when, where and in which paper was this said? articles.csv answers,
    and every table carries labels and titles beside its IRIs."""
    record = {"id": "r1", "url": "https://www.okaz.com.sa/news/1", "date_extracted": "2015-07-24 10:00:00",
              "title": "ماكرون يلتقي بوتين", "content": "قال الرئيس الفرنسي إيمانويل ماكرون: \"إن الحوار مع روسيا ضروري\".\n"
              "والتقى ماكرون الرئيس الروسي فلاديمير بوتين في باريس أمس."}
    kg = KnowledgeGraph.open(_mapped(tmp_path, record))
    assert export(tmp_path / "g.trig", "--tables", tmp_path / "t").exit_code == 0
    articles = read_csv(tmp_path / "t" / "articles.csv")
    assert [(a["article_id"], a["published"], a["newspaper"], a["url"], a["title"]) for a in articles] == [
        ("r1", "2015-07-24T10:00:00", "okaz.com.sa", "https://www.okaz.com.sa/news/1", "ماكرون يلتقي بوتين")]
    statements = read_csv(tmp_path / "t" / "statements.csv")
    assert statements
    for row in statements:
        assert row["article"] == articles[0]["iri"]
        assert (row["published"], row["newspaper"], row["article_title"]) == (
            "2015-07-24T10:00:00", "okaz.com.sa", "ماكرون يلتقي بوتين")
        assert row["speaker_ar"] == "إيمانويل ماكرون"
    for row in read_csv(tmp_path / "t" / "mentions.csv"):
        assert row["entity_ar"] and row["article_title"] == "ماكرون يلتقي بوتين"
    for row in read_csv(tmp_path / "t" / "events.csv"):
        assert row["article_title"] == "ماكرون يلتقي بوتين"
    # the Python rows carry the same labels
    (article,) = kg.articles()
    assert article.newspaper == "okaz.com.sa"
    assert all(s.speaker_label == "إيمانويل ماكرون" for s in kg.statements())
    for event in kg.events():
        assert len(event.participant_labels) == len(event.participants) and "فلاديمير بوتين" in event.participant_labels
    assert all(m.entity_label for m in kg.mentions())


def _mapped(tmp_path, record):
    import json

    source = tmp_path / "day.json"
    source.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "g.trig"
    result = CliRunner().invoke(cli, ["map", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out
