"""Per-paragraph languages on the real corpus (issue 15): how many paragraphs would flip, and what it costs.

    PYTHONPATH=. python benchmarks/mixed_bench.py

For each language of tests/data/corpus: paragraphs, those long enough to be detected, those detection gives another
language at all (any confidence), those that flip (reliably another language: what translation would follow), and
the time per article of `paragraph_languages` in full and in the extractive route's other-script-only look, beside
whole-article `detect` for scale.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.arabic import letters  # noqa: E402
from summarize.detect import MIN_PARAGRAPH_LETTERS, detect, paragraph_languages  # noqa: E402
from summarize.segment import split_paragraphs  # noqa: E402
from tests.corpus import articles  # noqa: E402


def _timed(fn, items) -> float:
    started = time.perf_counter()
    for item in items:
        fn(item)
    return (time.perf_counter() - started) / max(len(items), 1) * 1000


def main() -> None:
    detect("a sentence to load the detector's profiles before timing")
    print("| corpus | articles | paragraphs | ≥ 30 letters | other language, any confidence | flipped |"
          " detect (ms/article) | paragraph_languages | other script only |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for language in ("ar", "en"):
        texts = [path.read_text(encoding="utf-8") for path in articles(language)]
        split = [split_paragraphs(text) for text in texts]
        paragraphs = [p for ps in split for p in ps]
        long = [p for p in paragraphs if letters(p.text) >= MIN_PARAGRAPH_LETTERS]
        other = sum(detect(p.text).language not in (language, "und") for p in paragraphs)
        flipped = sum(lang != language for ps in split for lang in paragraph_languages(ps, language))
        whole = _timed(detect, texts)
        full = _timed(lambda ps: paragraph_languages(ps, language), split)
        cheap = _timed(lambda ps: paragraph_languages(ps, language, other_script_only=True), split)
        print(f"| {language} | {len(texts)} | {len(paragraphs)} | {len(long)} | {other} | {flipped} |"
              f" {whole:.1f} | {full:.1f} | {cheap:.1f} |")


if __name__ == "__main__":
    main()
