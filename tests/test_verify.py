"""verify: numbers, dates and quotes of an output must be backed by the source, across Arabic and English."""

import re
import subprocess
import sys

import pytest

from summarize.verify import check, extract_dates, extract_numbers, extract_quotes

from .conftest import EN_SAMPLE

# A mini-article with harakat, tatweel, Arabic-Indic digits and separators, a Levantine month and «» quotes.
AR_SOURCE = (
    "دمشق - أقرَّ مجلس الشيوخ الأمريكي في تموز ٢٠٢٥ قانون تفويض الدفاع الوطني للسنة المالية ٢٠٢٦، "
    "ويتضمن تخصيص ١٣٠ مليون دولار لتمويل «قوات سوريا الديمقراطية» و«الجيش السوري الحر». "
    "وقال لافروف في ١٥ أيلول إن «الجـانب السوري مهتمٌّ بالحفاظ على قواعدِنا العسكرية هناك». "
    "وارتفع التضخم إلى ٣٫٥ بالمئة، فيما بلغت قيمة العقود ٢٬٤٠٠ مليون يورو."
)
AR_FAITHFUL = (
    "أقر مجلس الشيوخ في يوليو 2025 قانون السنة المالية 2026 الذي يخصص 130 مليون دولار، "
    "وقال لافروف في 15 سبتمبر إن «الجانب السوري مهتم بالحفاظ على قواعدنا العسكرية هناك»، "
    "فيما بلغ التضخم ٣٫٥٪."
)
EN_OF_AR = (
    "In July 2025 the US Senate passed the defence bill for fiscal year 2026, which allocates $130 million "
    "to the Syrian Democratic Forces. On 15 September Lavrov said inflation rose to 3.5 percent; "
    "contracts are worth €2.4 billion."
)
EN_TRANSLATION = "Lavrov said: The Syrian side is interested in maintaining our military bases there."
EN_SOURCE = (
    "The ministry said on Tuesday that exports rose 12% in 2024 to $4.25 billion, while 1,200 workers "
    "were hired in March. \"We expect a better year,\" the minister said on 3 June 2025."
)
ARTICLE = EN_SAMPLE.read_text(encoding="utf-8")


def kinds(findings):
    return [f.kind for f in findings]


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


# Faithful outputs: no finding.


@pytest.mark.parametrize(
    "source,output",
    [
        (EN_SOURCE, EN_SOURCE),
        (AR_SOURCE, AR_SOURCE),
        (ARTICLE, ARTICLE),
        (EN_SOURCE, 'Exports rose 12 per cent in 2024 to $4.25bn; the minister said "we expect a better year".'),
        (AR_SOURCE, AR_FAITHFUL),
        (AR_SOURCE, EN_OF_AR),
        (ARTICLE, "Arab Summit: the Senate allotted 130 مليون دولار to the SDF for fiscal year ٢٠٢٦."),
        (ARTICLE, 'In February Putin called Al-Shar\'; in July Al-Sheibani visited Moscow to "turn a new page".'),
        (ARTICLE, 'Russia calls ties "solid" and "long-term"; Lavrov says "these bases can play a different role".'),
    ],
)
def test_faithful_output_raises_nothing(source, output):
    assert check(source, output) == ()


def test_the_sample_article_backs_each_of_its_sentences():
    parts = sentences(ARTICLE)
    assert len(parts) > 20
    assert [(s, check(ARTICLE, s)) for s in parts if check(ARTICLE, s)] == []


def test_arabic_indic_digits_and_separators_match_western():
    assert check("تأسست عام ١٩٥٥ وبلغت النسبة ٣٫٥ بالمئة من ١٬٢٠٠ موظف", "Founded in 1955; 3.5% of 1,200 staff.") == ()
    assert check("Founded in 1955 with 3.5% of 130 staff", "تأسست عام ١٩٥٥ بنسبة ٣٫٥٪ من ۱۳۰ موظفا") == ()


def test_rounding_to_the_digits_shown_is_allowed_but_one_digit_must_be_exact():
    source = "Revenue was 129.7 million and debt 1.5 billion."
    assert check(source, "Revenue was about 130 million.") == ()
    assert [(f.kind, f.text, f.why) for f in check(source, "Debt was 2 billion.")] == [("number", "2 billion", "2 billion is not in the source")]
    assert kinds(check("Revenue was 130 million.", "Revenue was 129.7 million.")) == ["number"]


