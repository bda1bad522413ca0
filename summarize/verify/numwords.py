"""Numbers written in words, English and Arabic: cardinals of both genders, the dual, scales,
fractions, vague counts."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .dates import MONTHS
from .numbers import Quantity, currency_after, hedge_before, noun_after, percent_after, unit_after
from .text import fold, key, span

_EN_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_ORDINALS = ("second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                "nineteenth twentieth").split()
_AR_UNITS = {1: "واحد واحدة أحد إحدى", 2: "اثنان اثنين اثنتان اثنتين اثنا اثنتا",
             3: "ثلاث ثلاثة ثلاثا", 4: "أربع أربعة أربعا",
             5: "خمس خمسة خمسا", 6: "ست ستة ستا", 7: "سبع سبعة سبعا", 8: "ثمان ثماني ثمانية",
             9: "تسع تسعة تسعا", 10: "عشر عشرة عشرا"}
_AR_TENS = {20: "عشرون عشرين", 30: "ثلاثون ثلاثين", 40: "أربعون أربعين", 50: "خمسون خمسين",
            60: "ستون ستين", 70: "سبعون سبعين", 80: "ثمانون ثمانين", 90: "تسعون تسعين"}
_AR_HUNDREDS = {100: "مئة مائة", 200: "مئتان مئتين مائتان مائتين", 300: "ثلاثمئة ثلاثمائة",
                400: "أربعمئة أربعمائة", 500: "خمسمئة خمسمائة", 600: "ستمئة ستمائة",
                700: "سبعمئة سبعمائة", 800: "ثمانمئة ثمانمائة ثمانيمئة", 900: "تسعمئة تسعمائة"}
_SCALE_WORDS = {1e3: "thousand ألف ألفا آلاف", 1e6: "million مليون مليونا ملايين",
                1e9: "billion مليار مليارا مليارات", 1e12: "trillion تريليون تريليونا ترليون"}
_DUAL_SCALES = {2e3: "ألفان ألفين", 2e6: "مليونان مليونين", 2e9: "ملياران مليارين"}
# Counted nouns in the dual: "امرأتان" is a number, two. A
# closed list: "-ان/-ين" endings are too often not duals.
_DUALS = ("امرأتان امرأتين رجلان رجلين طفلان طفلين شخصان شخصين جنديان جنديين شهران شهرين يومان "
          "يومين عامان عامين سنتان سنتين مرتان مرتين ساعتان ساعتين أسبوعان أسبوعين قاعدتان قاعدتين "
          "دولتان دولتين سيارتان سيارتين طائرتان طائرتين صاروخان صاروخين مدينتان مدينتين قريتان "
          "قريتين وزيران وزيرين لاعبان لاعبين هدفان هدفين شقيقان شقيقين طفلتان طفلتين فتاتان "
          "فتاتين سفينتان سفينتين دقيقتان دقيقتين ولايتان ولايتين حالتان حالتين حالتي قتيلان "
          "قتيلين شهيدان شهيدين جريحان جريحين مصابان مصابين عنصران عنصرين "
          "مرتي").split()
# not يومي، شهري، عامي: before a complement they are the dual ("يومي الخميس والجمعة"), but far
# more often the adjective ("على أساس شهري", monthly)
# Vague counts: a range, and whether "of thousands"/"الآلاف" may scale them.
_VAGUE = {"dozen": (12, 12), "dozens": (24, 199), "scores": (40, 199), "tens": (20, 99),
          "hundreds": (200, 999), "thousands": (2000, 9999), "millions": (2e6, 9.99e8),
          "billions": (2e9, 9.99e11), "عشرات": (20, 99), "مئات": (200, 999), "مئات": (200, 999),
          "آلاف": (2000, 9999), "ملايين": (2e6, 9.99e8), "مليارات": (2e9, 9.99e11), "بضعة": (3, 9),
          "بضع": (3, 9), "several": (3, 9)}
_VAGUE_SCALE = {"thousands": 1e3, "آلاف": 1e3, "millions": 1e6, "ملايين": 1e6, "billions": 1e9,
                "مليارات": 1e9}
_FRACTIONS = {"half": 0.5, "نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "ثلثا": 2 / 3, "ثلثي": 2 / 3}
# "third", "quarter" and "fifth" are fractions only after "a", "one", "two", "three" ("a third of",
# "three-quarters", "two fifths"); "one in four" is a quarter, "three out of five" 0.6; Arabic
# "ثلاثة أرباع", "تسعة أعشار" (خمس الناخبين: _AR_PARTS).
_FRACTION_RE = re.compile(r"(?i)\b(?:(?P<n>a|one|two|three|four)[\s-]+(?P<d>third|quarter|"
                          r"fifth|tenth)s?(?!-)|(?P<of>one|two|three|four|five|six|seven|eight|"
                          r"nine)\s+(?:in|out\s+of)\s+(?P<in>two|three|four|five|six|seven|"
                          r"eight|nine|ten))\b|(?<![^\W\d_])(?P<ar>(?P<arn>ثلاثة|ثلاث|اربعة|"
                          r"اربع|خمسة|خمس|ستة|ست|سبعة|سبع|ثمانية|ثماني|تسعة|تسع)\s+(?P<ard>"
                          r"ارباع|اخماس|اسداس|اسباع|اثمان|اتساع|اعشار))(?![^\W\d_])")
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
_PARTS = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_AR_COUNTS = {w: n for n, ws in enumerate(("", "", "", "ثلاثة ثلاث", "اربعة اربع", "خمسة خمس",
                                           "ستة ست", "سبعة سبع", "ثمانية ثماني", "تسعة تسع"))
              for w in ws.split()}
_AR_PARTS_OF = {"ارباع": 4, "اخماس": 5, "اسداس": 6, "اسباع": 7, "اثمان": 8, "اتساع": 9, "اعشار": 10}


# Arabic ordinals of the teens are days of the month and ranks:
# "السابع عشر" is 17 (the 17th), as the source's "الـ17".
_AR_TEEN_ORDINAL_RE = re.compile(r"(?<![^\W\d_])[وب]?(?:ال)?(?P<n>حادي|ثاني|ثالث|رابع|خامس|سادس|"
                                 r"سابع|ثامن|تاسع)ة?\s+عشرة?(?![^\W\d_])")
# a match minute by its ordinal: "في الدقيقة الثالثة" is minute 3, as "الدقيقة 3"
_AR_MINUTE_RE = re.compile(r"(?<![^\W\d_])[وفب]?(?:ال|لل)دقيقة\s+ال(?P<n>اولى|ثانية|ثالثة|رابعة|"
                           r"خامسة|سادسة|سابعة|ثامنة|تاسعة|عاشرة)(?![^\W\d_])")
_AR_MINUTES = {"اولى": 1, "ثانية": 2, "ثالثة": 3, "رابعة": 4, "خامسة": 5, "سادسة": 6, "سابعة": 7,
               "ثامنة": 8, "تاسعة": 9, "عاشرة": 10}
_AR_ORDINAL_UNITS = {"حادي": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "سادس": 6, "سابع": 7,
                     "ثامن": 8, "تاسع": 9}
# and of the tens above: "الرابعة والثلاثين" is the 34th ("الدقيقة الرابعة والثلاثين", minute 34);
# a day of a month ("الحادي والثلاثين من ديسمبر") is a date's
_AR_ORDINAL_TENS = {key(w): n for n, ws in _AR_TENS.items() for w in ws.split() if w.endswith("ين")}
_AR_COMPOUND_ORDINAL_RE = re.compile(
    rf"(?<![^\W\d_])(?P<noun>[وفب]?(?:ال|لل)(?:دقيقة|جولة|مرتبة|مركز|مرة)\s+)?[وفب]?(?:ال)?"
    rf"(?P<n>{'|'.join(_AR_ORDINAL_UNITS)})ة?\s+و(?:ال)?(?P<t>{'|'.join(_AR_ORDINAL_TENS)})"
    r"(?![^\W\d_])(?!\s+(?:من\s+)?(?:شهر\s+)?(?:{months})(?![^\W\d_]))".format(
        months="|".join(fold(w)[0] for names in MONTHS.values() for w in names[1:])))


def _fraction_value(m: re.Match[str]) -> float:
    if m["ar"]:  # "تسعة أعشار": nine tenths
        return _AR_COUNTS[m["arn"]] / _AR_PARTS_OF[m["ard"]]
    if m["in"]:  # "one in four", "three out of five"
        return _COUNTS[m["of"].lower()] / _COUNTS[m["in"].lower()]
    return _COUNTS[m["n"].lower()] / _PARTS[m["d"].lower()]


class _Word(NamedTuple):
    kind: str  # unit | teen | ten | hundred | scale | dual | vague | fraction | ordinal | and | a
    value: float


def _table() -> dict[str, _Word]:
    t: dict[str, _Word] = {}
    t |= {w: _Word("unit", i) for i, w in enumerate(_EN_SMALL)}
    t |= {w: _Word("ten", 20 + 10 * i) for i, w in enumerate(_EN_TENS)}
    t |= {w: _Word("ordinal", i + 2) for i, w in enumerate(_EN_ORDINALS)}
    t |= {key(w): _Word("unit", n) for n, ws in _AR_UNITS.items() for w in ws.split()}
    t |= {key(w): _Word("ten", n) for n, ws in _AR_TENS.items() for w in ws.split()}
    t |= {key(w): _Word("hundred", n) for n, ws in _AR_HUNDREDS.items() for w in ws.split()}
    t |= {key(w): _Word("scale", n) for n, ws in _SCALE_WORDS.items() for w in ws.split()}
    t |= {key(w): _Word("dual", n) for n, ws in _DUAL_SCALES.items() for w in ws.split()}
    t |= {key(w): _Word("dual", 2) for w in _DUALS}
    t |= {key(w): _Word("vague", i) for i, w in enumerate(_VAGUE)}
    t |= {key(w): _Word("fraction", v) for w, v in _FRACTIONS.items()}
    t |= {"hundred": _Word("hundred", 100), "and": _Word("and", 0), "a": _Word("a", 0),
          "an": _Word("a", 0), "of": _Word("of", 0), key("عشر"): _Word("teen", 10),
          key("عشرة"): _Word("teen", 10)}
    return t


_TABLE = _table()
_VAGUE_RANGES = list(_VAGUE.values())
_SCALE_OF_VAGUE = [_VAGUE_SCALE.get(w) for w in _VAGUE]
_TOKEN_RE = re.compile(r"[^\W\d_]+")
_CLITICS = ("و", "ب", "ل", "ف")
# plurals that follow ten but never a teen ("عشر سنوات", but "سبعة عشر عاما")
_PLURAL_OF_TEN = {key(w) for w in "سنوات أعوام أشهر شهور أيام ساعات دقائق أسابيع سنين".split()}
_MONTH_ORDINAL_BEFORE = {key(w) for w in ("تشرين", "كانون", "ربيع", "جمادى")}


def _lookup(word: str, previous: _Word | None, following: str = "") -> tuple[_Word | None, bool]:
    """The number word `word` stands for, and whether it began with the conjunction و."""
    w = word.lower()
    if w in _TABLE:
        found = _TABLE[w]
        # "عشر" after a unit makes a teen ("خمسة عشر"); alone it is ten.
        if found.kind == "teen" and (previous is None or previous.kind != "unit"):
            return _Word("unit", 10), False
        if found.kind == "teen" and key(following) in _PLURAL_OF_TEN:
            return None, False  # "وسبعة عشر سنوات": seven, ten years (a teen counts a singular)
        return found, False
    if w[:1] in _CLITICS and w[1:] in _TABLE:
        return _TABLE[w[1:]], w[0] == "و"
    if w.startswith("ال") and w[2:] in _TABLE and _TABLE[w[2:]].kind in ("scale", "vague", "ten"):
        return _TABLE[w[2:]], False  # "عشرات الآلاف", "في التسعين من عمرها"
    if (w.startswith("ال") and (unit := _TABLE.get(w[2:])) and unit.kind == "unit" and
            unit.value >= 3 and
            (_TABLE.get(key(following)) or _Word("", 0)).kind in ("scale", "vague")):
        return unit, False  # "الثلاثة ملايين": the article on a count before its scale
    return None, False


class _Reader:
    """Accumulates one run of number words into a value (or a range)."""

    def __init__(self) -> None:
        self.total = self.current = 0.0
        self.low_high: tuple[float, float] | None = None
        self.kind = "number"
        self.count = 0
        self.last: _Word | None = None

    def add(self, word: _Word, conj: bool) -> bool:
        """Take one word; False when it cannot continue this number."""
        k, v = word
        before = self.last.kind if self.last else None
        if k == "vague" and self.count and _SCALE_OF_VAGUE[int(v)]:
            k, v = "scale", _SCALE_OF_VAGUE[int(v)]  # "ثلاثة آلاف", and "tens of thousands" below
        if k == "unit" and before in (None, "hundred", "scale", "ten"):
            self.current += v
        elif k == "ten" and (before in (None, "hundred", "scale") or (before == "unit" and conj)):
            self.current += v
        elif k == "teen" and self.last is not None and self.last.kind == "unit":
            self.current += v
        elif k == "hundred" and v == 100:
            self.current = (self.current or 1) * 100
        elif k == "hundred":
            self.current += v
        elif k == "scale" and self.low_high is not None and self.count == 1:
            lo, hi = self.low_high
            self.low_high = (lo * v, hi * v)  # "tens of thousands", "عشرات الآلاف"
        elif k == "scale" and self.low_high is None:
            self.total += (self.current or 1) * v
            self.current = 0
        elif k == "dual" and self.count == 0:
            self.current = v
        elif k == "vague" and self.count == 0:
            self.low_high = _VAGUE_RANGES[int(v)]
        else:
            return False
        self.count += 1
        self.last = _Word(k, v)
        return True

    def quantity(self) -> tuple[float, float | None]:
        if self.low_high is not None:
            lo, hi = self.low_high
            return lo, (hi if hi != lo else None)
        return self.total + self.current, None


@lru_cache(maxsize=1024)
def word_numbers(text: str) -> tuple[Quantity, ...]:
    """Every number of `text` written in words (see the
    module's docstring), with its unit or hedge."""
    folded, where = fold(text)
    tokens = list(_TOKEN_RE.finditer(folded))
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        q, i = _read(tokens, i, folded, text, where)
        if q is not None:
            found.append(q)
    fractions = []
    for m in _FRACTION_RE.finditer(folded):
        fractions.append(_make(_fraction_value(m), None, "fraction", folded, text, where,
                               m.start(), m.end()))
    for m in _AR_TEEN_ORDINAL_RE.finditer(folded):
        fractions.append(_make(10 + _AR_ORDINAL_UNITS[m["n"]], None, "ordinal", folded, text, where,
                               m.start(), m.end()))
    for m in _AR_COMPOUND_ORDINAL_RE.finditer(folded):  # a minute or round, counted: "الجولة 33"
        fractions.append(_make(_AR_ORDINAL_TENS[m["t"]] + _AR_ORDINAL_UNITS[m["n"]], None,
                               "number" if m["noun"] else "ordinal", folded, text, where,
                               m.end("noun") if m["noun"] else m.start(), m.end()))
    for m in _AR_MINUTE_RE.finditer(folded):
        fractions.append(_make(_AR_MINUTES[m["n"]], None, "number", folded, text, where,
                               m.start("n") - 2, m.end()))
    # a fraction that ends a mixed number read before it ("six and a quarter") is part of it
    fractions = [f for f in fractions
                 if not any(q.start < f.start and f.end <= q.end for q in found)]
    found = [q for q in found
             if not any(q.start < f.end and f.start < q.end for f in fractions)] + fractions
    return tuple(_of_scales(sorted(found, key=lambda q: q.start), text))


_SCALE_VALUES = frozenset(_SCALE_WORDS)
_OF_SCALE_RE = re.compile(r"\s*(?:of\s+(?:a\s+|an\s+)?|من\s+)?$", re.IGNORECASE)


def _of_scales(found: list[Quantity], text: str) -> list[Quantity]:
    """A fraction of a scale word is one figure: "three-quarters of a billion", "ثلاثة أرباع
    المليار" (750 million)."""
    out: list[Quantity] = []
    for q in found:
        last = out[-1] if out else None
        if last is not None and last.kind == "fraction" and q.kind in ("number", "currency") and \
                q.value in _SCALE_VALUES and _OF_SCALE_RE.match(text[last.end:q.start]):
            precision, significant = _word_precision(last.value * q.value)
            out[-1] = Quantity(value=last.value * q.value, kind=q.kind, unit=q.unit,
                               text=text[last.start:q.end], start=last.start, end=q.end,
                               precision=precision, significant=significant, hedge=last.hedge,
                               noun=q.noun)
            continue
        out.append(q)
    return out


def _read(tokens: list[re.Match[str]], i: int, folded: str, text: str,
          where: tuple[int, ...]) -> tuple[Quantity | None, int]:
    """The number starting at token i, if any, and the index after it."""
    # the next word, where nothing (a figure in digits) stands between
    following = (tokens[i + 1][0] if i + 1 < len(tokens) and
                 _joined(folded, tokens[i].end(), tokens[i + 1].start()) else "")
    if key(tokens[i][0]) in _AR_PARTS and following.startswith("ال"):
        # "خمس الناخبين" is a fifth of the voters, "خمسي
        # الناخبين" two fifths ("خمس سنوات" stays five years)
        return _make(_AR_PARTS[key(tokens[i][0])], None, "fraction", folded, text, where,
                     tokens[i].start(), tokens[i].end()), i + 1
    first, _ = _lookup(tokens[i][0], None, following)
    if (first is None or first.kind in ("and", "of", "teen", "a") or
            tokens[i][0].lower() in ("third", "quarter")):
        return None, i + 1
    if first.kind in ("fraction", "ordinal"):
        return _single(tokens, i, first, folded, text, where), i + 1
    reader, j, end = _Reader(), i, tokens[i].end()
    while j < len(tokens) and (j == i or _joined(folded, tokens[j - 1].end(), tokens[j].start())):
        word, conj = _lookup(tokens[j][0], reader.last,
                             tokens[j + 1][0] if j + 1 < len(tokens) and
                             _joined(folded, tokens[j].end(), tokens[j + 1].start()) else "")
        if word is None and tokens[j][0].lower() == "quarter" and reader.count and [
                t[0].lower() for t in tokens[max(i, j - 2):j]] == ["and", "a"]:
            word = _Word("fraction", 0.25)  # "six and a quarter"; alone, a quarter is a period
        if word is None or (conj and reader.count == 0 and j != i):
            break
        if word.kind in ("and", "of", "a"):
            j += 1
            continue
        joined_by_and = conj or any(tokens[k][0].lower() == "and" for k in range(max(i, j - 2), j))
        added = word.kind == "fraction" and word.value in (0.5, 0.25) and reader.count
        if added and not joined_by_and:
            break  # "one half of the staff" is a half, not one and a half
        # "مليون ونصف", "one and a half", "ستة وربع"
        if added:
            last = reader.last
            # "مليون ونصف" 1.5 million, "مليونين ونصف" 2.5 million: half of the scale word's unit
            if last and last.kind == "scale":
                reader.total += word.value * last.value
            elif last and last.kind == "dual" and last.value >= 1000:
                reader.total += word.value * last.value / 2
            else:  # "two and a half (million)": the half joins the count before its scale
                reader.current += word.value
            end = tokens[j].end()
            j += 1
            after = _TABLE.get(key(tokens[j][0])) if j < len(tokens) else None
            if last and last.kind in ("scale", "dual") and after and after.kind == "scale":
                # "مليونين ونصف مليون": "and half a million", the scale said again
                end = tokens[j].end()
                j += 1
            continue
        if not reader.add(word, conj):
            break
        end = tokens[j].end()
        j += 1
    if reader.count == 0:
        return None, i + 1
    value, high = reader.quantity()
    if value == 1 and reader.count == 1 and reader.last and reader.last.kind == "unit" and not (
            i >= 2 and tokens[i - 1][0].lower() == "to" and
            _lookup(tokens[i - 3][0] if i >= 3 else "", None)[0]):
        # "one of them", "واحد من": a pronoun far more often than a figure; "three goals to one" is
        return None, j
    return _make(value, high, "number", folded, text, where, tokens[i].start(), end), j


def _joined(folded: str, a: int, b: int) -> bool:
    gap = folded[a:b]
    return len(gap) <= 3 and gap.strip(" -") == ""


_AR_PARTS = {key("خمس"): 0.2, key("خمسا"): 0.4, key("خمسي"): 0.4, key("عشر"): 0.1}
_PERIOD_ORDINALS = {"first", "second", "third", "fourth", "last", "final",
                    *(key(w) for w in "أول ثاني ثالث رابع آخر".split())}  # "أول ربع": a quarter
_NOT_A_SHARE = {key(w)
                for w in ("time", "final", "finals", "نهائي", "النهائي", "نهائية", "النهائية")}


def _single(tokens: list[re.Match[str]], i: int, word: _Word, folded: str, text: str,
            where: tuple[int, ...]) -> Quantity | None:
    before = tokens[i - 1][0].lower() if i else ""
    after = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
    if word.kind == "fraction" and (key(before) in _PERIOD_ORDINALS or key(after) in _NOT_A_SHARE):
        return None  # "the first half", "half-time", "نصف النهائي": a period or a round, no share
    if word.kind == "ordinal" and after in ("half", "quarter"):
        return None  # "the second half" of a year or a match
    if word.kind == "ordinal":
        if tokens[i][0][:2] != "ال" and not tokens[i][0].isascii():
            return None
        if tokens[i][0][:1].isupper() and i and not re.search(r"[.!?:\"“«]\s*$",
                                                              folded[:tokens[i].start()]):
            return None  # "the Second World War", "Third Way": part of a name
        if i and key(tokens[i - 1][0]) in _MONTH_ORDINAL_BEFORE:
            return None
        return _make(word.value, None, "ordinal", folded, text, where, tokens[i].start(),
                     tokens[i].end())
    # "نصف مليار", "half a million": a figure; "نصف عام", "half a year": a measure (six months)
    j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1][0].lower() in ("a", "an"))
    if j < len(tokens) and _joined(folded, tokens[j - 1].end(), tokens[j].start()):
        after = _TABLE.get(key(tokens[j][0]))
        if tokens[j][0].lower() in ("percent", "percentage", "pct"):  # "half a percentage point"
            return _make(word.value, None, "percent", folded, text, where, tokens[i].start(),
                         tokens[j].end())
        if after is not None and after.kind == "scale":
            return _make(word.value * after.value, None, "number", folded, text, where,
                         tokens[i].start(), tokens[j].end())
    if unit_after(folded, tokens[i].end() if j == i + 1 else tokens[j - 1].end())[0]:
        return _make(word.value, None, "number", folded, text, where, tokens[i].start(),
                     tokens[i].end() if j == i + 1 else tokens[j - 1].end())
    return _make(word.value, None, "fraction", folded, text, where, tokens[i].start(),
                 tokens[i].end())


