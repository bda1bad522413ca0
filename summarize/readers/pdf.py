"""PDF files: the text layer (pypdf), pages joined into
paragraphs, Arabic folded and put in reading order."""

from __future__ import annotations

import io
import logging

from ..errors import InputError
from .layout import drop_repeated_margins, join_lines, repair_arabic
from .text import MAX_CHARS, text_too_large

MAX_PAGES = 2000  # a report of this length is not an article; parsing more only burns time
# What pypdf interprets, measured before any text is extracted: extraction grows faster than
# linearly with a page's content (1 MB of text operators take 1-2 s, 2 MB 4-7 s, 30 MB more than 10
# minutes), and a dense page of text needs 10-20 KB.
# bytes of content (its streams and the forms they draw, decoded) on one page
MAX_PAGE_CONTENT = 1024 * 1024
MAX_CONTENT = 10 * 1024 * 1024  # and on all pages together
_MB = 1024 * 1024


def _open(data: bytes, source: str):
    import pypdf  # lazy: only PDF inputs pay for it

    # malformed-but-readable files warn on every object
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("encrypted PDF: it needs a password; save an unprotected copy first",
                             source=source)
        return reader
    except InputError:
        raise
    except Exception as exc:
        # pypdf raises many types on broken files: each is this input's problem
        if "crypt" in type(exc).__name__.lower() or "AES" in str(exc):
            raise InputError("encrypted PDF: cannot decrypt it here; save an unprotected copy "
                             "first", source=source) from None
        raise InputError(f"not a readable PDF ({type(exc).__name__})", source=source) from None


def _content_size(page) -> int:
    """Decoded bytes of what extracting a page's text
    interprets: its content streams and the forms they draw."""
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    seen: set[int] = set()
    todo = [page.get("/Resources")]
    while todo:
        resources = todo.pop()
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        for ref in (xobjects.get_object().values() if xobjects is not None else ()):
            form = ref.get_object()
            key = getattr(ref, "idnum", None) or id(form)  # a form may draw itself: count it once
            if key in seen or not hasattr(form, "get_data") or form.get("/Subtype") != "/Form":
                continue  # images are not decoded to extract text
            seen.add(key)
            size += len(form.get_data())
            todo.append(form.get("/Resources"))
    return size


def _check_size(reader, source: str) -> None:
    """Refuse a PDF whose pages are too many, or hold too
    much for text extraction to finish in seconds."""
    content = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES:
            raise InputError(f"over {MAX_PAGES} pages: not an article", source=source)
        size = _content_size(page)
        content += size
        if size > MAX_PAGE_CONTENT:
            raise InputError(f"page {number + 1} holds {size / _MB:.1f} MB of drawing "
                             f"instructions (over {MAX_PAGE_CONTENT // _MB} MB): "
                             "not an article page", source=source)
        if content > MAX_CONTENT:
            raise InputError(f"over {MAX_CONTENT // _MB} MB of drawing instructions: "
                             "not an article", source=source)


def _pages(reader, source: str) -> list[list[str]]:
    pages = []
    chars = 0
    try:
        _check_size(reader, source)
        for page in reader.pages:
            text = page.extract_text() or ""
            chars += len(text)
            if chars > MAX_CHARS:
                raise text_too_large(source)
            pages.append(text.splitlines())
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"cannot extract the PDF's text ({type(exc).__name__})",
                         source=source) from None
    return pages


def pdf_text(data: bytes, source: str) -> str:
    """The article text of a PDF; InputError when it is encrypted, broken or has no text layer."""
    pages = _pages(_open(data, source), source)
    if not any(line.strip() for lines in pages for line in lines):
        raise InputError("no text layer (scanned?): run OCR first", source=source)
    pages = drop_repeated_margins([repair_arabic(lines) for lines in pages])
    return join_lines([line for lines in pages for line in [*lines, ""]])
