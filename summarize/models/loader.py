"""Loading each model once per run: a seq2seq model with
the backend asked for, its files found by `hub`."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Callable, Iterator

from ..errors import ModelUnavailableError, UsageError
from . import backends, families
from .backends import CHOICES as BACKENDS
from .base import Seq2SeqModel
from .folder import check_folder
from .hub import folder_for, offline, quiet_transformers, revision_of, tokenizer_of
from .registry import DEFAULTS, JUDGE, NLI, REGISTERED, resolve
from ..llm.settings import ChatSettings

LOG = logging.getLogger("summarize")


def pick_backend(requested: str, family: str) -> str:
    """auto: the first installed backend that runs this family (CTranslate2, else transformers)."""
    return backends.pick(requested, family).name


def load_model(
    role: str, override: str | None, *, device: str = "auto", backend: str = "auto",
    offline_mode: bool = False, batch_tokens: int = 2048, cache_dir: str | None = None,
    chat: ChatSettings | None = None,
) -> Seq2SeqModel:
    """Load the model serving a role (its default, or the id/folder given) with the chosen backend.

    An instruction model (`api:NAME`, or a folder of a chat family) comes back as a
    `llm.chat.ChatModel`. Any failure to load or convert is ModelUnavailableError naming the model
    and the cause. With backend "auto", a CTranslate2 failure falls back to transformers with one
    warning (on the `summarize` logger); the model's `backend` says which engine serves it.
    """
    spec = resolve(role, override)
    if spec.model_id in REGISTERED:
        return REGISTERED[spec.model_id][1](spec, role=role, batch_tokens=batch_tokens)
    if spec.family == "api":  # a model server: nothing of transformers or torch is imported for it
        from ..llm.endpoint import load as load_endpoint

        return load_endpoint(spec, role=role, chat=chat or ChatSettings(), cache_dir=cache_dir)
    folder = folder_for(spec, role, offline_mode=offline_mode)
    spec = replace(spec, family=check_folder(folder, spec.model_id))
    if families.family(spec.family).task == "chat":  # reads its tokenizer itself (on CTranslate2
        # without transformers, so without torch)
        from ..llm.local import load as load_local

        return load_local(spec, folder, role=role, backend=backend, device=device,
                          chat=chat or ChatSettings(), cache_dir=cache_dir,
                          revision=revision_of(folder))
    quiet_transformers()
    if families.family(spec.family).task != "seq2seq":
        raise ModelUnavailableError(f"model {spec.model_id} is a {spec.family} classifier, "
                                    f"not a model that writes text ({role})")
    tokenizer = tokenizer_of(folder, spec.model_id)
    common: dict[str, Any] = dict(role=role, revision=revision_of(folder),
                                  batch_tokens=batch_tokens)
    chosen = backends.pick(backend, spec.family)
    if chosen.name != "transformers":
        from .conversions import ConversionError

        try:
            return chosen.load(spec, folder, tokenizer, device=device,
                               cache_dir=cache_dir, **common)
        except ConversionError as exc:
            if backend != "auto":
                raise
            LOG.warning("%s; using the transformers backend for it instead", exc)
    return backends.BACKENDS["transformers"].load(spec, folder, tokenizer, device=device, **common)


class ModelPool:
    """Loads each (role's model, backend, device) once per run and hands out the same object after.

    A model that failed to load fails again at once for the next input, without another attempt (a
    conversion can take minutes); each input gets its own copy of the error. Work done
    `for_work(key)` (an article's route) gets first every model earlier work of the same key asked
    for, so a route whose last model failed fails the next article before its first step, not after
    minutes of summarising. Articles worked in threads (a batch on a model server) share one pool: a
    model several ask for at once loads once.
    """

    def __init__(self, *, device: str = "auto", backend: str = "auto", offline_mode: bool = False,
                 batch_tokens: int = 2048, cache_dir: str | None = None,
                 chat: ChatSettings | None = None,
                 loader: Callable[..., Seq2SeqModel] = load_model) -> None:
        self.options = dict(device=device, backend=backend, offline_mode=offline(offline_mode),
                            batch_tokens=batch_tokens, cache_dir=cache_dir, chat=chat)
        self._loader = loader
        self._models: dict[tuple[str, str | None], Any] = {}
        self._failed: dict[tuple[str, str | None], ModelUnavailableError] = {}
        # work key -> models
        self._asked: dict[Any, dict[tuple[str, str | None], Callable[[], Any]]] = {}
        self._work = threading.local()  # .noting: what the work this thread is doing asks for
        # threads asking at once load it once
        self._loading: dict[tuple[str, str | None], threading.RLock] = {}
        self._lock = threading.Lock()

    def get(self, role: str, override: str | None = None) -> Seq2SeqModel:
        """The model for a role, loaded on first use."""
        if role not in DEFAULTS:
            raise UsageError(f"unknown model role {role!r}")
        return self._once((role, override), lambda: self._loader(role, override, **self.options))

    def classifier(self, name: str) -> Any:
        """The NLI classifier a hub id or folder names (--nli-model), loaded on first use."""
        from .classify import load_classifier

        return self._once((NLI, name), lambda: load_classifier(name, **self.options))

    def judge(self, name: str) -> Any:
        """The instruction model a folder, hub id or api:NAME
        names (--judge-model), loaded on first use."""
        return self._once((JUDGE, name), lambda: self._loader(JUDGE, name, **self.options))

    @contextmanager
    def for_work(self, key: Any) -> Iterator[None]:
        """Work known by `key`: the models earlier work of
        that key asked for first, then the work itself."""
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
        with self._lock:
            loading = self._loading.setdefault(key, threading.RLock())
        with loading:
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
