"""Inputs that change or lose an article's words, or cost far more than their size (issue 26): Word documents
with tracked changes, content controls, fields, text boxes and notes; damaged UTF-8 in Latin text; pages that are
only a menu; text and content streams far larger than an article."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from summarize.errors import InputError
from summarize.readers import MAX_BYTES, normalise, read_article

from .conftest import AR_SAMPLE, EN_SAMPLE

AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")
EN_TEXT = EN_SAMPLE.read_text(encoding="utf-8")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {  # the prefixes Word declares on the root of word/document.xml
    "w": W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
_DECLS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())
_REV = 'w:author="Desk Editor" w:date="2025-10-14T09:30:00Z"'


def _run(text: str, tag: str = "w:t") -> str:
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _story(paragraphs: list[str]) -> list[str]:
    """The opening paragraphs of the English sample: enough prose for the reader to take it as an article."""
    return [f"<w:p>{_run(p)}</w:p>" for p in paragraphs]


def make_raw_docx(path: Path, body_xml: list[str], *, footnotes: list[str] = (), endnotes: list[str] = ()) -> Path:
    """A DOCX saved by python-docx, its body replaced by `body_xml` (paragraphs as Word writes them), with
    footnote and endnote parts wired in as Word wires them (relationship, content type, separators)."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    sect = re.search(rb"<w:sectPr.*</w:sectPr>", files["word/document.xml"], re.S).group()
    files["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_DECLS} '
                                  f'mc:Ignorable="wps"><w:body>{"".join(body_xml)}').encode() + sect + \
        b"</w:body></w:document>"
    rels, types = files["word/_rels/document.xml.rels"].decode(), files["[Content_Types].xml"].decode()
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if not notes:
            continue
        items = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>']
        items += [f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r>{_run(" " + text)}</w:p></w:{kind}>'
                  for i, text in enumerate(notes, start=1)]
        files[f"word/{kind}s.xml"] = f'<w:{kind}s {_DECLS}>{"".join(items)}</w:{kind}s>'.encode()
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdN{kind}" Type="http://schemas.openxml'
                            f'formats.org/officeDocument/2006/relationships/{kind}s" Target="{kind}s.xml"/>'
                            "</Relationships>")
        types = types.replace("</Types>", f'<Override PartName="/word/{kind}s.xml" ContentType="application/vnd.'
                              f'openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/></Types>')
    files["word/_rels/document.xml.rels"], files["[Content_Types].xml"] = rels.encode(), types.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    path.write_bytes(out.getvalue())
    return path


EN_PARAGRAPHS = [p.strip() for p in EN_TEXT.splitlines() if len(p.strip()) > 80][:4]


# ------------------------------------------------------------------------------------------ tracked changes


def test_tracked_changes_are_read_as_accepted_and_the_record_says_so(tmp_path):
    body = [
        f"<w:p>{_run('The minister did ')}<w:ins w:id='1' {_REV}>{_run('not ')}</w:ins>{_run('approve the plan')}"
        f"<w:del w:id='2' {_REV}>{_run(' on Monday', 'w:delText')}</w:del>{_run('.')}</w:p>",
        # a moved sentence: its old place (moveFrom) is dropped, its new place (moveTo) kept, so it is there once
        f"<w:p><w:moveFromRangeStart w:id='3' {_REV} w:name='move1'/><w:moveFrom w:id='4' {_REV}>"
        f"{_run('Talks resume in Geneva next week.')}</w:moveFrom><w:moveFromRangeEnd w:id='3'/></w:p>",
        *_story(EN_PARAGRAPHS[:2]),
        f"<w:p><w:moveToRangeStart w:id='5' {_REV} w:name='move1'/><w:moveTo w:id='6' {_REV}>"
        f"{_run('Talks resume in Geneva next week.')}</w:moveTo><w:moveToRangeEnd w:id='5'/></w:p>",
        # a deleted paragraph mark joins the paragraph to the next one; a deleted paragraph is gone
        f"<w:p><w:pPr><w:rPr><w:del w:id='7' {_REV}/></w:rPr></w:pPr>{_run('The first half of this sentence ')}"
        "</w:p>",
        f"<w:p>{_run('was split by mistake.')}</w:p>",
        f"<w:p><w:pPr><w:rPr><w:del w:id='8' {_REV}/></w:rPr></w:pPr><w:del w:id='9' {_REV}>"
        f"{_run('A retracted claim about 40 casualties.', 'w:delText')}</w:del></w:p>",
        *_story(EN_PARAGRAPHS[2:]),
    ]
    article = read_article(str(make_raw_docx(tmp_path / "tracked.docx", body)))
    text = article.text
    assert "The minister did not approve the plan." in text
    assert "Monday" not in text and "retracted" not in text and "40" not in text
    assert text.count("Talks resume in Geneva next week.") == 1
    assert text.index(EN_PARAGRAPHS[1][:40]) < text.index("Talks resume")  # in its new place
    assert "The first half of this sentence was split by mistake." in text
    assert any("tracked changes" in note and "accepted" in note for note in article.notes)


