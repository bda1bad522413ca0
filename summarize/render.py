"""Text and markdown renderings of each result type (json and jsonl need none: they are the data)."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from .records import DetectResult


@singledispatch
def as_text(result: Any) -> str:
    """Plain text for a terminal or a pipe."""
    raise TypeError(f"no text rendering for {type(result).__name__}")


@singledispatch
def as_markdown(result: Any) -> str:
    """Markdown for editors and notes; falls back to text."""
    return as_text(result)


def _shares(scripts: Any) -> str:
    return ", ".join(f"{name} {share:.0%}" for name, share in scripts.items() if share)


@as_text.register
def _(r: DetectResult) -> str:
    note = "" if r.supported else " (unsupported)"
    lines = [f"{r.language}{note}\tconfidence {r.confidence:.2f}\t{_shares(r.scripts) or 'no letters'}"]
    lines += [f"  {e}" for e in r.evidence]
    return "\n".join(lines)


@as_markdown.register
def _(r: DetectResult) -> str:
    lines = [f"### {r.source}", "", f"- language: **{r.language}**" + ("" if r.supported else " (unsupported)"),
             f"- confidence: {r.confidence:.2f}", f"- scripts: {_shares(r.scripts) or 'no letters'}"]
    lines += [f"- {e}" for e in r.evidence]
    return "\n".join(lines)
