"""The routes of a run: the steps one article goes through between its language and its output language.

A route is a tuple of steps (summarize/steps/), each taking the record being built and returning it; which
route an article takes depends on its language, the output language, the method and the licence policy.
"""

from __future__ import annotations

from .config import Settings
from .steps import Step
from .steps.check import check
from .steps.detect import warn_mixed
from .steps.keypoints import key_points
from .steps.summarise import extract, summarise
from .steps.translate import include_translation, read_as_written, read_in_english, translate_outputs

# Every route ends the same way: the full translation when asked, then the checks of what was written.
FINISH: tuple[Step, ...] = (include_translation, check)

EXTRACTIVE: tuple[Step, ...] = (warn_mixed, extract, translate_outputs)
DIRECT: tuple[Step, ...] = (read_as_written, summarise, key_points, warn_mixed)
# Arabic in and out, permissive: summarise through English, key points with mt0 (Apache-2.0)
PERMISSIVE_AR: tuple[Step, ...] = (read_in_english, summarise, translate_outputs, read_as_written, key_points,
                                   warn_mixed)
AR_TO_EN: tuple[Step, ...] = (read_in_english, summarise, key_points, warn_mixed)
EN_TO_AR: tuple[Step, ...] = (read_as_written, summarise, key_points, translate_outputs, warn_mixed)


def route_for(src: str, out: str, settings: Settings) -> tuple[str, tuple[Step, ...]]:
    """The route's name (as the record gives it) and its steps, for (article language, output language, method,
    licence policy)."""
    if settings.method == "extractive":
        return ("extractive" if src == out else f"extractive, translated {src}→{out}"), EXTRACTIVE + FINISH
    if src == out == "en" or (src == out == "ar" and not settings.permissive):
        return "direct", DIRECT + FINISH
    if src == out == "ar":
        return "ar→en, summarise in en, →ar (permissive)", PERMISSIVE_AR + FINISH
    if src == "ar":
        return "translate ar→en, then summarise", AR_TO_EN + FINISH
    return "summarise in en, then translate en→ar", EN_TO_AR + FINISH
