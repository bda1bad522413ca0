"""Finding model files (local folder, hub cache, or a download) and loading each model once per run."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import ModelUnavailableError, UsageError
from .base import Seq2SeqModel
from . import families
from .folder import cause, check_folder
from .registry import DEFAULTS, NLI, REGISTERED, ModelSpec, resolve

# What a model needs from the hub: configs, tokenizer files and one copy of the weights.
WANTED_FILES = ["*.json", "*.model", "*.spm", "*.txt", "*.safetensors", "sentencepiece*", "*.tiktoken"]
BACKENDS = ("auto", "ctranslate2", "transformers")
LOG = logging.getLogger("summarize")


def offline(settings_offline: bool) -> bool:
    """Offline when asked, or when HF_HUB_OFFLINE is set the way huggingface_hub reads it."""
    return settings_offline or os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on")


def _how_to_get(spec: ModelSpec, role: str) -> str:
    return (f"model {spec.model_id} is not available locally; run `summarize models pull {spec.model_id}` "
            f"(or `summarize models pull {role}`) with network, or pass a local model folder")


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
    """The local folder holding a spec's model files, or ModelUnavailableError saying how to get it."""
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
    """The hub commit of a cached snapshot, or a content hash of a local folder's config and file sizes."""
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
    """The revision a model id or folder resolves to now, without loading it (None when not available)."""
    folder = Path(model_id).expanduser()
    if folder.is_dir():
        return revision_of(folder)
    try:
        return revision_of(fetch(model_id, allow_download=False))
    except Exception:  # noqa: BLE001 - not cached: no revision to compare
        return None


def ctranslate2_available() -> bool:
    """Whether the CTranslate2 engine is installed (checked without importing it)."""
    from importlib.util import find_spec

    return find_spec("ctranslate2") is not None


def pick_backend(requested: str, family: str) -> str:
    """auto: CTranslate2 when installed and it converts this family, else transformers."""
    from .ct2 import SUPPORTED_FAMILIES

    if requested not in BACKENDS:
        raise UsageError(f"unknown backend {requested!r}; choose from {', '.join(BACKENDS)}")
    if requested == "auto":
        return "ctranslate2" if ctranslate2_available() and family in SUPPORTED_FAMILIES else "transformers"
    if requested == "ctranslate2" and not ctranslate2_available():
        raise UsageError("the ctranslate2 backend is not installed: pip install 'summarize[fast]'")
    return requested


def load_model(
    role: str, override: str | None, *, device: str = "auto", backend: str = "auto", offline_mode: bool = False,
    batch_tokens: int = 2048, cache_dir: str | None = None,
) -> Seq2SeqModel:
    """Load the model serving a role (its default, or the id/folder given) with the chosen backend.

    Any failure to load or convert is ModelUnavailableError naming the model and the cause. With
    backend "auto", a CTranslate2 failure falls back to transformers with one warning (on the
    `summarize` logger); the model's `backend` says which engine serves it.
    """
    quiet_transformers()
    spec = resolve(role, override)
    if spec.model_id in REGISTERED:
        return REGISTERED[spec.model_id][1](spec, role=role, batch_tokens=batch_tokens)
    folder = folder_for(spec, role, offline_mode=offline_mode)
    spec = replace(spec, family=check_folder(folder, spec.model_id))
    if families.family(spec.family).task != "seq2seq":
        raise ModelUnavailableError(f"model {spec.model_id} is a {spec.family} classifier, not a model that writes "
                                    f"text ({role})")
    tokenizer = tokenizer_of(folder, spec.model_id)
    common: dict[str, Any] = dict(role=role, revision=revision_of(folder), batch_tokens=batch_tokens)
    if pick_backend(backend, spec.family) == "ctranslate2":
        from . import ct2
        from .conversions import ConversionError

        try:
            return ct2.load(spec, folder, tokenizer, device=device, cache_dir=cache_dir, **common)
        except ConversionError as exc:
            if backend != "auto":
                raise
            LOG.warning("%s; using the transformers backend for it instead", exc)
    from . import hf

    return hf.load(spec, str(folder), tokenizer, device=device, **common)


def quiet_transformers() -> None:
    """Our own messages say what matters; transformers' notes and progress bars would drown stderr."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def tokenizer_of(folder: Path, name: str) -> Any:
    """The tokenizer in a checked model folder (ModelUnavailableError naming the model if it cannot load)."""
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(str(folder))
    except Exception as exc:  # noqa: BLE001 - tokenizers raises bare Exceptions, KeyErrors… for a corrupt file
        raise ModelUnavailableError(f"cannot load the tokenizer of model {name}: {cause(exc)}") from exc


class ModelPool:
    """Loads each (role's model, backend, device) once per run and hands out the same object after.

    A model that failed to load fails again at once for the next input, without another attempt
    (a conversion can take minutes); each input gets its own copy of the error. Work done `for_work(key)`
    (an article's route) gets first every model earlier work of the same key asked for, so a route whose last
    model failed fails the next article before its first step, not after minutes of summarising.
    """

    def __init__(self, *, device: str = "auto", backend: str = "auto", offline_mode: bool = False,
                 batch_tokens: int = 2048, cache_dir: str | None = None,
                 loader: Callable[..., Seq2SeqModel] = load_model) -> None:
        self.options = dict(device=device, backend=backend, offline_mode=offline(offline_mode), batch_tokens=batch_tokens,
                            cache_dir=cache_dir)
        self._loader = loader
        self._models: dict[tuple[str, str | None], Any] = {}
        self._failed: dict[tuple[str, str | None], ModelUnavailableError] = {}
        self._asked: dict[Any, dict[tuple[str, str | None], Callable[[], Any]]] = {}  # work key -> models
        self._work = threading.local()  # .noting: what the work this thread is doing asks for

    def get(self, role: str, override: str | None = None) -> Seq2SeqModel:
        """The model for a role, loaded on first use."""
        if role not in DEFAULTS:
            raise UsageError(f"unknown model role {role!r}")
        return self._once((role, override), lambda: self._loader(role, override, **self.options))

    def classifier(self, name: str) -> Any:
        """The NLI classifier a hub id or folder names (--nli-model), loaded on first use."""
        from .classify import load_classifier

        return self._once((NLI, name), lambda: load_classifier(name, **self.options))

    @contextmanager
    def for_work(self, key: Any) -> Iterator[None]:
        """Work known by `key`: the models earlier work of that key asked for first, then the work itself."""
        asked = self._asked.setdefault(key, {})
        for model, load in list(asked.items()):
            self._once(model, load)
        outer = getattr(self._work, "noting", None)
        self._work.noting = asked
        try:
            yield
        finally:
            self._work.noting = outer

    def _once(self, key: tuple[str, str | None], load: Callable[[], Any]) -> Any:
        noting = getattr(self._work, "noting", None)
        if noting is not None:
            noting[key] = load
        if key in self._failed:
            failed = self._failed[key]
            raise type(failed)(failed.message)
        if key not in self._models:
            try:
                self._models[key] = load()
            except ModelUnavailableError as exc:
                self._failed[key] = exc
                raise type(exc)(exc.message) from exc
        return self._models[key]
