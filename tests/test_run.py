"""`summarize run`, the main job, with tiny models for every role and with no model at all."""

import json
import re
import subprocess
import sys
from functools import partial
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import summarize
from summarize.cli import app
from summarize.config import Settings
from summarize.segment import sentences, split_paragraphs

from .conftest import AR_SAMPLE, AR_SHORT, EN_SAMPLE, EN_SHORT, HTML_SAMPLE, ROOT

runner = CliRunner()
SCHEMA = json.loads(files("summarize.schema").joinpath("run.schema.json").read_text(encoding="utf-8"))


def models_for(tiny, language):
    """Tiny models for the roles a run in `language` uses (T5 cannot read Arabic, so mT5 serves Arabic)."""
    summary, keypoints = ("bart", "t5") if language == "en" else ("mt5", "mt5")
    return ["--translation-model", str(tiny["marian"] if language == "en" else tiny["marian_en_ar"]),
            "--summary-model", str(tiny[summary]), "--keypoints-model", str(tiny[keypoints])]


def invoke(*args):
    return runner.invoke(app, ["run", *args, "--beams", "1", "--backend", "transformers", "--points", "3"])


def check_document(doc, source_text):
    jsonschema.validate(doc, SCHEMA)
    source_sentences = {s.id: s.text for s in sentences(split_paragraphs(source_text))}
    assert {s["id"]: s["text"] for s in doc["sentences"]} == source_sentences
    for point in doc["key_points"]:
        assert point["evidence"] and all(i in source_sentences for i in point["evidence"])
        assert point["evidence_text"] == [source_sentences[i] for i in point["evidence"]]


@pytest.mark.parametrize("sample,language", [(EN_SHORT, "en"), (AR_SHORT, "ar")])
def test_each_sample_in_every_format(tiny, sample, language):
    text = sample.read_text(encoding="utf-8")
    r = invoke(str(sample), "-f", "json", *models_for(tiny, language))
    assert r.exit_code in (0,), r.output
    doc = json.loads(r.stdout)
    check_document(doc, text)
    assert (doc["language"], doc["output_language"], doc["route"]) == (language, language, "direct")
    assert set(doc["models"]) == {"summary", "key_points"} and len(doc["key_points"]) == 3
    assert doc["coverage"]["summary"]["tokens_read"] == doc["coverage"]["summary"]["tokens_total"]
    jsonl = invoke(str(sample), "-f", "jsonl", *models_for(tiny, language))
    assert jsonl.exit_code == 0 and len(jsonl.stdout.splitlines()) == 1
    jsonschema.validate(json.loads(jsonl.stdout), SCHEMA)
    for fmt, marker in (("text", "- "), ("markdown", "### Key points")):
        out = invoke(str(sample), "-f", fmt, *models_for(tiny, language))
        assert out.exit_code == 0 and marker in out.stdout


def test_arabic_article_in_english_goes_through_translation(tiny):
    r = invoke(str(AR_SHORT), "--to", "en", "-f", "json", "--translate", "--translation-model", str(tiny["marian"]),
               "--summary-model", str(tiny["bart"]), "--keypoints-model", str(tiny["mt5"]))
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    check_document(doc, AR_SHORT.read_text(encoding="utf-8"))
    assert (doc["language"], doc["output_language"]) == ("ar", "en")
    assert doc["route"].startswith("translate ar→en")
    assert {role: m["model_id"] for role, m in doc["models"].items()} == {
        "translation": str(tiny["marian"]), "summary": str(tiny["bart"]), "key_points": str(tiny["mt5"])}
    assert doc["translation"] and doc["coverage"]["translation"]["tokens_read"] > 0
    for point in doc["key_points"]:  # evidence stays in the article's own language
        assert all(summarize.detect(t).language == "ar" for t in point["evidence_text"])


def test_english_article_for_an_arabic_desk_translates_the_outputs(tiny):
    r = invoke(str(EN_SHORT), "--to", "ar", "-f", "json", *models_for(tiny, "en")[2:],
               "--translation-model", str(tiny["marian_en_ar"]))
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["route"] == "summarise in en, then translate en→ar"
    assert doc["models"]["translation_of_outputs"]["model_id"] == str(tiny["marian_en_ar"])


