"""Test-wide settings: no network, no user config, real samples at hand."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EN_SAMPLE = SAMPLES / "khaberni-syria-russia.en.txt"
AR_SAMPLE = SAMPLES / "khaberni-syria-russia.ar.txt"
HTML_SAMPLE = SAMPLES / "khaberni-syria-russia.en.html"


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
