"""Quotations as written, within one sentence each, and where their words are in the source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .text import fold, fold_text, span

_PAIRED_RE = re.compile(
    # ”…” opens after a space, an opener or a one-letter Arabic clitic
    # (لـ”داعش”, folded to ل”داعش”), and ”…“ is the two marks swapped,
    # as right-to-left typing often leaves them (العقيد ” القرشي “)
    r'«([^«»\n]+)»|“([^“”\n]+)”|„([^„“”\n]+)[“”]|‹([^‹›\n]+)›'
    r'|(?:(?<![^\s(\[{:—–\-])|(?<=(?<![^\W_])[وبلفك]))”([^“”\n]+)[”“]'
    # straight and single quotes open after a space or an opener and close
    # before no letter, so '," he said, "' is between two quotes, not one,
    # and "it's", "Syria's", "the students' union" hold apostrophes
    r'|(?:(?<![^\s(\[{:—–\-])|(?<=(?<![^\W_])[وبلفك]))"(?=\S)([^"\n]+?)(?<=\S)"(?![^\W_])'
    r"|(?<![^\s(\[{:—–\-])['‘](?=\S)((?:[^'‘’\n]|(?<=[^\W_])['’](?=[^\W_]))+?)['’](?![^\W_])"
)
_OPENERS = "«“„‹‘"
_CLOSERS = "»”›"
_NEUTRAL = '"'
# A sentence ends at ".", "!", "?" before a space, unless a lowercase word follows; never at an
# ellipsis, which cuts a quotation rather than ends it.
_SENTENCE_END_RE = re.compile(r"(?:(?<!\.)\.(?!\.)|[!?؟])+[\"”»'’)\]]*\s+(?![a-z])|\n+")
_ELLIPSIS_RE = re.compile(r"\[(?:\.\.\.|…)\]|\((?:\.\.\.|…)\)|\.\.\.|…")
_TRIM_RE = re.compile(r"^[\W_]+|[\W_]+$")
_CLITICS = "وفبلك"  # Arabic one-letter prefixes a quote may drop: "والجانب" still holds "الجانب"
_MARKS = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'",
                        "‹": '"', "›": '"'})
_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "a", "to", "de", "al", "el",
                "bin", "ibn", "&"}
_CUT_WORDS = re.compile(r"(?<![^\W_])(?:not|no|never|[^\W_]+n't|nor|but|however|yet|although|"
                        r"except|unless|without|لا|لم|لن|"
                        r"ليس|ليست|غير|لكن|لكنه|ولكن|إلا|الا|دون|بدون|رغم)(?![^\W_])")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation of a text: its span with marks, the words
    inside, and whether it reads as a name or title."""

    start: int
    end: int
    text: str  # as written, marks included
    inner: str  # the words inside
    # one to three words without a verb: a name or a title in quotation marks, not a quotation
    name: bool


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Where each sentence of `text` starts and ends: a quotation never runs past one."""
    bounds, start = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        if m.end() > start:
            bounds.append((start, m.end()))
            start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


@lru_cache(maxsize=1024)
def quote_spans(text: str) -> tuple[QuoteSpan, ...]:
    """Each quotation of `text`, paired within its sentence;
    a mark left open quotes to the sentence's edge."""
    folded, where = fold(text)
    found: list[QuoteSpan] = []
    for a, b in sentence_bounds(folded):
        taken = [False] * (b - a)
        for m in _PAIRED_RE.finditer(folded, a, b):
            found.append(_span_of(text, where, m.start(), m.end(), *m.span(m.lastindex or 0)))
            taken[m.start() - a:m.end() - a] = [True] * (m.end() - m.start())
        found += _unpaired(text, folded, where, a, b, taken)
    return tuple(q for q in found if q.inner.strip())


def unquoted(text: str) -> str:
    """`text` with its quotations blanked out (a quotation is checked word for word on its own)."""
    for q in reversed(quote_spans(text)):
        text = text[:q.start] + " " + text[q.end:]
    return text


