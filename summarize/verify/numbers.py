"""Figures as written: digits in either system, scale
and currency words, percentages, units, hedges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import NOT_LETTER, STOP, alt, fold, key, language, span, stem, words


@dataclass(frozen=True)
class Quantity:
    """A number as written: `value` is scaled ("130 million"
    -> 1.3e8); vague words ("dozens") span value..high."""

    value: float
    kind: str  # number | percent | currency | year | ordinal | fraction
    # currency: dollar, euro...; measures: km, mile, foot, metre, kg, tonne, hour, day, year...
    unit: str | None
    text: str
    start: int
    end: int
    # place value of the last digit that counts: 1e6 for "130 million", 1e4 for "170,000"
    precision: float
    significant: int  # digits that count: 3 for "130", 2 for "3.5" and for "170,000"
    high: float | None = None  # the top of a vague quantity's range ("hundreds": 200..999)
    # about | more | less: a rounding word before it ("nearly", "more than", نحو)
    hedge: str | None = None
    # the stem of what it counts, the first content word after it ("villages", "قتيلا")
    noun: str | None = None


_SCALES = {
    10**3: ("thousand", "k", "ألف", "آلاف", "ألفا", "الف"),
    10**6: ("million", "mn", "m", "مليون", "ملايين", "مليونا"),
    10**9: ("billion", "bn", "مليار", "مليارات", "مليارا", "بليون"),
    10**12: ("trillion", "تريليون", "تريليونات", "ترليون"),
}
_PERCENT = ("%", "percent", "per cent", "pct", "percentage points", "percentage point", "بالمئة",
            "بالمائة", "في المئة", "في المائة", "بالمية", "نقطة مئوية", "نقاط مئوية")
_CURRENCY_SIGNS = {"dollar": ("US$", "$", "USD"), "euro": ("€", "EUR"), "pound": ("£", "GBP"),
                   "riyal": ("SAR",), "dirham": ("AED",), "dinar": ("JOD", "KWD"),
                   "lira": ("SYP", "TRY")}
_CURRENCY_WORDS = {
    "dollar": ("dollar", "dollars", "US dollars", "دولار", "دولارا", "دولارات"),
    "euro": ("euro", "euros", "يورو"),
    "pound": ("pound", "pounds", "sterling", "جنيه", "جنيها", "جنيهات"),
    "riyal": ("riyal", "riyals", "rial", "rials", "ريال", "ريالا", "ريالات"),
    "dirham": ("dirham", "dirhams", "درهم", "درهما", "دراهم"),
    "dinar": ("dinar", "dinars", "دينار", "دينارا", "دنانير"),
    "lira": ("lira", "liras", "lire", "ليرة", "ليرات"),
}
UNITS = {
    "km": ("km", "kilometre", "kilometres", "kilometer", "kilometers", "كيلومتر", "كيلومترا",
           "كيلومترات", "كلم", "كم"),
    "mile": ("mile", "miles", "ميل", "ميلا", "أميال"),
    "foot": ("ft", "foot", "feet", "قدم", "قدما", "أقدام"),
    "metre": ("metre", "metres", "meter", "meters", "متر", "مترا", "أمتار"),
    "cm": ("cm", "centimetre", "centimetres", "centimeter", "centimeters", "سنتيمتر",
           "سنتيمترا", "سم"),
    "inch": ("inch", "inches", "بوصة", "إنش"),
    "kg": ("kg", "kilogram", "kilograms", "kilo", "kilos", "كيلوغرام", "كيلوغراما",
           "كيلوجرام", "كغ", "كلغ"),
    "tonne": ("tonne", "tonnes", "ton", "tons", "طن", "طنا", "أطنان"),
    "hour": ("hour", "hours", "ساعة", "ساعات", "ساعتين", "ساعتان"),
    "minute": ("minute", "minutes", "دقيقة", "دقائق"),
    "day": ("day", "days", "يوم", "يوما", "أيام", "يومين", "يومان"),
    "week": ("week", "weeks", "أسبوع", "أسبوعا", "أسابيع", "أسبوعين"),
    "month": ("month", "months", "شهر", "شهرا", "أشهر", "شهور", "شهرين", "شهران"),
    "year": ("year", "years", "سنة", "سنوات", "عام", "عاما", "أعوام", "عامين", "سنتين"),
    "litre": ("litre", "litres", "liter", "liters", "لتر", "لترا", "لترات"),
    "barrel": ("barrel", "barrels", "برميل", "براميل", "برميلا"),
    "hectare": ("hectare", "hectares", "هكتار", "هكتارا", "هكتارات"),
    "degree": ("degree", "degrees", "درجة", "درجات"),
}
_HEDGES = {
    "about": ("about", "around", "nearly", "almost", "roughly", "approximately", "some", "close to",
              "an estimated", "estimated", "just over", "just under", "نحو", "حوالي", "حوالى",
              "قرابة", "زهاء", "ما يقارب", "ما يناهز", "تقريبا", "قرابة ال", "يقارب", "تقارب",
              "قارب", "قاربت", "يناهز", "تناهز", "ناهز", "ناهزت", "ما يقرب من", "ما يربو على"),
    "more": ("more than", "over", "at least", "upwards of", "in excess of", "slightly more than",
             "a little more than", "a little over", "أكثر من", "ما يزيد على", "ما يزيد عن",
             "أزيد من", "ما لا يقل عن", "فوق", "أكثر بقليل من", "يزيد قليلا على", "تجاوز", "تجاوزت",
             "يتجاوز", "تتجاوز", "فاق", "فاقت", "يفوق", "تخطى", "تخطت"),
    "less": ("less than", "fewer than", "under", "up to", "below", "slightly less than",
             "a little less than", "a little under", "أقل من", "ما دون", "دون", "أقل بقليل من"),
}
SCALE_OF = {key(w): n for n, ws in _SCALES.items() for w in ws}
CURRENCY_OF = {key(w): c for table in (_CURRENCY_SIGNS, _CURRENCY_WORDS)
               for c, ws in table.items() for w in ws}
UNIT_OF = {key(w): u for u, ws in UNITS.items() for w in ws}
HEDGE_OF = {key(w): h for h, ws in _HEDGES.items() for w in ws}
_SIGNS = [w for ws in _CURRENCY_SIGNS.values() for w in ws]
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅕": 0.2, "⅛": 0.125}
# "2½ years", "¾": a vulgar fraction after the digits, or alone
# thousands grouped by commas, or by spaces in three groups or more ("56 949 009", as Turkish and
# French papers print it; two groups, "2019 300", may be two figures)
_DIGITS_RE = (rf"\d+[{''.join(_VULGAR)}]|[{''.join(_VULGAR)}]|"
              r"\d{1,3}(?: \d{3}){2,}(?!\d|[.,]\d)|"
              r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# Arabic-script text writes the decimal mark as a comma too ("127,3", "2,6 مليون"); a comma before
# three digits still groups thousands there ("110,015").
_COMMA_DECIMAL_RE = r"\d+,\d{1,2}(?![\d,])"


def _number_re(digits: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?:(?P<pre>{alt(_SIGNS)})\s?)?(?<![\d.])(?P<num>{digits})"
        rf"(?:\s*(?P<scale>{alt(SCALE_OF)}){NOT_LETTER})?"
        rf"(?:(?:\s*|-)(?P<pct>{alt(_PERCENT)}){NOT_LETTER})?"  # "3.2-percent"
        rf"(?:\s*(?P<cur>{alt(CURRENCY_OF)}){NOT_LETTER})?"
    )


# Jordan's news agency (Petra) and the papers that carry it write the decimal mark as ر, the
# decimals first: "4ر7 مليون" is 7.4 million, "5ر0 بالمائة" 0.5 % (the airport's own figures of a
# Petra story agree, tests/test_verify_classes.py)
_PETRA_DECIMAL_RE = r"\d+ر\d+(?!\d)"
_NUMBER_RE = {"en": _number_re(_DIGITS_RE),
              "ar": _number_re(f"{_PETRA_DECIMAL_RE}|{_COMMA_DECIMAL_RE}|{_DIGITS_RE}")}


def _petra(num: str) -> str:
    """A figure written in Petra's way ("4ر7") as digits are usually written ("7.4")."""
    decimals, _, whole = num.partition("ر")
    return f"{whole}.{decimals}" if whole and decimals.isdigit() else num


