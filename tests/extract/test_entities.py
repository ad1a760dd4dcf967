import pytest


def keys(x):
    return {m.entity for m in x.mentions}


@pytest.mark.parametrize("text,expected", [
    ("التقى بوتين وماكرون في باريس", {"vladimir_putin", "emmanuel_macron", "paris"}),
    ("وصل الوفد إلى الولايات المتحدة", {"united_states"}),
    ("وللولايات المتحدة موقف", {"united_states"}),
    ("قالت الأمم المتحدة", {"un"}),
])
def test_gazetteer_names_with_clitics(ex, text, expected):
    assert expected <= keys(ex(text))


def test_offsets_skip_the_clitic(ex):
    x = ex("وبوتين قال")
    [m] = [m for m in x.mentions if m.entity == "vladimir_putin"]
    assert m.span.text == "بوتين" and m.span.begin == 1


def test_title_with_adjective_resolves_through_the_office_holder_at_the_date(ex):
    assert "vladimir_putin" in keys(ex("قال الرئيس الروسي إن", published="2015-07-21"))
    assert "vladimir_putin" not in keys(ex("قال الرئيس الروسي إن", published="1995-07-21"))


def test_title_without_date_becomes_a_role_described_person(ex):
    x = ex("قال الرئيس الروسي إن الوضع خطير")
    [person] = [e for e in x.entities.values() if e.type == "Person"]
    assert person.role == "الرئيس الروسي" and person.qid is None


def test_title_coreference_within_the_text(ex):
    x = ex("التقى الرئيس الروسي فلاديمير بوتين ضيفه. وقال الرئيس الروسي إن المحادثات مثمرة")
    assert {e.key for e in x.entities.values() if e.type == "Person"} == {"vladimir_putin"}


def test_counterpart(ex):
    x = ex("اتصل الرئيس الفرنسي إيمانويل ماكرون بنظيره الروسي", published="2018-04-13")
    assert {"emmanuel_macron", "vladimir_putin"} <= keys(x)


def test_unknown_person_from_title_and_name_and_surname_alone(ex):
    x = ex("قال وزير الخارجية الفنلندي تيمو سويني إن بلاده مستعدة. وأضاف سويني أن الحوار ضروري")
    minted = [e for e in x.entities.values() if e.key.startswith("person:")]
    assert [e.label_ar for e in minted] == ["تيمو سويني"]
    assert minted[0].country == "finland"
    assert sum(1 for m in x.mentions if m.entity == minted[0].key) >= 2


def test_a_fathers_name_is_no_surname(ex):
    x = ex("افتتح الملك عبدالله بن عبدالعزيز المسجد. وحضر الأمير متعب بن عبدالله بن عبدالعزيز وزير الحرس الوطني.")
    anchors = {m.span.text for m in x.mentions if m.entity == "king_abdullah_saudi"}
    assert "عبدالعزيز" not in anchors and "عبدالله بن عبدالعزيز" in anchors


def test_the_end_of_another_s_name_is_no_surname(ex):
    x = ex("استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود السفراء. وحضر صاحب السمو الملكي "
           "الأمير محمد بن نايف بن عبدالعزيز آل سعود ولي العهد.", published="2015-07-31")
    anchors = {m.span.text for m in x.mentions if m.entity == "king_salman"}
    assert "سعود" not in anchors and "سلمان بن عبدالعزيز آل سعود" in anchors


def test_a_family_name_said_alone_still_links(ex):
    x = ex("قال مدير التعليم بالمنطقة محمد آل كركمان إن المدارس جاهزة. وأكد آل كركمان أهمية البداية الجادة للعام الدراسي.")
    person = next(e.key for e in x.entities.values() if e.label_ar == "محمد آل كركمان")
    assert [s.speaker for s in x.statements] == [person, person]


def test_a_given_name_read_as_a_surname_opens_another_s_name(ex):
    x = ex("استقبل الأمين العام البروفسور روسادا أحمد. كما استقبل أحمد محمد الأمين مدير المدارس.")
    person = next(e.key for e in x.entities.values() if e.label_ar == "روسادا أحمد")
    assert [m.span.text for m in x.mentions if m.entity == person] == ["روسادا أحمد"]


