"""tools/audit.py on the seeds: the sampled counts, each printed sentence holds its item's anchor,
and the same seed gives the same bytes."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

AUDIT = ROOT / "tools" / "audit.py"
sys.path.insert(0, str(AUDIT.parent))
from audit import sentence  # noqa: E402


def run_audit(graph: Path, out: Path, sample: int, seed: int) -> str:
    subprocess.run([sys.executable, str(AUDIT), str(ROOT / "seeds"), "--graph", str(graph),
                    "--sample", str(sample), "--seed", str(seed), "--out", str(out)], check=True)
    return out.read_text(encoding="utf-8")


def blocks(report: str) -> list[str]:
    return re.split(r"\n(?=### )", report)[1:]


@pytest.fixture(scope="module")
def reports(seeds_nq, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("audit")
    return [run_audit(seeds_nq, tmp / f"{name}.md", 6, seed) for name, seed in (("a", 7), ("b", 7), ("c", 8))]


def distinct_count(store, variables: str, where: str) -> int:
    query = ("PREFIX dip: <https://w3id.org/khabar/ontology#> PREFIX owl: <http://www.w3.org/2002/07/owl#> "
             f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT {variables} WHERE {{ {where} }} }}")
    return int(next(iter(store.query(query, use_default_graph_as_union=True)))["n"].value)


def test_sampled_counts(reports, seeds_nq):
    """The pools are counted here independently; each section holds min(6, pool) numbered items."""
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.bulk_load(path=str(seeds_nq), format=RdfFormat.N_QUADS)
    pools = (distinct_count(store, "?x", "?x a dip:Event"), distinct_count(store, "?x", "?x a dip:Statement"),
             distinct_count(store, "?m ?e", "?e owl:sameAs ?wd . ?e dip:evidence ?m . ?m dip:beginIndex ?b"))
    report = reports[0]
    assert f"Drawn from {pools[0]} events, {pools[1]} statements and {pools[2]} linked mentions" in report
    for letter, pool in zip("ESM", pools):
        assert pool > 0
        numbers = [int(n) for n in re.findall(rf"^### {letter}(\d+)\. ", report, re.M)]
        assert numbers == list(range(1, min(6, pool) + 1))
    assert report.count("\nverdict:\n") == sum(min(6, pool) for pool in pools)


def test_each_sentence_holds_its_anchor(reports):
    for block in blocks(reports[0]):
        anchors = re.findall(r"^- anchor \[\d+-\d+\]: «(.*)»$", block, re.M)
        sentences = re.findall(r"^> (.*)$", block, re.M)
        assert anchors and len(anchors) == len(sentences), block
        for anchor, sent in zip(anchors, sentences):
            assert anchor in sent, block
        assert "NOTE:" not in block, block


def test_no_value_listed_twice(reports):
    """An event reported by several articles sits in several graphs: its fields still list each
    value once."""
    for field in re.findall(r"^- (?:participants|place|date|trigger|speaker|cue|source): (.*)$", reports[0], re.M):
        parts = re.split(r"; |, ", field)
        assert len(parts) == len(set(parts)), field


def test_linked_mentions_show_wikidata(reports):
    for block in blocks(reports[0]):
        if block.startswith("### M"):
            assert re.search(r"^- wikidata: http://www\.wikidata\.org/entity/Q\d+", block, re.M), block


def test_same_seed_same_output(reports):
    assert reports[0] == reports[1]
    assert reports[0] != reports[2]


@pytest.mark.parametrize("text, span, expected", [
    ("قال نعم. التقى الوزير نظيره. ثم غادر", (12, 17), "التقى الوزير نظيره."),
    ("قال د. أحمد إنه التقى نظيره. ثم غادر", (16, 21), "قال د. أحمد إنه التقى نظيره."),  # «د.»: doctor
    ("العنوان\nاستقبل الملك الرئيس؟ نعم", (8, 14), "استقبل الملك الرئيس؟"),
    ("بلغ 3.5 مليار. ثم", (4, 7), "بلغ 3.5 مليار."),
    ("أولى. ثانية. ثالثة", (2, 9), "أولى. ثانية."),
])
def test_sentence_cuts_at_sentence_ends(text, span, expected):
    assert sentence(text, *span) == expected
