"""Detection costs what its input's length does, whatever the input holds (issue 26): long runs without a space,
data URIs, strings of '@' and '.', a 20 MB input. Each test asserts the result; an alarm of 20 s turns a
regression into a failure rather than a hang (before the fix a 1,000,000-character word took over 10 minutes)."""

from __future__ import annotations

import pytest

from summarize import detect_rules
from summarize.detect import MAX_CHARS, detect

from .conftest import AR_SAMPLE, EN_SAMPLE, deadline

AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")
EN_TEXT = EN_SAMPLE.read_text(encoding="utf-8")
BLOB = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg" * 2200


def test_a_million_character_word_is_detected():
    with deadline():
        found = detect("a" * 1_000_000)
    assert found.language and 0.0 <= found.confidence <= 1.0
    assert any("read the first" in note for note in found.evidence)


@pytest.mark.parametrize("article", [AR_TEXT, EN_TEXT], ids=["ar", "en"])
def test_an_article_holding_a_200_kb_data_uri_is_read_as_its_prose(article):
    head, tail = article[:1500], article[1500:]
    text = f'{head}\n<img src="data:image/png;base64,{BLOB}">\n{tail}'
    assert len(BLOB) > 200_000
    with deadline():
        found = detect(text)
    assert found.language == ("ar" if article is AR_TEXT else "en") and found.reliable


@pytest.mark.parametrize("shape", [
    "x" * 300_000 + "@",                       # the address pattern's worst case before the fix
    "a@" * 150_000,                            # '@' everywhere, no domain dot
    "a@b" * 100_000 + ".",                     # one dot at the very end
    ".@" * 150_000,
    "قال" + "@" * 300_000,
    "https://" + "a" * 300_000,
    "data:image/png;base64," + "Q" * 300_000,
    ("a1" * 50 + " ") * 3000,                   # Arabizi's digit words, at the run cap
    ("ana3" * 25 + " ") * 3000,
])
def test_hostile_shapes_cost_what_their_length_does(shape):
    with deadline():
        found = detect(shape)
    assert isinstance(found.language, str) and 0.0 <= found.confidence <= 1.0


def test_an_input_past_the_cap_is_read_only_to_the_cap_and_says_so():
    text = (AR_TEXT + "\n") * (2 * MAX_CHARS // len(AR_TEXT) + 1) + "Lorem ipsum dolor sit amet. " * 100_000
    with deadline():
        found = detect(text)
    assert found.language == "ar" and found.reliable
    assert f"read the first {MAX_CHARS:,} of {len(text):,} characters" in found.evidence


@pytest.mark.parametrize("head, run, tail", [("a", "1", ""), ("", "a", "2"), ("2", "a", "!"), ("", "9", "st"),
                                             ("", "ab", "2")])
def test_the_rules_regexes_are_linear_on_any_word(head, run, tail):
    """detect() cuts long runs before the rules see them; the rules hold on their own all the same."""
    token, short = head + run * (200_000 // len(run)) + tail, head + run * 20 + tail
    with deadline():
        detect_rules.arabizi_evidence(f"ana {token} ra7")
        detect_rules.looks_english(f"Russia {token} strikes")
        detect_rules.arabic_script_votes(f"است {token}")
    for pattern in (detect_rules._DIGIT_WORD, detect_rules._NOT_DIGIT_WORD, detect_rules._ENGLISH_SUFFIX):
        with deadline():
            assert bool(pattern.fullmatch(token)) == bool(pattern.fullmatch(short))  # the run's length decides nothing
