"""Dates as written: months in every Arabic naming
and English in any case, days, years, weekdays."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .numbers import digit_numbers
from .text import NOT_LETTER, alt, fold, key, span


@dataclass(frozen=True)
class DateMention:
    """A year, a month, a day-month(-year) or a weekday as written."""

    year: int | None
    month: int | None  # 1-12
    day: int | None
    text: str
    start: int
    end: int
    weekday: int | None = None  # 0 Monday .. 6 Sunday


MONTHS = {
    1: ("January", "يناير", "كانون الثاني", "جانفي", "جانفييه", "ينير"),
    2: ("February", "فبراير", "شباط", "فيفري", "فبراير"),
    3: ("March", "مارس", "آذار"),
    4: ("April", "أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "ابريل"),
    5: ("May", "مايو", "أيار", "ماي"),
    6: ("June", "يونيو", "يونيه", "حزيران", "جوان"),
    7: ("July", "يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
    8: ("August", "أغسطس", "آب", "أوت", "غشت", "اغسطس"),
    9: ("September", "سبتمبر", "أيلول", "شتنبر"),
    10: ("October", "أكتوبر", "اكتوبر", "تشرين الأول"),
    11: ("November", "نوفمبر", "تشرين الثاني", "نونبر"),
    12: ("December", "ديسمبر", "كانون الأول", "دجنبر"),
}
_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
                  "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = {
    0: ("Monday", "Mon", "الاثنين", "الإثنين", "الأثنين"),
    1: ("Tuesday", "Tue", "Tues", "الثلاثاء"),
    2: ("Wednesday", "Wed", "الأربعاء", "الاربعاء"),
    3: ("Thursday", "Thu", "Thur", "Thurs", "الخميس"),
    4: ("Friday", "Fri", "الجمعة"),
    5: ("Saturday", "Sat", "السبت"),
    6: ("Sunday", "Sun", "الأحد", "الاحد"),
}
_MONTH_OF = ({key(w): n for n, ws in MONTHS.items() for w in ws} |
             {key(w): n for w, n in _ABBREVIATIONS.items()})
_WEEKDAY_OF = {key(w): n for n, ws in WEEKDAYS.items() for w in ws}
_SHORT_WEEKDAYS = {key(w) for ws in WEEKDAYS.values() for w in ws if w.isascii() and len(w) <= 5}
# Names that are also common words ("may", "march",
# Arabic "practised", "father", "Juan") need a date cue.
_AMBIGUOUS = {key(w) for w in ("May", "March", "مارس", "آب", "ماي", "جوان", *_ABBREVIATIONS)}
_CUES = {key(w) for w in ("in", "of", "since", "until", "by", "from", "early", "late", "mid",
                          "last", "next", "this", "before", "after", "during", "to", "on", "في",
                          "منذ", "شهر", "حتى", "خلال", "مطلع", "أوائل", "أواخر", "منتصف", "نهاية",
                          "بداية", "قبل", "بعد", "من", "إلى")}
_NAMES = alt((w for ws in MONTHS.values() for w in ws), anycase=True)
_ABBR = alt(_ABBREVIATIONS, anycase=True)
_ORD = r"(?:st|nd|rd|th)?"
_MONTH_RE = re.compile(
    rf"(?:(?<![\d.,:])(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+|من\s+)?)?"
    rf"(?<![^\W\d_])[وبلف]?(?:(?P<name>{_NAMES})|(?P<abbr>{_ABBR})\.?){NOT_LETTER}"
    rf"(?:\s*/\s*(?:{_NAMES}){NOT_LETTER})?"
    rf"(?:\s+(?P<d2>\d{{1,2}}){_ORD}(?![\d]|[.,:]\d))?"
    rf"(?:,?\s+(?P<year>19\d\d|20\d\d|2100)(?![\d]|[.,]\d))?"
)
_WEEKDAY_RE = re.compile(
    rf"(?<![^\W\d_])(?:يوم\s+)?[وبلف]?"
    rf"(?P<name>{alt((w for ws in WEEKDAYS.values() for w in ws), anycase=True)})"
    rf"(?P<dot>\.)?{NOT_LETTER}")
_LAST_WORD_RE = re.compile(r"([^\W\d_]+)[\W_]*$")
_MONTH_BEFORE_RE = re.compile(rf"(?<![^\W\d_])(?:{_NAMES})(?:\s+(?:and|or|to)|\s*[-–])?\s*$")
# Days known by name are dates: "Boxing Day" is 26 December, ليلة رأس السنة 31 December.
_NAMED_DAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26),
               "new year's eve": (12, 31), "new year's day": (1, 1),
               "valentine's day": (2, 14),
               "halloween": (10, 31), "ليلة راس السنة": (12, 31), "عشية راس السنة": (12, 31),
               "يوم راس السنة": (1, 1), "ليلة عيد الميلاد": (12, 24), "يوم عيد الميلاد": (12, 25),
               "ليلة الميلاد": (12, 24), "عشية الميلاد": (12, 24), "عشية عيد الميلاد": (12, 24)}
# Periods of a year a source names stand for their
# months: "the first quarter" backs a claim's "January".
_PERIODS = {"first quarter": range(1, 4), "second quarter": range(4, 7),
            "third quarter": range(7, 10), "fourth quarter": range(10, 13),
            "first half": range(1, 7), "second half": range(7, 13), "first semester": range(1, 7),
            "second semester": range(7, 13), "الربع الاول": range(1, 4),
            "الربع الثاني": range(4, 7), "الربع الثالث": range(7, 10),
            "الربع الرابع": range(10, 13), "النصف الاول": range(1, 7), "النصف الثاني": range(7, 13),
            "راس السنة": range(1, 2), "مطلع العام": range(1, 2), "بداية العام": range(1, 2)}
# "the first nine months", "الأشهر التسعة الأولى", "أول تسعة أشهر": January to the ninth month
_PERIODS.update({
    name: range(1, n + 1)
    for n, en, ar in zip(range(2, 12),
                         "two three four five six seven eight nine ten eleven".split(),
                         "اثنين ثلاثة اربعة خمسة ستة سبعة ثمانية تسعة عشرة احد_عشر".split())
    for name in (f"first {en} months", f"first {n} months", *(form.replace("_", " ") for form in (
        f"الاشهر ال{ar} الاولى", f"الشهور ال{ar} الاولى", f"اول {ar} اشهر",
        f"ال{ar} اشهر الاولى")))})
_PERIOD_RE = re.compile(rf"(?<![^\W\d_])[وبلف]?(?:ال)?(?:{alt(_PERIODS, anycase=True)})"
                        rf"{NOT_LETTER}")


_FISCAL_RE = re.compile(r"\bfiscal\s+(?:year\s+)?$", re.IGNORECASE)
_FISCAL_AR_RE = re.compile(r"\s*(?:من|في)\s+(?:ال)?(?:عام|سنة|السنة|العام)\s+(?:ال)?مالي")


@lru_cache(maxsize=1024)
def period_months(text: str) -> tuple[DateMention, ...]:
    """The months of the periods a (source) text names: a quarter, a half, the start of the year."""
    folded, where = fold(text)
    found = []
    for m in _PERIOD_RE.finditer(folded):
        if _FISCAL_RE.search(folded[max(0, m.start() - 12):m.start()]) or _FISCAL_AR_RE.match(
                folded, m.end()):
            continue  # "the fiscal first quarter", "الربع الأول من العام المالي": not calendar
        start, stop = span(where, *m.span())
        name = next(p for p in _PERIODS if key(p) in key(m[0]))
        found += [DateMention(None, month, None, text[start:stop], start, stop)
                  for month in _PERIODS[name]]
    return tuple(found)
_NAMED_DAY_RE = re.compile(rf"(?<![^\W\d_])(?:{alt(_NAMED_DAYS, anycase=True)}){NOT_LETTER}")


@lru_cache(maxsize=1024)
def extract_dates(text: str) -> tuple[DateMention, ...]:
    """Months (English in any case, every Arabic naming)
    with their day and year, weekdays, standalone years."""
    folded, where = fold(text)
    found = [d for m in _MONTH_RE.finditer(folded) if (d := _month_mention(m, folded, text, where))]
    found += [pair for d in [*found] if d.day for pair in _paired_days(d, text)]
    found += [d for m in _WEEKDAY_RE.finditer(folded)
              if (d := _weekday(m, text, where)) and not overlaps(d, found)]
    for m in _NAMED_DAY_RE.finditer(folded.replace("’", "'")):
        start, stop = span(where, *m.span())
        month, day = _NAMED_DAYS[" ".join(m[0].lower().split())]
        if not overlaps(named := DateMention(None, month, day,
                                             text[start:stop], start, stop), found):
            found.append(named)
    found += [DateMention(int(q.value), None, None, q.text, q.start, q.end)
              for q in digit_numbers(text) if q.kind == "year" and not overlaps(q, found)]
    return tuple(sorted(found, key=lambda d: d.start))


_DAY_BEFORE_RE = re.compile(r"(?<!\d)(\d{1,2})\s*(?:and|&|to|-|–|و)\s*$")
_DAY_AFTER_RE = re.compile(r"\s*(?:and|&|-|–|و)\s*(\d{1,2})(?!\d|[.,]\d)(?!\s*[^\W\d_])")


def _paired_days(d: DateMention, text: str) -> list[DateMention]:
    """The other day of a pair that shares d's month: "22 و23 أكتوبر", "22-23 October", "October 22
    and 23"."""
    found = []
    if (m := _DAY_BEFORE_RE.search(text[max(0, d.start - 12):d.start])) and d.text[:1].isdigit():
        start = d.start - len(m[0]) + m.start(1) - m.start()
        found.append(DateMention(d.year, d.month, int(m[1]), m[1], start, start + len(m[1])))
    if not d.text[-1:].isdigit() or d.year:
        return found
    if (m := _DAY_AFTER_RE.match(text, d.end)) and 1 <= int(m[1]) <= 31:
        found.append(DateMention(d.year, d.month, int(m[1]), m[1], m.start(1), m.end(1)))
    return [x for x in found if 1 <= x.day <= 31]


