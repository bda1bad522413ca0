"""A newsroom glossary: preferred renderings of names, enforced in translation and checked in outputs.

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
rendering as written in the glossary.  When a placeholder is lost, `GlossaryModel` translates
that sentence again without the glossary and reports a `glossary` finding unless the rendering
turns up anyway -- a term is never silently dropped.

Matching: text is folded (harakat, tatweel and format marks dropped, hamza carriers and ى folded,
Arabic-Indic digits and curly apostrophes made plain, case folded); a term never matches inside
a longer word; longest term first; an Arabic term may carry the attached prefixes و ف ب ك ل ال
(and ل + ال written لل), whose conjunction or preposition is kept in front of the placeholder.

Checks (`glossary_findings`), for the entities the source mentions in any listed form:
an entry whose rendering is in the output's language flags the output's uses of the source
term (an Arabic name left in an English summary) and of its listed variants; a kept term flags
its listed variants.  A match inside the preferred rendering itself is never a finding.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import count
from pathlib import Path
from textwrap import shorten
from typing import Iterator, Mapping, Sequence

from .errors import UsageError
from .models.base import Generated, GenerationOptions, Seq2SeqModel
from .records import ModelInfo
from .verify import Finding

__all__ = ["Entry", "Glossary", "GlossaryError", "GlossaryModel", "glossary_findings", "load_glossary",
           "parse_glossary", "protect", "restore"]


class GlossaryError(UsageError):
    """A glossary file that cannot be read or has a malformed line."""


@dataclass(frozen=True)
class Entry:
    """A source term, its preferred rendering (the term itself when kept verbatim) and forbidden variants."""

    term: str
    rendering: str
    variants: tuple[str, ...] = ()
    line: int = 0

    @property
    def keep(self) -> bool:
        return self.term == self.rendering


@dataclass(frozen=True)
class Glossary:
    """Renderings (`entries`) and do-not-translate terms (`keep`), with the file's name and hash for provenance."""

    entries: tuple[Entry, ...]
    keep: tuple[Entry, ...] = ()
    source: str = "<glossary>"
    sha256: str = ""

    @property
    def keep_terms(self) -> tuple[str, ...]:
        return tuple(e.term for e in self.keep)


# ------------------------------------------------------------------------------------------ reading


def load_glossary(path: str | Path) -> Glossary:
    """Read and check a glossary file; GlossaryError names the file and line of any problem."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read the glossary: {exc.strerror or exc}", source=str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(f"line {line}: not UTF-8", source=str(path)) from None
    return replace(parse_glossary(text, source=str(path)), sha256=hashlib.sha256(data).hexdigest())


def parse_glossary(text: str, *, source: str = "<glossary>") -> Glossary:
    """A Glossary from TSV text (see the module docstring for the format)."""
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = unicodedata.normalize("NFC", raw).strip(" \r\n\ufeff")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry = _entry(line, number, source)
        key = _key(entry.term)
        if key in seen:
            raise GlossaryError(f"line {number}: {entry.term!r} is already listed on line {seen[key]}", source=source)
        seen[key] = number
        entries.append(entry)
    return Glossary(tuple(e for e in entries if not e.keep), tuple(e for e in entries if e.keep), source)


def _entry(line: str, number: int, source: str) -> Entry:
    def fail(why: str) -> GlossaryError:
        return GlossaryError(f"line {number}: {why}", source=source)

    cols = [c.strip() for c in line.split("\t")]
    if len(cols) > 3:
        raise fail(f"expected at most 3 tab-separated columns (term, rendering, variants), found {len(cols)}")
    term, rendering = cols[0], cols[1] if len(cols) > 1 else "="
    if not term:
        raise fail("the source term (first column) is empty")
    if not rendering:
        raise fail("the rendering is empty; leave one column, or write '=', to keep a term as written")
    if len(cols) == 1 and _language(term, mixed=True) == "mixed":
        raise fail(f"{term!r} mixes Arabic and Latin script; separate a term from its rendering with a tab")
    rendering = term if rendering == "=" else rendering
    variants = tuple(v.strip() for v in re.split("[,،]", cols[2]) if v.strip()) if len(cols) == 3 else ()
    for word in (term, rendering, *variants):
        if len(_key(word).replace(" ", "")) < 2:
            raise fail(f"{word!r} is too short to match reliably")
    if any(_key(v) == _key(rendering) for v in variants):
        raise fail("a forbidden variant is the preferred rendering itself")
    return Entry(term, rendering, variants, number)


# ------------------------------------------------------------------------------------------ matching

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "`": "'", "ى": "ي"})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    out = unicodedata.normalize("NFD", ch.translate(_DIGITS).translate(_PLAIN))
    return "".join(c for c in out if c != "\u0640" and unicodedata.category(c) not in ("Mn", "Cf")).casefold()


@lru_cache(maxsize=64)
def _fold(text: str) -> tuple[str, tuple[int, ...]]:
    """The text for matching, and for each of its characters the index it came from (plus the end)."""
    chars, where = [], []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        chars.append(folded)
        where.extend([i] * len(folded))
    where.append(len(text))
    return "".join(chars), tuple(where)


def _key(word: str) -> str:
    return " ".join(_fold(word)[0].split())


def _language(text: str, *, mixed: bool = False) -> str:
    arabic = any("\u0600" <= c <= "\u06ff" and c.isalpha() for c in text)
    latin = any(c.isascii() and c.isalpha() for c in text)
    return "mixed" if mixed and arabic and latin else "ar" if arabic else "en"


def _forms(word: str) -> list[tuple[str, str]]:
    """(folded surface form, attached prefix to keep) for a word, with Arabic prefixes where they apply."""
    term = _key(word)
    if _language(term) != "ar":
        return [(term, "")]
    if term.startswith("ال"):  # ل + ال: "للاذقية" for "اللاذقية"
        mids = [("", term), ("ب", "ب" + term), ("ك", "ك" + term), ("ل", "ل" + term[1:])]
        mids += [("ل", "ل" + term[2:])] if term.startswith("الل") else []
    else:
        mids = [(p, p + a + term) for p in ("", "ب", "ك", "ل") for a in ("", "ال")]
        mids = [(p, "لل" + term if form == "لال" + term else form) for p, form in mids]
    return [(c + body, c + kept) for c in ("", "و", "ف") for kept, body in mids]


@lru_cache(maxsize=256)
def _compile(words: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, tuple[int, str]]]:
    """One regex for all the words' forms, longest first, never inside a longer word; form -> (word, prefix)."""
    table: dict[str, tuple[int, str]] = {}
    for bare in (True, False):  # a word's own form wins over another word's prefixed form
        for i, word in enumerate(words):
            for form, prefix in _forms(word):
                if (form == _key(word)) == bare:
                    table.setdefault(form, (i, prefix))
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])"), table


