"""Bytes to text: byte order marks, UTF-8, legacy Arabic code pages, and refusing binary data."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError, UsageError

_LEGACY_ARABIC = ("cp1256", "iso8859_6")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_ASCII_LETTER = re.compile("[A-Za-z]")
# C0 and C1 control characters other than the whitespace ones text files really contain.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_BLOCK = 4096
# (mark, codec of what follows it, name reported); UTF-32 first: its LE mark begins with UTF-16's
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


def check_not_binary(text: str, source: str) -> None:
    """Refuse text holding NUL anywhere, or a block
    where control characters are more than a trace."""
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes), not a text article", source=source)
    # Per block, so a long text followed by binary data is caught as surely as binary data alone.
    for start in range(0, len(text), _BLOCK):
        block = text[start:start + _BLOCK]
        if len(_CONTROL.findall(block)) > max(2, len(block) // 50):
            raise InputError("binary file (control characters), not a text article", source=source)


def _legacy_arabic_score(text: str) -> int:
    # The definite article "ال" opens a large share of Arabic words; the wrong legacy code page
    # turns it into another pair of letters, and accented Latin letters appear inside words.
    latin_in_words = len(re.findall("[\u0621-\u064a][\u00c0-\u00ff]|[\u00c0-\u00ff][\u0621-\u064a]",
                                    text))
    return (3 * text.count("\u0627\u0644") + len(_ARABIC_LETTER.findall(text)) // 10 -
            5 * latin_in_words)


def _arabic_enough(text: str) -> bool:
    """True when Arabic letters are at least a third of the letters: text a
    legacy Arabic code page may hold. Bytes that are not UTF-8 in English or
    French text also decode as windows-1256 (as Arabic letters and signs in
    Latin words): that is never the right reading of a Latin-script file."""
    arabic = len(_ARABIC_LETTER.findall(text))
    return arabic > 0 and arabic * 2 >= len(_ASCII_LETTER.findall(text))


def _mostly_utf8(data: bytes) -> bool:
    """True when valid multi-byte UTF-8 sequences far outnumber the invalid bytes: damaged UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch >= "\u0080" and ch != "\ufffd")
    return good >= 8 and bad * 10 <= good


def _forced(data: bytes, encoding: str, source: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode as {encoding}: {exc.reason} at byte {exc.start}",
                         source=source) from None


def _with_bom(data: bytes, source: str) -> tuple[str, str] | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as exc:
                label = codec[:-3].upper() if codec != "utf-8" else "UTF-8"
                raise InputError(f"invalid {label} at byte {exc.start + len(bom)} despite its "
                                 "byte order mark", source=source) from None
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is one of two values, NUL among them: the high
    bytes of UTF-16 text in one script (0x00 for ASCII and spaces, 0x06 for Arabic letters)."""
    if len(data) < 16 or len(data) % 2:
        return None
    for name, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        counts = sorted((high.count(value) for value in set(high)), reverse=True)
        if 0 in high and sum(counts[:2]) >= 0.9 * len(high) and len(set(high)) < len(set(data)) / 2:
            return name
    return None


def _undeclared(data: bytes, source: str) -> tuple[str, str]:
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess:
            raise InputError(f"looks like {guess.upper()} without a byte order mark; "
                             f"use --encoding {guess}", source=source)
        raise InputError("binary file (contains NUL bytes), not a text article", source=source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        invalid = InputError(f"invalid UTF-8 at byte {exc.start}; use --encoding", source=source)
    if _mostly_utf8(data):
        raise invalid
    candidates = []
    for name in _LEGACY_ARABIC:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        check_not_binary(text, source)  # binary data is that, whatever else it is not
        if _arabic_enough(text):
            candidates.append((_legacy_arabic_score(text), name, text))
    if not candidates:
        # Latin-script text with bytes that are not UTF-8: which code page is the user's to say
        raise invalid
    best = max(candidates, key=lambda c: c[0])  # on a tie the first, windows-1256, the commoner
    return best[2], best[1]


def decode(data: bytes, encoding: str | None = None, *, source: str = "-") -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding used);
    BOMs and legacy Arabic code pages are detected."""
    if encoding:
        text, used = _forced(data, encoding, source), encoding
    else:
        text, used = _with_bom(data, source) or _undeclared(data, source)
    check_not_binary(text, source)
    return text, used
