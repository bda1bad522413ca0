"""Check that the numbers, dates and quotes of a generated text are backed by its source.

A journalist publishes what the tool says, so every figure, month, year and quotation in an
output must be found in the source article, across Arabic and English.  Matching rules:

- Text is folded before any regex runs: harakat (U+064B-U+065F, U+0670), tatweel and format
  marks (RLM, ALM...) are dropped, hamza carriers lose their hamza (NFD), and Arabic-Indic
  digits and separators become ASCII.  Spans are mapped back, so reports quote the output as is.
  Month names that are also words (May, March, abbreviations, مارس, آب) count only beside a
  day, a year or a cue word ("in", "في", "منذ"...).
- Numbers: an output figure matches a source figure of equal scaled value; it may also round
  one to the last digit it writes ("130 million" for 129.7 million) when it shows at least two
  significant digits -- a one-digit figure ("2 billion") must be exact.  A percentage needs a
  source percentage, an amount in one currency may not be another's, and a bare number matches
  any source figure.  Numbers written as words are not read, on either side.
- Dates: each output year (1900-2100), month (either Arabic naming, or English) and day-month
  must appear in the source; a month-year needs that pairing, or the month without a year.
- Quotes: the quoted words must appear in the source, word-bounded, after folding, collapsing
  whitespace and case, with "..." allowing cuts.  Across languages they may instead appear in
  `translated_source`; without one, an unmatched quote is reported as unverifiable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

__all__ = ["DateMention", "Finding", "Quantity", "check", "extract_dates", "extract_numbers", "extract_quotes"]


@dataclass(frozen=True)
class Finding:
    """A figure, date or quote of the output that the source does not back."""

    kind: str  # number | date | quote
    text: str  # the span as it appears in the output
    why: str


@dataclass(frozen=True)
class Quantity:
    """A number as written: `value` is scaled ("130 million" -> 1.3e8)."""

    value: float
    kind: str  # number | percent | currency | year
    unit: str | None  # currency: dollar, euro, pound, riyal, dirham, dinar, lira
    text: str
    start: int
    end: int
    precision: float  # place value of the last digit written: 1e6 for "130 million"
    significant: int  # digits written, leading zeros aside: 3 for "130", 2 for "3.5"


@dataclass(frozen=True)
class DateMention:
    """A year, a month, or a day-month(-year) as written."""

    year: int | None
    month: int | None  # 1-12
    day: int | None
    text: str
    start: int
    end: int


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪", "01234567890123456789.,%")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    out = unicodedata.normalize("NFD", ch).translate(_DIGITS)
    return "".join(c for c in out if not _dropped(c))


def _dropped(c: str) -> bool:
    return c == "\u0640" or "\u064b" <= c <= "\u065f" or c == "\u0670" or unicodedata.category(c) == "Cf"


@lru_cache(maxsize=32)  # a check folds the same source and output several times
def _fold(text: str) -> tuple[str, tuple[int, ...]]:
    """The text for matching, and for each of its characters the index it came from (plus one past the end)."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        chars.append(folded)
        where.extend([i] * len(folded))
    where.append(len(text))  # a sentinel, so a span ending the text keeps its trailing marks
    return "".join(chars), tuple(where)


