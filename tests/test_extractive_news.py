"""The news scorer: any length, key points per story, Arabic-aware matching, near-linear on huge articles."""

from __future__ import annotations

import itertools
import random

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.config import load_settings
from summarize.errors import ConfigError, UsageError
from summarize.extractive import (
    Profile,
    key_points_extractive,
    nearest_preset,
    rank,
    select,
    sentence_count,
    summarize_extractive,
)
from summarize.extractive.terms import fold, terms
from summarize.records import Sentence
from summarize.segment import sentences, split_paragraphs

BRIEF = """\
Parliament passed the new budget on Tuesday after a night of debate, approving higher spending on schools and hospitals.
The budget raises teacher salaries by five percent and funds two new hospitals in the north.
Opposition members said the budget spends too much and warned of a wider deficit next year.

Heavy rain flooded streets in the capital on Wednesday, closing schools and cutting power to thousands of homes.
Rescue teams used boats to reach families trapped by the floodwater in low-lying districts.
Forecasters expect more rain and flooding until the weekend.

The national football team beat its rivals two goals to one in the cup final on Thursday night.
The captain scored the winning goal in the last minute of the match before a crowd of sixty thousand.
Fans celebrated the cup victory in the city centre until the early morning.
"""


def doc(text: str) -> tuple[Sentence, ...]:
    return sentences(split_paragraphs(text))


def test_a_sentence_count_is_a_length():
    news = doc(BRIEF)
    for count in (1, 3, 5, "2", " 6 ", "٣", "۳"):
        chosen = summarize_extractive(news, "en", count)
        expected = int(str(count).strip().translate(str.maketrans("٣۳", "33")))
        assert len(chosen) == expected
        assert [s.id for s in chosen] == sorted({s.id for s in chosen})
    assert len(summarize_extractive(news, "en", 100)) == len(news)  # capped at the article
    assert sentence_count("short") == 2 and sentence_count(12) == 12
    assert [nearest_preset(n) for n in (1, 2, 3, 4, 5, 6, 30)] == ["short", "short", "medium", "medium", "medium",
                                                                   "long", "long"]
    assert nearest_preset("long") == "long"
    with pytest.raises(UsageError):
        nearest_preset("huge")


def test_every_layer_names_the_same_length_presets():
    from summarize import summary
    from summarize.config import LENGTH_PRESETS
    from summarize.extractive import LENGTHS

    assert set(LENGTH_PRESETS) == set(LENGTHS) == set(summary.LENGTHS)


@pytest.mark.parametrize("value,stored", [("3", "3"), (3, "3"), ("long", "long"), ("٤", "4")])
def test_length_setting_accepts_presets_and_counts_from_env_and_file(tmp_path, value, stored):
    assert load_settings({}, env={"SUMMARIZE_LENGTH": str(value)}).length == stored
    config = tmp_path / "config.toml"
    config.write_text(f"length = {value!r}\n" if isinstance(value, str) else f"length = {value}\n", encoding="utf-8")
    assert load_settings({}, env={}, config_path=config).length == stored


