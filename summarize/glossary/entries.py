"""The glossary file: UTF-8 TSV of source terms, preferred renderings and forbidden variants."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from ..errors import UsageError
from .match import key, language

T = TypeVar("T")


class GlossaryError(UsageError):
    """A glossary file that cannot be read or has a malformed line."""


@dataclass(frozen=True)
class Entry:
    """A source term, its preferred rendering (the term
    itself when kept verbatim) and forbidden variants."""

    term: str
    rendering: str
    variants: tuple[str, ...] = ()
    line: int = 0

    @property
    def keep(self) -> bool:
        return self.term == self.rendering


@dataclass(frozen=True)
class Glossary:
    """Renderings (`entries`) and do-not-translate terms
    (`keep`), with the file's name and hash for provenance."""

    entries: tuple[Entry, ...]
    keep: tuple[Entry, ...] = ()
    source: str = "<glossary>"
    sha256: str = ""

    @property
    def keep_terms(self) -> tuple[str, ...]:
        return tuple(e.term for e in self.keep)

    def memo(self, name: Any, build: Callable[[], T]) -> T:
        """What `build` returns, built once for this glossary (its indexes:
        a glossary serves every article of a run). Kept in the instance's
        __dict__, as functools.cached_property does on a frozen class."""
        built = self.__dict__.setdefault("_built", {})
        if name not in built:
            built[name] = build()
        return built[name]

    def __getstate__(self) -> dict:
        """Pickled without what `memo` built (a process that gets the glossary builds its own)."""
        return {k: v for k, v in self.__dict__.items() if k != "_built"}


# ------------------------------------------------------------------------------------------ reading


def load_glossary(path: str | Path) -> Glossary:
    """Read and check a glossary file; GlossaryError names the file and line of any problem."""
    try:
        data = Path(path).read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise GlossaryError(f"cannot read the glossary: {getattr(exc, 'strerror', None) or exc}",
                            source=str(path)) from None
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
        folded = key(entry.term)
        if folded in seen:
            raise GlossaryError(f"line {number}: {entry.term!r} is already listed on "
                                f"line {seen[folded]}", source=source)
        seen[folded] = number
        entries.append(entry)
    return Glossary(tuple(e for e in entries if not e.keep),
                    tuple(e for e in entries if e.keep), source)


def _entry(line: str, number: int, source: str) -> Entry:
    def fail(why: str) -> GlossaryError:
        return GlossaryError(f"line {number}: {why}", source=source)

    cols = [c.strip() for c in line.split("\t")]
    if len(cols) > 3:
        raise fail("expected at most 3 tab-separated columns (term, rendering, variants), "
                   f"found {len(cols)}")
    term, rendering = cols[0], cols[1] if len(cols) > 1 else "="
    if not term:
        raise fail("the source term (first column) is empty")
    if not rendering:
        raise fail("the rendering is empty; leave one column, or write '=', "
                   "to keep a term as written")
    if len(cols) == 1 and language(term, mixed=True) == "mixed":
        raise fail(f"{term!r} mixes Arabic and Latin script; separate a term from its "
                   "rendering with a tab")
    rendering = term if rendering == "=" else rendering
    variants = (tuple(v.strip() for v in re.split("[,،]", cols[2]) if v.strip())
                if len(cols) == 3 else ())
    for word in (term, rendering, *variants):
        if len(key(word).replace(" ", "")) < 2:
            raise fail(f"{word!r} is too short to match reliably")
    if any(key(v) == key(rendering) for v in variants):
        raise fail("a forbidden variant is the preferred rendering itself")
    return Entry(term, rendering, variants, number)
