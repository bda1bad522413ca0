"""Glossary findings: an output that writes a source entity the way the glossary forbids."""

from __future__ import annotations

from ..records import Finding
from .entries import Entry, Glossary
from .match import Index, find, key, language


def _wrong_forms(entry: Entry) -> tuple[str, ...]:
    """What an output should not write for this entry:
    its variants, and the source term if it differs."""
    own = () if entry.keep else (entry.term,)
    return tuple(w for w in dict.fromkeys((*own, *entry.variants))
                 if key(w) != key(entry.rendering))


class _Checks:
    """The entries that can flag an output in one language, with an index
    of the forms that mention each one in a source and of the forms it
    forbids in an output: built once per glossary and output language."""

    def __init__(self, glossary: Glossary, output_lang: str) -> None:
        self.entries: list[tuple[Entry, tuple[str, ...]]] = []
        mentions: list[str] = []
        wrongs: list[str] = []
        self.mention_owner: list[int] = []
        self.wrong_owner: list[int] = []
        for entry in (*glossary.entries, *glossary.keep):
            wrong = _wrong_forms(entry)
            if not wrong or not (entry.keep or language(entry.rendering) == output_lang):
                continue
            forms = (entry.term, entry.rendering, *entry.variants)
            mentions += forms
            wrongs += wrong
            self.mention_owner += [len(self.entries)] * len(forms)
            self.wrong_owner += [len(self.entries)] * len(wrong)
            self.entries.append((entry, wrong))
        self.mentions, self.wrongs = Index(mentions), Index(wrongs)

    def candidates(self, source_text: str, output_text: str) -> list[tuple[Entry, tuple[str, ...]]]:
        """The entries that the source mentions and whose
        forbidden forms the output holds, in glossary order."""
        mentioned = {self.mention_owner[i] for i in self.mentions.occurring(source_text)}
        written = {self.wrong_owner[i] for i in self.wrongs.occurring(output_text)}
        return [self.entries[k] for k in sorted(mentioned & written)]


def glossary_findings(source_text: str, output_text: str, glossary: Glossary,
                      output_lang: str) -> tuple[Finding, ...]:
    """Findings for the output's renderings of source
    entities that the glossary forbids, in output order."""
    checks = glossary.memo(("checks", output_lang), lambda: _Checks(glossary, output_lang))
    found: list[tuple[int, Finding]] = []
    for entry, wrong in checks.candidates(source_text, output_text):
        good = [(s, e) for s, e, _, _ in find(output_text, (entry.rendering,))]
        for start, end, i, _ in find(output_text, wrong):
            if not any(s < end and start < e for s, e in good):
                found.append((start,
                              Finding("glossary", output_text[start:end], _why(entry, wrong[i]))))
    return tuple(dict.fromkeys(f for _, f in sorted(found, key=lambda pair: pair[0])))


def _why(entry: Entry, wrong: str) -> str:
    if entry.keep:
        return f"the glossary keeps “{entry.term}” as written"
    if wrong == entry.term and language(entry.term) != language(entry.rendering):
        return f"left untranslated; the glossary renders it “{entry.rendering}”"
    return f"the glossary prefers “{entry.rendering}”"
