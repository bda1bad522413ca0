"""Mixed articles (issue 15): each paragraph translated from its own language, with a warning naming it.

Mixed articles are built from paragraphs of real articles of tests/data/corpus (origins in its SOURCES.md); the
fake model (tests/fake_model.py) generates its input back, so what went through it, from which language, shows.
"""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.config import Settings
from summarize.detect import MIN_PARAGRAPH_LETTERS, detect, mixed_language_warning, paragraph_languages
from summarize.models.base import Seq2SeqModel
from summarize.models.loader import ModelPool, load_model
from summarize.options import RunOptions, TranslateOptions
from summarize.pipeline import run_article, translate_many
from summarize.readers import article_from_bytes
from summarize.segment import split_paragraphs
from summarize.translate import document, passthrough, translate_documents, translation_options
from summarize.writers import dumps

from .corpus import all_articles, find, language_of, name

AR = [p.text for p in split_paragraphs(find("ar/001-cnnarabic-syria-clashes.txt").read_text(encoding="utf-8"))]
EN = [p.text for p in split_paragraphs(find("en/006-businessinsider-com1.txt").read_text(encoding="utf-8"))]
# benchmarks/data/detection/cases.jsonl (lingua-py language-testdata, Apache-2.0; ariadl.ir): a third language
FRENCH = "Maintenant le mouvement mutualiste s'achemine vers l'unification."
PERSIAN = "به گزارش ایسنا قرار بود سامسونگ از تلفن همراه جديد خود در روز 11 اكتبر رونمايي كند."


def article(name: str, paragraphs: list[str]):
    return article_from_bytes("\n\n".join(paragraphs).encode("utf-8"), source=name)


AR_WITH_EN = article("ar-with-en", [AR[0], AR[1], EN[2], AR[2]])  # paragraph 2 quotes English copy
EN_WITH_AR = article("en-with-ar", [EN[0], AR[1], EN[1], EN[3]])  # paragraph 1 is Arabic
ECHO = Settings(beams=1, points=1, translation_model="fake/echo", summary_model="fake/echo", keypoints_model="fake/echo")


@pytest.fixture
def calls(monkeypatch):
    """Every model call: (texts, src, tgt, whether it is the stricter retry)."""
    seen = []
    real = Seq2SeqModel.generate

    def recording(self, texts, options, **kwargs):
        seen.append((list(texts), kwargs.get("src"), kwargs.get("tgt"), options.no_repeat_ngram_size > 0))
        return real(self, texts, options, **kwargs)

    monkeypatch.setattr(Seq2SeqModel, "generate", recording)
    return seen


@pytest.fixture
def pool(fake_models):
    """A pool of fake models, for every role, that records the roles it loaded."""
    roles = []

    def loader(role, override, **options):
        roles.append(role)
        return load_model(role, override or "fake/echo", **options)

    built = ModelPool(loader=loader)
    built.roles = roles
    return built


def translate(articles, pool, to):
    return translate_many(articles, pool, TranslateOptions(to, ECHO))


def main_passes(calls):
    return [(texts, src, tgt) for texts, src, tgt, retry in calls if not retry]


def sentences_of(text):
    return [s.text for s in document("x", text).sentences]


def test_no_corpus_article_changes_its_plan():
    """Headings, bylines, credits and figures never flip: every paragraph of every real article keeps its
    article's language (none of the corpus is mixed; en/028's Czech tweet is not reliably Czech)."""
    flipped = {}
    for path in all_articles():
        paragraphs = split_paragraphs(path.read_text(encoding="utf-8"))
        language = language_of(path)
        own = paragraph_languages(paragraphs, language)
        flipped.update({f"{name(path)} #{p.index}": lang for p, lang in zip(paragraphs, own) if lang != language})
    assert flipped == {}


def test_short_paragraphs_follow_the_article():
    """Real short lines of the corpus (a byline, a heading, a credit, a phone number) stay in the article's language."""
    short = ["By Kevin Mazur/WireImage.", "Conversion Test eCommerce Incentives", "635031 - Mobily", "تويتر @aljamili"]
    assert sum(len([c for c in s if c.isalpha()]) < MIN_PARAGRAPH_LETTERS for s in short) == 3  # one is longer
    assert paragraph_languages(short, "ar") == ("ar",) * 4
    assert paragraph_languages(short, "en") == ("en",) * 4
    assert paragraph_languages([AR[0], EN[2], FRENCH * 2, PERSIAN], "ar") == ("ar", "en", "fr", "fa")
    # the extractive method's cheap look: other scripts only (a French paragraph of English copy stays English)
    assert paragraph_languages([EN[0], AR[1], FRENCH * 2], "en", other_script_only=True) == ("en", "ar", "en")


