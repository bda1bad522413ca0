"""PDF files: the text layer (pypdf), pages joined into paragraphs, Arabic folded and put in reading order."""

from __future__ import annotations

import io
import logging

from ..errors import InputError
from .layout import drop_repeated_margins, join_lines, repair_arabic

MAX_PAGES = 2000  # a report of this length is not an article; parsing more only burns time


def _open(data: bytes, source: str):
    import pypdf  # lazy: only PDF inputs pay for it

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable files warn on every object
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("encrypted PDF: it needs a password; save an unprotected copy first", source=source)
        return reader
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types on broken files: each is this input's problem
        if "crypt" in type(exc).__name__.lower() or "AES" in str(exc):
            raise InputError("encrypted PDF: cannot decrypt it here; save an unprotected copy first",
                             source=source) from None
        raise InputError(f"not a readable PDF ({type(exc).__name__})", source=source) from None


def _pages(reader, source: str) -> list[list[str]]:
    pages = []
    try:
        for number, page in enumerate(reader.pages):
            if number >= MAX_PAGES:
                raise InputError(f"over {MAX_PAGES} pages: not an article", source=source)
            pages.append((page.extract_text() or "").splitlines())
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"cannot extract the PDF's text ({type(exc).__name__})", source=source) from None
    return pages


def pdf_text(data: bytes, source: str) -> str:
    """The article text of a PDF; InputError when it is encrypted, broken or has no text layer."""
    pages = _pages(_open(data, source), source)
    if not any(line.strip() for lines in pages for line in lines):
        raise InputError("no text layer (scanned?): run OCR first", source=source)
    pages = drop_repeated_margins([repair_arabic(lines) for lines in pages])
    return join_lines([line for lines in pages for line in [*lines, ""]])
