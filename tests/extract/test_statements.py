import pytest


def said(x):
    return [(s.speaker, s.direct, s.content.text, s.speech_act) for s in x.statements]


@pytest.mark.parametrize("open_,close", [("«", "»"), ("“", "”"), ('"', '"'), ("„", "“"), ("‹", "›")])
def test_direct_quote_in_every_style(ex, open_, close):
    x = ex(f"قال بوتين: {open_}نحن مستعدون للحوار{close}.")
    assert said(x) == [("vladimir_putin", True, "نحن مستعدون للحوار", "statement")]


def test_reported_speech_verb_subject(ex):
    x = ex("حذر الرئيس الفرنسي إيمانويل ماكرون من أن أي هجوم سيقابل برد.")
    [(speaker, direct, text, act)] = said(x)
    assert (speaker, direct, act) == ("emmanuel_macron", False, "warning")
    assert text.startswith("أن أي هجوم")


def test_continuation_and_participle_keep_the_speaker(ex):
    x = ex("قال بوتين إن الحوار مهم. وأضاف أن العقوبات لا تفيد، مؤكدا أن بلاده مستعدة.")
    assert [s[0] for s in said(x)] == ["vladimir_putin"] * 3
    assert [s[2] for s in said(x)] == ["إن الحوار مهم", "أن العقوبات لا تفيد", "أن بلاده مستعدة"]


def test_source_is_credited(ex):
    x = ex("وبحسب وكالة رويترز قال ماكرون إن الحوار ضروري.")
    [s] = x.statements
    assert s.speaker == "emmanuel_macron" and s.source == "reuters"


def test_statement_from_a_body(ex):
    x = ex("وجاء في بيان الكرملين أن الاتصال كان بناء.")
    [s] = x.statements
    assert s.speaker == "kremlin" and not s.direct


def test_a_quoted_phrase_in_reported_speech_is_reported(ex):
    x = ex("وشدد ماكرون على “الضرورة الملحة” لامتثال إيران لالتزاماتها.")
    [s] = x.statements
    assert not s.direct


def test_unknown_speaker_is_not_the_last_one(ex):
    x = ex("قال بوتين إن الحوار مهم. وقال مصدر مطلع إن الزيارة مؤجلة.")
    assert [s[0] for s in said(x)] == ["vladimir_putin"]


def test_subject_verb_order_in_headlines(ex):
    x = ex("ماكرون يدعو بوتين إلى وقف إطلاق النار")
    [s] = x.statements
    assert s.speaker == "emmanuel_macron" and s.speech_act == "appeal"


def test_statement_during_an_event(ex):
    x = ex("وقال بوتين خلال مؤتمر صحفي مشترك مع ماكرون إن العلاقات جيدة.")
    [s] = x.statements
    assert s.during is not None and x.events[s.during].type == "PressConference"


