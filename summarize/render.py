"""Text, markdown and html renderings of each result
type (json and jsonl need none: they are the data)."""

from __future__ import annotations

from functools import singledispatch
from html import escape
from typing import Any, Sequence

from .records import (Bilingual, DetectResult, ParagraphPair, Review, RunResult, Translation,
                      VerifyResult)


@singledispatch
def as_text(result: Any) -> str:
    """Plain text for a terminal or a pipe."""
    raise TypeError(f"no text rendering for {type(result).__name__}")


@singledispatch
def as_markdown(result: Any) -> str:
    """Markdown for editors and notes; falls back to text."""
    return as_text(result)


@singledispatch
def as_html(result: Any) -> str:
    """A small HTML document for a browser or a CMS; falls back to the text, preformatted."""
    return _page(result.source, "en", [_in("pre", as_text(result))])


def _shares(scripts: Any) -> str:
    return ", ".join(f"{name} {share:.0%}" for name, share in scripts.items() if share)


@as_text.register
def _(r: DetectResult) -> str:
    note = "" if r.supported else " (unsupported)"
    lines = [f"{r.language}{note}\tconfidence "
             f"{r.confidence:.2f}\t{_shares(r.scripts) or 'no letters'}"]
    lines += [f"  {e}" for e in r.evidence]
    return "\n".join(lines)


@as_markdown.register
def _(r: DetectResult) -> str:
    lines = [f"### {r.source}", "",
             f"- language: **{r.language}**" + ("" if r.supported else " (unsupported)"),
             f"- confidence: {r.confidence:.2f}",
             f"- scripts: {_shares(r.scripts) or 'no letters'}"]
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
    return "\n\n".join(f"{_marked(p.marker, p.source)}\n{_marked(p.marker, p.target)}"
                       for p in b.translation.paragraphs)


@as_markdown.register
def _(b: Bilingual) -> str:
    t = b.translation
    lines = [f"| {t.source_language} | {t.target_language} |", "| --- | --- |"]
    lines += [f"| {_cell(_marked(p.marker, p.source))} | {_cell(_marked(p.marker, p.target))} |"
              for p in t.paragraphs]
    return "\n".join(lines)


