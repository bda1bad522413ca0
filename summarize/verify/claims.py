"""Claims and their evidence: split an output into sentences,
and find the source sentences each one rests on."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Sequence

from ..segment import sentences as _segment_sentences
from ..segment import split_paragraphs
from .dates import DateMention, extract_dates, period_months
from .numbers import Quantity
from .quotes import comparable
from .relative import as_mention, extract_relative
from .text import STOP as _STOP
from .text import key, language, stem, words

@dataclass(frozen=True)
class Claim:
    """One sentence of an output: its text, where it starts,
    and the source sentence ids it rests on (0-based)."""

    text: str
    start: int
    evidence: tuple[int, ...]
    best: int | None = None  # the evidence sentence with the most overlap


@dataclass
class Source:
    """An article made ready for checking: sentences, their
    translation where known, features and what they hold."""

    text: str
    sentences: tuple[str, ...]
    translated: tuple[str, ...] | None
    language: str
    # the article's date: what its relative dates ("yesterday") count from
    anchor: date | None = None
    features: list[Counter] = field(default_factory=list)
    translated_features: list[Counter] = field(default_factory=list)
    idf: dict[str, float] = field(default_factory=dict)

    @cached_property
    def comparable(self) -> str:
        """The article in the form quotes are compared in."""
        return comparable(self.text)

    @cached_property
    def translation_comparable(self) -> str | None:
        """Its translation in that form, if there is one."""
        return comparable(" ".join(self.translated)) if self.translated else None

    @cached_property
    def keyed(self) -> str:
        """The article and its translation keyed (folded, lowercase): where names are looked for."""
        return key(self.text + " " + " ".join(self.translated or ()))

    @cached_property
    def keyed_sentences(self) -> list[str]:
        """Each sentence keyed."""
        return [key(s) for s in self.sentences]

    @cached_property
    def keyed_translated(self) -> list[str]:
        """Each translated sentence keyed."""
        return [key(s) for s in self.translated or ()]

    @cached_property
    def dated(self) -> tuple:
        """The days the article names by its own date: its relative dates ("yesterday", "الخميس
        المقبل"), its weekdays ("on Tuesday": that of the week before or after it) and its months
        without a year, as absolute DateMentions; none when its date is unknown."""
        from .dates import DateMention, extract_dates
        from .relative import as_mention, extract_relative

        if self.anchor is None:
            return ()
        mentioned = extract_dates(self.text)
        days = [self.anchor + timedelta(days=k) for d in mentioned
                if d.weekday is not None for k in range(-6, 7) if
                (self.anchor.weekday() + k) % 7 == d.weekday]
        # a month named without its year ("مايو الماضي", "in March"): that of the half year before
        # or after the article's date
        now = self.anchor.year * 12 + self.anchor.month - 1
        months = {(n // 12, n % 12 + 1) for d in mentioned if d.month and not d.year
                  for n in range(now - 6, now + 7) if n % 12 + 1 == d.month}
        return (*(DateMention(d.year, d.month, d.day, d.isoformat(), 0, 0, d.weekday())
                  for d in days),
                *(DateMention(year, month, None, f"{year}-{month:02d}", 0, 0)
                  for year, month in sorted(months)),
                *(as_mention(r, self.anchor) for r in extract_relative(self.text)))

    @cached_property
    def everywhere(self) -> dict[str, list]:
        """The dates and figures of the whole article (and its parallel translation)."""
        return {what: in_sentences(self, range(len(self.sentences)), what)
                for what in ("dates", "numbers")}


def _features(text: str) -> Counter:
    """Overlap features: stems of content words, figures by value (3x), capitalised names (2x)."""
    from .extract import extract_numbers

    found: Counter = Counter()
    for w in words(text):
        low = w.lower()
        if low in _STOP or len(w) < 3 or w.isdigit():
            continue
        found["w:" + stem(low)] += 2 if w[:1].isupper() else 1
    for q in extract_numbers(text):
        found[f"n:{q.value:g}"] += 3
    return found


@lru_cache(maxsize=8)
def prepare(text: str, sentences: tuple[str, ...] | None = None, translated: str | None = None,
            translated_sentences: tuple[str, ...] | None = None,
            anchor: date | None = None) -> Source:
    """The source split into sentences (as `segment.sentences`
    numbers them) with overlap features and weights."""
    sents = (sentences if sentences is not None
             else tuple(s.text for s in _segment_sentences(split_paragraphs(text))))
    if translated_sentences is None and translated:
        translated_sentences = tuple(s.text
                                     for s in _segment_sentences(split_paragraphs(translated)))
    src = Source(text, sents, translated_sentences, language(text), anchor)
    src.features = [_features(s) for s in sents]
    src.translated_features = [_features(s) for s in translated_sentences or ()]
    df: Counter = Counter(t for f in src.features + src.translated_features for t in f)
    n = max(len(src.features) + len(src.translated_features), 1)
    src.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    return src


def _translated_id(src: Source, i: int) -> int:
    """The source sentence a translated sentence renders:
    the same id when they are as many, else proportional."""
    n, m = len(src.sentences), len(src.translated or ())
    return i if n == m else min(n - 1, round(i * n / max(m, 1)))


def _overlap(claim: Counter, f: Counter, idf: dict[str, float], total: float) -> float:
    return (sum(min(c, f[t]) * idf.get(t, 2.0) for t, c in claim.items() if t in f) / total
            if total else 0.0)


def align(src: Source, text: str, *, most: int = 3) -> tuple[int, ...]:
    """The source sentences `text` rests on: best lexical
    overlap, weighted by figures, names and rare words.

    A sentence that shares only figures with the claim is not its evidence
    when the claim has words to share (the same 56 said of another man);
    across languages without a translation figures are all there is.
    """
    claim = _features(text)
    wordy = Counter({t: c for t, c in claim.items() if t.startswith("w:")})
    total = sum(c * src.idf.get(t, 2.0) for t, c in claim.items())
    words_total = sum(c * src.idf.get(t, 2.0) for t, c in wordy.items())
    if not total or not src.sentences:
        return ()
    candidates = [(i, f) for i, f in enumerate(src.features)]
    cross = language(text) != src.language
    if src.translated and cross:
        candidates += [(_translated_id(src, i), f) for i, f in enumerate(src.translated_features)]
    need_words = words_total > 0 and (not cross or bool(src.translated))
    scored: dict[int, float] = {}
    for i, f in candidates:
        if need_words and _overlap(wordy, f, src.idf, words_total) < 0.12:
            continue
        scored[i] = max(scored.get(i, 0.0), _overlap(claim, f, src.idf, total))
    ranked = sorted(scored.items(), key=lambda p: -p[1])
    best = ranked[0][1] if ranked else 0.0
    if best < 0.2:
        return ()
    return tuple(i for i, s in ranked[:most] if s >= max(0.2, 0.5 * best))  # best first


def split_claims(output: str) -> list[tuple[str, int]]:
    """The sentences of an output (split as the source is),
    each with its offset; an ellipsis cuts, never ends."""
    found: list[tuple[str, int]] = []
    pos = 0
    for piece in (s.text for s in _segment_sentences(split_paragraphs(output))):
        i = output.find(piece, pos)
        i = i if i >= 0 else pos
        if (found and found[-1][0].rstrip().endswith(("...", "…")) and
                found[-1][1] + len(found[-1][0]) <= i):
            found[-1] = (output[found[-1][1]:i + len(piece)], found[-1][1])
        else:
            found.append((piece, i))
        pos = i + len(piece)
    return found


# Where a claim's cause begins: what comes before it is the event the cause is given for
_CAUSED_BY_RE = re.compile(r"\s(?:because|due\s+to|owing\s+to|as\s+a\s+result\s+of|"
                           r"بسبب|نتيجة|جراء|بفعل)(?![^\W\d_])", re.IGNORECASE)


_DIGITS_RE = re.compile(r"[\d\u0660-\u0669][\d\u0660-\u0669.,٫٬]*")


def claims(src: Source, output: str, evidence: Sequence[int] | None = None) -> list[Claim]:
    """The output's claims with their evidence: given (a key point's), or found by alignment; a
    claim that gives a cause no sentence names rests on the sentences of the event it explains."""
    given = tuple(i for i in evidence or () if 0 <= i < len(src.sentences))
    found = []
    for text, start in split_claims(output):
        aligned = align(src, text)
        if not aligned and (m := _CAUSED_BY_RE.search(text)):
            aligned = align(src, text[:m.start()])
        if not aligned:  # its figures all wrong, its words may still find what it is about
            aligned = align(src, _DIGITS_RE.sub(" ", text))
        found.append(Claim(text, start, tuple(sorted({*given, *aligned})),
                           aligned[0] if aligned else None))
    return found


def in_sentences(src: Source, ids: Sequence[int], what: str) -> list[DateMention | Quantity]:
    """The dates ("dates") or figures ("numbers") of the given source sentences."""
    from .extract import extract_numbers

    def get(text: str) -> list:
        if what != "dates":
            return list(extract_numbers(text))
        relative = [as_mention(r, src.anchor) for r in extract_relative(text)] if src.anchor else []
        return [*extract_dates(text), *relative, *period_months(text)]

    found: list = []
    for i in ids:
        found += get(src.sentences[i])
        if src.translated and i < len(src.translated) and len(src.translated) == len(src.sentences):
            found += get(src.translated[i])
    return found


_CLAUSE_RE = re.compile(r"[,;:،؛«»\"“”()]|\s[-–—]\s|\b(?:and|but|while)\b|\sو?(?:فيما|بينما)\s")


def window(text: str, start: int, end: int, reach: int = 48) -> str:
    """The words of the clause around a span of a claim, the
    span left out: what the figure or name is said about."""
    before = text[max(0, start - reach):start]
    after = text[end:end + reach]
    cuts = list(_CLAUSE_RE.finditer(before))
    before = before[cuts[-1].start():] if cuts else before
    cut = _CLAUSE_RE.search(after)
    left, right = _content(before)[-3:], _content(after[:cut.start()] if cut else after)[:3]
    return " ".join(left + right)


def _content(text: str) -> list[str]:
    return [w for w in words(text) if w.lower() not in _STOP and len(w) >= 3 and not w.isdigit()]


def supported_nearby(src: Source, claim: str, start: int, end: int, ids: Sequence[int]) -> bool:
    """Whether one of sentences `ids` is about what the claim says around [start, end), or is mostly
    inside the claim: a fused claim's other source."""
    whole = _features(claim)
    for i in ids:
        f = src.features[i]
        size = sum(c * src.idf.get(t, 2.0) for t, c in f.items())
        if size and _overlap(f, whole, src.idf, size) >= 0.6:
            return True
    context = Counter({t: c for t, c in _features(window(claim, start, end)).items()
                       if t.startswith("w:")})
    total = sum(c * src.idf.get(t, 2.0) for t, c in context.items())
    if not total:
        # nothing is said around it ("الأربعاء، 27 جويلية"): no other thing it could be said of
        return bool(ids)
    parallel = src.translated is not None and len(src.translated_features) == len(src.features)
    for i in ids:
        feats = [src.features[i]] + ([src.translated_features[i]] if parallel else [])
        if any(sum(min(c, f[t]) * src.idf.get(t, 2.0)
                   for t, c in context.items() if t in f) / total >= 0.25
               for f in feats):
            return True
    return False
