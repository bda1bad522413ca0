"""Glossary findings: an output that writes a source entity the way the glossary forbids."""

from __future__ import annotations

from ..records import Finding
from .entries import Entry, Glossary
from .match import find, key, language


def _mentions(text: str, entry: Entry) -> bool:
    return next(find(text, (entry.term, entry.rendering, *entry.variants)), None) is not None


def _wrong_forms(entry: Entry) -> tuple[str, ...]:
    """What an output should not write for this entry: its variants, and the source term if it differs."""
    own = () if entry.keep else (entry.term,)
    return tuple(w for w in dict.fromkeys((*own, *entry.variants)) if key(w) != key(entry.rendering))


def glossary_findings(source_text: str, output_text: str, glossary: Glossary, output_lang: str) -> tuple[Finding, ...]:
    """Findings for the output's renderings of source entities that the glossary forbids, in output order."""
    found: list[tuple[int, Finding]] = []
    for entry in (*glossary.entries, *glossary.keep):
        wrong = _wrong_forms(entry)
        if not wrong or not (entry.keep or language(entry.rendering) == output_lang):
            continue
        if not _mentions(source_text, entry):
            continue
        good = [(s, e) for s, e, _, _ in find(output_text, (entry.rendering,))]
        for start, end, i, _ in find(output_text, wrong):
            if not any(s < end and start < e for s, e in good):
                found.append((start, Finding("glossary", output_text[start:end], _why(entry, wrong[i]))))
    return tuple(dict.fromkeys(f for _, f in sorted(found, key=lambda pair: pair[0])))


def _why(entry: Entry, wrong: str) -> str:
    if entry.keep:
        return f"the glossary keeps “{entry.term}” as written"
    if wrong == entry.term and language(entry.term) != language(entry.rendering):
        return f"left untranslated; the glossary renders it “{entry.rendering}”"
    return f"the glossary prefers “{entry.rendering}”"
