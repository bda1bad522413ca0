"""Short and hard inputs (issue 15): Arabizi, Arabic-script languages without their letters, short Latin text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.detect import (
    ARABIZI,
    ARABIZI_MESSAGE,
    detect,
    detect_paragraphs,
    mixed_languages,
    paragraph_languages,
    unsupported_reason,
)
from summarize.segment import split_paragraphs

# Real sentences from benchmarks/data/detection/cases.jsonl (sources in its SOURCES.md).
ARABIZI_TEXTS = [
    "Enta mesh fahem mattkalemsh ktiir",
    "ana bas 3ayza afham has7a 9 de ezay wala ha3mel eh",
    "Gama3a wenaby had ye2oly abatal nom ezay",
]
WITHOUT_OWN_LETTERS = {
    "امروز هوا سرد است.": "fa",
    "نام هر دو ابن فهد است.": "fa",
    "اس كي تفصيل مين جاني كي ضرورت نهين ۔": "ur",
    "افغانستان اوس ۳۴ ولايتونه لري.": "ps",
    "ئهمه حكومهتي ههريمي كوردستانه، نه حكومهتي ههولير.": "ku",
}
SHORT_OTHERS = {
    "Aabihiina waxaa uu noqday boqorkii xijaaz.": "so",
    "Baar wuxuu leeyahay manaafacaad badan.": "so",
    "Dan kegiatan lainnya.": ("ms", "id"),
}


@pytest.mark.parametrize("text", ARABIZI_TEXTS)
def test_arabizi_is_recognised_and_unsupported(text):
    found = detect(text)
    assert (found.language, found.supported) == (ARABIZI, False)
    assert ARABIZI_MESSAGE in found.evidence
    assert unsupported_reason(found) == "Arabic written in Latin letters: not supported"


@pytest.mark.parametrize("text, language", sorted(WITHOUT_OWN_LETTERS.items()))
def test_arabic_script_languages_are_told_from_arabic_without_their_own_letters(text, language):
    found = detect(text)
    assert found.language == language
    assert not found.supported


@pytest.mark.parametrize("text, language", sorted(SHORT_OTHERS.items()))
def test_short_latin_text_of_other_languages_is_never_english(text, language):
    found = detect(text)
    assert found.language != "en"
    assert found.language in (language if isinstance(language, tuple) else (language,))


@pytest.mark.parametrize(
    "text",
    ["أعلنت شركة Apple عن iPhone 15 Pro Max في مؤتمر WWDC.", "وذلك سيسمح ل Apple بإنتاج كاميرا أرق."],
)
def test_arabic_carrying_latin_brand_names_stays_arabic(text):
    assert detect(text).language == "ar"


def test_short_english_without_function_words_is_english():
    found = detect("Hundreds die every day.")
    assert (found.language, found.supported) == ("en", True)


def test_each_paragraph_gets_its_own_language_and_a_mixed_article_says_so():
    text = (
        "قال وزير الخارجية إن المحادثات مع الجانب الروسي كانت بناءة ومثمرة وإن الطرفين اتفقا على مواصلتها.\n\n"
        "The minister said the talks with the Russian side were constructive and would continue next week.\n\n"
        "وأضاف أن الجولة المقبلة ستعقد في العاصمة السورية دمشق خلال الأسبوع المقبل."
    )
    found = detect_paragraphs(split_paragraphs(text))
    assert [d.language for d in found] == ["ar", "en", "ar"]
    assert mixed_languages(found) == ("ar", "en")
    assert mixed_languages(detect_paragraphs(["Only English here, in one paragraph of some length."])) == ("en",)


PIECE = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹.,;:!?؟،؛۔\"'“”«»()[]{}")
    + list("ابتثجحخدذرسشصعقكلمنهويةىپچژگیکٹڈڑںےہھټډړښږځڅګېۍڼەێڵڕۆ")
    + ["\u200f", "\u200e", "\u202a", "\u200c", "\x00", "٫", "3.5", "١٫٢٥", "2015/11/14", "x" * 200, "ana", "3ala"]
)
TEXT = st.lists(st.one_of(PIECE, st.text(max_size=5)), max_size=60).map("".join)


@settings(max_examples=80, deadline=None)
@given(TEXT)
def test_detect_takes_any_text(text):
    found = detect(text)
    assert isinstance(found.language, str) and found.language
    assert 0.0 <= found.confidence <= 1.0
    assert found.supported == (found.language in ("ar", "en"))


def test_a_mixed_article_gets_a_warning_naming_the_other_paragraphs():
    from summarize.detect import mixed_language_warning

    text = (
        "قال وزير الخارجية إن المحادثات مع الجانب الروسي كانت بناءة ومثمرة وإن الطرفين اتفقا على مواصلتها.\n\n"
        "The minister said the talks with the Russian side were constructive and would continue next week.\n"
    )
    languages = paragraph_languages(split_paragraphs(text), "ar")
    assert languages == ("ar", "en")
    passed = "mixed article (ar): paragraph 1 in en passed through (already in en)"
    assert mixed_language_warning(languages, "ar", "en") == passed
    assert mixed_language_warning(languages, "ar") == "mixed article (ar): paragraph 1 in en read as written"
    assert mixed_language_warning(("en", "ar", "fr", "ar"), "en", "en") == (
        "mixed article (en): paragraphs 1, 3 in ar translated ar→en; paragraph 2 in fr left as written (not supported)")
    pure = paragraph_languages(["قال الوزير إن المحادثات كانت بناءة ومثمرة."], "ar")
    assert mixed_language_warning(pure, "ar") is None
