"""The newsroom glossary: reading it, placeholders through translation, and checks on outputs."""

import re

import pytest

from summarize.errors import ExitCode, UsageError
from summarize.glossary import (
    Glossary, GlossaryError, GlossaryTranslator, glossary_findings, load_glossary, parse_glossary, protect, restore,
)
from summarize.models.base import Seq2SeqModel
from summarize.models.registry import ModelSpec
from summarize.segment import sentences, split_paragraphs
from summarize.translate import translate_texts, translation_options

from .conftest import AR_SAMPLE, EN_SAMPLE, SAMPLES

GLOSSARY_FILE = SAMPLES / "khaberni-syria-russia.glossary.tsv"
AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")
EN_TEXT = EN_SAMPLE.read_text(encoding="utf-8")
SMALL = parse_glossary(
    "# a comment\n\n"
    "أحمد الشرع\tAhmad al-Sharaa\tAhmed al-Sharaa, Ahmad al-Shara\n"
    "اللاذقية\tLatakia\n"
    "حميميم\tHmeimim\n"
    "قوات سوريا الديمقراطية\tSyrian Democratic Forces\n"
    "سوريا\tSyria\n"
    "مجلس الأمن\tSecurity Council\n"
    "مجلس الأمن الدولي\tUN Security Council\n"
    "بشار الأسد\tBashar al-Assad\tAssad\n"
    "قسد\tSDF\n"
    "Hmeimim\tحميميم\n"
    "Moscow\tموسكو\n"
    "NATO\n"
    "NDAA\t=\tالقانون\n"
)
PLACEHOLDER = re.compile(r"(?<!\d)7\d{4}(?!\d)")


@pytest.fixture(scope="module")
def sample():
    return load_glossary(GLOSSARY_FILE)


# ------------------------------------------------------------------------------------------- reading


def test_sample_glossary_lists_the_article_entities_both_ways(sample):
    pairs = {(e.term, e.rendering) for e in sample.entries}
    assert {("أحمد الشرع", "Ahmad al-Sharaa"), ("Hmeimim", "حميميم"), ("قسد", "SDF"), ("SDF", "قسد"),
            ("مجلس الأمن", "Security Council"), ("Moscow", "موسكو"), ("خبرني", "Khaberni")} <= pairs
    assert sample.keep_terms == ("NDAA",) and len(sample.sha256) == 64 and sample.source == str(GLOSSARY_FILE)
    sharaa = next(e for e in sample.entries if e.term == "أحمد الشرع")
    assert "Al-Shar'" in sharaa.variants and sharaa.line > 1


def test_small_glossary_parses_keep_terms_and_variants():
    assert [e.term for e in SMALL.keep] == ["NATO", "NDAA"] and all(e.keep for e in SMALL.keep)
    assert SMALL.entries[0].variants == ("Ahmed al-Sharaa", "Ahmad al-Shara")
    assert not any(e.keep for e in SMALL.entries)


