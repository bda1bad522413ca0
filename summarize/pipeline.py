"""Orchestration: an article through its route (detect → translate → summarise → key points →
check), and translations of several articles at once.

No file I/O and no torch here: models come from a ModelPool, articles, options and results are
records. The batch shell (summarize/batch/) runs the steps made here over many inputs: `run_step`
one article at a time, `translate_step` a chunk of articles sharing model batches.
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial
from typing import Any, Callable, Sequence, Union

from . import routes
from .config import in_group
from .errors import SummarizeError
from .models.base import Seq2SeqModel
from .llm.settings import ChatSettings
from .models.loader import ModelPool
from .options import RunOptions, TranslateOptions
from .records import Article, Finding, RunResult, Translation
from .steps import Context, Draft
from .steps.check import glossary_checks
from .steps.detect import begin, paragraph_languages_of, source_language, target_language
from .steps.translate import translator
from .translate import document, translate_documents, translation_options
from .verify import check as check_output
from .version import __version__

Outcome = Union[object, SummarizeError]


def run_article(article: Article, pool: ModelPool, options: RunOptions) -> RunResult:
    """Detect, translate where needed, summarise and list key points for one article."""
    started = time.perf_counter()
    run = Context(pool, options)
    draft = begin(article, run)
    name, steps = routes.route_for(draft.src, draft.out, options.settings)
    draft = replace(draft, route=name).took("detect", started)
    # the same route, the same models
    with pool.for_work((draft.src, draft.out, frozenset(draft.languages))):
        for step in steps:
            draft = step(draft, run)
    return _result(draft.took("total", started), options)


def _result(draft: Draft, options: RunOptions) -> RunResult:
    """The run's record, from its draft."""
    article, done = draft.article, draft.translations.get(draft.out)
    return RunResult(
        article.source, article.sha256, article.title, article.date, draft.src, draft.out,
        options.settings.method, draft.route, draft.summary, draft.flagged, draft.points,
        draft.sentences, done.text if done is not None and options.include_translation else None,
        draft.models, _parameters(options, draft.out), draft.coverage, draft.findings,
        (*article.notes, *draft.warnings), draft.timings, __version__,
    )


def _parameters(options: RunOptions, out: str) -> dict[str, object]:
    """What the run was asked for, as its output records it: the settings
    of `run`'s own option groups (a new one is recorded without a change
    here), the beams, --to, --translate and the glossary read."""
    g, asked = options.glossary, options.settings
    return {"to": out, **{name: getattr(asked, name) for group in ("run", "checks")
                          for name in in_group(group)},
            "beams": asked.beams, "translate": options.include_translation,
            "glossary": {"path": g.source, "sha256": g.sha256,
                         "entries": len(g.entries) + len(g.keep)} if g else None}


def translate_many(articles: Sequence[Article], pool: ModelPool,
                   options: TranslateOptions) -> list[Outcome]:
    """Translate articles, each paragraph from its own language; the sentences of all articles
    sharing a direction go through the model together. One outcome per article."""
    target_language(options.to)
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
        items.append((doc, src, paragraph_languages_of(doc, src, options.source)))
    models: dict[str, Seq2SeqModel] = {}
    model_for = translator(pool, options.to, lambda _: options.settings.translation_model,
                           options.glossary, models)
    done = translate_documents(items, model_for, options.to,
                               translation_options(options.settings.beams))
    # into one target only the other supported language moves: one model
    model = next(iter(models.values()), None)
    for i, result in zip(todo, done):
        # what reading it did
        result = replace(result, warnings=(*articles[i].notes, *result.warnings))
        outcomes[i] = result if result.model is None or model is None else replace(
            result, findings=_translation_findings(articles[i], result, model, options))
    return [o for o in outcomes if o is not None]


def _translation_findings(article: Article, result: Translation, model: Seq2SeqModel,
                          options: TranslateOptions) -> tuple[Finding, ...]:
    # Quotes in a translation are translated quotes: only
    # numbers, dates and glossary terms can be checked.
    found = [f for f in check_output(article.text, result.text, article_date=article.date)
             if f.kind in ("number", "date")]
    if options.glossary is not None:
        found += model.findings_for([s.source for s in result.sentences])
        found += glossary_checks(article.text, [result.text], options.glossary,
                                 result.target_language)
    return tuple(dict.fromkeys(found))


def pool_for(settings: Any) -> ModelPool:
    """The run's models, each loaded once, as the settings ask."""
    return ModelPool(device=settings.device, backend=settings.backend,
                     offline_mode=settings.offline, batch_tokens=settings.batch_tokens,
                     cache_dir=settings.cache_dir, chat=ChatSettings.of(settings))


def run_step(options: RunOptions) -> Callable[[Article], RunResult]:
    """`summarize run`'s step for the batch shell: one article in, its record out (models loaded on
    first use, as the options' settings say). Built where it runs (a Ray actor builds its own)."""
    return partial(run_article, pool=pool_for(options.settings), options=options)


def translate_step(options: TranslateOptions) -> Callable[[Sequence[Article]], list[Outcome]]:
    """`summarize translate`'s step for the batch
    shell: a chunk of articles in, one outcome each."""
    return partial(translate_many, pool=pool_for(options.settings), options=options)
