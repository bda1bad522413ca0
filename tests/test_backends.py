"""Both backends (transformers fp32, CTranslate2 int8) on the tiny models of every family.

Greedy fp32 and int8 may pick different words, so these tests compare shapes and invariants:
one output per input, in input order, complete coverage, the forced first token, the budget.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from summarize.models import backends, ct2, loader
from summarize.models.base import GenerationOptions, Seq2SeqModel
from summarize.models.registry import ModelSpec

from . import tiny_models

pytest.importorskip("ctranslate2")

pytestmark = [
    pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses"),
    pytest.mark.filterwarnings("ignore:Unfeasible length constraints"),
]

BACKENDS = ("transformers", "ctranslate2")
ARABIC = ("قال الرئيس إن الاتفاق خطوة مهمة في عام ٢٠٢٤.", "ارتفعت الأسعار بنسبة ٣٫٥٪ في الربع الأول، بحسب الوزارة.",
          "تعاني المستشفيات من نقص في الأدوية والوقود.")
ENGLISH = ("The minister met with reporters on Monday.", "Officials said the talks would continue next week.",
           "Hospitals are short of medicine and fuel.")
# family -> (role, source language, target language, texts)
CASES = {
    "marian": ("translate:ar-en", "ar", "en", ARABIC),
    "marian_en_ar": ("translate:en-ar", "en", "ar", ENGLISH),
    "bart": ("summary:en", "en", None, ENGLISH),
    "t5": ("keypoints:en", "en", None, ENGLISH),
    "mt5": ("summary:ar", "ar", None, ARABIC),
    "m2m100": ("translate:ar-en", "ar", "en", ARABIC),
    "nllb": ("translate:ar-en", "ar", "en", ARABIC),
}
GREEDY = GenerationOptions(num_beams=1, max_new_tokens=6)
FIRST_TOKEN = {"m2m100": "__en__", "nllb": "eng_Latn", "bart": "<s>"}  # forced by transformers' generate


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    return tiny_models.build_all(tmp_path_factory.mktemp("backends"))


@pytest.fixture(scope="module")
def load(folders, tmp_path_factory):
    """load(family, backend): each model loaded once for the module (tests patch only per test)."""
    cache_dir = str(tmp_path_factory.mktemp("ct2-cache"))
    loaded: dict[tuple[str, str], Seq2SeqModel] = {}

    def get(family: str, backend: str) -> Seq2SeqModel:
        if (family, backend) not in loaded:
            role = CASES[family][0]
            loaded[family, backend] = loader.load_model(role, str(folders[family]), backend=backend, device="cpu",
                                                        cache_dir=cache_dir)
        return loaded[family, backend]

    return get


def _spy_ids(model: Seq2SeqModel, monkeypatch) -> list[list[list[int]]]:
    """Record the ids each _generate_ids call returns (one list per batch)."""
    seen: list[list[list[int]]] = []
    real = model._generate_ids

    def spy(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(model, "_generate_ids", spy)
    return seen


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("family", CASES)
def test_one_output_per_input_in_order_with_full_coverage(load, family, backend):
    _, src, tgt, texts = CASES[family]
    model = load(family, backend)
    assert model.backend == backend
    outs = model.generate(texts, GREEDY, src=src, tgt=tgt)
    assert len(outs) == len(texts)
    assert [o.input_tokens for o in outs] == [model.count_tokens(t, src, tgt) for t in texts]
    assert all(o.tokens_read == o.input_tokens for o in outs)  # nothing clipped
    assert all(isinstance(o.text, str) and 0 <= o.output_tokens <= GREEDY.max_new_tokens for o in outs)
    assert model.info(GREEDY).backend == backend


@pytest.mark.parametrize("backend", BACKENDS)
def test_multi_target_marian_reads_the_ara_code(load, backend):
    model = load("marian_en_ar", backend)
    ara = model.tokenizer.convert_tokens_to_ids(">>ara<<")
    assert model.encode(list(ENGLISH), "en", "ar")[0][0] == ara
    assert len(model.generate(list(ENGLISH), GREEDY, src="en", tgt="ar")) == len(ENGLISH)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("family", ("nllb", "m2m100", "bart"))
def test_forced_first_token_is_generated_first(load, family, backend, monkeypatch):
    _, src, tgt, texts = CASES[family]
    model = load(family, backend)
    seen = _spy_ids(model, monkeypatch)
    model.generate(texts, GenerationOptions(num_beams=2, max_new_tokens=5, min_new_tokens=5), src=src, tgt=tgt)
    first = model.tokenizer.convert_tokens_to_ids(FIRST_TOKEN[family])
    rows = [row for batch in seen for row in batch]
    assert len(rows) == len(texts)
    assert all(row[0] == first for row in rows)
    assert all(len(row) >= 5 for row in rows)  # min_new_tokens counts the forced token in both backends


@pytest.mark.parametrize("family", ("nllb", "t5", "marian"))
def test_backends_generate_equally_many_tokens(load, family, monkeypatch):
    # min == max new tokens: both backends generate exactly that many, a forced first token included.
    options = GenerationOptions(num_beams=1, max_new_tokens=7, min_new_tokens=7)
    _, src, tgt, texts = CASES[family]
    lengths = []
    for backend in BACKENDS:
        model = load(family, backend)
        seen = _spy_ids(model, monkeypatch)
        model.generate(texts, options, src=src, tgt=tgt)
        lengths.append([len(row) for batch in seen for row in batch])
    assert lengths[0] == lengths[1] == [7] * len(texts)


@pytest.mark.parametrize("backend", BACKENDS)
def test_batches_of_very_different_lengths_come_back_in_order(load, backend, monkeypatch):
    words = ARABIC[0].split()
    texts = [" ".join(words * n) for n in (12, 1, 6, 1, 20, 3)]
    model = load("marian", backend)
    monkeypatch.setattr(model, "batch_tokens", 120)
    seen = _spy_ids(model, monkeypatch)
    outs = model.generate(texts, GREEDY, src="ar", tgt="en")
    assert len(seen) > 1  # several batches
    assert [o.input_tokens for o in outs] == [model.count_tokens(t) for t in texts]
    assert all(o.tokens_read == o.input_tokens for o in outs)


def test_conversion_happens_once_and_is_reused(folders, tmp_path, monkeypatch):
    from ctranslate2.converters import TransformersConverter

    calls = []
    real = TransformersConverter.convert
    monkeypatch.setattr(TransformersConverter, "convert", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    first = loader.load_model("translate:ar-en", str(folders["marian"]), backend="ctranslate2", device="cpu",
                              cache_dir=str(tmp_path))
    (model_bin,) = tmp_path.rglob("model.bin")
    stamp = model_bin.stat().st_mtime_ns
    second = loader.load_model("translate:ar-en", str(folders["marian"]), backend="ctranslate2", device="cpu",
                               cache_dir=str(tmp_path))
    assert calls == [1]
    assert list(tmp_path.rglob("model.bin")) == [model_bin] and model_bin.stat().st_mtime_ns == stamp
    assert first.revision == second.revision


def test_cache_key_includes_revision_and_quantization(folders, tmp_path):
    spec = ModelSpec("Helsinki-NLP/opus-mt-ar-en", family="marian")
    folder = folders["marian"]
    paths = {
        (rev, q): ct2.converted_folder(spec, folder, rev, q, str(tmp_path))
        for rev in ("abc123", "def456")
        for q in ("int8", "float32")
    }
    assert len(set(paths.values())) == 4
    for (rev, q), path in paths.items():
        assert rev in path.parts and q in path.parts and (path / "model.bin").is_file()


def _token_log_probs_both_ways(folder: Path, tmp_path: Path) -> tuple[list[float], list[float]]:
    """Log-probabilities of one fixed target under transformers and under the float32 conversion."""
    import ctranslate2
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder)
    net = AutoModelForSeq2SeqLM.from_pretrained(folder).eval()
    source = tokenizer([ENGLISH[1]])["input_ids"][0]
    target = source[1:6]  # any ordinary ids will do: both must score them alike
    with torch.no_grad():
        start = torch.tensor([[net.config.decoder_start_token_id, *target]])
        logits = net(input_ids=torch.tensor([source]), decoder_input_ids=start).logits[0]
    expected = [torch.log_softmax(logits, -1)[i, t].item() for i, t in enumerate(target)]
    path = ct2.converted_folder(ModelSpec(str(folder), family="any"), folder, "r1", "float32", str(tmp_path))
    scored = ctranslate2.Translator(str(path), compute_type="float32").score_batch(
        [tokenizer.convert_ids_to_tokens(source)], [tokenizer.convert_ids_to_tokens(target)])[0]
    return expected, list(scored.log_probs[: len(target)])


@pytest.mark.parametrize("family", ("marian", "bart", "t5", "mt5", "m2m100", "nllb"))
def test_conversion_scores_every_token_like_transformers(folders, tmp_path, family):
    # Beam search, length penalty and the quality checks use these scores, not only their argmax.
    # transformers 5 marks every T5/mT5 config as tied; unpatched, CTranslate2 then rescales the
    # decoder output of flan-t5, mT5 and mt0 (log-probs off by several nats, greedy unchanged).
    # (Marian's conversion leaves <pad> out of the softmax, as generation does: a 0.003 shift.)
    expected, scored = _token_log_probs_both_ways(folders[family], tmp_path)
    assert scored == pytest.approx(expected, abs=0.01)


def test_conversion_keeps_the_rescaling_of_a_t5_saved_with_a_tied_head(folders, tmp_path):
    # The other case: an original-T5-style checkpoint, whose decoder outputs transformers does rescale.
    import json
    import shutil

    folder = tmp_path / "t5-tied"
    shutil.copytree(folders["t5"], folder)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    (folder / "config.json").write_text(json.dumps(dict(config, scale_decoder_outputs=True)), encoding="utf-8")
    expected, scored = _token_log_probs_both_ways(folder, tmp_path / "cache")
    untied, _ = _token_log_probs_both_ways(folders["t5"], tmp_path / "cache2")
    assert expected != pytest.approx(untied, abs=0.5)  # the rescaling really changes the scores
    assert scored == pytest.approx(expected, abs=0.01)


class _Tokenizer:
    model_max_length = 64
    all_special_ids: list[int] = []


class _Fake(Seq2SeqModel):
    def _generate_ids(self, batch, target_prefix, options, max_new_tokens):
        return [[] for _ in batch]


@pytest.mark.parametrize("seed", range(20))
def test_token_batches_stay_within_budget(seed):
    rng = random.Random(seed)
    budget = rng.choice((32, 64, 100, 256))
    model = _Fake(ModelSpec("fake", family="marian", max_input_tokens=64), _Tokenizer(), role="translate:ar-en",
                  revision=None, batch_tokens=budget)
    encoded = [[0] * rng.randint(1, 120) for _ in range(rng.randint(1, 40))]
    batches = model._batches(encoded)
    assert sorted(i for b in batches for i in b) == list(range(len(encoded)))
    for batch in batches:
        widths = [min(len(encoded[i]), model.max_input_tokens) for i in batch]
        assert widths == sorted(widths)  # sorted by length: little padding
        assert len(batch) * max(widths) <= budget or len(batch) == 1


@pytest.mark.parametrize("family", ("marian", "bart", "t5", "mt5", "m2m100", "nllb"))
def test_auto_picks_ctranslate2_when_installed(family, monkeypatch):
    assert loader.pick_backend("auto", family) == "ctranslate2"
    monkeypatch.setattr(backends, "installed", lambda package: package is None)  # no CTranslate2 here
    assert loader.pick_backend("auto", family) == "transformers"


def test_a_family_ctranslate2_cannot_convert_runs_on_transformers_under_auto():
    assert loader.pick_backend("auto", "deberta-v2") == "transformers"


def test_the_backends_are_one_registry_read_by_the_settings_and_the_run_schema():
    """--backend's choices and the run document's models[].backend enum are the registry's rows."""
    import json
    from importlib.resources import files

    from summarize.config import Settings

    schema = json.loads(files("summarize.schema").joinpath("run.schema.json").read_text(encoding="utf-8"))
    info = schema["$defs"]["model"]["properties"]["backend"]
    assert set(info["enum"]) == {*backends.BACKENDS, "api"}  # api: a model server's (llm/endpoint.py)
    assert backends.CHOICES == ("auto", *backends.BACKENDS)
    assert Settings.__dataclass_fields__["backend"].metadata["choices"] == backends.CHOICES


def test_a_backend_asked_for_and_not_installed_is_a_usage_error_with_the_install_hint(monkeypatch):
    from summarize.errors import UsageError

    monkeypatch.setattr(backends, "installed", lambda package: package is None)
    with pytest.raises(UsageError, match=r"ctranslate2 backend is not installed: pip install"):
        loader.pick_backend("ctranslate2", "marian")
    with pytest.raises(UsageError, match="unknown backend 'onnx'"):
        loader.pick_backend("onnx", "marian")


def test_physical_cores_is_within_what_we_may_use():
    import os

    assert 1 <= ct2.physical_cores() <= len(os.sched_getaffinity(0))


def test_auto_device_is_cpu_int8_without_a_gpu(monkeypatch):
    import ctranslate2

    from summarize.models import hf

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert ct2.pick_device("auto") == ("cpu", 0, "int8")
    assert ct2.pick_device("cpu") == ("cpu", 0, "int8")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda kind, index=0: {"float16", "int8_float16"})
    assert ct2.pick_device("auto") == ("cuda", 0, "int8_float16")
    assert ct2.pick_device("cuda:1") == ("cuda", 1, "int8_float16")
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert hf.pick_device("auto") == "cpu"
