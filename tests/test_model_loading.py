"""Loading models: folders saved by transformers 5 convert, and every broken folder is exit 5, named, never exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.models import ct2, loader
from summarize.models.base import GenerationOptions

from .conftest import EN_SAMPLE, EN_SHORT

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


# ------------------------------------------------------------------------------------------------
# Broken model folders: refused before loading, exit 5, the folder and the cause named.
# ------------------------------------------------------------------------------------------------


def _edit_config(folder: Path, **changes) -> None:
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    (folder / "config.json").write_text(json.dumps({**config, **changes}), encoding="utf-8")


def _swap_weights(folder: Path, other: Path) -> None:
    (folder / "model.safetensors").write_bytes((other / "model.safetensors").read_bytes())


def _only_a_pickle(folder: Path) -> None:
    import torch
    from safetensors.torch import load_file

    torch.save(load_file(str(folder / "model.safetensors")), folder / "pytorch_model.bin")
    (folder / "model.safetensors").unlink()


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


# name -> (family of the folder copied, damage done to the copy, words the message must hold)
BROKEN = {
    "config is a JSON array": ("bart", lambda f, t: (f / "config.json").write_text("[1, 2]"), "JSON list"),
    "config is a JSON string": ("bart", lambda f, t: (f / "config.json").write_text('"bart"'), "JSON str"),
    "config is garbage": ("bart", lambda f, t: (f / "config.json").write_bytes(b"\xff{not json"), "unreadable"),
    "no config": ("bart", lambda f, t: (f / "config.json").unlink(), "no config.json"),
    "no model_type": ("bart", lambda f, t: _edit_config(f, model_type=None), "model_type"),
    "unsupported type": ("bart", lambda f, t: _edit_config(f, model_type="bert"), "'bert' is not supported"),
    "tokenizer.json corrupt": ("bart", lambda f, t: (f / "tokenizer.json").write_text('{"version": "1.0", "model": 4}'),
                               "tokenizer"),
    "tokenizer.json garbage": ("t5", lambda f, t: (f / "tokenizer.json").write_bytes(b"\x00\xff"), "tokenizer"),
    "no tokenizer file": ("bart", lambda f, t: (f / "tokenizer.json").unlink(), "tokenizer files missing"),
    "no marian vocabulary": ("marian", lambda f, t: (f / "vocab.json").unlink(), "vocab.json"),
    "weights truncated": ("bart", lambda f, t: _truncate(f / "model.safetensors"), "model.safetensors"),
    "weights garbage": ("nllb", lambda f, t: (f / "model.safetensors").write_bytes(b"\0" * 64), "model.safetensors"),
    "no weights": ("bart", lambda f, t: (f / "model.safetensors").unlink(), "no weights"),
    "weights mis-shaped": ("bart", lambda f, t: _edit_config(f, vocab_size=999), "another shape"),
    "weights of another architecture": ("bart", lambda f, t: _swap_weights(f, t["t5"]), "missing"),
    "weights lack a layer": ("marian", lambda f, t: _edit_config(f, decoder_layers=3), "missing"),
    "only a pickle": ("bart", lambda f, t: _only_a_pickle(f), "pickle"),
}
ROLE = {"bart": "summary:en", "t5": "keypoints:en", "marian": "translate:ar-en", "nllb": "translate:ar-en"}


@pytest.fixture
def broken(tiny, tmp_path):
    def make(case: str) -> tuple[Path, str, str]:
        import shutil

        family, damage, words = BROKEN[case]
        folder = tmp_path / case.replace(" ", "-")
        shutil.copytree(tiny[family], folder)
        damage(folder, tiny)
        return folder, ROLE[family], words

    return make


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2", "auto"])
@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_model_folder_is_model_unavailable_naming_folder_and_cause(broken, case, backend, tmp_path):
    from summarize.errors import ExitCode, ModelUnavailableError

    folder, role, words = broken(case)
    with pytest.raises(ModelUnavailableError) as caught:
        loader.load_model(role, str(folder), backend=backend, device="cpu", cache_dir=str(tmp_path / "cache"))
    message = str(caught.value)
    assert caught.value.exit_code == ExitCode.MODEL_UNAVAILABLE
    assert str(folder) in message and words in message and "\n" not in message
    assert not list((tmp_path / "cache").rglob("model.bin"))  # nothing converted from a broken folder


@pytest.mark.parametrize("case", ["config is a JSON array", "no tokenizer file", "weights truncated", "only a pickle"])
def test_the_command_exits_5_with_one_line_for_a_broken_model(broken, tiny, case):
    folder, _, words = broken(case)
    r = runner.invoke(app, ["run", str(EN_SAMPLE), "--beams", "1", "--points", "2", "--summary-model", str(folder),
                            "--keypoints-model", str(tiny["t5"])])
    assert r.exit_code == 5, r.output
    assert str(folder) in r.stderr and words in r.stderr and "Traceback" not in r.output
    assert r.stdout == ""


# ------------------------------------------------------------------------------------------------
# --backend auto: a CTranslate2 failure falls back to transformers, once, and says so; explicit: exit 5.
# ------------------------------------------------------------------------------------------------


@pytest.fixture
def conversion_fails(monkeypatch):
    """CTranslate2's converter failing on a sound folder, as it did on every BART saved by transformers 5."""

    real = ct2._converter

    class Failing:
        def convert(self, *args, **kwargs):
            raise AttributeError("'BartConfig' object has no attribute 'normalize_before'")

    def converter(folder, name):
        return Failing() if json.loads((Path(folder) / "config.json").read_text())["model_type"] == "bart" else real(
            folder, name)

    monkeypatch.setattr(ct2, "_converter", converter)


