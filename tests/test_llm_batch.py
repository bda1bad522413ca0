"""A batch on a model server: articles worked --api-concurrency at once, the server down is exit 5 in one line
before any article, a server dying mid-batch loses nothing, and the tokens are summed in the last line."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from typer.testing import CliRunner

import summarize
from summarize.batch.run import Tally
from summarize.batch.runner import run_batch
from summarize.batch.shell import server_workers
from summarize.cli import app
from summarize.errors import EndpointUnavailableError, ExitCode
from summarize.readers import InputRef
from summarize.records import ModelInfo, Review

from .llm_server import FaultServer, free_port

runner = CliRunner()
SECRET = "sk-test-SENTINEL-93ad0e"
SENTENCES = ["The minister met union leaders in the capital on Monday.",
             "Talks on wages lasted six hours and ended without a deal.",
             "Both sides said they would meet again next week.",
             "Teachers have been on strike since the first of March.",
             "Schools in three provinces remain closed."]


def articles(folder: Path, count: int) -> Path:
    """`count` short English articles (each its own order of the sentences) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = " ".join(SENTENCES[i % 5:] + SENTENCES[:i % 5])
        (folder / f"article-{i:02d}.txt").write_text(f"Strike talks, day {i + 1}\n\n{text}\n", encoding="utf-8")
    return folder


def run(inputs: Path, out: Path, base: str, model: str = "tiny", *extra: str):
    return runner.invoke(app, ["run", str(inputs), "-o", str(out), "-f", "json", "--summary-model", f"api:{model}",
                               "--keypoints-model", f"api:{model}", "--api-base", base, *extra])


def errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("summarize: error:")]


def manifest(out: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return {Path(row["input"]).name: row for row in rows}


@pytest.fixture(autouse=True)
def _own_reply_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))


# --- the batch shell -------------------------------------------------------------------------------------------

