"""The issue's acceptance set: source/summary pairs in English, Arabic and across the two.

Every planted error (wrong number, changed year, wrong month, fabricated quote, a glossary name
left untranslated or misspelt) is flagged, and nothing else is; faithful summaries raise nothing;
each sample article backs every one of its own sentences.  Library level: `verify.check` plus
`glossary.glossary_findings`, as `summarize run` applies them to summaries and key points.
"""

import pytest

from summarize.glossary import glossary_findings, load_glossary
from summarize.segment import sentences, split_paragraphs
from summarize.verify import check

from .conftest import AR_SAMPLE, EN_SAMPLE, SAMPLES

EN = EN_SAMPLE.read_text(encoding="utf-8")
AR = AR_SAMPLE.read_text(encoding="utf-8")
GLOSSARY = load_glossary(SAMPLES / "khaberni-syria-russia.glossary.tsv")


def findings(source, summary, language, translated=None):
    """What `summarize run` reports for one output: its checks, then the glossary's."""
    return (*check(source, summary, translated_source=translated),
            *glossary_findings(source, summary, GLOSSARY, language))


# (source, summary, output language, planted errors as (kind, text as written in the summary))
PLANTED = {
    "en-en": (EN, 'In March Putin called Ahmad al-Sharaa. The fiscal year 2027 bill gives $150 million to the SDF. '
                  'Lavrov said "Russia will never leave Syria."', "en",
              [("date", "March"), ("date", "2027"), ("number", "$150 million"),
               ("quote", '"Russia will never leave Syria."')]),
    "en-en day and unit": (EN, "On 12 February Putin called; the act gives €130 million to the SDF, 130% more.", "en",
                           [("date", "12 February"), ("number", "€130 million"), ("number", "130%")]),
    "ar-ar": (AR, "في آذار اتصل بوتين بأحمد الشرع، وخصص قانون السنة المالية 2027 مبلغ 150 مليون دولار لـ«قسد». "
                  "وقال لافروف: «ستبقى روسيا في سوريا إلى الأبد».", "ar",
              [("date", "آذار"), ("date", "2027"), ("number", "150 مليون دولار"),
               ("quote", "«ستبقى روسيا في سوريا إلى الأبد»")]),
    "ar-ar Arabic-Indic digits": (AR, "خصص مجلس الشيوخ ١٥٠ مليون دولار في قانون السنة المالية ٢٠٢٥ في مايو.", "ar",
                                  [("number", "١٥٠ مليون دولار"), ("date", "٢٠٢٥"), ("date", "مايو")]),
    "ar-en": (AR, "In March Putin phoned Ahmad al-Sharaa; in August As'ad al-Shaibani visited Moscow. The fiscal "
                  "year 2025 act allocates $13 million to the SDF.", "en",
              [("date", "March"), ("date", "August"), ("date", "2025"), ("number", "$13 million")]),
    "ar-en fabricated quote": (AR, 'Lavrov said the bases "will stay forever".', "en",
                               [("quote", '"will stay forever"')]),
    "en-ar": (EN, "في نيسان اتصل بوتين بأحمد الشرع، وفي 15 تموز زار أسعد الشيباني موسكو. ويخصص قانون السنة "
                  "المالية 2024 مبلغ 130 مليار دولار لقسد، وقال لافروف «لن نغادر».", "ar",
              [("date", "نيسان"), ("date", "15 تموز"), ("date", "2024"), ("number", "130 مليار دولار"),
               ("quote", "«لن نغادر»")]),
    "ar-en glossary": (AR, "Putin called أحمد الشرع; Sergei Lavrov spoke of the Khmeimim base.", "en",
                       [("glossary", "أحمد الشرع"), ("glossary", "Sergei Lavrov"), ("glossary", "Khmeimim"),
                        # a name the translation does not give: verify's own name check agrees with the glossary
                        # ("Sergei" passes it: a name may end otherwise, as "Chinese" holds "China")
                        ("name", "Khmeimim")]),
    "en-en glossary": (EN, "Syrian President Ahmad Al-Shar' will visit Moscow.", "en",
                       [("glossary", "Ahmad Al-Shar'")]),
    "en-ar glossary": (EN, "تحدث لافروف عن قاعدة Hmeimim في اللاذقية وعن هضبة الجولان.", "ar",
                       [("glossary", "Hmeimim"), ("glossary", "هضبة الجولان")]),
}