# A unit follows its number, maybe hyphenated ("7-foot") or with an Arabic preposition-free gap.
UNIT_RE = re.compile(rf"[\s-]*(?:(?P<unit>{alt(UNIT_OF)}){NOT_LETTER})")
# An Arabic hedge may carry a clitic ("بنحو", "وبحوالي"),
# and a verb of quantity its subject's ال ("قاربت الـ").
HEDGE_RE = re.compile(rf"(?<![^\W\d_])(?:[وف]?ب)?(?P<hedge>{alt(HEDGE_OF)})[\s\-]*(?:ال)?$")


def parse_digits(num: str) -> tuple[float, int, int]:
    """(value, decimals, significant digits) of a figure
    in folded digits: "1,200.50" -> (1200.5, 2, 6).

    The one place a number's digits become a value, so "5.30"
    or "١٫٢٥" (folded to "1.25") is never read as an integer.
    """
    num = _petra(num.replace(" ", ""))
    if num[-1:] in _VULGAR:
        whole = num[:-1]
        return float(whole or 0) + _VULGAR[num[-1]], 2, len(whole) + 1
    if re.fullmatch(_COMMA_DECIMAL_RE, num):
        num = num.replace(",", ".")  # only Arabic-script text reads such a figure (digit_numbers)
    whole, _, frac = num.replace(",", "").partition(".")
    digits = (whole + frac).lstrip("0")
    value = float(f"{whole or 0}.{frac or 0}")  # float() reads any Unicode decimal digit
    return value, len(frac), len(digits)


