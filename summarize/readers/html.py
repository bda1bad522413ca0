"""HTML pages reduced to the article: text, title and date (trafilatura)."""

from __future__ import annotations

import re

from ..errors import InputError

_HTML_START = re.compile(r"\s*(<!doctype html|<html)", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when a text file is really an HTML page."""
    return bool(_HTML_START.match(text[:512]))


def html_article(html: str, source: str) -> tuple[str, str | None, str | None]:
    """(text, title, date) of the article in an HTML page; InputError when it has none."""
    import trafilatura  # lazy: lxml and friends cost start-up time

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    except Exception as exc:  # a third-party parser on hostile markup: any failure is this input's, not a bug
        raise InputError(f"cannot parse the HTML page: {type(exc).__name__}", source=source) from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page", source=source)
    return text, getattr(doc, "title", None), getattr(doc, "date", None)
