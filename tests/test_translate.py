"""Translation through the CLI and the library with tiny models of each family."""

import json

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.config import Settings
from summarize.errors import ExitCode
from summarize.models.base import Seq2SeqModel
from summarize.models.loader import ModelPool
from summarize.options import TranslateOptions
from summarize.pipeline import translate_many
from summarize.segment import sentences, split_paragraphs

from .conftest import AR_SAMPLE, AR_SHORT, EN_SAMPLE

runner = CliRunner()
AR_TEXT = AR_SHORT.read_text(encoding="utf-8")  # tiny models translate an excerpt: they decode to their cap


@pytest.fixture
def spy(monkeypatch):
    """Every call to Seq2SeqModel.generate, as the list of texts it was given."""
    calls = []
    real = Seq2SeqModel.generate

    def recording(self, texts, options, **kwargs):
        calls.append(list(texts))
        return real(self, texts, options, **kwargs)

    monkeypatch.setattr(Seq2SeqModel, "generate", recording)
    return calls


@pytest.mark.parametrize("family", ["marian", "nllb", "m2m100"])
def test_article_translates_paragraph_for_paragraph_each_sentence_once(tiny, spy, family):
    r = runner.invoke(app, ["translate", str(AR_SHORT), "--to", "en", "--model", str(tiny[family]),
                            "--beams", "1", "--backend", "transformers", "-f", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    source_paragraphs = split_paragraphs(AR_TEXT)
    assert len(doc["paragraphs"]) == len(source_paragraphs) == len(doc["text"].split("\n"))
    assert [p["source"] for p in doc["paragraphs"]] == [p.text for p in source_paragraphs]
    expected = [s.text for s in sentences(source_paragraphs)]
    assert sorted(spy[0]) == sorted(expected)  # the main pass: every sentence exactly once
    for retry in spy[1:]:  # a stricter second try only for outputs that looked broken
        assert set(retry) <= set(expected) and len(retry) == len(set(retry))
    assert doc["coverage"]["tokens_read"] == doc["coverage"]["tokens_total"] > 0
    assert (doc["source_language"], doc["target_language"]) == ("ar", "en")
    assert doc["model"]["model_id"] == str(tiny[family]) and doc["model"]["revision"]


def test_multi_target_marian_puts_ara_first_in_every_source(tiny, monkeypatch):
    seen = []
    pool = ModelPool(backend="transformers")
    model = pool.get("translate:en-ar", str(tiny["marian_en_ar"]))
    real = type(model)._generate_ids

    def spy_ids(self, batch, prefix, options, max_new):
        seen.extend(batch)
        return real(self, batch, prefix, options, max_new)

    monkeypatch.setattr(type(model), "_generate_ids", spy_ids)
    article = _article(EN_SAMPLE.read_text(encoding="utf-8"))
    [result] = translate_many([article], pool, TranslateOptions("ar", Settings(translation_model=str(tiny["marian_en_ar"]), beams=1)))
    ara = model.tokenizer.convert_tokens_to_ids(">>ara<<")
    assert len(seen) >= len(result.sentences) > 10
    assert all(ids[0] == ara for ids in seen)


def _article(text, source="x.txt"):
    from summarize.readers import article_from_bytes

    return article_from_bytes(text.encode("utf-8"), source=source)


def test_long_article_and_unpunctuated_sentence_translate_with_full_coverage(tiny):
    pool = ModelPool(backend="ctranslate2")  # the faster engine: this is about length, not the backend
    words = " ".join(AR_SAMPLE.read_text(encoding="utf-8").split())
    long_article = _article(" ".join([words] * 9))  # about 5,500 words
    run_on = _article("كلمة " * 400)  # 2,000 characters, no punctuation at all
    model = pool.get("translate:ar-en", str(tiny["marian"]))
    model.max_input_tokens = 64  # a small limit, so the run-on sentence must be split to fit
    options = TranslateOptions("en", Settings(translation_model=str(tiny["marian"]), beams=1))
    results = translate_many([long_article, run_on], pool, options)
    assert len(long_article.text.split()) >= 5000
    for result in results:
        assert result.coverage.complete and result.coverage.tokens_total > 0
    assert len(results[1].sentences) == 1 and results[1].sentences[0].target


def test_many_files_load_the_model_once(tiny, tmp_path, monkeypatch):
    from transformers import AutoModelForSeq2SeqLM

    loads = []
    real = AutoModelForSeq2SeqLM.from_pretrained.__func__

    def counting(cls, *args, **kwargs):
        loads.append(args[0])
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(AutoModelForSeq2SeqLM, "from_pretrained", classmethod(counting))
    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text(" ".join(AR_TEXT.split()[: 40 + i]) + ".", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(tmp_path), "--model", str(tiny["marian"]), "--beams", "1",
                            "--backend", "transformers", "-f", "jsonl"])
    assert r.exit_code == 0, r.output
    assert len(r.stdout.splitlines()) == 4 and len(loads) == 1


def test_input_already_in_target_language_passes_through(tiny):
    r = runner.invoke(app, ["translate", str(EN_SAMPLE), "--to", "en", "--model", str(tiny["marian"]), "-f", "json"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["text"] == EN_SAMPLE.read_text(encoding="utf-8").strip("\n")
    assert "passed through unchanged" in doc["note"] and doc["model"] is None


def test_unsupported_language_and_missing_model_have_their_codes(tmp_path):
    french = tmp_path / "fr.txt"
    french.write_text("Le ministre est arrivé lundi à Moscou pour des discussions sur la Syrie.", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(french), "--offline"])
    assert r.exit_code == ExitCode.UNSUPPORTED_LANGUAGE and "'fr' is not supported" in r.output
    r = runner.invoke(app, ["translate", str(AR_SAMPLE), "--offline"])
    assert r.exit_code == ExitCode.MODEL_UNAVAILABLE
    assert "opus-mt-tc-big-ar-en" in r.output and "summarize models pull" in r.output


def test_bilingual_markdown_pairs_every_paragraph(tiny):
    r = runner.invoke(app, ["translate", str(AR_SHORT), "--model", str(tiny["marian"]), "--beams", "1",
                            "--bilingual", "-f", "markdown"])
    assert r.exit_code == 0, r.output
    rows = [line for line in r.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(split_paragraphs(AR_TEXT))  # header + one row per paragraph


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_both_backends_give_the_same_shape(tiny, backend):
    pool = ModelPool(backend=backend)
    [result] = translate_many([_article(AR_TEXT)], pool, TranslateOptions("en", Settings(translation_model=str(tiny["m2m100"]), beams=2)))
    assert result.model.backend == backend
    assert len(result.paragraphs) == len(split_paragraphs(AR_TEXT)) and result.coverage.complete


def test_stuttering_and_mixed_script_outputs_are_degenerate():
    """A summary with every word tripled, or a third of it in the wrong script, is flagged, not passed."""
    from summarize.quality import problem, repetition, wrong_script

    tripled = " ".join(w for word in "Russia struck rebel positions near Idlib on Monday".split() for w in [word] * 3)
    assert repetition(tripled) is not None
    assert repetition("He said that he had had enough of the war in the north.") is None
    mixed = "Russia struck rebel positions near Idlib " + "ضربت روسيا مواقع المتمردين قرب إدلب يوم"
    assert wrong_script(mixed, "en") is not None
    assert wrong_script("أعلنت شركة Apple عن iPhone 15 Pro Max في مؤتمر WWDC السنوي في كاليفورنيا.", "ar") is None
    assert problem(tripled, source_tokens=30, output_tokens=27, language="en") is not None


def test_a_model_that_reads_part_of_its_input_exits_7_unless_allowed(fake_models):
    """Coverage below 100 % is said on stderr, recorded in the output, and exit 7 (0 with --allow-truncation)."""
    args = ["translate", str(AR_SAMPLE), "--to", "en", "--model", "fake/truncating", "-f", "json", "--beams", "1"]
    r = runner.invoke(app, args)
    assert r.exit_code == 7, r.output
    doc = json.loads(r.stdout)
    assert doc["coverage"]["tokens_read"] < doc["coverage"]["tokens_total"]
    assert doc["model"]["backend"] == "fake" and "the model read 4" in r.output  # about half, on one line
    assert runner.invoke(app, [*args, "--allow-truncation"]).exit_code == 0
    assert runner.invoke(app, [*args[:5], "fake/echo", *args[6:]]).exit_code == 0


def test_translate_lists_the_numbers_its_output_lacks(fake_models):
    """Findings of a translation: a model that drops a figure is caught; each finding says why."""
    r = runner.invoke(app, ["translate", str(EN_SAMPLE), "--to", "ar", "--model", "fake/truncating", "-f", "json",
                            "--beams", "1", "--allow-truncation"])
    doc = json.loads(r.stdout)
    assert doc["findings"] and {f["kind"] for f in doc["findings"]} <= {"number", "date"}
    assert all(f["why"] and f["text"] for f in doc["findings"])
