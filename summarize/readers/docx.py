"""Word documents (DOCX): paragraphs, headings, list items and table cells in document order (python-docx)."""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of encrypted .docx files and of old .doc files
MAX_UNPACKED = 200 * 1024 * 1024  # a zip bomb must not be inflated into memory


def _check_container(data: bytes, source: str) -> None:
    if data.startswith(_OLE):
        raise InputError("password-protected DOCX, or an old .doc file: save it as an unprotected .docx",
                         source=source)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if "word/document.xml" not in archive.namelist():
                raise InputError("not a Word document (no word/document.xml)", source=source)
    except zipfile.BadZipFile:
        raise InputError("not a readable DOCX (not a zip archive)", source=source) from None
    if unpacked > MAX_UNPACKED:
        raise InputError("too large once unpacked: not an article", source=source)


def _marker(paragraph) -> str:
    """The Markdown marker that tells the segmenter a paragraph is a heading or a list item."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return "# "
    if style.startswith("Heading"):
        level = style.removeprefix("Heading").strip()
        return "#" * (int(level) if level.isdigit() and 0 < int(level) < 7 else 2) + " "
    ppr = paragraph._p.pPr  # numbering properties: how Word marks bullets and numbered lists
    if style.startswith("List") or (ppr is not None and ppr.numPr is not None):
        return "- "
    return ""


def _blocks(document) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if text:
                blocks.append(_marker(item) + text)
        elif isinstance(item, Table):
            for row in item.rows:
                blocks.extend(cell.text.strip() for cell in row.cells if cell.text.strip())
    return blocks


def docx_text(data: bytes, source: str) -> str:
    """The text of a DOCX, one paragraph per block, in document order (right-to-left text as written)."""
    _check_container(data, source)
    try:
        import docx  # lazy: only DOCX inputs pay for it

        blocks = _blocks(docx.Document(io.BytesIO(data)))
    except InputError:
        raise
    except Exception as exc:  # python-docx and lxml on a damaged file: this input's problem
        raise InputError(f"not a readable DOCX ({type(exc).__name__})", source=source) from None
    return "\n\n".join(_dedupe(blocks))


def _dedupe(blocks: list[str]) -> list[str]:
    """Merged table cells repeat their text once per grid cell; keep one."""
    out: list[str] = []
    for block in blocks:
        if not out or out[-1] != block:
            out.append(block)
    return out
