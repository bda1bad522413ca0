"""glossary: behaviour that survived mutation testing (issue 23, benchmarks/mutation_bench.py), each pinned here."""

from summarize.glossary import parse_glossary, protect, restore
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
