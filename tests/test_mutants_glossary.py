"""glossary: behaviour that survived mutation testing (issue 23, benchmarks/mutation_bench.py), each pinned here."""

import pytest

from summarize.glossary import GlossaryError, glossary_findings, parse_glossary, protect, restore
from summarize.glossary.match import find

GLOSSARY = parse_glossary("اللاذقية\tLatakia\nحميميم\tHmeimim\nسوريا\tSyria\n")


def test_the_conjunction_fa_is_an_attached_prefix_like_wa():
    text = "فاللاذقية هادئة، فبحميميم قاعدة، فسوريا بلد، وفللاذقية ميناء."
    protected, mapping = protect(text, GLOSSARY, "ar", "en")
    assert list(mapping.values()) == ["Latakia", "Hmeimim", "Syria"]
    a, b, c = mapping
    assert protected == f"ف{a} هادئة، فب{b} قاعدة، ف{c} بلد، وفللاذقية ميناء."  # one conjunction, not two
    assert restore(protected, mapping)[1] == ()


def test_find_reports_the_prefix_it_kept_and_the_span_as_written():
    text = "قال إن فاللاذقية هادئة"
    [(start, end, word, prefix)] = list(find(text, ["اللاذقية"]))
    assert (text[start:end], word, prefix) == ("فاللاذقية", 0, "ف")
    [(start, end, word, prefix)] = list(find("وللاذقية", ["اللاذقية"]))
    assert (start, end, word, prefix) == (0, 8, 0, "ول")


def test_a_two_letter_term_is_long_enough_and_one_letter_is_not():
    assert parse_glossary("UN\tالأمم المتحدة\n").entries[0].term == "UN"
    with pytest.raises(GlossaryError, match=r"^<glossary>: line 1: 'U' is too short to match reliably$"):
        parse_glossary("U\tx\n")


def test_one_variant_forbidden_by_two_entries_gives_both_findings_in_glossary_order():
    glossary = parse_glossary("بشار الأسد\tBashar al-Assad\tAssad\nحافظ الأسد\tHafez al-Assad\tAssad\n")
    found = glossary_findings("قال بشار الأسد إن حافظ الأسد", "Assad said that Assad ruled", glossary, "en")
    assert [(f.text, f.why) for f in found] == [("Assad", "the glossary prefers “Bashar al-Assad”"),
                                                ("Assad", "the glossary prefers “Hafez al-Assad”")]
