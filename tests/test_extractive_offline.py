"""What `run --method extractive` needs (issue 26): nothing in the article's own language; with --to another
language, the translation model of that direction, named in one line with exit 5 when it is not available offline."""

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from summarize.cli import app

from .conftest import AR_SHORT, EN_SHORT


def summarize_cli(*args: str) -> subprocess.CompletedProcess:
    """The command as a newcomer types it, without --offline: HF_HUB_OFFLINE and the tests' empty model cache."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "summarize", *args], capture_output=True, env=env, timeout=120)


def test_extractive_in_the_articles_own_language_needs_no_model():
    for sample in (AR_SHORT, EN_SHORT):
        r = CliRunner().invoke(app, ["run", str(sample), "--method", "extractive", "-f", "json", "--offline"])
        assert r.exit_code == 0, r.output
        doc = json.loads(r.stdout)
        assert doc["route"] == "extractive" and doc["summary"]


def test_extractive_to_another_language_names_the_missing_translation_model_in_one_line():
    r = summarize_cli("run", str(AR_SHORT), "--method", "extractive", "--to", "en")
    lines = r.stderr.decode("utf-8").splitlines()
    assert r.returncode == 5 and r.stdout == b"" and len(lines) == 1, r.stderr
    assert "Helsinki-NLP/opus-mt-tc-big-ar-en" in lines[0] and "summarize models pull" in lines[0]


def test_extractive_to_another_language_runs_offline_with_a_local_translation_model(tiny):
    r = CliRunner().invoke(app, ["run", str(AR_SHORT), "--method", "extractive", "--to", "en", "--translation-model",
                                 str(tiny["marian"]), "-f", "json", "--offline"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["route"] == "extractive, translated ar→en" and doc["output_language"] == "en"
