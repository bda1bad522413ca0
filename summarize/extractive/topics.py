"""Key points that cover the article: the first from the lead, the others spread over its stories.

An article holds a second story only where its vocabulary turns over: at a paragraph break where
the next sentences share few of their content terms with everything before the break, and the
sentences before it share few with everything after. A heading alone opens no story (captions
and subheads sit inside one story); a news-in-brief page turns over at every item. Each story is
scored on its own, so its own lead and centre win inside it. The first point is the best
sentence of the article's lead. Then every story at least a third the size of the lead's story
gets a point of its own (a brief's items), and the rest are shared out by D'Hondt quotas on story
size, the lead's story weighted by MAIN: a side item at the end of an agency story waits until
the main event has had its share. MMR keeps points distinct.
"""

from __future__ import annotations

from typing import Sequence

from ..records import Sentence
from .choose import mmr
from .scoring import is_body, score, vectors
from .sparse import Rows

__all__ = ["key_points", "stories"]

LEAD = 3  # the lead: the first sentences of the article that are not headings
# A new story starts at a paragraph break where under this share of the term occurrences of the
# WINDOW sentences after it appear before it, and under this share of those of the WINDOW before
# it appear after it. On the benchmark's dev articles (one way, 3 sentences): where two articles
# are joined 3 % at the median, 9-12 % at the 90th percentile (common words); at the paragraph
# breaks inside one article 37 % (English) and 27 % (Arabic) at the median.
TURNOVER = 0.12
WINDOW = 3
MIN_STORY = 2  # sentences: a smaller piece joins its neighbour
OWN = 3  # a story at least 1/OWN the size of the lead's story gets a point before any gets two
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
    ahead, behind = rows.carried(WINDOW)
    cuts = [0]
    for a, _ in _paragraph_spans(sentences)[1:]:
        if ahead[a] >= TURNOVER or behind[a] >= TURNOVER:
            continue
        if a - cuts[-1] >= MIN_STORY or sentences[cuts[-1]].kind == "heading" and a > cuts[-1] + 1:
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


def _story_of(position: int, pieces: list[tuple[int, int]]) -> int:
    return next(i for i, (a, b) in enumerate(pieces) if a <= position < b)


def _next_stories(pieces: list[tuple[int, int]], counts: list[int], main: int) -> list[int]:
    """Stories in the order they should get the next point: first those without one that are at
    least 1/OWN the size of the main story (the lead's), then D'Hondt on size (size / (points + 1)),
    the main story's size weighted by MAIN; ties to the earlier story."""
    size = [b - a for a, b in pieces]
    weight = [s * (MAIN if i == main else 1.0) for i, s in enumerate(size)]
    return sorted(range(len(pieces)),
                  key=lambda i: (counts[i] > 0 or size[i] * OWN < size[main],
                                 -weight[i] / (counts[i] + 1), i))
