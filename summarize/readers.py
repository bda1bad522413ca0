"""Reading inputs: files, directories, stdin; encodings; HTML articles; text normalisation."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .errors import InputError, UsageError
from .records import Article

ARTICLE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
STDIN = "-"

# Direction marks and embeddings/isolates: invisible, they only break matching and tokenisation.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"))
_LEGACY_ARABIC = ("cp1256", "iso8859_6")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


@dataclass(frozen=True)
class InputRef:
    """Something to read: a path (with its path under the directory it came from) or stdin."""

    path: str
    relpath: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A file found in a directory that is not an article type; listed, not read."""

    path: str
    reason: str


def normalise(text: str) -> str:
    """NFC, Unix line endings, no bidi controls; no word is changed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BIDI_CONTROLS)
    return unicodedata.normalize("NFC", text)


def _legacy_arabic_score(text: str) -> int:
    # The definite article "ال" opens a large share of Arabic words; the wrong legacy code page
    # turns it into another pair of letters, and accented Latin letters appear inside words.
    latin_in_words = len(re.findall("[\u0621-\u064a][\u00c0-\u00ff]|[\u00c0-\u00ff][\u0621-\u064a]", text))
    return 3 * text.count("\u0627\u0644") + len(_ARABIC_LETTER.findall(text)) // 10 - 5 * latin_in_words


def decode(data: bytes, encoding: str | None = None, *, source: str = STDIN) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding used); BOMs and legacy Arabic code pages are detected."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}") from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot decode as {encoding}: {exc.reason} at byte {exc.start}", source=source) from None
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError("invalid UTF-16 despite its byte order mark", source=source) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not a text article", source=source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for name in _LEGACY_ARABIC:
        try:
            candidates.append((_legacy_arabic_score(data.decode(name)), name))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError("not UTF-8, UTF-16, windows-1256 or ISO-8859-6 text; use --encoding", source=source)
    best = max(candidates, key=lambda c: c[0])[1]  # on a tie the first, windows-1256, the commoner
    return data.decode(best), best


def _html_article(html: str, source: str) -> tuple[str, str | None, str | None]:
    import trafilatura  # lazy: lxml and friends cost start-up time

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page", source=source)
    return text, getattr(doc, "title", None), getattr(doc, "date", None)


def article_from_bytes(
    data: bytes, *, source: str, kind: str = "text", encoding: str | None = None, relpath: str | None = None
) -> Article:
    """Build an Article from raw bytes: decode, extract HTML, normalise, refuse empty text."""
    text, used = decode(data, encoding, source=source)
    if kind == "text" and re.match(r"\s*(<!doctype html|<html)", text[:512], re.IGNORECASE):
        kind = "html"
    title = date = None
    if kind == "html":
        text, title, date = _html_article(text, source)
    text = normalise(text).strip("\n")
    if not text.strip():
        raise InputError("empty input", source=source)
    digest = hashlib.sha256(data).hexdigest()
    return Article(source=source, text=text, sha256=digest, encoding=used, kind=kind, relpath=relpath,
                   title=title, date=date)


def read_article(ref: InputRef | str, *, encoding: str | None = None, stdin: BinaryIO | None = None) -> Article:
    """Read one input: a file path, or "-" for stdin (pass `stdin` to inject a stream)."""
    ref = InputRef(ref) if isinstance(ref, str) else ref
    if ref.path == STDIN:
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        return article_from_bytes(stream.read(), source=STDIN, encoding=encoding)
    path = Path(ref.path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=ref.path) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=ref.path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=ref.path) from None
    kind = ARTICLE_SUFFIXES.get(path.suffix.lower(), "text")
    return article_from_bytes(data, source=ref.path, kind=kind, encoding=encoding, relpath=ref.relpath)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def expand_inputs(paths: Iterable[str]) -> tuple[tuple[InputRef, ...], tuple[Skipped, ...]]:
    """Turn command-line paths into inputs: directories are walked (sorted), non-article files skipped."""
    refs: list[InputRef] = []
    skipped: list[Skipped] = []
    for given in paths:
        root = Path(given)
        if given == STDIN or not root.is_dir():
            refs.append(InputRef(given, relpath=None if given == STDIN else root.name))
            continue
        for path in _walk(root):
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                refs.append(InputRef(str(path), relpath=path.relative_to(root).as_posix()))
            else:
                skipped.append(Skipped(str(path), f"not an article file ({path.suffix or 'no suffix'})"))
    return tuple(refs), tuple(skipped)
