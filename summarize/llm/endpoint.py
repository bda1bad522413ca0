"""`api:NAME`: model NAME at an OpenAI-compatible server (--api-base), as a ChatModel.

Loading asks the server's model list once (a short timeout): a server down or a model it does not
serve is EndpointUnavailableError (exit 5, the run's error, one line). The context window is the
context_tokens setting, else what the model list says of the model (`context_length`, vLLM's
`max_model_len`, …), else DEFAULT_CONTEXT; `info().parameters` says which. A record names the model
`api:SERVED@host:port`: SERVED as the server names it in its replies, and the server, never its key.
A reply whose `usage.prompt_tokens` is fewer than the prompt can possibly hold comes from a server
that cut the prompt (Ollama keeps only the end of a prompt longer than its num_ctx, silently): it is
never cached, and the task that asked (llm/tasks.py) counts the article as not wholly read, so the
record says so and the run exits 7 unless --allow-truncation.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, Sequence

from ..errors import EndpointUnavailableError, ModelUnavailableError, UsageError
from ..models.registry import API_PREFIX, ModelSpec
from ..records import ModelInfo
from .cache import ReplyCache, cache_key
from .chat import ChatModel, ChatOptions, Message, Reply, Streamed
from .http import Client, one_line
from .settings import ChatSettings

# tokens, when neither the settings nor the server say: what Ollama gives a model by default
DEFAULT_CONTEXT = 4096
# the model list is small: a server that takes longer is down for our purposes
PREFLIGHT_SECONDS = 10.0
CONTEXT_FIELDS = ("context_length", "max_model_len", "context_window", "max_context_length")
# No tokenizer packs more than this many characters of news text into one token on average: a server
# that reports fewer prompt tokens than characters / this did not read the whole prompt.
MOST_CHARS_PER_TOKEN = 6
SHOWN_MODELS = 5  # names of the server's models an "unknown model" message lists

_slots: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


def _slots_for(base: str, concurrency: int) -> threading.BoundedSemaphore:
    """One limit per server, shared by every role's model:
    --api-concurrency requests in flight in all."""
    with _slots_lock:
        return _slots.setdefault((base, concurrency),
                                 threading.BoundedSemaphore(max(1, concurrency)))


class EndpointModel(ChatModel):
    """A model an OpenAI-compatible server serves; requests keep `concurrency` in flight at most."""

    backend = "api"

    def __init__(self, spec: ModelSpec, *, role: str, name: str, client: Client,
                 context_tokens: int, context_from: str, concurrency: int = 1,
                 cache: ReplyCache | None = None) -> None:
        super().__init__(spec, role=role, context_tokens=context_tokens)
        self.name, self.client, self.cache = name, client, cache
        self.context_from = context_from  # setting | server | default
        self.concurrency = max(1, concurrency)
        self.served_as = name
        self._slots = _slots_for(client.endpoint.base, self.concurrency)
        # the most tokens a character of a prompt took, as the server's usage reported it
        self._per_char = 0.0

    def count_tokens(self, messages: Sequence[Message]) -> int:
        """The safe estimate of the interface, raised to what the server's
        own counts have shown (a tokenizer that spends more than a token
        per three characters, as byte-level vocabularies do on Arabic)."""
        chars = sum(len(m.content) for m in messages)
        return max(super().count_tokens(messages), int(chars * self._per_char * 1.1) + 1)

    def __repr__(self) -> str:
        return f"EndpointModel({self.name!r} at {self.client.endpoint.base!r})"

    def info(self, options: ChatOptions | None = None,
             usage: dict[str, int] | None = None) -> ModelInfo:
        """Provenance: the model as the server names it at
        host:port, the context window and where it came from."""
        base = super().info(options, usage)
        where = self.client.endpoint.shown
        return replace(base, model_id=f"{API_PREFIX}{self.served_as}@{where}",
                       parameters={**base.parameters, "endpoint": where,
                                   "context_tokens": self.context_tokens,
                                   "context_from": self.context_from})

    def chat(self, messages: Sequence[Message], options: ChatOptions, *,
             on_text: Streamed | None = None) -> Reply:
        """The server's reply (or the cached one); `on_text` gets its text as it streams in."""
        key = cache_key(self.client.endpoint.base, self.name, options, messages)
        kept = self.cache.get(key) if self.cache is not None else None
        if kept is not None:
            if kept.prompt_tokens < 0:  # kept without the server's count: this run's estimate
                kept = replace(kept, prompt_tokens=self.count_tokens(messages))
            # the server's own count teaches the estimate,
            # as when it answered (same budgets, same keys)
            else:
                self._learn(messages, kept.prompt_tokens)
            if on_text is not None and kept.text:
                on_text(kept.text)
            return kept
        body = _body(self.name, messages, options, streamed=on_text is not None)
        with self._slots:
            if on_text is None:
                reply, reported = self._reply(self.client.post("/chat/completions", body), messages)
            else:
                reply, reported = self._streamed(body, messages, on_text)
        whole = not reported or self.read_whole(messages, reply.prompt_tokens)
        if reported and whole:
            self._learn(messages, reply.prompt_tokens)
        self.served_as = reply.model or self.served_as
        if self.cache is not None and whole:  # a cut prompt's reply is asked again next time
            self.cache.put(key, reply if reported else replace(reply, prompt_tokens=-1))
        return reply

    def _learn(self, messages: Sequence[Message], prompt_tokens: int) -> None:
        """Raise the estimate to what the server counted for these messages."""
        self._per_char = max(self._per_char,
                             prompt_tokens / max(1, sum(len(m.content) for m in messages)))

    def chat_many(self, conversations: Sequence[Sequence[Message]],
                  options: ChatOptions) -> list[Reply]:
        """Replies in the given order, `concurrency` of the requests in flight at once."""
        if self.concurrency == 1 or len(conversations) < 2:
            return super().chat_many(conversations, options)
        with ThreadPoolExecutor(min(self.concurrency, len(conversations)),
                                thread_name_prefix="summarize-api") as pool:
            return list(pool.map(lambda messages: self.chat(messages, options), conversations))

    def _reply(self, data: Any, messages: Sequence[Message]) -> tuple[Reply, bool]:
        """A completion's reply, and whether the server reported its token counts."""
        choice = self._choice(data)
        message = choice.get("message") if isinstance(choice.get("message"), dict) else {}
        text = message.get("content") if isinstance(message.get("content"), str) else ""
        usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
        prompt, completion = (_count(usage.get("prompt_tokens")),
                              _count(usage.get("completion_tokens")))
        reply = Reply(text, prompt if prompt is not None else self.count_tokens(messages),
                      (completion if completion is not None
                       else max(1, len(text) // 4) if text else 0),
                      _name(data.get("model")) or self.served_as,
                      choice.get("finish_reason") or "stop")
        return reply, prompt is not None

    def _choice(self, data: Any) -> dict:
        if isinstance(data, dict) and "error" in data:
            raise ModelUnavailableError(f"the model server at {self.client.endpoint.shown} "
                                        f"answered with an error: {one_line(str(data['error']))}")
        choices = data.get("choices") if isinstance(data, dict) else None
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            raise ModelUnavailableError(f"the model server at {self.client.endpoint.shown} "
                                        "answered without a completion ('choices'): "
                                        f"{one_line(str(data), 120)}")
        return choices[0]

    def _streamed(self, body: dict, messages: Sequence[Message],
                  on_text: Streamed) -> tuple[Reply, bool]:
        """Stream a reply, each piece of text to `on_text`;
        the usage of its last event, else counted."""
        pieces: list[str] = []
        seen: dict[str, Any] = {"finish": None, "usage": None, "model": None, "choices": False}

        def on_event(event: dict) -> None:
            if "error" in event:
                self._choice(event)  # raises, naming what the server said
            seen["usage"] = event.get("usage") if isinstance(event.get("usage"),
                                                             dict) else seen["usage"]
            seen["model"] = _name(event.get("model")) or seen["model"]
            for choice in event.get("choices") or []:
                seen["choices"] = True
                # `message`: a server that did not stream
                part = choice.get("delta") or choice.get("message") or {}
                if isinstance(part.get("content"), str) and part["content"]:
                    pieces.append(part["content"])
                    on_text(part["content"])
                seen["finish"] = choice.get("finish_reason") or seen["finish"]

        self.client.post("/chat/completions", body, on_event=on_event)
        if not seen["choices"]:
            self._choice({})
        usage = seen["usage"] or {}
        prompt, completion = (_count(usage.get("prompt_tokens")),
                              _count(usage.get("completion_tokens")))
        reply = Reply("".join(pieces),
                      prompt if prompt is not None else self.count_tokens(messages),
                      completion if completion is not None else len(pieces),
                      seen["model"] or self.served_as, seen["finish"] or "stop")
        return reply, prompt is not None

    @staticmethod
    def read_whole(messages: Sequence[Message], read: int) -> bool:
        """Whether a server that reports reading `read`
        prompt tokens can have read all of these messages."""
        return read >= sum(len(m.content) for m in messages) // MOST_CHARS_PER_TOKEN


def _body(name: str, messages: Sequence[Message], options: ChatOptions, *, streamed: bool) -> dict:
    body: dict[str, Any] = {"model": name,
                            "messages": [{"role": m.role, "content": m.content} for m in messages],
                            "max_tokens": options.max_tokens, "temperature": options.temperature}
    if options.seed is not None:
        body["seed"] = options.seed
    if options.json:
        body["response_format"] = {"type": "json_object"}
    if streamed:
        body.update(stream=True, stream_options={"include_usage": True})
    return body


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _name(value: Any) -> str | None:
    return one_line(value, 120) or None if isinstance(value, str) else None


def load(spec: ModelSpec, *, role: str, chat: ChatSettings,
         cache_dir: str | None = None) -> EndpointModel:
    """`api:NAME` at the server of chat.api_base, its
    presence checked in the server's model list."""
    name = spec.model_id[len(API_PREFIX):].strip()
    if not chat.api_base:
        raise UsageError(f"{API_PREFIX}{name} needs --api-base (or SUMMARIZE_API_BASE)")
    client = Client(chat.api_base, timeout=chat.timeout)
    entry = _listed(client, name, min(chat.timeout, PREFLIGHT_SECONDS))
    listed = next((entry[f] for f in CONTEXT_FIELDS if _count(entry.get(f))), None)
    context, source = ((chat.context_tokens, "setting") if chat.context_tokens else
                       (listed, "server") if listed else (DEFAULT_CONTEXT, "default"))
    cache = ReplyCache.open(cache_dir) if chat.cache else None
    return EndpointModel(spec, role=role, name=name, client=client, context_tokens=context,
                         context_from=source, concurrency=chat.concurrency, cache=cache)


def _listed(client: Client, name: str, timeout: float) -> dict:
    """The server's model-list entry of `name` (Ollama's `NAME:latest` too);
    EndpointUnavailableError if none."""
    where = client.endpoint.shown
    try:
        data = client.get("/models", timeout=timeout, tries=1)
    except ModelUnavailableError as exc:
        raise EndpointUnavailableError(exc.message) from None
    entries = data.get("data") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise EndpointUnavailableError(f"the model server at {where} answered /models without a "
                                       f"model list: is --api-base {client.endpoint.base} its "
                                       "OpenAI-compatible base?")
    ids = [str(e.get("id")) for e in entries if isinstance(e, dict) and e.get("id") is not None]
    for entry in entries:
        if isinstance(entry, dict) and entry.get("id") in (name, f"{name}:latest"):
            return entry
    has = ", ".join(one_line(i, 60) for i in ids[:SHOWN_MODELS]) + (
        f" and {len(ids) - SHOWN_MODELS} more" if len(ids) > SHOWN_MODELS else "")
    raise EndpointUnavailableError(f"the model server at {where} does not serve "
                                   f"{one_line(name, 80)!r}; it has {has or 'no models'}")
