"""benchmarks/extractive_bench.py scores the key points and the summary the CLI prints (issue 25)."""

import importlib.util
import json
from pathlib import Path

from typer.testing import CliRunner

from summarize.cli import app

from .test_extractive_news import BRIEF

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "extractive_bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("extractive_bench", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_scores_what_the_cli_prints(tmp_path):
    article = tmp_path / "brief.txt"
    article.write_text(BRIEF, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(article), "--method", "extractive", "--points", "3", "--length", "3",
                                      "-f", "json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    got = _bench().cli(BRIEF, 3)
    assert got["key points"][0] == "\n".join(p["text"] for p in printed["key_points"])
    assert got["summary"][0] == printed["summary"]
    assert got["key points"][1] == sorted(i for p in printed["key_points"] for i in p["evidence"])
