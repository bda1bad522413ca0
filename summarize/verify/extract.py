"""Every figure of a text, however written: digits first, then words where no digits are."""

from __future__ import annotations

from functools import lru_cache

from .dates import overlaps
from .numbers import Quantity, digit_numbers
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
    return tuple(sorted(found, key=lambda q: q.start))
