"""`summarize models`: what each role uses, whether it is cached, and downloading it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import ModelUnavailableError, UsageError
from .families import family
from .hub import fetch, offline
from .registry import ALTERNATIVES, DEFAULTS, HUB_ID, ModelSpec


@dataclass(frozen=True)
class ModelRow:
    """One line of `summarize models list`."""

    role: str
    model_id: str
    family: str
    licence: str
    commercial_use: bool
    params_m: int
    cached: bool
    size_mb: float | None
    note: str


def _cached_folder(model_id: str) -> Path | None:
    try:
        return fetch(model_id, allow_download=False)
    except Exception:  # noqa: BLE001 - any failure to find it locally means "not cached"
        return None


def _size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 1)


def _row(role: str, spec: ModelSpec) -> ModelRow:
    folder = _cached_folder(spec.model_id)
    return ModelRow(role, spec.model_id, spec.family, spec.licence, spec.commercial_use,
                    spec.params_m, folder is not None,
                    _size_mb(folder) if folder else None, spec.note)


def catalog(*, include_alternatives: bool = False) -> list[ModelRow]:
    """Each role's default (and, if asked, the alternatives), with licence and cache state."""
    rows = [_row(role, spec) for role, spec in DEFAULTS.items()]
    if include_alternatives:
        rows += [_row("instruction" if family(spec.family).task == "chat" else "alternative", spec)
                 for spec in ALTERNATIVES.values()]
    return rows


def pull(names: Sequence[str], *, progress: bool = True) -> Iterator[tuple[str, Path]]:
    """Download roles' default models or named hub ids into the cache; yields (id, folder)."""
    if offline(False):
        raise ModelUnavailableError("offline (HF_HUB_OFFLINE is set): cannot download models")
    ids = []
    for name in names or list(DEFAULTS):
        if name in DEFAULTS:
            ids.append(DEFAULTS[name].model_id)
        elif HUB_ID.fullmatch(name):
            ids.append(name)
        else:
            raise UsageError(f"{name!r} is neither a role ({', '.join(DEFAULTS)}) "
                             "nor a hub id (owner/name)")
    for model_id in dict.fromkeys(ids):
        yield model_id, fetch(model_id, allow_download=True, progress=progress)