@pytest.mark.parametrize(
    "line,problem",
    [
        ("a\tb\tc\td", "at most 3"),
        ("\tSyria", "first column) is empty"),
        ("سوريا\t", "rendering is empty"),
        ("أحمد الشرع Ahmad al-Sharaa", "mixes Arabic and Latin"),
        ("X\tاكس", "too short"),
        ("Latakia\tاللاذقية\tاللاذقية", "preferred rendering itself"),
        ("Moscow\tموسكو", "already listed on line 1"),
    ],
)
def test_malformed_lines_name_the_file_and_line(tmp_path, line, problem):
    path = tmp_path / "desk.tsv"
    path.write_text(f"moscow\tموسكو\n# comment\n\n{line}\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert isinstance(info.value, UsageError) and info.value.exit_code == ExitCode.USAGE
    assert str(info.value).startswith(f"{path}: line 4: ") and problem in str(info.value)


def test_unreadable_and_undecodable_files_are_usage_errors(tmp_path):
    with pytest.raises(GlossaryError, match="cannot read"):
        load_glossary(tmp_path / "missing.tsv")
    bad = tmp_path / "latin1.tsv"
    bad.write_bytes("Hmeimim\tx\nDamas\xe9\tdimashq\n".encode("latin-1"))
    with pytest.raises(GlossaryError, match="line 2: not UTF-8"):
        load_glossary(bad)


# --------------------------------------------------------------------------------------- placeholders


def test_arabic_terms_match_through_harakat_tatweel_and_prefixes():
    text = "قال أحمَدُ الشـــرع وأحمد الشرع باللاذقية وللاذقية وفي حميميم، لا في حميميمية."
    protected, mapping = protect(text, SMALL, "ar", "en")
    assert list(mapping.values()) == ["Ahmad al-Sharaa", "Ahmad al-Sharaa", "Latakia", "Latakia", "Hmeimim"]
    a, b, c, d, e = mapping
    assert protected == f"قال {a} و{b} ب{c} ول{d} وفي {e}، لا في حميميمية."
    assert restore(protected, mapping) == (
        "قال Ahmad al-Sharaa و Ahmad al-Sharaa ب Latakia ول Latakia وفي Hmeimim، لا في حميميمية.", ())


def test_longest_term_wins_and_only_terms_of_the_direction_are_protected():
    text = "دعمت واشنطن قوات سوريا الديمقراطية «قسد» في سوريا، وحلف NATO يراقب، ومجلس الأمن الدولي وموسكو Moscow."
    protected, mapping = protect(text, SMALL, "ar", "en")
    assert list(mapping.values()) == ["Syrian Democratic Forces", "SDF", "Syria", "NATO", "UN Security Council"]
    assert "Moscow" in protected and "وموسكو" in protected  # en→ar entries do not apply to ar→en
    own = parse_glossary("جولان\tJawlan\nالجولان\tthe Golan\n")  # a term's own form beats "ال" + another term
    assert list(protect("في الجولان وجولان", own, "ar", "en")[1].values()) == ["the Golan", "Jawlan"]


def test_latin_terms_are_word_bounded_case_insensitive_and_rendered_as_written():
    protected, mapping = protect("nato and NATOS met in hmeimim, not Hmeimimi; Moscow's envoy.", SMALL, "en", "ar")
    assert list(mapping.values()) == ["NATO", "حميميم", "موسكو"]
    assert "NATOS" in protected and "Hmeimimi" in protected and protected.count("7") == 3
    assert restore(protected, mapping)[0] == "NATO and NATOS met in حميميم, not Hmeimimi; موسكو's envoy."


def test_placeholders_avoid_the_numbers_of_the_text():
    protected, mapping = protect("Moscow paid 70001 and 70002 dollars", SMALL, "en", "ar")
    assert mapping and not set(mapping) & {"70001", "70002"}
    assert restore(protected, mapping) == ("موسكو paid 70001 and 70002 dollars", ())
    # written with the separators restore reads (a space, a narrow space, Arabic-Indic digits): still the article's
    for figure in ("70 001", "70\u202f002", "٧٠٠٠٣", "7 0 0 0 4"):
        text = f"Moscow paid {figure} dollars"
        protected, mapping = protect(text, SMALL, "en", "ar")
        assert restore(protected, mapping) == (f"موسكو paid {figure} dollars", ()), figure


def test_restore_reads_arabic_indic_and_separated_digits_and_reports_missing_ones():
    mapping = {"70001": "Latakia", "70002": "Hmeimim", "70003": "SDF"}
    text, missing = restore("٧٠٠٠١ base and 70,002, in 2026", mapping)
    assert text == "Latakia base and Hmeimim, in 2026" and missing == ("70003",)
    assert restore("near70001", mapping)[0] == "near Latakia"  # a touching letter gets a space
    assert restore("و70001", {"70001": "اللاذقية"})[0] == "واللاذقية"  # an Arabic prefix stays attached
    assert restore("170001 and 700012", mapping) == ("170001 and 700012", tuple(mapping))


# ------------------------------------------------------------------------------ through translate_texts


class EchoModel(Seq2SeqModel):
    """Generates its input back, through the real tokenizer, batching and decoding; `drop` tokens removed."""

    backend = "echo"

    def __init__(self, tokenizer, drop=lambda token: False):
        super().__init__(ModelSpec("echo", family="marian", max_input_tokens=512), tokenizer,
                         role="translate:ar-en", revision=None, batch_tokens=4096)
        self.drop = drop
        self.seen: list[str] = []

    def generate(self, texts, options, *, src=None, tgt=None):
        self.seen += texts
        return super().generate(texts, options, src=src, tgt=tgt)

    def _generate_ids(self, batch, target_prefix, options, max_new_tokens):
        tokens = self.tokenizer.convert_ids_to_tokens
        return [[i for i, t in zip(ids, tokens(ids)) if not self.drop(t)] for ids in batch]


@pytest.fixture(scope="module")
def marian_tokenizer(tiny):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(tiny["marian"]))


def _translate(model, text=AR_TEXT):
    [result] = translate_texts([("ar", text)], model, "ar", "en", translation_options(1))
    return result


def test_placeholders_travel_through_the_real_translation_path_and_come_back(marian_tokenizer, sample):
    echo = EchoModel(marian_tokenizer)
    model = GlossaryTranslator(echo, sample)
    result = _translate(model)
    sent = [p.source for p in result.sentences]
    assert sent == [s.text for s in sentences(split_paragraphs(AR_TEXT))]  # sources stay as written
    assert not any(name in t for t in echo.seen for name in ("حميميم", "أحمد الشرع", "قسد"))
    assert sum(len(PLACEHOLDER.findall(t)) for t in echo.seen[: len(sent)]) == 37
    for name in ("Ahmad al-Sharaa", "Hmeimim", "Latakia", "Tartus", "SDF", "Security Council", "Khaberni"):
        assert name in result.text
    assert not any(n in result.text for n in ("حميميم", "قسد", "اللاذقية")) and not PLACEHOLDER.search(result.text)
    assert model.findings == () and model.info() == echo.info()