# Planted errors: each flagged with the right kind.


@pytest.mark.parametrize(
    "output,kind,span",
    [
        ("Exports rose 12% in 2024 to $4.5 billion.", "number", "$4.5 billion"),
        ("Exports rose 12% in 2023 to $4.25 billion.", "date", "2023"),
        ("Exports rose 15% in 2024.", "number", "15%"),
        ("The company hired 1,300 workers.", "number", "1,300"),
        ("It hired 7 workers.", "number", "7"),
        ("Exports reached €4.25 billion.", "number", "€4.25 billion"),
        ("Workers were hired in April.", "date", "April"),
        ("The minister spoke on 4 June 2025.", "date", "4 June 2025"),
        ('The minister said "we expect a record year".', "quote", '"we expect a record year"'),
        ('Officials called it "historic".', "quote", '"historic"'),
        ("Exports rose 1,200%.", "number", "1,200%"),
    ],
)
def test_planted_english_errors_are_flagged(output, kind, span):
    findings = check(EN_SOURCE, output)
    assert [(f.kind, f.text) for f in findings] == [(kind, span)]
    assert findings[0].why


def test_planted_arabic_errors_are_flagged():
    output = (
        "وقال لافروف إن «الجانب الروسي مهتم بالحفاظ على قواعدنا» في حزيران ٢٠٢٥، "
        "وخصص ١٥٠ مليونَ دولارٍ للسنة المالية ٢٠٢٧، وارتفع التضخم إلى ٤٫٥ بالمئة."
    )
    findings = check(AR_SOURCE, output)
    assert [(f.kind, f.text) for f in findings] == [
        ("quote", "«الجانب الروسي مهتم بالحفاظ على قواعدنا»"),
        ("date", "حزيران ٢٠٢٥"),
        ("number", "١٥٠ مليونَ دولارٍ"),  # reported as written, harakat kept
        ("date", "٢٠٢٧"),
        ("number", "٤٫٥ بالمئة"),
    ]


def test_planted_cross_language_errors_are_flagged():
    bad = (EN_OF_AR.replace("$130", "$150").replace("July", "June").replace("2026", "2027")
           .replace("€2.4", "$2.4").replace("3.5 percent", "4.5 percent"))
    assert {(f.kind, f.text) for f in check(AR_SOURCE, bad)} == {
        ("date", "June 2025"), ("date", "2027"), ("number", "$150 million"),
        ("number", "4.5 percent"), ("number", "$2.4 billion"),
    }
    assert [f.why for f in check(AR_SOURCE, "Contracts are worth $2.4 billion.")] == [
        "$2.4 billion: the source gives this amount in euro"
    ]


def test_arabic_output_of_the_english_sample():
    assert check(ARTICLE, "خصص مجلس الشيوخ ١٣٠ مليون دولار لقوات سوريا الديمقراطية للسنة المالية ٢٠٢٦.") == ()
    findings = check(ARTICLE, "خصص مجلس الشيوخ ١٣٠ مليون يورو في آذار ٢٠٢٥.")
    assert [(f.kind, f.text) for f in findings] == [
        ("number", "١٣٠ مليون يورو"), ("date", "آذار ٢٠٢٥"),
    ]


def test_levantine_and_egyptian_month_names_agree():
    assert check("وصل الوفد في يوليو ٢٠٢٥", "Arrived in تموز 2025 — July 2025") == ()
    assert check("وصل الوفد في كانون الثاني", "The delegation arrived in January.") == ()
    assert kinds(check("وصل الوفد في كانون الثاني", "The delegation arrived in December.")) == ["date"]
    assert kinds(check("Talks began in July 2024 and end in 2025.", "Talks began in July 2025.")) == ["date"]


def test_percentage_must_be_a_percentage_in_the_source():
    (finding,) = check("Twelve ministers, 12 in all, met.", "Support rose 12%.")
    assert (finding.kind, finding.text, finding.why) == ("number", "12%", "12% is not a percentage in the source")
    assert check("Support rose 12%.", "Support rose by 12.") == ()


# Quotes across languages.


