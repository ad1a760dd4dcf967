"""The recogniser's own scoring gives CRFsuite's labels: the same model, the same features, the
labels CRFsuite gives when handed the feature names themselves (as in training, mappers/build_ner.py)."""
import subprocess
import sys
from pathlib import Path

import pycrfsuite
import pytest

from khabar.extract.entities import _Finder
from khabar.extract.knowledge import load_knowledge
from khabar.extract.layout import layout
from khabar.extract.recogniser import MODEL, _merged, gazetteer_tags, recogniser_for
from khabar.model import Article
from khabar.resources import mappers_path

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] + [
    "التقى الرئيس فلاديمير بوتين «الرئيس» إيمانويل ماكرون، في باريس (أمس).",
    "قال المتحدث باسم وزارة الصحة محمد العبدالعالي لـ«عكاظ» إن",  # short windows, punctuation
    "ريال مدريد",  # a window of two words
    "كيف",  # of one
]


@pytest.fixture(scope="module")
def crfsuite():
    tagger = pycrfsuite.Tagger()
    tagger.open(str(mappers_path().joinpath(*MODEL)))
    return tagger


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_the_recogniser_labels_as_crfsuite_does(crfsuite, text):
    kb = load_knowledge()
    recogniser = recogniser_for(kb)
    doc = layout(Article("t", text, "t.txt", published="2015-07-22"), kb.boilerplate)
    gaz = gazetteer_tags(doc, kb)
    windows = _merged(doc, _Finder(doc, kb).windows(doc.find(kb.names))) + [(0, len(doc.words))]
    for window in windows:  # each window alone, and all of them at once
        expected = crfsuite.tag(recogniser.features.sentence(doc, *window, gaz))
        assert recogniser.labels_of(doc, gaz, [window]) == expected
    apart = _merged(doc, _Finder(doc, kb).windows(doc.find(kb.names)))
    expected = [label for w in apart for label in crfsuite.tag(recogniser.features.sentence(doc, *w, gaz))]
    assert recogniser.labels_of(doc, gaz, apart) == expected
    assert any(label != "O" for label in expected) or len(doc.words) < 3


def test_importing_khabar_loads_no_numpy():
    """numpy (a tenth of a second) is loaded when the recogniser is first made, not by importing
    khabar, its compiled core (viterbi.pyx) included: each command, and each query worker that khabar
    serve starts, starts without it."""
    code = "import sys, khabar.cli, khabar.extract.recogniser, khabar.serve.worker_process; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