def test_auto_falls_back_to_transformers_with_one_warning(tiny, tmp_path, conversion_fails, caplog):
    with caplog.at_level("WARNING", logger="summarize"):
        model = loader.load_model("summary:en", str(tiny["bart"]), backend="auto", device="cpu",
                                  cache_dir=str(tmp_path))
    assert model.backend == "transformers" and model.info().backend == "transformers"
    assert len(model.generate(ENGLISH, GREEDY)) == 2
    [record] = caplog.records
    assert "normalize_before" in record.getMessage() and str(tiny["bart"]) in record.getMessage()
    assert not list(tmp_path.rglob(".convert-*")) and not list(tmp_path.rglob("model.bin"))


def test_explicit_ctranslate2_conversion_failure_is_exit_5(tiny, tmp_path, conversion_fails):
    from summarize.errors import ModelUnavailableError

    with pytest.raises(ModelUnavailableError, match="cannot convert model .*normalize_before"):
        loader.load_model("summary:en", str(tiny["bart"]), backend="ctranslate2", device="cpu", cache_dir=str(tmp_path))
    r = runner.invoke(app, ["run", str(EN_SAMPLE), "--beams", "1", "--points", "2", "--backend", "ctranslate2",
                            "--summary-model", str(tiny["bart"]), "--keypoints-model", str(tiny["t5"])])
    assert r.exit_code == 5 and "normalize_before" in r.stderr and "Traceback" not in r.output


FAILING_CONVERSION_RUN = """
import json, sys
from pathlib import Path
from summarize import cli
from summarize.models import ct2

real = ct2._converter

class Failing:
    def convert(self, *args, **kwargs):
        raise AttributeError("'BartConfig' object has no attribute 'normalize_before'")

def converter(folder, name):
    bart = json.loads((Path(folder) / "config.json").read_text())["model_type"] == "bart"
    return Failing() if bart else real(folder, name)

ct2._converter = converter
sys.argv = ["summarize", "run", *sys.argv[1:]]
cli.main()
"""


