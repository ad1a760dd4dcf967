"""«فخامته»، «سموه»: an honorific with a pronoun stands for the one person the article named so. It
speaks and takes part for that person, but is no mention of a name: the graph publishes none for it."""
from khabar.extract import extract
from khabar.extract.entities import find_entities
from khabar.extract.knowledge import load_knowledge
from khabar.extract.layout import layout
from khabar.model import Article

ONE_EACH = ("استقبل الرئيس عبدالفتاح السيسي صاحب السمو الملكي الأمير محمد بن سلمان ولي ولي العهد. "
            "وأكد فخامته أهمية العلاقات الثنائية بين البلدين الشقيقين. "
            "وأكد سموه حرص المملكة على تعزيز التعاون في كل المجالات.")


def spoken_by(text: str, word: str, published: str | None = "2015-07-31") -> set[str]:
    """Who the statement whose speaker is told by `word` (its last occurrence) is given to; no mention
    of the word may be published."""
    ex = extract(Article("t", text, "t.txt", published=published))
    at = text.rindex(word)
    assert not [m for m in ex.mentions if m.span.begin == at]
    return {s.speaker for s in ex.statements if s.cue.end < at < s.content.begin}


def test_each_honorific_stands_for_the_one_person_named_so():
    assert spoken_by(ONE_EACH, "فخامته") == {"abdel_fattah_el_sisi"}
    assert spoken_by(ONE_EACH, "سموه") == {"mohammed_bin_salman"}


def test_with_two_people_named_so_it_stands_for_no_one():
    text = ("التقى صاحب السمو الأمير محمد بن سلمان صاحب السمو الأمير محمد بن نايف. "
            "وأكد سموه أهمية التعاون بين البلدين الشقيقين.")
    kb = load_knowledge()
    doc = layout(Article("t", text, "t.txt", published="2015-07-31"), kb.boilerplate)
    at = doc.token_at(text.rindex("سموه"))
    assert [f for f in find_entities(doc, kb).found if f.first == at] == []


def test_an_article_with_no_date_still_reads_the_honorific_by_its_name():
    assert spoken_by(ONE_EACH, "سموه", published=None) == {"mohammed_bin_salman"}