def test_the_run_record_warns_that_tracked_changes_were_accepted(tmp_path):
    import summarize

    body = [f"<w:p>{_run('The minister did ')}<w:ins w:id='1' {_REV}>{_run('not ')}</w:ins>"
            f"{_run('approve the plan to sell the port.')}</w:p>", *_story(EN_PARAGRAPHS)]
    result = summarize.run(make_raw_docx(tmp_path / "tracked.docx", body), method="extractive", points=2)
    assert any("tracked changes" in w for w in result.warnings)
    assert any("did not approve" in s.text for s in result.sentences)


def test_a_document_without_tracked_changes_has_no_note(tmp_path):
    article = read_article(str(make_raw_docx(tmp_path / "plain.docx", _story(EN_PARAGRAPHS))))
    assert article.notes == ()
    assert article.text.split("\n\n") == EN_PARAGRAPHS


# ---------------------------------------------------------------------------------------------- lost content


def test_content_controls_smart_tags_fields_text_boxes_and_notes_are_all_read(tmp_path):
    date_field = ' DATE \\@ &quot;d MMMM yyyy&quot; '
    merge_field = _run(' MERGEFIELD Signatories \\* MERGEFORMAT ', "w:instrText")
    box = "<w:txbxContent><w:p>{}</w:p></w:txbxContent>".format(_run("Quote box: prices rose 12 percent in May."))
    body = [
        *_story(EN_PARAGRAPHS[:1]),
        f"<w:sdt><w:sdtPr><w:alias w:val='Body'/><w:id w:val='1'/></w:sdtPr><w:sdtContent>"
        f"<w:p>{_run('A paragraph inside a content control.')}</w:p></w:sdtContent></w:sdt>",
        f"<w:p>{_run('The total cost is ')}<w:smartTag w:uri='urn:schemas-microsoft-com:office:smarttags' "
        f"w:element='place'>{_run('$4.5 million')}</w:smartTag>{_run(' according to the report')}"
        f"<w:r><w:footnoteReference w:id='1'/></w:r>{_run('.')}</w:p>",
        f"<w:p>{_run('It was signed on ')}<w:fldSimple w:instr='{date_field}'>"
        f"{_run('14 October 2025')}</w:fldSimple>{_run(' by ')}"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        f"{merge_field}"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        f"{_run('three ministers')}<w:r><w:fldChar w:fldCharType='end'/></w:r>{_run('.')}"
        "<w:r><w:endnoteReference w:id='1'/></w:r></w:p>",
        # a text box as Word saves it: the DrawingML shape, and the VML copy for older readers (not read twice)
        f"<w:p>{_run('See the box.')}<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
        "<wp:anchor><a:graphic><a:graphicData uri='http://schemas.microsoft.com/office/word/2010/"
        f"wordprocessingShape'><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        f"</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox>"
        "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
        *_story(EN_PARAGRAPHS[1:]),
    ]
    path = make_raw_docx(tmp_path / "fields.docx", body, footnotes=["Figures from the audit office."],
                         endnotes=["Signed copies are at the ministry."])
    text = read_article(str(path)).text
    assert "A paragraph inside a content control." in text
    assert "The total cost is $4.5 million according to the report." in text
    assert "It was signed on 14 October 2025 by three ministers." in text
    assert "MERGEFIELD" not in text and "DATE" not in text
    assert text.count("Quote box: prices rose 12 percent in May.") == 1
    blocks = text.split("\n\n")
    assert blocks[-2:] == ["Footnote 1: Figures from the audit office.",
                           "Endnote 1: Signed copies are at the ministry."]
    assert blocks.index(EN_PARAGRAPHS[-1]) < len(blocks) - 2  # the notes come after the whole body


