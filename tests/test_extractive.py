"""Extractive summaries and key points: verbatim, distinct, ordered, deterministic, bilingual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.extractive import (
    LENGTHS,
    key_points_extractive,
    rank,
    select,
    summarize_extractive,
)
from summarize.errors import UsageError
from summarize.records import Sentence
from summarize.segment import sentences, split_paragraphs

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "khaberni-syria-russia.en.txt"

ARABIC_NEWS = """\
دمشق وموسكو: مرحلة جديدة

أعلنت وزارة الخارجية السورية اليوم أن وفدا حكوميا سيزور موسكو الأسبوع المقبل لبحث التعاون الاقتصادي مع روسيا. وقال المتحدث باسم الوزارة، في مؤتمر صحفي بدمشق، إن الزيارة تهدف إلى توقيع اتفاقيات جديدة في مجالي الطاقة والإعمار.

هل تنجح الحكومة السورية في جذب الاستثمارات الروسية؟ يرى خبراء أن روسيا تبحث عن دور اقتصادي أكبر في سوريا بعد سنوات من الحرب. وأضاف الخبراء أن القواعد العسكرية الروسية في طرطوس وحميميم ستبقى محور المفاوضات بين البلدين.

وكان الرئيس الروسي قد أكد دعم بلاده لوحدة الأراضي السورية. شكرا.
"""


def article(text: str) -> tuple[Sentence, ...]:
    return sentences(split_paragraphs(text))


@pytest.fixture(scope="module")
def sample() -> tuple[Sentence, ...]:
    return article(SAMPLE.read_text(encoding="utf-8"))


def assert_verbatim_in_order(chosen, source):
    assert all(isinstance(s, Sentence) for s in chosen)
    assert all(s in source for s in chosen)  # the very records, text untouched
    ids = [s.id for s in chosen]
    assert ids == sorted(set(ids))


def test_three_key_points_from_the_sample_are_distinct_verbatim_sentences_in_order(sample):
    points = key_points_extractive(sample, "en", 3)
    assert len(points) == 3
    assert_verbatim_in_order(points, sample)
    assert len({s.text for s in points}) == 3
    text = SAMPLE.read_text(encoding="utf-8")
    assert all(s.text in text for s in points)


def test_headings_and_fragments_are_not_picked_when_there_is_real_content(sample):
    chosen = summarize_extractive(sample, "en", "long")
    assert "The Issue of Russian Bases" not in {s.text for s in chosen}
    assert all(len(s.text.split()) >= 5 for s in chosen)


def test_headings_and_short_fragments_rank_below_full_sentences():
    body = [
        "Central Bank Raises Interest Rates",
        "The central bank raised interest rates on Thursday, its third increase this year.",
        "Interest rates rose.",
        "Economists said higher interest rates would slow lending by banks.",
        "The bank said inflation remained above its target.",
    ]
    doc = [Sentence(i, i, text) for i, text in enumerate(body)]
    assert [i for i, _ in rank(doc, "en")][-2:] == [2, 0]
    assert [s.id for s in select(doc, "en", 3)] == [1, 3, 4]


def test_the_lead_sentence_is_favoured_over_the_same_sentence_later():
    body = [
        "Officials confirmed the agreement on energy cooperation between both governments.",
        "Farmers in the northern valley expect an early harvest this year.",
        "Officials confirmed the agreement on energy cooperation between both governments.",
    ]
    doc = [Sentence(i, i, text) for i, text in enumerate(body)]
    scores = dict(rank(doc, "en"))
    assert scores[0] > scores[2]


def test_summary_lengths_and_cap(sample):
    assert LENGTHS == {"short": 2, "medium": 4, "long": 7}
    for length, n in LENGTHS.items():
        chosen = summarize_extractive(sample, "en", length)
        assert len(chosen) == n
        assert_verbatim_in_order(chosen, sample)
    few = sample[:3]
    assert len(summarize_extractive(few, "en", "long")) == 3
    for bad in ("huge", "0", "-2", 0, -1, 2.5, True, None, ""):
        with pytest.raises(UsageError):
            summarize_extractive(sample, "en", bad)


def test_a_duplicated_sentence_is_never_selected_twice():
    repeated = "The central bank raised interest rates by half a point to fight inflation."
    body = [
        repeated,
        "Markets in the region fell sharply after the decision was announced.",
        repeated,
        "  The central bank  raised interest rates by half a point to fight inflation. ",
        "Analysts expect further increases before the end of the year.",
        "The finance ministry welcomed the move in a short statement.",
    ]
    doc = [Sentence(i, 0, text) for i, text in enumerate(body)]
    for n in range(1, 8):
        chosen = select(doc, "en", n)
        assert sum("central bank raised" in " ".join(s.text.split()) for s in chosen) <= 1
    assert len(select(doc, "en", 10)) == 4  # every distinct sentence, each once


def test_exact_duplicates_are_skipped_even_without_content_words_or_at_full_threshold():
    doc = [
        Sentence(0, 0, "It is what it is."),
        Sentence(1, 0, "Talks between the two delegations resumed in Geneva on Tuesday."),
        Sentence(2, 1, "It is what it is."),
        Sentence(3, 1, "Talks between the two delegations resumed in Geneva on Tuesday."),
    ]
    assert [s.id for s in select(doc, "en", 4)] == [0, 1]
    assert [s.id for s in select(doc, "en", 4, max_similarity=1.0)] == [0, 1]


def test_near_duplicates_are_skipped_and_the_threshold_matters():
    doc = [
        Sentence(0, 0, "The minister announced a new plan for rebuilding damaged schools in the north."),
        Sentence(1, 0, "The minister announced a new plan for rebuilding damaged schools in the south."),
        Sentence(2, 0, "Teachers unions said the budget would not cover salaries this year."),
    ]
    assert [s.id for s in select(doc, "en", 3)] == [0, 2]
    assert [s.id for s in select(doc, "en", 3, max_similarity=0.95)] == [0, 1, 2]


def test_arabic_news_works():
    doc = article(ARABIC_NEWS)
    assert any(s.text.endswith("؟") for s in doc)
    assert any("،" in s.text for s in doc)
    assert len(doc) == 8  # title + 7 sentences: ، never splits, ؟ does
    points = key_points_extractive(doc, "ar", 3)
    assert len(points) == 3
    assert_verbatim_in_order(points, doc)
    assert "دمشق وموسكو: مرحلة جديدة" not in {s.text for s in points}
    assert "شكرا." not in {s.text for s in points}
    summary = summarize_extractive(doc, "ar", "short")
    assert len(summary) == 2
    assert_verbatim_in_order(summary, doc)


def test_arabic_matching_ignores_diacritics_tatweel_and_letter_variants():
    plain = "أعلنت الحكومة السورية إطلاق خطة جديدة لإعادة إعمار المدارس في المدينة"
    decorated = "أَعْلَنَتْ الحكومـــة السوريّة اطلاق خطه جديدة لاعاده إعمار المدارس فى المدينة"
    other = "قال مسؤولون في وزارة المالية إن الميزانية لا تكفي لتغطية رواتب المعلمين هذا العام"
    doc = [Sentence(0, 0, plain), Sentence(1, 0, other), Sentence(2, 0, decorated)]
    chosen = select(doc, "ar", 3, max_similarity=0.99)  # only an identical matching form is a duplicate
    assert [s.id for s in chosen] == [0, 1]
    assert chosen[0].text == plain  # matching form never leaks into the output


def test_proclitics_are_stripped_for_matching():
    a = "وزار الرئيس المصنع الجديد في المدينة الصناعية مع وفد حكومي"
    b = "زار رئيس مصنع جديد بالمدينة والصناعية ووفد حكومي"
    doc = [Sentence(0, 0, a), Sentence(1, 0, b)]
    assert len(select(doc, "ar", 2, max_similarity=0.8)) == 1


def test_n_larger_than_the_sentence_count_returns_every_sentence(sample):
    chosen = key_points_extractive(sample, "en", len(sample) + 10)
    assert chosen == sample
    doc = article(ARABIC_NEWS)
    assert key_points_extractive(doc, "ar", 100) == doc
    assert key_points_extractive(doc, "ar", 0) == ()
    assert key_points_extractive((), "ar", 3) == ()


def test_rank_scores_every_sentence_once_best_first(sample):
    ranked = rank(sample, "en")
    assert sorted(i for i, _ in ranked) == [s.id for s in sample]
    scores = [score for _, score in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(score >= 0 for score in scores)


def test_rank_reports_sentence_ids_not_positions():
    doc = [
        Sentence(40, 3, "Heavy rain flooded streets across the capital on Monday morning."),
        Sentence(41, 3, "Rain and floods closed schools across the capital for a second day."),
    ]
    assert {i for i, _ in rank(doc, "en")} == {40, 41}
    assert [s.id for s in select(doc, "en", 5, max_similarity=1.0)] == [40, 41]


def test_results_are_deterministic_across_calls(sample):
    first = (rank(sample, "en"), key_points_extractive(sample, "en", 3))
    assert all((rank(sample, "en"), key_points_extractive(sample, "en", 3)) == first for _ in range(3))


def test_results_are_deterministic_across_hash_seeds(tmp_path):
    script = (
        "import json, sys\n"
        "from summarize.segment import sentences, split_paragraphs\n"
        "from summarize.extractive import rank\n"
        "doc = sentences(split_paragraphs(open(sys.argv[1], encoding='utf-8').read()))\n"
        "print(json.dumps(rank(doc, sys.argv[2])))\n"
    )
    arabic = tmp_path / "arabic.txt"
    arabic.write_text(ARABIC_NEWS, encoding="utf-8")
    runs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = [
            subprocess.run(
                [sys.executable, "-c", script, str(path), language],
                env=env, cwd=ROOT, capture_output=True, text=True, check=True,
            ).stdout
            for path, language in ((SAMPLE, "en"), (arabic, "ar"))
        ]
        runs.append([json.loads(o) for o in out])
    assert runs[0] == runs[1] == runs[2]
