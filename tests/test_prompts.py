"""Prompt templates: packaged ones render, the user's folder wins, missing values are named."""

from __future__ import annotations

from importlib.resources import files

import pytest

from summarize import prompts
from summarize.detect import script_shares
from summarize.errors import UnsupportedLanguageError, UsageError
from summarize.models.registry import DEFAULTS, KEYPOINTS_AR, KEYPOINTS_EN, SUMMARY_AR, SUMMARY_EN

SAMPLE = {"passage": "The minister met reporters in the capital on Monday.", "n": 5, "language": "English"}
KNOWN_PLACEHOLDERS = set(SAMPLE)


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_packaged_templates_are_package_data():
    names = {entry.name for entry in files("summarize.prompts").iterdir()}
    assert {"keypoint.en.txt", "keypoint.ar.txt", "summary.en.txt", "summary.ar.txt"} <= names
    assert {("keypoint", "en"), ("keypoint", "ar"), ("summary", "en"), ("summary", "ar")} <= set(prompts.available())


@pytest.mark.parametrize("task, language", prompts.available())
def test_every_packaged_template_renders_with_sample_values(task, language):
    template = prompts.load(task, language)
    assert set(template.placeholders()) <= KNOWN_PLACEHOLDERS, template.source  # an unknown one fails here
    text = prompts.render(template, **SAMPLE)
    assert SAMPLE["passage"] in text and "$" not in text
    instruction = text.replace(SAMPLE["passage"], "")
    assert instruction.strip()
    script = "arabic" if language == "ar" else "latin"
    assert script_shares(instruction)[script] > 0.9  # Arabic instructions for Arabic passages


def test_missing_value_is_a_usage_error_naming_the_variables_and_the_file(tmp_path):
    path = write(tmp_path, "keypoint.en.txt", "List $n points about $topic in $language:\n$passage")
    template = prompts.load("keypoint", "en", tmp_path)
    with pytest.raises(prompts.PromptError) as caught:
        prompts.render(template, passage="text", n=3)
    message = str(caught.value)
    assert "$topic" in message and "$language" in message and str(path) in message and "$n" not in message
    assert isinstance(caught.value, UsageError)


def test_malformed_dollar_and_absent_passage_are_reported(tmp_path):
    write(tmp_path, "keypoint.en.txt", "Costs $ 5\n$passage")
    with pytest.raises(prompts.PromptError, match=r"line 1.*\$\$"):
        prompts.render(prompts.load("keypoint", "en", tmp_path), passage="x")
    write(tmp_path, "summary.en.txt", "Summarise the article.")
    with pytest.raises(prompts.PromptError, match=r"never uses \$passage"):
        prompts.load("summary", "en", tmp_path)
    write(tmp_path, "keypoint.ar.txt", "Costs $$5 and ${passage}")
    assert prompts.render(prompts.load("keypoint", "ar", tmp_path), passage="x") == "Costs $5 and x"


def test_prompts_dir_wins_and_the_packaged_template_fills_the_gaps(tmp_path):
    write(tmp_path, "keypoint.en.txt", "Mine: $passage\n\n")
    mine = prompts.load("keypoint", "en", tmp_path)
    assert mine.source == str(tmp_path / "keypoint.en.txt")
    assert prompts.render(mine, passage="x") == "Mine: x"  # trailing newlines cost tokens: dropped
    packaged = prompts.load("keypoint", "ar", tmp_path)
    assert packaged.source != str(tmp_path / "keypoint.ar.txt") and packaged.language == "ar"
    assert ("keypoint", "en") in prompts.available(tmp_path)


def test_arabic_falls_back_to_english_only_when_the_caller_allows_it(tmp_path):
    write(tmp_path, "headline.en.txt", "Headline: $passage")
    with pytest.raises(prompts.PromptError, match="headline.ar.txt"):
        prompts.load("headline", "ar", tmp_path)
    template = prompts.load("headline", "ar", tmp_path, fallback=True)
    assert template.language == "en" and ("headline", "en") in prompts.available(tmp_path)


def test_unknown_task_and_missing_folder_are_usage_errors(tmp_path):
    with pytest.raises(prompts.PromptError, match="available: .*keypoint.en"):
        prompts.load("poem", "en")
    with pytest.raises(prompts.PromptError, match="not a folder"):
        prompts.load("keypoint", "en", tmp_path / "nowhere")


def test_english_only_models_are_never_given_arabic():
    flan, distilbart = DEFAULTS[KEYPOINTS_EN], DEFAULTS[SUMMARY_EN]
    for spec in (flan, distilbart):
        with pytest.raises(UnsupportedLanguageError, match="cannot read Arabic"):
            prompts.check_readable(spec, "ar")
        with pytest.raises(UnsupportedLanguageError):  # labelled English, written in Arabic
            prompts.check_readable(spec, "en", ["قال الرئيس إن الاتفاق خطوة مهمة."])
        prompts.check_readable(spec, "en", ["The minister said the deal was important (قال)."])
    for spec in (DEFAULTS[KEYPOINTS_AR], DEFAULTS[SUMMARY_AR]):
        prompts.check_readable(spec, "ar", ["قال الرئيس إن الاتفاق خطوة مهمة."])


@pytest.mark.parametrize("folder", ["b" * 5000, "~no-such-user-here/prompts", "a\0b"])
def test_a_prompts_folder_the_file_system_cannot_look_up_is_a_prompt_error(folder):
    with pytest.raises(prompts.PromptError, match="does not exist or is not a folder"):
        prompts.load("summary", "en", folder)