def _span(where: tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    """Map a folded span back to the original, keeping marks that trail its last letter."""
    return where[start], max(where[end - 1] + 1, where[end])


def _key(word: str) -> str:
    return " ".join(_fold(word)[0].split()).lower()


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of folded words, longest first; lowercase Latin words ignore case."""
    parts = []
    for word in sorted({_fold(w)[0] for w in words}, key=len, reverse=True):
        pattern = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(f"(?i:{pattern})" if word.isascii() and word.islower() else pattern)
    return "|".join(parts)


_SCALES = {
    10**3: ("thousand", "k", "ألف", "آلاف", "ألفا"),
    10**6: ("million", "mn", "m", "مليون", "ملايين", "مليونا"),
    10**9: ("billion", "bn", "مليار", "مليارات", "مليارا", "بليون"),
    10**12: ("trillion", "تريليون", "تريليونات", "ترليون"),
}
_PERCENT = ("%", "percent", "per cent", "pct", "بالمئة", "بالمائة", "في المئة", "في المائة", "بالمية")
_CURRENCY_SIGNS = {"dollar": ("US$", "$", "USD"), "euro": ("€", "EUR"), "pound": ("£", "GBP"),
                   "riyal": ("SAR",), "dirham": ("AED",), "dinar": ("JOD", "KWD"), "lira": ("SYP", "TRY")}
_CURRENCY_WORDS = {
    "dollar": ("dollar", "dollars", "US dollars", "دولار", "دولارا", "دولارات"),
    "euro": ("euro", "euros", "يورو"),
    "pound": ("pound", "pounds", "sterling", "جنيه", "جنيها", "جنيهات"),
    "riyal": ("riyal", "riyals", "rial", "rials", "ريال", "ريالا", "ريالات"),
    "dirham": ("dirham", "dirhams", "درهم", "درهما", "دراهم"),
    "dinar": ("dinar", "dinars", "دينار", "دينارا", "دنانير"),
    "lira": ("lira", "liras", "lire", "ليرة", "ليرات"),
}
_SCALE_OF = {_key(w): n for n, words in _SCALES.items() for w in words}
_CURRENCY_OF = {_key(w): c for table in (_CURRENCY_SIGNS, _CURRENCY_WORDS) for c, ws in table.items() for w in ws}
_SIGNS = [w for ws in _CURRENCY_SIGNS.values() for w in ws]
_NOT_LETTER = r"(?![^\W\d_])"
_NUMBER_RE = re.compile(
    rf"(?:(?P<pre>{_alt(_SIGNS)})\s?)?(?<!\d)(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s*(?P<scale>{_alt(_SCALE_OF)}){_NOT_LETTER})?"
    rf"(?:\s*(?P<pct>{_alt(_PERCENT)}){_NOT_LETTER})?"
    rf"(?:\s*(?P<cur>{_alt(_CURRENCY_OF)}){_NOT_LETTER})?"
)


def extract_numbers(text: str) -> tuple[Quantity, ...]:
    """Every figure written with digits, Western or Arabic-Indic, with its scale and unit."""
    folded, where = _fold(text)
    return tuple(_quantity(m, text, where) for m in _NUMBER_RE.finditer(folded))


def _quantity(m: re.Match[str], text: str, where: tuple[int, ...]) -> Quantity:
    num, scale, pct, cur, end = m["num"], m["scale"], m["pct"], m["cur"], m.end()
    if scale and _key(scale) in ("m", "k") and not m["pre"]:  # "5 m" is five metres, not five million
        scale = pct = cur = None
        end = m.end("num")
    value, decimals, significant = parse_digits(num)
    factor = _SCALE_OF[_key(scale)] if scale else 1
    unit = _CURRENCY_OF.get(_key(m["pre"] or cur or ""))
    kind = "percent" if pct else "currency" if unit else "number"
    if kind == "number" and not scale and not decimals and len(num) == 4 and 1900 <= value <= 2100:
        kind = "year"
    start, stop = _span(where, m.start(), end)
    return Quantity(
        value=value * factor, kind=kind, unit=unit, text=text[start:stop], start=start, end=stop,
        precision=10.0**-decimals * factor, significant=significant,
    )


def parse_digits(num: str) -> tuple[float, int, int]:
    """(value, decimals, significant digits) of a figure in folded ASCII digits: "1,200.50" -> (1200.5, 2, 6).

    The one place a number's digits become a value, so "5.30" or "١٫٢٥" (folded to "1.25") is never read as an integer.
    """
    whole, _, frac = num.replace(",", "").partition(".")
    digits = (whole + frac).lstrip("0")
    value = float(f"{whole or 0}.{frac or 0}")  # float() reads any Unicode decimal digit
    return value, len(frac), len(digits)


_MONTHS = {
    1: ("January", "يناير", "كانون الثاني"),
    2: ("February", "فبراير", "شباط"),
    3: ("March", "مارس", "آذار"),
    4: ("April", "أبريل", "إبريل", "ابريل", "نيسان"),
    5: ("May", "مايو", "أيار"),
    6: ("June", "يونيو", "يونيه", "حزيران"),
    7: ("July", "يوليو", "يوليه", "تموز"),
    8: ("August", "أغسطس", "آب"),
    9: ("September", "سبتمبر", "أيلول"),
    10: ("October", "أكتوبر", "اكتوبر", "تشرين الأول"),
    11: ("November", "نوفمبر", "تشرين الثاني"),
    12: ("December", "ديسمبر", "كانون الأول"),
}
_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                  "Oct": 10, "Nov": 11, "Dec": 12}
_MONTH_OF = {_key(w): n for n, words in _MONTHS.items() for w in words} | {_key(w): n for w, n in _ABBREVIATIONS.items()}
# Names that are also common words ("may", "march", Arabic "practised", "father") need a date cue.
_AMBIGUOUS = {_key(w) for w in ("May", "March", "مارس", "آب", *_ABBREVIATIONS)}
_CUES = {_key(w) for w in ("in", "of", "since", "until", "by", "from", "early", "late", "mid", "last", "next",
                           "this", "before", "after", "during", "to", "في", "منذ", "شهر", "حتى", "خلال",
                           "مطلع", "أوائل", "أواخر", "منتصف", "نهاية", "بداية", "قبل", "بعد", "من", "إلى")}
_NAMES = _alt(w for ws in _MONTHS.values() for w in ws)  # capitalised, so English names keep their case
_ABBR = _alt(_ABBREVIATIONS)
_ORD = r"(?:st|nd|rd|th)?"
_MONTH_RE = re.compile(
    rf"(?:(?<![\d.,:])(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+|من\s+)?)?"
    rf"(?<![^\W\d_])[وبلف]?(?:(?P<name>{_NAMES})|(?P<abbr>{_ABBR})\.?){_NOT_LETTER}"
    rf"(?:\s*/\s*(?:{_NAMES}){_NOT_LETTER})?"
    rf"(?:\s+(?P<d2>\d{{1,2}}){_ORD}(?![\d]|[.,:]\d))?"
    rf"(?:,?\s+(?P<year>19\d\d|20\d\d|2100)(?!\d))?"
)
_LAST_WORD_RE = re.compile(r"([^\W\d_]+)[\W_]*$")


def extract_dates(text: str) -> tuple[DateMention, ...]:
    """Months (English and both Arabic namings) with their day and year, and standalone years."""
    folded, where = _fold(text)
    found = [d for m in _MONTH_RE.finditer(folded) if (d := _month_mention(m, folded, text, where))]
    found += [DateMention(int(q.value), None, None, q.text, q.start, q.end)
              for q in extract_numbers(text) if q.kind == "year" and not _overlaps(q, found)]
    return tuple(sorted(found, key=lambda d: d.start))


def _month_mention(m: re.Match[str], folded: str, text: str, where: tuple[int, ...]) -> DateMention | None:
    name = _key(m["name"] or m["abbr"])
    day = m["d1"] or m["d2"]
    if name in _AMBIGUOUS and not day and not m["year"]:
        before = _LAST_WORD_RE.search(folded[max(0, m.start() - 40):m.start()])
        word = _key(before[1]) if before else ""
        if word not in _CUES and not (word[:1] in ("و", "ف") and word[1:] in _CUES):  # "وفي آب" too
            return None
    start, stop = _span(where, m.start(), m.end())
    day_n = int(day) if day and 1 <= int(day) <= 31 else None
    year = int(m["year"]) if m["year"] else None
    return DateMention(year, _MONTH_OF[name], day_n, text[start:stop], start, stop)


def _overlaps(item: Quantity | DateMention, others: Iterable[Quantity | DateMention]) -> bool:
    return any(item.start < o.end and o.start < item.end for o in others)


_QUOTE_RE = re.compile(r'«([^«»\n]+)»|“([^“”\n]+)”|„([^„“”\n]+)[“”]|"([^"\n]+)"')


def _quote_spans(text: str) -> Iterator[tuple[int, str, str]]:
    """(start, span with its marks, words inside) for each quotation, as written in `text`."""
    folded, where = _fold(text)
    for m in _QUOTE_RE.finditer(folded):
        start, stop = _span(where, m.start(), m.end())
        inner = _span(where, *m.span(m.lastindex or 0))
        yield start, text[start:stop], text[inner[0]:inner[1]]


def extract_quotes(text: str) -> tuple[str, ...]:
    """The words inside each pair of quotation marks ("", “”, «», „“), marks left out."""
    return tuple(inner for _, _, inner in _quote_spans(text))


_MARKS = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
_ELLIPSIS_RE = re.compile(r"\[(?:\.\.\.|…)\]|\((?:\.\.\.|…)\)|\.\.\.|…")
_TRIM_RE = re.compile(r"^[\W_]+|[\W_]+$")
_CLITICS = "وفبلك"  # Arabic one-letter prefixes a quote may drop: "والجانب" still holds "الجانب"


def _comparable(text: str) -> str:
    return " ".join(_fold(text)[0].translate(_MARKS).split()).casefold()


def _find_words(haystack: str, words: str, pos: int) -> int:
    """End of the first word-bounded occurrence of `words` at or after `pos`, or -1."""
    i = haystack.find(words, pos)
    while i >= 0:
        end = i + len(words)
        left = i == 0 or not haystack[i - 1].isalnum() or (
            haystack[i - 1] in _CLITICS and (i == 1 or not haystack[i - 2].isalnum()))
        if left and (end == len(haystack) or not haystack[end].isalnum()):
            return end
        i = haystack.find(words, i + 1)
    return -1


def _quoted_in(haystack: str, quote: str) -> bool:
    """Whether the quote's words, cut at any ellipsis, appear in order in the comparable haystack."""
    pos = 0
    for part in _ELLIPSIS_RE.split(_comparable(quote)):
        part = _TRIM_RE.sub("", part)
        if part and (pos := _find_words(haystack, part, pos)) < 0:
            return False
    return True


def _language(text: str) -> str:
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff" and c.isalpha())
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "ar" if arabic > latin else "en"


def _quote_findings(source: str, output: str, translated: str | None) -> Iterator[tuple[int, Finding]]:
    cross = _language(source) != _language(output)
    haystack = _comparable(source)
    translation = _comparable(translated) if cross and translated is not None else None
    for start, span, inner in _quote_spans(output):
        if _quoted_in(haystack, inner) or (translation is not None and _quoted_in(translation, inner)):
            continue
        if not cross:
            why = "these quoted words are not in the source"
        elif translation is None:
            why = "this quote is not verbatim in the source and there is no translation to match it against"
        else:
            why = "these quoted words are not in the source nor in its translation"
        yield start, Finding("quote", span, why)


def _rounds_to(source: float, out: Quantity) -> bool:
    """Whether `out` is `source` as written, or rounded to the digits `out` shows (two at least)."""
    if source == out.value or abs(source - out.value) <= 1e-9 * max(abs(source), 1.0):  # == for 400 nines: inf
        return True
    return out.significant >= 2 and abs(source - out.value) <= out.precision / 2 * (1 + 1e-9)


def _number_problem(q: Quantity, source: tuple[Quantity, ...]) -> str | None:
    same = [s for s in source if _rounds_to(s.value, q)]
    if not same:
        return f"{q.text} is not in the source"
    if q.kind == "percent" and not any(s.kind == "percent" for s in same):
        return f"{q.text} is not a percentage in the source"
    if q.kind == "currency" and not any(s.unit == q.unit or s.kind in ("number", "year") for s in same):
        units = sorted({s.unit for s in same if s.unit})
        return f"{q.text}: the source gives this amount in {', '.join(units) or 'another unit'}"
    return None


def _number_findings(source: str, output: str, dates: tuple[DateMention, ...]) -> Iterator[tuple[int, Finding]]:
    src = extract_numbers(source)
    for q in extract_numbers(output):
        if q.kind != "year" and not _overlaps(q, dates) and (why := _number_problem(q, src)):
            yield q.start, Finding("number", q.text, why)


def _date_problem(d: DateMention, source: tuple[DateMention, ...]) -> str | None:
    if d.year and d.year not in {s.year for s in source}:
        return f"the year {d.year} is not in the source"
    if d.month is None:
        return None
    name = _MONTHS[d.month][0]
    if d.month not in {s.month for s in source}:
        return f"{name} is not in the source"
    if d.day and (d.month, d.day) not in {(s.month, s.day) for s in source}:
        return f"{name} {d.day} is not in the source"
    if d.year and not any(s.month == d.month and s.year in (d.year, None) for s in source):
        return f"{name} {d.year} is not in the source"
    return None


def check(source: str, output: str, *, translated_source: str | None = None) -> tuple[Finding, ...]:
    """Findings for the numbers, dates and quotes of `output` that `source` does not back, in output order."""
    dates = extract_dates(output)
    src_dates = extract_dates(source)
    found = [(d.start, Finding("date", d.text, why)) for d in dates if (why := _date_problem(d, src_dates))]
    found += _number_findings(source, output, dates)
    found += _quote_findings(source, output, translated_source)
    return tuple(dict.fromkeys(f for _, f in sorted(found, key=lambda pair: pair[0])))