def test_a_name_after_a_title_and_a_clitic_is_another_s(ex):
    x = ex("ولي ولي العهد والسيسي يتفقان على تطوير التعاون العسكري. واستقبل الرئيس عبدالفتاح السيسي ضيفه.",
           published="2015-07-31", source="okaz")
    sisi = [m.span.text for m in x.mentions if m.entity == "abdel_fattah_el_sisi"]
    assert "ولي ولي العهد والسيسي" not in sisi and "السيسي" in sisi


def test_a_body_s_word_is_not_read_through_two_clitics(ex):
    x = ex("وذكرت وكالة أنباء الأناضول الرسمية الأربعاء أن صدامات سجلت في عدة بلدات جنوب شرق البلاد")
    assert [x.entities[s.speaker].label_ar for s in x.statements] == ["وكالة أنباء الأناضول"]


def test_no_person_minted_from_common_words(ex):
    x = ex("وطالب الرئيس الفرنسي أطراف النزاع بضمان إيصال المساعدات")
    assert not [e for e in x.entities.values() if e.key.startswith("person:")]


def test_ministry_by_pattern(ex):
    x = ex("أعلنت وزارة الخارجية الروسية أن")
    [org] = [e for e in x.entities.values() if e.key.startswith("organization:")]
    assert org.label_ar == "وزارة الخارجية الروسية" and org.country == "russia"


def test_home_country_of_the_newspaper(ex):
    assert "saudi_arabia" in keys(ex("وصل الوزير إلى المملكة", source="okaz"))
    assert "saudi_arabia" not in keys(ex("وصل الوزير إلى المملكة"))


def test_name_then_title_in_apposition(ex):
    x = ex("اعتبر الطيب البكوش، وزير الخارجية التونسي، أن مستقبل الأمن رهين المستجدات.")
    [s] = x.statements
    person = x.entities[s.speaker]
    assert person.label_ar == "الطيب البكوش" and person.country == "tunisia"


def test_honorific_names_and_surnames_of_known_people(ex):
    x = ex("استقبل وزير التعليم الدكتور عزام الدخيل في مكتبه أمس. وقال الدخيل إن اللقاء مثمر. والتقى سامح شكري الوزير، وأكد شكري أن العلاقات قوية.")
    assert {s.speaker for s in x.statements} == {"person:عزام الدخيل", "sameh_shoukry"}


@pytest.mark.parametrize("text,key,linked", [
    ("رابط الخبر بصحيفة الوئام: الوزير يصل", "khobar", False),  # the news
    ("ووصل الوفد إلى الخبر مساء أمس", "khobar", True),
    ("وبحث الجانبان مبادرة السلام العربية ومصلحة الأمة العربية", "al_arabiya", False),  # the adjective
    ('وقال كيري في مقابلة مع قناة "العربية" إن الاتفاق جيد', "al_arabiya", True),
    ('وقالت مصادر لـ«الشرق الأوسط» إن الاجتماع سيعقد', "asharq_al_awsat", True),  # the paper, quoted
    ('وقالت مصادر لـ«الشرق الأوسط» إن الاجتماع سيعقد', "middle_east", False),
    ("وأورثه جده «هانيبال» ملامحه الأفريقية", "jeddah", False),  # his grandfather
    ("وأبدى سعادته بالتفاعل الذي وجده من الأهالي", "jeddah", False),  # found it
    ("ظهر المتهمون في فيديو تحرش بفتاتين في جده", "jeddah", True),
    ("وصل الوزير إلى جدة قادما من الرياض", "jeddah", True),
    ("الاقتصاد في صور: زبائن في متجر للخضراوات", "tyre", False),  # in pictures
    ("وقصف الطيران الإسرائيلي مدينة صور جنوب لبنان", "tyre", True),
    ("وينطلق الفيلم بمشهد عام عن مدينة بيروت", "mashhad", False),  # a scene
    ("تعرض 22 مواطنا لحالة تسمم غذائي بمشهد الإيرانية", "mashhad", True),
    ("وأكد القنصل في مدينة مشهد أن المحامي سيباشر قضية التسمم في مشهد", "mashhad", True),
    ("قبل التسوق.. قم بإعداد قائمة بالأطعمة", "qom", False),  # make a list
    ("من خلال تسييس الحوزات الدينية في قم", "qom", True),
    ("وأسعار الذهب التي كسرت مستويات دعم حرجة", "sirte", False),  # broke
    ("المباراة التي كسبها الهلال برباعية", "sabha", False),  # won it
    ("مع الدول العربية كمصر وسوريا", "egypt", True),  # like Egypt
    ("ستضر بالجهود الرامية إلى إحياء جولة الدوحة للمفاوضات التجارية", "doha", False),  # the WTO's Doha Round
    ("ووصل الوزير إلى الدوحة في جولة خليجية", "doha", True),
    ("وجرت المباحثات في العاصمة البلجيكية تحت رعاية الاتحاد الأوروبي", "brussels", True),  # named by its frame
    ("ونظمت الحكومة البلجيكية المؤتمر", "brussels", False),
    ("وشقيقه عدنان الخلف (سوريا الجنسية) من سكان الحي", "syria", False),  # Syrian by nationality
    ("وعاد اللاجئون إلى سوريا الأسبوع الماضي", "syria", True),
    ("أعاده الله على الأمتين الإسلامية والعربية وعليكم جميعًا باليمن والبركات", "yemen", False),  # blessings
    ("وصل الوزير إلى اليمن والبحرين في جولة", "yemen", True),
])
def test_a_name_that_is_also_a_word_links_only_where_it_names(ex, text, key, linked):
    assert (key in keys(ex(text))) == linked


