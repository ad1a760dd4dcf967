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
