"""Sentence-pair classifiers (NLI cross-encoders): tokenize
pairs → one forward pass → probabilities per label.

Not a seq2seq model, so not a `Seq2SeqModel`: the interface is one method,
`scores(pairs)`, batched by length like generation is. The transformers
backend here imports torch and transformers only when a model loads.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..errors import ModelUnavailableError
from ..records import ModelInfo
from .base import token_batches
from .families import family
from .folder import check_folder
from .registry import NLI, REGISTERED, ModelSpec, resolve

CONTRADICTION = "contradiction"


class Classifier(ABC):
    """A loaded sentence-pair classifier: `scores` gives
    each (premise, hypothesis) its label probabilities."""

    backend = "abstract"

    def __init__(self, spec: ModelSpec, tokenizer: Any, labels: Sequence[str], *, role: str,
                 revision: str | None, batch_tokens: int) -> None:
        self.spec, self.tokenizer, self.role, self.revision = spec, tokenizer, role, revision
        self.labels = tuple(labels)  # in the order of the model's outputs, lower case
        self.batch_tokens = batch_tokens
        limit = getattr(tokenizer, "model_max_length", None) or spec.max_input_tokens
        self.max_input_tokens = min(spec.max_input_tokens, limit)

    def info(self) -> ModelInfo:
        """Provenance of this model for an output."""
        return ModelInfo(self.role, self.spec.model_id, self.revision, self.backend,
                         self.spec.family, {"labels": list(self.labels)})

    def encode(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, list[int]]]:
        """Each pair as the model reads it (premise first);
        the longer side is cut to fit the input limit."""
        if not pairs:
            return []
        found = self.tokenizer([_encodable(p) for p, _ in pairs], [_encodable(h) for _, h in pairs],
                               truncation="longest_first", max_length=self.max_input_tokens)
        keys = [k for k in found if k != "attention_mask"]
        return [{k: list(found[k][i]) for k in keys} for i in range(len(pairs))]

    def scores(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
        """Label probabilities of every pair, in the given order
        (sorted by length and batched by tokens inside)."""
        encoded = self.encode(pairs)
        results: list[dict[str, float]] = [{} for _ in encoded]
        for batch in token_batches([len(e["input_ids"]) for e in encoded], self.batch_tokens,
                                   self.max_input_tokens):
            for i, probs in zip(batch, self._probabilities([encoded[i] for i in batch])):
                results[i] = dict(zip(self.labels, (float(p) for p in probs)))
        return results

    @abstractmethod
    def _probabilities(self, batch: list[dict[str, list[int]]]) -> list[list[float]]:
        """Softmax over the labels for one batch of encoded pairs (unpadded; the backend pads)."""


def _encodable(text: str) -> str:
    # A lone surrogate (only text built in code has one)
    # is a TypeError inside the tokenizer: a "?" here.
    return text.encode("utf-8", "replace").decode("utf-8")


class TransformersClassifier(Classifier):
    """A sequence classifier run by transformers, under torch.inference_mode."""

    backend = "transformers"

    def __init__(self, spec: ModelSpec, tokenizer: Any, model: Any, *, device: str,
                 **kwargs: Any) -> None:
        labels = model_labels(model.config.id2label, spec.model_id)
        super().__init__(spec, tokenizer, labels, **kwargs)
        self.model, self.device = model, device

    def _probabilities(self, batch: list[dict[str, list[int]]]) -> list[list[float]]:
        import torch

        padded = self.tokenizer.pad(batch, padding=True, return_tensors="pt")
        with torch.inference_mode():
            logits = self.model(**{k: v.to(self.device) for k, v in padded.items()}).logits
        return logits.float().softmax(-1).cpu().tolist()


def model_labels(id2label: Mapping[Any, str], name: str) -> tuple[str, ...]:
    """The labels of a classifier's outputs in order, lower
    case; an NLI model must have a contradiction label."""
    labels = tuple(str(id2label[k]).strip().lower() for k in sorted(id2label, key=int))
    if CONTRADICTION not in labels:
        raise ModelUnavailableError(f"model {name} is not an NLI model: its labels are "
                                    f"{', '.join(labels) or 'none'}, none is {CONTRADICTION}")
    return labels


def load_classifier(name: str, *, device: str = "auto", offline_mode: bool = False,
                    batch_tokens: int = 2048, **_: Any) -> Classifier:
    """The NLI classifier a hub id or local folder names;
    ModelUnavailableError (exit 5) naming it if it cannot load."""
    from .hub import folder_for, quiet_transformers, revision_of, tokenizer_of

    spec = resolve(NLI, name)
    if spec.model_id in REGISTERED:
        return REGISTERED[spec.model_id][1](spec, role=NLI, batch_tokens=batch_tokens)
    folder = folder_for(spec, NLI, offline_mode=offline_mode)
    kind = check_folder(folder, spec.model_id)
    if family(kind).task != "classify":
        raise ModelUnavailableError(f"model {name} is a {kind} model, which writes text; "
                                    "--nli-model needs a sentence-pair classifier such as "
                                    "an XNLI mDeBERTa")
    spec = replace(spec, family=kind)
    quiet_transformers()
    tokenizer = tokenizer_of(folder, spec.model_id)
    return _load_transformers(spec, folder, tokenizer, device, role=NLI,
                              revision=revision_of(folder), batch_tokens=batch_tokens)


def _load_transformers(spec: ModelSpec, folder: Path, tokenizer: Any, device: str,
                       **kwargs: Any) -> Classifier:
    import torch
    from transformers import AutoModelForSequenceClassification

    from .hf import load_weights, pick_device

    dev = pick_device(device)
    # float32 on every device: mDeBERTa overflows in float16 (its authors advise float32,
    # microsoft/DeBERTa#77), and one forward pass per claim is cheap on a GPU either way.
    model = load_weights(AutoModelForSequenceClassification, spec, str(folder), torch.float32, dev)
    return TransformersClassifier(spec, tokenizer, model, device=dev, **kwargs)
