import pytest
from hypothesis import given, strategies as st

from khabar.extract.dates import DateFinder
from khabar.extract.knowledge import load_knowledge
from khabar.extract.layout import layout
from khabar.model import Article


def dates(text, published=None):
    kb = load_knowledge()
    doc = layout(Article("t", text, "t.txt", published=published), kb.boilerplate)
    return [d.value.lexical for d in DateFinder(kb).find(doc) if not d.since]


@pytest.mark.parametrize("text,published,expected", [
    ("التقى الرئيسان في 26 نوفمبر 2015", None, ["2015-11-26"]),
    ("التقى الرئيسان في 26 تشرين الثاني 2015", None, ["2015-11-26"]),
    ("مساء الخميس 26 تشرين الثاني", None, ["--11-26"]),
    ("في أيلول/سبتمبر 2022", None, ["2022-09"]),
    ("في نيسان/أبريل 2024 أجرى", None, ["2024-04"]),
    ("التي جرت في 4 أبريل (نيسان) الحالي في أنقرة", None, ["--04-04"]),
    ("التي جرت في 4 أبريل (نيسان) الحالي في أنقرة", "2018-04-13", ["2018-04-04"]),
    ("في العام 2022", None, ["2022"]),
    ("استقبل أمس الرئيس", "2015-07-22T02:00:00", ["2015-07-21"]),
    ("اجتمع اليوم", "2015-07-22", ["2015-07-22"]),
    ("التقى الثلاثاء", "2015-07-23", ["2015-07-21"]),  # 2015-07-23 is a Thursday
    ("التقى الثلاثاء", None, []),
    ("يوم الأربعاء المقبل في القاهرة", "2015-07-31", ["2015-08-05"]),  # a Friday: the Wednesday to come
    ("الخميس الماضي", "2015-07-23", ["2015-07-16"]),  # a Thursday: the one before
    ("مطلع سبتمبر المقبل", "2015-07-21", ["2015-09"]),
    ("مطلع يناير المقبل", "2015-07-21", ["2016-01"]),
    ("الاتفاق الذي أبرم في 14 يوليو", "2015-07-27", ["2015-07-14"]),  # a day and month: the year it last came
    ("في 20 ديسمبر", "2015-07-27", ["2014-12-20"]),
    ("في الشهر الماضي", "2015-01-10", ["2014-12"]),
    ("الأسبوع المقبل", "2015-07-07", ["2015-07"]),  # 13-19 July
    ("الأسبوع المقبل", "2015-07-21", ["2015"]),  # 27 July - 2 August
    ("الأسبوع الماضي", "2015-07-02", ["2015-06"]),  # 22-28 June
    ("الأسبوع المقبل", "2015-12-23", []),  # 28 December - 3 January: no single year
    ("في ٢٦ نوفمبر ٢٠١٥", None, ["2015-11-26"]),
    ("يوم 10 شوال 1436 هـ", None, ["2015-07-26"]),
    ("في شهر رمضان", None, []),
    ("في يونيو", "2015-07-25", ["2015-06"]),  # a month named alone after a word of time: its last coming
    ("في يوليو", "2015-07-25", ["2015-07"]),
    ("رونالدو يونيو", "2015-07-25", []),  # no word of time before it: no date
    ("في يونيو", None, []),
    ("في فبراير الفارط", "2015-07-25", ["2015-02"]),
    ("في سبتمبر العام الماضي", "2015-07-25", ["2014-09"]),
    ("في سبتمبر العام المقبل", "2015-07-25", ["2016-09"]),
    ("في 31 فبراير 2015", None, []),
])
def test_dates(text, published, expected):
    assert dates(text, published) == expected


def test_since_is_not_the_date():
    kb = load_knowledge()
    doc = layout(Article("t", "أول محادثات منذ 2022", "t.txt"), kb.boilerplate)
    [d] = DateFinder(kb).find(doc)
    assert d.since


def test_a_month_named_alone_later_in_the_year_dates_only_what_is_to_come():
    """«في نوفمبر» in July: this year's to come or last year's; approximate (it dates no past event),
    its next coming ahead; «منذ أصبح وزيرا للدفاع في فبراير»: a bound, farther from «منذ»."""
    kb = load_knowledge()
    doc = layout(Article("t", "مؤتمر المناخ في نوفمبر", "t.txt", published="2015-07-25"), kb.boilerplate)
    [d] = DateFinder(kb).find(doc)
    assert d.approximate and d.alone and d.relative and d.ahead.lexical == "2015-11"
    doc = layout(Article("t", "أول زيارة منذ أصبح وزيرا للدفاع في فبراير", "t.txt", published="2015-07-25"), kb.boilerplate)
    [d] = DateFinder(kb).find(doc)
    assert d.since


@given(st.text(alphabet="0123456789 يناير فبراير أمس اليوم الثلاثاء العام/()", max_size=60),
       st.dates().map(lambda d: d.isoformat()) | st.none())
def test_never_an_invalid_date_and_never_more_precise_without_a_publication(text, published):
    import datetime as dt

    for lexical in dates(text, published):
        if lexical.startswith("--"):
            dt.date(2000, int(lexical[2:4]), int(lexical[5:7]))
        else:
            parts = [int(p) for p in lexical.split("-")]
            dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