def _find(text: str, words: Sequence[str]) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, word index, prefix) of each word found in `text`, positions in the text as written."""
    if not words or not text:
        return
    folded, where = _fold(text)
    regex, table = _compile(tuple(words))
    for m in regex.finditer(folded):
        index, prefix = table[" ".join(m.group().split())]
        yield where[m.start()], where[m.end()], index, prefix


# ------------------------------------------------------------------------------------- placeholders


def _applicable(glossary: Glossary, src: str, tgt: str) -> tuple[Entry, ...]:
    """Kept terms, and the entries that turn a `src` term into a `tgt` rendering."""
    return glossary.keep + tuple(e for e in glossary.entries
                                 if _language(e.term) == src and _language(e.rendering) == tgt)


def _placeholders(text: str) -> Iterator[str]:
    """Numbers from 70001 up that the text does not contain (separators ignored)."""
    present = {re.sub(r"\D", "", n) for n in re.findall(r"\d+(?:[,.\u066b\u066c]\d+)*", _fold(text)[0])}
    return (str(n) for n in count(70001) if str(n) not in present)


def protect(text: str, glossary: Glossary, src: str, tgt: str) -> tuple[str, Mapping[str, str]]:
    """The text with each glossary term replaced by a placeholder, and placeholder -> rendering."""
    entries = _applicable(glossary, src, tgt)
    numbers = _placeholders(text)
    pieces: list[str] = []
    mapping: dict[str, str] = {}
    pos = 0
    for start, end, i, prefix in _find(text, [e.term for e in entries]):
        token = next(numbers)
        mapping[token] = entries[i].rendering
        pieces += [text[pos:start], prefix, token]
        pos = end
    return "".join(pieces) + text[pos:], mapping


_SEPARATOR = "[,.\u066b\u066c\u00a0\u202f ]?"  # "70,001", "٧٠٬٠٠١": number formatting a model may add


def restore(text: str, mapping: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """Placeholders replaced by their renderings, and the placeholders that are not in `text`."""
    if not mapping:
        return text, ()
    tokens = list(mapping)
    regex = re.compile("|".join(f"(?P<p{k}>(?<!\\d){_SEPARATOR.join(t)}(?!\\d))" for k, t in enumerate(tokens)))
    digits = text.translate(_DIGITS)  # one character for one: positions stay those of `text`
    out: list[str] = []
    found: set[str] = set()
    pos = 0
    for m in regex.finditer(digits):
        token = tokens[int((m.lastgroup or "p0")[1:])]
        found.add(token)
        out += [text[pos:m.start()], _spaced(mapping[token], text[m.start() - 1:m.start()], text[m.end():m.end() + 1])]
        pos = m.end()
    return "".join(out) + text[pos:], tuple(t for t in tokens if t not in found)


def _spaced(rendering: str, before: str, after: str) -> str:
    """The rendering, spaced from a letter it would otherwise touch (Arabic prefixes stay attached)."""
    def glue(a: str, b: str) -> bool:
        return a.isalnum() and b.isalnum() and not _language(a) == _language(b) == "ar"

    left = " " if before and glue(before, rendering[0]) else ""
    right = " " if after and glue(rendering[-1], after) else ""
    return left + rendering + right


# -------------------------------------------------------------------------------------------- checks


def _mentions(text: str, entry: Entry) -> bool:
    return next(_find(text, (entry.term, entry.rendering, *entry.variants)), None) is not None


def _wrong_forms(entry: Entry) -> tuple[str, ...]:
    """What an output should not write for this entry: its variants, and the source term if it differs."""
    own = () if entry.keep else (entry.term,)
    return tuple(w for w in dict.fromkeys((*own, *entry.variants)) if _key(w) != _key(entry.rendering))


def glossary_findings(source_text: str, output_text: str, glossary: Glossary, output_lang: str) -> tuple[Finding, ...]:
    """Findings for the output's renderings of source entities that the glossary forbids, in output order."""
    found: list[tuple[int, Finding]] = []
    for entry in (*glossary.entries, *glossary.keep):
        wrong = _wrong_forms(entry)
        if not wrong or not (entry.keep or _language(entry.rendering) == output_lang):
            continue
        if not _mentions(source_text, entry):
            continue
        good = [(s, e) for s, e, _, _ in _find(output_text, (entry.rendering,))]
        for start, end, i, _ in _find(output_text, wrong):
            if not any(s < end and start < e for s, e in good):
                found.append((start, Finding("glossary", output_text[start:end], _why(entry, wrong[i]))))
    return tuple(dict.fromkeys(f for _, f in sorted(found, key=lambda pair: pair[0])))


