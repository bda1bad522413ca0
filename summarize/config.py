"""Settings: command-line flags over SUMMARIZE_* environment variables over a TOML file over defaults."""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENV_PREFIX = "SUMMARIZE_"


@dataclass(frozen=True)
class Settings:
    """Every tunable of a run; the field name is the config key and, upper-cased, the env suffix."""

    format: str = "text"
    encoding: str | None = None
    device: str = "auto"
    backend: str = "auto"
    beams: int = 4
    batch_tokens: int = 2048  # CTranslate2 int8 beam 4 is as fast as at 4096 with 260 MiB less (benchmarks/)
    chunk_chars: int = 50_000  # articles are read and batched together up to this many characters
    offline: bool = False
    method: str = "abstractive"
    length: str = "medium"
    points: int = 5
    permissive: bool = False
    translation_model: str | None = None
    summary_model: str | None = None
    keypoints_model: str | None = None
    prompts_dir: str | None = None
    glossary: str | None = None
    allow_truncation: bool = False
    cache_dir: str | None = None


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
LENGTH_PRESETS = ("short", "medium", "long")


def parse_length(value: Any) -> str:
    """A summary length as given: short, medium, long, or a positive whole number of sentences."""
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if text in LENGTH_PRESETS or (text.isdecimal() and int(text) > 0):  # ٣ and ۳ count as 3
        return text if text in LENGTH_PRESETS else str(int(text))
    presets = ", ".join(LENGTH_PRESETS)
    raise ValueError(f"length must be {presets} or a positive number of sentences, not {value!r}")


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    """The user's config file: $SUMMARIZE_CONFIG, else the platform's config folder."""
    env = os.environ if env is None else env
    if env.get(ENV_PREFIX + "CONFIG"):
        return Path(env[ENV_PREFIX + "CONFIG"])
    from platformdirs import user_config_dir

    return Path(user_config_dir("summarize")) / "config.toml"


def _coerce(name: str, value: Any, origin: str) -> Any:
    kind = str(_FIELDS[name].type)
    try:
        if name == "length":
            return parse_length(value)
        if "bool" in kind:
            if isinstance(value, bool):
                return value
            if str(value).strip().lower() in ("1", "true", "yes", "on"):
                return True
            if str(value).strip().lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(value)
        if "int" in kind:
            if isinstance(value, bool) or (name == "points" and int(value) < 0):
                raise ValueError(value)
            return int(value)
        return None if value is None else str(value)
    except ValueError:
        raise ConfigError(f"{origin}: invalid value {value!r} for {name}") from None


def _from_file(path: Path, required: bool) -> dict[str, Any]:
    if not path.is_file():
        if required:
            raise ConfigError(f"config file not found: {path}")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    out = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in _FIELDS:
            raise ConfigError(f"{path}: unknown setting {key!r}")
        out[name] = _coerce(name, value, str(path))
    return out


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    out = {}
    for name in _FIELDS:
        key = ENV_PREFIX + name.upper()
        if key in env:
            out[name] = _coerce(name, env[key], key)
    return out


def load_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    config_path: str | Path | None = None,
) -> Settings:
    """Merge the layers; `flags` holds only the options the user gave (None means not given)."""
    env = os.environ if env is None else env
    path = Path(config_path) if config_path else default_config_path(env)
    merged = _from_file(path, required=config_path is not None)
    merged.update(_from_env(env))
    merged.update({k: v for k, v in (flags or {}).items() if v is not None})
    unknown = set(merged) - set(_FIELDS)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    return Settings(**merged)
