"""HTML pages reduced to the article: text, title and date (trafilatura)."""

from __future__ import annotations

import re

from ..errors import InputError

_HTML_START = re.compile(r"\s*(<!doctype html|<html)", re.IGNORECASE)
_ITEM_MARK = re.compile(r"^\s*(?:[-*•]\s+)?")  # how trafilatura writes a list item
_SEPARATORS = re.compile(r"\s+[|•·»›/]\s+|\s*[|•]\s*")
# Share of the extracted text that is the text of links, above which
# a page is a menu or a list of links (a section front, a site map):
# an article's page keeps its related links under a half of its text.
_MAX_LINK_SHARE = 0.75


def looks_like_html(text: str) -> bool:
    """True when a text file is really an HTML page."""
    return bool(_HTML_START.match(text[:512]))


def html_article(html: str, source: str) -> tuple[str, str | None, str | None]:
    """(text, title, date) of the article in an HTML page; InputError when it has none."""
    import trafilatura  # lazy: lxml and friends cost start-up time

    try:
        tree = trafilatura.load_html(html)
        links = _link_texts(tree) if tree is not None else set()
        doc = trafilatura.bare_extraction(tree if tree is not None else html, with_metadata=True,
                                          include_comments=False, favor_recall=True)
    except Exception as exc:
        # a third-party parser on hostile markup: any failure is this input's, not a bug
        raise InputError(f"cannot parse the HTML page: {type(exc).__name__}",
                         source=source) from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page", source=source)
    if _link_share(text, links) > _MAX_LINK_SHARE:
        raise InputError("no article text found in the HTML page, only navigation links",
                         source=source)
    return text, getattr(doc, "title", None), getattr(doc, "date", None)


def _link_texts(tree) -> set[str]:
    """The text of every link of a page, spaces collapsed."""
    return {" ".join("".join(a.itertext()).split()) for a in tree.iter("a")} - {""}


def _link_share(text: str, links: set[str]) -> float:
    """Share of the characters of an extracted text on lines
    made only of link texts (menus, lists of links)."""
    total = linked = 0
    for line in text.splitlines():
        line = " ".join(_ITEM_MARK.sub("", line).split())
        total += len(line)
        parts = [p.strip() for p in _SEPARATORS.split(line) if p.strip()]
        if line and (line in links or parts and all(p in links for p in parts)):
            linked += len(line)
    return linked / max(1, total)
