"""Key points: exactly n distinct one-sentence points in article order, each with its evidence."""

from __future__ import annotations

import dataclasses

import pytest

from summarize.errors import UnsupportedLanguageError
from summarize.keypoints import KeyPoint, clean_point, key_points, keypoint_options, near_duplicate
from summarize.models.loader import load_model
from summarize.models.registry import DEFAULTS, KEYPOINTS_AR, KEYPOINTS_EN
from summarize.quality import STRICT
from summarize.records import Sentence
from summarize.segment import sentences, split_paragraphs, split_sentences

from .conftest import AR_SAMPLE, EN_SAMPLE
from .test_summary import FakeModel

EN = sentences(split_paragraphs(EN_SAMPLE.read_text(encoding="utf-8")))
AR = sentences(split_paragraphs(AR_SAMPLE.read_text(encoding="utf-8")))


def echo(text: str) -> str:
    """A distinct one-sentence reply per passage: its last words."""
    return "Point: " + " ".join(w.strip(".!?\"”") for w in text.split()[-8:]) + "."


@pytest.fixture(scope="session")
def flan(tiny):
    return load_model(KEYPOINTS_EN, str(tiny["t5"]), backend="transformers")


@pytest.fixture(scope="session")
def mt0(tiny):
    return load_model(KEYPOINTS_AR, str(tiny["mt5"]), backend="transformers")


@pytest.fixture
def spied(monkeypatch):
    """Make a model quick (few new tokens) and record the texts of each of its generate calls."""

    def spy(model, new_tokens=12):
        generation = {**model.spec.generation, "max_new_tokens": new_tokens}
        monkeypatch.setattr(model, "spec", dataclasses.replace(model.spec, generation=generation))
        calls, real = [], model.generate

        def recording(texts, options, **kwargs):
            calls.append(list(texts))
            return real(texts, options, **kwargs)

        monkeypatch.setattr(model, "generate", recording)
        return calls

    return spy


def assert_valid(points, n, source, evidence_source=None):
    """n distinct one-sentence points, in article order, whose evidence is real and quoted exactly."""
    by_id = {s.id: s for s in (evidence_source or source)}
    assert len(points) == n and all(isinstance(p, KeyPoint) for p in points)
    texts = [p.text for p in points]
    assert len(set(texts)) == n and all(t.strip() for t in texts)
    assert not any(near_duplicate(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :])
    firsts = [p.evidence[0] for p in points]
    assert firsts == sorted(firsts)
    for p in points:
        assert p.evidence and list(p.evidence) == sorted(set(p.evidence))
        assert all(i in by_id for i in p.evidence)
        assert p.evidence_text == tuple(by_id[i].text for i in p.evidence)
        assert len(split_sentences(p.text)) == 1 and clean_point(p.text) == p.text


def test_options_always_give_explicit_new_tokens():
    assert keypoint_options(DEFAULTS[KEYPOINTS_EN]).max_new_tokens == 64
    assert keypoint_options(dataclasses.replace(DEFAULTS[KEYPOINTS_EN], generation={})).max_new_tokens > 20
    assert keypoint_options(DEFAULTS[KEYPOINTS_AR], beams=2).num_beams == 2


def test_english_article_gives_exactly_n_points_in_one_batched_call(flan, spied):
    calls = spied(flan)
    result = key_points(EN, flan, language="en", n=5, beams=1)
    points, warnings = result.points, result.warnings
    assert_valid(points, 5, EN)
    assert 5 <= len(calls[0]) <= 10  # every passage in one call (a retry may follow)
    assert all(flan.count_tokens(t) <= flan.max_input_tokens for texts in calls for t in texts)
    assert all(isinstance(w, str) for w in warnings)
    headings = {s.id for s in EN if s.kind == "heading"}
    assert not any(set(p.evidence) <= headings for p in points)


def test_evidence_is_given_in_the_articles_own_language(flan, spied):
    spied(flan)
    original = tuple(Sentence(s.id, s.paragraph, AR[s.id % len(AR)].text, s.kind) for s in EN)  # same ids
    points = key_points(EN, flan, language="en", n=4, beams=1, evidence_sentences=original).points
    assert_valid(points, 4, EN, original)
    assert all(t in {s.text for s in AR} for p in points for t in p.evidence_text)
    with pytest.raises(ValueError, match="evidence_sentences"):
        key_points(EN, flan, language="en", n=4, beams=1, evidence_sentences=original[:1])


