import pytest


def events(x):
    return {(e.type, e.participants, e.place, e.date.lexical if e.date else None) for e in x.events}


@pytest.mark.parametrize("text,etype", [
    ("التقى الرئيس فلاديمير بوتين الرئيس إيمانويل ماكرون", "Meeting"),
    ("استقبل بوتين ماكرون", "Meeting"),
    ("أجرى بوتين اتصالا هاتفيا مع ماكرون", "PhoneCall"),
    ("بحث بوتين وماكرون هاتفياً الأوضاع", "PhoneCall"),
    ("عقد بوتين وماكرون مؤتمرا صحفيا مشتركا", "PressConference"),
    ("قمة بين بوتين وماكرون", "Summit"),
])
def test_triggers(ex, text, etype):
    [(t, parts, _, _)] = events(ex(text))
    assert t == etype and parts == ("emmanuel_macron", "vladimir_putin")


def test_place_and_relative_date(ex):
    x = ex("التقى بوتين ماكرون أمس في باريس", published="2017-05-30")
    assert events(x) == {("Meeting", ("emmanuel_macron", "vladimir_putin"), "paris", "2017-05-29")}


def test_one_event_per_occurrence(ex):
    x = ex("أجرى بوتين اتصالا هاتفيا مع ماكرون. واستمرت المكالمة ساعتين")
    assert len(x.events) == 1


def test_visit_to_several_countries(ex):
    x = ex("يزور وزير الخارجية الإيراني محمد جواد ظريف الكويت وقطر والعراق")
    visits = {e.place for e in x.events if e.type == "Visit"}
    assert visits == {"kuwait", "qatar", "iraq"}
    assert all("mohammad_javad_zarif" in e.participants for e in x.events)


def test_phone_call_initiator(ex):
    x = ex("تلقى بوتين اتصالا هاتفيا من ماكرون")
    [e] = x.events
    assert e.initiator == "emmanuel_macron"


def test_interview_needs_a_medium(ex):
    x = ex("قال كيري في مقابلة مع قناة العربية إن الاتفاق جيد")
    assert {e.type for e in x.events} == {"Interview"}
    assert not ex("قال كيري في مقابلة إن الاتفاق جيد").events


def test_no_event_without_parties(ex):
    assert not ex("ستعقد قمة الشهر المقبل").events


@pytest.mark.parametrize("text", [
    "واشترت غوغل هذه المنصة لقاء 1.65 مليار دولار من مؤسسها جاويد كريم",  # in exchange for
    "وكان نجم اللقاء اللاعب محمد الشلهوب الذي سجل هدفا في مرمى الاتحاد",  # the man of the match
    "ويلتقي الطرفان ذهابا في 25 أغسطس على ملعب الملك فهد بالرياض",  # a fixture between clubs
    "وكان الكادر الطبي في المستشفى قد استقبل الحالة بعد الحادث",  # a patient admitted
    "ونفذت الشركة برنامج زيارة المرضى في المستشفيات خلال العيد",  # patients visited
    "ويمكن الاطلاع على الشروط من خلال زيارة موقع المديرية العامة للجوازات",  # a web site
    "وشكر الوزير عادل الجبير على زيارته المعرض وتشجيعه للمشاركين",  # an exhibition
    "قام الأمير محمد بن سلمان بزيارة عزاء في وفاة الفقيد",  # an obituary
    "وبهذا، يلتقي المنتخب المكسيكي نظيره الأمريكي في مواجهة فاصلة في التاسع من أكتوبر المقبل",  # a play-off
    "والتقى الحمد، الطاقم الطبي المشرف على علاج الموظف المصاب واطمأن على حالته",  # at a patient's bedside
    "أصدرت لجنة أصدقاء المرضى فيلما للزيارة التي قام بها المحافظ لمستشفى الملك سعود مهنئين المرضى",  # inpatients
])
def test_a_trigger_in_another_sense_makes_no_event(ex, text):
    assert ex(text, published="2015-07-27").events == ()


def test_a_trigger_in_its_own_sense_still_makes_an_event(ex):
    x = ex("التقى الرئيس فلاديمير بوتين الرئيس إيمانويل ماكرون لقاء استمر ساعتين", published="2015-07-27")
    assert [e.type for e in x.events] == ["Meeting"]


def test_the_leader_most_named_is_no_party_to_other_peoples_talks(ex):
    x = ex("قال الملك سلمان بن عبدالعزيز إن العلاقات قوية. وأكد الملك سلمان دعم المملكة للرئيس إيمانويل ماكرون. "
           "وعقد الوزيران اجتماعا في باريس أمس", published="2015-07-27")
    assert not any("king_salman" in e.participants for e in x.events)


