"""verify: behaviour that survived mutation testing (issue 23, benchmarks/mutation_bench.py), each pinned here."""

from datetime import date

from summarize.verify import check, extract_numbers
from summarize.verify.relative import RelativeDate, days

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


def test_last_month_is_the_calendar_month_before_the_articles_across_a_new_year():
    last_month = RelativeDate("month", -1, "last month", 0, 10)
    assert days(last_month, date(2024, 1, 15)) == (date(2023, 12, 1), date(2023, 12, 31))
    assert days(last_month, date(2024, 6, 10)) == (date(2024, 5, 1), date(2024, 5, 31))


def test_a_half_in_words_is_a_measure_a_figure_or_a_period():
    def read(text: str) -> list[tuple]:
        return [(q.value, q.kind, q.unit, q.text) for q in extract_numbers(text)]

    assert read("It lasted half a year.") == [(0.5, "number", "year", "half a year")]
    assert read("They spent half a million dollars.") == [(500000.0, "currency", "dollar", "half a million dollars")]
    assert read("نصف مليار دولار") == [(500000000.0, "currency", "dollar", "نصف مليار دولار")]
    assert read("in the second half of 2024") == [(2024.0, "year", None, "2024")]  # a period, no figure
    assert read("the second round") == [(2, "ordinal", None, "second")]
