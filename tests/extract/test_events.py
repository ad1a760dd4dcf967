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
