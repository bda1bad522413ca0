"""Sparse unit TF-IDF rows and the few products the scorer needs, vectorised with numpy.

Rows are stored as (row, term, weight) entries, one per distinct term of a row. Products between
rows near each other — each row against the next `window` rows — are computed from the entries
sorted by (term, row): equal terms sit together, so a binary search finds a row's partners and a
cumulative sum adds their weights. Time O(E log E) and memory O(E) for E entries: no row × row
matrix is ever formed, whatever the article's length. The vocabulary carried across a break
between rows (`carried`) is counted the same way, from each term's first and last row.
"""

from __future__ import annotations

from typing import Sequence

__all__ = ["Rows"]


class Rows:
    """Unit-length log-TF × IDF rows over term ids; IDF counts rows (the article's sentences)."""

    def __init__(self, tokens: Sequence[int], count: int) -> None:
        """Rows from term ids in order, -1 for a word
        to skip and -2 closing each of `count` rows."""
        import numpy as np  # lazily: `import summarize` stays light

        ids = np.asarray(tokens, dtype=np.int64)
        owner = np.cumsum(ids == -2) - (ids == -2)  # the row each token belongs to
        keep = ids >= 0
        width = int(ids.max(initial=0)) + 1
        unique, counts = np.unique(owner[keep] * width + ids[keep], return_counts=True)
        self.n, self.row, self.term = count, unique // width, unique % width
        df = np.bincount(self.term, minlength=width)
        idf = np.log((1.0 + count) / (1.0 + df)) + 1.0
        weight = (1.0 + np.log(counts)) * idf[self.term]
        norm = np.sqrt(np.bincount(self.row, weights=weight * weight, minlength=count))
        self.weight = weight / np.where(norm > 0, norm, 1.0)[self.row]
        self.starts = np.searchsorted(self.row, np.arange(count + 1))

    def vector(self, k: int) -> dict[int, float]:
        """Row k as {term id: weight}."""
        a, b = int(self.starts[k]), int(self.starts[k + 1])
        return dict(zip(self.term[a:b].tolist(), self.weight[a:b].tolist()))

    def directed(self, window: int,
                 spans: Sequence[tuple[int, int]]) -> tuple[list[float], list[float]]:
        """Per row: summed dot products with the next `window` rows and
        with the previous `window`, partners taken only inside the
        row's own span ([start, end) spans cover the rows in order)."""
        import numpy as np

        if not len(self.term):
            return [0.0] * self.n, [0.0] * self.n
        first, last = np.zeros(self.n, dtype=np.int64), np.zeros(self.n, dtype=np.int64)
        for start, end in spans:
            first[start:end], last[start:end] = start, end - 1
        order = np.lexsort((self.row, self.term))
        row, weight = self.row[order], self.weight[order]
        base = self.term[order] * (self.n + 1)  # partners of other terms stay out of reach
        total = np.concatenate(([0.0], np.cumsum(weight)))
        at, key = np.arange(len(row)), base + row
        ahead = total[np.searchsorted(key, base + np.minimum(row + window, last[row]),
                                      side="right")] - total[at + 1]
        behind = total[at] - total[np.searchsorted(key, base + np.maximum(row - window, first[row]),
                                                   side="left")]
        forward = np.bincount(row, weights=weight * ahead, minlength=self.n)
        backward = np.bincount(row, weights=weight * behind, minlength=self.n)
        return forward.tolist(), backward.tolist()

    def carried(self, window: int) -> tuple[list[float], list[float]]:
        """Per break a (before row a, 0 to n): the share of the entries of rows [a, a + window)
        whose term is in a row before a, and the share of those of rows [a - window, a) whose term
        is in a row from a on; 1.0 where that side has no entries. Each entry is counted over the
        range of breaks it is carried across, with a cumulative sum: O(E + n)."""
        import numpy as np

        n, row, term = self.n, self.row, self.term
        first = np.full(int(term.max(initial=-1)) + 1, n, dtype=np.int64)
        last = np.full(len(first), -1, dtype=np.int64)
        np.minimum.at(first, term, row)
        np.maximum.at(last, term, row)

        def over(low, high):  # per break a: the entries with low < a <= high
            low, high = np.clip(low, -1, n) + 1, np.clip(high, -1, n) + 1
            keep = low < high
            marks = (np.bincount(low[keep], minlength=n + 2) -
                     np.bincount(high[keep], minlength=n + 2))
            return np.cumsum(marks)[: n + 1]

        # an entry of row r is after the breaks r - window < a <= r, before r < a <= r + window
        after, before = over(row - window, row), over(row, row + window)
        known = over(np.maximum(first[term], row - window), row)
        again = over(row, np.minimum(last[term], row + window))
        ahead = np.where(after > 0, known / np.maximum(after, 1), 1.0)
        behind = np.where(before > 0, again / np.maximum(before, 1), 1.0)
        return ahead.tolist(), behind.tolist()
