"""Sentence segmentation benchmark: this project vs the segmenters you can pip install, side by side.

Scored as pySBD's and Pragmatic Segmenter's own suites score: a case passes when the list of sentences, each
stripped, equals the expected list exactly. Suites are the JSON files in benchmarks/data/segmentation/.

    python benchmarks/segment_bench.py [--failures NAME] [--suite SUITE]

Peers that are not installed are shown as "-" (pip install -e ".[bench]").
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Callable

DATA = Path(__file__).parent / "data" / "segmentation"
SUITES = ("pysbd_en_golden", "pragmatic_en_golden", "pragmatic_en_more", "pysbd_ar", "pragmatic_ar", "news_en", "news_ar")

Segmenter = Callable[[str, str], list]


def _ours() -> Segmenter:
    from summarize.segment import sentences, split_paragraphs

    def split(text: str, lang: str) -> list:
        paragraphs = split_paragraphs(text)
        found, seen = [], set()
        for sentence in sentences(paragraphs):
            paragraph = paragraphs[sentence.paragraph]
            # A list item's marker ("-", "1.") opens its first sentence; a heading's ("#") stays on the paragraph.
            marker = paragraph.marker if paragraph.kind != "list" else ""
            first = sentence.paragraph not in seen
            seen.add(sentence.paragraph)
            found.append(f"{marker} {sentence.text}" if marker and first else sentence.text)
        return found

    return split


def _pysbd() -> Segmenter:
    import pysbd

    made = {lang: pysbd.Segmenter(language=lang, clean=False) for lang in ("en", "ar")}
    return lambda text, lang: made[lang].segment(text)


def _sentencex() -> Segmenter:
    from sentencex import segment

    return lambda text, lang: list(segment(lang, text))


def _syntok() -> Segmenter:
    from syntok import segmenter

    def split(text: str, lang: str) -> list:
        found = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                found.append("".join(token.spacing + token.value for token in sentence))
        return found

    return split


def _blingfire() -> Segmenter:
    import blingfire

    return lambda text, lang: blingfire.text_to_sentences(text).split("\n")


PEERS: dict[str, Callable[[], Segmenter]] = {
    "summarize": _ours,
    "pysbd": _pysbd,
    "sentencex": _sentencex,
    "syntok": _syntok,
    "blingfire": _blingfire,
}


def load(suite: str) -> list[dict]:
    """The cases of one suite; a case without "lang" takes it from the suite's name."""
    path = DATA / f"{suite}.json"
    if not path.exists():
        return []
    cases = json.loads(path.read_text(encoding="utf-8"))
    default = "ar" if suite.endswith("_ar") else "en"
    return [{"lang": default, **case} for case in cases]


def passes(segment: Segmenter, case: dict) -> bool:
    """Exact list of stripped, non-empty sentences, as the segmenters' own suites compare."""
    try:
        got = [s.strip() for s in segment(case["text"], case["lang"]) if s.strip()]
    except Exception:  # a peer that crashes on a case fails that case
        return False
    return got == [s.strip() for s in case["expected"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", help="print the failed cases of this segmenter")
    parser.add_argument("--suite", action="append", help="only these suites")
    args = parser.parse_args()
    suites = {name: load(name) for name in (args.suite or SUITES)}
    segmenters = {}
    for name, make in PEERS.items():
        try:
            segmenters[name] = make()
        except ImportError:
            segmenters[name] = None
    print("| suite | cases | " + " | ".join(segmenters) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in segmenters) + " |")
    seconds = dict.fromkeys(segmenters, 0.0)
    for suite, cases in suites.items():
        cells = []
        for name, segment in segmenters.items():
            if segment is None or not cases:
                cells.append("-")
                continue
            start = time.perf_counter()
            ok = sum(passes(segment, case) for case in cases)
            seconds[name] += time.perf_counter() - start
            cells.append(f"{ok} ({100 * ok / len(cases):.0f} %)")
        print(f"| {suite} | {len(cases)} | " + " | ".join(cells) + " |")
    print("| seconds, all suites | | " + " | ".join(f"{s:.2f}" for s in seconds.values()) + " |")
    if args.failures and segmenters.get(args.failures):
        _print_failures(segmenters[args.failures], suites)


def _print_failures(segment: Segmenter, suites: dict) -> None:
    for suite, cases in suites.items():
        for i, case in enumerate(cases):
            if not passes(segment, case):
                got = [s.strip() for s in segment(case["text"], case["lang"]) if s.strip()]
                print(f"\n[{suite} #{i}] {case['text']!r}\n  expected {case['expected']}\n  got      {got}")


if __name__ == "__main__":
    main()
