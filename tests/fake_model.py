"""A fake model registered through the real registry (`--model fake/echo`): every step but the weights runs.

Its tokenizer makes a token of each word; its backend "generates" the source words back, so outputs are
predictable; `truncating` reads and says only the first half of each input, as a model past its limit does.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence

from summarize.models.base import Generated, GenerationOptions, Seq2SeqModel
from summarize.models.registry import ModelSpec, register, unregister


class WordTokenizer:
    """Words as tokens, ids given as words are first seen; id 0 ends every input."""

    model_max_length = 512
    all_special_ids = [0]

    def __init__(self) -> None:
        self.words = ["</s>"]
        self.ids = {"</s>": 0}

    def _id(self, word: str) -> int:
        if word not in self.ids:
            self.ids[word] = len(self.words)
            self.words.append(word)
        return self.ids[word]

    def __call__(self, texts: Sequence[str]) -> dict[str, list[list[int]]]:
        return {"input_ids": [[self._id(w) for w in t.split()] + [0] for t in texts]}

    def convert_tokens_to_ids(self, token: str) -> int:
        return self._id(token)

    def batch_decode(self, outputs: Sequence[Sequence[int]], skip_special_tokens: bool = True) -> list[str]:
        return [" ".join(self.words[i] for i in ids if i) for ids in outputs]


class EchoModel(Seq2SeqModel):
    """Generates its input back (capped by the decoding options): a backend of the real interface."""

    backend = "fake"

    def __init__(self, spec: ModelSpec, *, role: str, batch_tokens: int, truncating: bool = False) -> None:
        super().__init__(spec, WordTokenizer(), role=role, revision="fake-1", batch_tokens=batch_tokens)
        self.truncating = truncating
        self.calls: list[list[str]] = []

    def generate(self, texts: Sequence[str], options: GenerationOptions, **kwargs: Any) -> list[Generated]:
        self.calls.append(list(texts))
        out = super().generate(texts, options, **kwargs)
        return [replace(g, tokens_read=g.input_tokens // 2) for g in out] if self.truncating else out

    def _generate_ids(self, batch: list[list[int]], target_prefix: int | None, options: GenerationOptions,
                      max_new_tokens: int) -> list[list[int]]:
        keep = (lambda ids: ids[: len(ids) // 2]) if self.truncating else (lambda ids: ids)
        return [keep(ids[:-1])[:max_new_tokens] for ids in batch]


def register_fakes() -> dict[str, EchoModel]:
    """Register `fake/echo` and `fake/truncating` for every role; returns the models built, by id."""
    built: dict[str, EchoModel] = {}

    def factory(truncating: bool):
        def build(spec: ModelSpec, *, role: str, batch_tokens: int) -> EchoModel:
            built[spec.model_id] = EchoModel(spec, role=role, batch_tokens=batch_tokens, truncating=truncating)
            return built[spec.model_id]
        return build

    for name, truncating in (("fake/echo", False), ("fake/truncating", True)):
        register(ModelSpec(name, family="bart", licence="test", languages=("ar", "en")), factory(truncating))
    return built


def unregister_fakes() -> None:
    for name in ("fake/echo", "fake/truncating"):
        unregister(name)