def _unpaired(text: str, folded: str, where: tuple[int, ...], a: int, b: int,
              taken: list[bool]) -> list[QuoteSpan]:
    """Marks that close a quote opened in an earlier
    sentence, or open one that goes on in the next."""
    spans = []
    for i in range(a, b):
        ch = folded[i]
        if taken[i - a] or ch not in _OPENERS + _CLOSERS + _NEUTRAL:
            continue
        # a straight mark after a colon opens, whatever follows it (':" أن مستوى')
        opens = ch in _OPENERS or ch == _NEUTRAL and (
            _after_space(folded, i, a) and i + 1 < b and not folded[i + 1].isspace() or
            folded[a:i].rstrip().endswith(":"))
        # the words next to the mark, a dozen at most: enough to tell a quotation, and no more of a
        # sentence that a summary may have joined to another
        if opens:
            stop = i + 1 + _reach(folded[i + 1:b])
            start, inner = i, (i + 1, stop)
        else:
            start = i - _reach(folded[a:i][::-1])
            stop, inner = i + 1, (start, i)
        spans.append(_span_of(text, where, start, stop, *inner))
        break  # one open edge per sentence is all a quote can have
    return spans


def _after_space(folded: str, i: int, a: int) -> bool:
    """Whether a straight quote at i opens: after a space,
    or after a one-letter Arabic clitic ("بـ\"قنابل")."""
    if i == a or not folded[i - 1].isalnum():
        return True
    return folded[i - 1] in _CLITICS and (i - 1 == a or not folded[i - 2].isalnum())


def _reach(text: str, most: int = 12) -> int:
    """How many characters of `text` hold its first `most` words."""
    m = re.match(r"\s*(?:\S+\s*){0,%d}" % most, text)
    return len(m[0].rstrip()) if m else 0


def _span_of(text: str, where: tuple[int, ...], start: int, end: int,
             i0: int, i1: int) -> QuoteSpan:
    s, e = span(where, start, end)
    inner = text[slice(*span(where, i0, i1))].strip()
    return QuoteSpan(s, e, text[s:e].strip(), inner, _is_name(inner))


def _is_name(inner: str) -> bool:
    ws = inner.split()
    if not 1 <= len(ws) <= 3 or _ELLIPSIS_RE.search(inner):
        return False
    if all(w.isascii() for w in ws):
        return all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in ws) and ws[0][:1].isupper()
    return any(fold(w)[0].lstrip(_CLITICS).startswith("ال") for w in ws)


def extract_quotes(text: str) -> tuple[str, ...]:
    """The words inside each pair of quotation marks
    ("", “”, «», „“, ‹›, '', ‘’), marks left out."""
    return tuple(q.inner for q in quote_spans(text))


@lru_cache(maxsize=256)
def comparable(text: str) -> str:
    """Folded, marks unified, whitespace collapsed, casefolded: the form quotes are compared in."""
    return " ".join(fold_text(text).translate(_MARKS).split()).casefold()


def _find_words(haystack: str, words: str, pos: int) -> int:
    """Start of the first word-bounded occurrence of `words` at or after `pos`, or -1."""
    i = haystack.find(words, pos)
    while i >= 0:
        end = i + len(words)
        left = i == 0 or not haystack[i - 1].isalnum() or (
            haystack[i - 1] in _CLITICS and (i == 1 or not haystack[i - 2].isalnum()))
        if left and (end == len(haystack) or not haystack[end].isalnum()):
            return i
        i = haystack.find(words, i + 1)
    return -1


def locate(haystack: str, quote: str) -> list[tuple[int, int]] | None:
    """Where each piece of the quote (cut at any ellipsis)
    is in the comparable haystack, in order; None if not."""
    pos, found = 0, []
    for part in _ELLIPSIS_RE.split(comparable(quote)):
        part = _TRIM_RE.sub("", part)
        if not part:
            continue
        if (i := _find_words(haystack, part, pos)) < 0:
            return None
        found.append((i, i + len(part)))
        pos = i + len(part)
    return found


def cut_words(haystack: str, pieces: Sequence[tuple[int, int]]) -> str | None:
    """A negation or contrast word the cuts between quoted pieces leave out, if any."""
    for (_, end), (start, _) in zip(pieces, pieces[1:]):
        if (m := _CUT_WORDS.search(haystack, end, start)) and start - end < 400:
            return m[0]
    return None
