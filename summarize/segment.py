"""Paragraphs, Arabic-aware sentences, clause fitting and sentence-aligned token windows.

Nothing here drops text: paragraphs keep every character of the input (markers included), and
sentences or fitted pieces joined with single spaces give back their input up to whitespace.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence

from .records import Paragraph, Sentence

__all__ = [
    "fit",
    "looks_like_heading",
    "sentences",
    "split_paragraphs",
    "split_sentences",
    "windows",
]

_MARKERS = (
    (re.compile(r"(#{1,6})[ \t]+(\S.*)"), "heading"),
    (re.compile(r"([-*+])[ \t]+(\S.*)"), "list"),
    # at most 3 digits, so a line opening with a year ("2026. ...") is not a list item
    (re.compile(r"([0-9\u0660-\u0669\u06F0-\u06F9]{1,3}[.)])[ \t]+(\S.*)"), "list"),
    (re.compile(r"(>)[ \t]+(\S.*)"), "text"),
)
_HEADING_MAX_WORDS = 15
_HEADING_MAX_CHARS = 120
_CLOSERS = "\"”»'’)]"
_OPENERS = "\"“«'‘(["
# Ending a line with any of these means "sentence" or "lead-in", never "title".
_NOT_TITLE_END = ".!?؟۔…:;,،؛"

_TERMINATOR = re.compile(r"[.!?؟۔…]+[" + re.escape(_CLOSERS) + r"]*")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]")
_ARABIC_ABBREVIATION = re.compile(r"(?:[\u0621-\u064A]\.)*[\u0621-\u064A]\u0640?")
_ARABIC_ERA = {"م", "ه", "هـ"}  # "2020 م." (AD) and "1446 هـ." (AH) close a sentence
_NUMBER = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9][0-9\u0660-\u0669\u06F0-\u06F9,.\u066B\u066C]*")
_LATIN_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")  # U.S., a.m., single initials

# Titles and date words that are followed by a name or number: never a sentence end.
_STRONG = frozenset(
    "Mr Mrs Ms Dr Prof St Gen Gov Sen Rep Lt Col Sgt Capt Maj Adm Rev Hon Mt Ft vs cf approx "
    "e.g i.e Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
# Abbreviations that often end a sentence too: they end one only before a typical opener.
_WEAK = frozenset("Inc Ltd Co Corp Jr Sr etc".split())
_STARTERS = frozenset(
    "The A An He She It They We I You This That These Those There Their His Her Its Our But And "
    "Yet So In On At As For If When While After Before Meanwhile However Officials Police".split()
)

_NEXT_WORD = re.compile(r"\s*[" + re.escape(_OPENERS) + r"]*(\S*)")
_CLAUSE_CUT = re.compile(r"[,;:](?=\s)|[،؛](?=.)|\s[-–—](?=\s)")


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split on blank lines when there are any, else one paragraph per non-empty line."""
    lines = text.splitlines()
    blocked = _has_blank_line(lines)
    drafts: list[list[str]] = []  # [marker, kind, text]
    joinable = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            joinable = False
            continue
        marker, kind, rest = _parse_marker(stripped)
        continues_item = drafts and drafts[-1][1] == "list" and line[:1].isspace()
        if blocked and not marker and (joinable or continues_item):
            drafts[-1][2] += " " + stripped
            continue
        drafts.append([marker, kind, rest])
        joinable = blocked and not marker
    return tuple(
        Paragraph(
            index=i,
            text=body,
            marker=marker,
            kind="heading" if not marker and looks_like_heading(body) else kind,
        )
        for i, (marker, kind, body) in enumerate(drafts)
    )


def looks_like_heading(text: str) -> bool:
    """True for a short line with no sentence-final punctuation, like a news subheading."""
    body = text.strip().rstrip(_CLOSERS + "*_ ")
    if not body or body[-1] in _NOT_TITLE_END:
        return False
    return len(body) <= _HEADING_MAX_CHARS and len(body.split()) <= _HEADING_MAX_WORDS


def _has_blank_line(lines: list[str]) -> bool:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return bool(filled) and any(not lines[i].strip() for i in range(filled[0], filled[-1]))


def _parse_marker(line: str) -> tuple[str, str, str]:
    for pattern, kind in _MARKERS:
        match = pattern.fullmatch(line)
        if match:
            return match.group(1), kind, match.group(2).strip()
    return "", "text", line


