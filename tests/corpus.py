"""The corpus of real published news under tests/data/corpus: listing and reading its items.

Layout: `ar/NNN-slug.txt` and `en/NNN-slug.txt` are article texts, `html/NNN-slug.html` saved pages;
SOURCES.md names the origin and licence of every file. An item's name is its path relative to the corpus
folder ("en/052-telegraph-co-uk1.txt"), which is also its pytest id.
"""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
LANGUAGES = ("ar", "en")
# The language each saved page is written in (pages carry no folder per language).
HTML_LANGUAGES = {
    "html/001-cnnarabic-syria-clashes.html": "ar",
    "html/002-cnn-thanksgiving-storm.html": "en",
    "html/003-telegraph-airasia-missing.html": "en",
    "html/004-globeandmail-airasia-storms.html": "en",
    "html/005-gv-moroccans-obama.html": "en",
    "html/006-gv-af447-sorrow.html": "en",
    "html/007-gv-egypt-obama-talk.html": "en",
    "html/008-gv-middle-east-obama-address.html": "en",
}


def name(path: Path) -> str:
    """The item's name: its path under the corpus folder, with forward slashes."""
    return path.relative_to(CORPUS).as_posix()


def articles(language: str) -> list[Path]:
    """The article text files of one language, in file-name order."""
    if language not in LANGUAGES:
        raise ValueError(f"no corpus folder for language {language!r}")
    return sorted((CORPUS / language).glob("*.txt"))


def all_articles() -> list[Path]:
    """Every article text file, Arabic first."""
    return [path for language in LANGUAGES for path in articles(language)]


def pages() -> list[Path]:
    """The saved HTML pages, in file-name order."""
    return sorted((CORPUS / "html").glob("*.html"))


def find(pattern: str) -> Path:
    """The one item whose name matches a glob pattern such as "en/*-cnn.txt"."""
    [path] = CORPUS.glob(pattern)
    return path


def language_of(path: Path) -> str:
    """The language an item is written in: its folder, or HTML_LANGUAGES for a page."""
    folder = path.parent.name
    return HTML_LANGUAGES[name(path)] if folder == "html" else folder


def read_text(path: Path) -> str:
    """An item's text exactly as stored (UTF-8)."""
    return path.read_text(encoding="utf-8")
