"""Short inputs with lingua as one more opinion (issue 25): the three-word sentences the rules got wrong, lingua
imported only for short text, and detection that still works without it."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from summarize.detect import detect

from .conftest import EN_SAMPLE

detect_module = importlib.import_module("summarize.detect")

# Tatoeba sentences (benchmarks/data/detection/cases.jsonl, group "tatoeba"): wrong by the rules alone.
FIXED = {
    "He doesn't run.": "en",           # langdetect: nl
    "سررت برؤيته.": "ar",              # langdetect: fa, and no letter or word of Persian
    "استمعت لي.": "ar",
    "Elimu ilisonga mbele.": "sw",     # lingua-py's Swahili test sentence; langdetect: et
    "Avec tous mes regrets.": "fr",    # langdetect: ca
}


@pytest.mark.parametrize("text, language", sorted(FIXED.items()))
def test_short_sentences_the_rules_got_wrong(text, language):
    found = detect(text)
    assert found.language == language
    assert not found.reliable  # a few words are never sure, whoever decides
    assert any(note.startswith("lingua: ") for note in found.evidence)


@pytest.mark.parametrize("text", ["Does Tom like tomatoes?", "Women like attention."])
def test_like_is_a_frequent_english_word(text):
    """The issue's example (langdetect: af; Danish for the other): English by its frequent words, not sure."""
    found = detect(text)
    assert (found.language, found.reliable) == ("en", False)


@pytest.mark.parametrize("text", ["اس كي تفصيل مين جاني كي ضرورت نهين ۔",
                                  "ئهمه حكومهتي ههريمي كوردستانه، نه حكومهتي ههولير."])
def test_lingua_is_not_asked_where_the_letter_and_word_rules_speak(text):
    """lingua calls Urdu and Kurdish typed without their letters Arabic: it never outvotes the rules there."""
    found = detect(text)
    assert found.language in ("ur", "ku") and not any(n.startswith("lingua") for n in found.evidence)


def test_without_lingua_detection_falls_back_to_the_rules(monkeypatch):
    monkeypatch.setattr(detect_module, "_lingua_detector", lambda script: None)
    found = detect("He doesn't run.")
    assert found.language != "en" and not found.reliable  # the rules' answer: wrong, but never sure
    assert detect("سررت برؤيته.").language == "fa"
    assert detect(EN_SAMPLE.read_text(encoding="utf-8")).language == "en"


@pytest.mark.parametrize("text", ["abc \ud800 def ghi", "سلام \udcff عليكم", "a\x00b\x00c de"])
def test_lone_surrogates_and_nuls_reach_lingua_as_utf_8(text):
    assert detect(text).language


def _lingua_loaded_after(code: str) -> bool:
    probe = f"import sys\n{code}\nprint('lingua' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return out.split()[-1] == "True"


def test_lingua_is_imported_only_for_short_text():
    long_text = "The minister said on Monday that the talks with the Russian side were constructive and useful."
    assert not _lingua_loaded_after("import summarize")
    assert not _lingua_loaded_after(f"import summarize\nsummarize.detect({long_text!r})")
    assert _lingua_loaded_after("import summarize\nsummarize.detect(\"He doesn't run.\")")


def test_lingua_never_makes_a_text_persian_or_urdu_on_its_own_word(monkeypatch):
    """Its vote sides with Arabic, or with langdetect: alone it would flip a short Arabic paragraph of an article."""
    monkeypatch.setattr(detect_module, "_lingua", lambda text, script: ("fa", 0.99))
    monkeypatch.setattr(detect_module, "_langdetect", lambda text: [("ar", 0.8)])  # too unsure to vote
    assert detect("هل أنت بخير؟").language == "ar"  # no letter or word of Persian
