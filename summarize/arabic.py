"""Arabic text for comparison: digits, marks, letter
folds and script shares, in small composable pieces.

Every step that compares text (detection, verification, the glossary, extractive scoring, key
points, output checks) builds its matching form from these, so "٢٠٢٤" meets "2024" and "أعلنت" meets
"اعلنت" the same way everywhere. Nothing here changes text that goes to a model or to the reader:
these are matching forms only.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable

# Arabic-Indic (U+0660–0669) and Extended Arabic-Indic
# (U+06F0–06F9, Persian and Urdu) digits to ASCII.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# The Arabic decimal and thousands separators and percent sign, as a number parser reads them.
NUMBER_MARKS = str.maketrans("٫٬٪", ".,%")
# Alef with hamza or madda and wasla, ta marbuta, alef maqsura: spelled either way in news copy.
LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})

_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                  (0xFE70, 0xFEFF))


def is_mark(ch: str) -> bool:
    """Harakat, Quranic marks, superscript alef, tatweel
    and format characters (bidi marks, joiners)."""
    code = ord(ch)
    return (0x064B <= code <= 0x065F or code == 0x0670 or 0x0610 <= code <= 0x061A or
            0x06D6 <= code <= 0x06ED
            or code == 0x0640 or unicodedata.category(ch) == "Cf")


def strip_marks(text: str) -> str:
    """The text without marks: what a reader sees, not how it was vocalised or stretched."""
    return "".join(ch for ch in text if not is_mark(ch))


def ascii_digits(text: str) -> str:
    """Arabic-Indic digits as ASCII digits, one character for one (positions stay)."""
    return text.translate(DIGITS)


def fold_letters(text: str) -> str:
    """Alef forms, ta marbuta and alef maqsura folded, one character for one (positions stay)."""
    return text.translate(LETTERS)


def mapped(text: str, fold_char: Callable[[str], str]) -> tuple[str, tuple[int, ...]]:
    """`text` folded character by character, and for each folded
    character the index it came from (plus a sentinel one past the end),
    so a match in the folded form maps back to the text as written."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        chars.append(folded)
        where.extend([i] * len(folded))
    where.append(len(text))
    return "".join(chars), tuple(where)


@lru_cache(maxsize=8192)
def script(ch: str) -> str | None:
    """"arabic", "latin" or "other" for a letter; None for anything else."""
    if not ch.isalpha():
        return None
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in _ARABIC_BLOCKS):
        return "arabic"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return "other"


def script_shares(text: str) -> dict[str, float]:
    """Share of letters in the Arabic, Latin and other scripts (0 to 1 each)."""
    counts = Counter(s for s in map(script, text) if s)
    total = sum(counts.values())
    return {name: (counts[name] / total if total else 0.0) for name in ("arabic", "latin", "other")}


def letters(text: str) -> int:
    """How many letters the text has, in any script."""
    return sum(1 for ch in text if ch.isalpha())


def dominant(text: str) -> str:
    """"ar" when Arabic letters outnumber Latin ones,
    else "en": the language a matcher should expect."""
    counts = Counter(map(script, text))
    return "ar" if counts["arabic"] > counts["latin"] else "en"