def _why(entry: Entry, wrong: str) -> str:
    if entry.keep:
        return f"the glossary keeps “{entry.term}” as written"
    if wrong == entry.term and _language(entry.term) != _language(entry.rendering):
        return f"left untranslated; the glossary renders it “{entry.rendering}”"
    return f"the glossary prefers “{entry.rendering}”"


# --------------------------------------------------------------------------------- the model wrapper


class GlossaryModel(Seq2SeqModel):
    """A translation model wrapped so glossary terms travel as placeholders; `findings` lists lost ones."""

    def __init__(self, inner: Seq2SeqModel, glossary: Glossary) -> None:
        super().__init__(inner.spec, inner.tokenizer, role=inner.role, revision=inner.revision,
                         batch_tokens=inner.batch_tokens)
        self.inner, self.glossary = inner, glossary
        self.backend = inner.backend
        self.max_input_tokens = inner.max_input_tokens
        self._lost: dict[str, tuple[str, ...]] = {}  # source text -> renderings its final output lacks

    @property
    def findings(self) -> tuple[Finding, ...]:
        """A `glossary` finding for each rendering a translation lost (latest attempt per text)."""
        return self.findings_for(None)

    def findings_for(self, texts: Sequence[str] | None) -> tuple[Finding, ...]:
        """The findings of the inputs found within `texts` (one article's sentences, say); None: all."""
        wanted = None if texts is None else [" ".join(t.split()) for t in texts]
        found: list[Finding] = []
        for text, lost in self._lost.items():
            flat = " ".join(text.split())
            if wanted is not None and not any(flat in w for w in wanted):
                continue
            found += [Finding("glossary", r, f"not enforced in “{shorten(text, 48, placeholder='…')}”: the model "
                                             "lost a placeholder there, so it was translated without the glossary")
                      for r in lost]
        return tuple(dict.fromkeys(found))

    def info(self, options: GenerationOptions | None = None) -> ModelInfo:
        return self.inner.info(options)

    def count_tokens(self, text: str, src: str | None = None, tgt: str | None = None) -> int:
        return self.inner.count_tokens(protect(text, self.glossary, src or "", tgt or "")[0], src, tgt)

    def generate(self, texts: Sequence[str], options: GenerationOptions, *, src: str | None = None,
                 tgt: str | None = None) -> list[Generated]:
        """Translate with placeholders; a text whose placeholder is lost is translated again without them."""
        protected = [protect(t, self.glossary, src or "", tgt or "") for t in texts]
        outputs = self.inner.generate([p for p, _ in protected], options, src=src, tgt=tgt)
        lost: dict[int, tuple[str, ...]] = {}
        for i, ((_, mapping), out) in enumerate(zip(protected, outputs)):
            restored, missing = restore(out.text, mapping)
            outputs[i] = replace(out, text=restored)
            self._lost.pop(texts[i], None)
            if missing:
                lost[i] = tuple(dict.fromkeys(mapping.values()))
        if lost:
            again = self.inner.generate([texts[i] for i in lost], options, src=src, tgt=tgt)
            for (i, renderings), out in zip(lost.items(), again):
                outputs[i] = out
                absent = tuple(r for r in renderings if next(_find(out.text, (r,)), None) is None)
                if absent:
                    self._lost[texts[i]] = absent
        return outputs

    def _generate_ids(self, batch, target_prefix, options, max_new_tokens):
        return self.inner._generate_ids(batch, target_prefix, options, max_new_tokens)

