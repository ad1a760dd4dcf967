"""Open-world extraction: the trained recogniser decides where a gazetteer name stands for its entity,
names no list knows become entities, and an outlet spoken to is the source, not the speaker. Each
case is a failure seen on real July 2015 days (issue 14), written as a sentence of its own."""
import pytest

from khabar.extract import extract
from khabar.extract.knowledge import load_knowledge
from khabar.extract.recogniser import recogniser_for, spans
from khabar.model import Article


def extraction(text):
    return extract(Article("t", text, "t.txt", published="2015-07-22"))


def linked(text):
    """(surface text, entity key) of every mention of a gazetteer entity."""
    x = extraction(text)
    return {(m.span.text, m.entity) for m in x.mentions if ":" not in m.entity}


def test_the_shipped_model_is_loaded():
    assert recogniser_for(load_knowledge()) is not None


@pytest.mark.parametrize("text,wrong", [
    ("وتساءل المواطن كيف يمكن أن يحدث هذا في المدينة", "kyiv"),  # a function word
    ("وأعلنت الشركة عن نتائج مالية جيدة للربع الثاني", "male"),  # "financial", not Malé
    ("ترأس الأمير اجتماع المجلس أمس", "liz_truss"),  # a verb
    ("قصفت القاعدة التركية مواقع للمسلحين", "al_qaeda"),  # the Turkish base
    ("وقال وزير الخارجية الأمريكي الأسبق جورج شولتز إن", "olaf_scholz"),  # another man of that surname
    ("وفاز ريال مدريد على برشلونة بهدفين", "madrid"),  # the club
    ("ذكرت صحيفة الرياض أن الوزارة ستعلن", "riyadh"),  # the newspaper
    ("تخرج الطلاب من مدرسة بنين الابتدائية", "benin"),  # a boys' school
])
def test_a_common_word_or_another_name_links_to_nothing(text, wrong):
    assert wrong not in {key for _, key in linked(text)}


@pytest.mark.parametrize("text,right", [
    ("وصل الرئيس إلى العاصمة الرياض أمس", "riyadh"),
    ("أكد فلاديمير بوتين أن روسيا لن تتراجع", "vladimir_putin"),
    ("وقال بوتين إن موسكو مستعدة للحوار", "vladimir_putin"),
    ("التقى الملك سلمان في جدة وزير الدفاع الأمريكي", "jeddah"),
    ("واتهمت واشنطن تنظيم داعش بالهجوم", "isis"),
])
def test_a_name_in_its_own_sense_still_links(text, right):
    assert right in {key for _, key in linked(text)}


def test_a_name_no_list_knows_becomes_an_entity_and_a_speaker():
    x = extraction("وأوضح الدكتور سعد القحطاني أن الحالات في تراجع مستمر.")
    assert [s.speaker for s in x.statements] == ["person:سعد القحطاني"]
    person = x.entities["person:سعد القحطاني"]
    assert (person.type, person.label_ar, person.qid) == ("Person", "سعد القحطاني", None)


@pytest.mark.parametrize("text,speaker,source", [
    ("وقال محمد العتيبي لـ«عكاظ» إن المشروع سينتهي قريبا.", "person:محمد العتيبي", "okaz"),
    ("وأكد وزير الخارجية عادل الجبير لوكالة رويترز أن المملكة لن تتراجع.", "adel_al_jubeir", "reuters"),
])
def test_the_outlet_spoken_to_is_the_source_never_the_speaker(text, speaker, source):
    [statement] = extraction(text).statements
    assert (statement.speaker, statement.source) == (speaker, source)


def test_the_kremlins_press_office_still_speaks_for_the_kremlin():
    x = extraction("من جهته، أفاد المركز الصحافي للكرملين بأن الرئيس بوتين بحث الأوضاع هاتفياً.")
    assert [s.speaker for s in x.statements] == ["kremlin"]


def test_a_month_name_is_no_place():
    x = extraction("وفي نيسان/أبريل 2024 أجرى الرئيسان محادثات في باريس")
    assert not [k for k in x.entities if k.startswith("place:")]


def test_bio_labels_become_spans():
    assert spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-PER"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG"), (6, 7, "PER")]
