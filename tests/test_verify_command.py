"""`summarize verify` from the command line."""

import json

from typer.testing import CliRunner

from summarize.cli import app
from summarize.errors import ExitCode
from summarize.segment import sentences, split_paragraphs

from .conftest import AR_SAMPLE, EN_SAMPLE

runner = CliRunner()


def test_planted_errors_are_flagged_and_strict_exits_8():
    summary = 'The US gives $140 million in 2025, and Lavrov said "we will leave Syria".'
    r = runner.invoke(app, ["verify", "--source", str(EN_SAMPLE), "--summary-text", summary, "-f", "json"])
    assert r.exit_code == 0
    kinds = sorted(f["kind"] for f in json.loads(r.stdout)["findings"])
    assert kinds == ["date", "number", "quote"]
    strict = runner.invoke(app, ["verify", "--source", str(EN_SAMPLE), "--summary-text", summary, "--strict"])
    assert strict.exit_code == ExitCode.FINDINGS


def test_english_summary_of_the_arabic_article_with_its_numbers_is_clean(tmp_path):
    summary = tmp_path / "summary.txt"
    summary.write_text("The US Senate approved $130 million for the SDF in the 2026 defence act.", encoding="utf-8")
    r = runner.invoke(app, ["verify", "--source", str(AR_SAMPLE), "--summary", str(summary), "--strict"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("ok:")


def test_each_sample_sentence_is_backed_by_its_article():
    for sample in (EN_SAMPLE, AR_SAMPLE):
        text = sample.read_text(encoding="utf-8")
        for sentence in sentences(split_paragraphs(text)):
            r = runner.invoke(app, ["verify", "--source", str(sample), "--summary-text", sentence.text, "--strict"])
            assert r.exit_code == 0, (sentence.text, r.output)


def test_bad_invocations_are_usage_or_input_errors(tmp_path):
    assert runner.invoke(app, ["verify", "--summary-text", "x"]).exit_code == ExitCode.USAGE
    r = runner.invoke(app, ["verify", "--source", str(tmp_path / "missing.txt"), "--summary-text", "x"])
    assert r.exit_code == ExitCode.BAD_INPUT and "no such file" in r.output
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert runner.invoke(app, ["verify", "--source", str(empty), "--summary-text", "x"]).exit_code == ExitCode.BAD_INPUT


def test_a_mistyped_summary_file_is_an_error_not_clean_text(tmp_path):
    r = runner.invoke(app, ["verify", "--source", str(EN_SAMPLE), "--summary", str(tmp_path / "drafft.txt"), "--strict"])
    assert r.exit_code == ExitCode.BAD_INPUT and "drafft.txt: no such file" in r.output and "ok:" not in r.output
    for args in ([], ["--summary", "-", "--summary-text", "x"], ["--summary-text", "  "]):
        r = runner.invoke(app, ["verify", "--source", str(EN_SAMPLE), *args])
        assert r.exit_code == ExitCode.USAGE, (args, r.output)


GLOSSARY = AR_SAMPLE.parent / "khaberni-syria-russia.glossary.tsv"


def test_glossary_check_flags_a_forbidden_spelling():
    r = runner.invoke(app, ["verify", "--source", str(EN_SAMPLE), "--glossary", str(GLOSSARY), "-f", "json",
                            "--summary-text", "Syrian President Ahmad Al-Shar' will visit Moscow."])
    assert r.exit_code == 0, r.output
    assert [f["kind"] for f in json.loads(r.stdout)["findings"]] == ["glossary"]


def test_run_and_translate_take_a_glossary_and_record_it(tiny):
    r = runner.invoke(app, ["run", str(EN_SAMPLE), "--method", "extractive", "--glossary", str(GLOSSARY),
                            "-f", "json"])
    doc = json.loads(r.stdout)
    assert doc["parameters"]["glossary"]["entries"] > 10 and len(doc["parameters"]["glossary"]["sha256"]) == 64
    # verbatim sentences keep the article's own spellings, which this glossary forbids: said, not hidden
    assert any(f["kind"] == "glossary" for f in doc["findings"])
    t = runner.invoke(app, ["translate", str(AR_SAMPLE), "--model", str(tiny["marian"]), "--beams", "1",
                            "--backend", "ctranslate2", "--glossary", str(GLOSSARY), "-f", "json"])
    assert t.exit_code == 0, t.output
    assert "findings" in json.loads(t.stdout)


def test_a_malformed_glossary_is_a_usage_error_before_any_model_loads(tmp_path):
    bad = tmp_path / "g.tsv"
    bad.write_text("one\ttwo\tthree\tfour\n", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(AR_SAMPLE), "--glossary", str(bad), "--offline"])
    assert r.exit_code == ExitCode.USAGE and "line 1" in r.output