def test_arabic_article_with_a_multilingual_model_gets_the_arabic_prompt(mt0, spied):
    calls = spied(mt0)
    points = key_points(AR, mt0, language="ar", n=3, beams=1).points
    assert_valid(points, 3, AR)
    assert all(t.startswith("اكتب الفكرة الرئيسية") for t in calls[0])


def test_english_only_model_given_arabic_raises_a_clear_error(flan):
    with pytest.raises(UnsupportedLanguageError, match="cannot read Arabic"):
        key_points(AR, flan, language="ar", n=3)
    with pytest.raises(UnsupportedLanguageError, match="translate"):
        key_points(AR, flan, language="en", n=3)


def test_prompts_dir_override_wins(tmp_path):
    (tmp_path / "keypoint.en.txt").write_text("CUSTOM INSTRUCTION: $passage", encoding="utf-8")
    model = FakeModel(echo, family="t5", limit=120,
                      generation=DEFAULTS[KEYPOINTS_EN].generation)
    points = key_points(EN, model, language="en", n=3, prompts_dir=tmp_path).points
    assert model.calls and all(t.startswith("CUSTOM INSTRUCTION: ") for t in model.calls[0][0])
    assert all(model.count_tokens(t) <= 120 for t in model.calls[0][0])
    assert len(points) == 3


def test_passages_hold_the_anchor_and_its_neighbours():
    model = FakeModel(echo, family="t5", limit=400)
    points = key_points(EN, model, language="en", n=4).points
    for p in points:
        assert p.evidence == tuple(range(p.evidence[0], p.evidence[-1] + 1))  # contiguous
        passage = " ".join(p.evidence_text)
        assert any(passage in t for t in model.calls[0][0])
    assert any(len(p.evidence) == 3 for p in points)  # room for context on both sides at this limit


def test_repeated_outputs_are_replaced_by_their_source_sentences():
    model = FakeModel("Russia and Syria agreed on a new phase.", family="t5", limit=200)
    result = key_points(EN, model, language="en", n=5)
    points, warnings = result.points, result.warnings
    assert_valid(points, 5, EN)
    assert sum(p.text == "Russia and Syria agreed on a new phase." for p in points) == 1
    assert not any(p.flagged for p in points)
    assert sum("repeats an earlier point" in w for w in warnings) == 4


@pytest.mark.parametrize("reply", ["", "the the the the the"])
def test_degenerate_outputs_are_retried_then_flagged(reply):
    model = FakeModel(reply, family="t5", limit=200)
    result = key_points(EN, model, language="en", n=3)
    points, warnings = result.points, result.warnings
    assert_valid(points, 3, EN)
    assert all(p.flagged for p in points)
    assert all(p.text in p.evidence_text for p in points)  # the anchor sentence, verbatim
    assert len(model.calls) == 2 and model.calls[1][1].repetition_penalty == STRICT["repetition_penalty"]
    assert len([w for w in warnings if "the source sentence is given instead" in w]) == 3


def test_multi_sentence_outputs_are_cut_to_one_sentence():
    model = FakeModel(lambda text: f"1. {echo(text)} Another sentence follows.", family="t5")
    points = key_points(EN, model, language="en", n=3).points
    assert all(p.text.startswith("Point: ") and "Another" not in p.text and not p.flagged for p in points)


def test_too_few_distinct_sentences_gives_fewer_points_with_a_warning():
    model = FakeModel(echo, family="t5")
    short = EN[:3]
    result = key_points(short, model, language="en", n=5)
    points, warnings = result.points, result.warnings
    assert 0 < len(points) < 5
    assert any("only" in w and "5" in w for w in warnings)
    nothing = key_points(short, model, language="en", n=0)
    assert (nothing.points, nothing.warnings, nothing.coverage.tokens_total) == ((), (), 0)


def test_clean_point_and_near_duplicates():
    assert clean_point("- 1. First point. Second.") == "First point."
    assert clean_point("(a) 3.5% rise in prices.") == "3.5% rise in prices."
    assert clean_point("10:30 a.m. meeting held") == "10:30 a.m. meeting held"
    assert clean_point("• ١. قال الرئيس إن الاتفاق مهم. ثم غادر.") == "قال الرئيس إن الاتفاق مهم."
    assert clean_point("  ") == ""
    assert near_duplicate("قالَ الرئيسُ إنَّ الاتفاقَ مهم", "قال الرئيس إن الاتفاق مهم")
    assert near_duplicate("The talks ended without a deal.", "the talks ended without a deal")
    assert not near_duplicate("The talks ended without a deal.", "Prices rose in the first quarter.")