class Busy:
    """A Process that takes a while per article and notes how many it had at once."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.now = self.most = 0
        self.lock = threading.Lock()
        self.fail_on = fail_on

    def __call__(self, batch):
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            time.sleep(0.1)
            if self.fail_on and any(a.source.endswith(self.fail_on) for a in batch):
                raise EndpointUnavailableError("the model server at 127.0.0.1:1 refused the connection")
            return [a.source for a in batch]
        finally:
            with self.lock:
                self.now -= 1


@pytest.mark.parametrize("workers", [1, 4])
def test_inputs_worked_at_once_come_out_in_input_order(tmp_path, workers):
    refs = [InputRef(str(p)) for p in sorted(articles(tmp_path / "in", 10).iterdir())]
    busy = Busy()
    outcomes = list(run_batch(refs, busy, workers=workers, max_items=1))
    assert [o.result for o in outcomes] == [r.path for r in refs]
    assert busy.most == workers


def test_a_run_wide_error_in_a_worker_stops_the_batch(tmp_path):
    refs = [InputRef(str(p)) for p in sorted(articles(tmp_path / "in", 12).iterdir())]
    busy = Busy(fail_on="article-01.txt")
    seen = []
    with pytest.raises(EndpointUnavailableError):
        for outcome in run_batch(refs, busy, workers=2):
            seen.append(outcome)
    assert len(seen) == 1  # the article before it; nothing after it is handed on


def test_only_a_server_model_makes_a_batch_work_articles_at_once():
    asked = dict(summary_model=None, keypoints_model=None, translation_model=None, judge_model=None,
                 api_concurrency=6)
    assert server_workers(SimpleNamespace(**asked)) == 1
    assert server_workers(SimpleNamespace(**{**asked, "summary_model": "./models/qwen"})) == 1
    assert server_workers(SimpleNamespace(**{**asked, "judge_model": "api:minicheck"})) == 6


def test_the_last_line_sums_the_tokens_of_every_role():
    def result(*usages):
        infos = tuple(ModelInfo("summary:en", "api:m@h:1", None, "api", "api", usage=u) for u in usages)
        return SimpleNamespace(review=lambda: Review("a.txt", models=infos))

    tally = Tally(ok=2)
    assert tally.line() == "2 ok, 0 failed, 0 skipped"  # seq2seq models only: no tokens said
    tally.add_usage(result({"prompt_tokens": 1000, "completion_tokens": 200}, {}))
    tally.add_usage(result({"prompt_tokens": 234, "completion_tokens": 367}))
    assert tally.line() == "2 ok, 0 failed, 0 skipped, 1234 prompt / 567 completion tokens"


# --- the command -----------------------------------------------------------------------------------------------

def test_the_server_down_is_exit_5_in_one_line_before_any_article(tmp_path):
    out = tmp_path / "out"
    r = run(articles(tmp_path / "in", 6), out, f"http://127.0.0.1:{free_port()}/v1", "tiny", "--api-concurrency", "3")
    assert r.exit_code == ExitCode.MODEL_UNAVAILABLE, r.output
    assert len(errors(r.output)) == 1 and "refused the connection" in r.output and "Traceback" not in r.output
    assert not any(p.suffix == ".json" for p in out.rglob("*")) and not (out / "manifest.jsonl").exists()


def test_a_model_the_server_lacks_is_exit_5_in_one_line_asking_nothing(tmp_path):
    with FaultServer() as server:
        r = run(articles(tmp_path / "in", 4), tmp_path / "out", server.base, "qwen2.5:7b")
    assert r.exit_code == ExitCode.MODEL_UNAVAILABLE, r.output
    assert len(errors(r.output)) == 1 and "does not serve 'qwen2.5:7b'; it has tiny" in r.output
    assert server.posts() == []


# The rest goes through the instruction-model route (summarize/steps/instruct.py), which sends the articles to the
# server.


def sums(out: Path) -> tuple[int, int]:
    records = [json.loads(p.read_text(encoding="utf-8")) for p in out.rglob("*.json")]
    usages = [m.get("usage") or {} for r in records for m in r["models"].values()]
    return sum(u.get("prompt_tokens", 0) for u in usages), sum(u.get("completion_tokens", 0) for u in usages)


def test_a_batch_on_a_server_records_and_sums_its_tokens_and_never_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZE_API_KEY", SECRET)
    out = tmp_path / "out"
    with FaultServer() as server:
        r = run(articles(tmp_path / "in", 3), out, server.base, "tiny", "--api-concurrency", "2")
    assert r.exit_code in (0, ExitCode.FINDINGS), r.output  # echoed prompts may not back every claim
    assert server.posts() and all(p["headers"]["Authorization"] == f"Bearer {SECRET}" for p in server.posts())
    prompt, completion = sums(out)
    assert prompt > 0 and completion > 0
    assert r.output.splitlines()[-1].endswith(f"3 ok, 0 failed, 0 skipped, {prompt} prompt / {completion} "
                                              "completion tokens")
    schema = json.loads((Path(summarize.__file__).parent / "schema" / "run.schema.json").read_text(encoding="utf-8"))
    for path in out.rglob("article-*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(record, schema)  # the endpoint and context window among the models' parameters
        assert {m["model_id"] for m in record["models"].values()} == {f"api:tiny@127.0.0.1:{server.port}"}
    shown = [r.output, *(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())]
    assert not [text for text in shown if SECRET in text]


def test_api_concurrency_works_on_that_many_articles_at_once(tmp_path):
    with FaultServer(delay=0.2) as server:
        r = run(articles(tmp_path / "in", 6), tmp_path / "out", server.base, "tiny", "--api-concurrency", "3")
    assert r.exit_code in (0, ExitCode.FINDINGS), r.output
    assert server.most_in_flight == 3


def test_a_server_dying_mid_batch_loses_nothing_and_the_rerun_resumes(tmp_path, monkeypatch):
    monkeypatch.setattr("summarize.llm.http.FIRST_WAIT", 0.01)  # the retries' backoff, short
    inputs, out = articles(tmp_path / "in", 5), tmp_path / "out"
    with FaultServer(die_after=3) as server:
        first = run(inputs, out, server.base)
        port = server.port
    assert first.exit_code == ExitCode.PARTIAL, first.output
    rows = manifest(out)
    done = {name for name, row in rows.items() if row["status"] == "ok"}
    failed = {name for name, row in rows.items() if row["status"] == "failed"}
    assert done and failed and len(done | failed) == 5
    assert all("refused the connection" in rows[name]["reason"] for name in failed)
    with FaultServer(port=port) as again:
        second = run(inputs, out, again.base)
    assert second.exit_code in (0, ExitCode.FINDINGS), second.output
    rows = manifest(out)
    assert {name for name, row in rows.items() if row["status"] == "skipped"} == done
    assert {name for name, row in rows.items() if row["status"] == "ok"} == failed
    assert len(list(out.rglob("article-*.json"))) == 5
