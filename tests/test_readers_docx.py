"""DOCX inputs made from real article text in both languages."""

import io
import zipfile

import pytest

from summarize import detect
from summarize.errors import InputError
from summarize.readers import read_article
from summarize.segment import split_paragraphs

from .conftest import AR_SAMPLE, EN_SAMPLE
from .pdf_factory import make_docx, recovered

AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")
EN_TEXT = EN_SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("text,rtl,language", [(EN_TEXT, False, "en"), (AR_TEXT, True, "ar")])
def test_docx_gives_paragraphs_headings_and_lists_in_order(tmp_path, text, rtl, language):
    article = read_article(str(make_docx(text, tmp_path / "statement.docx", rtl=rtl)))
    assert article.kind == "docx" and detect(article.text).language == language
    assert recovered(text, article.text) >= 0.99
    lines = [p.strip() for p in text.splitlines() if p.strip()]
    blocks = article.text.split("\n\n")
    assert blocks[0] == lines[0]  # right-to-left paragraphs come as written, never reversed
    kinds = [p.kind for p in split_paragraphs(article.text)]
    assert "heading" in kinds and kinds.count("list") >= 2
    assert blocks[-2:] == ["Khaberni", "2025-10-14"]  # the table after the list, in document order
    headings = [b for b in blocks if b.startswith("## ")]
    assert headings and all(h[3:] in lines for h in headings)


def test_damaged_and_protected_word_files_are_input_errors(tmp_path):
    cases = {
        "not-zip.docx": b"PK\x03\x04 not really",
        "protected.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        "no-document.docx": _zip({"word/other.xml": b"<x/>"}),
        "bad-xml.docx": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"}),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as info:
            read_article(str(path))
        assert info.value.source == str(path), name
    with pytest.raises(InputError, match="password-protected"):
        read_article(str(tmp_path / "protected.docx"))


def _zip(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