def test_lost_placeholders_fall_back_to_a_plain_translation_and_a_finding(marian_tokenizer, sample):
    echo = EchoModel(marian_tokenizer, drop=lambda token: token.strip("▁").isdigit())  # a model that drops numbers
    model = GlossaryTranslator(echo, sample)
    result = _translate(model, "قال أحمد الشرع في حميميم. وقال لافروف ذلك أيضاً.")
    assert [p.target for p in result.sentences] == ["قال أحمد الشرع في حميميم.", "وقال لافروف ذلك أيضاً."]
    assert {(f.kind, f.text) for f in model.findings} == {
        ("glossary", "Ahmad al-Sharaa"), ("glossary", "Hmeimim"), ("glossary", "Lavrov")}
    assert "translated without the glossary" in model.findings[0].why
    results = translate_texts([("a", "زار لافروف دمشق."), ("b", "لا أسماء هنا.")], model, "ar", "en",
                              translation_options(1))
    assert [f.text for f in model.findings_for([p.source for p in results[0].sentences])] == ["Lavrov", "Damascus"]
    assert model.findings_for([p.source for p in results[1].sentences]) == ()


def test_tiny_marian_runs_and_every_lost_term_is_reported(tiny, sample, monkeypatch):
    from summarize.models.loader import ModelPool

    inner = ModelPool(backend="ctranslate2").get("translate:ar-en", str(tiny["marian"]))
    first: list[list[str]] = []
    real = type(inner).generate
    monkeypatch.setattr(type(inner), "generate", lambda self, texts, *a, **k: (first.append(list(texts)),
                                                                              real(self, texts, *a, **k))[1])
    model = GlossaryTranslator(inner, sample)
    text = "قال أحمد الشرع في حميميم إن «قسد» ستلتقي لافروف.\nوزار الشيباني موسكو ودمشق في تموز."
    result = _translate(model, text)
    assert PLACEHOLDER.search(" ".join(first[0])) and "أحمد الشرع" not in " ".join(first[0])
    assert len(result.sentences) == len(sentences(split_paragraphs(text))) and result.coverage.complete
    reported = {f.text for f in model.findings}
    assert reported and all(f.kind == "glossary" for f in model.findings)
    for pair in result.sentences:
        for rendering in protect(pair.source, sample, "ar", "en")[1].values():
            assert rendering in pair.target or rendering in reported, (pair.source, rendering)


# ------------------------------------------------------------------------------------------- checks


def test_arabic_name_left_in_an_english_output_is_flagged(sample):
    found = glossary_findings(AR_TEXT, "Putin called أحمد الشرع and discussed حميميم.", sample, "en")
    assert [(f.kind, f.text) for f in found] == [("glossary", "أحمد الشرع"), ("glossary", "حميميم")]
    assert "Ahmad al-Sharaa" in found[0].why and "untranslated" in found[0].why


def test_latin_name_left_in_an_arabic_output_is_flagged(sample):
    found = glossary_findings(EN_TEXT, "تحدث لافروف عن قاعدة Hmeimim في اللاذقية.", sample, "ar")
    assert [f.text for f in found] == ["Hmeimim"] and "حميميم" in found[0].why


def test_forbidden_variants_are_flagged_but_not_inside_the_preferred_rendering(sample):
    output = "Ahmed al-Sharaa met Sergei Lavrov; Ahmad al-Sharaa later flew to Khmeimim."
    found = glossary_findings(AR_TEXT, output, sample, "en")
    assert [f.text for f in found] == ["Ahmed al-Sharaa", "Sergei Lavrov", "Khmeimim"]
    assert found[1].why == "the glossary prefers “Sergey Lavrov”"
    [spelling] = glossary_findings(EN_TEXT, "Syrian President Al-Shar' will visit Moscow.", sample, "en")
    assert spelling.text == "Al-Shar'" and "Ahmad al-Sharaa" in spelling.why
    assert [f.text for f in glossary_findings(AR_TEXT, "Assad fell.", SMALL, "en")] == ["Assad"]
    assert glossary_findings(AR_TEXT, "Bashar al-Assad fled.", SMALL, "en") == ()


def test_kept_terms_flag_their_translated_variants():
    assert [f.text for f in glossary_findings("NDAA 2026 passed.", "أقر القانون.", SMALL, "ar")] == ["القانون"]
    assert glossary_findings("Another bill passed.", "أقر القانون.", SMALL, "ar") == ()  # not in the source


def test_faithful_outputs_and_unmentioned_entities_raise_nothing(sample):
    english = ("Ahmad al-Sharaa and Vladimir Putin discussed the Hmeimim airbase in Latakia, the Tartus naval "
               "base, the Golan Heights and the SDF; Russia sits on the Security Council.")
    arabic = "بحث أحمد الشرع وفلاديمير بوتين قاعدة حميميم في اللاذقية ودور «قسد» وموقع روسيا في مجلس الأمن."
    assert glossary_findings(AR_TEXT, english, sample, "en") == ()
    assert glossary_findings(EN_TEXT, arabic, sample, "ar") == ()
    assert glossary_findings(AR_TEXT, arabic, sample, "ar") == ()
    assert glossary_findings("A story about Oslo.", "Ahmed al-Sharaa met حميميم.", sample, "en") == ()
    assert glossary_findings(AR_TEXT, english, Glossary(()), "en") == ()
