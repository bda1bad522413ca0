"""Sentence salience for news, in time and memory linear in the article's length.

Each sentence becomes a unit-length TF-IDF vector over its content terms (IDF over the article's
sentences). Centrality is PacSum's directed degree (Zheng & Lapata, 2019): a sentence that later
sentences echo states what the article is about; one that only echoes earlier sentences adds little.
Edges are cosine similarities to the sentences at most `window` places away, summed with sliding
sums of the neighbours' vectors, so the cost is O(tokens) and no n×n graph is ever built — a 5 MB
article scores in seconds. The salience mixes that centrality with the lead (news states its point
first), then scales by length (fragments and very long sentences lose) and by kind (headings,
captions and page furniture lose).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ..records import Sentence
from ..segment import looks_like_heading
from .terms import stopwords, terms

__all__ = ["Profile", "Scored", "is_body", "score"]

Vector = dict[str, float]

# Page furniture that news pages leave in an article's text: never the point of a story.
_FURNITURE = re.compile(
    r"media playback is (?:not |un)supported|scroll down for|share this with|image (?:copyright|caption)"
    r"|^\s*(?:published|updated|last updated)\b|click here|follow us on|subscribe to|read more\b"
    r"|all rights reserved|\(?getty images\)?\s*$",
    re.IGNORECASE,
)
# Tiers: the exp of the mix spans about e^7, so these factors rank a fragment below any body sentence
# and a heading, title or page furniture below any fragment, whatever their other scores.
_FRAGMENT, _FRAGMENT_WORDS = 1e-4, 4
_HEADING = 1e-8


@dataclass(frozen=True)
class Profile:
    """The weights of the salience; the defaults were tuned on the benchmark's development split."""

    lead: float = 2.0  # weight of the position prior
    decay: float = 1.5  # position prior 1 / (1 + position) ** decay
    forward: float = 2.0  # similarity to later sentences (PacSum λ2)
    backward: float = -3.0  # similarity to earlier sentences (PacSum λ1: echoing what came before costs)
    short_words: int = 8  # sentences shorter than this lose in proportion
    long_words: int = 45  # sentences longer than this lose in proportion
    window: int = 200  # graph edges reach at most this many sentences away


@dataclass(frozen=True)
class Scored:
    """A sentence's salience, its place in the input and its unit TF-IDF vector."""

    score: float
    position: int
    vector: Vector


def score(sentences: Sequence[Sentence], language: str, profile: Profile = Profile()) -> list[Scored]:
    """Salience of every sentence, in input order."""
    vectors = _vectors(sentences, language)
    forward, backward = _directed_degree(vectors, profile.window)
    top_f, top_b = max(forward, default=0.0) or 1.0, max(backward, default=0.0) or 1.0
    out, place = [], 0  # place: position among sentences that are not headings (a title is no lead)
    for k, (s, vector) in enumerate(zip(sentences, vectors)):
        kind = _kind_factor(s)
        lead = 1.0 / (1.0 + place) ** profile.decay
        place += kind == 1.0
        raw = profile.lead * lead + profile.forward * forward[k] / top_f + profile.backward * backward[k] / top_b
        # exp keeps the order of the mix and makes it positive, so the factors below are penalties
        out.append(Scored(math.exp(raw) * _length_factor(s.text, profile) * kind, k, vector))
    return out


def _vectors(sentences: Sequence[Sentence], language: str) -> list[Vector]:
    """Unit-length log-TF × IDF vectors; terms are interned so a long article holds each string once."""
    stop, vocabulary = stopwords(language), {}
    bags = [Counter(vocabulary.setdefault(t, t) for t in terms(s.text, stop)) for s in sentences]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    total = len(bags)
    idf = {t: math.log((1 + total) / (1 + count)) + 1.0 for t, count in df.items()}
    vectors = []
    for bag in bags:
        weights = {t: (1.0 + math.log(c)) * idf[t] for t, c in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    return vectors


def _directed_degree(vectors: list[Vector], window: int) -> tuple[list[float], list[float]]:
    """Per sentence, summed cosine to the next `window` sentences and to the previous `window`."""
    n = len(vectors)
    forward, backward = [0.0] * n, [0.0] * n
    ahead: Vector = {}
    for k in range(n - 1, -1, -1):
        forward[k] = _dot(vectors[k], ahead)
        _add(ahead, vectors[k], 1.0)
        if k + window < n:
            _add(ahead, vectors[k + window], -1.0)
    behind: Vector = {}
    for k in range(n):
        backward[k] = _dot(vectors[k], behind)
        _add(behind, vectors[k], 1.0)
        if k - window >= 0:
            _add(behind, vectors[k - window], -1.0)
    return forward, backward


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _add(total: Vector, vector: Vector, sign: float) -> None:
    for t, w in vector.items():
        value = total.get(t, 0.0) + sign * w
        if abs(value) < 1e-12:
            total.pop(t, None)  # keeps the sliding sum as small as the window
        else:
            total[t] = value


def _length_factor(text: str, profile: Profile) -> float:
    words = len(text.split())
    if words < _FRAGMENT_WORDS:
        return _FRAGMENT * max(words, 1) / _FRAGMENT_WORDS
    if words < profile.short_words:
        return max(words, 1) / profile.short_words
    if words > profile.long_words:
        return profile.long_words / words
    return 1.0


def is_body(sentence: Sentence) -> bool:
    """Whether a sentence is body text: not a heading, a title or page furniture."""
    return _kind_factor(sentence) == 1.0


def _kind_factor(sentence: Sentence) -> float:
    if sentence.kind == "heading" or looks_like_heading(sentence.text):
        return _HEADING
    if _FURNITURE.search(sentence.text):
        return _HEADING
    return 1.0