def _precision(whole: str, decimals: int, significant: int) -> tuple[float, int]:
    """Place value of the last digit that counts: trailing
    zeros of a large round figure ("170,000") do not."""
    if decimals:
        return 10.0**-decimals, significant
    zeros = len(whole) - len(whole.rstrip("0"))
    if zeros >= 3 and significant > zeros:
        return 10.0**zeros, significant - zeros
    return 1.0, significant


def hedge_before(folded: str, start: int, end: int | None = None) -> str | None:
    """The rounding word just before position `start` of folded text, or (given the figure's `end`)
    just after it ("1021 نقطة تقريبا", "60 or so"), if any."""
    m = HEDGE_RE.search(folded[max(0, start - 24):start])
    if m:
        return HEDGE_OF.get(key(m["hedge"]))
    return "about" if end is not None and _HEDGE_AFTER_RE.match(folded, end) else None


# a rounding word after the figure, past at most its counted noun
_HEDGE_AFTER_RE = re.compile(r"\s*(?:[^\W\d_]+\s+)?(?:تقريبا|or so|or thereabouts|"
                             r"approximately)(?![^\W\d_])")


_NOUN_SKIP = {key(w) for w in """of the a an per من في ال""".split()}


def noun_after(folded: str, end: int) -> str | None:
    """The stem of the word a figure counts: the first
    content word after it ("60 villages" -> "villag")."""
    for w in words(folded[end:end + 40])[:3]:
        if key(w) in WHERE_WHEN:
            return None  # "4% in March", "48% في أكتوبر": when or where, not what it counts
        if key(w) not in _NOUN_SKIP and key(w) not in STOP and not w.isdigit() and len(w) >= 3:
            return stem(key(w))
    return None


