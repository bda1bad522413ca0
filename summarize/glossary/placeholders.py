"""Glossary terms carried through a model as numbers it
copies, and put back as the glossary writes them."""

from __future__ import annotations

import re
from itertools import count
from typing import Iterator, Mapping

from .entries import Entry, Glossary
from ..arabic import ascii_digits
from .match import Index, language


def _applicable(glossary: Glossary, src: str, tgt: str) -> tuple[tuple[Entry, ...], Index]:
    """Kept terms, and the entries that turn a `src` term into a `tgt` rendering; with an index of
    their terms, built once per glossary and direction."""
    def build() -> tuple[tuple[Entry, ...], Index]:
        entries = glossary.keep + tuple(e for e in glossary.entries
                                        if language(e.term) == src and language(e.rendering) == tgt)
        return entries, Index([e.term for e in entries])

    return glossary.memo(("protect", src, tgt), build)


def _placeholders(text: str) -> Iterator[str]:
    """Numbers from 70001 up that `restore` would not find in the text:
    not written there in any way it reads ("70001", "70,001", "70 001",
    "٧٠٠٠١"), so it never mistakes the article's own figure for a term."""
    digits = ascii_digits(text)
    return (str(n) for n in count(70001) if not _written(str(n)).search(digits))


def protect(text: str, glossary: Glossary, src: str, tgt: str) -> tuple[str, Mapping[str, str]]:
    """The text with each glossary term replaced by a placeholder, and placeholder -> rendering."""
    entries, index = _applicable(glossary, src, tgt)
    numbers = _placeholders(text)
    pieces: list[str] = []
    mapping: dict[str, str] = {}
    pos = 0
    for start, end, i, prefix in index.find(text):
        token = next(numbers)
        mapping[token] = entries[i].rendering
        pieces += [text[pos:start], prefix, token]
        pos = end
    return "".join(pieces) + text[pos:], mapping


# "70,001", "٧٠٬٠٠١": number formatting a model may add
_SEPARATOR = "[,.\u066b\u066c\u00a0\u202f ]?"


def _written(token: str) -> re.Pattern[str]:
    """A placeholder as a text may write it: its digits,
    a separator between any two, no digit either side."""
    return re.compile(f"(?<!\\d){_SEPARATOR.join(token)}(?!\\d)")


def restore(text: str, mapping: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """Placeholders replaced by their renderings, and the placeholders that are not in `text`."""
    if not mapping:
        return text, ()
    tokens = list(mapping)
    regex = re.compile("|".join(f"(?P<p{k}>{_written(t).pattern})" for k, t in enumerate(tokens)))
    digits = ascii_digits(text)  # one character for one: positions stay those of `text`
    out: list[str] = []
    found: set[str] = set()
    pos = 0
    for m in regex.finditer(digits):
        token = tokens[int((m.lastgroup or "p0")[1:])]
        found.add(token)
        out += [text[pos:m.start()],
                _spaced(mapping[token], text[m.start() - 1:m.start()], text[m.end():m.end() + 1])]
        pos = m.end()
    return "".join(out) + text[pos:], tuple(t for t in tokens if t not in found)


def _spaced(rendering: str, before: str, after: str) -> str:
    """The rendering, spaced from a letter it would
    otherwise touch (Arabic prefixes stay attached)."""
    def glue(a: str, b: str) -> bool:
        return a.isalnum() and b.isalnum() and not language(a) == language(b) == "ar"

    left = " " if before and glue(before, rendering[0]) else ""
    right = " " if after and glue(rendering[-1], after) else ""
    return left + rendering + right
