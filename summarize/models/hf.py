"""The transformers backend: AutoTokenizer +
AutoModelForSeq2SeqLM + generate under inference_mode."""

from __future__ import annotations

from typing import Any

from ..errors import ModelUnavailableError
from .base import GenerationOptions, Seq2SeqModel
from .families import family
from .folder import cause, check_loading_info
from .registry import ModelSpec


def pick_device(device: str) -> str:
    """'auto' is cuda when a GPU is present, else cpu."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class TransformersModel(Seq2SeqModel):
    """A seq2seq model run by transformers' own generate()."""

    backend = "transformers"

    def __init__(self, spec: ModelSpec, tokenizer: Any, model: Any, *, device: str,
                 **kwargs: Any) -> None:
        super().__init__(spec, tokenizer, **kwargs)
        self.model = model
        self.device = device
        positions = getattr(model.config, "max_position_embeddings", None)
        if positions and family(spec.family).learned_positions:
            self.max_input_tokens = min(self.max_input_tokens, positions)

    def _generate_ids(
        self, batch: list[list[int]], target_prefix: int | None, options: GenerationOptions,
        max_new_tokens: int
    ) -> list[list[int]]:
        import torch

        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        width = max(len(ids) for ids in batch)
        input_ids = torch.full((len(batch), width), pad, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, ids in enumerate(batch):  # right padding, as these encoders expect
            input_ids[row, : len(ids)] = torch.tensor(ids)
            mask[row, : len(ids)] = 1
        extra = {"forced_bos_token_id": target_prefix} if target_prefix is not None else {}
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=input_ids.to(self.device),
                attention_mask=mask.to(self.device),
                num_beams=options.num_beams,
                do_sample=False,
                max_new_tokens=max_new_tokens,
                min_new_tokens=min(options.min_new_tokens, max_new_tokens),
                # our options rule: bart-large-cnn's config would add its own min_length 56
                min_length=0,
                no_repeat_ngram_size=options.no_repeat_ngram_size,
                length_penalty=options.length_penalty,
                repetition_penalty=options.repetition_penalty,
                early_stopping=True if options.num_beams > 1 else False,
                **extra,
            )
        return out[:, 1:].cpu().tolist()  # column 0 is the decoder start token, not generated


def load(spec: ModelSpec, folder: str, tokenizer: Any, *, device: str,
         **kwargs: Any) -> TransformersModel:
    """Load the model weights from a checked local folder
    onto the device (ModelUnavailableError if it fails)."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    dev = pick_device(device)
    dtype = torch.float16 if dev.startswith("cuda") else torch.float32
    model = load_weights(AutoModelForSeq2SeqLM, spec, folder, dtype, dev)
    return TransformersModel(spec, tokenizer, model, device=dev, **kwargs)


def load_weights(auto_class: Any, spec: ModelSpec, folder: str, dtype: Any, dev: str) -> Any:
    """`auto_class.from_pretrained(folder)` in eval mode on `dev`; every failure a
    ModelUnavailableError."""
    try:
        # Mismatched shapes are reported, not raised, so
        # that the message can say which weight is wrong.
        model, info = auto_class.from_pretrained(str(folder), dtype=dtype, output_loading_info=True,
                                                 ignore_mismatched_sizes=True)
    except Exception as exc:  # noqa: BLE001 - safetensors, torch and transformers each
        # raise their own types
        raise ModelUnavailableError(f"cannot load model {spec.model_id}: {cause(exc)}") from exc
    check_loading_info(info, spec.model_id)
    try:
        return model.to(dev).eval()
    except Exception as exc:  # noqa: BLE001 - e.g. no such CUDA device, or out of its memory
        raise ModelUnavailableError(
            f"cannot put model {spec.model_id} on {dev}: {cause(exc)}") from exc
