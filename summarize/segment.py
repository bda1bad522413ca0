"""Paragraphs, Arabic-aware sentences, clause fitting and sentence-aligned token windows.

Nothing here drops text: paragraphs keep every character of the input (markers included), and
sentences or fitted pieces joined with single spaces give back their input up to whitespace.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence

from .records import Paragraph, Sentence
from .sentence_rules import boundaries

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
    (re.compile(r"([-*+•])[ \t]+(\S.*)"), "list"),
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

_SENTENCE_END = ".!?؟۔…:;"
# A line ending in one of these words cannot end a sentence or a title.
_DANGLING = frozenset("the a an of to and or in on at for from with by as that than في من على "
                      "إلى الى عن و أو".split())

_CLAUSE_CUT = re.compile(r"[,;:](?=\s)|[،؛](?=.)|\s[-–—](?=\s)")


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Blocks of text: a blank line, a marker or a standalone
    line ends one; hard-wrapped lines are rejoined."""
    lines = text.splitlines()
    width = _wrap_width(lines)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not width and filled and any(not lines[i].strip() for i in range(filled[0], filled[-1])):
        # Blank lines separate paragraphs: a full-length line
        # inside a block is a wrapped one, whatever the width
        longest = max((len(line.strip()) for line in lines), default=0)
        width = longest if longest >= 60 else 0
    drafts: list[list[str]] = []  # [marker, kind, text]
    # an item runs to the next blank line or item; a wrapped line to its sentence
    open_item = joinable = False
    previous = ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            open_item = joinable = False
            continue
        marker, kind, rest = _parse_marker(stripped)
        if drafts and not marker and (
            (open_item and line[:1].isspace()) or
            (joinable and _continues(previous, stripped, width))
        ):
            drafts[-1][2] += " " + stripped
            previous = stripped
            continue
        drafts.append([marker, kind, rest])
        open_item, joinable, previous = kind == "list", kind != "heading", stripped
    return tuple(
        Paragraph(
            index=i,
            text=body,
            marker=marker,
            kind="heading" if not marker and looks_like_heading(body) else kind,
        )
        for i, (marker, kind, body) in enumerate(drafts)
    )


def _wrap_width(lines: list[str]) -> int:
    """The width text was hard-wrapped at, or 0: most lines
    close to one length of at most 100 characters."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 3:
        return 0
    width = lengths[int(len(lengths) * 0.9) - 1 if len(lengths) >= 10 else -1]
    near = sum(width * 0.7 <= n <= width for n in lengths)
    return width if 40 <= width <= 100 and near >= max(3, len(lengths) // 2) else 0


def _continues(previous: str, line: str, width: int) -> bool:
    """Whether `line` goes on the sentence or paragraph
    of `previous` rather than starting its own."""
    if width and len(previous) >= width * 0.7:
        return True  # a full line of hard-wrapped text
    if previous[-1] in _SENTENCE_END:
        return False
    if previous[-1] in "،,؛;":  # no sentence ends on a comma: the line break is inside it
        return True
    last = previous.rsplit(maxsplit=1)[-1]
    # "a sentence\ncut off" goes on; a short label such as "features\ncontact manager" does not
    return last in _DANGLING or (line[:1].islower() and len(previous.split()) >= 3)


def looks_like_heading(text: str) -> bool:
    """True for a short line with no sentence-final punctuation, like a news subheading."""
    body = text.strip().rstrip(_CLOSERS + "*_ ")
    if not body or body[-1] in _NOT_TITLE_END:
        return False
    return len(body) <= _HEADING_MAX_CHARS and len(body.split()) <= _HEADING_MAX_WORDS


def _parse_marker(line: str) -> tuple[str, str, str]:
    for pattern, kind in _MARKERS:
        match = pattern.fullmatch(line)
        if match:
            return match.group(1), kind, match.group(2).strip()
    return "", "text", line


def split_sentences(text: str) -> tuple[str, ...]:
    """Split text into sentences; `،` and `؛` never end one,
    `؟` and `۔` do; credits stay with their sentence."""
    return tuple(text[start:end] for start, end in boundaries(text))


def sentences(paragraphs: Iterable[Paragraph]) -> tuple[Sentence, ...]:
    """Flatten paragraphs into sentences numbered 0..n-1 in article order."""
    found: list[Sentence] = []
    for paragraph in paragraphs:
        for text in _paragraph_sentences(paragraph):
            found.append(Sentence(id=len(found), paragraph=paragraph.index, text=text,
                                  kind=paragraph.kind))
    return tuple(found)


def _paragraph_sentences(paragraph: Paragraph) -> list[str]:
    """A list item's marker opens its first sentence
    ("1. The first item"): the text is the article's."""
    if paragraph.kind != "list" or not paragraph.marker:
        return list(split_sentences(paragraph.text))
    whole = f"{paragraph.marker} {paragraph.text}"
    spans = boundaries(whole)
    if len(spans) > 1 and not any(ch.isalpha() for ch in whole[: spans[0][1]]):
        # a marker cut off on its own ("• 9.") goes with its item
        spans[:2] = [(spans[0][0], spans[1][1])]
    return [whole[start:end] for start, end in spans]


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
    """Greedily join parts into pieces that fit; a word
    too long on its own is cut into characters."""
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


def windows(token_counts: Sequence[int], max_tokens: int,
            overlap_tokens: int) -> tuple[tuple[int, int], ...]:
    """Sentence-aligned [start, end) windows of at most
    max_tokens, overlapping by up to overlap_tokens."""
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
