"""Every figure of a text, however written: digits first, then words where no digits are."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from typing import Callable

from .dates import overlaps
from .numbers import BASIS_POINTS_RE, UNIT_OF, Quantity, digit_numbers
from .text import fold, key, span
from .numwords import word_numbers


@lru_cache(maxsize=1024)
def extract_numbers(text: str) -> tuple[Quantity, ...]:
    """Figures in digits (either system) and in words (English
    and Arabic), with scale, currency, unit and hedge."""
    digits = digit_numbers(text)
    found = list(digits)
    for q in word_numbers(text):
        if not overlaps(q, found):
            found.append(q)
    found += [q for q in _score_words(text) if not overlaps(q, found)]
    shares = _one_in(text)
    found = [q for q in found if not overlaps(q, shares)] + shares
    return tuple(_joined(text, sorted(map(_in_points(text), found), key=lambda q: q.start)))


def _in_points(text: str) -> Callable[[Quantity], Quantity]:
    """A count of basis points as the percentage points it is ("35 basis points" is 0.35,
    "thirty-five basis points" too): a gap of rates in per cent."""
    folded, where = fold(text)
    if not BASIS_POINTS_RE.search(folded):
        return lambda q: q

    def read(q: Quantity) -> Quantity:
        if q.kind != "number" or q.unit:
            return q
        if not (m := BASIS_POINTS_RE.match(folded, bisect_left(where, q.end))):
            return q
        end = span(where, m.start(), m.end())[1]
        return replace(q, kind="percent", value=q.value / 100, precision=q.precision / 100,
                       text=text[q.start:end], end=end)
    return read


# "one in 10", "1 in 5", "two out of 3": a share written with digits
_ONE_IN_RE = re.compile(r"(?i)(?<![\w.])(?P<n>one|two|three|[1-9])\s+(?:in|out\s+of)\s+"
                        r"(?P<d>[1-9]\d{0,2})(?![\w.,]\d|\w)")
_SMALL = {"one": 1, "two": 2, "three": 3}


def _one_in(text: str) -> list[Quantity]:
    found = []
    for m in _ONE_IN_RE.finditer(text):
        n = _SMALL.get(m["n"].lower()) or int(m["n"])
        if n < int(m["d"]):
            found.append(Quantity(n / int(m["d"]), "fraction", None, m[0], m.start(), m.end(),
                                  1.0, 1))
    return found


# a match's score in words: "بهدفين مقابل هدف" and "بثلاثة أهداف لهدف" give the other side one goal
# unnumbered, "بثلاثة أهداف دون رد" none, as "1/ صفر" does; "بهدف دون رد" is one goal to none
_SCORE_RE = re.compile(r"(?<![^\W\d_])(?:(?:مقابل\s+|ل)(?P<one>هدف|نقطة)|(?P<none>دون\s+رد|"
                       r"دون\s+مقابل|نظيفة|صفر)|"
                       r"(?P<won>ب?هدف)(?=\s+(?:دون|نظيف|مقابل)(?![^\W\d_])))(?![^\W\d_])")


def _score_words(text: str) -> list[Quantity]:
    folded, where = fold(text)
    found = []
    for m in _SCORE_RE.finditer(folded):
        start, end = span(where, *m.span())
        found.append(Quantity(0.0 if m["none"] else 1.0, "number", None, text[start:end], start,
                              end, 1.0, 1))
    return found


_AND_RE = re.compile(r"\s*و\s*")
# the singular unit right before "ونصف": "عام ونصف"
_ONE_UNIT_RE = re.compile(r"(?<![^\W\d_])(?P<unit>[^\W\d_]+)\s+$")
_SCALES = {1e3, 1e6, 1e9, 1e12}


def _joined(text: str, found: list[Quantity]) -> list[Quantity]:
    """A figure that ends in a scale and, after و, a smaller one are one: "تريليون و239 مليار درهم"
    is 1.239 trillion dirhams, "مليونا و200 ألف دولار" 1.2 million dollars, "14 ألفاً و953"
    14,953."""
    out: list[Quantity] = []
    for q in found:
        last = out[-1] if out else None
        if q.kind == "fraction" and q.value == 0.5 and key(q.text) == key("ونصف"):
            # "ثلاث سنوات ونصف" three and a half years; "عام ونصف" a year and a half
            if last is not None and last.unit and last.high is None and re.fullmatch(
                    r"\s*", text[last.end:q.start]):
                out[-1] = replace(last, value=last.value + 0.5, text=text[last.start:q.end],
                                  end=q.end, precision=0.5, significant=last.significant + 1)
                continue
            one = _ONE_UNIT_RE.search(text[:q.start])
            if one and one["unit"] and key(one["unit"]) in UNIT_OF:
                start = one.start("unit")
                out.append(Quantity(1.5, "number", UNIT_OF[key(one["unit"])], text[start:q.end],
                                    start, q.end, 0.5, 2, hedge=q.hedge))
                continue
        if (last is not None and last.kind == "currency" and q.noun in ("cent", "سنت") and
                q.kind == "number" and q.value < 100 and
                re.fullmatch(r"\s*(?:and|و)\s*", text[last.end:q.start])):
            # "two dollars and sixty-five cents": $2.65
            out[-1] = replace(last, value=last.value + q.value / 100, text=text[last.start:q.end],
                              end=q.end, precision=0.01, significant=last.significant + 2)
            continue
        if (last is not None and last.high is None and q.high is None and last.kind == "number" and
                not last.unit and last.precision in _SCALES and q.value < last.precision and
                re.search(r"[^\W\d_]", last.text) and  # a scale word, not "1000 و500"
                _AND_RE.fullmatch(text[last.end:q.start])):
            total = last.value + q.value
            out[-1] = replace(q, value=total, text=text[last.start:q.end], start=last.start,
                              significant=len(f"{total / q.precision:.0f}".rstrip("0")),
                              hedge=last.hedge or q.hedge)
        else:
            out.append(q)
    return out
