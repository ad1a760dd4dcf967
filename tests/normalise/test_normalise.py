from hypothesis import given, strategies as st

from khabar.normalise import normalise, normalise_phrase, stems, undecorated


def test_folds_hamza_ta_marbuta_alef_maqsura_diacritics_tatweel_digits():
    assert normalise("أإآٱ").text == "اااا"
    assert normalise("مدرسة").text == "مدرسه"
    assert normalise("مستشفى").text == "مستشفي"
    assert normalise("مُحَمَّدٌ").text == "محمد"
    assert normalise("الرئيـــس").text == "الرييس"
    assert normalise("٢٠١٥ و۱۴۰۰").text == "2015 و1400"
    assert normalise("مسؤول").text == normalise("مسئول").text.replace("ي", "و")


def test_drops_zero_width_and_bidi_controls():
    assert normalise("بو\u200fتين\u200b").text == "بوتين"


def test_offsets_map_back_to_original():
    original = "قالَ الرئيسُ الروسيُّ"
    n = normalise(original)
    start = n.text.index("الرييس")
    begin, end = n.original_span(start, start + len("الرييس"))
    assert original[begin:end] == "الرئيسُ"


def test_clitic_readings():
    assert (1, "بالرييس") in stems("وبالرييس")
    assert (2, "الرييس") in stems("وبالرييس")
    assert (1, "الولايات") in stems("للولايات")
    assert stems("في") == ((0, "في"),)


def test_phrase_normal_form():
    assert normalise_phrase("الرئيس الفرنسي") == ("الرييس", "الفرنسي")


@given(st.text())
def test_offsets_always_round_trip(text):
    n = normalise(text)
    assert len(n.origin) == len(n.text) + 1
    for i, ch in enumerate(n.text):
        begin, end = n.original_span(i, i + 1)
        assert 0 <= begin < end <= len(text)
    assert list(n.origin[:-1]) == sorted(n.origin[:-1])


@given(st.text())
def test_normalise_is_idempotent(text):
    once = normalise(text).text
    assert normalise(once).text == once


@given(st.text())
def test_tokens_are_the_words_of_the_normal_form(text):
    import re

    n = normalise(text)
    t = n.tokens()
    assert list(zip(t.words, t.starts, t.ends)) == [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", n.text)]


def _plain_normal_form(text: str) -> tuple[str, list[int]]:
    """The normal form as the module's lists define it, one character at a time in Python: what
    the compiled pass (khabar/normalise/fold.pyx) must give."""
    from khabar.normalise import arabic

    kept = [(i, arabic._FOLD.get(ch, ch)) for i, ch in enumerate(text) if ord(ch) not in arabic._DROP]
    folded = "".join(ch for _, ch in kept)
    if len(folded.lower()) == len(folded):
        folded = folded.lower()
    else:
        folded = "".join(low if len(low := ch.lower()) == 1 else ch for ch in folded)
    return folded, [i for i, _ in kept] + [len(text)]


@given(st.text(alphabet=st.sampled_from("قالَ الرئيسُ أإآٱؤئةىیک٠١٩۰۹ـ\u200f\u200b\ufeff\u0670\u06d6ABCİΣ_9 .\n😀")))
def test_the_compiled_pass_gives_the_normal_form_of_the_lists(text):
    n = normalise(text)
    assert (n.text, list(n.origin)) == _plain_normal_form(text)


@given(st.text())
def test_the_compiled_pass_on_any_text(text):
    n = normalise(text)
    assert (n.text, list(n.origin)) == _plain_normal_form(text)


def test_the_readings_kept_stay_bounded(monkeypatch):
    """stems keeps the readings of the words it was asked about, up to STEMS_KEPT words, then
    starts again: the same readings, memory bounded however many words a run meets."""
    from khabar.normalise import arabic

    monkeypatch.setattr(arabic, "STEMS_KEPT", 3)
    monkeypatch.setattr(arabic, "_STEMS", {})
    words = ["وبالرييس", "للولايات", "فالوزير", "كتاب", "وبالرييس", "بيت"]
    for word in words:
        assert arabic.stems(word) == arabic._readings(word)
        assert len(arabic._STEMS) <= 3
    assert arabic.stems("للولايات") == ((0, "للولايات"), (1, "الولايات"))


def _readings_as_defined(word):
    """The readings as the rule says them, one clitic at a time, each stem once."""
    found = [(0, word)]
    rest, removed = word, 0
    if len(rest) > 3 and rest[0] in "وف":
        rest, removed = rest[1:], 1
        found.append((removed, rest))
    if len(rest) > 3 and rest.startswith("لل"):
        found.append((removed + 1, "ا" + rest[1:]))
    elif len(rest) > 3 and rest[0] in "بلك":
        found.append((removed + 1, rest[1:]))
    unique = []
    for item in found:
        if item[1] not in [s for _, s in unique]:
            unique.append(item)
    return tuple(unique)


@given(st.text(alphabet="وفبلكالرييسمحدت", min_size=1, max_size=9))
def test_a_words_readings_are_its_clitics_removed_one_at_a_time(word):
    from khabar.normalise import arabic

    assert arabic._readings(word) == _readings_as_defined(word)
    assert stems(word) == _readings_as_defined(word)


def test_undecorated_keeps_the_letters_as_written():
    assert undecorated("وأطلعَ") == "وأطلع" and undecorated("مضيفـةً") == "مضيفة"
    assert normalise(undecorated("وأطلعَ")).text == normalise("وأطلعَ").text  # what matching drops, and no more


def _breaks_as_defined(text):
    import re

    from khabar.extract.layout import SENTENCE_END

    return [m.start() for m in re.finditer(r"\n+", text)], [m.start() for m in SENTENCE_END.finditer(text)]


@given(st.text(alphabet=st.sampled_from("قال .\n!?؟..9a_\u0661،ي")))
def test_the_compiled_breaks_are_the_regular_expressions_matches(text):
    """Line breaks and sentence ends found in one compiled pass (fold.breaks, which layout reads) start
    where the regular expressions' matches start: runs of stops, runs of dots with a letter or a digit
    after them (1.65, «إيه.بي.تي», «...و»), an underscore after them."""
    from khabar.normalise.fold import breaks

    assert breaks(text) == _breaks_as_defined(text)


@given(st.text())
def test_the_compiled_breaks_on_any_text(text):
    from khabar.normalise.fold import breaks

    assert breaks(text) == _breaks_as_defined(text)
