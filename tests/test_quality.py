"""Extraction quality on the seeds and the development sample, scored by ../shared/tools/evaluate.py
against the hand annotations (skipped, saying so, when ../shared is absent), and evidence offsets
that round-trip on every article of both."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT, SHARED
from khabar.cli import cli
from khabar.extract import extract
from khabar.read import read_inputs

EVALUATE = SHARED / "tools" / "evaluate.py"
CORPUS = SHARED / "corpora" / "saudinewsnet"
DEV_GOLD = ROOT / "tests" / "data" / "dev-gold.json"
SEED_TARGETS = {"statements_f1": 0.80, "events_f1": 0.75, "entities_f1": 0.75, "linking_precision": 0.95,
                "linking_recall": 0.80, "statement_kind_accuracy": 0.90, "dates_accuracy": 0.80}
REAL_TARGETS = {"statements_f1": 0.65, "events_f1": 0.60, "entities_f1": 0.60, "linking_precision": 0.95,
                "linking_recall": 0.60, "statement_kind_accuracy": 0.85, "dates_accuracy": 0.75}


@pytest.fixture(scope="module")
def dev_records(tmp_path_factory):
    if not CORPUS.exists():
        pytest.skip(f"the SaudiNewsNet corpus is not at {CORPUS}")
    sys.path.insert(0, str(ROOT / "tools"))
    from eval import dev_records as load  # the same selection `make eval` uses

    path = tmp_path_factory.mktemp("dev") / "dev.json"
    path.write_text(json.dumps(load(DEV_GOLD, CORPUS), ensure_ascii=False), encoding="utf-8")
    return path


def _require(graph, gold, targets):
    if not EVALUATE.exists():
        pytest.skip(f"the scorer is not at {EVALUATE}")
    args = [sys.executable, str(EVALUATE), str(graph), str(gold)]
    for name, minimum in targets.items():
        args += ["--require", f"{name}={minimum}"]
    result = subprocess.run(args, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_seeds_meet_the_seed_targets(seeds_nq):
    _require(seeds_nq, SHARED / "gold" / "seeds.json", SEED_TARGETS)


def test_dev_sample_meets_the_real_article_targets(dev_records, tmp_path):
    out = tmp_path / "dev.nq"
    result = CliRunner().invoke(cli, ["map", str(dev_records), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    _require(out, DEV_GOLD, REAL_TARGETS)


def _check_offsets(articles):
    checked = 0
    for article in articles:
        x = extract(article)
        spans = [m.span for m in x.mentions] + [e.trigger for e in x.events]
        spans += [s.content for s in x.statements] + [s.cue for s in x.statements if s.cue]
        for span in spans:
            assert article.text[span.begin:span.end] == span.text, (article.article_id, span)
            checked += 1
    assert checked > 50


def test_offsets_round_trip_on_the_seeds():
    _check_offsets(read_inputs([ROOT / "seeds"]))


def test_offsets_round_trip_on_the_dev_sample(dev_records):
    _check_offsets(read_inputs([dev_records]))
