"""Checking a model folder before anything loads it: config, tokenizer files, weights.

A folder that cannot work is refused here with ModelUnavailableError (exit 5) naming the folder and
what is wrong, before minutes of work on other steps and before a library fails somewhere inside.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from ..errors import ModelUnavailableError
from .families import FAMILIES, SUPPORTED, by_model_type

# Pickled weights run code when unpickled: never loaded, whatever torch's safe loader would allow.
PICKLES = ("pytorch_model.bin", "*.bin", "*.pt", "*.pth", "*.ckpt")


def cause(exc: BaseException) -> str:
    """An exception as a short one-line cause for a message."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def read_config(folder: Path, where: str | None = None) -> dict[str, Any]:
    """config.json as a JSON object, or ModelUnavailableError
    saying why not (`where` names the model)."""
    where = where or f"model folder {folder}"
    path = folder / "config.json"
    try:
        config = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise ModelUnavailableError(f"{where}: no config.json (not a model folder)") from None
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(f"{where}: config.json is unreadable ({cause(exc)})") from None
    if not isinstance(config, dict):
        raise ModelUnavailableError(f"{where}: config.json is a JSON {type(config).__name__}, "
                                    "not an object") from None
    return config


def family_of(folder: Path, where: str | None = None) -> str:
    """The family of a local model folder, from its config and tokenizer files."""
    where = where or f"model folder {folder}"
    kind = read_config(folder, where).get("model_type")
    tok = folder / "tokenizer_config.json"
    found = by_model_type(
        kind, tok.read_text(encoding="utf-8", errors="replace") if tok.is_file() else "")
    if found is not None:
        return found.name
    what = f"model type {kind!r} is not supported" if kind else "config.json names no model_type"
    raise ModelUnavailableError(f"{where}: {what} ({SUPPORTED})")


def check_folder(folder: Path, name: str | None = None) -> str:
    """The folder's family once its config, tokenizer files and weights are there and sound.

    `name` is the model id the folder holds (a hub id); messages name both.
    """
    where = (f"model folder {folder}" if name in (None, str(folder))
             else f"model {name} (folder {folder})")
    family = family_of(folder, where)
    options = FAMILIES[family].tokenizer_files
    if not any(all((folder / name).is_file() for name in option) for option in options):
        wanted = " or ".join(" + ".join(option) for option in options)
        raise ModelUnavailableError(f"{where}: tokenizer files missing (a {family} model "
                                    f"needs {wanted})")
    for path in weight_files(folder, where):
        check_safetensors(path, where)
    return family


def weight_files(folder: Path, where: str) -> list[Path]:
    """The safetensors files holding the weights (one file, or the shards an index names)."""
    single, index = folder / "model.safetensors", folder / "model.safetensors.index.json"
    if single.is_file():
        return [single]
    if index.is_file():
        try:
            shards = sorted(set(
                json.loads(index.read_text(encoding="utf-8"))["weight_map"].values()))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelUnavailableError(
                f"{where}: {index.name} is unreadable ({cause(exc)})") from None
        return [folder / str(name) for name in shards]
    pickles = sorted({p.name for pattern in PICKLES for p in folder.glob(pattern)})
    if pickles:
        raise ModelUnavailableError(
            f"{where}: weights only as a pickle ({', '.join(pickles)}), "
            "which is never loaded because unpickling can run code; save the model again with "
            "save_pretrained (safetensors)")
    raise ModelUnavailableError(f"{where}: no weights (model.safetensors)")


def check_safetensors(path: Path, where: str) -> None:
    """Refuse a missing, truncated or garbled safetensors
    file (its header is read, not its data)."""
    try:
        from safetensors import safe_open

        # validates the header against the file's length
        with safe_open(str(path), framework="numpy"):
            pass
    except Exception as exc:  # noqa: BLE001 - safetensors raises its own error types;
        # any means unusable
        raise ModelUnavailableError(
            f"{where}: weights {path.name} are unusable ({cause(exc)})") from None


def check_loading_info(info: Mapping[str, Any], name: str) -> None:
    """Refuse weights that do not fit the config:
    transformers would fill the gaps with random numbers."""
    missing = sorted(info.get("missing_keys") or ())
    mismatched = sorted((tuple(m) + (None, None))[:3] for m in info.get("mismatched_keys") or ())
    if not missing and not mismatched:
        return
    what = [f"{len(missing)} missing ({missing[0]}…)"] if missing else []
    if mismatched:
        key, found, wanted = mismatched[0]
        what.append(f"{len(mismatched)} of another shape ({key}: {_shape(found)} in the file, "
                    f"{_shape(wanted)} in the config)")
    raise ModelUnavailableError(f"model {name}: its weights do not fit its config: "
                                f"{'; '.join(what)}; "
                                "weights of another model or architecture?")


def _shape(shape: Any) -> str:
    return "x".join(str(n) for n in shape) if shape is not None else "?"
