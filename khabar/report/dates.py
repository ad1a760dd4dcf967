"""Partial dates (xsd:date, gYearMonth, gYear, gMonthDay) as ranges, labels and sort keys."""
from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
             "نوفمبر", "ديسمبر")
_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")


def date_range(lexical: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date with a year can mean; None without a year (or a date)."""
    if not lexical:
        return None
    try:
        if m := _FULL.match(lexical):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _YEAR_MONTH.match(lexical):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if m := _YEAR.match(lexical):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


def date_label(lexical: str | None) -> str:
    """Arabic words for a partial date: '14 سبتمبر 2022', 'سبتمبر 2022', 'سنة 2022', '4 أبريل (بلا سنة)'."""
    if not lexical:
        return "بلا تاريخ"
    if m := _FULL.match(lexical):
        return f"{int(m[3])} {_month(m[2])} {m[1]}"
    if m := _YEAR_MONTH.match(lexical):
        return f"{_month(m[2])} {m[1]}"
    if m := _YEAR.match(lexical):
        return f"سنة {m[1]}"
    if m := _MONTH_DAY.match(lexical):
        return f"{int(m[2])} {_month(m[1])} (بلا سنة)"
    return lexical


def range_label(lexical: str | None) -> str:
    """The ISO range a partial date stands for ('2022-09-01 – 2022-09-30'), or '' for a full date."""
    r = date_range(lexical)
    if r is None or r[0] == r[1]:
        return ""
    return f"{r[0].isoformat()} – {r[1].isoformat()}"


def sort_key(lexical: str | None) -> tuple:
    """Dated events by the start of their range (wider ranges first), then year-less, then undated."""
    r = date_range(lexical)
    if r is not None:
        return (0, r[0].isoformat(), r[1].isoformat())
    if lexical and _MONTH_DAY.match(lexical):
        return (1, lexical, "")
    return (2, lexical or "", "")


def group_label(lexical: str | None) -> str:
    """The heading an event is listed under in the timeline: its year, or why it has none."""
    r = date_range(lexical)
    if r is not None:
        return str(r[0].year)
    if lexical and _MONTH_DAY.match(lexical):
        return "تاريخ بلا سنة"
    return "بلا تاريخ"


def _month(text: str) -> str:
    month = int(text)
    return MONTHS_AR[month - 1] if 1 <= month <= 12 else text


# -- the timeline opens at the articles' own period ----------------------------------------------------
# An article tells of its day's events, and often of older ones too (a treaty of 1945, a war of 1931).
# The timeline opens at the days the articles were published (a week either side: "yesterday", "next
# week"), then what is to come after them, then the older dates, newest first, in a section of their own.
PERIOD_MARGIN_DAYS = 7


def articles_period(published: list[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last day the articles were published (ISO dates or date-times), or None."""
    days = []
    for value in published:
        try:
            days.append(dt.date.fromisoformat(value[:10]))
        except (TypeError, ValueError):
            continue
    return (min(days), max(days)) if days else None


def timeline_sections(events: list, published: list[str]) -> list[tuple[str, list]]:
    """(heading, events) for the timeline: the articles' period first, then later dates, then older
    ones (newest first), then year-less and undated events. `events` are in date order and have
    `.date`; without publication dates the events are grouped by year, in date order."""
    period = articles_period(published)
    if period is None:
        groups: dict[str, list] = {}
        for e in events:
            groups.setdefault(group_label(e.date), []).append(e)
        return list(groups.items())
    margin = dt.timedelta(days=PERIOD_MARGIN_DAYS)
    start, end = period[0] - margin, period[1] + margin
    during, later, older, rest = [], [], [], {}
    for e in events:
        r = date_range(e.date)
        if r is None:
            rest.setdefault(group_label(e.date), []).append(e)
        elif r[1] < start:
            older.append(e)
        elif r[0] > end:
            later.append(e)
        else:
            during.append(e)
    first, last = date_label(period[0].isoformat()), date_label(period[1].isoformat())
    span = first if period[0] == period[1] else f"{first} – {last}"
    sections = [(f"فترة المقالات: {span}", during)] if during else []
    if later:
        sections.append((f"بعد فترة المقالات (بعد {date_label(end.isoformat())})", later))
    if older:
        older.sort(key=lambda e: date_range(e.date)[1], reverse=True)
        sections.append((f"تواريخ أقدم (قبل {date_label(start.isoformat())})، الأحدث أولاً", older))
    return sections + list(rest.items())
