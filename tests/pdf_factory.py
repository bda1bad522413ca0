"""Test documents made from real article text: PDFs shaped the way real PDF writers shape them, and DOCX files.

PDFs use DejaVu Sans (Debian's fonts-dejavu-core, on the base image; `.ci/run` may install it), which has Arabic
letters and the presentation forms. Three Arabic layouts occur in real files and are made here:
- "harfbuzz": shaped glyphs placed in visual order, each mapped back to its letters (modern writers);
- "visual": presentation-form characters stored in visual (reversed) order (older writers, many news PDFs);
- plain logical text for English.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
HEADER = "Khaberni Weekly Review - Syria and Russia"
_WIDTH_MM = 170


def font_path() -> Path | None:
    """DejaVu Sans from the system, or the copy matplotlib ships, or None."""
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").is_file():
            return folder / "DejaVuSans.ttf"
    try:
        import matplotlib

        path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
        return path if path.is_file() else None
    except ImportError:
        return None


def _document(header: bool, shaping: bool):
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("dv", size=8)
                self.cell(0, 5, HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(2)

        def footer(self) -> None:
            if header:
                self.set_y(-15)
                self.set_font("dv", size=8)
                self.cell(0, 5, f"Page {self.page_no()}", align="C")

    pdf = Doc()
    pdf.add_font("dv", "", str(font_path()))
    pdf.set_auto_page_break(True, margin=20)
    if shaping:
        pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font("dv", size=11)
    return pdf


def _wrap(pdf, words: list[str], hyphenate: bool, measure=lambda s: s) -> list[str]:
    """Greedy line filling; with `hyphenate`, long words that do not fit are split with a hyphen."""
    lines, line = [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if pdf.get_string_width(measure(candidate)) <= _WIDTH_MM:
            line = candidate
            continue
        if hyphenate and len(word) >= 8 and word.isalpha():
            head = word[: len(word) // 2]
            if pdf.get_string_width(measure(f"{line} {head}-")) <= _WIDTH_MM:
                lines.append(f"{line} {head}-")
                line = word[len(word) // 2:]
                continue
        lines.append(line)
        line = word
    return [*lines, line] if line else lines


def make_pdf(text: str, path: Path, *, arabic: str | None = None, header: bool = False,
             hyphenate: bool = False) -> Path:
    """Write `text` (paragraphs on lines) as a PDF; `arabic` is None, "harfbuzz" or "visual"."""
    pdf = _document(header, shaping=arabic == "harfbuzz")
    measure = (lambda s: s)
    if arabic == "visual":
        import arabic_reshaper
        from bidi import get_display

        reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
        measure = reshaper.reshape

        def show(line: str) -> str:
            return get_display(reshaper.reshape(line))
    else:
        show = measure
    for paragraph in (p for p in text.splitlines() if p.strip()):
        for line in _wrap(pdf, paragraph.split(), hyphenate, measure):
            pdf.cell(_WIDTH_MM, 6, show(line), align="R" if arabic else "L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A page with only drawn shapes: what a scan without OCR looks like to a text extractor."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for i in range(20):
        pdf.rect(20, 20 + i * 12, 170, 6, style="F")
    pdf.output(str(path))
    return path


def make_encrypted_pdf(text: str, path: Path, user_password: str = "secret") -> Path:
    """An English PDF encrypted with an owner password and, unless empty, a user password."""
    pdf = _document(header=False, shaping=False)
    pdf.set_encryption(owner_password="owner", user_password=user_password)
    pdf.multi_cell(0, 6, text[:2000])
    pdf.output(str(path))
    return path


_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat and tatweel: writers drop or keep them freely


def words(text: str) -> list[str]:
    """Words for comparing an extraction with its article: folded, without marks or punctuation."""
    text = _MARKS.sub("", unicodedata.normalize("NFKC", text)).replace("\u2019", "'")
    return [w for w in (re.sub(r"[^\w]+", "", t) for t in text.split()) if w]


def recovered(article: str, extracted: str) -> float:
    """Share of the article's words found in the extraction, in order (longest common subsequence of words)."""
    a, b = words(article), words(extracted)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(a))


def make_docx(text: str, path: Path, *, rtl: bool = False) -> Path:
    """A Word document of an article: short unpunctuated lines as headings, the last paragraph's sentences as a
    bulleted list, a table of two cells, and (with `rtl`) every paragraph marked right-to-left as Word marks it."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    for line in paragraphs[:-1]:
        heading = len(line) < 90 and line[-1:] not in ".!?؟:\"”"
        made = document.add_heading(line, level=2) if heading else document.add_paragraph(line)
        if rtl:
            made.paragraph_format.element.get_or_add_pPr().append(OxmlElement("w:bidi"))
            for run in made.runs:
                run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))
    for sentence in re.split(r"(?<=[.؟!])\s+", paragraphs[-1]):
        document.add_paragraph(sentence, style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Khaberni", "2025-10-14"
    document.save(str(path))
    return path
