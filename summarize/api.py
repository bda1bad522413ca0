"""The library API: what the CLI does, as functions returning frozen dataclasses."""

from __future__ import annotations

from pathlib import Path

from . import detect as _detect
from . import readers
from .records import Article, DetectResult, Detection


def read(path: str | Path, *, encoding: str | None = None) -> Article:
    """Read one article file (txt, md, html) or "-" for stdin, decoded and normalised."""
    return readers.read_article(str(path), encoding=encoding)


def detect(text: str | Article) -> Detection:
    """Detect the language of a text or an Article."""
    return _detect.detect(text.text if isinstance(text, Article) else text)


def detect_article(article: Article) -> DetectResult:
    """Detection of an Article, with the fields `summarize detect` prints."""
    d = _detect.detect(article.text)
    return DetectResult(article.source, d.language, d.confidence, d.supported, d.reliable, d.scripts,
                        d.evidence, article.encoding)
