"""Text and markdown renderings of each result type (json and jsonl need none: they are the data)."""

from __future__ import annotations

from functools import singledispatch
from typing import Any, Sequence

from .records import Bilingual, DetectResult, RunResult, Translation, VerifyResult


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


def _marked(marker: str, text: str) -> str:
    return f"{marker} {text}" if marker else text


@as_text.register
def _(t: Translation) -> str:
    return t.text


@as_markdown.register
def _(t: Translation) -> str:
    return "\n\n".join(_marked(p.marker, p.target) for p in t.paragraphs)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@as_text.register
def _(b: Bilingual) -> str:
    return "\n\n".join(f"{_marked(p.marker, p.source)}\n{_marked(p.marker, p.target)}" for p in b.translation.paragraphs)


@as_markdown.register
def _(b: Bilingual) -> str:
    t = b.translation
    lines = [f"| {t.source_language} | {t.target_language} |", "| --- | --- |"]
    lines += [f"| {_cell(_marked(p.marker, p.source))} | {_cell(_marked(p.marker, p.target))} |" for p in t.paragraphs]
    return "\n".join(lines)


def models_table(rows: Sequence[Any], fmt: str = "text") -> str:
    """`summarize models list` as a table in a format for people: aligned text (or markdown)."""
    head = ("role", "model", "licence", "params", "cached", "note")
    body = [
        (r.role, r.model_id, r.licence + ("" if r.commercial_use else " (non-commercial)"),
         f"{r.params_m}M" if r.params_m else "?", f"yes, {r.size_mb} MB" if r.cached else "no", r.note)
        for r in rows
    ]
    if fmt == "markdown":
        return "\n".join(["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
                         + ["| " + " | ".join(map(_cell, row)) + " |" for row in body]) + "\n"
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    return "".join("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip() + "\n" for row in (head, *body))


def _flag(text: str, flagged: bool) -> str:
    return f"{text} [unreliable: degenerate model output]" if flagged else text


def _run_notes(r: RunResult) -> list[str]:
    notes = [f"{f.severity}: {f.kind} {f.text!r} not backed by the source: {f.why}"
             for f in r.findings]
    return notes + list(r.warnings)


@as_text.register
def _(r: RunResult) -> str:
    lines = [_flag(r.summary, r.summary_flagged), ""]
    lines += [f"- {_flag(p.text, p.flagged)}  [sentences {', '.join(str(i) for i in p.evidence)}]"
              for p in r.key_points]
    if r.translation:
        lines += ["", r.translation]
    notes = _run_notes(r)
    if notes:
        lines += ["", *(f"! {n}" for n in notes)]
    return "\n".join(lines)


@as_markdown.register
def _(r: RunResult) -> str:
    head = r.title or r.source
    models = ", ".join(f"{role}: `{m.model_id}` ({m.backend})" for role, m in r.models.items()) or "none"
    lines = [f"## {head}", "", f"*{r.language} → {r.output_language} · {r.route} · models: {models}*", "",
             "### Summary", "", _flag(r.summary, r.summary_flagged), "", "### Key points", ""]
    for p in r.key_points:
        quotes = " / ".join(p.evidence_text)
        lines += [f"- {_flag(p.text, p.flagged)}", f"  > {quotes}"]
    if r.translation:
        lines += ["", "### Translation", "", r.translation]
    notes = _run_notes(r)
    if notes:
        lines += ["", "### Check before publishing", "", *(f"- {n}" for n in notes)]
    return "\n".join(lines)


@as_text.register
def _(v: VerifyResult) -> str:
    checked = ", ".join(f"{n} {kind}" for kind, n in v.checked.items())
    if not v.findings:
        return f"ok: every claim is backed by the source ({checked} checked)"
    lines = [f"{len(v.findings)} finding(s) ({checked} checked):"]
    lines += [f"- {f.severity}: {f.kind} {f.text!r}: {f.why}" for f in v.findings]
    return "\n".join(lines)
