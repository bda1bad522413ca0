"""Greedy maximal marginal relevance over scored
sentences, with near-duplicates never picked twice."""

from __future__ import annotations

from typing import Sequence

from ..records import Sentence
from .scoring import Scored, _dot
from .terms import fold, stopwords, terms

__all__ = ["mmr"]

# candidates looked at per sentence asked for: MMR never walks a 40,000-sentence article
POOL_PER_PICK = 10
# beyond this many picks, take the best first and skip only exact repeats (stays O(n log n))
MMR_LIMIT = 200

Key = tuple[str, frozenset[str]]


def mmr(
    sentences: Sequence[Sentence], scored: Sequence[Scored], n: int, *, language: str,
    redundancy: float, max_similarity: float, taken: Sequence[int] = (),
    within: tuple[int, int] | None = None,
) -> list[int]:
    """Positions of up to n more sentences in the order picked: salience minus `redundancy` × the
    best salience × the highest cosine to a sentence already taken; a sentence with the same
    matching text as one taken, or whose content-term Jaccard with one exceeds `max_similarity`,
    never enters. `taken` counts as chosen."""
    if n <= 0:
        return []
    candidates = scored if within is None else [s for s in scored
                                                if within[0] <= s.position < within[1]]
    best_first = sorted(candidates, key=lambda s: (-s.score, s.position))
    if n > MMR_LIMIT:
        return _distinct(sentences, best_first, n, taken)
    top = best_first[0].score if best_first and best_first[0].score > 0 else 1.0
    stop = stopwords(language)
    kept = [(scored[p], _key(sentences[p].text, stop)) for p in taken]
    # live candidates: scored, key, closeness to kept
    pool: dict[int, tuple[Scored, Key, float]] = {}
    size, cursor, chosen = max(n * POOL_PER_PICK, 50), 0, []
    while len(chosen) < n:
        for s in best_first[cursor:size]:
            _admit(pool, s, _key(sentences[s.position].text, stop), kept, max_similarity, taken)
        cursor = max(cursor, min(size, len(best_first)))
        if not pool:
            if cursor >= len(best_first):
                break
            size *= 2  # duplicates ate the pool: look further down
            continue
        # a body sentence always beats a fragment or a heading, however
        # redundant; inside a tier the penalty is a share of the best
        # score, so an overlapping runner-up yields to a fresh sentence
        pick, key, _ = max(pool.values(),
                           key=lambda c: (c[0].tier, c[0].score - redundancy * top * c[2],
                                          -c[0].position))
        chosen.append(pick.position)
        kept.append((pick, key))
        _update(pool, pick, key, max_similarity)
    return chosen


def _admit(pool, s: Scored, key: Key, kept, max_similarity: float, taken) -> None:
    if s.position in taken or any(_duplicate(key, other, max_similarity) for _, other in kept):
        return
    pool[s.position] = (s, key, max((_dot(s.vector, k.vector) for k, _ in kept), default=0.0))


def _update(pool, pick: Scored, key: Key, max_similarity: float) -> None:
    """Drop the pick and its duplicates from the pool;
    raise the others' closeness to the kept set."""
    for position, (s, other, close) in list(pool.items()):
        if position == pick.position or _duplicate(other, key, max_similarity):
            del pool[position]
        else:
            pool[position] = (s, other, max(close, _dot(s.vector, pick.vector)))


def _distinct(sentences, best_first: list[Scored], n: int, taken: Sequence[int]) -> list[int]:
    seen = {fold(" ".join(sentences[p].text.split())) for p in taken}
    chosen = []
    for s in best_first:
        text = fold(" ".join(sentences[s.position].text.split()))
        if s.position in taken or text in seen:
            continue
        seen.add(text)
        chosen.append(s.position)
        if len(chosen) == n:
            break
    return chosen


def _key(text: str, stop: frozenset[str]) -> Key:
    """The matching form of the whole text and its set of content terms."""
    return fold(" ".join(text.split())), frozenset(terms(text, stop))


def _duplicate(a: Key, b: Key, limit: float) -> bool:
    if a[0] == b[0]:
        return True
    if not a[1] or not b[1]:
        return False
    return len(a[1] & b[1]) / len(a[1] | b[1]) > limit
