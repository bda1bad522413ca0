"""Settings: command-line flags over SUMMARIZE_*
environment variables over a TOML file over defaults."""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError
from .models.backends import CHOICES as BACKENDS
from .writers import FORMATS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENV_PREFIX = "SUMMARIZE_"
LENGTH_PRESETS = ("short", "medium", "long")


def _opt(default: Any, help: str = "", *, group: str | None = None, flags: tuple[str, ...] = (),
         choices: tuple[str, ...] = (), low: int | None = None, high: int | None = None,
         count: bool = False, resume: bool = True) -> Any:
    """A setting, declared once: its default, the values it accepts (`count`: a
    positive whole number as well as the choices; the same check for flags, env and
    the config file), and its command-line option: `help`, the option `group` of the
    commands that take it (cli/options.py; None: env and config file only) and its
    `flags` (default: --name). `resume=False`: it changes how a run works, not what
    it writes (the network, batch sizes, a cache), so a resumed run ignores it."""
    return field(default=default,
                 metadata={"choices": choices, "low": low, "high": high, "count": count,
                           "help": help, "group": group, "flags": flags, "resume": resume})


@dataclass(frozen=True)
class Settings:
    """Every tunable of a run; the field name is the config key and, upper-cased, the env suffix."""

    format: str = _opt("text", "Output format.", group="output", flags=("--format", "-f"),
                       choices=FORMATS)
    encoding: str | None = _opt(None, "Force the input encoding (default: detect).",
                                group="reading")
    device: str = _opt("auto", "cpu, cuda, or auto (GPU when present).", group="models",
                       choices=("auto", "cpu", "cuda"))
    backend: str = _opt("auto", "Inference engine; auto: CTranslate2 when installed.",
                        group="models", choices=BACKENDS)
    beams: int = _opt(4, "Beam size.", group="models", low=1, high=16)
    # CTranslate2 int8 beam 4 is as fast at 2048 as at 4096, with 260 MiB less
    batch_tokens: int = _opt(2048, "Source tokens per model batch.", group="models",
                             flags=("--batch-tokens", "--batch-size"), low=16, resume=False)
    # articles are read and batched together up to this size
    chunk_chars: int = _opt(50_000, low=1, resume=False)
    offline: bool = _opt(False, "Never touch the network (also HF_HUB_OFFLINE=1).", group="models",
                         flags=("--offline/--online",), resume=False)
    method: str = _opt("abstractive",
                       "abstractive (models) or extractive (verbatim sentences, no model).",
                       group="run", choices=("abstractive", "extractive"))
    length: str = _opt("medium", "Summary length: short, medium, long, or a number of sentences.",
                       group="run", choices=LENGTH_PRESETS, count=True)
    points: int = _opt(5, "Number of key points.", group="run", low=0)
    permissive: bool = _opt(False,
                            "Use permissively licensed models only (Arabic summaries go "
                            "through English).", group="run")
    translation_model: str | None = _opt(None,
                                         "Hub id, folder or api:NAME for translation.", group="run")
    summary_model: str | None = _opt(None,
                                     "Hub id, folder or api:NAME for the summary.", group="run")
    keypoints_model: str | None = _opt(None,
                                       "Hub id, folder or api:NAME for key points.", group="run")
    # group "chat": what loading an instruction model reads (llm/settings.py, ChatSettings.of), so
    # every command that may load one takes them: translate, run, and verify for its judge
    api_base: str | None = _opt(None,
                                "OpenAI-compatible server of api:NAME models (e.g. "
                                "http://localhost:11434/v1).", group="chat")
    api_concurrency: int = _opt(1, "Requests in flight to the model server.", group="chat", low=1,
                                high=64, resume=False)
    api_timeout: int = _opt(120, "Seconds a model server may take to answer one request.",
                            group="chat", low=1, resume=False)
    api_cache: bool = _opt(True, "Keep model-server replies, so a rerun asks nothing again.",
                           group="chat", flags=("--api-cache/--no-api-cache",), resume=False)
    context_tokens: int | None = _opt(None,
                                      "Context window of an instruction model in tokens "
                                      "(default: as its server or its config says).",
                                      group="chat", low=256)
    prompts_dir: str | None = _opt(None, "Folder of prompt templates overriding the packaged ones.",
                                   group="run")
    glossary: str | None = _opt(None,
                                "Newsroom glossary (TSV): enforced in translation, "
                                "checked in outputs.", group="models")
    nli_model: str | None = _opt(None,
                                 "Hub id or folder of a multilingual NLI cross-encoder (e.g. an "
                                 "XNLI mDeBERTa): an error where it reads a claim as contradicting "
                                 "its evidence [default: off].", group="checks")
    judge_model: str | None = _opt(None,
                                   "Instruction model (folder, hub id or api:NAME) "
                                   "asked whether each claim's evidence supports it: "
                                   "an error where it says no [default: off].", group="checks")
    allow_truncation: bool = _opt(False, "Exit 0 even when a model read less than the whole input.",
                                  group="models")
    cache_dir: str | None = _opt(None, resume=False)

    def __post_init__(self) -> None:  # Settings(...) built in code is held to the same rules
        for spec in dataclasses.fields(self):
            _checked(spec.name, getattr(self, spec.name), "setting")


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def parse_length(value: Any) -> str:
    """A summary length as given: short, medium, long, or a positive whole number of sentences."""
    text = (str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool)
            else "")
    if text in LENGTH_PRESETS or (text.isdecimal() and int(text) > 0):  # ٣ and ۳ count as 3
        return text if text in LENGTH_PRESETS else str(int(text))
    presets = ", ".join(LENGTH_PRESETS)
    raise ValueError(f"length must be {presets} or a positive number of sentences, not {value!r}")