def test_permissive_route_summarises_arabic_through_english(tiny):
    # mT5 summarises: a random model's "English" is mostly Arabic letters, which BART rightly refuses
    r = invoke(str(AR_SHORT), "--permissive", "-f", "json", "--translation-model", str(tiny["m2m100"]),
               "--summary-model", str(tiny["mt5"]), "--keypoints-model", str(tiny["mt5"]))
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert "permissive" in doc["route"] and doc["output_language"] == "ar"
    assert {"translation", "summary", "translation_of_outputs", "key_points"} <= set(doc["models"])
    # a many-to-many model serves the way back too
    assert doc["models"]["translation_of_outputs"]["model_id"] == str(tiny["m2m100"])


def test_a_one_way_translation_model_is_not_used_for_the_way_back(tiny):
    r = invoke(str(AR_SHORT), "--permissive", "-f", "json", "--offline", "--translation-model", str(tiny["marian"]),
               "--summary-model", str(tiny["bart"]), "--keypoints-model", str(tiny["mt5"]))
    # ar→en is the tiny model; en→ar must be the en→ar default, which is not downloaded here
    assert r.exit_code == 5 and "opus-mt-tc-big-en-ar" in r.output


@pytest.mark.parametrize("given", ["/no/such/model-folder", "./no-such-folder", "a file"])
def test_a_model_path_that_is_no_folder_is_named_and_nothing_is_downloaded(given, tmp_path, monkeypatch):
    from summarize.models import hub

    if given == "a file":
        given = str(tmp_path / "config.json")
        Path(given).write_text("{}", encoding="utf-8")
    monkeypatch.setattr(hub, "fetch", lambda *a, **k: pytest.fail("tried to download a path"))
    r = invoke(str(AR_SAMPLE), "--summary-model", given)
    assert r.exit_code == 5
    assert r.stderr.strip().count("\n") == 0 and f"model folder {given}" in r.stderr and "Traceback" not in r.output


def test_non_commercial_default_is_said(tiny, monkeypatch):
    from summarize.models import registry

    spec = registry.DEFAULTS[registry.SUMMARY_AR]
    monkeypatch.setitem(registry.ALTERNATIVES, str(tiny["mt5"]), spec.__class__(**{**spec.__dict__,
                                                                                   "model_id": str(tiny["mt5"])}))
    result = summarize.run(AR_SHORT, settings=Settings(backend="transformers", beams=1),
                           summary_model=str(tiny["mt5"]), keypoints_model=str(tiny["mt5"]), points=2)
    assert any("non-commercial" in w for w in result.warnings)


def test_long_article_is_read_whole(tiny):
    words = AR_SAMPLE.read_text(encoding="utf-8").split()
    text = "\n".join(" ".join(words[i : i + 60]) + "." for i in range(0, len(words), 60)) + "\n"
    article = summarize.api.readers.article_from_bytes(("\n".join([text] * 10)).encode(), source="long.txt")
    assert len(article.text.split()) >= 6000
    result = summarize.run(article, settings=Settings(backend="ctranslate2", beams=1),
                           summary_model=str(tiny["mt5"]), keypoints_model=str(tiny["mt5"]), points=2)
    summary = result.coverage["summary"]
    assert summary.complete and summary.windows > 1


@pytest.mark.parametrize("sample", [EN_SAMPLE, AR_SAMPLE, HTML_SAMPLE])
def test_extractive_needs_no_model_and_quotes_the_source(sample):
    code = (
        "import sys, json\nfrom summarize.cli import main\nsys.argv = ['summarize', 'run', %r, '--method', "
        "'extractive', '--points', '3', '--format', 'json', '--offline']\ntry:\n    main()\nexcept SystemExit as e:\n"
        "    assert e.code == 0, e.code\nheavy = [m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules]\n"
        "assert not heavy, heavy" % str(sample)
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, SCHEMA)
    source = {s["id"]: s["text"] for s in doc["sentences"]}
    assert doc["method"] == "extractive" and len(doc["key_points"]) == 3 and doc["models"] == {}
    for point in doc["key_points"]:
        assert point["text"] in source.values() and point["text"] == source[point["evidence"][0]]


