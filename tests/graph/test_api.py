"""The Python API: map_articles from paths, dict records and Article objects; the rows read back
from the graph agree with the graph (checked with SPARQL and against the article texts); a graph
written to a file or loaded into a store opens to the same rows."""
from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, Store

import khabar
from khabar import Article, KnowledgeGraph, map_articles
from khabar.errors import KhabarError
from khabar.graph.tables import COLUMNS

DIP = "PREFIX dip: <https://w3id.org/khabar/ontology#>\n"
SEED = "003_a943bc839e91a427.txt"


def count(kg: KnowledgeGraph, pattern: str) -> int:
    return int(kg.query(DIP + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}").rows[0][0].value)


@pytest.fixture(scope="module")
def seeds_kg(seeds_dir) -> KnowledgeGraph:
    return map_articles([seeds_dir])


def test_map_paths(seeds_kg):
    assert not seeds_kg.failures
    assert seeds_kg.summary.read == seeds_kg.summary.mapped == 5
    assert len(list(seeds_kg.articles())) == 5 == count(seeds_kg, "?x a dip:Article")
    assert len(list(seeds_kg.events())) == count(seeds_kg, "?x a dip:Event") == seeds_kg.summary.events
    assert len(list(seeds_kg.statements())) == count(seeds_kg, "?x a dip:Statement") == seeds_kg.summary.statements
    assert len(list(seeds_kg.entities())) == count(seeds_kg, "?a dip:mentions ?x") == len(seeds_kg.summary.entities)
    assert len(list(seeds_kg.mentions())) == int(seeds_kg.query(
        DIP + "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?x ?m WHERE { GRAPH ?g { ?a dip:mentions ?x . ?x dip:evidence ?m } } }"
    ).rows[0][0].value)


def test_rows_agree_with_the_graph_and_the_texts(seeds_kg):
    texts = {a.iri: a.text for a in seeds_kg.articles()}
    entities = {e.iri: e for e in seeds_kg.entities()}
    for s in seeds_kg.statements():
        assert texts[s.article][s.begin:s.end] == s.text
        assert s.speaker in entities and s.kind in ("direct", "reported")
        kind = "DirectQuote" if s.kind == "direct" else "ReportedSpeech"
        assert seeds_kg.query(DIP + f"ASK {{ <{s.iri}> a dip:{kind} ; dip:speaker <{s.speaker}> }}").boolean
    for m in seeds_kg.mentions():
        assert texts[m.article][m.begin:m.end] == m.anchor and m.entity in entities
    for e in seeds_kg.events():
        assert e.type in khabar.model.EVENT_TYPES and len(e.participants) >= 2
        assert set(e.participants) <= set(entities) and set(e.articles) <= set(texts)
        for p in e.participants:
            assert seeds_kg.query(DIP + f"ASK {{ <{e.iri}> dip:participant <{p}> }}").boolean
        if e.date:
            assert e.date_type in ("date", "gYear", "gYearMonth", "gMonthDay")
    macron = next(e for e in entities.values() if e.wikidata == "Q3052772")
    assert macron.type == "Person" and macron.label_ar == "إيمانويل ماكرون" and macron.label_en == "Emmanuel Macron"
    with pytest.raises(AttributeError):  # frozen
        macron.label_ar = "x"


def test_map_records_and_article_objects(seeds_dir):
    text = (seeds_dir / SEED).read_text(encoding="utf-8")
    title, _, content = text.partition("\n")
    content = content.strip()
    records = [{"id": "r1", "source": "okaz", "url": "https://example.org/news/1", "date_extracted": "2015-07-21 02:51:32",
                "title": title, "author": "x", "content": content},
               {"id": "r2", "title": "", "content": ""},  # nothing to map
               {"id": "r1", "title": "again", "content": "مرة أخرى"}]  # a repeated id
    kg = map_articles(records)
    assert kg.summary.read == 3 and kg.summary.mapped == 1 and len(kg.failures) == 2
    assert "no content" in kg.failures[0].reason and "duplicate" in kg.failures[1].reason
    [article] = kg.articles()
    assert (article.article_id, article.title, article.published, article.url) == \
        ("r1", title, "2015-07-21T02:51:32", "https://example.org/news/1")
    assert article.text == f"{title}\n{content}"
    assert list(kg.statements()) and list(kg.events())

    objects = map_articles(Article("a1", text, "memory"))
    assert [a.article_id for a in objects.articles()] == ["a1"]
    assert len(list(objects.statements())) == len(list(kg.statements()))


def test_open_a_file_and_a_store_gives_the_same_rows(seeds_kg, tmp_path):
    path = seeds_kg.write(tmp_path / "seeds.trig")
    store_dir = tmp_path / "store"
    store = Store(str(store_dir))
    store.bulk_load(path=str(path), format=RdfFormat.TRIG)
    store.flush()
    del store
    for other in (KnowledgeGraph.open(path), KnowledgeGraph.open(store_dir), KnowledgeGraph.open(seeds_kg.store)):
        assert len(other) == len(seeds_kg)
        assert list(other.events()) == list(seeds_kg.events())
        assert list(other.statements()) == list(seeds_kg.statements())
        assert list(other.entities()) == list(seeds_kg.entities())
        assert list(other.articles()) == list(seeds_kg.articles())
        assert list(other.mentions()) == list(seeds_kg.mentions())
    assert KnowledgeGraph.open(path).failures == []
    seeds_kg.write(tmp_path / "again.trig")
    assert (tmp_path / "again.trig").read_bytes() == path.read_bytes()


def test_to_frames(seeds_kg):
    pytest.importorskip("pandas")
    frames = seeds_kg.to_frames()
    assert set(frames) == set(COLUMNS)
    for name, frame in frames.items():
        assert tuple(frame.columns) == COLUMNS[name]
    assert len(frames["events"]) == len(list(seeds_kg.events()))
    assert len(frames["statements"]) == len(list(seeds_kg.statements()))
    assert len(frames["entities"]) == len(list(seeds_kg.entities()))
    assert len(frames["mentions"]) == len(list(seeds_kg.mentions()))
    assert str(frames["mentions"]["begin"].dtype) == "Int64"
    assert (frames["statements"]["speaker_ar"] == "إيمانويل ماكرون").sum() == sum(
        1 for s in seeds_kg.statements() if s.speaker.endswith("/Q3052772"))


def test_to_frames_without_pandas_is_a_clear_error(seeds_kg, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KhabarError, match="pip install 'khabar\\[tables\\]'"):
        seeds_kg.to_frames()


def test_rdflib_and_query(seeds_kg):
    dataset = seeds_kg.rdflib()
    assert dataset is seeds_kg.rdflib()  # built once
    assert len(dataset) == len(seeds_kg)
    result = seeds_kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(result.rows[0][0].value) == len(seeds_kg)


def test_select_gives_plain_values(seeds_kg):
    """The public select: dip: declared, IRIs and strings as str, integers as int, unbound as None."""
    rows = seeds_kg.select("SELECT ?a ?id ?none WHERE { ?a a dip:Article ; dip:articleId ?id "
                           "OPTIONAL { ?a dip:noSuchProperty ?none } } ORDER BY ?a")
    articles = list(seeds_kg.articles())
    assert rows == [[a.iri, a.article_id, None] for a in articles]
    (spans,), = seeds_kg.select("SELECT (COUNT(*) AS ?n) WHERE { ?m dip:beginIndex ?b }")
    assert isinstance(spans, int) and spans == count(seeds_kg, "?x dip:beginIndex ?b")
    with pytest.raises(KhabarError, match="does not parse"):
        seeds_kg.select("SELECT ?a WHERE {")


def test_validate_false_and_user_mistakes(seeds_dir, tmp_path):
    kg = map_articles(seeds_dir / SEED, validate=False)
    assert len(list(kg.articles())) == 1
    with pytest.raises(KhabarError, match="base IRI"):
        map_articles(seeds_dir, base="not an iri")
    with pytest.raises(KhabarError, match="cannot map"):
        map_articles([42])
    with pytest.raises(KhabarError, match="no such"):
        KnowledgeGraph.open(tmp_path / "missing.nq")
    missing = map_articles(tmp_path / "nothing-here")
    assert len(missing) == 0 and "no such file" in missing.failures[0].reason
