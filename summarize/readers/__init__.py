"""Reading inputs: files, folders, stdin and URLs; text,
Markdown, HTML, PDF and DOCX; encodings; normalisation.

Every failure to read an input is an InputError (exit 3) naming it; nothing else escapes from here.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterable

from ..errors import InputError, UsageError
from ..records import Article
from .decoding import check_not_binary, decode
from .files import MAX_BYTES, STDIN, InputRef, Skipped, read_file, read_limited, walk_folder
from .kinds import (DEFAULT, READERS, Extracted, Reader, by_suffix, kind_of_file, register, row,
                    sniffed)
from .text import (MAX_CHARS, check_article_text, garbage_reason, normalise, printable,
                   text_too_large)
from .web import FetchOptions, Page, fetch, is_url, split_credentials, unchanged, url_relpath

__all__ = [
    "MAX_BYTES", "READERS", "STDIN", "Extracted", "FetchOptions", "InputRef", "Page", "Reader",
    "Skipped", "article_from_bytes", "decode", "expand_inputs", "fetch", "garbage_reason", "is_url",
    "normalise", "printable", "read_article", "register", "unchanged", "url_relpath",
]


def _extract(data: bytes, kind: str, source: str, encoding: str | None,
             charset: str | None) -> tuple[Extracted, str, str]:
    """(what the reader made of it, encoding, kind) of
    raw bytes of a given kind, by its row of READERS."""
    reader = row(kind)
    if reader.binary:
        return reader.extract(data, source), reader.name, reader.name
    text, used = (_decode_declared(data, charset, source) if charset and not encoding
                  else (None, None))
    if text is None:
        text, used = decode(data, encoding, source=source)
    if reader.name == DEFAULT:  # no suffix or content type said what it is: its text may
        reader = sniffed(text)
    return reader.extract(text, source), used, reader.name


def _decode_declared(data: bytes, charset: str, source: str) -> tuple[str | None, str | None]:
    """A server's declared charset, unless the bytes are
    valid UTF-8 (servers often declare Latin-1 wrongly)."""
    try:
        return decode(data, "utf-8", source=source)
    except (InputError, UsageError):
        pass
    try:
        return decode(data, charset, source=source)
    except (InputError, UsageError):
        return None, None  # a wrong or unknown declaration: detect instead


def article_from_bytes(
    data: bytes, *, source: str, kind: str = "text", encoding: str | None = None,
    relpath: str | None = None, page: Page | None = None,
) -> Article:
    """Build an Article from raw bytes: decode or extract,
    normalise, refuse empty, binary or non-article text."""
    try:
        found, used, kind = _extract(data, kind, source, encoding, page.charset if page else None)
    except RecursionError:  # deeply nested markup in a parser: this input's problem
        raise InputError("too deeply nested to parse", source=source) from None
    text = found.text
    if len(text) > MAX_CHARS:  # a PDF or DOCX can expand to far more than its size on disk
        raise text_too_large(source)
    text = normalise(text).strip("\n")
    check_not_binary(text, source)
    check_article_text(text, source)
    return Article(source=source, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=used,
                   kind=kind, relpath=relpath, title=found.title, date=found.date,
                   url=page.url if page else None, etag=page.etag if page else None,
                   last_modified=page.last_modified if page else None, notes=found.notes)


def read_article(ref: InputRef | str, *, encoding: str | None = None, stdin: BinaryIO | None = None,
                 offline: bool = False, fetch_options: FetchOptions | None = None,
                 data: bytes | None = None) -> Article:
    """Read one input: a file path, an http(s) URL, or "-" for stdin (pass `stdin` to inject a
    stream); `data`: a file's bytes when they were read already."""
    ref = InputRef(ref) if isinstance(ref, str) else ref
    if ref.path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            data = read_limited(stream, STDIN)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=STDIN) from None
        return article_from_bytes(data, source=STDIN, encoding=encoding)
    if is_url(ref.path):
        url, auth = split_credentials(ref.path)  # a password is sent, never recorded
        if offline:
            raise InputError("is a URL, and --offline forbids the network", source=url)
        page = fetch(url, fetch_options, auth=ref.auth or auth)
        assert page is not None  # only a conditional request gets 304
        return article_from_bytes(page.data, source=url, kind=page.kind, encoding=encoding,
                                  relpath=ref.relpath or url_relpath(url), page=page)
    data = read_file(ref.path) if data is None else data
    kind = kind_of_file(Path(ref.path).suffix)
    return article_from_bytes(data, source=ref.path, kind=kind, encoding=encoding,
                              relpath=ref.relpath)


def expand_inputs(paths: Iterable[str]) -> tuple[tuple[InputRef, ...], tuple[Skipped, ...]]:
    """Turn command-line paths and URLs into inputs: folders
    walked (sorted), other entries skipped with a reason."""
    refs: list[InputRef] = []
    skipped: list[Skipped] = []
    for given in paths:
        if given == STDIN:
            refs.append(InputRef(given))
        elif is_url(given):
            url, auth = split_credentials(given)
            refs.append(InputRef(url, relpath=url_relpath(url), auth=auth))
        elif os.path.isdir(given):  # False, not an error, for a name too long to look up
            found, passed = walk_folder(Path(given), lambda suffix: by_suffix(suffix) is not None)
            refs += found
            skipped += passed
        else:
            refs.append(InputRef(given, relpath=Path(given).name))
    return tuple(_unique_urls(refs)), tuple(skipped)


def _unique_urls(refs: list[InputRef]) -> list[InputRef]:
    """URL inputs whose readable names coincide (http and
    https, say) get a hash of the whole URL appended."""
    seen: dict[str, int] = {}
    for ref in refs:
        seen[ref.relpath or ""] = seen.get(ref.relpath or "", 0) + 1
    return [InputRef(r.path, f"{r.relpath}_"
                     f"{hashlib.sha256(r.path.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}",
                     r.auth) if is_url(r.path) and seen[r.relpath or ""] > 1 else r for r in refs]