@pytest.mark.parametrize("name", PLANTED)
def test_every_planted_error_is_flagged_and_nothing_else(name):
    source, summary, language, planted = PLANTED[name]
    found = findings(source, summary, language, translated=EN if source is AR and language == "en" else None)
    assert sorted((f.kind, f.text) for f in found) == sorted(planted)
    assert all(f.why and f.text in summary for f in found)


FAITHFUL = {
    "en quoting the source exactly": (EN, 'Lavrov said: "The Syrian side is interested in maintaining our military '
                                          'bases there." Ties are "solid" and "long-term".', "en", None),
    "en with cuts and curly marks": (EN, "Lavrov: “The Syrian side is interested in maintaining our military bases "
                                         "there … we base our actions on the interests of the Syrian Arab Republic.”",
                                     "en", None),
    "en same figures": (EN, "In February Putin called Ahmad al-Sharaa; in July As'ad al-Shaibani visited Moscow. "
                            "The fiscal year 2026 NDAA gives US$130m to the SDF and the Free Syrian Army.", "en", None),
    "ar quoting the source exactly": (AR, 'وقال لافروف: «الجانب السوري مهتمٌّ بالإبقاء على قواعدنا العسكرية هناك»، '
                                          'وفق خبرني.', "ar", None),
    "ar Arabic-Indic digits": (AR, "خصص مجلس الشيوخ ١٣٠ مليون دولار لقسد في قانون السنة المالية ٢٠٢٦ بعد اتصال "
                                   "في فبراير.", "ar", None),
    "en summary of the ar sample, same numbers": (
        AR, "After a February call between Vladimir Putin and Ahmad al-Sharaa and a July visit by As'ad "
            "al-Shaibani to Moscow, the U.S. Senate's fiscal year 2026 act set aside $130 million for the "
            "Syrian Democratic Forces; Sergey Lavrov spoke of the Hmeimim and Tartus bases.", "en", None),
    "en summary of the ar sample quoting its translation": (AR, 'Both sides want to "turn a new page".', "en", EN),
    "ar summary of the en sample, same numbers": (
        EN, "خصص مجلس الشيوخ الأمريكي 130 مليون دولار لقوات سوريا الديمقراطية (قسد) في قانون السنة المالية 2026، "
            "بعد اتصال بين فلاديمير بوتين وأحمد الشرع في شباط/فبراير وزيارة أسعد الشيباني موسكو في تموز/يوليو.",
        "ar", None),
}


@pytest.mark.parametrize("name", FAITHFUL)
def test_faithful_summaries_raise_nothing(name):
    source, summary, language, translated = FAITHFUL[name]
    assert findings(source, summary, language, translated) == ()


@pytest.mark.xfail(strict=True, reason="known limit: verify.check reads a quoted name («قسد», as Arabic papers write "
                   "it) in a summary in the other language as an unverifiable quotation; short quotations look alike")
def test_a_quoted_name_in_a_cross_language_summary_is_not_a_quotation():
    assert check(EN, "خصص مجلس الشيوخ 130 مليون دولار لـ«قسد».") == ()


def test_a_cross_language_quote_needs_the_translation_to_be_verified():
    [finding] = check(AR, 'Both sides want to "turn a new page".')
    assert finding.kind == "quote" and "no translation" in finding.why


@pytest.mark.parametrize("article", [EN, AR], ids=["en", "ar"])
def test_each_sample_article_backs_every_one_of_its_sentences(article):
    parts = [s.text for s in sentences(split_paragraphs(article))]
    assert len(parts) > 20
    assert [(s, check(article, s)) for s in parts if check(article, s)] == []


@pytest.mark.parametrize("source,output,language", [(AR, EN, "en"), (EN, AR, "ar")], ids=["ar→en", "en→ar"])
def test_each_sample_backs_the_sentences_of_its_translation(source, output, language):
    parts = [s.text for s in sentences(split_paragraphs(output))]
    assert [(s, f) for s in parts if (f := check(source, s, translated_source=output))] == []
