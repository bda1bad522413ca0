"""extractive and key points: behaviour that survived mutation testing (issue 23), each pinned here."""

from summarize.extractive import NEAR_DUPLICATE, key_points_extractive, select
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