# words that open a place or a time ("in March", "في الغربية"), not what a figure counts
WHERE_WHEN = frozenset(key(w) for w in "in on at during since في خلال منذ".split())


PERCENT_RE = re.compile(rf"\s*(?:{alt(_PERCENT)}|percentage point){NOT_LETTER}")


def percent_after(folded: str, end: int) -> int | None:
    """Where a percent sign or word right after position
    `end` ends ("six percent", "ستة في المئة"), if any."""
    m = PERCENT_RE.match(folded, end)
    return m.end() if m else None


_CURRENCY_AFTER_RE = re.compile(rf"\s*(?:{alt([w for ws in _CURRENCY_WORDS.values() for w in ws])})"
                                rf"{NOT_LETTER}")


def currency_after(folded: str, end: int) -> tuple[str, int] | None:
    """The currency named right after position `end` of folded text ("... مليون دينار"), and where
    it ends."""
    m = _CURRENCY_AFTER_RE.match(folded, end)
    return (CURRENCY_OF[key(m[0].strip())], m.end()) if m else None


def unit_after(folded: str, end: int) -> tuple[str | None, int]:
    """The measure right after position `end` of folded text, and where it ends."""
    m = UNIT_RE.match(folded, end)
    return (UNIT_OF[key(m["unit"])], m.end()) if m else (None, end)


@lru_cache(maxsize=1024)
def digit_numbers(text: str) -> tuple[Quantity, ...]:
    """Every figure of `text` written with digits, Western
    or Arabic-Indic, with its scale, currency or unit."""
    folded, where = fold(text)
    pattern = _NUMBER_RE[language(text)]
    return tuple(_quantity(m, folded, text, where) for m in pattern.finditer(folded))


# "35 basis points", "50 bps", "25 نقطة أساس": hundredths of a percentage point
BASIS_POINTS_RE = re.compile(r"\s*(?:basis[\s-]+points?|bps|bp|نقط[ةه]\s+[أا]ساس|نقاط\s+[أا]ساس)"
                             r"(?![^\W\d_])", re.IGNORECASE)
_YEAR_BEFORE_RE = re.compile(r"(?:\byear|(?<![^\W\d_])[وبلف]{0,2}(?:ال)?عام)\s*$", re.IGNORECASE)


def _quantity(m: re.Match[str], folded: str, text: str, where: tuple[int, ...]) -> Quantity:
    num, scale, pct, cur, end = m["num"], m["scale"], m["pct"], m["cur"], m.end()
    metre = False
    if scale and key(scale) in ("m", "k") and not m["pre"]:  # "78m" is 78 metres, not 78 million
        metre = key(scale) == "m"
        scale = pct = cur = None
        end = m.end("num")
    value, decimals, significant = parse_digits(num)
    num = _petra(num.replace(" ", ""))
    whole = num.replace(",", ".") if re.fullmatch(_COMMA_DECIMAL_RE, num) else num
    precision, significant = _precision(whole.replace(",", "").partition(".")[0],
                                        decimals, significant)
    factor = SCALE_OF[key(scale)] if scale else 1
    unit = CURRENCY_OF.get(key(m["pre"] or cur or ""))
    if (pct and not scale and not decimals and len(num) == 4 and 1900 <= value <= 2100 and
            _YEAR_BEFORE_RE.search(folded, max(0, m.start() - 12), m.start())):
        pct, end = None, m.end("num")  # "للعام 2019%.": a year, and a stray sign
    kind = "percent" if pct else "currency" if unit else "fraction" if num in _VULGAR else "number"
    if kind == "number":
        unit, end = ("metre", m.end("scale")) if metre else unit_after(folded, end)
        if not scale and not decimals and not unit and len(num) == 4 and 1900 <= value <= 2100:
            kind = "year"
    start, stop = span(where, m.start(), end)
    return Quantity(value=value * factor, kind=kind, unit=unit, text=text[start:stop], start=start,
                    end=stop, precision=precision * factor, significant=significant,
                    hedge=hedge_before(folded, m.start(), end), noun=_counted(folded, m))


