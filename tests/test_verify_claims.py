"""verify, claim by claim: evidence ids, severity, numbers in words, weekdays, quotes, units, speakers, names and
polarity."""

import dataclasses
import json

import jsonschema
import pytest
from typer.testing import CliRunner

from summarize.cli import app, has_errors
from summarize.verify import Finding, check, extract_dates, extract_numbers, extract_quotes

from .conftest import ROOT

# Real text: benchmarks/data/verify/articles (SOURCES.md there).
ARTICLES = ROOT / "benchmarks" / "data" / "verify" / "articles"
SAGO = (ARTICLES / "en-sago-miners.txt").read_text(encoding="utf-8")
QATAR = (ARTICLES / "en-qatar-finance-minister.txt").read_text(encoding="utf-8")
WORDS_AR = (ARTICLES / "ar-number-words-covid.txt").read_text(encoding="utf-8")
OUYAHIA = (ARTICLES / "ar-ouyahia.txt").read_text(encoding="utf-8")


def kinds(found):
    return [(f.kind, f.severity) for f in found]


def test_a_finding_is_frozen_and_names_its_claim_and_evidence():
    (f,) = check(SAGO, "Thirteen miners were found alive more than 41 hours after the blast.")
    assert (f.kind, f.text, f.severity) == ("number", "Thirteen", "error")
    assert f.claim == "Thirteen miners were found alive more than 41 hours after the blast." and f.evidence
    assert all(isinstance(i, int) and i >= 0 for i in f.evidence)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.severity = "warning"


def test_a_right_figure_for_the_wrong_fact_is_an_error_naming_the_value_its_sentence_gives():
    # $40 billion is in the article, but the sentence about the revenues of the four years says $171 billion
    iraq = (ARTICLES / "en-iraq-oil-minister.txt").read_text(encoding="utf-8")
    (f,) = check(iraq, "Ali Baban said the oil revenues registered $40 billion for the four years.")
    assert (f.kind, f.severity) == ("number", "error")
    assert f.why == f"claim: $40 billion; sentence {f.evidence[0]}: $171 billion (the same thing, another value)"


def test_a_figure_computed_from_its_sentences_is_a_warning_naming_its_parts():
    source = "Egypt exported goods worth $50 billion in 2020, the ministry said. Imports of goods reached $30 billion."
    (f,) = check(source, "Egypt exported goods worth $20 billion more than it imported in 2020.")
    assert (f.kind, f.severity) == ("number", "warning")
    assert f.why == "$20 billion is not in the article: computed from $50 billion - $30 billion? Check it"
    (f,) = check(source, "Egypt exported goods worth $25 billion more than it imported in 2020.")
    assert (f.kind, f.severity) == ("number", "error")


@pytest.mark.parametrize("text,value", [
    ("twenty-one", 21), ("one hundred and twenty-five thousand", 125_000), ("a dozen", 12), ("Seventy years", 70),
    ("مليون ونصف", 1_500_000), ("خمسة وعشرون ألفا", 25_000), ("ثلاثة آلاف", 3000), ("امرأتان", 2), ("شهرين", 2),
    ("تسعةِ آلافٍ وسبعِ مئةٍ وخمسةٍ وخمسينَ", 9755), ("مئةٌ وتسعةَ عشرَ", 119), ("ثلاث نساء", 3), ("half", 0.5),
    ("two thirds", 2 / 3),
])
def test_numbers_in_words(text, value):
    (q,) = extract_numbers(text)
    assert q.value == pytest.approx(value)


def test_vague_counts_are_ranges_and_hedges_give_tolerance():
    (q,) = extract_numbers("tens of thousands")
    assert (q.value, q.high) == (20_000, 99_000)
    assert check("It cost $168,000.", "It cost about $170,000.") == ()
    assert check("Nearly 190 died.", "About 200 died.") == ()  # a hedge lets the claim round the figure
    assert check("About 200 died.", "Nearly 200 died.") == ()
    # but not give another figure as precise as the source's: "around 12 million" never backs "some 11.5 million"
    assert kinds(check("Nearly 200 died.", "About 190 died.")) == [("number", "error")]
    assert kinds(check("Around 12 million tourists came.", "Some 11.5 million tourists came.")) == [("number", "error")]
    assert kinds(check("It cost $168,000.", "It cost $150,000.")) == [("number", "error")]
    assert check("Hundreds were hurt: 340 in all.", "Hundreds were hurt.") == ()


def test_numbers_in_words_match_digits_both_ways_and_in_both_languages():
    assert check(WORDS_AR, "بلغ عدد الوفيات 79 حالة، ويخضع 119 شخصا للتنفس الاصطناعي.") == ()
    assert kinds(check(WORDS_AR, "بلغ عدد الوفيات تسعا وستين حالة.")) == [("number", "error")]
    assert check("Seventy years ago the war ended.", "70 years ago the war ended.") == ()
    assert kinds(check("Six men have been trapped.", "Five men have been trapped.")) == [("number", "error")]
    assert kinds(check("ومن بين القتلى امرأتان.", "ومن بين القتلى ثلاث نساء.")) == [("number", "error")]


