"""Text after decoding: normalisation, refusing what is not article text, names safe to print."""

from __future__ import annotations

import re
import unicodedata

from ..errors import InputError
from .files import MAX_BYTES

# Text an input may produce, whatever its kind: as much as the largest text
# file read (a PDF or DOCX far smaller on disk can expand to far more), so
# no step after reading faces more than a text file could give it.
MAX_CHARS = MAX_BYTES

# Direction marks and embeddings/isolates: invisible, they only break matching and tokenisation.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                                        "\u2066\u2067\u2068\u2069\ufeff"))
# What a terminal would obey or hide in a file name: control characters, lone surrogates (bytes that
# were not UTF-8), and the bidi overrides and isolates that reorder what follows them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_LATIN_VOWEL = re.compile("[AEIOUYaeiouy\u00c0-\u00c6\u00c8-\u00cf\u00d2-\u00d6\u00d9-\u00dd"
                          "\u00e0-\u00e6\u00e8-\u00ef\u00f2-\u00f6\u00f9-\u00fd]")
_ARABIC = re.compile("[\u0621-\u064a\u0671-\u06d3]")
# Long vowels and lam (with the Persian and Urdu ya and Urdu's final ya): in real Arabic prose about
# 45 % of the letters, in Persian and Urdu over a third; in random letters under a fifth.
_ARABIC_COMMON = re.compile("[\u0627\u0623\u0625\u0622\u0644\u0648\u064a\u0649\u06cc\u06d2]")
_SPACE = re.compile(r"\s")
_BLOCK = 1 << 16  # characters counted at a time
_CODE = re.compile(r"[{}();=<>\[\]\\]")
_NAV_SEPARATOR = re.compile(r"\s+[|•·»›]\s+|\s*[|•]\s*")
_MIN_SAMPLE = 200  # letters; below this no statistic is trusted and the text is let through


def normalise(text: str) -> str:
    """NFC, Unix line endings, no bidi controls; no word is changed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BIDI_CONTROLS)
    return unicodedata.normalize("NFC", text)


def printable(name: str) -> str:
    """A name safe to print in a message: control characters,
    undecodable bytes and bidi overrides escaped."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, name)


def _navigation_share(lines: list[str]) -> float:
    """Share of the characters that sit on lines made
    of three or more short separated items (menus)."""
    nav = 0
    for line in lines:
        items = [i for i in _NAV_SEPARATOR.split(line) if i.strip()]
        if len(items) >= 3 and all(len(i.split()) <= 3 for i in items):
            nav += len(line)
    return nav / max(1, sum(len(line) for line in lines))


def _only_labels(lines: list[str]) -> bool:
    """Three or more lines and none a sentence: link labels such as "Home / About / Contact"."""
    return len(lines) >= 3 and all(len(line.split()) <= 3 and line.rstrip()[-1:] not in ".!?؟:"
                                   for line in lines)


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Matches of a one-character pattern, listed a block at a time: a list of every Arabic letter
    of a 20 MB input would hold 10 million strings (800 MB)."""
    return sum(len(pattern.findall(text, start, start + _BLOCK))
               for start in range(0, len(text), _BLOCK))


def garbage_reason(text: str) -> str | None:
    """Why a text is not an article (symbols, code, menus,
    random letters), or None when it may be one."""
    # Counted over the text without its whitespace, which no
    # pattern below matches: no copy of the text is made.
    visible = len(text) - _count(_SPACE, text)
    letters = sum(ch.isalpha() for ch in text)
    if visible >= 40 and letters < 0.5 * visible:
        return "mostly symbols or numbers, not article text"
    if visible >= 80 and _count(_CODE, text) > 0.06 * visible:
        return "looks like code or markup, not article text"
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) >= 2 and visible >= 30 and _navigation_share(lines) > 0.6 or _only_labels(lines):
        return "looks like a site's navigation menu, not an article"
    latin = _count(_LATIN, text)
    if latin >= _MIN_SAMPLE and _count(_LATIN_VOWEL, text) < 0.25 * latin:
        return "random letters (too few vowels for any language), not article text"
    arabic = _count(_ARABIC, text)
    if arabic >= _MIN_SAMPLE and _count(_ARABIC_COMMON, text) < 0.25 * arabic:
        return "random Arabic letters (too few alif, lam, waw, ya), not article text"
    return None


def text_too_large(source: str) -> InputError:
    """The error for an input whose extracted text is over MAX_CHARS."""
    return InputError(f"too much text once extracted (over {MAX_CHARS // (1024 * 1024)} MB, "
                      "the most a text input may hold); an article is far smaller", source=source)


def check_article_text(text: str, source: str) -> None:
    """Refuse empty or non-article text with a one-line reason."""
    if not text.strip():
        raise InputError("empty input", source=source)
    reason = garbage_reason(text)
    if reason:
        raise InputError(reason, source=source)