def test_english_paragraph_of_an_arabic_article_arrives_unchanged(pool, calls):
    [done] = translate([AR_WITH_EN], pool, "en")
    assert [p.target for p in done.paragraphs][2] == EN[2]
    assert [p.source_language for p in done.paragraphs] == ["ar", "ar", "en", "ar"]
    [(texts, src, tgt)] = main_passes(calls)
    assert (src, tgt) == ("ar", "en")
    assert texts == sentences_of("\n\n".join([AR[0], AR[1], AR[2]]))  # the Arabic ones, each once, in order
    assert done.warnings[0] == "mixed article (ar): paragraph 2 in en passed through (already in en)"
    assert pool.roles == ["translate:ar-en"]
    expected = document(AR_WITH_EN.source, AR_WITH_EN.text)
    assert [(s.id, s.paragraph, s.source) for s in done.sentences] == [
        (s.id, s.paragraph, s.text) for s in expected.sentences]
    assert done.text.split("\n\n")[2] == EN[2] and done.source_language == "ar"


def test_arabic_paragraph_of_an_english_article_arrives_unchanged_in_arabic(pool, calls):
    [done] = translate([EN_WITH_AR], pool, "ar")
    assert done.paragraphs[1].target == AR[1] and done.paragraphs[1].source_language == "ar"
    [(texts, src, tgt)] = main_passes(calls)
    assert (src, tgt) == ("en", "ar") and AR[1] not in " ".join(texts)
    assert texts == sentences_of("\n\n".join([EN[0], EN[1], EN[3]]))
    assert "paragraph 1 in ar passed through (already in ar)" in done.warnings[0]
    assert pool.roles == ["translate:en-ar"]  # the other direction served a passthrough only: never loaded


def test_other_paragraphs_of_an_article_already_in_the_target_are_translated(pool, calls):
    """An English article asked in English is no longer passed through whole: its Arabic paragraph is
    translated ar→en, the rest stays as written."""
    [done] = translate([EN_WITH_AR], pool, "en")
    [(texts, src, tgt)] = main_passes(calls)
    assert (src, tgt) == ("ar", "en") and texts == sentences_of(AR[1])
    assert [p.target for p in done.paragraphs][::2] == [EN[0], EN[1]] and done.paragraphs[3].target == EN[3]
    assert done.note is None and done.model.model_id == "fake/echo"
    assert done.warnings[0] == "mixed article (en): paragraph 1 in ar translated ar→en"


def test_a_third_language_is_left_as_written_and_named(pool, calls):
    french = FRENCH + " " + FRENCH
    [done] = translate([article("en-with-fr", [EN[0], french, EN[1]])], pool, "ar")
    assert done.paragraphs[1].target == french and done.paragraphs[1].source_language == "fr"
    assert all(french not in " ".join(texts) for texts, *_ in calls)
    assert "paragraph 1 in fr left as written (not supported)" in done.warnings[0]
    [done] = translate([article("ar-with-fa", [AR[0], PERSIAN, AR[1]])], pool, "en")
    assert done.paragraphs[1].target == PERSIAN and "paragraph 1 in fa left as written" in done.warnings[0]


def test_articles_share_one_model_pass_per_direction(pool, calls):
    pure = article("pure-ar", AR[3:5])
    done = translate([EN_WITH_AR, pure, AR_WITH_EN], pool, "en")
    [(texts, src, tgt)] = main_passes(calls)
    assert (src, tgt) == ("ar", "en")
    assert texts == sentences_of(AR[1]) + sentences_of(pure.text) + sentences_of("\n\n".join([AR[0], AR[1], AR[2]]))
    assert [d.source for d in done] == ["en-with-ar", "pure-ar", "ar-with-en"]
    assert done[1].warnings == () or "mixed" not in done[1].warnings[0]


def test_a_pure_article_is_translated_as_before(pool, calls):
    pure = article("pure-ar", AR[:4])
    [done] = translate([pure], pool, "en")
    [(texts, src, tgt)] = main_passes(calls)
    assert (src, tgt) == ("ar", "en") and texts == sentences_of(pure.text)
    assert all("mixed" not in w for w in done.warnings) and done.note is None
    assert {p.source_language for p in done.paragraphs} == {"ar"}
    english = article("pure-en", EN[:4])
    [same] = translate([english], pool, "en")
    assert same == passthrough(document("pure-en", english.text), "en")  # whole, with its note


def test_from_keeps_every_paragraph_in_the_forced_language(pool, calls):
    done = translate_many([AR_WITH_EN], pool, TranslateOptions("en", ECHO, source="ar"))
    assert {p.source_language for p in done[0].paragraphs} == {"ar"}
    assert sentences_of(EN[2])[0] in main_passes(calls)[0][0]