@pytest.mark.parametrize("text,name", [
    ("استقبل سماحة المفتي الشيخ عبدالعزيز بن عبدالله آل الشيخ في مكتبه أمس رئيس ديوان المظالم",
     "عبدالعزيز بن عبدالله آل الشيخ"),  # the family after آل, however common the word
    ("وأكد رئيس هيئة الأركان العامة الفريق أول ركن عبدالرحمن بن صالح البنيان أن القوات جاهزة",
     "عبدالرحمن بن صالح البنيان"),  # a military rank is no part of the name
])
def test_a_full_name_is_one_person(ex, text, name):
    labels = {e.label_ar for e in ex(text, published="2015-07-27").entities.values() if e.type == "Person"}
    assert name in labels


@pytest.mark.parametrize("text,date", [
    ("يلتقي الرئيس فلاديمير بوتين الرئيس إيمانويل ماكرون الأحد", "2015-07-26"),  # published on a Wednesday
    ("سيزور الرئيس فلاديمير بوتين باريس يوم الأحد", "2015-07-26"),  # future: the Sunday to come
    ("زار الرئيس فلاديمير بوتين باريس يوم الأحد", "2015-07-19"),  # past: the Sunday gone
    ("سيعقد الرئيس فلاديمير بوتين مؤتمرا صحفيا في 5 أغسطس", "2015-08-05"),
    ("عقد الرئيس فلاديمير بوتين مؤتمرا صحفيا في 5 يوليو", "2015-07-05"),
])
def test_the_date_follows_the_tense(ex, text, date):
    [event] = ex(text, published="2015-07-22").events
    assert event.date.lexical == date


def test_the_date_of_another_nouns_clause_is_not_the_events(ex):
    x = ex("وقال ظريف في مؤتمر صحافي عقده في الكويت في إطار أول جولة إقليمية له بعد الاتفاق النووي "
           "الذي أبرمت إيران في 14 يوليو إن", published="2015-07-27")
    assert [e.date for e in x.events if e.type == "PressConference"] == [None]


@pytest.mark.parametrize("text,place", [
    ("وقال ظريف في مؤتمر صحافي عقده في الكويت إن", "kuwait"),  # a country right after the trigger
    ("تجري موغيريني اليوم محادثات في السعودية مع الوزير عادل الجبير", "saudi_arabia"),
    ("التقى بوتين ماكرون وبحثا الأوضاع الراهنة في المنطقة وخاصة في سوريا", None),  # the subject of the talks
    ("وصل إلى القاهرة للاجتماع بالسفير الأميركي في اليمن ماثيو تولر", "cairo"),  # not where the ambassador serves
    ("عقد الوزير عادل الطريفي في مكتبه بجدة اجتماعاً مع السفير الأمريكي جوزيف ويستفول", "jeddah"),  # named before the trigger
    ("عقد السفير الأميركي في اليمن ماثيو تولر اجتماعاً مع الوفد", None),  # where the ambassador serves
])
def test_the_place_of_an_event_is_where_it_happens(ex, text, place):
    [event] = [e for e in ex(text, published="2015-07-27").events if e.type != "Visit"]
    assert event.place == place


@pytest.mark.parametrize("text,parties", [
    ("تلقى صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء "
     "وزير الدفاع اتصالاً هاتفيًا اليوم من فخامة الرئيس عبدربه منصور هادي رئيس الجمهورية اليمنية.",
     {"mohammed_bin_salman", "abdrabbuh_mansur_hadi"}),  # the person who opens the sentence
    ("استقبل الأمير محمد بن نايف بن عبدالعزيز ولي العهد نائب رئيس مجلس الوزراء وزير الداخلية في قصره في جدة "
     "أمس الأول سامح شكري وزير الخارجية المصري.", {"mohammed_bin_nayef", "sameh_shoukry"}),  # the object, far on
])
def test_both_parties_of_the_clause(ex, text, parties):
    [event] = ex(text, published="2015-07-24").events
    assert set(event.participants) == parties


def test_a_meeting_told_on_as_new_is_its_own_event(ex):
    x = ex("عقد الأمير محمد بن سلمان في مكتبه بجدة أمس اجتماعا ثنائيا مع وزير الدفاع الأمريكي اشتون كارتر.\n"
           "عقب ذلك، عقد الأمير محمد بن سلمان ووزير الدفاع الأمريكي اشتون كارتر اجتماعا موسعا.", published="2015-07-23")
    assert [e.type for e in x.events] == ["Meeting", "Meeting"]
