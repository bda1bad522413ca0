"""verify: behaviour that survived mutation testing (issue 23, benchmarks/mutation_bench.py), each pinned here."""

from summarize.verify import check

HOMES = "The fire destroyed 50 homes in the village on Sunday."
WORKERS = "A quarter of the workers joined the strike on Monday."
FOUNDED = "The company was founded last year by three engineers."


def _whys(source: str, claim: str, **kw) -> list[str]:
    return [f.why for f in check(source, claim, **kw)]


def test_more_than_backs_only_a_larger_figure_and_less_than_only_a_smaller_one():
    assert _whys(HOMES, "More than 40 homes were destroyed in the village.") == []
    assert _whys(HOMES, "Fewer than 60 homes were destroyed in the village.") == []
    assert _whys(HOMES, "More than 60 homes were destroyed in the village.") != []
    assert _whys(HOMES, "Fewer than 40 homes were destroyed in the village.") != []
    assert _whys(HOMES, "Less than 40 homes were destroyed in the village.") != []


def test_a_fraction_backs_a_percentage_and_a_percentage_a_fraction():
    assert _whys(WORKERS, "25 percent of the workers joined the strike on Monday.") == []
    assert _whys(WORKERS, "40 percent of the workers joined the strike on Monday.") != []
    percent = "25 percent of the workers joined the strike on Monday."
    assert _whys(percent, "A quarter of the workers joined the strike on Monday.") == []
    assert _whys(percent, "A third of the workers joined the strike on Monday.") != []


def test_last_year_is_the_year_before_the_articles_and_no_other():
    assert _whys(FOUNDED, "The company was founded in 2023 by three engineers.", article_date="2024-03-10") == []
    for year in ("2022", "2024", "2025"):
        claim = f"The company was founded in {year} by three engineers."
        assert _whys(FOUNDED, claim, article_date="2024-03-10") != [], year
    next_year = "The company will open a plant next year, three engineers said."
    assert _whys(next_year, "The company will open a plant in 2025, three engineers said.",
                 article_date="2024-03-10") == []
    assert _whys(next_year, "The company will open a plant in 2024, three engineers said.",
                 article_date="2024-03-10") != []


def test_a_claims_last_year_is_weighed_only_against_sentences_that_name_a_year():
    dated = "2024-03-10"
    claim = "Profits rose sharply last year, the chairman said."
    assert _whys("Profits rose sharply in March 2023, the chairman said.", claim, article_date=dated) == []
    [why] = _whys("Profits rose sharply in 2021, the chairman said.", claim, article_date=dated)
    assert why.startswith("last year is 2023 by the article's date (2024-03-10)") and "2021" in why
    assert _whys("Profits rose sharply in March, the chairman said.", claim, article_date=dated) == []  # no year
    month = "Profits rose sharply last month, the chairman said."
    assert _whys("Profits rose sharply in February, the chairman said.", month, article_date=dated) == []
    assert _whys("Profits rose sharply in February 2023, the chairman said.", month, article_date=dated) != []
