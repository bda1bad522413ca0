"""What every local instruction model shares, whatever runs it: the chat
template of the model's own tokenizer, exact token counts, the context
window, the ids that end a reply, and streaming the text as it is written.

A prompt that does not leave room for the reply in the context window is refused
(IncompleteCoverageError), never cut: callers window the text by `count_tokens` first. The context
window is the context_tokens setting, else the config's position table, else the tokenizer's
model_max_length when that is a real number.
"""

from __future__ import annotations

import copy
import threading
from abc import abstractmethod
from dataclasses import replace
from typing import Any, Sequence

from ..errors import IncompleteCoverageError, ModelUnavailableError
from ..models.registry import ModelSpec
from ..records import ModelInfo
from .chat import ChatModel, ChatOptions, Message, Reply, Streamed
from .settings import ChatSettings

# prompt tokens (padded) generated together by chat_many, and never more than one context window's:
# a bounded context then bounds what one step holds (its key/value cache), not only each prompt
BATCH_TOKENS = 8192
BATCH_ROWS = 8


def context_window(settings: dict[str, Any], tokenizer: Any, chat: ChatSettings) -> tuple[int, str]:
    """(tokens, where from): the setting, else the config's
    position table, else the tokenizer's limit."""
    if chat.context_tokens:
        return chat.context_tokens, "setting"
    text_config = (settings.get("text_config")
                   if isinstance(settings.get("text_config"), dict) else {})
    positions = (settings.get("max_position_embeddings")
                 or text_config.get("max_position_embeddings"))
    if isinstance(positions, int) and positions > 0:
        return positions, "config"
    limit = getattr(tokenizer, "model_max_length", None)
    # transformers says "no limit" with a huge number
    if isinstance(limit, int) and 0 < limit < 10_000_000:
        return limit, "tokenizer"
    raise ModelUnavailableError("its context window is unknown (no max_position_embeddings "
                                "in config.json): set --context-tokens")


def stop_ids(tokenizer: Any, settings: dict[str, Any]) -> frozenset[int]:
    """The ids that end a reply: the generation config's eos ids, the tokenizer's, and the token the
    chat template closes an assistant's turn with (<|im_end|>, <|eot_id|>, <end_of_turn>)."""
    found = settings.get("eos_token_id")
    ids = set(found if isinstance(found, list) else [found] if isinstance(found, int) else [])
    if tokenizer.eos_token_id is not None:
        ids.add(tokenizer.eos_token_id)
    try:
        marker = "\u2042"  # a character no template writes, to find where the assistant's text ends
        turns = [{"role": "user", "content": "x"}, {"role": "assistant", "content": marker}]
        text = tokenizer.apply_chat_template(turns, tokenize=False)
        after = tokenizer(text.split(marker, 1)[1], add_special_tokens=False)["input_ids"]
        if after and after[0] in (set(tokenizer.all_special_ids)
                                  | set(tokenizer.added_tokens_decoder)):
            ids.add(after[0])
    except Exception:  # noqa: BLE001 - a template that refuses this probe still has its eos ids
        pass
    return frozenset(ids)


class Pieces:
    """The text of generated ids as it grows, handed to
    `on_text` in pieces that end on whole characters."""

    def __init__(self, tokenizer: Any, on_text: Streamed | None) -> None:
        self.tokenizer, self.on_text = tokenizer, on_text
        self.ids: list[int] = []
        self.sent = ""

    def add(self, ids: Sequence[int]) -> None:
        """Take new ids; send the text they complete (a
        byte split between tokens waits for the next)."""
        self.ids.extend(ids)
        text = self.tokenizer.decode(self.ids, skip_special_tokens=True)
        if not text.endswith("\ufffd"):
            self._send(text)

    def finish(self, text: str) -> None:
        """Send what the final text adds to what was sent."""
        self._send(text)

    def _send(self, text: str) -> None:
        if self.on_text is not None and text.startswith(self.sent) and len(text) > len(self.sent):
            self.on_text(text[len(self.sent):])
            self.sent = text


