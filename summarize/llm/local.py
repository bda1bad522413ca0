"""Local instruction models (Qwen2, Llama, Gemma folders): `load` picks the backend, transformers'
generate (here) or CTranslate2's Generator (ct2_chat.py); what both share (template, counts,
context) is local_model.py."""

from __future__ import annotations

import logging
import threading
import weakref
from pathlib import Path
from typing import Any

from ..errors import ModelUnavailableError
from ..models.registry import ModelSpec
from .chat import ChatOptions
from .local_model import LocalChatModel, Pieces, context_window, sampling_of, stop_ids
from .settings import ChatSettings

LOG = logging.getLogger("summarize")
# Loaded models by (folder, revision, backend, device, cache), while any role holds one.
_LOADED: weakref.WeakValueDictionary[tuple, LocalChatModel] = weakref.WeakValueDictionary()
_LOADING = threading.Lock()


class TransformersChat(LocalChatModel):
    """A local instruction model run by transformers' generate (AutoModelForCausalLM)."""

    backend = "transformers"

    def __init__(self, spec: ModelSpec, tokenizer: Any, model: Any, **kwargs: Any) -> None:
        super().__init__(spec, tokenizer, **kwargs)
        self.model = model

    def _generate(self, prompts: list[list[int]], options: ChatOptions,
                  pieces: Pieces | None) -> list[tuple[list[int], bool]]:
        import torch

        pad = (self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None
               else min(self.stops, default=0))
        width = max(len(ids) for ids in prompts)
        input_ids = torch.full((len(prompts), width), pad, dtype=torch.long)
        mask = torch.zeros((len(prompts), width), dtype=torch.long)
        # left padding: every row's next token is at the same column
        for row, ids in enumerate(prompts):
            input_ids[row, width - len(ids):] = torch.tensor(ids)
            mask[row, width - len(ids):] = 1
        sampled = options.temperature > 0
        if sampled and options.seed is not None:
            torch.manual_seed(options.seed)
        # Every setting given: values left unset would come
        # from the model's generation config (Qwen samples).
        extra = dict(temperature=options.temperature, top_k=self.sampling.get("top_k"),
                     top_p=self.sampling.get("top_p")) if sampled else {}
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=input_ids.to(self.device), attention_mask=mask.to(self.device),
                do_sample=sampled, num_beams=1, max_new_tokens=options.max_tokens, min_new_tokens=0,
                repetition_penalty=self.sampling.get("repetition_penalty") or 1.0,
                eos_token_id=sorted(self.stops) or None, pad_token_id=pad,
                streamer=_streamer(pieces, self.stops) if pieces is not None else None, **extra)
        return [self._until_stop(row) for row in out[:, width:].cpu().tolist()]


def _streamer(pieces: Pieces, stops: frozenset[int]) -> Any:
    """A transformers streamer feeding `pieces` the ids before
    a stop id (its first call is the prompt: skipped)."""
    from transformers.generation.streamers import BaseStreamer

    class Streamer(BaseStreamer):
        prompt_seen = stopped = False

        def put(self, value: Any) -> None:
            if self.prompt_seen and not self.stopped:
                ids = value.reshape(-1).tolist()
                self.stopped = any(i in stops for i in ids)
                pieces.add([i for i in ids if i not in stops])
            self.prompt_seen = True

        def end(self) -> None:
            pass

    return Streamer()


def load(spec: ModelSpec, folder: Path, *, role: str, backend: str = "auto", device: str = "auto",
         chat: ChatSettings | None = None, cache_dir: str | None = None,
         revision: str | None = None) -> LocalChatModel:
    """A chat model of a checked local folder, on CTranslate2 (auto, when installed and the family
    converts, falling back with one warning if conversion fails) or transformers. Roles given the
    same folder share its weights and tokenizer (one load)."""
    from ..models import backends
    from ..models.ct2 import model_settings

    settings = model_settings(folder)
    key = (str(folder), revision, backend, device, cache_dir)
    # one instruction model for every role is the usual case: its weights are loaded once
    with _LOADING:
        shared = _LOADED.get(key)
        engine = backends.pick(backend, spec.family).name
        tokenizer = shared.tokenizer if shared is not None else tokenizer_for(folder, spec, engine)
        if not getattr(tokenizer, "chat_template", None):
            raise ModelUnavailableError(f"model {spec.model_id} has no chat template "
                                        "(chat_template in tokenizer_config.json or "
                                        "chat_template.jinja): not an instruction model?")
        try:
            context, source = context_window(settings, tokenizer, chat or ChatSettings())
        except ModelUnavailableError as exc:
            raise ModelUnavailableError(f"model {spec.model_id}: {exc.message}") from None
        if shared is None:
            common: dict[str, Any] = dict(role=role, context_tokens=context, context_from=source,
                                          revision=revision, stops=stop_ids(tokenizer, settings),
                                          sampling=sampling_of(settings))
            shared = _LOADED[key] = _engine(spec, folder, tokenizer, engine, backend, device,
                                            cache_dir, common)
    return shared.serving(spec, role, context, source)


def tokenizer_for(folder: Path, spec: ModelSpec, engine: str) -> Any:
    """The folder's tokenizer: read without transformers (and so without torch) for CTranslate2
    when the folder has tokenizer.json, else transformers' own."""
    from ..models.folder import cause
    from ..models.hub import quiet_transformers, tokenizer_of
    from .chat_tokenizer import read

    if engine == "ctranslate2":
        try:
            own = read(folder)
        except Exception as exc:  # noqa: BLE001 - tokenizers raises bare Exceptions for a bad file
            raise ModelUnavailableError(f"cannot load the tokenizer of model {spec.model_id}: "
                                        f"{cause(exc)}") from exc
        if own is not None:
            return own
    quiet_transformers()
    return tokenizer_of(folder, spec.model_id)


def _engine(spec: ModelSpec, folder: Path, tokenizer: Any, engine: str, backend: str,
            device: str, cache_dir: str | None, common: dict[str, Any]) -> LocalChatModel:
    from ..models.conversions import ConversionError

    if engine == "ctranslate2":
        from .ct2_chat import load as load_ct2

        try:
            return load_ct2(spec, folder, tokenizer, device=device, cache_dir=cache_dir, **common)
        except ConversionError as exc:
            if backend != "auto":
                raise
            LOG.warning("%s; using the transformers backend for it instead", exc)
            tokenizer = tokenizer_for(folder, spec, "transformers")
    return _load_transformers(spec, folder, tokenizer, device=device, **common)


def _load_transformers(spec: ModelSpec, folder: Path, tokenizer: Any, *, device: str,
                       **common: Any) -> TransformersChat:
    import torch
    from transformers import AutoModelForCausalLM

    from ..models.hf import load_weights, pick_device

    dev = pick_device(device)
    dtype = torch.float16 if dev.startswith("cuda") else torch.float32
    model = load_weights(AutoModelForCausalLM, spec, str(folder), dtype, dev)
    return TransformersChat(spec, tokenizer, model, device=dev, **common)
