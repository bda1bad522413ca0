"""Key points report what the model read of their passages, as the summary does, into the output's coverage."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarize.cli import app
from summarize.errors import SummarizeError
from summarize.keypoints import key_points
from summarize.segment import sentences, split_paragraphs

from .conftest import EN_SAMPLE, EN_SHORT
from .test_summary import FakeModel

EN = sentences(split_paragraphs(EN_SAMPLE.read_text(encoding="utf-8")))
LONG = " ".join(["The minister said the talks would continue next week in the capital"] * 40) + "."


def echo(text: str) -> str:
    return "Point: " + " ".join(w.strip(".!?\"”") for w in text.split()[-6:]) + "."


def test_passages_read_whole_give_complete_coverage_counting_their_sentences():
    model = FakeModel(echo, family="t5", limit=400)
    result = key_points(EN, model, language="en", n=4)
    by_id = {s.id: s for s in EN}
    words = sum(len(by_id[i].text.split()) for p in result.points for i in p.evidence)  # the fake counts words
    assert result.coverage.complete and result.coverage.tokens_total == words
    assert result.coverage.windows == len(result.points) == 4


def test_an_anchor_cut_by_a_long_prompt_is_incomplete_coverage():
    article = sentences(split_paragraphs(f"{LONG}\n\nPrices rose in the first quarter.\n"))
    model = FakeModel(echo, family="t5", limit=60)  # the prompt and the long sentence do not fit together
    result = key_points(article, model, language="en", n=2)
    assert not result.coverage.complete
    assert result.coverage.tokens_total - result.coverage.tokens_read >= len(LONG.split()) - 60
    assert any("longer than the model reads" in w for w in result.warnings)


def test_the_run_output_has_key_point_coverage_and_a_cut_one_is_exit_7(tiny, tmp_path):
    runner = CliRunner()
    article = tmp_path / "long.txt"
    article.write_text(" ".join([LONG] * 2) + "\n", encoding="utf-8")  # one sentence, longer than t5 reads
    args = ["run", "-f", "json", "--beams", "1", "--points", "1", "--backend", "transformers",
            "--summary-model", str(tiny["bart"]), "--keypoints-model", str(tiny["t5"])]
    whole = runner.invoke(app, [*args, str(EN_SHORT)])
    assert whole.exit_code == 0, whole.output
    coverage = json.loads(whole.stdout)["coverage"]["key_points"]
    assert coverage["tokens_read"] == coverage["tokens_total"] > 0 and coverage["windows"] == 1
    cut = runner.invoke(app, [*args, str(article)])
    assert cut.exit_code == 7, cut.output
    coverage = json.loads(cut.stdout)["coverage"]["key_points"]
    assert coverage["tokens_read"] < coverage["tokens_total"]
    assert runner.invoke(app, [*args, "--allow-truncation", str(article)]).exit_code == 0


TEXT = st.text(st.sampled_from(list("abc XYZ أبت ثج ٠١٢ ۴۵ 0123 .,،؛؟!?:;\"'«»“”‘’()[]{}<>\u200f\u200e\u061c\x00\n-/٫"))
               | st.characters(), max_size=400)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, limit=st.integers(1, 80), n=st.integers(0, 4), language=st.sampled_from(["ar", "en"]))
def test_any_text_gives_points_with_sound_coverage_or_a_documented_error(text, limit, n, language):
    article = sentences(split_paragraphs(text))
    model = FakeModel(echo, family="mt5", limit=limit)
    try:
        result = key_points(article, model, language=language, n=n)
    except SummarizeError:
        return
    cov = result.coverage
    assert 0 <= cov.tokens_read <= cov.tokens_total and cov.windows == len(result.points) <= n
    ids = {s.id for s in article}
    assert all(set(p.evidence) <= ids for p in result.points)


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_a_prompt_longer_than_the_model_reads_is_said_not_hidden(limit):
    result = key_points(EN, FakeModel(echo, family="t5", limit=limit), language="en", n=2)
    assert not result.coverage.complete and result.points
