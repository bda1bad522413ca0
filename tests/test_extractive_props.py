"""Property-based: any text through the extractive functions gives valid, verbatim, in-order sentences."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarize.extractive import (
    NEAR_DUPLICATE, key_points_extractive, rank, select, sentence_count, summarize_extractive,
)
from summarize.extractive.terms import fold, stopwords, terms
from summarize.records import Sentence
from summarize.segment import sentences, split_paragraphs

PIECES = st.sampled_from([
    "The minister said", "الحكومة أعلنت", "أَعْلَنَتْ الوزارة", "مليون دولار", "5.30pm", "١٫٢٥", "۱۲۳", "12.5%",
    "٢٠٢٤/٠٣/١٥", "15 March 2024", "«اقتباس»", "“quoted”", '"quote', "'single'", "(brackets)", "[x]", "{y}",
    "\u200f", "\u200e", "\u202b", "\u2066", "\u0640\u0640", "\x00", "?", "؟", ".", "،", "!", "…", "\n", "\n\n",
    "# Heading", "- item", "1. item", "x" * 300, "ا" * 200, "Media playback is not supported on this device",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=60).map(" ".join)
LANGUAGES = st.sampled_from(["en", "ar", "und", "fr"])
LENGTHS = st.one_of(st.sampled_from(["short", "medium", "long"]), st.integers(1, 50),
                    st.integers(1, 50).map(str))
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _matching(sentence, language):
    return fold(" ".join(sentence.text.split())), frozenset(terms(sentence.text, stopwords(language)))


def _near(a, b) -> bool:
    return a[0] == b[0] or bool(a[1] and b[1]) and len(a[1] & b[1]) / len(a[1] | b[1]) > NEAR_DUPLICATE


def distinct_or_complete(points, source, language, n):
    """No two points say the same thing, and fewer than n points only when every other sentence repeats one."""
    keys = {s.id: _matching(s, language) for s in source}
    picked = [keys[s.id] for s in points]
    assert not any(_near(a, b) for k, a in enumerate(picked) for b in picked[k + 1:])
    if len(points) < n:
        assert all(any(_near(keys[s.id], p) for p in picked) for s in source if s not in points)


def valid(chosen, source, limit):
    assert len(chosen) <= limit
    assert all(isinstance(s, Sentence) and source[s.id] is s for s in chosen)  # the very records: verbatim
    ids = [s.id for s in chosen]
    assert ids == sorted(set(ids))


@SLOW
@given(TEXT, LANGUAGES, LENGTHS, st.integers(0, 30))
@example("The minister said the budget would grow. The minister said the budget would grow again. "
         "Prices rose sharply in March across the region.", "en", 3, 3)  # two sentences say one thing
@example("Prices rose sharply in March. The council approved a new school budget. Rain flooded the valley roads.",
         "en", "short", 3)  # three distinct sentences: three points
def test_any_text_gives_valid_verbatim_ordered_sentences(text, language, length, n):
    source = sentences(split_paragraphs(text))
    summary = summarize_extractive(source, language, length)
    valid(summary, source, sentence_count(length))
    assert bool(summary) == bool(source)
    distinct_or_complete(summary, source, language, min(sentence_count(length), len(source)))
    points = key_points_extractive(source, language, n)
    valid(points, source, n)
    assert bool(points) == bool(source and n)
    distinct_or_complete(points, source, language, n)
    ranked = rank(source, language)
    assert sorted(i for i, _ in ranked) == [s.id for s in source]


@SLOW
@given(st.lists(st.one_of(PIECES, st.text(min_size=1, max_size=40)), min_size=1, max_size=40), LANGUAGES,
       st.integers(0, 45))
def test_hand_made_sentences_with_any_ids_order_are_returned_as_given(texts, language, n):
    source = [Sentence(k, k // 3, text) for k, text in enumerate(texts)]
    for chosen in (select(source, language, n), key_points_extractive(source, language, n)):
        valid(chosen, source, n)


@settings(max_examples=5, deadline=None)
@given(st.sampled_from(["en", "ar"]), st.integers(1, 12))
def test_thousands_of_sentences_and_a_single_one(language, n):
    line = "The council approved the plan. المجلس وافق على الخطة بعد نقاش طويل. "
    source = sentences(split_paragraphs(line * 1500))
    assert len(source) >= 3000
    valid(summarize_extractive(source, language, n), source, n)
    valid(key_points_extractive(source, language, n), source, n)
    one = sentences(split_paragraphs("Only one sentence here."))
    assert summarize_extractive(one, language, n) == one
    assert key_points_extractive(one, language, n) == one