class LocalChatModel(ChatModel):
    """An instruction model in a local folder; a backend implements `_generate`."""

    def __init__(self, spec: ModelSpec, tokenizer: Any, *, role: str, context_tokens: int,
                 context_from: str, revision: str | None, stops: frozenset[int],
                 sampling: dict[str, Any], device: str) -> None:
        super().__init__(spec, role=role, context_tokens=context_tokens, revision=revision)
        self.tokenizer = tokenizer
        self.context_from = context_from
        self.stops = stops
        self.sampling = sampling  # the model's own repetition_penalty, top_k, top_p
        self.device = device
        # one generation at a time: threads of a batch share the model
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.spec.model_id!r})"

    def serving(self, spec: ModelSpec, role: str, context_tokens: int,
                context_from: str) -> LocalChatModel:
        """This model serving another role (spec, context
        window): the same weights, engine and lock."""
        if (spec, role, context_tokens, context_from) == (self.spec, self.role, self.context_tokens,
                                                          self.context_from):
            return self
        twin = copy.copy(self)
        twin.spec, twin.role, twin.served_as = spec, role, spec.model_id
        twin.context_tokens, twin.context_from = context_tokens, context_from
        # keeps the first alive while a twin is: the loaded-model cache holds it weakly
        twin._origin = self
        return twin

    def info(self, options: ChatOptions | None = None,
             usage: dict[str, int] | None = None) -> ModelInfo:
        """Provenance, with the context window and where it came from."""
        base = super().info(options, usage)
        return replace(base, parameters={**base.parameters, "context_tokens": self.context_tokens,
                                         "context_from": self.context_from, "device": self.device})

    def prompt_ids(self, messages: Sequence[Message]) -> list[int]:
        """The token ids of the chat template's prompt for
        these messages, the assistant's turn opened."""
        turns = [{"role": m.role, "content": m.content} for m in messages]
        try:
            text = self.tokenizer.apply_chat_template(turns, add_generation_prompt=True,
                                                      tokenize=False)
        except Exception:  # noqa: BLE001 - jinja's TemplateError: Gemma 2's template refuses
            # a system turn
            text = self._without_system(turns)
        # The template writes the special tokens (<|im_start|>,
        # <bos>) itself: the tokenizer must add none.
        return self.tokenizer(text, add_special_tokens=False)["input_ids"]

    def _without_system(self, turns: list[dict[str, str]]) -> str:
        system = "\n\n".join(t["content"] for t in turns if t["role"] == "system")
        rest = [dict(t) for t in turns if t["role"] != "system"]
        if system and rest and rest[0]["role"] == "user":
            rest[0]["content"] = f"{system}\n\n{rest[0]['content']}"
        try:
            return self.tokenizer.apply_chat_template(rest, add_generation_prompt=True,
                                                      tokenize=False)
        except Exception as exc:  # noqa: BLE001 - what the template raises is the
            # template's business
            text = " ".join(str(exc).split())[:160]
            raise ModelUnavailableError(f"model {self.spec.model_id}: its chat "
                                        "template refuses the conversation "
                                        f"({type(exc).__name__}: {text})") from None

    def count_tokens(self, messages: Sequence[Message]) -> int:
        """Tokens of the prompt exactly as the model reads it (its chat template)."""
        return len(self.prompt_ids(messages))

    def _fitted(self, messages: Sequence[Message], options: ChatOptions) -> list[int]:
        ids = self.prompt_ids(messages)
        if len(ids) + options.max_tokens > self.context_tokens:
            raise IncompleteCoverageError(
                f"model {self.spec.model_id}: a prompt of {len(ids)} tokens and "
                f"{options.max_tokens} to write do not fit its context window of "
                f"{self.context_tokens} tokens ({self.context_from}); nothing was cut")
        return ids

    def chat(self, messages: Sequence[Message], options: ChatOptions, *,
             on_text: Streamed | None = None) -> Reply:
        """The model's reply; `on_text` receives its text as it is written."""
        ids = self._fitted(messages, options)
        pieces = Pieces(self.tokenizer, on_text)
        with self._lock:
            [(out, stopped)] = self._generate([ids], options,
                                              pieces if on_text is not None else None)
        reply = self._reply(ids, out, stopped)
        pieces.finish(reply.text)
        return reply

    def chat_many(self, conversations: Sequence[Sequence[Message]],
                  options: ChatOptions) -> list[Reply]:
        """Replies in the given order; prompts of like
        length are generated together (left-padded)."""
        prompts = [self._fitted(messages, options) for messages in conversations]
        replies: list[Reply | None] = [None] * len(prompts)
        for group in self._groups([len(p) for p in prompts]):
            with self._lock:
                outputs = self._generate([prompts[i] for i in group], options, None)
            for i, (out, stopped) in zip(group, outputs):
                replies[i] = self._reply(prompts[i], out, stopped)
        return [r for r in replies if r is not None]

    def _groups(self, lengths: list[int]) -> list[list[int]]:
        """Indices shortest first, grouped so that a group padded to its
        longest holds BATCH_TOKENS and one context window at most."""
        budget = min(BATCH_TOKENS, self.context_tokens)
        groups: list[list[int]] = []
        for i in sorted(range(len(lengths)), key=lambda i: (lengths[i], i)):
            last = groups[-1] if groups else None
            if (last is None or len(last) >= BATCH_ROWS
                    or lengths[i] * (len(last) + 1) > budget
                    or not self._alike(lengths[last[0]], lengths[i])):
                groups.append([i])
            else:
                last.append(i)
        return groups

    def _alike(self, shortest: int, longest: int) -> bool:
        """Whether prompts of these lengths gain from being generated together."""
        return True

    def _reply(self, prompt: list[int], out: list[int], stopped: bool) -> Reply:
        text = self.tokenizer.decode(out, skip_special_tokens=True)
        return Reply(text=text, prompt_tokens=len(prompt), completion_tokens=len(out),
                     model=self.served_as, finish_reason="stop" if stopped else "length")

    def _until_stop(self, ids: Sequence[int]) -> tuple[list[int], bool]:
        """Generated ids before the first stop id (padding
        after it dropped), and whether one came."""
        for n, token in enumerate(ids):
            if token in self.stops:
                return list(ids[:n]), True
        return list(ids), False

    @abstractmethod
    def _generate(self, prompts: list[list[int]], options: ChatOptions,
                  pieces: Pieces | None) -> list[tuple[list[int], bool]]:
        """For each prompt, the ids written before a stop id and whether one came (at most
        options.max_tokens); `pieces`, for a single prompt, receives the ids as they are written."""


def sampling_of(settings: dict[str, Any]) -> dict[str, Any]:
    """The model's own decoding settings that apply to greedy and sampled replies alike."""
    return {key: settings[key] for key in ("repetition_penalty", "top_k", "top_p")
            if settings.get(key) is not None}
