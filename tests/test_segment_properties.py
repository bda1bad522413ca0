"""Arbitrary Unicode through paragraphs, sentences and fitting: never an exception, never a character lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.segment import fit, sentences, split_paragraphs, split_sentences, windows

PIECES = st.sampled_from(
    [
        "قال", "الرئيس", "د.", "أ.د.", "ص.ب.", "(أ .ف .ب)", "(د.ب.ا)", "(يو .بي .آي)", "(رويترز)*", "المحظور.(رويترز)",
        "The", "U.S.", "Mr.", "p.m.", "5.30pm", "No.", "Inc.", "e.g.", "REUTERS/Kevin", "FactCheck#", "#news",
        "3.5", "١٫٢٥", "٢٠٢٥", "۱۴۰۳", "2015/11/14", "12‪/‬08", "1,200.50", "https://example.com/a.b?c=1.",
        ".", "..", "...", "…", ". .", "؟", "!", "?!", "؟!", "،", "؛", "۔", "।", ":", "*", "-", "•", "1.", "٣.",
        '"', "“", "”", "«", "»", "‘", "’", "'", "(", ")", "[", "]", "{", "}",
        "\u200f", "\u200e", "\u202a", "\u202c", "\u0640", "\x00", "\t", " ", "  ", "\n", "\n\n", "\r\n", "\u2028",
        "x" * 300, "ب" * 300,
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map(lambda parts: " ".join(parts))


def squeeze(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_split_sentences_keeps_every_character_in_order(text):
    found = split_sentences(text)
    assert squeeze("".join(found)) == squeeze(text)
    assert all(piece and piece == piece.strip() for piece in found)


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_paragraphs_and_their_sentences_keep_every_character_in_order(text):
    paragraphs = split_paragraphs(text)
    found = sentences(paragraphs)
    assert [s.id for s in found] == list(range(len(found)))
    rebuilt = "".join(
        (p.marker if p.kind != "list" else "") + "".join(s.text for s in found if s.paragraph == p.index)
        for p in paragraphs  # a list item's marker opens its first sentence
    )
    assert squeeze(rebuilt) == squeeze(text)


@settings(max_examples=40, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=40))
def test_fit_and_windows_take_any_text(text, limit):
    pieces = [piece for sentence in split_sentences(text) for piece in fit(sentence, limit, lambda s: len(s.split()))]
    assert squeeze("".join(pieces)) == squeeze(text)
    counts = [len(piece.split()) for piece in pieces]
    spans = windows(counts, limit, limit // 2)
    assert (not counts and not spans) or (spans[0][0] == 0 and spans[-1][1] == len(counts))