def test_run_summarises_the_assembled_translation(pool, calls):
    """`run --to en` on an Arabic article: the English paragraph reaches the summary as written, translated
    paragraphs around it; the warning says so."""
    options = RunOptions(ECHO, to="en", include_translation=True)
    result = run_article(AR_WITH_EN, pool, options)
    assert result.translation.split("\n\n")[2] == EN[2]
    assert "translation: mixed article (ar): paragraph 2 in en passed through (already in en)" in result.warnings
    summary_input = " ".join(text for texts, src, tgt, _ in calls if src is None for text in texts)
    assert sentences_of(EN[2])[0] in summary_input


def test_direct_run_reads_the_other_paragraphs_in_the_article_language(pool, calls):
    options = RunOptions(ECHO, to="en")
    result = run_article(EN_WITH_AR, pool, options)
    assert result.route == "direct"
    assert (sentences_of(AR[1]), "ar", "en") in main_passes(calls)
    assert "translation_of_other_paragraphs" in result.models
    doc = json.loads(dumps(result))
    for model in doc["models"].values():
        model["backend"] = "transformers"  # the fake's own backend is no engine of the schema
    jsonschema.validate(doc, json.loads(files("summarize.schema").joinpath("run.schema.json").read_text(encoding="utf-8")))
    assert "translation: mixed article (en): paragraph 1 in ar translated ar→en" in result.warnings
    extractive = run_article(EN_WITH_AR, pool, RunOptions(Settings(method="extractive"), to="en"))
    assert "mixed article (en): paragraph 1 in ar read as written" in extractive.warnings


PIECE = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz ABC0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳.,;:!?؟،؛\"'“”«»()[]") + ["\n\n", "\n", "- ", "# "]
    + list("ابتثجحخدذرسشصعقكلمنهويةىپچژگی") + ["\u200f", "\x00", "٫", "3.5", "١٫٢٥", "2015/11/14", "x" * 120]
    + [EN[2][:80], AR[1][:80], FRENCH]
)
TEXT = st.lists(PIECE, max_size=40).map("".join)


@settings(max_examples=40, deadline=None)
@given(st.lists(TEXT, max_size=4), st.sampled_from(["ar", "en"]), st.booleans())
def test_paragraph_languages_take_any_text(texts, language, other_script_only):
    found = paragraph_languages(texts, language, other_script_only=other_script_only)
    assert len(found) == len(texts) and all(isinstance(lang, str) and lang for lang in found)
    for text, lang in zip(texts, found):
        assert lang == language or (detect(text).reliable and detect(text).language == lang)
    if other_script_only:
        assert all(a == language or a == b for a, b in zip(found, paragraph_languages(texts, language)))
    warning = mixed_language_warning(found, language, "en")
    assert (warning is None) == all(lang == language for lang in found)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT, st.sampled_from(["ar", "en"]), st.sampled_from(["ar", "en"]))
def test_translate_documents_takes_any_text(fake_models, text, language, tgt):
    doc = document("any", text)
    langs = paragraph_languages(doc.paragraphs, language)
    pool = ModelPool()
    [done] = translate_documents([(doc, language, langs)], lambda src: pool.get(f"translate:{src}-{tgt}", "fake/echo"),
                                 tgt, translation_options(1))
    assert [s.id for s in done.sentences] == [s.id for s in doc.sentences]
    assert [p.index for p in done.paragraphs] == [p.index for p in doc.paragraphs]
    assert [p.source_language for p in done.paragraphs] == list(langs)
    for pair, lang in zip(done.paragraphs, langs):
        if lang == tgt or lang not in ("ar", "en"):
            assert pair.target == pair.source


def test_translate_command_names_the_paragraph_and_its_language(fake_models, tmp_path):
    from typer.testing import CliRunner

    from summarize.cli import app

    path = tmp_path / "mixed.ar.txt"
    path.write_text(AR_WITH_EN.text, encoding="utf-8")
    r = CliRunner().invoke(app, ["translate", str(path), "--to", "en", "--model", "fake/echo", "--beams", "1",
                                 "-f", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert [p["source_language"] for p in doc["paragraphs"]] == ["ar", "ar", "en", "ar"]
    assert doc["paragraphs"][2]["target"] == doc["paragraphs"][2]["source"] == EN[2]
    assert doc["warnings"][0] == "mixed article (ar): paragraph 2 in en passed through (already in en)"
    assert "warning" in r.output.replace(r.stdout, "")  # counted on stderr, one line, as every warning is
