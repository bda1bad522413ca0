"""Local instruction models on CTranslate2's Generator: the folder converted once into the cache
(int8 on CPU, int8_float16 on CUDA) by the same code and cache as the seq2seq models (models/ct2.py,
models/conversions.py)."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from pathlib import Path
from typing import Any

from ..models.registry import ModelSpec
from .chat import ChatOptions
from .local_model import LocalChatModel, Pieces

# Tokens written between two trims of the heap within a reply on CPU (give_back_freed): every 8,
# 32 or never gave peaks of 2,660, 2,673 and 2,817 MiB (a 1,926-token prompt, 328 written,
# unpacked int8).
TRIM_EVERY = 8


class CTranslate2Chat(LocalChatModel):
    """A local instruction model run by ctranslate2.Generator;
    tokens from the model's own tokenizer."""

    backend = "ctranslate2"

    def __init__(self, spec: ModelSpec, tokenizer: Any, generator: Any, *, compute_type: str,
                 **kwargs: Any) -> None:
        super().__init__(spec, tokenizer, **kwargs)
        self.generator = generator
        self.compute_type = compute_type

    def _alike(self, shortest: int, longest: int) -> bool:
        # A batch forwards its prompts at once only up
        # to the shortest; the rest goes token by token.
        return longest - shortest <= max(8, shortest // 10)

    def _decoding(self, options: ChatOptions) -> dict[str, Any]:
        # Sampling is not seeded here: ctranslate2.set_random_seed
        # reaches only the calling thread, not the Generator's workers.
        # The default, temperature 0, is greedy and the same every time.
        sampled = options.temperature > 0
        return dict(
            max_length=options.max_tokens,  # new tokens only, with include_prompt_in_result=False
            sampling_topk=int(self.sampling.get("top_k") or 0) if sampled else 1,
            sampling_topp=float(self.sampling.get("top_p") or 1.0) if sampled else 1.0,
            sampling_temperature=options.temperature if sampled else 1.0,
            repetition_penalty=float(self.sampling.get("repetition_penalty") or 1.0),
            end_token=sorted(self.stops) or None,
            return_end_token=True,
            include_prompt_in_result=False,
        )

    def _generate(self, prompts: list[list[int]], options: ChatOptions,
                  pieces: Pieces | None) -> list[tuple[list[int], bool]]:
        tokens = [self.tokenizer.convert_ids_to_tokens(ids) for ids in prompts]
        decoding = self._decoding(options)
        try:
            if pieces is not None or (len(prompts) == 1 and self.device == "cpu"):
                return [self._stepwise(tokens[0], decoding, pieces)]
            results = self.generator.generate_batch(tokens, max_batch_size=0, beam_size=1,
                                                    **decoding)
            return [self._until_stop(result.sequences_ids[0]) for result in results]
        finally:
            if self.device == "cpu":
                give_back_freed()

    def _stepwise(self, tokens: list[str], decoding: dict[str, Any],
                  pieces: Pieces | None) -> tuple[list[int], bool]:
        """One prompt's reply token by token: `pieces` gets each; on CPU the heap is trimmed
        every TRIM_EVERY tokens (the cache's blocks freed as it grows)."""
        written: list[int] = []
        for step in self.generator.generate_tokens(tokens, **_for_steps(decoding)):
            written.append(step.token_id)
            if step.token_id in self.stops:
                break
            if pieces is not None:
                pieces.add([step.token_id])
            if self.device == "cpu" and TRIM_EVERY and len(written) % TRIM_EVERY == 0:
                give_back_freed()
        return self._until_stop(written)


def give_back_freed() -> None:
    """Return to the system the memory a generation freed (glibc's malloc_trim; nothing elsewhere).

    A reply's key/value cache (CTranslate2 keeps every query head's keys and values, in float32:
    344 KB a token of context for Qwen2.5-1.5B) and its prompt's activations are freed when it
    ends, but glibc keeps the blocks in its heap, where the next, longer reply cannot reuse them
    all and stacks its own on top: over five replies to prompts of 800 to 2,000 tokens the peak
    was 240 MB higher (benchmarks/README.md). A trim takes 14 to 37 ms after such a reply.
    Within a reply the cache grows by a fresh block a token and frees the last: trimmed every
    TRIM_EVERY tokens, a 1,926-token prompt's 328-token reply peaked 183 MB lower (no cost
    measurable on a shared 2-core machine: CPU time within its noise of 3 %)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


def _for_steps(decoding: dict[str, Any]) -> dict[str, Any]:
    """generate_tokens' share of generate_batch's settings (it always leaves the prompt out)."""
    return {k: v for k, v in decoding.items()
            if k not in ("return_end_token", "include_prompt_in_result")}


def load(spec: ModelSpec, folder: Path, tokenizer: Any, *, device: str, cache_dir: str | None,
         **common: Any) -> CTranslate2Chat:
    """Convert (once) and load a chat model folder with
    CTranslate2 (ConversionError when CTranslate2 fails)."""
    from ..models.ct2 import open_converted

    generator, where, compute_type = open_converted(spec, folder, common["revision"] or "local",
                                                    device, cache_dir, engine="Generator")
    if where == "cpu":  # packing the weights for MKL (default on Intel CPUs) freed the originals
        give_back_freed()
    return CTranslate2Chat(spec, tokenizer, generator, compute_type=compute_type,
                           device=where, **common)
