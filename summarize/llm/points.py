"""Key points as an instruction model returns them: JSON
read leniently, validated strictly, salvaged when invalid.

The model is asked for `{"points": [{"text": ..., "evidence": [numbers]}]}`, the numbers being those
the prompt shows (a sentence id + 1). `read` finds the JSON behind code fences or prose and checks
it (a non-empty sentence and evidence among the window's sentences for each point, at least one
point, at most n); `salvage` keeps what an invalid reply still gives (the points' texts, even from
JSON cut short, or its lines) for evidence found by alignment, as a summary's is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Collection, Sequence

from ..keypoints import clean_point

__all__ = ["Point", "parse", "read", "salvage"]

_FENCE = re.compile(r"```[a-zA-Z]*\s*(.*?)(?:```|$)", re.DOTALL)
_TEXT = re.compile(r'"text"\s*:\s*"((?:[^"\\]|\\.)*)"', re.DOTALL)
_NUMBER = re.compile(r"\[?\s*(\d{1,6})\s*\]?")
MOST_ERRORS = 6  # told back to the model: enough to fix the reply, not a wall of text


@dataclass(frozen=True)
class Point:
    """A key point and the ids (0-based, as `sentences[].id`) of the sentences that state it."""

    text: str
    evidence: tuple[int, ...]


def parse(text: str) -> Any:
    """The first JSON object or array in a reply (inside
    a code fence, or after prose); ValueError if none."""
    fenced = _FENCE.findall(text)
    for candidate in (*fenced, text):
        decoder = json.JSONDecoder()
        for start in [m.start() for m in re.finditer(r"[{\[]", candidate)][:20]:
            try:
                return decoder.raw_decode(candidate, start)[0]
            except (ValueError, RecursionError):
                continue
    raise ValueError("the reply holds no JSON object")


def _items(data: Any) -> list[Any]:
    """The list of points of a parsed reply, however it is wrapped."""
    if isinstance(data, dict):
        for key in ("points", "key_points", "keypoints"):
            if isinstance(data.get(key), list):
                return data[key]
        raise ValueError('the JSON object has no "points" list')
    if isinstance(data, list):
        return data
    raise ValueError("the JSON is neither an object with \"points\" nor a list")


def _numbers(value: Any) -> list[int] | None:
    """The sentence numbers of an evidence value (a list of
    numbers or of "[3]"-like strings, or one of them)."""
    values = value if isinstance(value, list) else [value]
    found = []
    for v in values:
        if isinstance(v, bool):
            return None
        if isinstance(v, int):
            found.append(v)
        elif isinstance(v, float) and v.is_integer():
            found.append(int(v))
        elif isinstance(v, str) and (m := _NUMBER.fullmatch(v.strip())):
            found.append(int(m.group(1)))
        else:
            return None
    return found


def _point(k: int, item: Any, allowed: Collection[int]) -> tuple[Point | None, str | None]:
    if not isinstance(item, dict):
        return None, f"point {k}: not an object with text and evidence"
    text = item.get("text")
    text = clean_point(text) if isinstance(text, str) else ""
    if not text:
        return None, f"point {k}: its text is empty"
    numbers = _numbers(item.get("evidence"))
    if not numbers:
        return None, f"point {k}: its evidence is not a list of sentence numbers"
    outside = [n for n in numbers if n - 1 not in allowed]
    if outside:
        shown = ", ".join(str(n) for n in outside[:5])
        return None, f"point {k}: evidence {shown} is not the number of a sentence of the article"
    return Point(text, tuple(sorted({n - 1 for n in numbers}))), None


def read(text: str, allowed: Collection[int], n: int) -> tuple[list[Point], list[str]]:
    """The points of a reply and what is wrong with it
    (nothing: valid); more than n points keeps the first n."""
    try:
        items = _items(parse(text))
    except ValueError as exc:
        return [], [str(exc)]
    points, errors = [], []
    for k, item in enumerate(items, start=1):
        point, error = _point(k, item, allowed)
        if error:
            errors.append(error)
        elif point is not None:
            points.append(point)
    if not items:
        errors.append("the points list is empty")
    return points[:n], errors[:MOST_ERRORS]


def again(errors: Sequence[str], n: int) -> str:
    """The message asking for the reply again, saying what was wrong with it."""
    return ("Your reply is not valid: " + "; ".join(errors) + f". Reply again with JSON only, "
            'in the form {"points": [{"text": "one sentence", "evidence": [sentence numbers]}]}, '
            "with at most " + str(n) + " points, each with the numbers in brackets of the "
            "article's sentences that state it.")


def _texts(text: str) -> list[tuple[str, Any]]:
    """(text, evidence as given) of the points an invalid reply still holds: its JSON's, the texts
    of JSON cut short, else its lines."""
    try:
        items = [i for i in _items(parse(text))
                 if isinstance(i, dict) and isinstance(i.get("text"), str)]
        return [(i["text"], i.get("evidence")) for i in items]
    except ValueError:
        pass
    found = []
    for raw in _TEXT.findall(text):
        try:
            found.append((json.loads(f'"{raw}"'), None))
        except ValueError:
            found.append((raw, None))
    return found or ([(line, None) for line in text.splitlines()] if "{" not in text else [])


def salvage(text: str, allowed: Collection[int], n: int,
            align: Callable[[str], Sequence[int]]) -> tuple[list[Point], int]:
    """Points of an invalid reply: valid ones as given, the others
    with their evidence found by `align` (ids best first) among
    `allowed`; and how many texts aligned to no sentence (dropped)."""
    points, dropped = [], 0
    for raw, evidence in _texts(text):
        point, _ = _point(0, {"text": raw, "evidence": evidence}, allowed)
        if point is None:
            clean = clean_point(raw)
            ids = sorted({i for i in align(clean) if i in allowed}) if clean else []
            point = Point(clean, tuple(ids)) if ids else None
            dropped += bool(clean) and not ids
        if point is not None:
            points.append(point)
    return points[:n], dropped
