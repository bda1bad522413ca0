"""`summarize run` and `summarize translate` with an instruction model: the instruct routes, end to end through the
CLI with a fake chat model registered like any model (and once with a tiny local chat model, when there is one)."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest
from typer.testing import CliRunner

from summarize import api
from summarize.cli import app
from summarize.config import Settings
from summarize.llm.chat import ChatOptions, Message, Reply
from summarize.routes import route_for
from summarize.steps.instruct import instruct_key_points, instruct_summarise
from summarize.steps.keypoints import key_points
from summarize.steps.translate import read_as_written, read_in_english, translate_outputs

from . import llm_server, tiny_models
from .conftest import AR_SHORT, EN_SHORT
from .fake_chat import FakeChats, task_of, well_behaved

runner = CliRunner()
SCHEMA = json.loads(files("summarize.schema").joinpath("run.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def chats():
    made = FakeChats()
    yield made
    made.close()


def run(*args: str):
    return runner.invoke(app, ["run", *args, "--offline", "--points", "3", "-f", "json"])


def checked(doc: dict) -> dict:
    """The document, valid against the schema (the fake's backend named as a server's)."""
    for model in doc["models"].values():
        model["backend"] = "api" if model["backend"] == "fake" else model["backend"]
    jsonschema.validate(doc, SCHEMA)
    return doc


def test_run_with_an_instruction_model_for_both_roles(chats):
    chats.add()
    r = run(str(EN_SHORT), "--summary-model", "fake/chat", "--keypoints-model", "fake/chat")
    assert r.exit_code == 0, r.output
    doc = checked(json.loads(r.stdout))
    assert doc["route"] == "instruct" and doc["summary"]
    ids = {s["id"]: s["text"] for s in doc["sentences"]}
    assert len(doc["key_points"]) == 3
    for point in doc["key_points"]:
        assert point["evidence"] and point["evidence_text"] == [ids[i] for i in point["evidence"]]
    for role in ("summary", "key_points"):
        usage = doc["models"][role]["usage"]
        assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
        assert doc["models"][role]["model_id"] == "fake/chat@server"  # as the server names it
        assert doc["coverage"][role]["tokens_read"] == doc["coverage"][role]["tokens_total"] > 0
    assert {task_of(r.messages) for r in chats.requests()} == {"summary", "keypoints"}


def test_verify_checks_what_an_instruction_model_writes(chats):
    chats.add(script=lambda messages, options: ('{"points": [{"text": "The talks took 19 days.", "evidence": [1]}]}'
                                                if options.json else "The two sides met 77 times in March."))
    r = run(str(EN_SHORT), "--summary-model", "fake/chat", "--keypoints-model", "fake/chat")
    doc = checked(json.loads(r.stdout))
    found = {(f["kind"], f["text"]) for f in doc["findings"]}
    assert ("number", "77") in found and ("number", "19 days") in found  # neither figure is in the article


def test_an_arabic_article_to_english_needs_no_translation_model(chats):
    chats.add()
    r = run(str(AR_SHORT), "--to", "en", "--summary-model", "fake/chat", "--keypoints-model", "fake/chat")
    assert r.exit_code == 0, r.output  # offline, with no translation model anywhere: none was asked for
    doc = checked(json.loads(r.stdout))
    assert (doc["language"], doc["output_language"], doc["route"]) == ("ar", "en", "instruct")
    assert set(doc["models"]) == {"summary", "key_points"}
    first = chats.requests()[0]
    assert "Write in English" in first.system and "بشار" in first.user  # the article as written, English asked


def test_translate_with_an_instruction_model(chats):
    chats.add()
    r = runner.invoke(app, ["translate", str(AR_SHORT), "--to", "en", "--model", "fake/chat", "--offline",
                            "-f", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["model"]["model_id"] == "fake/chat@server" and doc["model"]["usage"]["prompt_tokens"] > 0
    assert all(p["target"].startswith("Sentence ") for p in doc["sentences"])
    assert all(task_of(r.messages) == "translate" for r in chats.requests())


def test_run_translates_outputs_and_the_article_with_an_instruction_translation_model(chats, fake_models):
    chats.add()
    r = run(str(EN_SHORT), "--to", "ar", "--summary-model", "fake/echo", "--keypoints-model", "fake/echo",
            "--translation-model", "fake/chat", "--translate")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["route"] == "summarise in en, then translate en→ar"
    assert doc["models"]["translation_of_outputs"]["usage"]["prompt_tokens"] > 0
    assert doc["models"]["translation"]["usage"]["prompt_tokens"] > 0 and doc["translation"]


def test_an_article_longer_than_the_context_is_windowed_and_fully_read(chats, tmp_path):
    chats.add(context_tokens=1200)
    article = tmp_path / "long.txt"
    article.write_text(EN_SHORT.read_text(encoding="utf-8") * 3, encoding="utf-8")
    r = run(str(article), "--summary-model", "fake/chat", "--keypoints-model", "fake/chat")
    assert r.exit_code == 0, r.output
    doc = checked(json.loads(r.stdout))
    for role in ("summary", "key_points"):
        assert doc["coverage"][role]["windows"] > 1
        assert doc["coverage"][role]["tokens_read"] == doc["coverage"][role]["tokens_total"]
    assert any(task_of(r.messages) == "reduce" for r in chats.requests())


def test_a_server_that_cut_the_prompt_is_exit_7_unless_truncation_is_allowed(chats):
    def cuts(messages, options):
        return Reply(well_behaved(messages, options), 40, 20, "m")

    chats.add(script=cuts)
    args = (str(EN_SHORT), "--summary-model", "fake/chat", "--keypoints-model", "fake/chat")
    r = run(*args)
    assert r.exit_code == 7 and "read 40 tokens" in r.stdout
    assert run(*args, "--allow-truncation").exit_code == 0


def test_a_chat_summary_with_seq2seq_key_points(chats, fake_models):
    chats.add()
    r = run(str(EN_SHORT), "--summary-model", "fake/chat", "--keypoints-model", "fake/echo")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["route"] == "instruct summary; otherwise direct"
    assert "usage" in doc["models"]["summary"] and "usage" not in doc["models"]["key_points"]
    assert {task_of(r.messages) for r in chats.requests()} == {"summary"}


def test_routes_swap_only_the_steps_a_chat_model_serves(chats):
    chats.add()
    both = Settings(summary_model="fake/chat", keypoints_model="fake/chat")
    assert route_for("ar", "en", both)[0] == route_for("ar", "ar", both)[0] == "instruct"
    name, steps = route_for("ar", "en", Settings(summary_model="fake/chat"))
    assert name == "instruct summary; otherwise translate ar→en, then summarise"
    assert steps[:3] == (read_in_english, instruct_summarise, key_points)  # flan-t5 still reads English
    _, steps = route_for("ar", "ar", Settings(summary_model="fake/chat", permissive=True))
    assert steps[:4] == (instruct_summarise, translate_outputs, read_as_written, key_points)  # no English reading
    _, steps = route_for("en", "ar", Settings(keypoints_model="api:qwen"))
    assert instruct_key_points in steps and translate_outputs in steps
    assert route_for("en", "en", Settings(summary_model="fake/chat", points=0))[0] == "instruct"
    assert route_for("en", "en", Settings(summary_model="fake/chat", method="extractive"))[0] == "extractive"


@pytest.mark.skipif(not hasattr(tiny_models, "build_qwen2_chat"), reason="no tiny local chat model to build")
def test_a_local_chat_model_folder_serves_the_instruct_route(tiny):
    folder = tiny["qwen2_chat"]
    result = api.run(EN_SHORT.read_text(encoding="utf-8"), summary_model=str(folder), keypoints_model=str(folder),
                     points=1, length="1", offline=True, backend="transformers", context_tokens=2048)
    assert result.route == "instruct"
    assert result.models["summary"].usage["prompt_tokens"] > 0
    assert result.coverage["summary"].complete
    assert all(p.evidence and p.evidence_text for p in result.key_points)  # random words: aligned, or none


def test_run_through_a_model_server_speaking_openai(chats, monkeypatch):
    """The instruct route through the real HTTP client, against the tests' loopback server answering each task as
    a well-behaved model would: the record names the model as the server does and has the server's usage."""
    def answer(body: dict, *, prompt_tokens: int | None = None) -> dict:
        messages = [Message(m["role"], m["content"]) for m in body["messages"]]
        text = well_behaved(messages, ChatOptions(json="response_format" in body))
        return {"id": "c", "object": "chat.completion", "model": "tiny-served",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": prompt_tokens or 900, "completion_tokens": 17}}

    monkeypatch.setattr(llm_server, "completion", answer)
    with llm_server.FaultServer() as server:
        r = run(str(EN_SHORT), "--summary-model", "api:tiny", "--keypoints-model", "api:tiny", "--api-base",
                server.base, "--no-api-cache")
        posts = server.posts()
    assert r.exit_code == 0, r.output
    doc = checked(json.loads(r.stdout))
    assert doc["route"] == "instruct" and len(doc["key_points"]) == 3 and all(p["evidence"] for p in doc["key_points"])
    assert doc["models"]["summary"]["usage"] == {"prompt_tokens": 900, "completion_tokens": 17}
    assert doc["models"]["key_points"]["backend"] == "api" and "tiny-served" in doc["models"]["key_points"]["model_id"]
    assert len(posts) == 2 and all(p["body"]["messages"][0]["role"] == "system" for p in posts)


def test_a_model_server_that_cut_the_prompt_keeps_the_record_and_exits_7(chats, monkeypatch):
    """Ollama's silent cut, reported by its usage (12 prompt tokens for a prompt of hundreds): the record is written
    with its coverage short, exit 7; --allow-truncation accepts it."""
    def answer(body: dict, *, prompt_tokens: int | None = None) -> dict:
        messages = [Message(m["role"], m["content"]) for m in body["messages"]]
        text = well_behaved(messages, ChatOptions(json="response_format" in body))
        return {"id": "c", "object": "chat.completion", "model": "tiny-served",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 12, "completion_tokens": 17}}

    monkeypatch.setattr(llm_server, "completion", answer)
    with llm_server.FaultServer() as server:
        args = (str(EN_SHORT), "--summary-model", "api:tiny", "--keypoints-model", "api:tiny", "--api-base",
                server.base, "--no-api-cache")
        cut, allowed = run(*args), run(*args, "--allow-truncation")
    assert cut.exit_code == 7, cut.output
    doc = json.loads(cut.stdout)
    summary = doc["coverage"]["summary"]
    assert summary["tokens_read"] < summary["tokens_total"] and "read 12 tokens" in " ".join(doc["warnings"])
    assert allowed.exit_code == 0


@pytest.mark.xdist_group("llm_server")
def test_run_against_transformers_serve_with_a_random_model(chat_server):
    """A real server with random weights: whatever it writes, the run ends with a valid record or exit 7 (its
    context is smaller than the prompt), never a traceback."""
    base, name = chat_server
    r = runner.invoke(app, ["run", str(EN_SHORT), "--offline", "--points", "1", "--length", "1", "-f", "json",
                            "--summary-model", f"api:{name}", "--keypoints-model", f"api:{name}", "--api-base", base,
                            "--no-api-cache"])
    assert r.exit_code in (0, 7), r.output
    doc = checked(json.loads(r.stdout))
    assert doc["route"] == "instruct" and doc["models"]["summary"]["usage"]["prompt_tokens"] > 0
