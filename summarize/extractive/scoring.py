"""Sentence salience for news, in time and memory near-linear in the article's length.

Each sentence becomes a unit-length TF-IDF vector over its content terms (IDF over the article's
sentences). Centrality is PacSum's directed degree (Zheng & Lapata, 2019): a sentence that later
sentences echo states what the article is about; one that only echoes earlier sentences adds little.
Edges are cosine similarities to the sentences at most `window` places away, summed from the sorted
term entries (sparse.py), so the cost is O(tokens log tokens) and no n×n graph is ever built — a
5 MB article scores in seconds. The salience is exp(lead + forward − backward) (weights tuned on the
benchmark's development split), scaled by length (fragments and very long sentences lose) and kind:
headings, titles and page furniture come last whatever their other scores.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Sequence

from ..records import Sentence
from ..segment import looks_like_heading
from .sparse import Rows
from .terms import Vocabulary

__all__ = ["Profile", "Scored", "is_body", "score"]

Vector = dict[int, float]

# Page furniture that news pages leave in an article's text: never the point of a story. Matched on
# the casefolded first 160 characters only, which keeps the search cheap on a huge article.
_FURNITURE = re.compile(
    r"media playback is (?:not |un)supported|scroll down for|share this with|"
    r"image (?:copyright|caption)|^\s*(?:published|updated|last updated)\b|click here|follow us on|"
    r"subscribe to|read more\b|all rights reserved"
)
_FURNITURE_SPAN = 160
_FURNITURE_WORDS = ("media", "scroll", "share", "image", "published", "updated", "click", "follow",
                    "subscribe", "read more", "rights")  # cheap substring checks before the regex


# Tiers: the exp of the mix spans about e^7, so these factors rank a fragment below any body
# sentence and a heading, title or page furniture below any fragment, whatever their other scores.
_FRAGMENT, _FRAGMENT_WORDS = 1e-4, 4
_HEADING = 1e-8


@dataclass(frozen=True)
class Profile:
    """The weights of the salience; the defaults were tuned on the benchmark's development split."""

    lead: float = 2.0  # weight of the position prior
    decay: float = 1.5  # position prior 1 / (1 + position) ** decay
    forward: float = 2.0  # similarity to later sentences (PacSum λ2)
    # similarity to earlier sentences (PacSum λ1: echoing what came before costs)
    backward: float = -3.0
    short_words: int = 8  # sentences shorter than this lose in proportion
    long_words: int = 45  # sentences longer than this lose in proportion
    window: int = 200  # graph edges reach at most this many sentences away


@dataclass(frozen=True)
class Scored:
    """A sentence's salience and its place in the input; `vector` is its unit TF-IDF row."""

    score: float
    position: int
    rows: Rows = field(compare=False, repr=False)
    tier: int = 2  # 2 body text, 1 a fragment, 0 a heading, title or page furniture

    @cached_property
    def vector(self) -> Vector:
        return self.rows.vector(self.position)


def vectors(sentences: Sequence[Sentence], language: str) -> Rows:
    """The unit TF-IDF rows of the sentences (IDF over these sentences)."""
    return _vectors(tuple(sentences), language)


@lru_cache(maxsize=1)  # a run asks for the summary and the key points of the same article
def _vectors(sentences: tuple[Sentence, ...], language: str) -> Rows:
    return Rows(Vocabulary(language).of(s.text for s in sentences), len(sentences))


def score(sentences: Sequence[Sentence], language: str, profile: Profile = Profile(), *,
          rows: Rows | None = None,
          stories: Sequence[tuple[int, int]] | None = None) -> list[Scored]:
    """Salience of every sentence, in input order. With `stories` ([start, end) spans covering the
    input in order), each story is scored on its own: its own lead, graph and scale."""
    rows = vectors(sentences, language) if rows is None else rows
    stories = [(0, len(sentences))] if stories is None else stories
    forward, backward = rows.directed(profile.window, stories)
    out: list[Scored] = []
    for start, end in stories:
        top_f = max(forward[start:end], default=0.0) or 1.0
        top_b = max(backward[start:end], default=0.0) or 1.0
        place = 0  # position among sentences that are not headings: a title is no lead
        for k in range(start, end):
            kind = _kind_factor(sentences[k])
            lead = 1.0 / (1.0 + place) ** profile.decay
            place += kind == 1.0
            raw = (profile.lead * lead + profile.forward * forward[k] / top_f +
                   profile.backward * backward[k] / top_b)
            # exp keeps the order of the mix and makes it
            # positive, so the factors below are penalties
            length = _length_factor(sentences[k].text, profile)
            tier = 0 if kind < 1.0 else 1 if length <= _FRAGMENT else 2
            out.append(Scored(math.exp(raw) * length * kind, k, rows, tier))
    return out


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


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
    head = sentence.text[:_FURNITURE_SPAN].casefold()
    if any(word in head for word in _FURNITURE_WORDS) and _FURNITURE.search(head):
        return _HEADING
    return 1.0
