"""Finding glossary terms in text: folded for matching, never inside a longer word, Arabic prefixes allowed."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator, Sequence

from ..arabic import ascii_digits, is_mark, mapped, script

_PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "`": "'", "ى": "ي"})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    out = unicodedata.normalize("NFD", ascii_digits(ch).translate(_PLAIN))
    return "".join(c for c in out if not is_mark(c) and unicodedata.category(c) != "Mn").casefold()


@lru_cache(maxsize=64)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """The text for matching, and for each of its characters the index it came from (plus the end)."""
    return mapped(text, _fold_char)


def key(word: str) -> str:
    return " ".join(fold(word)[0].split())


def language(text: str, *, mixed: bool = False) -> str:
    has = {script(c) for c in text}
    return "mixed" if mixed and {"arabic", "latin"} <= has else "ar" if "arabic" in has else "en"


def _forms(word: str) -> list[tuple[str, str]]:
    """(folded surface form, attached prefix to keep) for a word, with Arabic prefixes where they apply."""
    term = key(word)
    if language(term) != "ar":
        return [(term, "")]
    if term.startswith("ال"):  # ل + ال: "للاذقية" for "اللاذقية"
        mids = [("", term), ("ب", "ب" + term), ("ك", "ك" + term), ("ل", "ل" + term[1:])]
        mids += [("ل", "ل" + term[2:])] if term.startswith("الل") else []
    else:
        mids = [(p, p + a + term) for p in ("", "ب", "ك", "ل") for a in ("", "ال")]
        mids = [(p, "لل" + term if form == "لال" + term else form) for p, form in mids]
    return [(c + body, c + kept) for c in ("", "و", "ف") for kept, body in mids]


@lru_cache(maxsize=256)
def _compile(words: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, tuple[int, str]]]:
    """One regex for all the words' forms, longest first, never inside a longer word; form -> (word, prefix)."""
    table: dict[str, tuple[int, str]] = {}
    for bare in (True, False):  # a word's own form wins over another word's prefixed form
        for i, word in enumerate(words):
            for form, prefix in _forms(word):
                if (form == key(word)) == bare:
                    table.setdefault(form, (i, prefix))
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])"), table


def find(text: str, words: Sequence[str]) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, word index, prefix) of each word found in `text`, positions in the text as written."""
    if not words or not text:
        return
    folded, where = fold(text)
    regex, table = _compile(tuple(words))
    for m in regex.finditer(folded):
        index, prefix = table[" ".join(m.group().split())]
        yield where[m.start()], where[m.end()], index, prefix
