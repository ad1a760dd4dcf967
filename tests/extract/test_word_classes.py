"""The word classes of mappers/lexicons/word_classes.tsv: each named once, read by name."""
import shutil

import pytest

from khabar.extract.knowledge import spellings, word_class, words_of
from khabar.resources import mappers_path


@pytest.fixture
def mappers(tmp_path, monkeypatch):
    folder = tmp_path / "mappers"
    shutil.copytree(mappers_path(), folder)
    monkeypatch.setenv("KHABAR_MAPPERS", str(folder))
    word_class.cache_clear()
    yield folder
    word_class.cache_clear()


def test_a_class_is_read_by_its_name_in_the_normal_form():
    assert "حول" in words_of("topic_words") and "بشان" in words_of("topic_words")


def test_a_class_named_twice_is_refused_by_name(mappers):
    path = mappers / "lexicons" / "word_classes.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "topic_words\tعن\n", encoding="utf-8")
    with pytest.raises(ValueError, match="topic_words"):
        word_class("topic_words")


def test_an_unknown_class_is_refused_by_name(mappers):
    with pytest.raises(KeyError, match="no_such_class"):
        word_class("no_such_class")


def test_a_class_read_as_written_keeps_what_the_normal_form_loses():
    written = spellings("spelled_cues")  # «أطلع» (informed) and «اطلع» (looked at) share a normal form
    assert written["اطلع"] == "أطلع" and written["مضيفه"] == "مضيفة"