def in_group(group: str) -> tuple[str, ...]:
    """The settings of an option group (cli/options.py), in the order Settings declares them."""
    return tuple(name for name, spec in _FIELDS.items() if spec.metadata.get("group") == group)


def rule(name: str) -> Mapping[str, Any]:
    """What a setting accepts (choices, low, high) and its default: the
    options of every command are built from this, so the command line,
    the environment and the config file accept the same values."""
    spec = _FIELDS[name]
    return {**spec.metadata, "default": spec.default}


def changed(settings: Settings, changes: Mapping[str, Any], origin: str) -> Settings:
    """`settings` with `changes` (setting names to values; None: not
    given) over them, each converted and checked as a config file's
    are; an unknown name is a ConfigError that lists the settings."""
    unknown = sorted(set(changes) - set(_FIELDS))
    if unknown:
        raise ConfigError(f"{origin}: unknown setting(s) {', '.join(unknown)}; "
                          f"the settings are {', '.join(_FIELDS)}")
    given = {name: _coerce(name, value, origin) for name, value in changes.items()
             if value is not None}
    return dataclasses.replace(settings, **given)


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    """The user's config file: $SUMMARIZE_CONFIG, else the platform's config folder."""
    env = os.environ if env is None else env
    if env.get(ENV_PREFIX + "CONFIG"):
        return Path(env[ENV_PREFIX + "CONFIG"])
    from platformdirs import user_config_dir

    return Path(user_config_dir("summarize")) / "config.toml"


def _coerce(name: str, value: Any, origin: str) -> Any:
    spec = _FIELDS[name]
    kind = str(spec.type)
    try:
        if isinstance(value, (list, dict)):
            raise ValueError(value)
        if "bool" in kind:
            return _boolean(value)
        if "int" in kind:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            value = int(value)
        elif value is not None:
            value = str(value)
    except ValueError:
        raise ConfigError(f"{origin}: invalid value {value!r} for {name}") from None
    return _checked(name, value, origin)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(value)


def _checked(name: str, value: Any, origin: str) -> Any:
    """The value if the setting accepts it, else a
    ConfigError (exit 2) that says what it accepts."""
    meta = _FIELDS[name].metadata
    if value is None:
        return value
    if meta.get("count") and str(value).strip().isdecimal() and int(value) > 0:
        return str(int(value))
    if meta.get("choices") and value not in meta["choices"]:
        also = " or a positive number" if meta.get("count") else ""
        raise ConfigError(f"{origin}: {name} must be one of "
                          f"{', '.join(meta['choices'])}{also}, not {value!r}")
    if meta.get("low") is not None and value < meta["low"]:
        raise ConfigError(f"{origin}: {name} must be at least {meta['low']}, not {value}")
    if meta.get("high") is not None and value > meta["high"]:
        raise ConfigError(f"{origin}: {name} must be at most {meta['high']}, not {value}")
    return value


def _from_file(path: Path, required: bool) -> dict[str, Any]:
    if not os.path.isfile(path):  # os.path: False, not an error, for a name too long to look up
        if required:
            raise ConfigError(f"config file not found: {path}")
        return {}
    if path.stat().st_size > 1 << 20:
        raise ConfigError(f"{path}: too large for a config file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
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
    # a file asked for must exist
    named = config_path is not None or bool(env.get(ENV_PREFIX + "CONFIG"))
    merged = _from_file(path, required=named)
    merged.update(_from_env(env))
    merged.update({k: _checked(k, v, "--" + k.replace("_", "-")) for k, v in (flags or {}).items()
                   if v is not None and k in _FIELDS})
    merged.update({k: v for k, v in (flags or {}).items() if k not in _FIELDS})
    unknown = set(merged) - set(_FIELDS)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    return Settings(**merged)
