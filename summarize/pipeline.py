"""Orchestration: detect → translate → summarise → key points, over several articles at once.

No file I/O and no torch here: models come from a ModelPool, articles and results are records.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence, Union

from . import __version__, routes
from .detect import detect, unsupported_reason
from .config import Settings, in_group
from .errors import SummarizeError, UnsupportedLanguageError, UsageError
from .glossary import Glossary, glossary_findings, load_glossary
from .models.base import Seq2SeqModel
from .models.loader import ModelPool
from .records import SUPPORTED_LANGUAGES, Article, Finding, RunResult
from .translate import Translation, document, translate_documents, translation_options
from .verify import check as check_output

Outcome = Union[object, SummarizeError]


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
        raise UnsupportedLanguageError(f"{unsupported_reason(found)}; use --from to override", source=article.source)
    return found.language


def glossary_of(settings: Settings) -> Glossary | None:
    """The glossary the settings name, read (before any model loads, so a bad file fails fast)."""
    return load_glossary(settings.glossary) if settings.glossary else None


@dataclass(frozen=True)
class TranslateOptions:
    """What `summarize translate` was asked for: the settings (model, beams, …) and what only the command gives."""

    to: str
    settings: Settings = Settings()
    source: str | None = None  # --from
    glossary: Glossary | None = None  # settings.glossary, read


def translate_many(articles: Sequence[Article], pool: ModelPool, options: TranslateOptions) -> list[Outcome]:
    """Translate articles, each paragraph from its own language; the sentences of all articles sharing a
    direction go through the model together. One outcome per article."""
    if options.to not in SUPPORTED_LANGUAGES:
        raise UsageError(f"--to must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {options.to!r}")
    outcomes: list[Outcome | None] = [None] * len(articles)
    todo: list[int] = []
    items = []
    for i, article in enumerate(articles):
        try:
            src = source_language(article, options.source)
        except SummarizeError as exc:
            outcomes[i] = exc
            continue
        doc = document(article.source, article.text)
        todo.append(i)
        items.append((doc, src, routes.paragraph_languages_of(doc, src, options.source)))
    models: dict[str, Seq2SeqModel] = {}
    model_for = routes.translator(pool, options.to, lambda _: options.settings.translation_model, options.glossary,
                                  models)
    done = translate_documents(items, model_for, options.to, translation_options(options.settings.beams))
    model = next(iter(models.values()), None)  # into one target only the other supported language moves: one model
    for i, result in zip(todo, done):
        result = replace(result, warnings=(*articles[i].notes, *result.warnings))  # what reading it did
        outcomes[i] = result if result.model is None or model is None else replace(
            result, findings=_translation_findings(articles[i], result, model, options.glossary))
    return [o for o in outcomes if o is not None]


def _translation_findings(article: Article, result: Translation, model: Seq2SeqModel,
                          glossary: Glossary | None) -> tuple[Finding, ...]:
    # Quotes in a translation are translated quotes: only numbers, dates and glossary terms can be checked.
    found = [f for f in check_output(article.text, result.text, article_date=article.date)
             if f.kind in ("number", "date")]
    if glossary is not None:
        found += model.findings_for([s.source for s in result.sentences])
        found += glossary_findings(article.text, result.text, glossary, result.target_language)
    return tuple(dict.fromkeys(found))


# ---------------------------------------------------------------------------------------------- run



@dataclass(frozen=True)
class RunOptions:
    """What `summarize run` was asked for: the settings (length, method, models, …), read by the steps as
    `options.settings.<name>`, and what only the command gives."""

    settings: Settings = Settings()
    to: str | None = None  # output language; None: the article's own
    source: str | None = None  # --from
    include_translation: bool = False  # --translate
    glossary: Glossary | None = None  # settings.glossary, read


def run_article(article: Article, pool: ModelPool, options: RunOptions) -> RunResult:
    """Detect, translate where needed, summarise and list key points for one article."""
    started = time.perf_counter()
    src = source_language(article, options.source)
    out = options.to or src
    if out not in SUPPORTED_LANGUAGES:
        raise UsageError(f"--to must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {out!r}")
    doc = document(article.source, article.text)  # segmented once: the translation reuses these sentences
    sents = doc.sentences
    run = routes.Route(article, pool, options, src, out, doc)
    run.timings["detect"] = round(time.perf_counter() - started, 4)
    step = routes.extractive if options.settings.method == "extractive" else routes.abstractive
    with pool.for_work((src, out, frozenset(run.languages))):  # the same route asks for the same models
        route, summary, flagged, points = step(run, sents)
        if options.include_translation and src != out:
            run.translate_article(out)
        translated = run.translation.text if run.translation and run.translation.target_language == out else None
        with run.timed("verify"):
            found = routes.findings(run, summary, points, translated, sents)
    run.timings["total"] = round(time.perf_counter() - started, 4)
    return RunResult(
        article.source, article.sha256, article.title, article.date, src, out, options.settings.method, route, summary,
        flagged, tuple(points), sents, translated if options.include_translation else None, run.models,
        _parameters(options, out), run.coverage, found, (*article.notes, *run.warnings), run.timings, __version__,
    )


def _parameters(options: RunOptions, out: str) -> dict[str, object]:
    """What the run was asked for, as its output records it: the settings of `run`'s own option groups (a new
    one is recorded without a change here), the beams, --to, --translate and the glossary read."""
    g, asked = options.glossary, options.settings
    return {"to": out, **{name: getattr(asked, name) for group in ("run", "checks") for name in in_group(group)},
            "beams": asked.beams, "translate": options.include_translation,
            "glossary": {"path": g.source, "sha256": g.sha256, "entries": len(g.entries) + len(g.keep)} if g else None}


def run_many(articles: Sequence[Article], pool: ModelPool, options: RunOptions) -> list[Outcome]:
    """run_article for each article; an article's error, expected or not, stays with that article."""
    from .batch.runner import one_by_one

    return list(one_by_one(lambda article: run_article(article, pool, options))(articles))


def pool_for(settings: Any) -> ModelPool:
    """The run's models, each loaded once, as the settings ask."""
    from .models.loader import offline

    return ModelPool(device=settings.device, backend=settings.backend, offline_mode=offline(settings.offline),
                     batch_tokens=settings.batch_tokens, cache_dir=settings.cache_dir)


def translate_processor(options: TranslateOptions) -> Callable[[Sequence[Article]], list[Outcome]]:
    """A picklable-by-factory function turning a chunk of articles into translations (models loaded on first use,
    as the options' settings say)."""
    pool = pool_for(options.settings)
    return lambda articles: translate_many(articles, pool, options)


def run_processor(options: RunOptions) -> Callable[[Sequence[Article]], list[Outcome]]:
    """Like translate_processor, for `summarize run`."""
    pool = pool_for(options.settings)
    return lambda articles: run_many(articles, pool, options)
