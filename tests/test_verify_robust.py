"""verify never raises on text: decimals, both digit systems, dates, every quote style, bidi marks, NUL, long tokens."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.verify import Finding, check, extract_dates, extract_numbers, extract_quotes, parse_digits

# Pieces real news is made of, and the ones that broke it: "5.30pm", "١٫٢٥", open quotes, marks, NUL.
PIECES = [
    "5.30pm", "12.5 points", "1.25 hours", "18.5", "0.75", "١٫٢٥", "٣٫٥ بالمئة", "۱۲۳", "1,200", "$4.25bn",
    "€2.4 billion",
    "15 July 2025", "July 15, 2025", "Sept. 3", "May", "في 15 من تموز/يوليو 2025", "أفريل", "جويلية", "Sunday",
    "الأحد", "1979", "٢٠٢٥", "3:45", "10.5.2024", "2024-05-10", "'", '"', "«", "»", "“", "”", "„", "‘", "’", "‹", "›",
    "(", ")", "[", "]", "{", "}", "...", "…", "[...]", "\u200f", "\u200e", "\u061c", "\u202b", "\u202c", "\u2067",
    "\x00", "\u0640", "\u064b", "x" * 300, "٩" * 120, "9" * 400, "five", "twenty-one", "خمسة", "امرأتان", "نصف", "half",
    "said", "قال", "not", "لم", "km", "كيلومترا", "feet", " ", "\n", ". ", "؟ ", "! ",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=30).map("".join)
ROBUST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("text", ["5.30pm", "12.5 points", "1.25 hours", "18.5", "0.75", "١٫٢٥", "May 5.30"])
def test_the_decimals_that_crashed_are_read_as_decimals(text):
    assert check(text, text) == ()
    (q,) = extract_numbers(text)
    digits = q.text.rstrip("apm points hours").replace("٫", ".").translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    assert q.kind == "number" and q.value == pytest.approx(float(digits))


@pytest.mark.parametrize("num,expected", [("5.30", (5.3, 2, 3)), ("1,200.50", (1200.5, 2, 6)), ("0.75", (0.75, 2, 2)),
                                          ("2025", (2025.0, 0, 4)), ("007", (7.0, 0, 1))])
def test_parse_digits_is_the_one_reading_of_a_figure(num, expected):
    assert parse_digits(num) == expected


def test_a_decimal_is_never_a_year():
    assert [q.kind for q in extract_numbers("It rose 19.5 in 2019.")] == ["number", "year"]


@ROBUST
@given(TEXT)
def test_extractors_never_raise(text):
    for q in extract_numbers(text):
        assert text[q.start:q.end] == q.text
    for d in extract_dates(text):
        assert text[d.start:d.end] == d.text
    assert all(isinstance(q, str) for q in extract_quotes(text))


@ROBUST
@given(TEXT, TEXT, st.one_of(st.none(), TEXT))
def test_check_never_raises(source, output, translated):
    findings = check(source, output, translated_source=translated)
    assert all(isinstance(f, Finding) and f.why for f in findings)


@ROBUST
@given(TEXT)
def test_any_text_backs_itself(text):
    assert check(text, text) == ()


@ROBUST
@given(TEXT, TEXT)
def test_every_text_function_of_verify_never_raises(text, other):
    from summarize.verify.claims import align, prepare, split_claims, supported_nearby
    from summarize.verify.meaning import polarity, speaker_problem, speakers
    from summarize.verify.names import named_in, names
    from summarize.verify.numwords import word_numbers
    from summarize.verify.quotes import comparable, cut_words, locate, quote_spans, sentence_bounds
    from summarize.verify.text import key, language, stem, words

    for q in quote_spans(text):
        assert text[q.start:q.end].strip() == q.text
    for q in word_numbers(text):
        assert text[q.start:q.end] == q.text
    pieces = locate(comparable(other), text)
    assert pieces is None or cut_words(comparable(other), pieces) in (None, *_cut_words_found(other))
    assert all(a <= b for a, b in sentence_bounds(text))
    src = prepare(other)
    assert all(0 <= i < len(src.sentences) for i in align(src, text))
    assert all(0 <= i <= len(text) and c.strip() for c, i in split_claims(text))
    supported_nearby(src, text, 0, min(3, len(text)), range(len(src.sentences)))
    polarity(text, [other], other)
    speaker_problem(text, [other], [other], other)
    speakers(text)
    [named_in(n, key(other)) for n, _ in names(text)]
    assert language(text) in ("ar", "en") and all(stem(w) for w in words(text))
    check(other, text, evidence=[0, 5, -1], sentences=[other, text])


def _cut_words_found(text):
    """The negation and contrast words of a text, as the cut check reports them."""
    from summarize.verify.quotes import _CUT_WORDS, comparable

    return [m[0] for m in _CUT_WORDS.finditer(comparable(text))]
