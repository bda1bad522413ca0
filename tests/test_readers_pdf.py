"""PDF inputs made from real article text: English with running headers and hyphens, Arabic shaped as real PDFs."""

import json
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import detect
from summarize.errors import InputError
from summarize.readers import read_article
from summarize.readers.layout import (fold_presentation_forms, join_lines, logical_line, repair_arabic,
                                      runs_in_reading_order, visual_order_score)

from .conftest import AR_SAMPLE, EN_SAMPLE, ROOT
from .pdf_factory import HEADER, font_path, make_encrypted_pdf, make_pdf, make_scanned_pdf, recovered

AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")
EN_TEXT = EN_SAMPLE.read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(font_path() is None, reason="needs DejaVu Sans (apt-get install fonts-dejavu-core)")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdfs")
    return {
        "en": make_pdf(EN_TEXT, folder / "en.pdf", header=True, hyphenate=True),
        "ar-harfbuzz": make_pdf(AR_TEXT, folder / "ar-harfbuzz.pdf", arabic="harfbuzz", header=True),
        "ar-visual": make_pdf(AR_TEXT, folder / "ar-visual.pdf", arabic="visual", header=True),
    }


def test_english_pdf_gives_the_article_without_headers_footers_or_split_words(pdfs):
    article = read_article(str(pdfs["en"]))
    assert article.kind == "pdf" and detect(article.text).language == "en"
    assert recovered(EN_TEXT, article.text) >= 0.95
    assert HEADER not in article.text and "Page 2" not in article.text
    assert all(not line.endswith("-") for line in article.text.splitlines())
    # paragraphs come back as paragraphs: the article's first paragraph is the first block
    first = article.text.split("\n\n")[0]
    assert first.startswith("Khaberni - After the fall") and first.endswith("regional challenges.")


@pytest.mark.parametrize("kind", ["ar-harfbuzz", "ar-visual"])
def test_arabic_pdfs_shaped_as_real_writers_shape_them_read_in_order(pdfs, kind):
    article = read_article(str(pdfs[kind]))
    assert detect(article.text).language == "ar"
    assert recovered(AR_TEXT, article.text) >= 0.95
    assert not any("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" for ch in article.text)
    assert "للسنة المالية 2026، الذي يتضمن تخصيص 130 مليون دولار" in article.text  # numbers stay in place


def test_a_pdf_with_no_text_layer_says_run_ocr(tmp_path):
    with pytest.raises(InputError, match=r"no text layer \(scanned\?\): run OCR first"):
        read_article(str(make_scanned_pdf(tmp_path / "scan.pdf")))


def test_an_encrypted_pdf_says_so_and_one_without_a_user_password_reads(tmp_path):
    with pytest.raises(InputError, match="encrypted PDF"):
        read_article(str(make_encrypted_pdf(EN_TEXT, tmp_path / "locked.pdf")))
    article = read_article(str(make_encrypted_pdf(EN_TEXT, tmp_path / "open.pdf", user_password="")))
    assert article.text.startswith("Khaberni")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", b"not a pdf"])
def test_broken_pdfs_are_input_errors(tmp_path, data):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_article(str(path))
    assert info.value.source == str(path)


def test_run_on_an_arabic_pdf_gives_its_sentences_in_order(pdfs):
    r = subprocess.run([sys.executable, "-m", "summarize", "run", str(pdfs["ar-visual"]), "--method", "extractive",
                        "-f", "json"], capture_output=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    doc = json.loads(r.stdout)
    assert doc["language"] == "ar"
    sentences = [s["text"] for s in doc["sentences"]]
    assert sentences[0].startswith("خبرني - بعد سقوط نظام بشار الأسد")
    assert recovered(AR_TEXT, " ".join(sentences)) >= 0.95


def test_visual_order_is_detected_and_repaired_with_numbers_latin_and_brackets():
    logical = "قال الوزير (في بيان) إن 130 مليون دولار خصصت لعام 2026 عبر USAID الأمريكية"
    from bidi import get_display

    # python-bidi leaves mirroring to the renderer; a PDF stores the glyph drawn, so brackets come mirrored
    visual = get_display(logical).translate(str.maketrans("()", ")("))
    assert visual_order_score(visual) > 2 > visual_order_score(logical)
    assert logical_line(visual) == logical
    assert repair_arabic([visual]) == [logical] and repair_arabic([logical]) == [logical]


def test_runs_split_at_numbers_are_put_back_right_to_left():
    assert runs_in_reading_order("مليون دولار130 ، تخصيص2026 للسنة") == "للسنة 2026، تخصيص 130 مليون دولار"
    assert runs_in_reading_order("The year 2026 was long") == "The year 2026 was long"
    logical = "خصصت 130 مليون دولار لعام 2026 عبر USAID"
    assert runs_in_reading_order(logical) == logical


def test_presentation_forms_fold_to_letters():
    assert fold_presentation_forms("\ufedf\ufee0\ufeb4\ufee8\ufe94 \ufefb") == "للسنة لا"


def test_hyphens_and_short_lines():
    assert join_lines(["a long line of text that goes on and is exam-", "ple text that ends here now.",
                       "Short heading", "", "Next paragraph starts here."]) == (
        "a long line of text that goes on and is example text that ends here now.\n\nShort heading\n\n"
        "Next paragraph starts here.")


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x600, max_codepoint=0x6FF), st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.sampled_from("abc XYZ 0123456789٠١٢٣ .,-()[]«»\u200f\u202b\n\x00")), max_size=80), max_size=8))
def test_layout_repair_takes_any_text(lines):
    repaired = repair_arabic(lines)
    assert len(repaired) == len(lines)
    for before, after in zip(lines, repaired):  # reordered, spaced, brackets mirrored: no character lost or added
        assert _glyphs(after) == _glyphs(fold_presentation_forms(before)), (before, after)
    out = join_lines(repaired)
    assert out == out.strip() and "\n\n\n" not in out
    assert set(_glyphs("".join(repaired)) - _glyphs(out)) <= {"-"}  # only a hyphen the line end split drops
    assert not _glyphs(out) - _glyphs("".join(repaired))


def _glyphs(text: str) -> Counter:
    return Counter(ch for ch in text.translate(str.maketrans("()[]«»", "((((((")) if not ch.isspace())
