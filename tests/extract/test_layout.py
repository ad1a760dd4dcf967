from khabar.extract.knowledge import load_knowledge
from khabar.extract.layout import SENTENCE_END, SENTENCE_STOPS, layout
from khabar.model import Article


def skipped_lines(text):
    doc = layout(Article("t", text, "t.txt"), load_knowledge().boilerplate)
    lines = {}
    for i in range(len(doc.tokens)):
        lines.setdefault(doc.para[i], []).append(doc.skip[i])
    return [all(v) for _, v in sorted(lines.items())]


def test_site_boilerplate_and_repeated_lines_are_left_out():
    text = ("عنوان الخبر\n\nعنوان الخبر\nقال الوزير إن المحادثات مثمرة.\n"
            "التعليقات (0)\n\n0\nالأكثر قراءة\nنص بعد القائمة")
    assert skipped_lines(text) == [False, True, False, True, True, True, True]


def test_a_long_line_starting_like_boilerplate_is_kept():
    text = "نقلا عن مصادر مطلعة فإن الوزير سيزور العاصمة الأسبوع المقبل للقاء نظيره وبحث العلاقات الثنائية"
    assert skipped_lines(text) == [False]


def test_sentences_split_at_full_stops_and_lines():
    doc = layout(Article("t", "قال الوزير كذا. وأضاف كذا\nسطر آخر", "t.txt"), load_knowledge().boilerplate)
    assert doc.sent == [0, 0, 0, 1, 1, 2, 2]


def test_a_full_stop_between_two_arabic_words_with_no_space_ends_a_sentence():
    """«والإرهاب.الندوة»: a space left out after the stop; not «بي.بي.سي» nor «د.محمد» (short words)."""
    doc = layout(Article("t", "في مكافحة الإرهاب.الندوة هي امتداد. وقال لبي.بي.سي ود.محمد كذا", "t.txt"),
                 load_knowledge().boilerplate)
    assert doc.sent == [0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]
    assert not SENTENCE_END.search("وأفادت هيئة الإذاعة اليابانية (إن.اتش.كيه) أن")  # letters spelt out


def test_a_sentence_end_starts_with_one_of_the_stops():
    """SENTENCE_STOPS lets a caller skip the regex where no sentence can end (statements.clause_end)."""
    enders = {chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and SENTENCE_END.match(chr(c) + " x")}
    assert enders == set(SENTENCE_STOPS)
    text = "إيه.بي.تي بلغ 1.65 مليار. قال؟! نعم...\n\nسطر"
    assert [m.group() for m in SENTENCE_END.finditer(text)] == [".", "؟!", "...", "\n\n"]


def test_bylines_are_left_out():
    assert skipped_lines("عنوان الخبر\nعين اليوم – الرياض\nكتب: محمد علي\nقال الوزير إن الاجتماع مثمر") == \
        [False, True, True, False]


def test_a_run_without_a_stop_is_cut_into_bounded_sentences():
    from khabar.extract.layout import _bounded
    assert _bounded([0, 0, 0, 0, 0, 1, 1], longest=2) == [0, 0, 1, 1, 2, 3, 3]
    assert _bounded([0, 0, 1, 1], longest=2) == [0, 0, 1, 1]  # nothing too long: as it was
    doc = layout(Article("t", "كلمة " * 1200, "t.txt"), load_knowledge().boilerplate)
    assert max(last - first for first, last in doc.sentence_bounds.values()) <= 500
    assert doc.sent == sorted(doc.sent) and len(doc.sentence_bounds) == 3


def test_a_text_meets_each_set_of_words_as_an_intersection_would():
    """Doc.meets finds a text's words in a set through one index of all the sets asked for: the
    same words as intersecting the set, for sets asked for before the text was read and after
    (the text meets them all again), and for a set asked for again (the same set, a copy of it)."""
    kb = load_knowledge()
    text = "قال وزير الخارجية الأمريكي جون كيري وللرئيس في الرياض إن الحوار مستمر، وقال محمد"
    doc = layout(Article("t", text, "t.txt"), kb.boilerplate)
    words = set(doc.word_positions)
    early = [kb.names.surface, kb.given_names, frozenset({"الحوار", "مستمر", "غائبة"})]
    for forms in early:
        assert sorted(doc.meets(forms)) == sorted(words & forms)
    late = frozenset({"الرياض", "قال", "وللرئيس", "كلمة"})  # a set no text has been asked about yet
    other = layout(Article("u", "قال في الرياض", "u.txt"), kb.boilerplate)
    assert sorted(other.meets(late)) == ["الرياض", "قال"]
    assert sorted(doc.meets(late)) == sorted(words & late)
    assert sorted(doc.meets(frozenset(late))) == sorted(words & late)
    for forms in early:  # still right once the text has met them all again
        assert sorted(doc.meets(forms)) == sorted(words & forms)
    assert doc.meets(frozenset({"غائبة"})) == []


def test_the_tokens_ending_with_the_accusative_tanween_are_known():
    """«دوماً», «تركيًا» (tanween then alef, or alef then tanween), «ميناءً»: marked; a tanween inside a
    word, a kasra or damma tanween, and the same words without it are not."""
    text = "يعمل دوماً وتركيًا في ميناءً بعيد، ودوما تركيا، مدرسةٍ كتابٌ"
    doc = layout(Article("t", text, "t.txt"), load_knowledge().boilerplate)
    assert [doc.words[i] for i in sorted(doc.accusatives)] == [doc.words[1], doc.words[2], doc.words[4]]
    assert layout(Article("t", "ً «ً»", "t.txt"), load_knowledge().boilerplate).accusatives == frozenset()  # no word


def test_a_letter_written_alone_before_its_dot_abbreviates_a_title():
    """«د. عبدالله» (doctor), «م. أحمد» (engineer): no sentence ends after a letter alone and its dot."""
    doc = layout(Article("t", "وبين المشرف د. عبدالله الربيعة أن المركز يعمل. وقال م. أحمد كذا", "t.txt"),
                 load_knowledge().boilerplate)
    assert doc.sent == [0] * 8 + [1] * 4
    assert [m.start() for m in SENTENCE_END.finditer("د.. وقال ب... ثم")] == [2, 11]  # the dots but the first