# a count named before its figure: "النقطة 19" (a team's 19 points), as "19 نقطة" names it after
_COUNTED_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?:ال)?نقطة\s*$")
_COUNTED_BEFORE = stem(key("نقاط"))


def _counted(folded: str, m: re.Match[str]) -> str | None:
    if _COUNTED_BEFORE_RE.search(folded, max(0, m.start() - 12), m.start()):
        return _COUNTED_BEFORE
    return noun_after(folded, m.end())


# Words by which a claim says its figure is made from others: a change, a gap, a total, a multiple,
# a span.
_COMPUTED_CUES = {key(w) for w in """more less fewer than above below over under higher lower up
down rose fell rise fall risen fallen increase increased increases decrease decreased decreases gain
gained gains lost loss jumped jump climbed dropped drop slid added adds grew grown shrank cut cuts
raise raised raises lift lifted boost boosted together combined total totalled totaling totalling
all altogether sum gap difference margin ahead behind later earlier after before since ago times
fold double doubled tripled remaining rest other others between widened narrowed extra additional
another from clear climb climbed exceeded exceeding surplus deficit shortfall
بمقدار بفارق بزيادة بنقص بانخفاض بارتفاع بتراجع زيادة ارتفاع انخفاض تراجع ارتفع ارتفعت انخفض انخفضت
تراجع تراجعت زاد زادت نقص نقصت يزيد يقل تزيد تقل يرفع ترفع رفع رفعت سترفع سيرفع يخفض خفض خفضت مجموع
مجموعه إجمالي اجمالي معا مجتمعين مجتمعة أكثر اكثر أقل اقل أعلى اعلى أدنى ادنى عن مقارنة مقابل الفارق
فارق الفرق بعد قبل منذ ضعف ضعفي أضعاف الباقون الباقين الآخرون الآخرين المتبقية المتبقي تجاوز تجاوزت
يتجاوز فاق فاقت فائض عجز قفز قفزت يقفز تقفز نما نمت ينمو تنمو صعد صعدت هبط هبطت يتقدم تقدم
متقدما تتقدم يتفوق تفوق تفوقت متفوقا""".split()}
# Words that make a figure after "to" a total, not a level ("together amounted to 14 years")
_TOTAL_CUES = {key(w) for w in ("together combined altogether total totalled between مجموع مجموعه "
                                "إجمالي اجمالي معا مجتمعين مجتمعة").split()}


def says_total(text: str) -> bool:
    """Whether `text` says it adds things up ("together", "combined", مجموع، معا)."""
    return bool(_TOTAL_CUES & {key(w) for w in words(fold(text)[0])})


# "eleven of the 12", "12 من المتهمين الأربعة والأربعين": a part
_PART_OF = {key(w) for w in ("of", "من")}
_LEVEL_BEFORE = {key(w) for w in ("to at reach reached reaching إلى الى عند بلغ بلغت يبلغ تبلغ "
                                  "ليبلغ لتبلغ ليصل لتصل").split()}


def says_computed(text: str, start: int) -> bool:
    """Whether the words before a figure of `text` (at `start`) or right after it say it is made
    from others ("rose by 0.1 points", "six cents above", "together won 224", "بمقدار 150 مليون"),
    not a level it stands at ("rose to 45 points", "بلغ 9.8%")."""
    folded = fold(text)[0]
    before = [key(w) for w in words(folded[:start])][-12:]
    after = [key(w) for w in words(folded[start:])][1:6]
    if before and before[-1] in _LEVEL_BEFORE and not _TOTAL_CUES & set(before):
        return False
    return bool(_COMPUTED_CUES & {*before, *after}) or bool(_PART_OF & set(after[:2]))
