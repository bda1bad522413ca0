"""A fake instruction model registered through the real registry (`--summary-model fake/chat`): every step but the
model runs, and every request it is sent is kept for the test to read.

Its replies are a function of the conversation (`script`): by default it answers each task as a well-behaved model
would, from the numbered lines of the article in the prompt (the summary says its first two sentences, the key
points cite the lines they copy, a translation numbers its lines back). A test gives its own script to misbehave.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from summarize.llm.chat import ChatModel, ChatOptions, Message, Reply
from summarize.models.registry import ModelSpec, register, unregister

LINE = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)
Script = Callable[[Sequence[Message], ChatOptions], "str | Reply"]


@dataclass(frozen=True)
class Request:
    """One request the fake was sent."""

    messages: tuple[Message, ...]
    options: ChatOptions

    @property
    def system(self) -> str:
        return self.messages[0].content

    @property
    def user(self) -> str:
        return next(m.content for m in self.messages if m.role == "user")

    @property
    def lines(self) -> list[tuple[int, str]]:
        """The numbered lines of the data block of its first user message."""
        return [(int(n), text) for n, text in LINE.findall(self.user)]


def task_of(messages: Sequence[Message]) -> str:
    """Which task a conversation asks, from its system prompt (as a test reads it)."""
    system = messages[0].content
    for word, task in (("translate", "translate"), ("JSON", "keypoints"), ("merge", "reduce")):
        if word in system:
            return task
    return "summary"


def well_behaved(messages: Sequence[Message], options: ChatOptions) -> str:
    """What a model that follows the prompt would say, built from the article's own lines."""
    request = Request(tuple(messages), options)
    lines, task = request.lines, task_of(messages)
    english = "in English" in request.system or "into English" in request.system
    if task == "translate":
        return "\n".join(f"[{n}] " + (f"Sentence {n} in English." if english else f"الجملة {n} بالعربية.")
                         for n, _ in lines)
    if task == "keypoints":
        return json.dumps({"points": [{"text": text if _script_fits(text, english) else f"Point of sentence {n}.",
                                       "evidence": [n]} for n, text in lines[:3]]}, ensure_ascii=False)
    said = [text for _, text in lines[:2]]
    return " ".join(t if _script_fits(t, english) else "The article reports events." for t in said)


def _script_fits(text: str, english: bool) -> bool:
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in text)
    return arabic != english


class FakeChat(ChatModel):
    """Replies by script, counts tokens as the base class estimates them, records every request."""

    backend = "fake"

    def __init__(self, spec: ModelSpec, *, role: str, context_tokens: int, script: Script) -> None:
        super().__init__(spec, role=role, context_tokens=context_tokens, revision="fake-chat-1")
        self.script = script
        self.requests: list[Request] = []
        self.served_as = spec.model_id + "@server"

    def chat(self, messages: Sequence[Message], options: ChatOptions, *, on_text=None) -> Reply:
        self.requests.append(Request(tuple(messages), options))
        out = self.script(messages, options)
        reply = out if isinstance(out, Reply) else Reply(out, self.count_tokens(messages), len(out.split()) + 1,
                                                         self.served_as)
        if on_text is not None:
            on_text(reply.text)
        return reply


class FakeChats:
    """Fake chat models registered under names, and every one built (by name, in order)."""

    def __init__(self) -> None:
        self.built: dict[str, list[FakeChat]] = {}
        self.names: list[str] = []

    def add(self, name: str = "fake/chat", script: Script = well_behaved, *, context_tokens: int = 4096) -> str:
        """Register a fake chat model; loading it builds a FakeChat with this script."""
        def build(spec: ModelSpec, *, role: str, batch_tokens: int) -> FakeChat:
            model = FakeChat(spec, role=role, context_tokens=context_tokens, script=script)
            self.built.setdefault(name, []).append(model)
            return model

        register(ModelSpec(name, family="api", licence="test", max_input_tokens=0, languages=("ar", "en"),
                           instructions=True), build)
        self.names.append(name)
        return name

    def requests(self, name: str = "fake/chat") -> list[Request]:
        """Every request the models built under this name were sent."""
        return [r for model in self.built.get(name, []) for r in model.requests]

    def close(self) -> None:
        for name in self.names:
            unregister(name)
