"""Every figure of a text, however written: digits first, then words where no digits are."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .dates import overlaps
from .numbers import Quantity, digit_numbers
from .text import fold, span
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
    return tuple(_joined(text, sorted(found, key=lambda q: q.start)))


# a match's score in words: "بهدفين مقابل هدف" and "بثلاثة أهداف لهدف" give the other side one goal
# unnumbered, "بثلاثة أهداف دون رد" none, as "1/ صفر" does
_SCORE_RE = re.compile(r"(?<![^\W\d_])(?:(?:مقابل\s+|ل)(?P<one>هدف|نقطة)|(?P<none>دون\s+رد|"
                       r"دون\s+مقابل|نظيفة|صفر))(?![^\W\d_])")


def _score_words(text: str) -> list[Quantity]:
    folded, where = fold(text)
    found = []
    for m in _SCORE_RE.finditer(folded):
        start, end = span(where, *m.span())
        found.append(Quantity(0.0 if m["none"] else 1.0, "number", None, text[start:end], start,
                              end, 1.0, 1))
    return found


_AND_RE = re.compile(r"\s*و\s*")
_SCALES = {1e3, 1e6, 1e9, 1e12}


def _joined(text: str, found: list[Quantity]) -> list[Quantity]:
    """A figure that ends in a scale and, after و, a smaller one are one: "تريليون و239 مليار درهم"
    is 1.239 trillion dirhams, "مليونا و200 ألف دولار" 1.2 million dollars, "14 ألفاً و953"
    14,953."""
    out: list[Quantity] = []
    for q in found:
        last = out[-1] if out else None
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
