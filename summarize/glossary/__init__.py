"""A newsroom glossary: preferred renderings of names,
enforced in translation and checked in outputs.

File format (UTF-8 TSV; blank lines and lines starting with `#` are ignored):

    source term<TAB>preferred rendering[<TAB>forbidden variants, comma-separated]
    أحمد الشرع	Ahmad al-Sharaa	Ahmed al-Sharaa,Ahmad al-Shara
    Hmeimim	حميميم
    SDF                      (one column, or `SDF<TAB>=`: kept verbatim in every output)

A pair in one language ("Al-Shar'<TAB>Al-Sharaa") is a spelling rule: only the checks use it.

Enforcement uses placeholders, not constrained decoding.  Constrained beam search left the
transformers core in v5 (it is a hub `custom_generate` recipe now), CTranslate2 has no lexical
constraints at all, and both need beam search and only force the rendering to appear *somewhere*.
Placeholders work with every backend and family, greedy or beam: each matched term becomes a
five-digit number that occurs nowhere in the text ("70001"), which Marian, NLLB and M2M100
tokenizers split into plain digits and which MT models copy through in either script; after
generation the number (also in Arabic-Indic digits or with a separator) is replaced by the
rendering as written in the glossary.  When a placeholder is lost, the enforcing wrapper translates
that sentence again without the glossary and reports a `glossary` finding unless the rendering
turns up anyway -- a term is never silently dropped.

Matching: text is folded (harakat, tatweel and format marks dropped, hamza carriers and ى folded,
Arabic-Indic digits and curly apostrophes made plain, case folded); a term never matches inside
a longer word; longest term first; an Arabic term may carry the attached prefixes و ف ب ك ل ال
(and ل + ال written لل), whose conjunction or preposition is kept in front of the placeholder.
Terms are found through an index of their folded forms, built once per glossary (`match.Index`):
an article costs what its length does, whatever the glossary's size (benchmarks/README.md).

Checks (`glossary_findings`), for the entities the source mentions in any listed form:
an entry whose rendering is in the output's language flags the output's uses of the source
term (an Arabic name left in an English summary) and of its listed variants; a kept term flags
its listed variants.  A match inside the preferred rendering itself is never a finding.
"""

from __future__ import annotations

from .checks import glossary_findings
from .enforce import GlossaryTranslator, with_glossary
from .entries import Entry, Glossary, GlossaryError, load_glossary, parse_glossary
from .placeholders import protect, restore

__all__ = ["Entry", "Glossary", "GlossaryError", "GlossaryTranslator", "glossary_findings",
           "load_glossary", "parse_glossary", "protect", "restore", "with_glossary"]
