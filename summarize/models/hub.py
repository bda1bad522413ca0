"""Where a model's files are: a local folder, the hub
cache, or a download; its revision; its tokenizer.

Below the loaders (seq2seq models in loader.py, classifiers
in classify.py), which both take their files here.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ..errors import ModelUnavailableError
from .folder import cause
from .registry import ModelSpec

# What a model needs from the hub: configs, tokenizer files and one copy of the weights.
WANTED_FILES = ["*.json", "*.model", "*.spm", "*.txt", "*.safetensors", "sentencepiece*",
                "*.tiktoken",
                # chat_template.jinja: where newer folders keep an instruction model's template
                "*.jinja"]


def offline(settings_offline: bool) -> bool:
    """Offline when asked, or when HF_HUB_OFFLINE is set the way huggingface_hub reads it."""
    return settings_offline or (os.environ.get("HF_HUB_OFFLINE", "").lower()
                                in ("1", "true", "yes", "on"))


def _how_to_get(spec: ModelSpec, role: str) -> str:
    return (f"model {spec.model_id} is not available locally; run `summarize models pull "
            f"{spec.model_id}` (or `summarize models pull {role}`) with network, "
            "or pass a local model folder")


def fetch(model_id: str, *, allow_download: bool, progress: bool = False) -> Path:
    """The local folder of a hub model: from the cache, or downloaded when allowed."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    try:
        return Path(snapshot_download(model_id, allow_patterns=WANTED_FILES, local_files_only=True))
    except (LocalEntryNotFoundError, FileNotFoundError, OSError, ValueError):
        if not allow_download:
            raise
    try:
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "0" if progress else "1")
        return Path(snapshot_download(model_id, allow_patterns=WANTED_FILES))
    except (HfHubHTTPError, OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise ModelUnavailableError(f"could not download {model_id} ({reason})") from None


def folder_for(spec: ModelSpec, role: str, *, offline_mode: bool) -> Path:
    """The local folder holding a spec's model files,
    or ModelUnavailableError saying how to get it."""
    local = Path(spec.model_id).expanduser()
    if local.is_dir():
        return local
    try:
        return fetch(spec.model_id, allow_download=not offline_mode)
    except ModelUnavailableError as exc:
        raise ModelUnavailableError(f"{exc.message}; {_how_to_get(spec, role)}") from None
    except Exception:  # noqa: BLE001 - every way of "not in the cache" means the same to the user
        raise ModelUnavailableError(_how_to_get(spec, role)) from None


def revision_of(folder: Path) -> str:
    """The hub commit of a cached snapshot, or a content
    hash of a local folder's config and file sizes."""
    if folder.parent.name == "snapshots":
        return folder.name
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(str(path.stat().st_size).encode())
            if path.suffix == ".json":
                digest.update(path.read_bytes())
    return "local-" + digest.hexdigest()[:12]


def current_revision(model_id: str) -> str | None:
    """The revision a model id or folder resolves to now,
    without loading it (None when not available)."""
    folder = Path(model_id).expanduser()
    if folder.is_dir():
        return revision_of(folder)
    try:
        return revision_of(fetch(model_id, allow_download=False))
    except Exception:  # noqa: BLE001 - not cached: no revision to compare
        return None


def quiet_transformers() -> None:
    """Our own messages say what matters; transformers'
    notes and progress bars would drown stderr."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def tokenizer_of(folder: Path, name: str) -> Any:
    """The tokenizer in a checked model folder
    (ModelUnavailableError naming the model if it cannot load)."""
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(str(folder))
    except Exception as exc:  # noqa: BLE001 - tokenizers raises bare Exceptions, KeyErrors…
        # for a corrupt file
        raise ModelUnavailableError(
            f"cannot load the tokenizer of model {name}: {cause(exc)}") from exc
