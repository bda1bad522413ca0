"""Model-free extractive summaries and key points for news: lead, directed centrality, length, MMR.

For air-gapped laptops: no model, no network, deterministic. Every result is a source `Sentence`,
verbatim, so the caller can quote it exactly; folding (terms.py) is for matching only. Scoring
(scoring.py) is linear in the article's length; selection (choose.py) is greedy MMR; key points
(topics.py) take the first from the lead and spread the rest over the article's stories.
"""

from __future__ import annotations

from typing import Sequence

from ..errors import UsageError
from ..records import Sentence
from .choose import mmr
from .scoring import Profile, score
from .topics import key_points

__all__ = [
    "LENGTHS", "Profile", "key_points_extractive", "nearest_preset", "rank", "select",
    "sentence_count", "summarize_extractive",
]

LENGTHS = {"short": 2, "medium": 4, "long": 7}
REDUNDANCY = 0.1  # MMR: salience lost, as a share of the best score, per unit of cosine to a pick
NEAR_DUPLICATE = 0.6  # content-term Jaccard above which two sentences say the same thing


def sentence_count(length: object) -> int:
    """Sentences for a length: short, medium, long, or
    a positive whole number (int or its digits)."""
    key = getattr(length, "value", length)  # a str Enum member hashes by its name, not its value
    if isinstance(key, str) and key.strip().isdecimal():  # ٣ and ۳ count as 3
        key = int(key.strip())
    if isinstance(key, int) and not isinstance(key, bool) and key > 0:
        return key
    if isinstance(key, str) and key in LENGTHS:
        return LENGTHS[key]
    raise UsageError(f"length must be {', '.join(LENGTHS)} or a positive number of "
                     f"sentences, not {length!r}")


def nearest_preset(length: object) -> str:
    """The preset a model-written summary uses for a
    length: the named one, or the nearest to a count."""
    count = sentence_count(length)
    return min(LENGTHS, key=lambda name: (abs(LENGTHS[name] - count), -LENGTHS[name]))


def rank(sentences: Sequence[Sentence], language: str) -> tuple[tuple[int, float], ...]:
    """(sentence id, score) for every sentence, best first; ties go to the earlier sentence."""
    scored = sorted(score(sentences, language), key=lambda s: (-s.score, s.position))
    return tuple((sentences[s.position].id, s.score) for s in scored)


def select(
    sentences: Sequence[Sentence], language: str, n: int, *, max_similarity: float = NEAR_DUPLICATE,
    redundancy: float = REDUNDANCY, profile: Profile = Profile(),
) -> tuple[Sentence, ...]:
    """The n best sentences by MMR, never two near-duplicates, in article order."""
    if n <= 0 or not sentences:
        return ()
    scored = score(sentences, language, profile)
    picked = mmr(sentences, scored, n, language=language, redundancy=redundancy,
                 max_similarity=max_similarity)
    return tuple(sentences[p] for p in sorted(picked))


def summarize_extractive(sentences: Sequence[Sentence], language: str,
                         length: object) -> tuple[Sentence, ...]:
    """An extractive summary: 2, 4 or 7 source sentences
    (short, medium, long) or the count given."""
    return select(sentences, language, min(sentence_count(length), len(sentences)))


def key_points_extractive(sentences: Sequence[Sentence],
                          language: str, n: int) -> tuple[Sentence, ...]:
    """n key points, each a distinct source sentence: the first from the lead, the rest over the
    article's stories, in article order."""
    return key_points(sentences, language, n, redundancy=REDUNDANCY, max_similarity=NEAR_DUPLICATE)