# -------------------------------------------------------------------------------------------------- size caps


def test_a_small_docx_that_expands_to_more_text_than_a_text_input_may_hold_is_refused(tmp_path):
    sentence = "The committee met again and the talks went on late into the night. "
    paragraph = f"<w:p>{_run(sentence * 2000)}</w:p>"  # 136,000 characters
    count = MAX_BYTES // (len(sentence) * 2000) + 10
    path = make_raw_docx(tmp_path / "bomb.docx", [paragraph] * count)
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk, over 20 MB of text once read
    with pytest.raises(InputError, match="too much text once extracted") as info:
        read_article(str(path))
    assert info.value.exit_code == 3 and info.value.source == str(path)


def test_a_docx_whose_xml_is_too_large_to_parse_is_refused_before_parsing(tmp_path):
    from summarize.readers.docx import MAX_XML

    paragraph = f"<w:p>{_run('x ' * 50_000)}</w:p>"
    path = make_raw_docx(tmp_path / "huge-xml.docx", [paragraph] * (MAX_XML // len(paragraph) + 10))
    with pytest.raises(InputError, match="too large once unpacked"):
        read_article(str(path))


def _pdf_with_content(operations: bytes, pages: int = 1) -> bytes:
    """A PDF whose pages all draw `operations` (one compressed content stream), laid out as PDF writers do."""
    import zlib

    stream = zlib.compress(operations, 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font "
                b"/Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 3 0 R >>"] * pages
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _lines(count: int) -> bytes:
    line = b"(The talks went on late into the night again.) Tj T*\n"
    return b"BT /F1 10 Tf 20 800 Td 12 TL\n" + line * count + b"ET\n"


def test_a_pdf_with_one_huge_content_stream_is_refused_at_once(tmp_path):
    path = tmp_path / "stream.pdf"
    path.write_bytes(_pdf_with_content(_lines(600_000)))  # 30 MB of text operators, 100 KB on disk
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(InputError, match=r"page 1 holds 30\.\d MB of drawing instructions") as info:
        read_article(str(path))
    assert info.value.exit_code == 3


def test_pdf_content_is_capped_over_all_pages_too(tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pdf_with_content(_lines(18_000), pages=20))  # 0.9 MB a page, one stream drawn 20 times
    with pytest.raises(InputError, match="over 10 MB of drawing instructions"):
        read_article(str(path))


def test_an_ordinary_pdf_page_is_read(tmp_path):
    path = tmp_path / "page.pdf"
    path.write_bytes(_pdf_with_content(b"BT /F1 10 Tf 20 800 Td 12 TL\n" + b"".join(
        b"(" + line.encode("latin-1", "replace") + b") Tj T*\n" for line in EN_PARAGRAPHS[0].split(". ")) + b"ET\n"))
    assert read_article(str(path)).text.startswith(EN_PARAGRAPHS[0][:30])


# ------------------------------------------------------------------------------------------------ encodings


def _damaged_english() -> tuple[bytes, int]:
    """The English sample as UTF-8 with accents and dashes, and one byte lost in transit (a stray 0xFF)."""
    data = EN_TEXT.replace("Syrian-Russian", "Syrian–Russian café").encode("utf-8")
    at = data.find(b" ", 1500)
    return data[:at] + b"\xff" + data[at:], at


def test_damaged_utf8_in_an_english_file_is_refused_not_read_as_arabic(tmp_path):
    data, at = _damaged_english()
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=rf"invalid UTF-8 at byte {at}; use --encoding") as info:
        read_article(str(path))
    assert info.value.exit_code == 3
    # the user's choice is obeyed: the damaged byte becomes what the code page says, the rest is kept
    assert "Syrian" in read_article(str(path), encoding="cp1252").text


def test_a_latin1_english_file_is_refused_until_its_encoding_is_given(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(EN_TEXT.replace("\u2019", "'").replace("Syrian-Russian", "Syrian-Russian \xe9lan")
                     .encode("latin-1"))
    with pytest.raises(InputError, match="invalid UTF-8 at byte"):
        read_article(str(path))
    assert "Syrian-Russian \xe9lan" in read_article(str(path), encoding="latin-1").text


@pytest.mark.parametrize("codec", ["cp1256", "iso8859_6"])
def test_real_legacy_arabic_files_are_still_detected(tmp_path, codec):
    text = AR_TEXT.replace("\u2019", "'")
    text = "".join(ch for ch in text if ch.isascii() or "\u0600" <= ch <= "\u06ff" or ch.isspace())
    path = tmp_path / "ar.txt"
    path.write_bytes(text.encode(codec, "ignore"))
    article = read_article(str(path))
    assert article.encoding in ("cp1256", "iso8859_6") and article.text[:50] == normalise(text).strip()[:50]


# ------------------------------------------------------------------------------------------------ HTML menus

_MENU = ("<!doctype html><html><head><title>Daily News</title></head><body><header><nav><ul>"
         + "".join(f'<li><a href="/s{i}">{label}</a></li>' for i, label in enumerate(
             ["Latest news from the region", "Most read stories this week", "Weather forecast for the coast",
              "Newsletters and breaking news alerts", "Subscribe to the print edition", "Advertise with us"]))
         + "</ul></nav></header><main><div class='menu'>"
         + "".join(f'<a href="/story/{i}">Government announces new measures to support farmers in region {i}</a>'
                   "<br>" for i in range(12))
         + "</div></main><footer><a href='/privacy'>Privacy policy</a> | <a href='/terms'>Terms of use</a>"
           "</footer></body></html>")


def test_a_page_that_is_only_navigation_links_is_exit_3_not_summarised(tmp_path):
    path = tmp_path / "front.html"
    path.write_text(_MENU, encoding="utf-8")
    with pytest.raises(InputError, match="no article text found in the HTML page, only navigation links") as info:
        read_article(str(path))
    assert info.value.exit_code == 3


def test_an_article_with_its_related_links_is_still_read(tmp_path):
    article = "".join(f"<p>{p}</p>" for p in EN_PARAGRAPHS)
    path = tmp_path / "story.html"
    path.write_text(_MENU.replace("<main>", f"<main><article><h1>Syria and Russia</h1>{article}</article>"),
                    encoding="utf-8")
    text = read_article(str(path)).text
    assert all(p in text for p in EN_PARAGRAPHS)


# ------------------------------------------------------------------------------------- right-to-left PDF lines

RTL_LINES = [  # each a line of its own, as HarfBuzz shapes it and the PDF draws it (left to right)
    "استقلت البلاد في 1/1/1956، وقال الوزير إن نسبة البطالة بلغت (40%) من الشباب في العام الماضي.",
    "وأضاف أن الحكومة أنفقت 2.5 مليون دولار على المشروع (المرحلة الأولى) خلال عام 2024.",
    "قال الوزير إن عام ٢٠٢٤ شهد نموا بنسبة ١٢٫٥ في المئة.",
    "«هذا اقتباس» قال المتحدث.",
    "وارتفع عدد الزوار إلى ١٢٠٠ في عام ٢٠٢٤.",  # after a line that pypdf left reading left to right
    "وصل وفد من USAID الأمريكية برئاسة John Smith إلى دمشق.",
    "ووقع التفجير الاول قرابة الساعة 7:15 (6:15 تغ) قرب مكان لصلاة عيد الفطر.",
    "وارتفع عدد الزوار إلى ١٢٠٠ في عام ٢٠٢٤.",
    "«هذا اقتباس» قال المتحدث، ثم غادر القاعة.",
]


@pytest.mark.parametrize("layout", ["harfbuzz", "visual"])
def test_numbers_brackets_and_latin_words_of_a_right_to_left_pdf_come_in_reading_order(tmp_path, layout):
    from .pdf_factory import font_path, make_pdf

    if font_path() is None:
        pytest.skip("needs DejaVu Sans (apt-get install fonts-dejavu-core)")
    text = read_article(str(make_pdf("\n".join(RTL_LINES + AR_TEXT.splitlines()[:6]), tmp_path / "rtl.pdf",
                                     arabic=layout))).text
    flat = " ".join(text.split())
    for line in RTL_LINES:
        assert line in flat


def test_a_line_already_in_reading_order_is_left_as_it_is():
    from summarize.readers.layout import runs_in_reading_order

    # not those that pypdf never gives in reading order: Arabic-Indic numbers (it reverses them in right-to-left
    # runs) or guillemets (it takes them for left-to-right letters)
    for line in [*(line for line in RTL_LINES if not re.search("[\u0660-\u0669«]", line)),
                 "خصصت 130 مليون دولار لعام 2026 عبر USAID", "The year 2026 was long"]:
        assert runs_in_reading_order(line) == line