def test_cross_language_quote_needs_the_translation():
    output = 'Lavrov said "The Syrian side is interested in maintaining our military bases there".'
    (finding,) = check(AR_SOURCE, output)
    assert finding.kind == "quote" and "translation" in finding.why
    assert check(AR_SOURCE, output, translated_source=EN_TRANSLATION) == ()
    assert kinds(check(AR_SOURCE, 'He said "we will leave".', translated_source=EN_TRANSLATION)) == ["quote"]


def test_arabic_quote_of_an_english_source_is_unverifiable_without_translation():
    (finding,) = check(ARTICLE, "ووصف الرئيس العلاقة بأنها «متينة».")
    assert (finding.kind, finding.text) == ("quote", "«متينة»")
    assert check(ARTICLE, "ووصف الرئيس العلاقة بأنها «متينة».", translated_source="وصف العلاقة بأنها «متينة»") == ()


def test_quote_matching_ignores_harakat_tatweel_mark_style_and_dropped_conjunction():
    assert check(AR_SOURCE, 'قال: "الجانب السوري مهتم بالحفاظ على قواعدنا العسكرية هناك"') == ()
    assert check("قال: «الجانب السوري مهتم»", "قال: «الجانبُ السوريُّ مُهتمٌّ»") == ()
    assert check(ARTICLE, 'He said "the Syrian side is interested ... on the interests of the Syrian Arab Republic"') == ()


def test_quote_must_match_whole_words():
    assert kinds(check('It was called "solidarity".', 'It was called "solid".')) == ["quote"]


# Extraction.


@pytest.mark.parametrize(
    "text,value,kind,unit",
    [
        ("US$1.2bn", 1.2e9, "currency", "dollar"),
        ("$130m", 1.3e8, "currency", "dollar"),
        ("١٣٠ مليون دولار", 1.3e8, "currency", "dollar"),
        ("٢٬٤٠٠ مليون يورو", 2.4e9, "currency", "euro"),
        ("5 billion euros", 5e9, "currency", "euro"),
        ("٣٫٥ بالمئة", 3.5, "percent", None),
        ("12 per cent", 12, "percent", None),
        ("٧ في المئة", 7, "percent", None),
        ("25 ألفاً", 25_000, "number", None),
        ("٣ مليارات ريال", 3e9, "currency", "riyal"),
        ("1,200", 1200, "number", None),
        ("5 m", 5, "number", "metre"),  # "78m (260 feet)": metres, not millions
        ("١٩٥٥", 1955, "year", None),
    ],
)
def test_extract_numbers(text, value, kind, unit):
    (q,) = extract_numbers(text)
    assert (q.value, q.kind, q.unit) == (pytest.approx(value), kind, unit)


def test_extracted_spans_are_the_text_as_written():
    text = "خُصِّصَ بـ١٣٠ مليونَ دولارٍ في أيْلول ٢٠٢٥"
    (q, year) = extract_numbers(text)
    assert q.text == "١٣٠ مليونَ دولارٍ" == text[q.start:q.end]
    (d,) = extract_dates(text)
    assert (d.year, d.month, d.day, d.text) == (2025, 9, None, "أيْلول ٢٠٢٥")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("15 July 2025", [(2025, 7, 15)]),
        ("July 15, 2025", [(2025, 7, 15)]),
        ("Sept. 3", [(None, 9, 3)]),
        ("في 15 من تموز/يوليو 2025", [(2025, 7, 15)]),
        ("كانون الأول ٢٠٢٤ وتشرين الثاني", [(2024, 12, None), (None, 11, None)]),
        ("وفي آب الماضي", [(None, 8, None)]),
        ("in May and in 2026", [(None, 5, None), (2026, None, None)]),
        ("you may go; troops march", []),
        ("مارس الرئيس ضغوطا على أبيه", []),
        ("Mayor Jan Smith", []),
    ],
)
def test_extract_dates(text, expected):
    assert [(d.year, d.month, d.day) for d in extract_dates(text)] == expected


def test_extract_quotes_in_every_style():
    text = 'He said "a b", «ج د», “x y” and „z w“; none for it\'s or Syria’s.'
    assert extract_quotes(text) == ("a b", "ج د", "x y", "z w")


def test_verify_imports_no_model_stack():
    probe = "import sys, summarize.verify; print([m for m in ('torch', 'transformers') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
