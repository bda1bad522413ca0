"""The chat-model interface every instruction model implements, local or behind an endpoint.

A backend implements `chat` (one conversation → one reply, optionally streamed to `on_text`);
`chat_many` runs several conversations (an endpoint keeps `--api-concurrency` of them in flight, a
local model runs them in turn). Token counts follow OpenAI's names: `prompt_tokens` and
`completion_tokens`, as the server (or the local tokenizer) reports them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from typing import Callable, Sequence

from ..models.registry import ModelSpec
from ..records import ModelInfo

API_PREFIX = "api:"  # a role's model named `api:NAME` is NAME at the endpoint of --api-base


@dataclass(frozen=True)
class Message:
    """One turn of a conversation: role is system, user or assistant."""

    role: str
    content: str


@dataclass(frozen=True)
class ChatOptions:
    """Decoding settings of one request, fixed per call
    (greedy by default: the same article, the same output)."""

    max_tokens: int = 512
    temperature: float = 0.0
    seed: int | None = 0
    json: bool = False  # ask for a JSON object (response_format where the server takes it)


@dataclass(frozen=True)
class Reply:
    """A model's answer and what it cost."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    model: str  # as the server (or the local folder) names it
    finish_reason: str = "stop"  # stop | length (the output was cut at max_tokens)
    cached: bool = False  # served from the response cache, not the model


Streamed = Callable[[str], None]  # receives each piece of the reply's text as it is written


class ChatModel(ABC):
    """A loaded instruction model: a spec, a role, its context window, and `chat`."""

    backend = "abstract"

    def __init__(self, spec: ModelSpec, *, role: str, context_tokens: int,
                 revision: str | None = None) -> None:
        self.spec = spec
        self.role = role
        self.context_tokens = context_tokens  # prompt and completion together
        self.revision = revision
        # the model's name as the server reports it, once it has answered
        self.served_as = spec.model_id

    def info(self, options: ChatOptions | None = None,
             usage: dict[str, int] | None = None) -> ModelInfo:
        """Provenance of this model for an output, with the tokens it was sent and wrote."""
        params = asdict(options) if options else {}
        return ModelInfo(self.role, self.served_as, self.revision, self.backend, self.spec.family,
                         params, usage=dict(usage or {}))

    def count_tokens(self, messages: Sequence[Message]) -> int:
        """Tokens the prompt of these messages takes: a safe over-estimate
        unless the backend knows its tokenizer (one token per 3 characters, as
        Arabic and English BPE vocabularies give at worst, plus framing)."""
        return sum(len(m.content) // 3 + 8 for m in messages) + 8

    @abstractmethod
    def chat(self, messages: Sequence[Message], options: ChatOptions, *,
             on_text: Streamed | None = None) -> Reply:
        """The model's reply to one conversation; `on_text`,
        when given, receives the text as it is written."""

    def chat_many(self, conversations: Sequence[Sequence[Message]],
                  options: ChatOptions) -> list[Reply]:
        """Replies to several conversations, in the given
        order (a local model answers them in turn)."""
        return [self.chat(messages, options) for messages in conversations]


def is_chat(model: object) -> bool:
    """Whether a loaded model is an instruction (chat) model rather than a seq2seq one."""
    return isinstance(model, ChatModel)
