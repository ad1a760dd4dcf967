"""«فخامته»، «سموه»: an honorific with a pronoun stands for the one person the article named so."""
from khabar.extract import extract
from khabar.model import Article

ONE_EACH = ("استقبل الرئيس عبدالفتاح السيسي صاحب السمو الملكي الأمير محمد بن سلمان ولي ولي العهد. "
            "وعقد فخامته اجتماعاً مع سموه تناول العلاقات الثنائية.")


def mentioned_at(text: str, word: str, published: str | None = "2015-07-31") -> set[str]:
    ex = extract(Article("t", text, "t.txt", published=published))
    at = text.rindex(word)
    return {m.entity for m in ex.mentions if m.span.begin == at}


def test_each_honorific_stands_for_the_one_person_named_so():
    assert mentioned_at(ONE_EACH, "فخامته") == {"abdel_fattah_el_sisi"}
    assert mentioned_at(ONE_EACH, "سموه") == {"mohammed_bin_salman"}


def test_with_two_people_named_so_it_stands_for_no_one():
    text = "التقى صاحب السمو الأمير محمد بن سلمان صاحب السمو الأمير محمد بن نايف. وأكد سموه أهمية التعاون."
    assert mentioned_at(text, "سموه") == set()


def test_an_article_with_no_date_still_reads_the_honorific_by_its_name():
    assert mentioned_at(ONE_EACH, "سموه", published=None) == {"mohammed_bin_salman"}
