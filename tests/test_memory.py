"""Memory of reading a large input (issue 26: inputs under the 20 MB cap peaked at 2.5 GB).

Peaks are Python allocations under tracemalloc, on inputs of 1.5 MB made of corpus articles, with bounds twice what
the code needs now and under what it needed before; no wall time is asserted. benchmarks/memory_bench.py measures
the commands' peak RSS near the cap.
"""

import tracemalloc

import pytest

from summarize.readers import article_from_bytes
from summarize.readers.text import garbage_reason

from .corpus import CORPUS


def _large(language: str, size: int) -> str:
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((CORPUS / language).glob("*.txt")))
    return "\n\n".join([body] * (size // len(body.encode("utf-8")) + 1))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_reading_a_large_text_peaks_at_a_small_multiple_of_its_size(language):
    # the garbage check listed every letter it counted and copied the text word by word: 56 times the UTF-8
    # size for Arabic (1.1 GB at the cap), 15 times for English; decoding and normalising now take about 6
    data = _large(language, 1_500_000).encode("utf-8")
    article_from_bytes(data, source="big.txt")  # imports and caches outside the measure
    tracemalloc.start()
    try:
        article = article_from_bytes(data, source="big.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 * len(data) and garbage_reason(article.text) is None
