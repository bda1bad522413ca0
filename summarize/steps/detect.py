"""The first step: the article's language (or --from), the
output language, its sentences and paragraphs' languages.

It makes the draft the other steps build on; `warn_mixed` is the mixed-language warning of a route
that reads the article as written.
"""

from __future__ import annotations

from ..detect import detect, mixed_language_warning, paragraph_languages, unsupported_reason
from ..errors import UnsupportedLanguageError, UsageError
from ..records import SUPPORTED_LANGUAGES, Article, Document
from ..translate import document
from .draft import Context, Draft


def source_language(article: Article, forced: str | None = None) -> str:
    """The article's language (or the forced one), refusing languages we do not handle."""
    if forced:
        if forced not in SUPPORTED_LANGUAGES:
            raise UsageError("--from must be one of "
                             f"{', '.join(SUPPORTED_LANGUAGES)}, not {forced!r}")
        return forced
    found = detect(article.text)
    if found.language == "und":
        raise UnsupportedLanguageError("too little text to tell its language",
                                       source=article.source)
    if not found.supported:
        raise UnsupportedLanguageError(f"{unsupported_reason(found)}; use --from to override",
                                       source=article.source)
    return found.language


def target_language(to: str) -> str:
    """--to, refused unless we write that language."""
    if to not in SUPPORTED_LANGUAGES:
        raise UsageError(f"--to must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {to!r}")
    return to


def paragraph_languages_of(doc: Document, language: str, forced: str | None, *,
                           extractive: bool = False) -> tuple[str, ...]:
    """Each paragraph's language; all the article's when --from forced it
    (the user said what it is). The extractive method translates no
    paragraph: only paragraphs in the other script are worth detecting."""
    if forced:
        return (language,) * len(doc.paragraphs)
    return paragraph_languages(doc.paragraphs, language, other_script_only=extractive)


def begin(article: Article, run: Context) -> Draft:
    """The draft of an article's run: its language, the output language, its sentences (segmented
    once: a translation reuses them) and each paragraph's language."""
    src = source_language(article, run.options.source)
    out = target_language(run.options.to or src)
    doc = document(article.source, article.text)
    languages = paragraph_languages_of(doc, src, run.options.source,
                                       extractive=run.settings.method == "extractive")
    return Draft(article, src, out, doc, tuple(languages))


def warn_mixed(draft: Draft, run: Context) -> Draft:
    """The mixed-language warning, on a route that read
    the article as written (no translation of it)."""
    warning = mixed_language_warning(draft.languages, draft.src)
    return draft.noted(warnings=(warning,)) if warning and draft.translation is None else draft
