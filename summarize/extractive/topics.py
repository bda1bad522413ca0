"""Key points that cover the article: the first from the lead, the others spread over its stories.

An article is cut into stories at headings and where the vocabulary of consecutive paragraphs stops
overlapping (TextTiling's idea, on the unit TF-IDF vectors of scoring.py). Each story is scored on
its own, so its own lead and centre win inside it. The first point is the best sentence of the
article's lead; the next are shared out by D'Hondt quotas on story size, the lead's story weighted
by MAIN: a side item at the end of an agency story waits until the main event has had its share,
while a brief of stories of like size gets one point per story. MMR keeps points distinct.
"""

from __future__ import annotations

from typing import Sequence

from ..records import Sentence
from .choose import mmr
from .scoring import is_body, score, vectors
from .sparse import Rows

__all__ = ["key_points", "stories"]

LEAD = 3  # the lead: the first sentences of the article that are not headings
BREAK = 0.08  # cosine between neighbouring paragraph blocks under which a new story starts
MIN_STORY = 2  # sentences: a smaller piece joins its neighbour
MAIN = 1.5  # the lead's story counts this much more than its size when points are shared out


def key_points(sentences: Sequence[Sentence], language: str, n: int, *, redundancy: float,
               max_similarity: float) -> tuple[Sentence, ...]:
    """Up to n distinct sentences in article order: one from the lead, the rest over the stories."""
    if n <= 0 or not sentences:
        return ()
    rows = vectors(sentences, language)
    pieces = stories(sentences, rows)
    # each story's own lead and centre
    local = score(sentences, language, rows=rows, stories=pieces)
    lead = [k for k, s in enumerate(sentences) if is_body(s)][:LEAD] or [0]
    first = mmr(sentences, [local[k] for k in lead], 1, language=language, redundancy=0.0,
                max_similarity=max_similarity)
    chosen = [first[0] if first else lead[0]]
    counts = [0] * len(pieces)
    main = _story_of(chosen[0], pieces)
    counts[main] += 1
    while len(chosen) < n:
        order = _next_stories(pieces, counts, main)
        for story in order:
            start, end = pieces[story]
            picked = mmr(sentences, local, 1, language=language, redundancy=redundancy,
                         max_similarity=max_similarity, taken=chosen, within=(start, end))
            if picked:
                chosen.append(picked[0])
                counts[story] += 1
                break
        else:
            break  # no story has a distinct sentence left
    return tuple(sentences[k] for k in sorted(chosen))


def stories(sentences: Sequence[Sentence], rows: Rows) -> list[tuple[int, int]]:
    """[start, end) positions of the article's stories, in order."""
    spans = _paragraph_spans(sentences)
    gaps = _gaps(rows.grouped([p for p, (a, b) in enumerate(spans) for _ in range(a, b)]))
    cuts = [0]
    for g in range(1, len(spans)):
        a = spans[g][0]
        if sentences[a].kind == "heading" or gaps[g] < BREAK:
            if (a - cuts[-1] >= MIN_STORY or
                    sentences[cuts[-1]].kind == "heading" and a > cuts[-1] + 1):
                cuts.append(a)
    if len(cuts) > 1 and len(sentences) - cuts[-1] < MIN_STORY:
        cuts.pop()
    return [(c, cuts[i + 1] if i + 1 < len(cuts) else len(sentences)) for i, c in enumerate(cuts)]


def _paragraph_spans(sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for k in range(1, len(sentences) + 1):
        if k == len(sentences) or sentences[k].paragraph != sentences[k - 1].paragraph:
            spans.append((start, k))
            start = k
    return spans


def _gaps(paragraphs: Rows) -> list[float]:
    """Per gap g (before paragraph g): cosine between the two paragraphs before it and the two
    after, from the paragraphs' dot products with themselves and with the next three."""
    n = paragraphs.n
    dots = paragraphs.shifted(range(4))

    def at(d: int, p: int) -> float:
        return dots[d][p] if 0 <= p < n and p + d < n else 0.0

    out = [1.0] * (n + 1)
    for g in range(1, n):
        cross = at(1, g - 1) + at(2, g - 1) + at(2, g - 2) + at(3, g - 2)
        left = at(0, g - 2) + at(0, g - 1) + 2 * at(1, g - 2)
        right = at(0, g) + at(0, g + 1) + 2 * at(1, g)
        out[g] = cross / (left * right) ** 0.5 if left > 0 and right > 0 else 0.0
    return out


def _story_of(position: int, pieces: list[tuple[int, int]]) -> int:
    return next(i for i, (a, b) in enumerate(pieces) if a <= position < b)


def _next_stories(pieces: list[tuple[int, int]], counts: list[int], main: int) -> list[int]:
    """Stories in the order they should get the next point: D'Hondt on size (size / (points + 1)),
    the main story's size (that of the lead) weighted by MAIN; ties to the earlier story."""
    size = [(b - a) * (MAIN if i == main else 1.0) for i, (a, b) in enumerate(pieces)]
    return sorted(range(len(pieces)), key=lambda i: (-size[i] / (counts[i] + 1), i))