@pytest.mark.parametrize("quoted", [False, True])
def test_what_was_said_past_the_longest_content_ends_whole(ex, quoted):
    """Reported speech or a quotation running past MAX_CONTENT characters (no clause end, no closing
    mark) is cut after its last sentence end within them, else at a clause mark or a space, never
    inside a word."""
    from khabar.extract.statements import MAX_CONTENT

    sentence = "وأن المشروع يسير وفق الخطة الموضوعة له منذ البداية بلا تأخير يذكر في أي مرحلة من مراحله المختلفة. "
    body = sentence * (2 * MAX_CONTENT // len(sentence))
    text = f"قال بوتين: «{body}" if quoted else f"قال بوتين إن المشروع مهم {body}"
    [s] = ex(text).statements
    said_text = s.content.text
    assert len(said_text) <= MAX_CONTENT
    assert said_text.endswith("المختلفة")  # whole: the last sentence that fits, its stop trimmed
    long_word = "ك" * 40
    [s] = ex(f"قال بوتين إن {(long_word + ' ') * (MAX_CONTENT // 30)}").statements
    assert set(s.content.text.split()) == {"إن", long_word}  # at a space: no word cut in two


def test_a_role_whose_holder_is_named_after_its_body_and_place_is_his(ex):
    """«مدير الدفاع المدني في جدة العقيد سعيد سرحان»: the role and its body, where, a rank, then the name:
    he said it, not the role; with no name after it, the role is the speaker."""
    [s] = ex("وقال مدير الدفاع المدني في جدة العقيد سعيد سرحان إن الفرق باشرت الحادث.").statements
    assert s.speaker == "person:سعيد سرحان"
    [s] = ex("وقال مدير الدفاع المدني إن الفرق باشرت الحادث.").statements
    assert s.speaker.startswith("role:")


def test_a_bodys_spokesman_named_between_commas_with_his_rank_said_it(ex):
    """«المتحدث باسم وزارة الداخلية، اللواء منصور التركي، إن»: the name in apposition, a rank before it."""
    x = ex("وقال المتحدث باسم وزارة الداخلية، اللواء منصور التركي، إن القوات تقدمت.")
    [s] = x.statements
    assert x.entities[s.speaker].label_ar.endswith("منصور التركي")


def test_a_country_in_a_role_is_not_who_spoke_the_one_named_after_it_is(ex):
    """«أوضح مفتي عام المملكة رئيس هيئة كبار العلماء … الشيخ عبدالعزيز آل الشيخ، أن»: «المملكة» (Saudi
    Arabia, in a Saudi paper) is the role's; the Mufti named after the role said it. With no one named,
    the country stays the speaker («وقال رئيس وزراء باكستان إن»)."""
    x = ex("أوضح مفتي عام المملكة رئيس هيئة كبار العلماء رئيس اللجنة الدائمة للبحوث العلمية والإفتاء الشيخ "
           "عبدالعزيز بن عبدالله آل الشيخ ، أن الإسلام حريص على إقامة مجتمع فاضل.", source="alriyadh")
    [s] = x.statements
    assert x.entities[s.speaker].type == "Person" and "آل الشيخ" in x.entities[s.speaker].label_ar
    x = ex("وقال رئيس وزراء باكستان إن العمليات مستمرة.")
    [s] = x.statements
    assert x.entities[s.speaker].type == "Country"


def test_what_a_sentence_tells_before_its_credit_is_the_credited_persons(ex):
    """«وسيبقى أوباما في نيروبي حسبما صرح السفير روبرت غوديك»: the person credited said what the sentence
    told before «حسبما»; a medium credited («حسبما ذكرت قناة «جيو»») is a source, no speaker."""
    x = ex("وسيبقى أوباما في العاصمة نيروبي حسبما صرح السفير الأمريكي روبرت غوديك مساء أول من أمس.")
    [s] = x.statements
    assert x.entities[s.speaker].label_ar.endswith("غوديك") and s.content.text == "وسيبقى أوباما في العاصمة نيروبي"
    x = ex("قال طارق فاتيمي إنه تم القبض على عدة آلاف من الإرهابيين، حسبما ذكرت قناة «جيو» الإخبارية الباكستانية أمس.")
    assert [s.content.text for s in x.statements] == ["إنه تم القبض على عدة آلاف من الإرهابيين"]


def test_a_pointed_object_says_nothing_but_the_next_clause_may(ex):
    """«أكدت ذلك والدتها وأفادت بأن …»: the mother confirmed "that" (nothing said by the first cue; the
    «بأن» after it is the next clause's); «نفى ذلك … بقوله: «…»» goes on to what he said."""
    x = ex("وكانت المديرية العامة للشؤون الصحية قد أوضحت ملابسات وفاة طفلة. وقد أكدت ذلك والدتها وأفادت بأن "
           "توقف التنفس حدث في منزلها.")
    assert not any(s.content.text.startswith("ذلك") for s in x.statements)
    x = ex("لكن وزير الخارجية الفرنسي لوران فابيوس نفى ذلك في تصريحات لإذاعة فرنسا الدولية بقوله: «صحيح أن فرنسا كانت صارمة».")
    assert [s.content.text for s in x.statements] == ["صحيح أن فرنسا كانت صارمة"]
    assert x.entities[x.statements[0].speaker].label_ar.endswith("فابيوس")


def test_an_outlet_spoken_to_is_no_speaker_even_one_no_list_knows(ex):
    """«وقال الضابط لقناة «المسيرة»، إن …»: the channel spoken to, named after its frame with ل, is the
    medium, not who spoke; the officer is unnamed, so the statement is no one's."""
    x = ex("وقال الضابط لقناة «المسيرة» التابعة للحوثيين، إن «الخيارات الاستراتيجية تعني أن خيار السلام لم يعد مطروحا».")
    assert not any("المسيره" in s.speaker or "المسيرة" in x.entities[s.speaker].label_ar for s in x.statements)


def test_a_name_after_about_is_the_topic_not_the_speaker(ex):
    x = ex("قال المدرب رافاييل بينيتيز إن الفريق جاهز للموسم. "
           "وعن سيرخيو راموس قال: «راموس لاعب فريقنا وهو عنصر أساسي بالنسبة لنا».")
    quoted = [s for s in x.statements if s.content.text.startswith("راموس لاعب")]
    assert [x.entities[s.speaker].label_ar for s in quoted] == ["رافاييل بينيتيز"]