def _make(value: float, high: float | None, kind: str, folded: str, text: str,
          where: tuple[int, ...], start: int, end: int) -> Quantity:
    unit, unit_end = unit_after(folded, end) if kind == "number" else (None, end)
    if kind == "number" and not unit and (pct := percent_after(folded, end)):
        kind, unit_end = "percent", pct  # "six percent", "two percentage points"
    elif kind == "number" and not unit and (currency := currency_after(folded, end)):
        kind, unit, unit_end = "currency", *currency  # "ثلاثين مليون دينار", "two million dollars"
    a, b = span(where, start, unit_end)
    precision, significant = _word_precision(value)
    return Quantity(value=value, kind=kind, unit=unit, text=text[a:b], start=a, end=b,
                    precision=precision, significant=significant, high=high,
                    hedge=hedge_before(folded, start, unit_end), noun=noun_after(folded, unit_end))


def _word_precision(value: float) -> tuple[float, int]:
    """A figure in words states no digit past its last non-zero one: "thirty million" is 3 × 10^7,
    one digit that counts, as "half a billion" is 5 × 10^8 ("twenty-one" keeps two)."""
    if value < 10 or value != int(value):
        return 1.0, 1
    digits = str(int(value))
    kept = digits.rstrip("0")
    return float(10 ** (len(digits) - len(kept))), len(kept)
