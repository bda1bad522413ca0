"""PDF text extractors side by side: words of the article recovered in order, and time per page.

Run: PYTHONPATH=. python benchmarks/pdf_extractors.py
The PDFs are made from the sample articles (tests/pdf_factory.py): English with a running header, page numbers
and hyphenation; Arabic shaped by HarfBuzz (modern writers) and as presentation forms in visual order (older
writers). "raw" is the library's own text; "ours" is that text through summarize's page layout repair
(margins dropped, Arabic folded and put in reading order, lines joined). pypdf (BSD), pdfminer.six (MIT) and
pdfplumber (MIT) are pure Python; PyMuPDF is left out on purpose (AGPL).
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.readers.layout import drop_repeated_margins, join_lines, repair_arabic  # noqa: E402
from tests.pdf_factory import make_pdf, recovered  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EN = (ROOT / "samples/khaberni-syria-russia.en.txt").read_text(encoding="utf-8")
AR = (ROOT / "samples/khaberni-syria-russia.ar.txt").read_text(encoding="utf-8")


def pypdf_pages(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def pdfminer_pages(path: Path) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return ["".join(el.get_text() for el in page if isinstance(el, LTTextContainer)) for page in extract_pages(path)]


def pdfplumber_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def ours(pages: list[str]) -> str:
    lines = drop_repeated_margins([repair_arabic(page.splitlines()) for page in pages])
    return join_lines([line for page in lines for line in [*page, ""]])


def timed(extract, path: Path, repeats: int = 3) -> tuple[list[str], float]:
    extract(path)  # imports and caches out of the measurement
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        pages = extract(path)
        times.append(time.perf_counter() - started)
    return pages, statistics.median(times)


def main() -> None:
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        docs = [("English (header, page numbers, hyphens)", EN,
                 make_pdf(EN, Path(tmp) / "en.pdf", header=True, hyphenate=True)),
                ("Arabic, HarfBuzz-shaped", AR, make_pdf(AR, Path(tmp) / "ar-hb.pdf", arabic="harfbuzz", header=True)),
                ("Arabic, presentation forms, visual order", AR,
                 make_pdf(AR, Path(tmp) / "ar-visual.pdf", arabic="visual", header=True))]
        print("| PDF | library | words recovered, raw | words recovered, ours | ms per page |")
        print("| --- | --- | --- | --- | --- |")
        for label, text, path in docs:
            for extract in (pypdf_pages, pdfminer_pages, pdfplumber_pages):
                pages, seconds = timed(extract, path)
                raw = recovered(text, "\n".join(pages))
                print(f"| {label} | {extract.__name__.removesuffix('_pages')} | {raw:.1%} | "
                      f"{recovered(text, ours(pages)):.1%} | {1000 * seconds / len(pages):.0f} |")


if __name__ == "__main__":
    main()
