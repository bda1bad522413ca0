"""Word documents (DOCX): the text as it stands with
every tracked change accepted, in document order.

Paragraphs, headings (as `#` headings), list items (as `-` items), table cells, content controls,
smart tags, field results (never their instructions), text boxes (once, not again from their VML
copy) and, at the end, footnotes and endnotes in the order they are referenced. python-docx opens
the file and names the styles; the walk over the XML is ours, because python-docx's `text` drops
inserted runs, content controls and fields.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from .text import MAX_CHARS, text_too_large

# the container of encrypted .docx files and of old .doc files
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 200 * 1024 * 1024  # a zip bomb must not be inflated into memory
# The XML parsed into trees: lxml takes about eight times
# its size in memory, and an article's XML is a few MB.
MAX_XML = 64 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH_TEXT = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_TEXT = {_W + "t", _MATH_TEXT}
_CHARS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
# Never text of the document: properties, deleted and
# moved-away text, field instructions, the section.
_SKIP = {_W + name for name in ("pPr", "rPr", "sdtPr", "sdtEndPr", "tblPr", "tblGrid", "trPr",
                                "tcPr", "sectPr", "delText", "delInstrText", "instrText", "fldData",
                                "customXmlPr", "smartTagPr")}
_REMOVED = {_W + "del", _W + "moveFrom"}  # tracked deletions and the old place of moved text
_ADDED = {_W + "ins", _W + "moveTo"}
_NOTES = {_W + "footnoteReference": "footnote", _W + "endnoteReference": "endnote"}
_NOTE_TYPES = {
    "footnote": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
    "endnote": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes",
}


def _check_container(data: bytes, source: str) -> None:
    if data.startswith(_OLE):
        raise InputError("password-protected DOCX, or an old .doc file: save it as an "
                         "unprotected .docx", source=source)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if "word/document.xml" not in archive.namelist():
                raise InputError("not a Word document (no word/document.xml)", source=source)
    except zipfile.BadZipFile:
        raise InputError("not a readable DOCX (not a zip archive)", source=source) from None
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    if sum(i.file_size for i in infos) > MAX_UNPACKED or xml > MAX_XML:
        raise InputError("too large once unpacked: not an article", source=source)


class _Reader:
    """One walk over a document's XML; counts the tracked
    changes it accepts and the notes referenced."""

    def __init__(self, styles: dict[str, str], source: str) -> None:
        self.styles, self.source = styles, source
        self.changes = 0
        self.size = 0
        # complex fields open here: True while in their instruction part
        self.fields: list[bool] = []
        self.boxes: list[str] = []  # text-box paragraphs met inside the current paragraph
        self.notes: list[tuple[str, str]] = []  # (footnote | endnote, id) in order of reference

    def blocks(self, container) -> list[str]:
        """The blocks of a body, cell, text box, content control or note, in order."""
        blocks: list[str] = []
        carry = ""  # a paragraph whose mark was deleted runs on into the next one
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                text = carry + self._inline(child, [])
                if self._mark_removed(child):
                    carry = text
                    continue
                carry, boxes, self.boxes = "", self.boxes, []
                if text.strip():
                    self._add(blocks, self._marker(child) + text.strip())
                for box in boxes:
                    self._add(blocks, box)
            elif tag == _W + "tbl":
                for cell in self._cells(child):
                    self._add(blocks, cell)
            elif tag in _REMOVED:
                self.changes += 1
            elif tag == _MC + "AlternateContent":
                blocks += self.blocks(_chosen(child))
            elif isinstance(tag, str) and tag not in _SKIP:
                # sdt, sdtContent, customXml, ins, moveTo …
                self.changes += tag in _ADDED
                blocks += self.blocks(child)
        if carry.strip():
            self._add(blocks, carry.strip())
        return blocks

    def _add(self, blocks: list[str], block: str) -> None:
        self.size += len(block) + 2
        if self.size > MAX_CHARS:
            raise text_too_large(self.source)
        blocks.append(block)

    def _inline(self, element, out: list[str]) -> str:
        """The text of a paragraph's content: runs, hyperlinks,
        smart tags, inline controls, field results."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag in _REMOVED:
                self.changes += 1
            elif tag in _TEXT:
                if not any(self.fields):
                    out.append(child.text or "")
            elif tag in _CHARS:
                out.append(_CHARS[tag])
            elif tag == _W + "br":
                out.append("" if child.get(_W + "type") in ("page", "column") else "\n")
            elif tag == _W + "fldChar":
                self._field(child.get(_W + "fldCharType"))
            elif tag in _NOTES:
                self.notes.append((_NOTES[tag], child.get(_W + "id") or ""))
            elif tag == _W + "txbxContent":  # its paragraphs become blocks after this paragraph's
                pending, self.boxes = self.boxes, []
                self.boxes = pending + self.blocks(child)
            elif tag == _MC + "AlternateContent":
                self._inline(_chosen(child), out)
            else:
                self.changes += tag in _ADDED
                self._inline(child, out)
        return "".join(out)

    def _field(self, kind: str | None) -> None:
        """A complex field shows its result (between separate
        and end), never its instruction (begin to separate)."""
        if kind == "begin":
            self.fields.append(True)
        elif kind == "separate" and self.fields:
            self.fields[-1] = False
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _mark_removed(self, paragraph) -> bool:
        marks = paragraph.find(f"{_W}pPr/{_W}rPr")
        removed = marks is not None and any(child.tag in _REMOVED for child in marks)
        self.changes += removed
        return removed

    def _cells(self, table) -> list[str]:
        """One block per non-empty cell, row by row; a
        row deleted as a tracked change is not read."""
        cells = []
        for row in _rows(table):
            props = row.find(_W + "trPr")
            if props is not None and any(child.tag in _REMOVED for child in props):
                self.changes += 1
                continue
            for cell in row:
                if cell.tag in (_W + "tc", _W + "sdt"):
                    text = "\n".join(self.blocks(cell)).strip()
                    if text:
                        cells.append(text)
        return cells

    def _marker(self, paragraph) -> str:
        """The Markdown marker that tells the segmenter a paragraph is a heading or a list item."""
        props = paragraph.find(_W + "pPr")
        style_id = props.find(_W + "pStyle") if props is not None else None
        style = self.styles.get(style_id.get(_W + "val", "") if style_id is not None else "", "")
        if style == "Title":
            return "# "
        if style.startswith("Heading"):
            level = style.removeprefix("Heading").strip()
            return "#" * (int(level) if level.isdigit() and 0 < int(level) < 7 else 2) + " "
        if style.startswith("List") or (props is not None and props.find(_W + "numPr") is not None):
            return "- "
        return ""


