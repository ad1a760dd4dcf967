"""The recogniser's own scoring gives CRFsuite's labels: the same model, the same features, the
labels CRFsuite gives when handed the feature names themselves (as in training, mappers/build_ner.py)."""
import subprocess
import sys
from pathlib import Path

import pycrfsuite
import pytest
from hypothesis import given, settings, strategies as st

from khabar.extract.entities import _Finder
from khabar.extract.knowledge import load_knowledge
from khabar.extract.layout import layout
from khabar.extract.recogniser import MODEL, Recogniser, _merged, gazetteer_tags, read_model, recogniser_for
from khabar.extract.viterbi import sum_groups
from khabar.extract.word_features import attribute_ids, word_features
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


def test_mapping_loads_no_numpy():
    """The recogniser's arithmetic runs on the standard library's arrays: importing khabar, its
    compiled core included, and mapping an article load no numpy (a tenth of a second each
    process that maps, and its threads)."""
    code = ("import sys, khabar.cli, khabar.serve.worker_process\n"
            "from khabar.extract import extract\nfrom khabar.model import Article\n"
            "extract(Article('t', 'قال الرئيس الروسي فلاديمير بوتين إن الحوار ضروري.', 't.txt'))\n"
            "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def _ids_by_name(recogniser, kb, word):
    """A word's ids found as the model names its features (word_features), five groups."""
    own, before, after, two = word_features(word, kb.common_words, kb.given_names)
    return [[recogniser._ids.get(a, 0) for a in group] for group in (own, before, after, two[:1], two[1:])]


def _grouped(found, cuts):
    ends = cuts[1:] + [len(found)]
    return [found[a:b] for a, b in zip(cuts, ends)]


def test_a_words_ids_are_found_as_its_feature_names_would_find_them():
    """attribute_ids finds the ids by the word's parts, not by writing out its feature names: the
    same ids, on every word of the seeds and the model's own words, clitics, numbers and Latin."""
    kb = load_knowledge()
    recogniser = recogniser_for(kb)
    words = sorted({w for text in TEXTS for w in layout(Article("t", text, "t.txt"), kb.boilerplate).words})
    words += sorted(name[2:] for name in recogniser._ids if name.startswith("w="))[:3000]
    words += ["وللرئيس", "فالأمير", "2015", "obama", "x", "ال", "والال", "بن", "محمد", "ومحمد", "لل"]
    found, cuts = attribute_ids(words, recogniser._id_tables, kb.common_words, kb.given_names)
    groups = _grouped(found, cuts)
    assert len(groups) == 5 * len(words)
    for k, word in enumerate(words):
        assert groups[5 * k:5 * k + 5] == _ids_by_name(recogniser, kb, word), word


@given(st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةى0123456789ab_", min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_any_words_ids_are_found_as_its_feature_names_would_find_them(word):
    kb = load_knowledge()
    recogniser = recogniser_for(kb)
    found, cuts = attribute_ids([word], recogniser._id_tables, kb.common_words, kb.given_names)
    assert _grouped(found, cuts) == _ids_by_name(recogniser, kb, word)


def test_a_words_scores_are_its_features_weights_summed_in_order():
    """sum_groups adds each group's weights in the group's order into its word's row of the table,
    and writes nowhere else (the labels stay CRFsuite's: tested above)."""
    from array import array

    kb = load_knowledge()
    recogniser = recogniser_for(kb)
    n, matrix = recogniser._n, recogniser._matrix
    words = sorted({w for text in TEXTS for w in layout(Article("t", text, "t.txt"), kb.boilerplate).words})
    found, cuts = attribute_ids(words, recogniser._id_tables, kb.common_words, kb.given_names)
    table = array("d", bytes(8 * (len(words) + 3) * 5 * n))
    sum_groups(table, 2, matrix, n, found, cuts)
    for g, (start, stop) in enumerate(zip(cuts, cuts[1:] + [len(found)])):
        expected = [0.0] * n
        for attribute in found[start:stop]:
            expected = [total + matrix[attribute * n + j] for j, total in enumerate(expected)]
        at = ((2 + g // 5) * 5 + g % 5) * n
        assert list(table[at:at + n]) == expected
    assert not any(table[:2 * 5 * n]) and not any(table[-5 * n:])


def test_the_model_is_read_as_crfsuite_stores_it_without_a_temporary_file(crfsuite, monkeypatch):
    """read_model gives CRFsuite's labels in their order and every weight of its dump (which prints
    six decimals); a recogniser is made with no temporary file (a dump to one, closed twice by
    pycrfsuite, had closed another thread's file in a Dask worker: "Bad file descriptor")."""
    import tempfile

    path = str(mappers_path().joinpath(*MODEL))
    labels, transitions, state_features = read_model(path)
    info = crfsuite.info()
    assert labels == crfsuite.labels()
    assert {(a, b) for a, b, _ in transitions} == set(info.transitions) and len(transitions) == len(info.transitions)
    assert {(a, b) for a, b, _ in state_features} == set(info.state_features)
    assert len(state_features) == len(info.state_features)
    assert all(abs(info.transitions[a, b] - w) <= 5e-7 for a, b, w in transitions)
    assert all(abs(info.state_features[a, b] - w) <= 5e-7 for a, b, w in state_features)

    def refuse(*args, **kwargs):
        raise AssertionError("a temporary file")

    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    assert Recogniser(load_knowledge(), path)._n == len(labels)


def test_a_file_that_is_no_model_is_named(tmp_path):
    from khabar.errors import InputError

    model = mappers_path().joinpath(*MODEL).read_bytes()
    for content in (b"", b"lCRF" + bytes(60), b"not a model " * 10, model[:len(model) // 2]):
        bad = tmp_path / "ner.crfsuite"
        bad.write_bytes(content)
        with pytest.raises(InputError, match="cannot read the recogniser's model .*ner.crfsuite"):
            read_model(str(bad))