def _month_mention(m: re.Match[str], folded: str, text: str,
                   where: tuple[int, ...]) -> DateMention | None:
    written = m["name"] or m["abbr"]
    name = key(written)
    day = m["d1"] or m["d2"]
    if written.isascii() and written.islower() and (name in _AMBIGUOUS or m["abbr"]):
        # "you may go", "oct" in a URL: a lowercase English month counts only when unambiguous
        return None
    if name in _AMBIGUOUS and not day and not m["year"]:
        before = _LAST_WORD_RE.search(folded[max(0, m.start() - 40):m.start()])
        word = key(before[1]) if before else ""
        if (word not in _CUES and not (word[:1] in ("و", "ف") and word[1:] in _CUES) and  # "وفي آب"
                not _MONTH_BEFORE_RE.search(folded[max(0, m.start() - 40):m.start()])):
            # nor after another month ("بين يناير/ كانون الثاني ومارس")
            return None
    start, stop = span(where, m.start(), m.end())
    day_n = int(day) if day and 1 <= int(day) <= 31 else None
    year = int(m["year"]) if m["year"] else None
    return DateMention(year, _MONTH_OF[name], day_n, text[start:stop], start, stop)


def _weekday(m: re.Match[str], text: str, where: tuple[int, ...]) -> DateMention | None:
    written = m["name"]
    name = key(written)
    if name in _SHORT_WEEKDAYS and not (written[:1].isupper() and (m["dot"] or written.isupper())):
        return None  # "sun", "sat", "wed": words; "Sat." or "SAT" abbreviate a day
    if written.isascii() and written.islower():
        return None
    start, stop = span(where, m.start("name"), m.end())
    return DateMention(None, None, None, text[start:stop], start, stop, weekday=_WEEKDAY_OF[name])


def overlaps(item: object, others: Iterable[object]) -> bool:
    """Whether `item`'s span overlaps any of `others`' (anything with start and end)."""
    return any(item.start < o.end and o.start < item.end  # type: ignore[attr-defined]
               for o in others)
