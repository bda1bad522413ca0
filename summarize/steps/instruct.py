"""Steps of an instruction model (`api:NAME`, or a local chat model): the
summary and the key points written in the output language straight from the
article's own sentences, whatever its language (no translation model)."""

from __future__ import annotations

import time
from dataclasses import replace

from ..errors import UsageError
from ..llm.chat import ChatModel, is_chat
from ..llm.instruct import key_points, summarise
from ..llm.tasks import glossary_terms
from .draft import Context, Draft


def _chat_model(run: Context, role: str, override: str | None) -> ChatModel:
    model = run.pool.get(role, override)
    if not is_chat(model):  # routes.route_for sends only chat models here
        raise UsageError(f"model {override} is not an instruction model ({role})")
    return model


def instruct_summarise(draft: Draft, run: Context) -> Draft:
    """The summary model (an instruction model) summarises the article in the output language."""
    asked, out = run.settings, draft.out
    started = time.perf_counter()
    model = _chat_model(run, f"summary:{out}", asked.summary_model)
    terms = glossary_terms(run.options.glossary, draft.article.text, out)
    result = summarise(draft.sentences, model, language=out, length=asked.length,
                       prompts_dir=asked.prompts_dir, terms=terms, on_text=run.options.stream)
    draft = draft.took("summary", started)
    draft = draft.noted(models={"summary": model.info(result.options, result.usage)},
                        coverage={"summary": result.coverage},
                        warnings=[f"summary: {w}" for w in result.warnings])
    return replace(draft, summary=result.text, flagged=result.flagged, summary_language=out)


def instruct_key_points(draft: Draft, run: Context) -> Draft:
    """The key-points model (an instruction model) lists the points in the output language, each
    with the ids of the article sentences that state it."""
    asked, out = run.settings, draft.out
    if asked.points <= 0:
        return replace(draft, points_language=out)
    started = time.perf_counter()
    model = _chat_model(run, f"keypoints:{out}", asked.keypoints_model)
    terms = glossary_terms(run.options.glossary, draft.article.text, out)
    result = key_points(draft.sentences, model, language=out, n=asked.points,
                        source_language=draft.src, prompts_dir=asked.prompts_dir, terms=terms)
    draft = draft.took("key_points", started)
    draft = draft.noted(models={"key_points": model.info(result.options, result.usage)},
                        coverage={"key_points": result.coverage},
                        warnings=[f"key points: {w}" for w in result.warnings])
    return replace(draft, points=result.points, points_language=out)
