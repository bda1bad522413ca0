"""api:NAME models: a real `transformers serve` on loopback for what works, a fault server of the tests for what
goes wrong (429, 500, a reset, a body that is not JSON, a stall), and the key kept out of everything shown."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from summarize.errors import (EndpointUnavailableError, ExitCode, IncompleteCoverageError, ModelUnavailableError,
                              UsageError)
from summarize.llm.cache import CACHE_FILE
from summarize.llm.chat import ChatOptions, Message, is_chat
from summarize.llm.endpoint import DEFAULT_CONTEXT, EndpointModel, load
from summarize.llm.http import Client, endpoint, retry_after
from summarize.llm.settings import ChatSettings
from summarize.models.loader import ModelPool
from summarize.models.registry import SUMMARY_EN, resolve

from .llm_server import FaultServer, free_port

SECRET = "sk-test-SENTINEL-6f1c2b"
ASK = [Message("system", "Summarise the article."), Message("user", "The minister said on Monday the talks went well.")]
SHORT = ChatOptions(max_tokens=8)


def model_at(base: str, name: str = "tiny", cache_dir: Path | None = None, **chat) -> EndpointModel:
    """`api:NAME` at `base` as the pool loads it (no reply cache unless a folder is given)."""
    settings = ChatSettings(api_base=base, cache=cache_dir is not None, **chat)
    return load(resolve(SUMMARY_EN, f"api:{name}"), role=SUMMARY_EN, chat=settings, cache_dir=str(cache_dir))


@pytest.fixture
def faults():
    with FaultServer() as server:
        yield server


# --- the real server -------------------------------------------------------------------------------------------

served = pytest.mark.xdist_group("llm_server")  # one worker starts the one server


@served
def test_api_model_loads_through_the_pool_and_chats(chat_server):
    base, name = chat_server
    pool = ModelPool(chat=ChatSettings(api_base=base, cache=False))
    model = pool.get(SUMMARY_EN, f"api:{name}")
    assert is_chat(model) and model.backend == "api"
    reply = model.chat(ASK, SHORT)
    assert isinstance(reply.text, str) and reply.text
    assert reply.prompt_tokens > 0 and 0 < reply.completion_tokens <= SHORT.max_tokens
    assert reply.model == name and not reply.cached
    assert reply.finish_reason in ("stop", "length")
    info = model.info(SHORT, {"prompt_tokens": reply.prompt_tokens})
    port = urlsplit(base).port
    assert info.model_id == f"api:{name}@127.0.0.1:{port}" and info.backend == "api"
    assert info.parameters["context_tokens"] == DEFAULT_CONTEXT and info.parameters["context_from"] == "default"
    assert info.usage == {"prompt_tokens": reply.prompt_tokens}


@served
def test_a_base_without_v1_is_the_same_server(chat_server):
    base, name = chat_server
    bare = base.removesuffix("/v1")
    assert endpoint(bare).base == base and endpoint(base + "/").base == base
    assert model_at(bare, name).chat(ASK, SHORT).completion_tokens > 0


@served
def test_streamed_pieces_make_the_reply(chat_server):
    base, name = chat_server
    model = model_at(base, name)
    pieces: list[str] = []
    streamed = model.chat(ASK, SHORT, on_text=pieces.append)
    assert len(pieces) > 1 and "".join(pieces) == streamed.text
    assert streamed.prompt_tokens > 0 and streamed.completion_tokens == SHORT.max_tokens  # usage from the stream
    assert streamed.finish_reason == "length"  # cut at max_tokens, and said so
    assert model.chat(ASK, SHORT).text == streamed.text  # greedy: the same reply unstreamed


@served
def test_a_model_the_server_lacks_is_exit_5_naming_what_it_has(chat_server):
    base, name = chat_server
    with pytest.raises(EndpointUnavailableError) as caught:
        model_at(base, "no-such-model")
    message = str(caught.value)
    assert caught.value.exit_code == ExitCode.MODEL_UNAVAILABLE
    assert "'no-such-model'" in message and name in message and "\n" not in message


# --- loading ---------------------------------------------------------------------------------------------------

def test_a_server_down_is_exit_5_at_once():
    with pytest.raises(EndpointUnavailableError) as caught:
        model_at(f"http://127.0.0.1:{free_port()}/v1")
    assert caught.value.exit_code == 5 and "refused the connection" in str(caught.value)
    assert "tries" not in str(caught.value)  # asked once, no backoff: the run stops at once


def test_no_api_base_is_a_usage_error():
    with pytest.raises(UsageError, match=r"api:tiny needs --api-base \(or SUMMARIZE_API_BASE\)"):
        load(resolve(SUMMARY_EN, "api:tiny"), role=SUMMARY_EN, chat=ChatSettings())


@pytest.mark.parametrize("base", ["ftp://host/v1", "http://user:hunter2@host/v1", "http://host/v1?key=hunter2",
                                  "localhost:11434"])
def test_a_base_that_is_no_server_url_is_refused_without_echoing_it(base):
    with pytest.raises(UsageError) as caught:
        endpoint(base)
    assert "hunter2" not in str(caught.value)


def test_the_context_window_comes_from_the_setting_else_the_model_list(faults):
    assert model_at(faults.base).context_tokens == 2048  # max_model_len, as vLLM lists it
    assert model_at(faults.base).info().parameters["context_from"] == "server"
    assert model_at(faults.base, context_tokens=1000).context_tokens == 1000
    faults.models[0] = {"id": "tiny:latest"}  # Ollama's name for `tiny`
    model = model_at(faults.base)
    assert (model.context_tokens, model.context_from) == (DEFAULT_CONTEXT, "default")


# --- faults and retries ----------------------------------------------------------------------------------------

def client(server: FaultServer, sleeps: list[float], timeout: float = 5) -> Client:
    return Client(server.base, timeout=timeout, sleep=sleeps.append)


BODY = {"model": "tiny", "messages": [{"role": "user", "content": "hi"}]}


def test_429_waits_what_retry_after_says(faults):
    sleeps: list[float] = []
    faults.script.extend(["429:7", "429:Wed, 21 Oct 2099 07:28:00 GMT"])
    answer = client(faults, sleeps).post("/chat/completions", BODY)
    assert answer["choices"][0]["message"]["content"] == "echo: hi"
    assert len(faults.posts()) == 3
    assert sleeps == [7.0, 30.0]  # seconds as given; a far date capped


def test_retry_after_reads_seconds_and_dates():
    assert retry_after("3") == 3.0 and retry_after("3600") == 30.0 and retry_after("soon") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412475.0) == pytest.approx(5.0)
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # past


def test_500_is_tried_again_with_backoff_then_given_up(faults):
    sleeps: list[float] = []
    faults.script.append("500")
    assert client(faults, sleeps).post("/chat/completions", BODY)["choices"]
    assert len(faults.posts()) == 2 and 0.25 <= sleeps[0] <= 0.5
    faults.script.extend(["500"] * 5)
    with pytest.raises(ModelUnavailableError, match=r"answered 500 .*the model fell over.*\(5 tries\)"):
        client(faults, sleeps).post("/chat/completions", BODY)
    assert len(faults.posts()) == 7 and len(sleeps) == 5  # 1 + 4 waits, each longer (with jitter)
    assert all(0.5 * 0.5 * 2 ** i <= s <= 0.5 * 2 ** i for i, s in enumerate(sleeps[1:]))


def test_a_reset_connection_is_tried_again(faults):
    faults.script.append("reset")
    assert model_at(faults.base).chat(ASK, SHORT).text.startswith("echo:")  # the real backoff, under a second
    assert len(faults.posts()) == 2


@pytest.mark.parametrize("action, said", [
    ("notjson", r"not JSON \(text/html: '<html><body>502 Bad Gateway"),
    ("nochoices", r"without a completion \('choices'\)"),
    ("stall:3", r"did not answer within 0.5 s \(--api-timeout\)"),
])
def test_a_reply_that_is_no_completion_is_a_clear_error_tried_once(faults, action, said):
    faults.script.append(action)
    with pytest.raises(ModelUnavailableError, match=said) as caught:
        model_at(faults.base, timeout=0.5).chat(ASK, SHORT)
    assert len(faults.posts()) == 1 and "\n" not in str(caught.value)


def test_a_server_gone_is_tried_once_after_it_was_found_gone():
    sleeps: list[float] = []
    gone = Client(f"http://127.0.0.1:{free_port()}", timeout=2, sleep=sleeps.append)
    for _ in range(2):
        with pytest.raises(ModelUnavailableError, match="refused the connection"):
            gone.post("/chat/completions", BODY)
    assert len(sleeps) == 4  # the first request's retries only: the server is known down since


def test_a_server_that_read_less_than_the_prompt_is_never_cached(faults, tmp_path):
    long = [Message("user", "The minister spoke at length about the budget. " * 20)]
    faults.script.append("usage:12")  # as Ollama reports a prompt it cut to its num_ctx
    model = model_at(faults.base, cache_dir=tmp_path)
    assert model.chat(long, SHORT).prompt_tokens == 12  # the task that asked counts it unread (test_llm_route)
    assert not model.read_whole(long, 12) and model.read_whole(long, 200)
    assert model.chat(long, SHORT).prompt_tokens > 12  # asked again: a cut reply is never cached
    assert len(faults.posts()) == 2


def test_the_token_estimate_learns_from_the_servers_counts(faults):
    text = [Message("user", "ب" * 300)]
    model = model_at(faults.base)
    before = model.count_tokens(text)
    faults.script.append("usage:600")  # a byte-level vocabulary: two tokens a character
    model.chat(text, SHORT)
    assert before < 600 <= model.count_tokens(text)


def test_a_rerun_learns_the_estimate_from_the_cache_as_from_the_server(faults, tmp_path):
    """Budgets follow the estimate and cache keys follow the budgets: a rerun must estimate as the first run did,
    or it misses its own cache."""
    text = [Message("user", "ب" * 300)]
    faults.script.append("usage:600")
    model_at(faults.base, cache_dir=tmp_path).chat(text, SHORT)
    again = model_at(faults.base, cache_dir=tmp_path)
    assert again.chat(text, SHORT).cached and again.count_tokens(text) >= 600
    assert len(faults.posts()) == 1


def test_a_stream_without_usage_is_counted(faults):
    faults.script.append("stream")
    pieces: list[str] = []
    reply = model_at(faults.base).chat(ASK, SHORT, on_text=pieces.append)
    body = faults.posts()[0]["body"]
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert pieces == ["one ", "two ", "three"] and reply.text == "one two three"
    assert reply.completion_tokens == 3 and reply.prompt_tokens > 0


# --- the reply cache -------------------------------------------------------------------------------------------

def test_a_cached_reply_asks_the_server_nothing(faults, tmp_path):
    first = model_at(faults.base, cache_dir=tmp_path).chat(ASK, SHORT)
    again = model_at(faults.base, cache_dir=tmp_path)  # a rerun: a new model, the same cache
    kept = again.chat(ASK, SHORT)
    assert len(faults.posts()) == 1 and (tmp_path / CACHE_FILE).is_file()
    assert kept.cached and not first.cached
    assert (kept.text, kept.prompt_tokens, kept.completion_tokens) == (first.text, first.prompt_tokens,
                                                                       first.completion_tokens)
    pieces: list[str] = []
    assert again.chat(ASK, SHORT, on_text=pieces.append).cached and pieces == [first.text]
    again.chat(ASK, ChatOptions(max_tokens=9))  # other options, another request
    again.chat([*ASK[:1], Message("user", "Another article.")], SHORT)
    assert len(faults.posts()) == 3


# --- in flight -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("concurrency", [1, 4])
def test_chat_many_keeps_concurrency_requests_in_flight_in_order(faults, concurrency):
    faults.script.extend(["slow:0.3"] * 8)
    conversations = [[Message("user", f"article {i}")] for i in range(8)]
    replies = model_at(faults.base, concurrency=concurrency).chat_many(conversations, SHORT)
    assert [r.text for r in replies] == [f"echo: article {i}" for i in range(8)]
    assert faults.most_in_flight == concurrency


# --- the key ---------------------------------------------------------------------------------------------------

def test_the_key_is_sent_and_never_shown(faults, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("SUMMARIZE_API_KEY", SECRET)
    caplog.set_level(logging.DEBUG)
    model = model_at(faults.base, cache_dir=tmp_path)
    reply = model.chat(ASK, SHORT)
    assert faults.requests[-1]["headers"]["Authorization"] == f"Bearer {SECRET}"
    shown = [repr(model), repr(model.client), repr(reply), json.dumps(model.info(SHORT).__dict__, default=str)]
    for action in ("401", "500", "notjson"):
        faults.script.extend([action] * 5)
        with pytest.raises(ModelUnavailableError) as caught:
            model.chat([Message("user", action)], SHORT)
        shown.append(str(caught.value))
    assert "answered 401" in shown[4] and "***" in shown[4]  # the server's echo, blanked out
    shown.append(caplog.text)
    shown.append((tmp_path / CACHE_FILE).read_bytes().decode("utf-8", "replace"))
    assert not [text for text in shown if SECRET in text]


def test_a_key_with_a_line_break_is_refused_without_showing_it(faults, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET + "\nX-Evil: 1")
    with pytest.raises(UsageError, match="OPENAI_API_KEY holds a line break") as caught:
        model_at(faults.base)
    assert SECRET not in str(caught.value)