def models_table(rows: Sequence[Any], fmt: str = "text") -> str:
    """`summarize models list` as a table in a format
    for people: aligned text (or markdown, or html)."""
    head = ("role", "model", "licence", "params", "cached", "note")
    body = [
        (r.role, r.model_id, r.licence + ("" if r.commercial_use else " (non-commercial)"),
         f"{r.params_m}M" if r.params_m else "?",
         f"yes, {r.size_mb} MB" if r.cached else "no", r.note)
        for r in rows
    ]
    if fmt == "html":
        cells = [[_in("th", h) for h in head]] + [[_in("td", str(x)) for x in row] for row in body]
        return _page("models", "en", ["<table>", *("<tr>" + "".join(c) + "</tr>" for c in cells),
                                      "</table>"]) + "\n"
    if fmt == "markdown":
        return "\n".join(["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
                         + ["| " + " | ".join(map(_cell, row)) + " |" for row in body]) + "\n"
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    return "".join("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip() + "\n"
                   for row in (head, *body))


def _flag(text: str, flagged: bool) -> str:
    return f"{text} [unreliable: degenerate model output]" if flagged else text


def notes(seen: Review) -> list[str]:
    """A result's findings and warnings, one line each, as the formats for people print them."""
    return [f"{f.severity}: {f.kind} {f.text!r} not backed by the source: {f.why}"
            for f in seen.findings] + list(
        seen.warnings)


@singledispatch
def shows_notes(result: Any) -> bool:
    """Whether the formats for people print a result's notes: a translation's rendering is the
    article alone, so its notes go elsewhere (stderr)."""
    return False


@shows_notes.register
def _(r: RunResult) -> bool:
    return True


@shows_notes.register
def _(v: VerifyResult) -> bool:
    return True


@as_text.register
def _(r: RunResult) -> str:
    lines = [_flag(r.summary, r.summary_flagged), ""]
    lines += [f"- {_flag(p.text, p.flagged)}  [sentences {', '.join(str(i) for i in p.evidence)}]"
              for p in r.key_points]
    if r.translation:
        lines += ["", r.translation]
    to_check = notes(r.review())
    if to_check:
        lines += ["", *(f"! {n}" for n in to_check)]
    return "\n".join(lines)


@as_markdown.register
def _(r: RunResult) -> str:
    head = r.title or r.source
    models = ", ".join(f"{role}: `{m.model_id}` ({m.backend})"
                       for role, m in r.models.items()) or "none"
    lines = [f"## {head}", "",
             f"*{r.language} → {r.output_language} · {r.route} · models: {models}*", "",
             "### Summary", "", _flag(r.summary, r.summary_flagged), "", "### Key points", ""]
    for p in r.key_points:
        quotes = " / ".join(p.evidence_text)
        lines += [f"- {_flag(p.text, p.flagged)}", f"  > {quotes}"]
    if r.translation:
        lines += ["", "### Translation", "", r.translation]
    to_check = notes(r.review())
    if to_check:
        lines += ["", "### Check before publishing", "", *(f"- {n}" for n in to_check)]
    return "\n".join(lines)


@as_text.register
def _(v: VerifyResult) -> str:
    checked = ", ".join(f"{n} {kind}" for kind, n in v.checked.items())
    if not v.findings:
        return f"ok: every claim is backed by the source ({checked} checked)"
    lines = [f"{len(v.findings)} finding(s) ({checked} checked):"]
    lines += [f"- {f.severity}: {f.kind} {f.text!r}: {f.why}" for f in v.findings]
    return "\n".join(lines)


# html: each text in its own language's direction (Arabic
# right to left); the labels are English, as in markdown.
def _dir(language: str) -> str:
    return "rtl" if language == "ar" else "ltr"


def _page(title: str, language: str, body: list[str]) -> str:
    return "\n".join(['<!DOCTYPE html>', '<meta charset="utf-8">', _in("title", title),
                      f'<article lang="{escape(language)}" dir="{_dir(language)}">', *body,
                      "</article>"])


def _in(tag: str, text: str, language: str | None = None) -> str:
    where = f' lang="{escape(language)}" dir="{_dir(language)}"' if language else ""
    return f"<{tag}{where}>{escape(text)}</{tag}>"


def _items(items: list[str]) -> list[str]:
    return ["<ul>", *items, "</ul>"] if items else []


@as_html.register
def _(r: DetectResult) -> str:
    facts = [f"language: {r.language}" + ("" if r.supported else " (unsupported)"),
             f"confidence: {r.confidence:.2f}",
             f"scripts: {_shares(r.scripts) or 'no letters'}", *r.evidence]
    return _page(r.source, "en", [_in("h1", r.source), *_items([_in("li", f) for f in facts])])


def _block(p: ParagraphPair, text: str, language: str) -> str:
    if p.kind == "heading":
        return _in("h2", text, language)
    return _in("p", _marked(p.marker, text), language)


@as_html.register
def _(t: Translation) -> str:
    return _page(t.source, t.target_language,
                 [_block(p, p.target, t.target_language) for p in t.paragraphs])


@as_html.register
def _(b: Bilingual) -> str:
    t = b.translation
    rows = [f"<tr><td>{_block(p, p.source, t.source_language)}</td>"
            f"<td>{_block(p, p.target, t.target_language)}</td></tr>" for p in t.paragraphs]
    return _page(t.source, t.target_language, ["<table>", *rows, "</table>"])


@as_html.register
def _(r: RunResult) -> str:
    models = ", ".join(f"{role}: {m.model_id} ({m.backend})"
                       for role, m in r.models.items()) or "none"
    about = f"{r.language} → {r.output_language} · {r.route} · models: {models}"
    points = [f"<li>{escape(_flag(p.text, p.flagged))} <small dir=\"ltr\">[sentences "
              f"{', '.join(str(i) for i in p.evidence)}]</small>"
              f"{_in('blockquote', ' / '.join(p.evidence_text), r.language)}</li>"
              for p in r.key_points]
    body = [_in("h1", r.title or r.source), _in("p", about, "en"), _in("h2", "Summary"),
            _in("p", _flag(r.summary, r.summary_flagged)), _in("h2", "Key points"), *_items(points)]
    if r.translation:
        body += [_in("h2", "Translation"),
                 *(_in("p", part) for part in r.translation.split("\n\n"))]
    to_check = notes(r.review())
    if to_check:
        body += [_in("h2", "Check before publishing"),
                 *_items([_in("li", n, "en") for n in to_check])]
    return _page(r.title or r.source, r.output_language, body)
