"""The model interface: tokenize → generate → decode,
batched by tokens, with language tokens per family.

A backend implements one method, `_generate_ids`; everything around it (language tokens, sorting by
length, token-budget batches, order restored, caps on new tokens, coverage) is shared here.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any, Sequence

from ..records import ModelInfo
from .families import language_tokens
from .registry import ModelSpec

@dataclass(frozen=True)
class GenerationOptions:
    """Decoding settings, fixed per call; new tokens
    are capped at `ratio * input + slack` per batch."""

    num_beams: int = 4
    max_new_tokens: int = 256
    min_new_tokens: int = 0
    no_repeat_ngram_size: int = 0
    length_penalty: float = 1.0
    repetition_penalty: float = 1.0
    ratio: float | None = None  # None: max_new_tokens alone caps the output
    slack: int = 10


@dataclass(frozen=True)
class Generated:
    """One output and what the model read of its input."""

    text: str
    input_tokens: int
    tokens_read: int
    output_tokens: int


def token_batches(lengths: Sequence[int], batch_tokens: int,
                  max_input_tokens: int) -> list[list[int]]:
    """Indices of inputs grouped shortest first so that each batch, padded to its longest, holds at
    most `batch_tokens` tokens (an input longer than that is a batch of its own)."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        width = min(lengths[i], max_input_tokens)
        if current and width * (len(current) + 1) > batch_tokens:
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


class Seq2SeqModel(ABC):
    """A loaded seq2seq model with its tokenizer;
    generation is batched and ordered for the caller."""

    backend = "abstract"

    def __init__(self, spec: ModelSpec, tokenizer: Any, *, role: str, revision: str | None,
                 batch_tokens: int) -> None:
        self.spec = spec
        self.tokenizer = tokenizer
        self.role = role
        self.revision = revision
        self.batch_tokens = batch_tokens
        limit = getattr(tokenizer, "model_max_length", None) or spec.max_input_tokens
        self.max_input_tokens = min(spec.max_input_tokens,
                                    limit if limit < 1_000_000 else spec.max_input_tokens)

    def info(self, options: GenerationOptions | None = None) -> ModelInfo:
        """Provenance of this model for an output."""
        params = asdict(options) if options else {}
        return ModelInfo(self.role, self.spec.model_id, self.revision, self.backend,
                         self.spec.family, params)

    def encode(self, texts: Sequence[str], src: str | None = None,
               tgt: str | None = None) -> list[list[int]]:
        """Token ids of each text as the model will read it, language tokens included."""
        lang = language_tokens(self.spec.family, self.tokenizer, src, tgt)
        if lang.src_lang:
            self.tokenizer.src_lang = lang.src_lang
        return [list(ids)
                for ids in self.tokenizer([lang.text_prefix + t for t in texts])["input_ids"]]

    def count_tokens(self, text: str, src: str | None = None, tgt: str | None = None) -> int:
        """How many tokens the model reads for this text (specials included)."""
        return len(self.encode([text], src, tgt)[0])

    def generate(
        self, texts: Sequence[str], options: GenerationOptions, *, src: str | None = None,
        tgt: str | None = None
    ) -> list[Generated]:
        """Generate for every text: sorted by length,
        batched by tokens, returned in the given order."""
        encoded = self.encode(texts, src, tgt)
        lang = language_tokens(self.spec.family, self.tokenizer, src, tgt)
        prefix = (self.tokenizer.convert_tokens_to_ids(lang.target_token)
                  if lang.target_token else None)
        results: list[Generated | None] = [None] * len(texts)
        for batch in self._batches(encoded):
            ids = [self._clip(encoded[i]) for i in batch]
            longest = max(len(x) for x in ids)
            cap = options.max_new_tokens
            if options.ratio is not None:
                cap = min(cap, math.ceil(options.ratio * longest) + options.slack)
            outputs = self._generate_ids(ids, prefix, options, max(cap, options.min_new_tokens))
            decoded = self.tokenizer.batch_decode(outputs, skip_special_tokens=True)
            for i, out_ids, text in zip(batch, outputs, decoded):
                n_out = sum(1 for t in out_ids if t not in self._special_ids)
                read = min(len(encoded[i]), self.max_input_tokens)
                results[i] = Generated(text.strip(), len(encoded[i]), read, n_out)
        return [r for r in results if r is not None]

    def _clip(self, ids: list[int]) -> list[int]:
        # A safeguard only: callers fit sentences to the
        # limit first, and coverage reports any clipping.
        return (ids if len(ids) <= self.max_input_tokens
                else ids[: self.max_input_tokens - 1] + ids[-1:])

    @cached_property
    def _special_ids(self) -> frozenset[int]:
        # Once: some tokenizers (NLLB: 200+ language codes)
        # rebuild this list on every access (~60 µs).
        return frozenset(getattr(self.tokenizer, "all_special_ids", []))

    def _batches(self, encoded: list[list[int]]) -> list[list[int]]:
        return token_batches([len(ids) for ids in encoded], self.batch_tokens,
                             self.max_input_tokens)

    @abstractmethod
    def _generate_ids(
        self, batch: list[list[int]], target_prefix: int | None, options: GenerationOptions,
        max_new_tokens: int
    ) -> list[list[int]]:
        """Output ids for one batch of input ids (unpadded; the backend pads): the generated tokens
        only, forced first token (`target_prefix`) included, decoder start token excluded."""
