"""The CTranslate2 backend: a transformers folder
converted once (int8 on CPU), cached, then reused."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from ..errors import ModelUnavailableError
from .base import GenerationOptions, Seq2SeqModel
from .conversions import ConversionError, cache_root, convert_once
from .families import FAMILIES, by_model_type, family
from .folder import cause, check_loading_info
from .registry import ModelSpec

SUPPORTED_FAMILIES = tuple(name for name, row in FAMILIES.items() if row.ctranslate2)
# Part of the cache key: bump it when the conversion itself changes, so no stale conversion is
# reused. v2: T5/mT5 output scaling as transformers 5 computes it (see _converter). v3: Gemma 3's
# rope thetas per layer type.
CONVERSION = "v3"


def physical_cores() -> int:
    """Physical CPU cores available to us (hyper-threads share one core's arithmetic units)."""
    try:
        allowed = os.sched_getaffinity(0)
        text = Path("/proc/cpuinfo").read_text()
    except (AttributeError, OSError):
        return max(1, (os.cpu_count() or 2) // 2)
    cores, cpu, phys = set(), None, "0"
    for line in text.splitlines():
        key, _, value = (part.strip() for part in line.partition(":"))
        if key == "processor":
            cpu = int(value)
        elif key == "physical id":
            phys = value
        elif key == "core id" and cpu in allowed:
            cores.add((phys, value))
    return max(1, min(len(cores) or len(allowed), len(allowed)))


def converted_folder(spec: ModelSpec, folder: Path, revision: str, quantization: str,
                     cache_dir: str | None) -> Path:
    """The converted model for (model id, revision, quantization), converting it on first use."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "--", spec.model_id.strip("/"))[-120:]
    root = cache_root(cache_dir) / "ctranslate2"
    target = root / CONVERSION / safe / revision / quantization

    def convert(out: Path) -> None:
        _converter(str(folder), spec.model_id).convert(str(out),
                                                       quantization=quantization, force=True)

    return convert_once(target, convert, sweep=root)


def scales_decoder_outputs(config: Any) -> bool:
    """Whether transformers multiplies T5 decoder outputs by d_model**-0.5 before the LM head.

    transformers 5 sets `tie_word_embeddings = True` on every T5 and mT5 config it
    loads (the input embeddings are always shared) and keeps the real question in
    `scale_decoder_outputs` (T5: only checkpoints saved with a tied head, not flan-t5);
    its mT5 never rescales. CTranslate2's converter still reads `tie_word_embeddings`,
    so without this it rescales flan-t5, mT5 and mt0 outputs, which flattens every
    token distribution by ~28x: greedy picks the same tokens, beam search does not.
    """
    return bool(getattr(config, "scale_decoder_outputs", False))


def told_what_transformers_does(config: Any) -> Any:
    """The config with the attributes the converter
    reads set to what transformers really computes."""
    row = by_model_type(config.model_type)
    for key, value in (row.converter_facts if row else {}).items():
        setattr(config, key, value)
    if row is not None and row.t5_scaling:
        config.tie_word_embeddings = scales_decoder_outputs(config)
    rope = getattr(config, "rope_parameters", None)
    if isinstance(rope, dict) and isinstance(rope.get("full_attention"), dict):
        # Gemma 3 in transformers 5: a rope per layer type; the converter reads the old flat
        # attributes and, without them, its own defaults.
        for key, layers in (("rope_theta", "full_attention"),
                            ("rope_local_base_freq", "sliding_attention")):
            if (rope.get(layers) or {}).get("rope_theta") is not None:
                setattr(config, key, rope[layers]["rope_theta"])
    return config


def _converter(folder: str, name: str) -> Any:
    """CTranslate2's TransformersConverter, told what transformers 5
    computes but no longer writes down, refusing weights that do not
    fit the config (transformers would make up the missing ones)."""
    from ctranslate2.converters import TransformersConverter

    from .hub import quiet_transformers

    quiet_transformers()  # an instruction model's load imports transformers only here

    class Converter(TransformersConverter):
        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            model, info = model_class.from_pretrained(model_name_or_path, output_loading_info=True,
                                                      ignore_mismatched_sizes=True, **kwargs)
            check_loading_info(info, name)
            told_what_transformers_does(model.config)
            return model

    return Converter(folder)


def model_settings(folder: Path) -> dict[str, Any]:
    """config.json overlaid with generation_config.json:
    what transformers' generate() would apply by itself."""
    merged: dict[str, Any] = {}
    for name in ("config.json", "generation_config.json"):
        try:
            merged.update(json.loads((Path(folder) / name).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    return merged


class CTranslate2Model(Seq2SeqModel):
    """A seq2seq model run by CTranslate2; tokens come
    from the model's own transformers tokenizer."""

    backend = "ctranslate2"

    def __init__(self, spec: ModelSpec, tokenizer: Any, translator: Any, *, device: str,
                 compute_type: str, forced_bos: int | None = None, positions: int | None = None,
                 **kwargs: Any) -> None:
        super().__init__(spec, tokenizer, **kwargs)
        self.translator = translator
        self.device = device
        self.compute_type = compute_type
        # transformers forces this first token from the
        # generation config (BART: <s>); CTranslate2 does not.
        self.forced_bos = forced_bos
        if positions and family(spec.family).learned_positions:
            self.max_input_tokens = min(self.max_input_tokens, positions)

    def _generate_ids(
        self, batch: list[list[int]], target_prefix: int | None, options: GenerationOptions,
        max_new_tokens: int
    ) -> list[list[int]]:
        tokens = [self.tokenizer.convert_ids_to_tokens(ids) for ids in batch]
        first = target_prefix if target_prefix is not None else self.forced_bos
        prefix = (None if first is None
                  else [[self.tokenizer.convert_ids_to_tokens(first)]] * len(batch))
        results = self.translator.translate_batch(
            tokens,
            target_prefix=prefix,
            beam_size=options.num_beams,
            # counts the prefix, as max_new_tokens does in transformers
            max_decoding_length=max_new_tokens,
            min_decoding_length=min(options.min_new_tokens, max_new_tokens),
            no_repeat_ngram_size=options.no_repeat_ngram_size,
            length_penalty=options.length_penalty,
            repetition_penalty=options.repetition_penalty,
            # never truncate: inputs are fitted to the limit before they get here
            max_input_length=0,
            max_batch_size=0,
        )
        return [self.tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results]


def pick_device(device: str) -> tuple[str, int, str]:
    """(device, index, compute type): 'auto' is CUDA when a GPU is visible; int8 on CPU, on CUDA
    int8_float16 where the GPU supports it, else float16, else float32."""
    import ctranslate2

    kind, _, index = device.partition(":")
    if kind == "auto":
        kind = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    if kind != "cuda":
        return "cpu", 0, "int8"
    supported = ctranslate2.get_supported_compute_types("cuda", int(index or 0))
    return "cuda", int(index or 0), next((t for t in ("int8_float16", "float16")
                                          if t in supported), "float32")


def open_converted(spec: ModelSpec, folder: Path, revision: str, device: str, cache_dir: str | None,
                   engine: str = "Translator") -> tuple[Any, str, str]:
    """(CTranslate2 engine, device, compute type): the folder converted once, opened as
    ctranslate2.`engine` (Translator for seq2seq models, Generator for instruction models): int8 on
    CPU, int8_float16 on CUDA.

    Raises ConversionError when CTranslate2 fails on a sound folder, ModelUnavailableError when the
    weights do not fit the config; both name the model and the cause.
    """
    import ctranslate2

    kind, index, compute_type = pick_device(device)
    try:
        path = converted_folder(spec, folder, revision, compute_type, cache_dir)
    except ModelUnavailableError:
        raise
    except Exception as exc:  # noqa: BLE001 - the converter raises whatever its model code meets
        raise ConversionError(
            f"cannot convert model {spec.model_id} for CTranslate2: {cause(exc)}") from exc
    try:
        opened = getattr(ctranslate2, engine)(
            str(path), device=kind, device_index=index, compute_type=compute_type,
            intra_threads=physical_cores() if kind == "cpu" else 1, inter_threads=1)
    except Exception as exc:  # noqa: BLE001 - RuntimeError for a bad model,
        # ValueError for a bad device…
        raise ConversionError(f"cannot load model {spec.model_id} with CTranslate2 ({path}): "
                              f"{cause(exc)}") from exc
    return opened, f"{kind}:{index}" if kind == "cuda" else kind, compute_type


def load(spec: ModelSpec, folder: Path, tokenizer: Any, *, device: str,
         cache_dir: str | None = None, **kwargs: Any) -> CTranslate2Model:
    """Convert (once) and load a seq2seq model folder with CTranslate2 (see open_converted)."""
    translator, where, compute_type = open_converted(spec, folder, kwargs["revision"],
                                                     device, cache_dir)
    settings = model_settings(folder)
    return CTranslate2Model(spec, tokenizer, translator, device=where, compute_type=compute_type,
                            forced_bos=settings.get("forced_bos_token_id"),
                            positions=settings.get("max_position_embeddings"), **kwargs)