def test_library_run_returns_what_the_cli_prints(tiny):
    args = models_for(tiny, "en")
    r = invoke(str(EN_SHORT), "-f", "json", *args)
    cli_doc = json.loads(r.stdout)
    result = summarize.run(str(EN_SHORT), settings=Settings(backend="transformers", beams=1), points=3,
                           translation_model=args[1], summary_model=args[3], keypoints_model=args[5])
    lib_doc = json.loads(summarize.writers.dumps(result))
    for volatile in ("timings",):
        cli_doc.pop(volatile), lib_doc.pop(volatile)
    assert lib_doc == cli_doc


def test_strict_turns_findings_into_exit_8_and_findings_are_said(capsys):
    from dataclasses import replace

    from summarize.cli import Console, review_result
    from summarize.verify import Finding

    result = summarize.run(EN_SAMPLE, method="extractive", points=2)
    assert result.findings == ()  # verbatim sentences are always backed by their source
    planted = replace(result, findings=(Finding("number", "$140 million", "140 million is not in the source"),))
    settings = Settings()
    assert review_result(Console(), settings)(planted) == 0
    assert review_result(Console(), settings, strict=True)(planted) == 8
    assert "1 number not backed by the source; see the output" in capsys.readouterr().err  # one line per input


def test_the_article_is_segmented_once_and_its_translation_reuses_the_sentences(tiny, monkeypatch):
    import importlib

    translate_module = importlib.import_module("summarize.translate")  # `summarize.translate` is the function

    calls = []
    real = translate_module.split_paragraphs
    monkeypatch.setattr(translate_module, "split_paragraphs", lambda text: calls.append(text) or real(text))
    r = invoke(str(AR_SHORT), "--to", "en", "-f", "json", "--translation-model", str(tiny["marian"]),
               "--summary-model", str(tiny["bart"]), "--keypoints-model", str(tiny["t5"]))
    assert r.exit_code == 0, r.output
    assert len(calls) == 1  # the run's own segmentation; the ar→en translation gets those sentences
    doc = json.loads(r.stdout)
    assert len(doc["sentences"]) == len(sentences(split_paragraphs(AR_SHORT.read_text(encoding="utf-8"))))


def test_a_route_whose_model_failed_fails_the_next_articles_before_their_first_step(fake_models):
    """--to ar with no English→Arabic model: the first article is summarised and then fails; the next ones fail
    at once, not after summarising each (a batch of thousands would summarise them all for nothing)."""
    from summarize.errors import ModelUnavailableError
    from summarize.models.loader import ModelPool
    from summarize.batch.runner import one_by_one
    from summarize.options import RunOptions
    from summarize.pipeline import run_article
    from summarize.readers import article_from_bytes

    from .corpus import find

    articles = [article_from_bytes(find(f"en/00{i}-*.txt").read_bytes(), source=f"{i}.txt") for i in (1, 2, 3)]
    asked = Settings(beams=1, points=2, summary_model="fake/echo", keypoints_model="fake/echo",
                     translation_model="/no/such/model")
    pool = ModelPool()
    outcomes = one_by_one(partial(run_article, pool=pool, options=RunOptions(asked, to="ar")))(articles)
    assert [type(o) for o in outcomes] == [ModelUnavailableError] * 3
    assert [o.source for o in outcomes] == ["1.txt", "2.txt", "3.txt"]
    assert len(pool.get("summary:en", "fake/echo").calls) == 1  # the first article's summary only


def test_the_api_takes_settings_as_keywords_checked_as_a_config_file_is(fake_models):
    from summarize.errors import ConfigError
    from summarize.glossary import load_glossary

    glossary = ROOT / "samples" / "khaberni-syria-russia.glossary.tsv"
    by_path = summarize.run(EN_SAMPLE, method="extractive", points="2", length=3, glossary=glossary)
    assert len(by_path.key_points) == 2 and by_path.parameters["length"] == "3"
    read = summarize.run(EN_SAMPLE, method="extractive", points=2, glossary=load_glossary(str(glossary)))
    assert read.parameters["glossary"] == by_path.parameters["glossary"] is not None
    done = summarize.translate("The minister spoke on Monday.", to="ar", model="fake/echo", beams=1)
    assert done.model.model_id == "fake/echo"
    for bad, said in (({"bogus": 1}, "unknown setting(s) bogus"), ({"points": -1}, "points must be at least 0"),
                      ({"beams": "x"}, "invalid value 'x' for beams")):
        with pytest.raises(ConfigError, match=re.escape(said)):
            summarize.run(EN_SAMPLE, method="extractive", **bad)
