"""Relative dates ("last year", "yesterday", العام الماضي، أمس) are checked against the article's date, and only then."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarize.cli import app
from summarize.verify import Finding, check
from summarize.verify.relative import RelativeDate, article_day, days, disagreement, extract_relative

from .conftest import ROOT

runner = CliRunner()
ARTICLES = ROOT / "benchmarks" / "data" / "verify" / "articles"
SOURCE = "The company was founded in 2021 by three engineers. Its profits rose sharply in 2023, the chairman said."
PIECES = st.one_of(
    st.sampled_from(list("ab z ابت ٠١٢ ۴۵ 5.30 ١٫٢٥ 2024-03-10 \"'«»“”„‹›()[]\u200f\u061c\x00.؟!\n")),
    st.sampled_from(["last year", "Next Month", "yesterday", "أمس", "أول من أمس", "العام الماضي", "والشهر المقبل",
                     "هذا الأسبوع", "اليوم الجمعة", "the day after tomorrow", " in 2021", " السبت", " on Friday"]),
    st.characters())
UNICODE = st.lists(PIECES, max_size=40).map("".join)


def read(text: str) -> list[tuple[str, int, str]]:
    return [(r.unit, r.shift, r.text) for r in extract_relative(text)]


def test_relative_dates_are_read_in_english_and_arabic():
    assert read("He left last year; NEXT MONTH, the day before yesterday, today") == [
        ("year", -1, "last year"), ("month", 1, "NEXT MONTH"), ("day", -2, "the day before yesterday"),
        ("day", 0, "today")]
    assert read("قال أمس إن العام الماضي والشهر المقبل وهذا الأسبوع والسنة الماضية") == [
        ("day", -1, "أمس"), ("year", -1, "العام الماضي"), ("month", 1, "الشهر المقبل"), ("week", 0, "هذا الأسبوع"),
        ("year", -1, "السنة الماضية")]
    assert read("أول من أمس وعاد اليوم الجمعة") == [("day", -2, "أول من أمس"), ("day", 0, "اليوم")]


def test_what_only_sounds_relative_is_not_read():
    assert read("over the last year, the next year, yesterday's news-") == [("day", -1, "yesterday")]
    assert read("كيف ستكون الجزائر اليوم") == []  # "nowadays"


def test_last_year_is_checked_against_the_year_the_article_date_makes_it():
    fine = "Its profits rose sharply last year, the chairman said."
    assert check(SOURCE, fine, article_date="2024-03-10") == ()
    wrong = "The company was founded last year by three engineers."
    [finding] = check(SOURCE, wrong, article_date="2024-03-10T08:00:00Z")
    assert finding == Finding("date", "last year", finding.why, "error", wrong, (0,))  # its sentence says another
    assert "last year is 2023 by the article's date (2024-03-10)" in finding.why and "2021" in finding.why


def test_without_a_known_date_nothing_is_guessed():
    wrong = "The company was founded last year by three engineers."
    assert check(SOURCE, wrong) == () and check(SOURCE, wrong, article_date="sometime") == ()


def test_a_relative_date_in_the_source_backs_the_claims_absolute_one():
    source = "The company was founded last year by three engineers."
    claim = "The company was founded in 2023 by three engineers."
    assert check(source, claim, article_date="2024-03-10") == ()
    assert [f.why for f in check(source, claim)] == ["the year 2023 is not in the source"]  # no date: as before


def test_yesterday_in_arabic_against_the_weekday_of_the_source():
    article = (ARTICLES / "ar-cnn-syria-2012.txt").read_text(encoding="utf-8")  # dated Monday 8 October 2012
    said = "أفادت مصادر المعارضة السورية بسقوط 163 قتيلاً على الأقل في مختلف أنحاء سوريا {}."
    [finding] = check(article, said.format("أمس"), article_date="2012-10-08")
    assert finding.text == "أمس" and finding.severity == "error" and "2012-10-07" in finding.why
    assert check(article, said.format("أول أمس"), article_date="2012-10-08") == ()  # Saturday


def test_verify_takes_the_date_the_reader_found_in_the_page(tmp_path):
    page = tmp_path / "story.html"
    body = "".join(f"<p>{s}.</p>" for s in SOURCE.split(". "))
    page.write_text(f'<html><head><title>Profits</title><meta property="article:published_time" '
                    f'content="2024-03-10T08:00:00Z"></head><body><article><h1>Profits</h1>{body * 3}</article>'
                    '</body></html>', encoding="utf-8")
    plain = tmp_path / "story.txt"
    plain.write_text(SOURCE, encoding="utf-8")
    claim = "The company was founded last year by three engineers."
    dated = runner.invoke(app, ["verify", "--source", str(page), "--summary-text", claim, "-f", "json"])
    assert [f["text"] for f in json.loads(dated.stdout)["findings"]] == ["last year"], dated.output
    undated = runner.invoke(app, ["verify", "--source", str(plain), "--summary-text", claim, "-f", "json"])
    assert json.loads(undated.stdout)["findings"] == []


@settings(max_examples=150, deadline=None)
@given(text=UNICODE)
def test_any_text_gives_relative_dates_that_are_its_own_spans(text):
    for r in extract_relative(text):
        assert text[r.start:r.end] == r.text and r.unit in ("day", "week", "month", "year") and -2 <= r.shift <= 2


@settings(max_examples=150, deadline=None)
@given(anchor=st.dates(date(1901, 1, 1), date(2099, 12, 31)), unit=st.sampled_from(["day", "week", "month", "year"]),
       shift=st.integers(-2, 2))
def test_a_relative_date_names_days_around_the_anchor(anchor, unit, shift):
    first, last = days(RelativeDate(unit, shift, "x", 0, 1), anchor)
    assert first <= last and (shift != 0 or first <= anchor <= last)
    assert (last - first).days == {"day": 0, "week": 6}.get(unit, (last - first).days)
    assert disagreement(RelativeDate(unit, shift, "x", 0, 1), anchor, ()) is None  # nothing to compare: no finding


@settings(max_examples=100, deadline=None)
@given(value=st.one_of(st.text(max_size=30), st.dates().map(str), st.none()))
def test_any_date_value_is_a_date_or_none(value):
    found = article_day(value)
    assert found is None or isinstance(found, date)


@settings(max_examples=60, deadline=None)
@given(source=UNICODE, output=UNICODE, anchor=st.one_of(st.none(), st.dates(date(1901, 1, 1), date(2099, 12, 31))))
def test_any_text_with_any_date_gives_findings_never_another_exception(source, output, anchor):
    found = check(source, output, article_date=anchor.isoformat() if anchor else None)
    assert all(isinstance(f, Finding) for f in found)


def test_when_it_was_said_is_not_who_said_it():
    from summarize.verify.meaning import speakers

    assert speakers("وأعلن امس عن وفاة اللواء محمد ناصيف خيربيك") == ()  # "announced yesterday the death of"
    assert speakers("قال أمس محمد حسن إن المستشفيات ممتلئة") == ("محمد",)
    article = (ARTICLES / "ar-damascus-shells.txt").read_text(encoding="utf-8")  # dated Tuesday 30 June 2015
    assert check(article, "أُعلن يوم الاثنين عن وفاة اللواء محمد ناصيف خيربيك.", article_date="2015-06-30") == ()


@settings(max_examples=100, deadline=None)
@given(text=UNICODE)
def test_any_text_names_speakers_as_folded_words(text):
    from summarize.verify.meaning import speakers

    assert all(isinstance(name, str) and name for name in speakers(text))
