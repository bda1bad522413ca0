"""extractive and key points: behaviour that survived mutation testing (issue 23), each pinned here."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.extractive import NEAR_DUPLICATE, key_points_extractive, select
from summarize.extractive.sparse import Rows
from summarize.extractive.terms import stopwords, terms
from summarize.extractive.scoring import vectors
from summarize.extractive.topics import stories
from summarize.keypoints import NEAR_DUPLICATE as POINTS_NEAR, near_duplicate
from summarize.records import Sentence

AT_LIMIT = ("Rockets struck the harbour cranes.", "Rockets struck the harbour warehouses.")  # 3 of 5 terms shared
ABOVE = ("Rockets struck the harbour cranes overnight.", "Rockets struck the harbour warehouses overnight.")  # 4 of 6


def _source(*texts: str) -> list[Sentence]:
    return [Sentence(k, k, text) for k, text in enumerate(texts)]


def test_sentences_sharing_exactly_the_limit_of_their_terms_are_not_near_duplicates():
    assert NEAR_DUPLICATE == 0.6
    for pick in (select, key_points_extractive):
        assert [s.text for s in pick(_source(*AT_LIMIT), "en", 2)] == list(AT_LIMIT)
        assert len(pick(_source(*ABOVE), "en", 2)) == 1


def test_points_sharing_exactly_the_limit_of_their_words_are_not_duplicates():
    assert POINTS_NEAR == 0.6
    assert not near_duplicate("army left northern town", "army left southern town")  # 3 of 5 words: 0.6
    assert near_duplicate("army left northern town", "army left northern town today")  # 4 of 5
    assert near_duplicate("Army LEFT the town", "army left the town")
    assert not near_duplicate("", "army") and near_duplicate("", "")


# The scorer's vectorised products against the plain definitions they compute, on small random articles.

ARTICLES = st.lists(st.lists(st.integers(-1, 6), max_size=8), min_size=1, max_size=9)


def _dense(article: list[list[int]]) -> list[dict[int, float]]:
    """Unit log-TF × IDF rows, IDF = ln((1 + rows) / (1 + rows with the term)) + 1; -1 is a skipped word."""
    counts = [{t: row.count(t) for t in row if t >= 0} for row in article]
    df = {t: sum(t in c for c in counts) for c in counts for t in c}
    rows = []
    for c in counts:
        w = {t: (1 + math.log(k)) * (math.log((1 + len(article)) / (1 + df[t])) + 1) for t, k in c.items()}
        norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
        rows.append({t: v / norm for t, v in w.items()})
    return rows


def _rows(article: list[list[int]]) -> Rows:
    return Rows([t for row in article for t in (*row, -2)], len(article))


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    return sum(v * b.get(t, 0.0) for t, v in a.items())


@settings(max_examples=60, deadline=None)
@given(article=ARTICLES, window=st.integers(1, 3), cut=st.integers(0, 9))
def test_rows_and_their_products_are_the_plain_definitions(article, window, cut):
    rows, dense = _rows(article), _dense(article)
    for k, expected in enumerate(dense):
        got = rows.vector(k)
        assert got.keys() == expected.keys() and all(math.isclose(got[t], v) for t, v in expected.items())
    n, cut = len(article), min(cut, len(article))
    spans = [s for s in ((0, cut), (cut, n)) if s[0] < s[1]]
    forward, backward = rows.directed(window, spans)
    for start, end in spans:
        for k in range(start, end):
            ahead = sum(_dot(dense[k], dense[j]) for j in range(k + 1, min(k + window, end - 1) + 1))
            behind = sum(_dot(dense[k], dense[j]) for j in range(max(k - window, start), k))
            assert math.isclose(forward[k], ahead, abs_tol=1e-9) and math.isclose(backward[k], behind, abs_tol=1e-9)


@settings(max_examples=60, deadline=None)
@given(article=ARTICLES, window=st.integers(1, 3))
def test_a_break_carries_the_share_of_terms_met_on_its_other_side(article, window):
    ahead, behind = _rows(article).carried(window)
    rows = [{t for t in row if t >= 0} for row in article]

    def share(side: list[set[int]], other: list[set[int]]) -> float:
        met = set().union(*other)
        entries = [t for row in side for t in row]
        return sum(t in met for t in entries) / len(entries) if entries else 1.0

    for a in range(len(article) + 1):
        assert math.isclose(ahead[a], share(rows[a:a + window], rows[:a]))
        assert math.isclose(behind[a], share(rows[max(a - window, 0):a], rows[a:]))


def test_beyond_the_mmr_limit_only_exact_repeats_are_skipped():
    texts = [f"Lot number {k} was sold at the auction." for k in range(130)]
    picked = select(_source(*texts, *texts), "en", 250)  # more than MMR_LIMIT: best first, repeats skipped
    assert sorted(s.text for s in picked) == sorted(texts)


def test_five_letter_english_words_lose_their_suffix():
    assert terms("talks bases walked", stopwords("en")) == ["talk", "base", "walk"]


def _stories(*items: tuple[int, str, str]) -> list[tuple[int, int]]:
    sentences = [Sentence(k, paragraph, text, kind) for k, (paragraph, text, kind) in enumerate(items)]
    return stories(sentences, vectors(sentences, "en"))


def test_stories_start_at_headings_and_keep_a_last_story_of_two_sentences():
    assert _stories((0, "Markets", "heading"), (1, "Stocks rose on Monday.", "text"), (1, "Bonds fell.", "text"),
                    (2, "Weather", "heading"), (3, "Rain is due.", "text")) == [(0, 3), (3, 5)]
    # a heading right under a heading opens no story of one line
    assert _stories((0, "Markets", "heading"), (1, "Weather", "heading"), (2, "Rain is due today.", "text"),
                    (2, "Snow follows later.", "text"), (2, "Wind drops.", "text")) == [(0, 2), (2, 5)]