@pytest.mark.parametrize("text,expected", [
    ("SNOW TO STEP DOWN OCTOBER 14", [(None, 10, 14, None)]),
    ("a federal official said Sunday", [(None, None, None, 6)]),
    ("أعلنت الوزارة يوم الأحد", [(None, None, None, 6)]),
    ("في أفريل وجويلية وأوت", [(None, 4, None, None), (None, 7, None, None), (None, 8, None, None)]),
    ("Sat. and SUN", [(None, None, None, 5), (None, None, None, 6)]),
    ("the sun sat on wed", []),
])
def test_weekdays_and_months_in_any_case_and_naming(text, expected):
    assert [(d.year, d.month, d.day, d.weekday) for d in extract_dates(text)] == expected


def test_a_wrong_weekday_and_a_capitalised_month_are_flagged():
    assert kinds(check(SAGO, "The explosion happened early Sunday.")) == [("date", "error")]
    assert kinds(check("Snow will step down in September.", "SNOW TO STEP DOWN IN OCTOBER")) == [("date", "error")]
    assert check("وصل الوفد في جويلية 2011", "The delegation arrived in July 2011.") == ()


def test_single_quotes_and_every_mark_style_are_quotes():
    assert extract_quotes("Stickler: 'We will keep drilling' and ‹oui› and ‘yes’; it's Syria's") == (
        "We will keep drilling", "oui", "yes")
    assert kinds(check(SAGO, "Relatives yelled 'They're all safe!'")) == [("quote", "error")]


def test_a_quoted_name_is_a_name_not_a_quotation():
    assert check("قالت هيئة الاستثمار إن المشروع بدأ", "قالت «هيئة الاستثمار» إن المشروع بدأ") == ()
    assert kinds(check("قالت هيئة الاستثمار إن المشروع بدأ", "قالت «هيئة الموانئ» إن المشروع بدأ")) == [
        ("name", "error")]
    assert check("He praised the Facts and Secrets program.", 'He praised the "Facts and Secrets" program.') == ()


def test_a_cut_that_drops_a_negation_is_reported():
    (f,) = check(OUYAHIA, "قال أويحيى إن “هذه الوعود ... حملة إنتخابية”.")
    assert (f.kind, f.severity) == ("quote", "error") and "ليست" in f.why
    assert check(OUYAHIA, "قال أويحيى إن “هذه الوعود ليست حملة إنتخابية”.") == ()


def test_units_must_match():
    assert kinds(check(SAGO, "The miners had been trapped 78 feet below the surface.")) == [("number", "error")]
    assert check(SAGO, "The miners had been trapped 260 feet below the surface.") == ()


def test_a_quote_given_to_another_speaker_is_an_error():
    (f,) = check(SAGO, 'Helen Winans said: "Miracles happen in West Virginia and today we got one."')
    assert (f.kind, f.severity) == ("speaker", "error") and "Weaver" in f.why
    assert check(SAGO, 'Charlotte Weaver said: "Miracles happen in West Virginia and today we got one."') == ()


def test_names_and_places_not_in_the_source():
    assert kinds(check(SAGO, "The church is 161km northeast of Morgantown.")) == [("name", "error")]
    assert kinds(check(OUYAHIA, "قال أويحيى إن البلدان الشقيقة أنفقت 130 مليار دولار لتدمير العراق.")) == [
        ("name", "error")]
    assert check(SAGO, "The Sago Baptist Church is 161km northeast of Charleston.") == ()


def test_polarity_is_a_warning_to_check_the_meaning():
    (f,) = check(SAGO, "The company and the governor's office immediately confirmed that the men were alive.")
    assert (f.kind, f.severity) == ("meaning", "warning") and f.why.startswith("check the meaning")
    (g,) = check(QATAR, "The minister said shipments of Qatari gas have been affected since the start of the siege.")
    assert g.kind == "meaning"
    assert check(QATAR, "The minister said shipments of Qatari gas have not been affected since the siege began.") == ()


def test_key_point_evidence_given_is_kept():
    (f,) = check(SAGO, "Thirteen miners were found alive.", evidence=[2])
    assert 2 in f.evidence


def test_strict_counts_errors_only(tmp_path):
    assert not has_errors([Finding("number", "56", "elsewhere", "warning")])
    assert has_errors([Finding("number", "56", "not in the source")])
    source = tmp_path / "a.txt"
    source.write_text((ARTICLES / "en-iraq-oil-minister.txt").read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    # a figure put with another thing than its sentence puts it with: a warning
    summary = "The oil revenues registered $38 billion for these four years, Baban said."
    warning = runner.invoke(app, ["verify", "--source", str(source), "--summary-text", summary, "--strict",
                                  "-f", "json"])
    assert warning.exit_code == 0, warning.output
    assert json.loads(warning.stdout)["findings"][0]["severity"] == "warning"
    error = runner.invoke(app, ["verify", "--source", str(source), "--summary-text",
                                "Ali Baban said the oil revenues registered $90 billion.", "--strict", "-f", "json"])
    assert error.exit_code == 8


def test_findings_validate_against_the_run_schema():
    schema = json.loads((ROOT / "summarize" / "schema" / "run.schema.json").read_text(encoding="utf-8"))
    items = schema["properties"]["findings"]["items"]
    for f in check(SAGO, "Eleven miners were found 48 hours later, on Sunday, 78 feet down in Morgantown."):
        jsonschema.validate(json.loads(json.dumps(dataclasses.asdict(f))), items)
