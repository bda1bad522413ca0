"""The inference engines, one row each, as model families
are: a new backend is a row here and its module.

`--backend` takes `auto` or a row's name (config.Settings.backend's choices come
from here), and the run document's `models[].backend` enum is checked against
the rows (tests/test_backends.py). Nothing heavy is imported here: a row names
the package that must be installed and loads through its module only when asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Callable

from ..errors import UsageError
from .families import FAMILIES


@dataclass(frozen=True)
class Backend:
    """An engine: which families it runs, the package it needs, how it loads a checked folder."""

    name: str
    runs: Callable[[str], bool]  # whether it runs a family (by name)
    # (spec, folder, tokenizer, *, device, cache_dir, role, revision, batch_tokens)
    load: Callable[..., Any]
    package: str | None = None  # the import name that must be installed (None: always there)
    install: str = ""  # how to install it, for the message when it is asked and missing


def _load_ct2(spec: Any, folder: Path, tokenizer: Any, **kwargs: Any) -> Any:
    from . import ct2

    return ct2.load(spec, folder, tokenizer, **kwargs)


def _load_hf(spec: Any, folder: Path, tokenizer: Any, *, cache_dir: str | None = None,
             **kwargs: Any) -> Any:
    from . import hf

    return hf.load(spec, str(folder), tokenizer, **kwargs)


# In order of preference for `auto`: the first installed row that runs the family.
BACKENDS: dict[str, Backend] = {b.name: b for b in (
    Backend("ctranslate2", lambda name: FAMILIES[name].ctranslate2 if name in FAMILIES else False,
            _load_ct2, package="ctranslate2", install="pip install 'summarize[fast]'"),
    Backend("transformers", lambda name: True, _load_hf),
)}
CHOICES = ("auto", *BACKENDS)  # what --backend and Settings.backend accept


def installed(package: str | None) -> bool:
    """Whether a backend's package can be imported here (checked without importing it)."""
    return package is None or find_spec(package) is not None


def pick(requested: str, family: str) -> Backend:
    """The backend asked for, or with `auto` the first installed one that runs the family."""
    if requested not in CHOICES:
        raise UsageError(f"unknown backend {requested!r}; choose from {', '.join(CHOICES)}")
    if requested == "auto":
        return next((b for b in BACKENDS.values() if installed(b.package) and b.runs(family)),
                    BACKENDS["transformers"])
    row = BACKENDS[requested]
    if not installed(row.package):
        raise UsageError(f"the {row.name} backend is not installed: {row.install}")
    return row
