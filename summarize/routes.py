"""The routes of a run: the steps one article goes
through between its language and its output language.

A route is a tuple of steps (summarize/steps/), each taking the record being built and returning it;
which route an article takes depends on its language, the output language, the method, the licence
policy and whether the summary and key-point models are instruction (chat) models.

An instruction model (`api:NAME`, or a local model of a chat family) writes in the output language
straight from the article, whatever its language: with both roles served by one, the route is
"instruct" (no translation model at all; a mixed article's paragraphs are read as written). With one
role only, that role's step replaces its seq2seq step in the route the languages give, the other
role keeps its route (its translations included), and reading steps that no seq2seq step needs any
more are dropped; the route is then named "instruct summary; otherwise …" (or "instruct key points;
…"). Asking for no key points (--points 0) with an instruction summary is "instruct". The extractive
method uses no model: its route is the same whatever the models. Every route ends with the checks.
"""

from __future__ import annotations

from .config import Settings
from .models.families import FAMILIES
from .models.registry import API_PREFIX, resolve
from .steps import Step
from .steps.check import check
from .steps.detect import warn_mixed
from .steps.instruct import instruct_key_points, instruct_summarise
from .steps.keypoints import key_points
from .steps.summarise import extract, summarise
from .steps.translate import (include_translation, read_as_written, read_in_english,
                              translate_outputs)

# Every route ends the same way: the full translation
# when asked, then the checks of what was written.
FINISH: tuple[Step, ...] = (include_translation, check)

EXTRACTIVE: tuple[Step, ...] = (warn_mixed, extract, translate_outputs)
DIRECT: tuple[Step, ...] = (read_as_written, summarise, key_points, warn_mixed)
# Arabic in and out, permissive: summarise through English, key points with mt0 (Apache-2.0)
PERMISSIVE_AR: tuple[Step, ...] = (read_in_english, summarise, translate_outputs, read_as_written,
                                   key_points, warn_mixed)
AR_TO_EN: tuple[Step, ...] = (read_in_english, summarise, key_points, warn_mixed)
EN_TO_AR: tuple[Step, ...] = (read_as_written, summarise, key_points, translate_outputs, warn_mixed)
# Instruction models for both: the output language from the article as written.
INSTRUCT: tuple[Step, ...] = (instruct_summarise, instruct_key_points, warn_mixed)

_READING = (read_in_english, read_as_written)
_SEQ2SEQ = (summarise, key_points)  # the steps that read what a reading step prepared


def is_chat_model(role: str, name: str | None) -> bool:
    """Whether the model named for a role is an instruction
    model, from its name alone (nothing is loaded)."""
    if not name:
        return False  # every default is a seq2seq model
    if name.startswith(API_PREFIX):
        return True
    row = FAMILIES.get(resolve(role, name).family)
    return row is not None and row.task == "chat"


def route_for(src: str, out: str, settings: Settings) -> tuple[str, tuple[Step, ...]]:
    """The route's name (as the record gives it) and its steps, for (article language, output
    language, method, licence policy, instruction models)."""
    if settings.method == "extractive":
        return (("extractive" if src == out else f"extractive, translated {src}→{out}"),
                EXTRACTIVE + FINISH)
    name, steps = _seq2seq(src, out, settings)
    summary = is_chat_model(f"summary:{out}", settings.summary_model)
    points = (is_chat_model(f"keypoints:{out}", settings.keypoints_model) or
              (summary and settings.points <= 0))
    if summary and points:
        return "instruct", INSTRUCT + FINISH
    if not (summary or points):
        return name, steps + FINISH
    swap = {summarise: instruct_summarise} if summary else {key_points: instruct_key_points}
    mixed = tuple(swap.get(step, step) for step in steps)
    return (f"instruct {'summary' if summary else 'key points'}; otherwise {name}",
            _needed(mixed) + FINISH)


def _seq2seq(src: str, out: str, settings: Settings) -> tuple[str, tuple[Step, ...]]:
    if src == out == "en" or (src == out == "ar" and not settings.permissive):
        return "direct", DIRECT
    if src == out == "ar":
        return "ar→en, summarise in en, →ar (permissive)", PERMISSIVE_AR
    if src == "ar":
        return "translate ar→en, then summarise", AR_TO_EN
    return "summarise in en, then translate en→ar", EN_TO_AR


def _needed(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """The steps without a reading step whose reading no
    seq2seq step uses (before the next reading step)."""
    kept = []
    for k, step in enumerate(steps):
        if step in _READING:
            after = [s for s in steps[k + 1:] if s in _READING or s in _SEQ2SEQ]
            if not after or after[0] in _READING:
                continue
        kept.append(step)
    return tuple(kept)