def test_the_run_records_the_backend_actually_used_and_warns_once_on_stderr(tiny, tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent),
               SUMMARIZE_CACHE_DIR=str(tmp_path / "cache"))
    # the sample's excerpt: the summary runs on transformers, where random weights decode to their cap
    second = tmp_path / "second.txt"  # the same file named twice is read once: two files
    second.write_bytes(EN_SHORT.read_bytes())
    r = subprocess.run([sys.executable, "-c", FAILING_CONVERSION_RUN, str(EN_SHORT), str(second), "-f", "json",
                        "--beams", "1", "--points", "2", "--summary-model", str(tiny["bart"]),
                        "--keypoints-model", str(tiny["t5"])], capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    docs = json.loads(r.stdout)
    assert [d["models"]["summary"]["backend"] for d in docs] == ["transformers", "transformers"]
    assert [d["models"]["key_points"]["backend"] for d in docs] == ["ctranslate2", "ctranslate2"]  # T5 converted
    [line] = [line for line in r.stderr.splitlines() if "using the transformers backend" in line]
    assert str(tiny["bart"]) in line and "normalize_before" in line and "Traceback" not in r.stderr


def test_a_model_that_failed_to_load_is_not_tried_again_for_every_input():
    from summarize.errors import ModelUnavailableError
    from summarize.models.conversions import ConversionError

    calls = []

    def failing(role, override, **options):
        calls.append(role)
        raise ConversionError(f"cannot convert model {override} for CTranslate2: RuntimeError: boom")

    pool = loader.ModelPool(loader=failing)
    errors = []
    for _ in range(3):
        with pytest.raises(ModelUnavailableError) as caught:
            pool.get("summary:en", "/models/x")
        errors.append(caught.value)
    assert calls == ["summary:en"]
    assert all(type(e) is ConversionError and e.source is None and "/models/x" in str(e) for e in errors)
    errors[0].source = "a.txt"  # run_many names the input on the error it is given: not on the next one's
    with pytest.raises(ModelUnavailableError) as caught:
        pool.get("summary:en", "/models/x")
    assert caught.value.source is None


# ------------------------------------------------------------------------------------------------
# Whatever a config.json or an error message holds: a family or exit 5, one line.
# ------------------------------------------------------------------------------------------------

from hypothesis import HealthCheck, example, given, settings  # noqa: E402 - the property tests' own imports
from hypothesis import strategies as st  # noqa: E402

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=12)
UNICODE = st.text(st.sampled_from(list("bart5 mt5 ابت ٠١٢ ۴۵ 1.25 ١٫٢٥ \"'«»“”()[]{}\u200f\u061c\x00\n")) | st.characters())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(content=b'{"model_type":"gemma2"}')  # found by this test: a family CTranslate2 does not run
@given(content=st.one_of(JSON.map(lambda v: json.dumps(v).encode()),
                         JSON.map(lambda v: {"model_type": v}).map(lambda v: json.dumps(v).encode()),
                         st.sampled_from(["marian", "bart", "t5", "mt5", "m2m100", "nllb", "bert", ""]).map(
                             lambda t: json.dumps({"model_type": t}).encode()),
                         UNICODE.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=64)))
def test_any_config_gives_a_family_or_model_unavailable(content, tmp_path_factory):
    from summarize.errors import ModelUnavailableError
    from summarize.models.families import FAMILIES
    from summarize.models.folder import check_folder, family_of

    folder = tmp_path_factory.mktemp("config")
    (folder / "config.json").write_bytes(content)
    try:
        family = family_of(folder)
    except ModelUnavailableError as exc:
        assert str(folder) in str(exc) and "\n" not in str(exc)
        return
    # a family of the registry (gemma2, gemma3 and the NLI models run on transformers only)
    assert family in FAMILIES
    with pytest.raises(ModelUnavailableError, match="tokenizer files missing"):  # nothing else is there
        check_folder(folder)


@settings(max_examples=80, deadline=None)
@given(text=UNICODE, kind=st.sampled_from([ValueError, KeyError, RuntimeError, OSError, Exception]))
def test_a_cause_is_one_short_line(text, kind):
    from summarize.models.folder import cause

    said = cause(kind(text))
    assert "\n" not in said and len(said) <= 240 and said.startswith(kind.__name__)


@pytest.mark.parametrize("model_id, family, instructed", [
    ("someone/opus-mt-tc-big-ar-en", "marian", None), ("bigscience/mt0-base", "mt5", True),
    ("google/mt5-small", "mt5", None), ("google/flan-t5-base", "t5", None),
    ("someone/nllb-200-news", "nllb", None), ("someone/m2m100-news-ar-en", "m2m100", None),
    ("someone/bart-large-xsum-ar", "bart", None), ("someone/a-model-named-otherwise", "bart", None)])
