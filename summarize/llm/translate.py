"""An instruction model as a translator: the seq2seq interface translation drives (`generate`,
`count_tokens`, `max_input_tokens`, `info`), so `--translation-model api:NAME` (or a local chat
model) serves `translate` and every translation of `run`, with the glossary's placeholders enforced
around it as around any translation model.

Sentences go in batches of numbered lines between the data delimiters and come back as the same
numbered lines; a reply whose numbers are not exactly those sent is not guessed at: that batch is
asked again one sentence at a time, as is every sentence translation's stricter retry asks about
(`quality.generate_checked`).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

from ..models.base import Generated, GenerationOptions
from ..records import ModelInfo
from .chat import ChatModel, ChatOptions, Message
from .tasks import Prompt, Usage, ask, prompt, reply_text

__all__ = ["ChatGenerated", "ChatTranslator"]

# sentences of one request: a lost line costs a batch this size asked again one by one
LINES_PER_REQUEST = 24
# a translation may take up to twice its source's tokens (English → Arabic), plus a margin
REPLY_FACTOR = 2
_NUMBERED = re.compile(r"^\s*\[?\s*(\d{1,5})\s*[\]).:]\s?(.*)$")


@dataclasses.dataclass(frozen=True)
class ChatGenerated(Generated):
    """A sentence's translation with its share of the requests'
    tokens (so each article's record has its own)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0


class ChatTranslator:
    """A chat model behind the seq2seq model interface,
    translating numbered sentences in batches."""

    def __init__(self, model: ChatModel) -> None:
        self.chat = model
        self.spec, self.role, self.revision, self.backend = (
            model.spec, model.role, model.revision, model.backend)
        self.usage = Usage()
        blank = model.count_tokens([Message("user", "")])
        self._blank = blank
        frame = model.count_tokens(prompt("translate", "en", source="ar").messages(()))
        # a sentence, its translation and the prompt around them fit the context
        self.max_input_tokens = max(16,
                                    min(1024,
                                        (model.context_tokens - frame) // (1 + REPLY_FACTOR) - 8))
        self._spent: dict[str, tuple[int, int]] = {}  # text -> tokens of its last request's share
        # the largest reply budget a request had: what info records
        self._asked = ChatOptions(max_tokens=0)

    def count_tokens(self, text: str, src: str | None = None, tgt: str | None = None) -> int:
        """Tokens a line of this text adds to a prompt."""
        return max(1, self.chat.count_tokens([Message("user", text)]) - self._blank)

    def info(self, options: GenerationOptions | None = None) -> ModelInfo:
        """Provenance of the chat model, with the tokens
        every translation through this object took."""
        return self.chat.info(self._asked, self.usage.as_dict())

    def _options(self, tokens: int, lines: int) -> ChatOptions:
        """A request's options: greedy, its reply budget from
        what it translates (numbers and line breaks too)."""
        options = ChatOptions(max_tokens=max(64, REPLY_FACTOR * tokens + 8 * lines + 32))
        self._asked = max(self._asked, options, key=lambda o: o.max_tokens)
        return options

    def generate(self, texts: Sequence[str], options: GenerationOptions, *, src: str | None = None,
                 tgt: str | None = None) -> list[Generated]:
        """Translations of the texts, in order; a stricter
        retry (of suspect outputs) asks one text at a time."""
        if not texts:
            return []
        asked = prompt("translate", tgt or "en", source=src)
        counts = [self.count_tokens(t) for t in texts]
        strict = options.repetition_penalty > 1.0 or options.no_repeat_ngram_size > 0
        batches = [[i] for i in range(len(texts))] if strict else self._batches(counts, asked)
        out: dict[int, ChatGenerated] = {}
        missing = self._ask(asked, batches, texts, counts, out, again=strict)
        if missing:
            self._ask(asked, [[i] for i in missing], texts, counts, out, again=True)
        return [out[i] for i in range(len(texts))]

    def _batches(self, counts: Sequence[int], asked: Prompt) -> list[list[int]]:
        """Consecutive texts per request: at most LINES_PER_REQUEST,
        their prompt and reply within the context."""
        room = ((self.chat.context_tokens - self.chat.count_tokens(asked.messages(())))
                // (1 + REPLY_FACTOR))
        batches: list[list[int]] = []
        total = 0
        for i, count in enumerate(counts):
            if batches and len(batches[-1]) < LINES_PER_REQUEST and total + count + 8 <= room:
                batches[-1].append(i)
                total += count + 8
            else:
                batches.append([i])
                total = count + 8
        return batches

    def _ask(self, asked: Prompt, batches: list[list[int]], texts: Sequence[str],
             counts: Sequence[int], out: dict[int, ChatGenerated], *, again: bool) -> list[int]:
        """Ask each batch; returns the texts of batches whose reply does
        not number its lines as sent. `again`: these texts were asked
        before, and their tokens then are added to this time's."""
        conversations = [asked.messages([(k, texts[i]) for k, i in enumerate(b)]) for b in batches]
        chat_options = self._options(max(sum(counts[i] for i in b) for b in batches),
                                     max(len(b) for b in batches))
        answered = ask(self.chat, conversations, chat_options, self.usage)
        missing: list[int] = []
        for batch, reply, unread in zip(batches, answered.replies, answered.unread):
            share = sum(counts[i] for i in batch)
            for i in batch:
                before = self._spent.get(texts[i], (0, 0)) if again else (0, 0)
                self._spent[texts[i]] = (
                    before[0] + round(reply.prompt_tokens * counts[i] / share),
                    before[1] + round(reply.completion_tokens * counts[i] / share))
            lines = _lines(reply_text(reply), len(batch), len(batch) == 1)
            if lines is None:
                missing += batch
                continue
            for i, line in zip(batch, lines):
                out[i] = ChatGenerated(line, counts[i], round(counts[i] * (1.0 - unread)),
                                       self.count_tokens(line) if line else 0,
                                       *self._spent[texts[i]])
        return missing


def _lines(text: str, expected: int, alone: bool) -> list[str] | None:
    """The translated lines of a reply numbered 1..expected, or None when its numbers are not those;
    a reply to one text alone is its translation whether numbered or not."""
    numbered: dict[int, list[str]] = {}
    last = None
    for raw in text.splitlines():
        match = _NUMBERED.match(raw)
        if match and int(match.group(1)) == (last or 0) + 1:
            last = int(match.group(1))
            numbered[last] = [match.group(2)]
        elif last is not None and raw.strip():
            numbered[last].append(raw.strip())  # a translation that runs over a line break
    if alone:
        whole = " ".join(" ".join(v) for v in numbered.values()) if list(numbered) == [1] else text
        return [" ".join(whole.split())]
    if sorted(numbered) != list(range(1, expected + 1)):
        return None
    return [" ".join(" ".join(numbered[k]).split()) for k in range(1, expected + 1)]
