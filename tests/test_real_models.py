"""Real checkpoints from the hub: opt-in with `pytest -m network` on a machine that can download them."""

import pytest

import summarize
from summarize.config import Settings

from .conftest import AR_SAMPLE, EN_SAMPLE

pytestmark = pytest.mark.network


@pytest.fixture(autouse=True)
def _online(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)


def test_arabic_sample_translates_to_english_keeping_numbers():
    result = summarize.translate(AR_SAMPLE, to="en", settings=Settings(translation_model="Helsinki-NLP/opus-mt-ar-en"))
    assert summarize.detect(result.text).language == "en"
    assert "130" in result.text and "2026" in result.text
    assert result.coverage.complete and len(result.paragraphs) == 15


def test_english_sample_runs_end_to_end_with_the_defaults():
    result = summarize.run(EN_SAMPLE, points=3)
    assert summarize.detect(result.summary).language == "en" and len(result.key_points) == 3
    assert not result.summary_flagged and result.coverage["summary"].complete
