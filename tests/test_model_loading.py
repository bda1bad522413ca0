"""Loading models: folders saved by transformers 5 convert, and every broken folder is exit 5, named, never exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.models import ct2, loader
from summarize.models.base import GenerationOptions

from .conftest import EN_SAMPLE

pytest.importorskip("ctranslate2")

pytestmark = [
    pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses"),
    pytest.mark.filterwarnings("ignore:Unfeasible length constraints"),
]

runner = CliRunner()
GREEDY = GenerationOptions(num_beams=1, max_new_tokens=6, min_new_tokens=6)
ENGLISH = ["The minister met with reporters on Monday.", "Hospitals are short of medicine and fuel."]
# Attributes of hub BART configs that transformers 5's BartConfig no longer has nor writes.
DROPPED_BY_TRANSFORMERS_5 = ("normalize_before", "add_final_layer_norm", "normalize_embedding")


def save_with_current_transformers(source: Path, target: Path) -> Path:
    """The model of `source` saved again by this transformers, as a newsroom's fine-tuned model would be."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    model = AutoModelForSeq2SeqLM.from_pretrained(source)
    for key in DROPPED_BY_TRANSFORMERS_5:  # the tiny builder adds them back, as hub configs have them
        if hasattr(model.config, key):
            delattr(model.config, key)
    model.save_pretrained(target)
    AutoTokenizer.from_pretrained(source).save_pretrained(target)
    return target


@pytest.fixture(scope="module")
def bart5(tiny, tmp_path_factory) -> Path:
    folder = save_with_current_transformers(tiny["bart"], tmp_path_factory.mktemp("bart5") / "bart")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "bart" and not set(DROPPED_BY_TRANSFORMERS_5) & set(config)
    return folder


def test_a_bart_saved_by_transformers_5_converts_and_summarises_on_ctranslate2(bart5, tmp_path):
    model = loader.load_model("summary:en", str(bart5), backend="ctranslate2", device="cpu", cache_dir=str(tmp_path))
    assert model.backend == "ctranslate2"
    ids = model._generate_ids(model.encode(ENGLISH), None, GREEDY, GREEDY.max_new_tokens)
    assert [len(row) for row in ids] == [6, 6]  # random weights: what it says is noise, how much is not
    assert all(row[0] == model.tokenizer.bos_token_id for row in ids)  # <s> forced first, as transformers does
    assert len(model.generate(ENGLISH, GREEDY)) == 2 and model.info(GREEDY).backend == "ctranslate2"


def test_the_bart_conversion_scores_tokens_like_transformers(bart5, tmp_path):
    # The attributes given to the converter are the ones transformers' BART really uses (post-norm,
    # layernorm on embeddings): a wrong guess converts fine but scores every token differently.
    from .test_backends import _token_log_probs_both_ways

    expected, scored = _token_log_probs_both_ways(bart5, tmp_path)
    assert scored == pytest.approx(expected, abs=0.01)


def test_the_converter_is_told_what_transformers_computes_whatever_the_config_says():
    from transformers import BartConfig

    stale = BartConfig(normalize_before=True, normalize_embedding=False)  # transformers ignores both
    told = ct2.told_what_transformers_does(stale)
    assert (told.normalize_before, told.normalize_embedding) == (False, True)


def test_summarize_run_with_a_transformers_5_bart_gives_a_summary_on_the_default_backend(tiny, bart5):
    r = runner.invoke(app, ["run", str(EN_SAMPLE), "-f", "json", "--beams", "1", "--points", "2",
                            "--summary-model", str(bart5), "--keypoints-model", str(tiny["t5"])])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert isinstance(doc["summary"], str) and doc["coverage"]["summary"]["tokens_read"] > 0
    assert doc["models"]["summary"]["backend"] == "ctranslate2"
    assert doc["models"]["summary"]["model_id"] == str(bart5)
