"""Summarising steps: an abstractive summary of what the
draft reads, or an extract (no model) of the article."""

from __future__ import annotations

import time
from dataclasses import replace

from ..extractive import key_points_extractive, nearest_preset, summarize_extractive
from ..records import KeyPoint
from ..summary import summarize as summarize_text
from ..summary import summary_options
from .draft import Context, Draft


def summarise(draft: Draft, run: Context) -> Draft:
    """The summary model of the reading language summarises the sentences the draft reads."""
    asked, language = run.settings, draft.reading_language
    started = time.perf_counter()
    model = run.pool.get(f"summary:{language}", asked.summary_model)
    result = summarize_text(draft.reading, model, language=language,
                            length=nearest_preset(asked.length), beams=asked.beams,
                            prompts_dir=asked.prompts_dir)
    draft = draft.took("summary", started)
    warnings = [f"summary: {w}" for w in result.warnings]
    if not model.spec.commercial_use:
        warnings.append(f"summary model {model.spec.model_id} is licensed {model.spec.licence} "
                        "(non-commercial); --permissive uses permissively licensed models only")
    info = model.info(summary_options(model.spec, nearest_preset(asked.length), asked.beams))
    draft = draft.noted(models={"summary": info}, coverage={"summary": result.coverage},
                        warnings=warnings)
    return replace(draft, summary=result.text, flagged=result.flagged, summary_language=language)


def extract(draft: Draft, run: Context) -> Draft:
    """Verbatim source sentences as summary and key points, ranked without any model."""
    started = time.perf_counter()
    chosen = summarize_extractive(draft.sentences, draft.src, run.settings.length)
    picked = key_points_extractive(draft.sentences, draft.src, run.settings.points)
    points = tuple(KeyPoint(s.text, (s.id,), (s.text,)) for s in picked)
    return replace(draft.took("extractive", started), summary=" ".join(s.text for s in chosen),
                   summary_language=draft.src, chosen=tuple(chosen), picked=tuple(picked),
                   points=points, points_language=draft.src)
