"""Finding glossary terms in text: folded for matching,
never inside a longer word, Arabic prefixes allowed.

An `Index` holds every word's folded form in a dict, so finding them costs what the text's length
does, not what the glossary's does: at each place a word may start, the text's next few words are
looked up (a prefixed Arabic form through the few terms it can come from). A glossary builds its
indexes once (`Glossary.memo`)."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterator, Sequence

from ..arabic import ascii_digits, is_mark, mapped, script

_PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "`": "'", "ى": "ي"})
_CONJUNCTIONS = ("", "و", "ف")
_PREFIX_LETTERS = frozenset("وفبكلا")  # the letters an Arabic form with a prefix starts with


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    out = unicodedata.normalize("NFD", ascii_digits(ch).translate(_PLAIN))
    return "".join(c for c in out if not is_mark(c) and unicodedata.category(c) != "Mn").casefold()


@lru_cache(maxsize=64)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """The text for matching, and for each of its
    characters the index it came from (plus the end)."""
    return mapped(text, _fold_char)


def key(word: str) -> str:
    """A word's folded form, its spaces single."""
    if word.isascii():  # what _fold_char does to ASCII, at a glossary's scale
        return " ".join(word.replace("`", "'").lower().split())
    return " ".join("".join(map(_fold_char, word)).split())


def language(text: str, *, mixed: bool = False) -> str:
    if text.isascii():
        return "en"
    has = {script(c) for c in text}
    return "mixed" if mixed and {"arabic", "latin"} <= has else "ar" if "arabic" in has else "en"


def _forms(term: str) -> list[tuple[str, str]]:
    """(folded surface form, attached prefix to keep) for a
    folded term, with Arabic prefixes where they apply."""
    if language(term) != "ar":
        return [(term, "")]
    if term.startswith("ال"):  # ل + ال: "للاذقية" for "اللاذقية"
        mids = [("", term), ("ب", "ب" + term), ("ك", "ك" + term), ("ل", "ل" + term[1:])]
        mids += [("ل", "ل" + term[2:])] if term.startswith("الل") else []
    else:
        mids = [(p, p + a + term) for p in ("", "ب", "ك", "ل") for a in ("", "ال")]
        mids = [(p, "لل" + term if form == "لال" + term else form) for p, form in mids]
    return [(c + body, c + kept) for c in _CONJUNCTIONS for kept, body in mids]


def _sources(form: str) -> set[str]:
    """Every folded term that `form` may be a prefixed form of (a superset: `_forms` confirms)."""
    found: set[str] = set()
    for c in _CONJUNCTIONS:
        if form.startswith(c):
            rest = form[len(c):]
            found.update((rest, rest[1:], rest[2:], rest[3:], "ا" + rest[1:], "ال" + rest[1:]))
    found.discard(form)
    return found


@lru_cache(maxsize=64)
def _collapsed(text: str) -> tuple[str, tuple[int, ...]]:
    """The folded text with each run of spaces made one,
    and for each character its index in the folded text."""
    folded, _ = fold(text)
    chars: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not space:
                chars.append(" ")
                where.append(i)
            space = True
        else:
            chars.append(ch)
            where.append(i)
            space = False
    return "".join(chars), tuple(where)


class Index:
    """The folded forms of a list of words, found in a text as one regex
    alternation of them all would find them (longest first, leftmost, never
    inside a longer word), in time that the list's length does not set."""

    def __init__(self, words: Sequence[str]) -> None:
        # the first word of each folded form; ints, not lists: nothing for the GC
        self.keys: dict[str, int] = {}
        self.more: dict[str, list[int]] = {}  # the other words of a form that several words share
        lengths: set[int] = set()
        for i, word in enumerate(words):
            term = key(word)
            if not term:
                continue
            if self.keys.setdefault(term, i) != i:
                self.more.setdefault(term, []).append(i)
            arabic = language(term) == "ar"
            lengths.update(range(len(term) - 1, len(term) + 5) if arabic else (len(term),))
        self.lengths = frozenset(n for n in lengths if n > 0)
        self.longest = max(self.lengths, default=0)

    def _words(self, term: str) -> list[int]:
        first = self.keys.get(term)
        return [] if first is None else [first, *self.more.get(term, ())]

    def _owners(self, form: str, every: bool) -> list[tuple[int, str]]:
        """(word, prefix) of the words `form` is a form of: the word whose own form it is first;
        all, or the first in the words' order."""
        own = [(i, "") for i in self._words(form)]
        if own and not every:
            return own[:1]
        found = []
        if form[0] in _PREFIX_LETTERS:
            for term in _sources(form):
                for i in self._words(term):
                    prefix = next((kept for shape, kept in _forms(term) if shape == form), None)
                    if prefix is not None:
                        found.append((i, prefix))
        found.sort()
        return own + found if every else found[:1]

    def _scan(self, text: str, every: bool) -> Iterator[tuple[int, int, list[tuple[int, str]]]]:
        """(start, end, owners) in the collapsed folded
        text: leftmost-longest and apart, or every match."""
        flat, _ = _collapsed(text)
        word = [ch.isalnum() for ch in flat]
        n = len(flat)
        ends = [j for j in range(1, n) if not word[j]] + [n]
        i = 0
        while i < n:
            hit = None
            if flat[i] != " " and (i == 0 or not word[i - 1]):
                for j in reversed(ends[bisect_right(ends, i):
                                       bisect_left(ends, i + self.longest + 1)]):
                    if j - i in self.lengths and flat[j - 1] != " ":
                        owners = self._owners(flat[i:j], every)
                        if owners:
                            yield i, j, owners
                            hit = j
                            if not every:
                                break
            i = hit if hit is not None and not every else i + 1

    def find(self, text: str) -> Iterator[tuple[int, int, int, str]]:
        """(start, end, word index, prefix) of each word
        found in `text`, positions in the text as written."""
        if not self.keys or not text:
            return
        _, where = fold(text)
        _, spots = _collapsed(text)
        for start, end, [(index, prefix)] in self._scan(text, every=False):
            yield where[spots[start]], where[spots[end - 1] + 1], index, prefix

    def occurring(self, text: str) -> set[int]:
        """The indexes of every word that occurs in `text`, overlapping another or not."""
        if not self.keys or not text:
            return set()
        return {index for _, _, owners in self._scan(text, every=True) for index, _ in owners}


@lru_cache(maxsize=256)
def _index(words: tuple[str, ...]) -> Index:
    return Index(words)


def find(text: str, words: Sequence[str]) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, word index, prefix) of each word
    found in `text`, positions in the text as written."""
    if not words or not text:
        return iter(())
    return _index(tuple(words)).find(text)
