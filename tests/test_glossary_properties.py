"""Every glossary function that takes text, on any text: a result or GlossaryError, never another exception."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.arabic import ascii_digits
from summarize.glossary import GlossaryError, glossary_findings, load_glossary, parse_glossary, protect, restore

from .conftest import SAMPLES

SAMPLE = load_glossary(SAMPLES / "khaberni-syria-russia.glossary.tsv")
TERMS = [e.term for e in SAMPLE.entries][:6] + [e.rendering for e in SAMPLE.entries][:6]
PIECES = st.sampled_from([*TERMS, "\t", "\n", "#", "=", ",", "وال", "لل", " ", "70001", "٧٠٠٠١", "7 0 0 0 1",
                          "70 001", "700010", "70\u202f002", "\u200f"])
TEXTS = st.one_of(st.text(max_size=200), st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=12).map("".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=TEXTS)
def test_any_glossary_text_parses_or_names_its_line(text):
    try:
        glossary = parse_glossary(text, source="g.tsv")
    except GlossaryError as exc:
        assert str(exc).startswith("g.tsv") and "\n" not in str(exc)
        return
    assert all(e.term.strip() for e in glossary.entries + glossary.keep)


@SETTINGS
@given(text=TEXTS, src=st.sampled_from(["ar", "en"]))
def test_protect_then_restore_gives_the_text_back_with_renderings(text, src):
    tgt = "en" if src == "ar" else "ar"
    protected, mapping = protect(text, SAMPLE, src, tgt)
    restored, lost = restore(protected, mapping)
    assert lost == ()  # nothing was translated away: every placeholder is still there
    assert all(rendering in restored for rendering in mapping.values())
    # the article's own figures, however written ("70 001"), are never taken for a placeholder
    assert re.findall(r"\d+", ascii_digits(restored)) == re.findall(r"\d+", ascii_digits(text))
    if not mapping:
        assert restored == text


@SETTINGS
@given(source=TEXTS, output=TEXTS, lang=st.sampled_from(["ar", "en"]))
def test_findings_of_any_pair_name_what_the_output_says(source, output, lang):
    for finding in glossary_findings(source, output, SAMPLE, lang):
        assert finding.kind == "glossary" and finding.text
