"""Orchestration: detect → translate → summarise → key points, over several articles at once.

No file I/O and no torch here: models come from a ModelPool, articles and results are records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

from .detect import detect
from .errors import SummarizeError, UnsupportedLanguageError, UsageError
from .models.loader import ModelPool
from .records import SUPPORTED_LANGUAGES, Article
from .translate import Translation, passthrough, translate_texts, translation_options

Outcome = Union[object, SummarizeError]


def translation_role(src: str, tgt: str) -> str:
    """The registry role for a direction."""
    return f"translate:{src}-{tgt}"


def source_language(article: Article, forced: str | None = None) -> str:
    """The article's language (or the forced one), refusing languages we do not handle."""
    if forced:
        if forced not in SUPPORTED_LANGUAGES:
            raise UsageError(f"--from must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {forced!r}")
        return forced
    found = detect(article.text)
    if found.language == "und":
        raise UnsupportedLanguageError("too little text to tell its language", source=article.source)
    if not found.supported:
        raise UnsupportedLanguageError(
            f"language {found.language!r} is not supported (Arabic and English are); use --from to override",
            source=article.source,
        )
    return found.language


@dataclass(frozen=True)
class TranslateOptions:
    """What `summarize translate` was asked for."""

    to: str
    source: str | None = None  # --from
    model: str | None = None
    beams: int = 4


def translate_many(articles: Sequence[Article], pool: ModelPool, options: TranslateOptions) -> list[Outcome]:
    """Translate articles; those sharing a direction go through the model together. One outcome per article."""
    if options.to not in SUPPORTED_LANGUAGES:
        raise UsageError(f"--to must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {options.to!r}")
    outcomes: list[Outcome | None] = [None] * len(articles)
    todo: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        try:
            src = source_language(article, options.source)
        except SummarizeError as exc:
            outcomes[i] = exc
            continue
        if src == options.to:
            outcomes[i] = passthrough(article.source, article.text, src)
        else:
            todo.setdefault(src, []).append(i)
    for src, indices in todo.items():
        model = pool.get(translation_role(src, options.to), options.model)
        items = [(articles[i].source, articles[i].text) for i in indices]
        for i, result in zip(indices, translate_texts(items, model, src, options.to, translation_options(options.beams))):
            outcomes[i] = result
    return [o for o in outcomes if o is not None]


__all__ = ["TranslateOptions", "Translation", "source_language", "translate_many", "translation_role"]