@pytest.mark.parametrize("text,key", [("الرياض (واس) أعلن الديوان الملكي", "spa"), ("ذكرت رويترز أن الاتفاق", "reuters")])
def test_an_agency_credited_by_its_short_name_is_linked(ex, text, key):
    assert key in keys(ex(text))


def test_a_given_and_a_family_name_the_recogniser_took_for_a_body_is_a_person(ex):
    x = ex("بولوني يصل ميلانو ويبدأ مهمته مع الاتحاد\nوصل مدرب الاتحاد الروماني بولوني مساء اليوم إلى معسكر الفريق "
           "في مدينة ميلانو الايطالية واستقبله رئيس البعثة المدير التنفيذي حامد البلوي وأعضاء الجهاز الإداري واللاعبين")
    assert {k: e.type for k, e in x.entities.items() if "البلوي" in k} == {"person:حامد البلوي": "Person"}
    assert "person:عبدالله الدمام" not in keys(ex("كتب عبدالله ـ الدمام أن الأمطار هطلت"))  # a byline


def test_a_framed_place_word_links_after_في_only_where_the_article_framed_it(ex):
    framed = ex("وأكد القنصل في مدينة مشهد أن المحامي سيباشر قضية التسمم في مشهد الأسبوع الجاري")
    assert [m.span.text for m in framed.mentions if m.entity == "mashhad"] == ["مشهد", "مشهد"]
    alone = ex("وقف الجمهور طويلا في مشهد مؤثر بعد نهاية العرض")  # a moving scene
    assert "mashhad" not in keys(alone)


def test_two_given_names_the_recogniser_read_go_on_to_the_family_s(ex):
    """«خالد محمد القحطاني»، «محمد مهدي علام»: his, his father's and the family's name (a word of no list,
    or a family's adjective); not a word of the news («خالد محمد الوفد») nor a people's adjective."""
    assert "person:خالد محمد القحطاني" in keys(ex("وفي سياق مواز عبر المواطن خالد محمد القحطاني عن شكره لأمانة الرياض."))
    assert "person:محمد مهدي علام" in keys(ex("وكشف وزير الري الاسبق محمد مهدي علام في تصريحات أن اثيوبيا تعرقل."))
    assert not any("الوفد" in k for k in keys(ex("والتقى خالد محمد الوفد الزائر.")))


def test_a_family_name_read_through_a_clitic_is_none_where_the_word_as_written_is_common(ex):
    """«لصالح الناس» (for the people's good) after «علي عبد الله صالح»: a word of the news as written."""
    text = "التقى الرئيس اليمني السابق علي عبد الله صالح وفدا. وقال إن المشروع لصالح الناس، ثم صرح صالح بأن الأمر انتهى."
    begins = {m.span.begin for m in ex(text).mentions if m.entity == "ali_abdullah_saleh"}
    assert text.index("لصالح") + 1 not in begins and text.index("صرح صالح") + 4 in begins
