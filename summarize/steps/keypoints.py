"""The key-points step: the key-points model of the reading language lists the points, each with its
evidence among the article's own sentences."""

from __future__ import annotations

import time
from dataclasses import replace

from ..keypoints import key_points as list_points
from ..keypoints import keypoint_options
from .draft import Context, Draft


def key_points(draft: Draft, run: Context) -> Draft:
    """Key points of the sentences the draft reads, in the reading language."""
    asked, language = run.settings, draft.reading_language
    started = time.perf_counter()
    model = run.pool.get(f"keypoints:{language}", asked.keypoints_model)
    result = list_points(draft.reading, model, language=language, n=asked.points,
                         prompts_dir=asked.prompts_dir, beams=asked.beams,
                         evidence_sentences=draft.sentences)
    draft = draft.took("key_points", started)
    draft = draft.noted(
        models={"key_points": model.info(keypoint_options(model.spec, asked.beams))},
        coverage={"key_points": result.coverage},
        warnings=[f"key points: {w}" for w in result.warnings])
    return replace(draft, points=tuple(result.points), points_language=language)
