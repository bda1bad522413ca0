"""Test-wide settings: no network, no user config, real samples at hand."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Mapping

import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase
from platformdirs import user_cache_dir

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
# Tiny models spend their time in thread hand-offs, not arithmetic: one thread per process (this one, the
# pytest-xdist workers and the commands the tests start), set before anything imports torch. CTranslate2 asks
# for its own threads, and its OpenMP copy's idle threads spin by default: measured here, a tiny-model run took
# 54 s after a CTranslate2 test in the same process and 9 s with passive waiting.
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"
os.environ["OMP_WAIT_POLICY"] = "PASSIVE"

# No test writes into the user's caches: converted models default to platformdirs' user cache (which
# follows XDG_CACHE_HOME) and the hub cache is HF_HOME's. Both point into a folder of this session,
# set before anything imports huggingface_hub (it reads them once, at import).
REAL_CACHES = (Path(user_cache_dir("summarize")),
               Path(os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
                    or Path(os.environ.get("HF_HOME") or Path(user_cache_dir()) / "huggingface") / "hub"))
TEST_CACHE = Path(tempfile.mkdtemp(prefix="summarize-tests-cache-"))
atexit.register(shutil.rmtree, TEST_CACHE, ignore_errors=True)
os.environ["XDG_CACHE_HOME"] = str(TEST_CACHE / "xdg")
os.environ["HF_HOME"] = str(TEST_CACHE / "huggingface")
os.environ["HF_HUB_CACHE"] = str(TEST_CACHE / "huggingface" / "hub")
for _variable in ("HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE", "HF_ASSETS_CACHE", "HF_XET_CACHE"):
    os.environ.pop(_variable, None)

# Hypothesis's caches (constants, Unicode tables) go to this session's folder: nothing is written into the checkout.
set_hypothesis_home_dir(TEST_CACHE / "hypothesis")
# Failing examples are kept in the system's temporary folder (neither the checkout nor the user's home), where the
# next run on this machine replays them first; in CI (CI set) every run draws the same examples, so a failure there
# reproduces anywhere. Each failure prints its @reproduce_failure blob. No deadline: a loaded machine is no bug.
HYPOTHESIS_EXAMPLES = Path(tempfile.gettempdir()) / "summarize-hypothesis-examples"


def hypothesis_profile(environ: Mapping[str, str]) -> hypothesis_settings:
    """The suite's Hypothesis settings under these environment variables."""
    base = hypothesis_settings.get_profile("default")  # not Hypothesis's own "ci" profile, which CI would load
    if environ.get("CI"):
        return hypothesis_settings(base, derandomize=True, database=None, deadline=None, print_blob=True)
    return hypothesis_settings(base, derandomize=False, database=DirectoryBasedExampleDatabase(HYPOTHESIS_EXAMPLES),
                               deadline=None, print_blob=True)


hypothesis_settings.register_profile("summarize", hypothesis_profile(os.environ))
hypothesis_settings.load_profile("summarize")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EN_SAMPLE = SAMPLES / "khaberni-syria-russia.en.txt"
AR_SAMPLE = SAMPLES / "khaberni-syria-russia.ar.txt"
HTML_SAMPLE = SAMPLES / "khaberni-syria-russia.en.html"


def _excerpt(sample: Path, paragraphs: int = 5) -> Path:
    """The sample's first paragraphs (8 sentences of 26) as a file: tiny random models decode to their token cap,
    so a pipeline test through them costs in proportion to the sentences it reads."""
    path = TEST_CACHE / "excerpts" / sample.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(sample.read_text(encoding="utf-8").split("\n")[:paragraphs]) + "\n", encoding="utf-8")
    return path


AR_SHORT = _excerpt(AR_SAMPLE)
EN_SHORT = _excerpt(EN_SAMPLE)


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path_factory):
    """No user's config file or SUMMARIZE_* variable leaks into a test."""
    for key in list(os.environ):
        if key.startswith("SUMMARIZE_"):
            monkeypatch.delenv(key)
    empty = tmp_path_factory.getbasetemp() / "empty-config.toml"
    empty.touch()
    monkeypatch.setenv("SUMMARIZE_CONFIG", str(empty))
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """Tiny random models of every family, saved like hub models: name -> folder."""
    from .tiny_models import build_all

    return build_all(tmp_path_factory.mktemp("tiny-models"))


@pytest.fixture(scope="session", autouse=True)
def _one_torch_thread():
    """Tiny models spend their time in thread hand-offs, not arithmetic: one thread is much faster for them."""
    try:
        import torch
    except ImportError:  # the suite needs torch; .ci/run fails loudly before pytest when it is missing
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture
def fake_models():
    """`fake/echo` and `fake/truncating`, registered through the real registry for the test's duration."""
    from .fake_model import register_fakes, unregister_fakes

    built = register_fakes()
    yield built
    unregister_fakes()


@contextmanager
def deadline(seconds: int = 20):
    """Fail a test whose work is still running after `seconds` (SIGALRM), instead of hanging the suite: for the
    cost tests, which assert results, never wall time."""
    def expire(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def chat_server(tmp_path_factory):
    """`transformers serve` on 127.0.0.1 with a tiny random-weight Qwen2 chat model: (base URL, model name)."""
    from .llm_server import build_chat_model, serve, serving_available

    if serving_available():
        pytest.skip(serving_available())
    folder = build_chat_model(tmp_path_factory.mktemp("served") / "qwen2-chat")
    with serve(folder, tmp_path_factory.getbasetemp() / "transformers-serve.log") as base:
        yield base, str(folder)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Make `--dist loadgroup` keep an xdist_group on one worker again. pytest-xdist 3.8 names a test's group by
    a suffix on its node id (`...@ray`) that it writes to `item._nodeid`; pytest 9.2 keeps the id in `item._id`
    instead, so the suffix was lost and each group's tests went to both workers, each starting its own Ray or
    `transformers serve` (measured: about 20 s of the suite on 2 cores). Where xdist's suffix took, nothing
    changes here."""
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        groups = sorted({str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                         for mark in item.iter_markers("xdist_group")})
        if not groups or item.nodeid.endswith("@" + "_".join(groups)) or not hasattr(item, "_id"):
            continue
        nodeid = f"{item.nodeid}@{'_'.join(groups)}"
        item._id = type(item._id).parse(nodeid)
        assert item.nodeid == nodeid, (item.nodeid, nodeid)