def _rows(table):
    """A table's rows, also those inside a content control or custom XML; not a nested table's."""
    for child in table:
        if child.tag == _W + "tr":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            inner = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            yield from _rows(inner if inner is not None else ())


def _chosen(alternate):
    """The content of markup-compatibility alternatives that is read: the first choice, else the
    fallback (the other branches are copies of the same content for other readers)."""
    for branch in alternate:
        if branch.tag in (_MC + "Choice", _MC + "Fallback"):
            return branch
    return ()


def _note_blocks(document, reader: _Reader) -> list[str]:
    """Footnotes and endnotes in the order the text refers to them, each marked as one."""
    from docx.oxml.parser import parse_xml

    parts = {kind: rel.target_part for rel in document.part.rels.values()
             for kind, reltype in _NOTE_TYPES.items()
             if rel.reltype == reltype and not rel.is_external}
    trees = {kind: {n.get(_W + "id"): n for n in parse_xml(part.blob)}
             for kind, part in parts.items()}
    blocks: list[str] = []
    counts = {"footnote": 0, "endnote": 0}
    for kind, note_id in dict.fromkeys(reader.notes):
        note = trees.get(kind, {}).get(note_id)
        text = " ".join(reader.blocks(note)) if note is not None else ""
        if text.strip():
            counts[kind] += 1
            reader._add(blocks, f"{kind.capitalize()} {counts[kind]}: {text.strip()}")
    return blocks


def docx_text(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """The text of a DOCX with every tracked change accepted, one paragraph per block, in document
    order (right-to-left text as written), and notes on what was done (tracked changes accepted)."""
    _check_container(data, source)
    try:
        import docx  # lazy: only DOCX inputs pay for it

        document = docx.Document(io.BytesIO(data))
        reader = _Reader({s.style_id: s.name or "" for s in document.styles}, source)
        blocks = reader.blocks(document.element.body)
        blocks += _note_blocks(document, reader)
    except InputError:
        raise
    except Exception as exc:  # python-docx and lxml on a damaged file: this input's problem
        raise InputError(f"not a readable DOCX ({type(exc).__name__})", source=source) from None
    notes = (f"tracked changes: {reader.changes} insertions, deletions and moves, "
             "read as if all were accepted",
             ) if reader.changes else ()
    return "\n\n".join(blocks), notes
