"""Relative dates ("last year", "yesterday", العام الماضي،
أمس) made absolute by the article's date, when it is known.

Without the article's date nothing here says anything: a relative date is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Sequence

from .dates import WEEKDAYS, DateMention
from .text import NOT_LETTER, alt, fold, span

_P = r"(?<![^\W\d_])[وفب]?"  # Arabic conjunctions and prepositions written onto the word
_AR_UNITS = {"week": ("الأسبوع",), "month": ("الشهر",), "year": ("العام", "السنة")}
_AR_SHIFTS = {-1: ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة"),
              1: ("المقبل", "المقبلة", "القادم", "القادمة"),
              0: ("الجاري", "الجارية", "الحالي", "الحالية")}
_EN_SHIFTS = {"last": -1, "next": 1, "this": 0}
_EN_DAYS = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
            "today": 0, "tomorrow": 1}
_AR_DAYS = {"أول أمس": -2, "أول من أمس": -2, "أمس": -1, "البارحة": -1, "غدا": 1,
            "غدًا": 1, "بعد غد": 2}
_AR_WEEKDAY = alt(w for ws in WEEKDAYS.values() for w in ws if not w.isascii())
_RE = re.compile("|".join((
    rf"(?<![\w-])(?<!the )(?P<en>{alt(_EN_SHIFTS, anycase=True)})\s+(?P<enunit>(?i:week|month|"
    rf"year)){NOT_LETTER}", rf"(?<![\w-])(?P<enday>{alt(_EN_DAYS, anycase=True)}){NOT_LETTER}",
    rf"{_P}(?P<arunit>{alt(u for us in _AR_UNITS.values() for u in us)})\s+"
    rf"(?P<arshift>{alt(s for ss in _AR_SHIFTS.values() for s in ss)}){NOT_LETTER}",
    rf"{_P}(?P<this>{alt(('هذا الأسبوع', 'هذا الشهر', 'هذا العام', 'هذه السنة'))}){NOT_LETTER}",
    rf"{_P}(?P<arday>{alt(_AR_DAYS)}){NOT_LETTER}",
    # اليوم alone is also "nowadays"; before a weekday it is today
    rf"{_P}(?P<today>اليوم)(?=\s+(?:{_AR_WEEKDAY}){NOT_LETTER})",
)))


@dataclass(frozen=True)
class RelativeDate:
    """A date said relative to the day the article was
    written: `shift` units (day, week, month, year) away."""

    unit: str
    shift: int
    text: str
    start: int
    end: int


def _unit_of(word: str) -> str:
    folded = fold(word)[0]
    return next(u for u, ws in _AR_UNITS.items() if folded in {fold(w)[0] for w in ws})


def _read(m: re.Match[str]) -> tuple[str, int]:
    if m["en"]:
        return m["enunit"].lower(), _EN_SHIFTS[m["en"].lower()]
    if m["enday"]:
        return "day", _EN_DAYS[" ".join(m["enday"].lower().split())]
    if m["arunit"]:
        shift = next(s for s, ws in _AR_SHIFTS.items()
                     if fold(m["arshift"])[0] in {fold(w)[0] for w in ws})
        return _unit_of(m["arunit"]), shift
    if m["this"]:
        return _unit_of(m["this"].split()[-1]), 0
    if m["arday"]:
        return "day", next(s for w, s in _AR_DAYS.items()
                           if fold(w)[0] == " ".join(m["arday"].split()))
    return "day", 0


@lru_cache(maxsize=1024)
def extract_relative(text: str) -> tuple[RelativeDate, ...]:
    """The relative dates of a text as written:
    yesterday/today/tomorrow, last/this/next week, month or year."""
    folded, where = fold(text)
    found = []
    for m in _RE.finditer(folded):
        unit, shift = _read(m)
        first = next(g for g in ("en", "enday", "arunit", "this", "arday", "today") if m[g])
        # a conjunction written onto the word is not the date
        start, stop = span(where, m.start(first), m.end())
        found.append(RelativeDate(unit, shift, text[start:stop], start, stop))
    return tuple(found)


def article_day(value: object) -> date | None:
    """The article's date from its metadata ("2024-03-10",
    "2024-03-10T08:00:00Z", a date): None if not one."""
    if isinstance(value, date):
        return value
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(value or ""))
    try:
        return date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        return None


def days(rel: RelativeDate, anchor: date) -> tuple[date, date]:
    """The first and last day a relative date names, counted from the article's date."""
    if rel.unit == "day":
        day = anchor + timedelta(days=rel.shift)
        return day, day
    if rel.unit == "week":  # weeks as ISO weeks, Monday to Sunday
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=rel.shift)
        return monday, monday + timedelta(days=6)
    if rel.unit == "month":
        month = anchor.year * 12 + anchor.month - 1 + rel.shift
        first = date(month // 12, month % 12 + 1, 1)
        following = date((month + 1) // 12, (month + 1) % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return date(anchor.year + rel.shift, 1, 1), date(anchor.year + rel.shift, 12, 31)


def as_mention(rel: RelativeDate, anchor: date) -> DateMention:
    """A relative date as the absolute date it names,
    so that it backs a claim's year, month or day."""
    first, _ = days(rel, anchor)
    if rel.unit == "day":
        return DateMention(first.year, first.month, first.day, rel.text, rel.start, rel.end,
                           first.weekday())
    return DateMention(first.year, first.month if rel.unit == "month" else None, None, rel.text,
                       rel.start, rel.end)


def disagreement(rel: RelativeDate, anchor: date, evidence: Sequence[DateMention]) -> str | None:
    """Why the dates of a claim's evidence say another time than the claim's relative date names;
    None when one of them agrees, or none says a time of that kind (a weekday for "yesterday", a
    year for "last year")."""
    first, last = days(rel, anchor)
    comparable = [d for d in evidence if _comparable(rel.unit, d)]
    if not comparable or any(_agrees(rel.unit, d, first, last) for d in comparable):
        return None
    named = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
    if rel.unit == "year":
        named = str(first.year)
    said = ", ".join(dict.fromkeys(d.text for d in comparable))
    return (f"{rel.text} is {named} by the article's date ({anchor.isoformat()}), "
            f"but the sentences this claim rests on say {said}")


def _comparable(unit: str, d: DateMention) -> bool:
    if unit == "year":
        return d.year is not None
    if unit == "month":
        return d.month is not None
    return bool(d.month and d.day) or (unit == "day" and d.weekday is not None)


def _agrees(unit: str, d: DateMention, first: date, last: date) -> bool:
    if unit == "year":
        return d.year == first.year
    if unit == "month":
        return d.month == first.month and d.year in (None, first.year)
    if d.month is None:  # a weekday alone
        return d.weekday == first.weekday()
    for year in (d.year,) if d.year else (first.year, last.year):
        try:
            if first <= date(year, d.month, d.day or 0) <= last:
                return True
        except ValueError:  # 30 February: no such day agrees
            continue
    return False
