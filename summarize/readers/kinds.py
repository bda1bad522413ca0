"""The input types, one row each, as model families and backends are: a new input type is a row
here and its module.

A row says how an input of its kind is recognised (file suffixes, the content types a server
sends, or a look at the decoded text of an input of no known kind) and how its bytes become text.
A folder walk, a file's kind, a URL's kind and the extraction all ask the rows
(`readers.expand_inputs`, `web.fetch`, `readers.article_from_bytes`); `records.Article.kind` is a
row's name. Heavy readers load lazily.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..errors import UsageError
from .html import html_article, looks_like_html

DEFAULT = "text"  # an input with no known suffix or content type, and stdin


@dataclass(frozen=True)
class Extracted:
    """What a reader makes of an input: its text, and what else it found."""

    text: str
    title: str | None = None
    date: str | None = None
    # what reading did that the output must say (a DOCX's tracked changes accepted)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reader:
    """An input type: how it is recognised; how its bytes (or decoded text) become its text."""

    name: str  # records.Article.kind
    suffixes: tuple[str, ...]  # file suffixes, lower case, dot included
    media: tuple[str, ...]  # content types a server sends for it, lower case
    # (decoded text, or the raw bytes when `binary`; source) -> Extracted
    extract: Callable[[Any, str], Extracted]
    binary: bool = False  # read from the raw bytes (recorded encoding: the row's name), not decoded
    # True when the decoded text of a DEFAULT input is of this kind
    sniff: Callable[[str], bool] | None = None


def _plain(text: str, source: str) -> Extracted:
    return Extracted(text)


def _html(text: str, source: str) -> Extracted:
    return Extracted(*html_article(text, source))


def _pdf(data: bytes, source: str) -> Extracted:
    from .pdf import pdf_text  # lazy: only PDF inputs pay for pypdf

    return Extracted(pdf_text(data, source))


def _docx(data: bytes, source: str) -> Extracted:
    from .docx import docx_text

    text, notes = docx_text(data, source)
    return Extracted(text, notes=notes)


READERS: dict[str, Reader] = {r.name: r for r in (
    Reader("text", (".txt",), ("text/plain",), _plain),
    Reader("markdown", (".md", ".markdown"), ("text/markdown",), _plain),
    Reader("html", (".html", ".htm"), ("text/html", "application/xhtml+xml"), _html,
           sniff=looks_like_html),
    Reader("pdf", (".pdf",), ("application/pdf",), _pdf, binary=True),
    Reader("docx", (".docx",),
           ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",), _docx,
           binary=True),
)}


def register(reader: Reader) -> Reader:
    """Add (or replace) an input type: folder walks, files, URLs and extraction pick it up."""
    READERS[reader.name] = reader
    return reader


def row(kind: str) -> Reader:
    """The row of a kind; UsageError for a kind no row has."""
    try:
        return READERS[kind]
    except KeyError:
        raise UsageError(f"unknown input kind {kind!r}; choose from {', '.join(READERS)}") from None


def by_suffix(suffix: str) -> Reader | None:
    """The row reading files with this suffix (any case), or None."""
    suffix = suffix.lower()
    return next((r for r in READERS.values() if suffix in r.suffixes), None)


def kind_of_file(suffix: str) -> str:
    """A file's kind by its suffix; DEFAULT for a suffix no row claims (or none)."""
    found = by_suffix(suffix)
    return found.name if found else DEFAULT


def kind_of_media(media: str) -> str | None:
    """A response's kind by its content type (lower case, no parameters): a row's, DEFAULT for any
    other text/*, None for anything else."""
    found = next((r for r in READERS.values() if media in r.media), None)
    return found.name if found else (DEFAULT if media.startswith("text/") else None)


def sniffed(text: str) -> Reader:
    """The row for a DEFAULT input's decoded text: the first whose sniff says so, else DEFAULT's."""
    return next((r for r in READERS.values() if r.sniff and r.sniff(text)), READERS[DEFAULT])
