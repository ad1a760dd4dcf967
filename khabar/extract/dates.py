"""Date expressions: Gregorian dates in both Arabic month systems, in words and digits; Hijri dates
(converted when complete); years; and relative expressions (أمس، الثلاثاء، الشهر الماضي) resolved
against the publication date.  Dates are never more precise than the text, never invented."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from khabar.extract.knowledge import Knowledge, word_of, words_of
from khabar.extract.layout import Doc
from khabar.model import DateValue

YEAR_WORDS = words_of("year_words")
SINCE = words_of("since")
SINCE_WORDS = 4  # the farthest «منذ» stands before the date it bounds
SINCE_MONTH_WORDS = 7  # … before a month named alone («منذ تسلمه مهامه رسميا في فبراير»)
CURRENT = words_of("current")
PAST = words_of("past")
NEXT = words_of("next")
MONTH_OPENERS = words_of("month_openers")  # «في سبتمبر»، «مطلع أغسطس»: a month named alone as a time
HIJRI_MARK = words_of("hijri_marks")
DECADES_CENTURY = 1900  # a decade named without its calendar («الثمانينيات»): of the 20th century
FROM = words_of("from")
AGE_WORDS = words_of("age_words")  # «من العمر»، «من عمره»
GREGORIAN_MARK = "م"  # written onto a year: "2012م"
HIJRI_YEARS = (1300, 1500)  # the four-digit Hijri years news names (1882 to 2077)
HIJRI_YEAR_LENGTH, HIJRI_EPOCH = 0.970224, 622.5  # Gregorian years a Hijri year lasts; the year of the Hijra
DATE_SEPARATORS = ("/", "-")  # between a day, a month and a year in digits
IN = word_of("in")


@dataclass(frozen=True, slots=True)
class DateMention:
    first: int
    last: int
    value: DateValue
    since: bool = False  # "منذ 2022": a bound, not the date of an event
    relative: bool = False  # resolved against the publication date
    ahead: DateValue | None = None  # "الثلاثاء", "5 أغسطس" said of what is to come: the next such day
    approximate: bool = False  # a Hijri year alone ("عام 1379هـ") or a decade ("الثمانينيات"): its value,
    # the last Gregorian year it runs into, bounds how long ago it was; it dates nothing (a month named
    # alone that is later in the year than the publication, «في نوفمبر»: it dates only what is to come)
    alone: bool = False  # a month named alone («في سبتمبر»): it dates only an event told right beside it


class DateFinder:
    """Finds the date expressions of a document."""

    def __init__(self, kb: Knowledge):
        self.months = kb.months
        self.hijri = kb.hijri_months
        self.relative = kb.relative_dates
        self.decades = kb.decades

    def find(self, doc: Doc) -> list[DateMention]:
        pub = doc.published_day
        out: list[DateMention] = []
        used: set[int] = set()
        n = len(doc.words)

        def day_at(k: int) -> int | None:
            w = doc.word(k)
            return int(w) if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31 else None

        def since(k: int, reach: int = SINCE_WORDS) -> bool:  # "منذ 2022", "منذ انتخابه في 2009", "منذ الثورة
            # الكوبية عام 1959"
            return any(doc.word(x) in SINCE and doc.sent[x] == doc.sent[k] for x in range(max(0, k - reach), k))

        # Gregorian: [day] month [/month | (month)] [year | الحالي | الماضي]
        gregorian = {m.first: m for m in doc.find(self.months)}
        hijri = {m.first: m for m in doc.find(self.hijri)}
        for i in sorted(gregorian.keys() | hijri.keys()):
            if i in used or doc.skip[i]:
                continue
            ms = [gregorian[i]] if i in gregorian else []
            hs = [] if ms else [hijri[i]]
            m = (ms or hs)[0]
            month = m.payload
            first, last = i, m.last
            day = day_at(i - 1) if i > 0 and (i - 1) not in used else None
            if day is not None:
                first = i - 1
            # a second name for the same month: "أيلول/سبتمبر", "أبريل (نيسان)"
            if ms and last < n:
                again = doc.at(self.months, last)
                if again and again[0].payload == month:
                    last = again[0].last
            year = _gregorian_year_of(doc.word(last)) if last < n else None
            if hs:
                if year is not None or (last < n and doc.word(last).isdigit() and len(doc.word(last)) == 4):
                    hyear = int(doc.word(last))
                    end = last + 1
                    if end < n and doc.word(end) in HIJRI_MARK:
                        end += 1
                    value = _hijri(day, month, hyear) if day else None
                    if value:
                        out.append(DateMention(first, end, value, since(first)))
                        used.update(range(first, end))
                elif day and pub:  # "يوم الخميس 28 شوال": the year the publication's day implies
                    value = _hijri_near(day, month, pub)
                    if value:
                        out.append(DateMention(first, last, value, since(first)))
                        used.update(range(first, last))
                continue
            if year is not None:
                last += 1
            elif last < n and doc.word(last) in CURRENT and pub:
                year, last = pub.year, last + 1
            elif last < n and doc.word(last) in PAST and pub:
                year = pub.year if month < pub.month or (month == pub.month and day and day <= pub.day) else pub.year - 1
                last += 1
            elif last < n and doc.word(last) in NEXT and pub:  # "مطلع سبتمبر المقبل"
                year = pub.year if month > pub.month or (month == pub.month and day and day >= pub.day) else pub.year + 1
                last += 1
            elif last < n and doc.word(last) in CURRENT | PAST | NEXT:
                last += 1
            elif last < n and pub and (told_year := _year_told(self.relative, doc, last)) is not None:
                year, last = pub.year + told_year[0], told_year[1]  # «في سبتمبر العام الماضي»
            alone = year is None and day is None  # a month named alone: dated only after a word telling a
            if alone and not (pub and doc.word(first - 1) in MONTH_OPENERS):  # time («في سبتمبر»)
                continue
            ahead = None
            if year is None and pub and _valid(DateValue(2000, month, day)):  # "14 يوليو"، «في سبتمبر»: the year
                year, ahead = _around(pub, month, day)  # the tense implies
            value = DateValue(year, month, day)
            if not _valid(value):
                continue
            later = alone and month > pub.month  # «في نوفمبر» in July, no tense told: this year's to
            bound = since(first, SINCE_MONTH_WORDS if alone else SINCE_WORDS)  # «منذ أصبح وزيرا للدفاع في فبراير»
            out.append(DateMention(first, last, value, bound, relative=alone, ahead=ahead,
                                   approximate=later, alone=alone))  # come, or last year's: it dates only
            # what is to come
            used.update(range(first, last))
        # years: "العام 2022", "في 2022", "منذ 2022"; dates in digits: "8/5/1384هـ", "17/4/2015"
        four_digits = (i for w, at in doc.word_positions.items() if 4 <= len(w) <= 5 and w[0].isdigit()
                       for i in at)  # "2012", "2012م", "1379ه": which are years is said below
        for i in sorted(four_digits):
            if i in used or doc.skip[i]:
                continue
            numeric = _numeric_date(doc, i)
            if numeric is not None:
                out.append(DateMention(i - 2, i + 1, numeric, since(i - 2)))
                used.update(range(i - 2, i + 1))
                continue
            hijri_year = _hijri_year(doc, i)
            if hijri_year is not None:  # "عام 1379هـ", "1427 هجري": long ago, but in which Gregorian year…
                out.append(DateMention(i, i + 1, DateValue(_last_gregorian_year(hijri_year)), since(i),
                                       approximate=True))
                used.add(i)
                continue
            y = _gregorian_year_of(doc.word(i))
            if y is None:
                continue
            prev = doc.word(i - 1)
            if prev in YEAR_WORDS or prev in SINCE or IN == prev:
                out.append(DateMention(i - 1, i + 1, DateValue(y), since(i) or since(i - 1)))  # "منذ انتخابه في 2009"
                used.add(i)
        for m in doc.find(self.decades):  # "في الثمانينيات من القرن الماضي", "نهاية الثمانينات الهجرية"
            if m.first in used or doc.skip[m.first] or _age_after(doc, m.last):
                continue
            hijri = m.last < n and doc.word(m.last) in HIJRI_MARK
            tens = 10 * m.payload + 9  # the decade's last year in its century
            year = _last_gregorian_year(HIJRI_YEARS[0] + tens) if hijri else DECADES_CENTURY + tens
            out.append(DateMention(m.first, m.last + hijri, DateValue(year), since(m.first), approximate=True))
            used.update(range(m.first, m.last + hijri))
        # relative expressions
        if pub:
            told_to = 0  # the end of the last relative expression: «غدا الخميس» names one day
            for m in doc.find(self.relative):
                if m.first in used or doc.skip[m.first] or m.first < told_to:
                    continue
                unit, offset = m.payload
                marker = doc.word(m.last)
                ahead = None
                if unit == "weekday" and marker in NEXT | PAST:  # "الأربعاء المقبل", "الخميس الماضي"
                    value = _weekday(pub, offset, +1 if marker in NEXT else -1)
                    last = m.last + 1
                else:
                    value, last = _resolve(m.payload, pub), m.last
                    if unit == "weekday":  # a weekday alone: the last one, or the next when told of what is to come
                        ahead = _weekday(pub, offset, +1, today=True)
                    else:
                        named = next((w.payload[1] for w in doc.at(self.relative, last) if w.payload[0] == "weekday"), None)
                        if unit == "day" and named is not None and value:
                            value, last = _nearest_weekday(value, named), last + 1  # «غدا الخميس»، «اليوم الأحد»:
                            # the day named again by its weekday, which the writer gives and a late-stamped
                            # record does not move
                told_to = last
                if value:
                    out.append(DateMention(m.first, last, value, since(m.first), relative=True, ahead=ahead))
        return sorted(out, key=lambda d: (d.first, d.last))


def _year_told(relative, doc: Doc, k: int) -> tuple[int, int] | None:
    """(offset in years, end token) of a relative year named at token k («العام الماضي»)."""
    told = next((m for m in doc.at(relative, k) if m.payload[0] == "year"), None)
    return (told.payload[1], told.last) if told is not None else None


def _nearest_weekday(value: DateValue, weekday: int) -> DateValue:
    """The day of that ISO weekday nearest to a day (three days either side at most)."""
    day = dt.date(value.year, value.month, value.day)
    shift = (weekday - day.isoweekday() + 3) % 7 - 3
    day += dt.timedelta(days=shift)
    return DateValue(day.year, day.month, day.day)


def _weekday(pub: dt.date, weekday: int, direction: int, today: bool = False) -> DateValue:
    """The next (direction +1) or last (-1) such ISO weekday from the publication date; the day
    itself counts when `today`."""
    d = pub if today and pub.isoweekday() == weekday else pub + dt.timedelta(days=direction)
    while d.isoweekday() != weekday:
        d += dt.timedelta(days=direction)
    return DateValue(d.year, d.month, d.day)


def _around(pub: dt.date, month: int, day: int | None) -> tuple[int, DateValue]:
    """A day (or none) and month without a year: the year of its last occurrence on or before the publication
    date (what is reported has happened), and, for what is to come, its next occurrence."""
    told, today = (month, day or 0), (pub.month, pub.day if day else 0)  # a month alone: this month is both
    year = pub.year if told <= today else pub.year - 1
    ahead = pub.year if told >= today else pub.year + 1
    return year, DateValue(ahead, month, day)


def _valid(value: DateValue) -> bool:
    try:
        dt.date(value.year or 2000, value.month or 1, value.day or 1)
    except ValueError:
        return False
    return True


def _hijri(day: int | None, month: int, year: int) -> DateValue | None:
    try:
        from hijridate import Hijri

        g = Hijri(year, month, day).to_gregorian()
    except (ImportError, ValueError, OverflowError):
        return None
    return DateValue(g.year, g.month, g.day)


def _hijri_near(day: int, month: int, pub: dt.date) -> DateValue | None:
    """A Hijri day and month with no year: in the Hijri year of the publication's day, the one
    before or the one after, whichever falls nearest to it."""
    try:
        from hijridate import Gregorian

        year = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
    except (ImportError, ValueError, OverflowError):
        return None
    found = [v for v in (_hijri(day, month, y) for y in (year - 1, year, year + 1)) if v is not None]
    return min(found, key=lambda v: abs((dt.date(v.year, v.month, v.day) - pub).days), default=None)


def _hijri_digits(word: str) -> str:
    """A year as written, without the mark of the Hijri calendar written onto it ("1379هـ")."""
    return word[:-1] if word[-1:] in HIJRI_MARK and word[:-1].isdigit() else word


def _hijri_year_of(word: str) -> int | None:
    """The year a word writes if it is four digits from 1300 to 1500, the Hijri calendar's mark on them
    or not ("1379هـ", "1384")."""
    digits = _hijri_digits(word)
    return int(digits) if digits.isdigit() and len(digits) == 4 and HIJRI_YEARS[0] <= int(digits) <= HIJRI_YEARS[1] \
        else None


def _hijri_year(doc: Doc, i: int) -> int | None:
    """The Hijri year at token i: four digits from 1300 to 1500 with the calendar's mark on or after
    them ("1379هـ", "1427 هجري") or a word for a year before them ("عام 1384")."""
    year = _hijri_year_of(doc.word(i))
    if year is None:
        return None
    marked = _hijri_digits(doc.word(i)) != doc.word(i) or i + 1 < len(doc.words) and doc.word(i + 1) in HIJRI_MARK
    return year if marked or i > 0 and doc.word(i - 1) in YEAR_WORDS else None


def _age_after(doc: Doc, k: int) -> bool:
    """An age is told from token k on («في الثلاثينيات من عمره»): the decade is of a life."""
    return k + 1 < len(doc.words) and doc.word(k) in FROM and doc.word(k + 1) in AGE_WORDS


def _last_gregorian_year(hijri_year: int) -> int:
    """The Gregorian year in which a Hijri year ends (a Hijri year is 0.970224 of a Gregorian one, and
    1 Muharram 1 fell in July 622)."""
    return int(hijri_year * HIJRI_YEAR_LENGTH + HIJRI_EPOCH)


def _numeric_date(doc: Doc, i: int) -> DateValue | None:
    """A day, a month and the year at token i written in digits with «/» or «-» between them
    ("8/5/1384هـ", "17/4/2015"): the Gregorian day, converted from a Hijri one (1300 to 1500)."""
    if i < 2 or any(doc.gap(k).strip() not in DATE_SEPARATORS for k in (i - 1, i)):
        return None
    day, month = doc.word(i - 2), doc.word(i - 1)
    if not (day.isdigit() and month.isdigit() and len(day) <= 2 and len(month) <= 2 and 1 <= int(month) <= 12):
        return None
    hijri = _hijri_year_of(doc.word(i))  # after a day and a month, a year of 1300 to 1500 is Hijri, marked or not
    if hijri is not None:
        return _hijri(int(day), int(month), hijri)
    year = _gregorian_year_of(doc.word(i))
    value = DateValue(year, int(month), int(day)) if year is not None else None
    return value if value is not None and _valid(value) else None


def _gregorian_year(word: str) -> str:
    """A year as written, without the mark of the Gregorian calendar written onto it ("2012م")."""
    return word[:-1] if word.endswith(GREGORIAN_MARK) and word[:-1].isdigit() else word


def _gregorian_year_of(word: str) -> int | None:
    """The year a word writes if it is four digits from 1900 to 2100, the Gregorian mark on them or not
    ("2012", "2012م")."""
    digits = _gregorian_year(word)
    return int(digits) if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100 else None


def _resolve(payload: tuple[str, int], pub: dt.date) -> DateValue | None:
    unit, offset = payload
    if unit == "day":
        d = pub + dt.timedelta(days=offset)
        return DateValue(d.year, d.month, d.day)
    if unit == "weekday":
        back = (pub.isoweekday() - offset) % 7
        d = pub - dt.timedelta(days=back)
        return DateValue(d.year, d.month, d.day)
    if unit == "week":  # only as precise as the whole week allows
        monday = pub - dt.timedelta(days=pub.isoweekday() - 1) + dt.timedelta(weeks=offset)
        sunday = monday + dt.timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return DateValue(monday.year, monday.month)
        return DateValue(monday.year) if monday.year == sunday.year else None
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + offset
        return DateValue(index // 12, index % 12 + 1)
    if unit == "year":
        return DateValue(pub.year + offset)
    return None
