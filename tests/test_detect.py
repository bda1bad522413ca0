import pytest

from summarize import detect
from summarize.detect import script_shares

from .conftest import AR_SAMPLE, EN_SAMPLE
from .data.news import ARABIC_NEWS, ENGLISH_NEWS, OTHER_LANGUAGES, SHORT_ARABIC, SHORT_ENGLISH


@pytest.mark.parametrize("text", ARABIC_NEWS + SHORT_ARABIC + [AR_SAMPLE.read_text(encoding="utf-8")])
def test_arabic_news_and_short_sentences_are_arabic(text):
    d = detect(text)
    assert (d.language, d.supported) == ("ar", True)
    assert d.scripts["arabic"] > 0.9


@pytest.mark.parametrize("text", ENGLISH_NEWS + SHORT_ENGLISH + [EN_SAMPLE.read_text(encoding="utf-8")])
def test_english_news_and_short_sentences_are_english(text):
    d = detect(text)
    assert (d.language, d.supported) == ("en", True)


@pytest.mark.parametrize("code,text", sorted(OTHER_LANGUAGES.items()))
def test_other_languages_are_named_and_unsupported(code, text):
    d = detect(text)
    assert d.language == code
    assert not d.supported


def test_detection_is_deterministic():
    text = "Putin meets Sharaa in Moscow"  # short texts are where an unseeded langdetect wavers
    assert len({repr(detect(text)) for _ in range(20)}) == 1


def test_mixed_text_reports_dominant_language_and_shares():
    text = "قال وزير الخارجية إن المحادثات كانت بناءة ومثمرة جداً " + "(the talks were constructive)"
    d = detect(text)
    assert d.language == "ar"
    assert 0.5 < d.scripts["arabic"] < 1.0
    assert 0.0 < d.scripts["latin"] < 0.5
    assert d.scripts["arabic"] + d.scripts["latin"] == pytest.approx(1.0)


@pytest.mark.parametrize("text", ["", "   \n", "12345 67", "ok", "—"])
def test_empty_or_too_short_text_is_undetermined_not_a_crash(text):
    d = detect(text)
    assert d.language == "und"
    assert not d.reliable and not d.supported


def test_evidence_names_the_script_shares():
    d = detect(ENGLISH_NEWS[0])
    assert any("script shares" in e for e in d.evidence)
    assert any(e.startswith("langdetect") for e in d.evidence)


def test_script_shares_ignore_digits_and_punctuation():
    assert script_shares("٢٠٢٦ 2026 !!! abc") == {"arabic": 0.0, "latin": 1.0, "other": 0.0}
