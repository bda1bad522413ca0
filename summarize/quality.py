"""Checks on model output: empty, looping, abnormal
length, or in the wrong script for its language."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .arabic import letters, script_shares

if TYPE_CHECKING:
    from .models.base import Generated, GenerationOptions, Seq2SeqModel

# Decoding for a second try at a suspect output: no repeated trigrams, repetition penalised.
STRICT = dict(no_repeat_ngram_size=3, repetition_penalty=1.3)

# Outputs longer than this many times their input (in
# tokens) are suspect: models loop on noisy input.
MAX_RATIO = 3.0
MIN_RATIO = 0.2
# A real sentence has few words said twice in a row ("had
# had"); a looping model says most of them twice or more.
MAX_STUTTER = 0.25
# Arabic news carries Latin names (iPhone, WWDC) and English
# ones Arabic quotes, but never a third of the letters.
MIN_SCRIPT_SHARE = 0.6
_WORD = re.compile(r"\w+")
_SCRIPT = {"ar": "arabic", "en": "latin"}


def repetition(text: str) -> str | None:
    """'repeated n-grams' or 'a word repeated 4 times' when the text loops, else None."""
    words = _WORD.findall(text.lower())
    grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    counts: dict[tuple[str, ...], int] = {}
    for g in grams:
        counts[g] = counts.get(g, 0) + 1
    if any(c >= 3 for c in counts.values()):
        return "repeated n-grams"
    if any(words[i] == words[i + 1] == words[i + 2] == words[i + 3] for i in range(len(words) - 3)):
        return "a word repeated 4 times"
    if len(words) >= 4 and len(set(words)) == 1:
        return "one token repeated"
    doubled = sum(a == b for a, b in zip(words, words[1:]))
    if len(words) >= 6 and doubled / (len(words) - 1) > MAX_STUTTER:
        return "words repeated back to back"
    return None


def wrong_script(text: str, language: str | None) -> str | None:
    """Why a text is not in the script of its language (ar: Arabic, en: Latin), or None."""
    script = _SCRIPT.get(language or "")
    if script is None:
        return None
    if letters(text) < 12:  # a name or a figure alone is in no script of its own
        return None
    shares = script_shares(text)
    if sum(shares.values()) and shares[script] < MIN_SCRIPT_SHARE:
        return f"not in the {script} script expected for {language}"
    return None


def problem(text: str, *, source_tokens: int, output_tokens: int, language: str | None = None,
            check_ratio: bool = True) -> str | None:
    """Why an output looks broken (empty, length ratio,
    repetition, wrong script), or None if it looks fine."""
    if not text.strip() or output_tokens == 0:
        return "empty output"
    if check_ratio:
        ratio = output_tokens / max(source_tokens, 1)
        if source_tokens >= 4 and ratio > MAX_RATIO:
            return f"output {ratio:.1f}x longer than the source"
        if source_tokens >= 10 and ratio < MIN_RATIO:
            return f"output only {ratio:.2f}x the source length"
    return repetition(text) or wrong_script(text, language)


def generate_checked(
    model: Seq2SeqModel, texts: list[str], options: GenerationOptions, *, src: str | None = None,
    tgt: str | None = None, language: str | None = None, check_ratio: bool = True,
) -> tuple[list[Generated], dict[int, str]]:
    """Generate, retry suspect outputs once with stricter
    decoding; returns outputs and what is still wrong."""

    def why(out: Generated) -> str | None:
        return problem(out.text, source_tokens=out.input_tokens, output_tokens=out.output_tokens,
                       language=language or tgt, check_ratio=check_ratio)

    outputs = model.generate(texts, options, src=src, tgt=tgt)
    bad = {i: reason for i, out in enumerate(outputs) if (reason := why(out))}
    if bad:
        retry = sorted(bad)
        again = model.generate([texts[i] for i in retry], replace(options, **STRICT),
                               src=src, tgt=tgt)
        for i, out in zip(retry, again):
            outputs[i] = out
            reason = why(out)
            if reason is None:
                del bad[i]
            else:
                bad[i] = reason
    return outputs, bad