def test_a_hub_id_outside_the_catalog_gets_its_family_from_its_name(model_id, family, instructed):
    from summarize.models.registry import SUMMARY_EN, resolve

    spec = resolve(SUMMARY_EN, model_id)  # the role's default (a BART) where the id names no family
    assert (spec.model_id, spec.family, spec.instructions, spec.licence) == (model_id, family, instructed, "unknown")


def test_an_nli_hub_id_is_a_deberta_cross_encoder():
    from summarize.models.registry import NLI, resolve

    assert resolve(NLI, "someone/mDeBERTa-v3-base-xnli").family == "deberta-v2"


def test_each_tiny_folder_is_told_its_family_nllb_from_m2m100_by_its_tokenizer(tiny):
    from summarize.models.folder import family_of

    for name in ("marian", "bart", "t5", "mt5", "m2m100", "nllb"):
        assert family_of(tiny[name]) == name


def test_work_in_two_threads_notes_each_its_own_models():
    """One pool shared by two threads: what route A asks for is noted under A only, whatever B does meanwhile."""
    import threading

    from summarize.errors import ModelUnavailableError

    def load(role, override, **options):
        if override == "bad":
            raise ModelUnavailableError(f"{role} {override} failed")
        return object()

    pool = loader.ModelPool(loader=load)
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()

    def route_a():
        with pool.for_work("A"):
            a_in.set()
            b_in.wait(10)
            with pytest.raises(ModelUnavailableError):
                pool.get("summary:en", "bad")
        a_out.set()

    def route_b():
        a_in.wait(10)
        with pool.for_work("B"):
            b_in.set()
            a_out.wait(10)
            pool.get("summary:ar", "good")

    threads = [threading.Thread(target=f) for f in (route_a, route_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    with pool.for_work("B"):  # B never asked for A's failed model
        pass
    with pytest.raises(ModelUnavailableError, match="summary:en bad failed"):
        with pool.for_work("A"):
            pass


NAMES = st.one_of(st.text(), st.text(alphabet="ab/.~ \0", max_size=12),
                  st.integers(1, 9000).map(lambda n: "a/" + "b" * n), st.builds("{}/{}".format, st.text(), st.text()))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(role=st.sampled_from(["translate:ar-en", "summary:en", "keypoints:ar", "nli"]), name=NAMES)
@example(role="translate:ar-en", name="/\n")  # found by this test in a fresh clone: a two-line message
@example(role="summary:en", name="./a\u2028b")
def test_any_model_name_resolves_or_is_a_one_line_usage_or_model_error(role, name):
    """--summary-model and the rest take whatever the user types: a spec, or exit 2 / exit 5 in one line."""
    from summarize.errors import ModelUnavailableError, UsageError
    from summarize.models.registry import resolve

    try:
        spec = resolve(role, name)
    except (ModelUnavailableError, UsageError) as exc:
        assert "\n" not in str(exc) and len(str(exc).splitlines()) == 1 and len(str(exc)) < 400
        return
    assert spec.model_id and spec.family


@pytest.mark.parametrize("model_id, ok", [
    ("mistralai/Mistral-7B-Instruct-v0.2", True), ("csebuetnlp/mT5_multilingual_XLSum", True), ("01-ai/Yi-34B", True),
    ("user/_m", True), ("_org/model", True), ("user/model.", False), ("a--b/c", False), ("a/b..c", False),
    ("-x/y", False), ("t5-small", False), ("a/b/c", False)])
def test_hub_ids_are_taken_as_the_hub_takes_them(model_id, ok):
    from summarize.errors import UsageError
    from summarize.models.registry import SUMMARY_EN, resolve

    if ok:
        assert resolve(SUMMARY_EN, model_id).model_id == model_id
    else:
        with pytest.raises(UsageError, match="not a local folder nor a hub id"):
            resolve(SUMMARY_EN, model_id)


def test_models_pull_refuses_what_is_not_a_hub_id_before_any_download(monkeypatch):
    from summarize.errors import UsageError
    from summarize.models.catalog import pull

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with pytest.raises(UsageError, match="nor a hub id"):
        list(pull(["user/model."], progress=False))