def split_sentences(text: str) -> tuple[str, ...]:
    """Split text into sentences; `،` and `؛` never end one, `؟` and `۔` do."""
    text = text.strip()
    found: list[str] = []
    start = 0
    for match in _TERMINATOR.finditer(text):
        if _ends_sentence(text, match):
            piece = text[start : match.end()].strip()
            if piece:
                found.append(piece)
            start = match.end()
    tail = text[start:].strip()
    if tail:
        found.append(tail)
    return tuple(found)


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    after = text[match.end() : match.end() + 1]
    # Arabic copy often drops the space after the stop ("قال.وأضاف"); Latin never splits there.
    if after and not after.isspace() and not _ARABIC_LETTER.match(after):
        return False
    next_word = _NEXT_WORD.match(text, match.end()).group(1)
    if next_word[:1].islower():  # "e.g. the", "'Why?' he asked": the sentence goes on
        return False
    if match.group().rstrip(_CLOSERS) != ".":
        return True
    # A bounded look-behind keeps long paragraphs linear: no abbreviation is this long.
    return not _is_abbreviation(text[max(0, match.start() - 80) : match.start()], next_word)


def _is_abbreviation(head: str, next_word: str) -> bool:
    """Whether the word at the end of `head`, just before a ".", is an abbreviation."""
    word = head.rsplit(maxsplit=1)[-1].lstrip(_OPENERS) if head.strip() else ""
    if word in _STRONG or word.lower() in {"e.g", "i.e", "vs"}:
        return True
    if word == "No":  # "No. 5", but "He said No."
        return next_word[:1].isdigit()
    opener = next_word.rstrip(",.;:!?")
    if word in _WEAK or _LATIN_ACRONYM.fullmatch(word):
        return opener not in _STARTERS
    if _ARABIC_ABBREVIATION.fullmatch(word):
        before = head[: len(head.rstrip()) - len(word)].split()
        return not (word in _ARABIC_ERA and before and _NUMBER.fullmatch(before[-1]))
    return False


def sentences(paragraphs: Iterable[Paragraph]) -> tuple[Sentence, ...]:
    """Flatten paragraphs into sentences numbered 0..n-1 in article order."""
    found: list[Sentence] = []
    for paragraph in paragraphs:
        for text in split_sentences(paragraph.text):
            found.append(Sentence(id=len(found), paragraph=paragraph.index, text=text, kind=paragraph.kind))
    return tuple(found)


def fit(sentence: str, max_tokens: int, count_tokens: Callable[[str], int]) -> tuple[str, ...]:
    """Split a sentence longer than max_tokens at clauses, then words, then characters."""
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, not {max_tokens}")
    text = sentence.strip()
    if not text:
        return ()
    if count_tokens(text) <= max_tokens:
        return (text,)
    cuts = [match.end() for match in _CLAUSE_CUT.finditer(text)]  # text is stripped: no empty side
    if cuts:
        middle = len(text) / 2
        cut = min(cuts, key=lambda c: (abs(c - middle), c))
        return fit(text[:cut], max_tokens, count_tokens) + fit(text[cut:], max_tokens, count_tokens)
    return _pack(text.split(), " ", max_tokens, count_tokens)


def _pack(
    parts: list[str], glue: str, max_tokens: int, count_tokens: Callable[[str], int]
) -> tuple[str, ...]:
    """Greedily join parts into pieces that fit; a word too long on its own is cut into characters."""
    pieces: list[str] = []
    i = 0
    while i < len(parts):
        if glue and count_tokens(parts[i]) > max_tokens:
            pieces.extend(_pack(list(parts[i]), "", max_tokens, count_tokens))
            i += 1
            continue
        low, high = 1, len(parts) - i  # the most parts from i that still fit (at least one)
        while low < high:
            middle = (low + high + 1) // 2
            if count_tokens(glue.join(parts[i : i + middle])) <= max_tokens:
                low = middle
            else:
                high = middle - 1
        pieces.append(glue.join(parts[i : i + low]))
        i += low
    return tuple(pieces)


def windows(token_counts: Sequence[int], max_tokens: int, overlap_tokens: int) -> tuple[tuple[int, int], ...]:
    """Sentence-aligned [start, end) windows of at most max_tokens, overlapping by up to overlap_tokens."""
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, not {max_tokens}")
    if overlap_tokens < 0:
        raise ValueError(f"overlap_tokens must be at least 0, not {overlap_tokens}")
    found: list[tuple[int, int]] = []
    start, count = 0, len(token_counts)
    while start < count:
        end, total = start + 1, token_counts[start]  # an oversized sentence still gets a window
        while end < count and total + token_counts[end] <= max_tokens:
            total += token_counts[end]
            end += 1
        found.append((start, end))
        if end == count:
            break
        # Carry trailing sentences back, but only as many as leave room for the next new one.
        start, carried = end, 0
        while start - 1 > found[-1][0]:
            more = carried + token_counts[start - 1]
            if more > overlap_tokens or more + token_counts[end] > max_tokens:
                break
            start, carried = start - 1, more
    return tuple(found)
