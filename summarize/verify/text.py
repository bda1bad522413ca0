"""Folding, spans and words: what every checker of `verify` matches on."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Sequence

from ..arabic import DIGITS, NUMBER_MARKS, is_mark

# both Arabic digit systems, and ٫ ٬ ٪ as a number parser reads them
_DIGITS = {**DIGITS, **NUMBER_MARKS}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if unicodedata.category(ch) in ("Cc", "Zl", "Zp") and ch != "\n":
        # NUL, record and line separators part words as a space does (and as splitlines does)
        return " "
    out = unicodedata.normalize("NFD", ch).translate(_DIGITS)
    return "".join(c for c in out if not _dropped(c))


_dropped = is_mark  # harakat, tatweel, Quranic marks, bidi and other format characters


@lru_cache(maxsize=256)
def fold_text(text: str) -> str:
    """The text for matching alone, without `fold`'s index of where each character came from (an int
    a character: most of a check's memory on a long article, and only spans need it)."""
    return text.translate({ord(c): _fold_char(c) for c in set(text)})


@lru_cache(maxsize=256)  # a check folds the same source sentences and claims several times
def fold(text: str) -> tuple[str, Sequence[int]]:
    """The text for matching, and for each of its characters
    the index it came from (plus one past the end)."""
    table = {ord(c): _fold_char(c) for c in set(text)}
    sizes = {len(v) for v in table.values()}
    if sizes <= {1}:
        # one for one, as most text is: no index table
        return text.translate(table), range(len(text) + 1)
    if sizes <= {0, 1}:  # marks dropped (harakat, tatweel, RLM): the kept characters' indexes
        dropped = {chr(o) for o, v in table.items() if not v}
        where = [i for i, c in enumerate(text) if c not in dropped]
    else:
        where = []
        for i, c in enumerate(text):
            where.extend([i] * len(table[ord(c)]))
    where.append(len(text))  # a sentinel, so a span ending the text keeps its trailing marks
    return text.translate(table), tuple(where)


def span(where: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded span back to the original, keeping marks that trail its last letter."""
    return where[start], max(where[end - 1] + 1, where[end]) if end > start else where[start]


def key(word: str) -> str:
    """A word or phrase folded, lowercased, its spaces collapsed: the form tables are keyed on."""
    return " ".join(fold_text(word).split()).lower()


def alt(words: Iterable[str], *, anycase: bool = False) -> str:
    """A regex alternation of folded words, longest first;
    lowercase Latin words (or all, `anycase`) ignore case."""
    parts = []
    for word in sorted({fold(w)[0] for w in words}, key=len, reverse=True):
        pattern = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(f"(?i:{pattern})" if word.isascii() and (anycase or
                                                              word.islower()) else pattern)
    return "|".join(parts)


NOT_LETTER = r"(?![^\W\d_])"
NOT_AFTER_LETTER = r"(?<![^\W\d_])"


_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=64)
def language(text: str) -> str:
    """"ar" when Arabic letters outnumber Latin ones, else "en"."""
    return "ar" if len(_ARABIC_LETTERS.findall(text)) > len(_LATIN_LETTERS.findall(text)) else "en"


_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف")
_SUFFIXES = ("ات", "ون", "ين", "ان", "ها", "هم", "ة", "ه", "ت")
_EN_SUFFIXES = ("ing", "ed", "es", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem for overlap: clitics and common endings off, five letters at most."""
    w = word.lower()
    if w.isascii():
        for suffix in _EN_SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
        return w[:6]
    for prefix in _PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            w = w[len(prefix):]
            break
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    # long vowels out after the first letter: "اتصال" and
    # "اتصل", "مسؤولون" and "مسؤول" meet on one skeleton
    return (w[:1] + w[1:].replace("ا", "").replace("و", "").replace("ي", ""))[:5]


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return _WORD_RE.findall(fold_text(text))


STOP = set("""the a an and or of to in on at for by with from as is are was were be been has have
had it its this that these those he she they we his her their our not but said says will would could
should than then there which who whom into over after before about also more most very just only
other such may can one two new what when where how did does do had him them us you your my me its if
so""".split()) | set(
    words("في من على إلى الى عن مع أن إن أنه إنه التي الذي الذين ما لا لم لن قد كان كانت هذا هذه "
          "ذلك تلك بعد قبل حتى عند كل أو ثم وقال وقالت قال قالت هو هي هم وفي كما أي"))