@pytest.mark.parametrize("value", ["huge", "0", "-3", "2.5", "", "true"])
def test_a_bad_length_setting_is_a_config_error(tmp_path, value):
    with pytest.raises(ConfigError):
        load_settings({}, env={"SUMMARIZE_LENGTH": value})
    config = tmp_path / "config.toml"
    config.write_text(f"length = {value!r}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings({}, env={}, config_path=config)
    with pytest.raises(ConfigError):
        load_settings({}, env={"SUMMARIZE_POINTS": "-1"})


def test_cli_length_takes_a_count_and_refuses_bad_values(tmp_path):
    article = tmp_path / "brief.txt"
    article.write_text(BRIEF, encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["run", str(article), "--method", "extractive", "--length", "3", "--points", "25",
                             "-f", "json"])
    assert ok.exit_code == 0, ok.output
    assert '"length": "3"' in ok.stdout
    for bad in ("huge", "0", "-1", "1.5"):
        result = runner.invoke(app, ["run", str(article), "--method", "extractive", "--length", bad])
        assert result.exit_code == 2, (bad, result.output)
        assert "--length" in result.output


def test_a_brief_of_three_stories_gets_one_point_per_story_the_first_from_the_lead():
    news = doc(BRIEF)
    points = key_points_extractive(news, "en", 3)
    stories = {s.id: s.paragraph for s in news}
    assert sorted(stories[p.id] for p in points) == [0, 1, 2]
    assert points[0].id in (0, 1, 2)  # the lead of the article
    assert [p.id for p in points] == sorted(p.id for p in points)
    for n in range(0, len(news) + 3):
        chosen = key_points_extractive(news, "en", n)
        assert len(chosen) == min(n, len(news))
        assert len({s.id for s in chosen}) == len(chosen)


def test_key_points_of_one_story_start_from_the_lead():
    news = doc(BRIEF.split("\n\n")[0])
    points = key_points_extractive(news, "en", 2)
    assert points[0].id == 0


def test_mmr_prefers_a_new_fact_to_a_paraphrase_of_a_chosen_one():
    body = [
        "The central bank raised interest rates by half a point on Thursday to fight inflation.",
        "On Thursday the central bank lifted interest rates by half a point, aiming at inflation.",
        "Unemployment fell to its lowest level in a decade, the statistics office said.",
        "Markets rose after the announcement.",
    ]
    news = [Sentence(i, 0, t) for i, t in enumerate(body)]
    plain = Profile(backward=0.0)  # no PacSum penalty for echoing earlier sentences: MMR alone decides
    assert [s.id for s in select(news, "en", 2, redundancy=0.0, max_similarity=1.0, profile=plain)] == [0, 1]
    assert [s.id for s in select(news, "en", 2, redundancy=1.0, max_similarity=1.0, profile=plain)] == [0, 2]
    assert [s.id for s in select(news, "en", 2)] == [0, 2]  # the default removes the paraphrase too


def test_page_furniture_and_captions_rank_last():
    body = [
        "Media playback is not supported on this device",
        "The president signed the climate law on Monday, committing the country to cut emissions by half.",
        "Scroll down for video",
        "Environmental groups welcomed the law but said the targets came too late.",
    ]
    news = [Sentence(i, i, t) for i, t in enumerate(body)]
    assert {i for i, _ in rank(news, "en")[-2:]} == {0, 2}
    assert [s.id for s in select(news, "en", 2)] == [1, 3]


def test_arabic_matching_folds_marks_letters_and_both_digit_systems():
    stop = frozenset()
    assert terms("أعلنت الحكومـــة عن ٢٠٢٤ و۲۰۲۴", stop) == terms("اعلنت الحكومة عن 2024 و2024", stop)
    assert fold("مَدْرَسَةٌ\u200f") == fold("مدرسه")
    assert terms("x" * 500 + " budget", stop) == ["budget"]  # a 500-letter token is noise


def test_a_five_megabyte_article_completes_and_picks_valid_sentences():
    rng = random.Random(5)
    vocabulary = [f"word{i}" for i in range(20000)] + ["الحكومة", "النفط", "٢٠٢٤", "5.30", "مليون"]
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocabulary))))  # Zipf-like
    paragraphs, size = [], 0
    while size < 5_000_000:
        paragraph = " ".join(" ".join(rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(8, 30))).capitalize() + "."
                             for _ in range(rng.randint(1, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    news = doc("\n\n".join(paragraphs))
    assert len(news) > 20000
    summary = summarize_extractive(news, "en", "long")
    points = key_points_extractive(news, "en", 5)
    for chosen, n in ((summary, 7), (points, 5)):
        assert len(chosen) == n
        assert all(news[s.id] is s for s in chosen)
        assert [s.id for s in chosen] == sorted({s.id for s in chosen})
