"""Memory of reading a large input (issue 26: inputs under the 20 MB cap peaked at 2.5 GB).

Peaks are Python allocations under tracemalloc, on inputs of a few MB made of corpus articles, with bounds several
times what the code needs now and far under what it needed before; no wall time is asserted.
benchmarks/memory_bench.py measures the commands' peak RSS near the cap.
"""

import tracemalloc

import pytest

import summarize
from summarize.readers.text import check_article_text, garbage_reason

from .corpus import CORPUS


def _large(language: str, size: int) -> str:
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((CORPUS / language).glob("*.txt")))
    return "\n\n".join([body] * (size // len(body.encode("utf-8")) + 1))


def _peak(step) -> int:
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_garbage_check_of_a_large_text_makes_no_list_of_its_letters(language):
    # it listed every letter (55 times the UTF-8 size for Arabic: 1 GB at the cap) and copied the text per word
    text = _large(language, 3_000_000)
    size = len(text.encode("utf-8"))
    assert _peak(lambda: check_article_text(text, "big.txt")) < 10 * size
    assert garbage_reason(text) is None


def test_reading_a_large_arabic_file_peaks_at_a_small_multiple_of_its_size(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(_large("ar", 4_000_000), encoding="utf-8")
    summarize.read(str(path))  # imports and caches outside the measure
    assert _peak(lambda: summarize.read(str(path))) < 20 * path.stat().st_size  # was 57 times
