"""The model registry: one spec per role with its
default model, licence, size and generation defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import ModelUnavailableError, UsageError
from .families import family, from_hub_id
from .folder import family_of

# Roles are "task:language pair or language".
TRANSLATE_AR_EN = "translate:ar-en"
TRANSLATE_EN_AR = "translate:en-ar"
SUMMARY_EN = "summary:en"
SUMMARY_AR = "summary:ar"
KEYPOINTS_EN = "keypoints:en"
KEYPOINTS_AR = "keypoints:ar"
NLI = "nli"  # optional: used only when named (--nli-model), so it has no default to pull
# optional: an instruction model asked whether each claim's evidence supports it (--judge-model)
JUDGE = "judge"
API_PREFIX = "api:"  # `api:NAME`: model NAME at the OpenAI-compatible server of --api-base


@dataclass(frozen=True)
class ModelSpec:
    """What we know of a model before loading it; `model_id` is a hub id or a local folder."""

    model_id: str
    family: str  # marian | nllb | m2m100 | bart | t5 | mt5 | deberta-v2
    licence: str = "unknown"
    commercial_use: bool = True
    params_m: int = 0
    max_input_tokens: int = 512
    languages: tuple[str, ...] = ()
    generation: Mapping[str, float | int] = field(default_factory=dict)
    note: str = ""
    reads_arabic: bool = True
    collapse_whitespace: bool = False  # XL-Sum models were trained on one-line inputs
    # reads an instruction prompt (prompts/); None: as its family does
    instructions: bool | None = None

    @property
    def follows_instructions(self) -> bool:
        """Whether the model is given the prompt templates
        around its passage (flan-t5, mt0), or the bare text."""
        return (family(self.family).follows_instructions if self.instructions is None
                else self.instructions)


_MARIAN_BIG = dict(family="marian", licence="CC-BY-4.0", params_m=241, max_input_tokens=512)
_MARIAN_BASE = dict(family="marian", licence="Apache-2.0", params_m=77, max_input_tokens=512)
_CHAT: dict[str, Any] = dict(languages=("ar", "en"), instructions=True)

DEFAULTS: dict[str, ModelSpec] = {
    TRANSLATE_AR_EN: ModelSpec("Helsinki-NLP/opus-mt-tc-big-ar-en", languages=("ar", "en"),
                               **_MARIAN_BIG, generation={"num_beams": 4},
                               note="FLORES-101 BLEU 42.6"),
    TRANSLATE_EN_AR: ModelSpec("Helsinki-NLP/opus-mt-tc-big-en-ar", languages=("en", "ar"),
                               **_MARIAN_BIG, generation={"num_beams": 4},
                               note="multi-target: >>ara<< selects MSA"),
    SUMMARY_EN: ModelSpec("sshleifer/distilbart-cnn-12-6", family="bart", licence="Apache-2.0",
                          params_m=306, max_input_tokens=1024, languages=("en",),
                          reads_arabic=False,
                          generation={"num_beams": 4, "min_new_tokens": 56, "max_new_tokens": 142,
                                      "no_repeat_ngram_size": 3, "length_penalty": 2.0},
                          note=("CNN/DM-trained; as good as bart-large-cnn on ROUGE-2,"
                                " 1.24x faster")),
    SUMMARY_AR: ModelSpec("csebuetnlp/mT5_multilingual_XLSum", family="mt5",
                          licence="CC-BY-NC-SA-4.0", commercial_use=False, params_m=582,
                          max_input_tokens=512, languages=("ar", "en"),
                          generation={"num_beams": 4, "max_new_tokens": 84,
                                      "no_repeat_ngram_size": 2, "length_penalty": 0.6},
                          collapse_whitespace=True,
                          note="NON-COMMERCIAL licence; --permissive summarises through "
                               "English instead"),
    KEYPOINTS_EN: ModelSpec("google/flan-t5-base", family="t5", licence="Apache-2.0", params_m=248,
                            max_input_tokens=512, languages=("en",), reads_arabic=False,
                            generation={"num_beams": 4, "max_new_tokens": 64,
                                        "no_repeat_ngram_size": 3},
                            note="cannot read Arabic: Arabic articles are translated first"),
    KEYPOINTS_AR: ModelSpec("bigscience/mt0-base", family="mt5", licence="Apache-2.0", params_m=582,
                            instructions=True, max_input_tokens=512, languages=("ar", "en"),
                            generation={"num_beams": 4, "max_new_tokens": 64,
                                        "no_repeat_ngram_size": 3}),
}

# Faster or alternative models users may name by id; listed by `summarize models list --all`.
ALTERNATIVES: dict[str, ModelSpec] = {
    s.model_id: s
    for s in (
        ModelSpec("Helsinki-NLP/opus-mt-ar-en", languages=("ar", "en"), **_MARIAN_BASE,
                  note="fast; Tatoeba BLEU 49.4"),
        ModelSpec("Helsinki-NLP/opus-mt-en-ar", languages=("en", "ar"), **_MARIAN_BASE,
                  note="fast; multi-target, >>ara<< required"),
        ModelSpec("facebook/nllb-200-distilled-600M", family="nllb", licence="CC-BY-NC-4.0",
                  commercial_use=False, params_m=615, max_input_tokens=512, languages=("ar", "en")),
        ModelSpec("facebook/m2m100_418M", family="m2m100", licence="MIT", params_m=484,
                  max_input_tokens=1024, languages=("ar", "en")),
        ModelSpec("facebook/bart-large-cnn", family="bart", licence="MIT", params_m=406,
                  max_input_tokens=1024, languages=("en",), reads_arabic=False,
                  generation=DEFAULTS[SUMMARY_EN].generation),
        ModelSpec("google/flan-t5-large", family="t5", licence="Apache-2.0", params_m=783,
                  languages=("en",), reads_arabic=False,
                  generation=DEFAULTS[KEYPOINTS_EN].generation),
        ModelSpec("bigscience/mt0-large", family="mt5", licence="Apache-2.0", params_m=1200,
                  languages=("ar", "en"), instructions=True,
                  generation=DEFAULTS[KEYPOINTS_AR].generation),
        ModelSpec("MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7", family="deberta-v2",
                  licence="MIT", params_m=279, max_input_tokens=512, languages=("ar", "en"),
                  note="--nli-model: multilingual NLI (XNLI and 2.7M pairs in 27 languages)"),
        # Instruction models (chat): one model writes summaries, key points
        # and translations in both languages. max_input_tokens is the context
        # window their config.json gives (prompt and reply together).
        ModelSpec("Qwen/Qwen2.5-1.5B-Instruct", family="qwen2", **_CHAT, licence="Apache-2.0",
                  params_m=1540, max_input_tokens=32768,
                  note="32k context; Arabic among its 29 languages"),
        ModelSpec("Qwen/Qwen2.5-3B-Instruct", family="qwen2", **_CHAT, licence="Qwen-Research",
                  commercial_use=False, params_m=3090, max_input_tokens=32768,
                  note="32k context; NON-COMMERCIAL licence"),
        ModelSpec("Qwen/Qwen2.5-7B-Instruct", family="qwen2", **_CHAT, licence="Apache-2.0",
                  params_m=7610, max_input_tokens=32768,
                  note="32k context (128k with YaRN, not enabled)"),
        ModelSpec("google/gemma-3-1b-it", family="gemma", licence="Gemma-Terms", params_m=1000,
                  max_input_tokens=32768, languages=("en",), instructions=True,
                  note="32k context; English only (model card); Gemma terms: "
                       "commercial use under its use policy"),
        ModelSpec("google/gemma-3-4b-it", family="gemma3", **_CHAT, licence="Gemma-Terms",
                  params_m=4300, max_input_tokens=131072,
                  note="128k context; 140+ languages; transformers only"),
        ModelSpec("meta-llama/Llama-3.2-3B-Instruct", family="llama", **_CHAT,
                  licence="Llama-3.2-Community", params_m=3210, max_input_tokens=131072,
                  note="128k context; Arabic not among its 8 supported languages"),
    )
}
# Roles without a default: the model named for them stands on this spec until its folder says more.
OPTIONAL: dict[str, ModelSpec] = {
    NLI: ALTERNATIVES["MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7"],
    JUDGE: ModelSpec("api:bespoke-minicheck", family="api", licence="server",
                     languages=("ar", "en"), instructions=True,
                     note="--judge-model: e.g. Bespoke-MiniCheck-7B served by Ollama"),
}


def endpoint_spec(name: str) -> ModelSpec:
    """The spec of `api:NAME`: a model the server of --api-base
    serves (its licence is the server's business)."""
    model = name[len(API_PREFIX):].strip()
    if not model or _CONTROLS.search(model):
        raise UsageError(f"model {_shown(name)!r}: api: must be followed by the name the server "
                         "gives the model")
    return ModelSpec(name, family="api", licence="server", max_input_tokens=0,
                     languages=("ar", "en"), instructions=True, note="at --api-base")


# Models named by id that something else builds (a plugin, a test's fake): id -> (spec, factory).
REGISTERED: dict[str, tuple[ModelSpec, Callable[..., Any]]] = {}


def register(spec: ModelSpec, factory: Callable[..., Any]) -> None:
    """Make `spec.model_id` a model any role can be given (`--model`,
    `--summary-model`, …); loading it calls `factory(spec, role=role,
    batch_tokens=n)`, which returns an object with the model interface."""
    REGISTERED[spec.model_id] = (spec, factory)


def unregister(model_id: str) -> None:
    """Forget a registered model."""
    REGISTERED.pop(model_id, None)


# A hub id as the hub allows them: owner/name, each of letters, digits, "_", "-" and ".", at most 96
# characters, neither starting nor ending with "-" or ".", with no "--" or "..".
_HUB_PART = r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?"
HUB_ID = re.compile(rf"(?!.*(?:--|\.\.)){_HUB_PART}/{_HUB_PART}")


def _looked_up(name: str) -> tuple[Path, bool, bool]:
    """The path a name gives (~ expanded), whether it is a folder and whether it is there at all: a
    name the file system cannot look up (too long, a NUL in it, ~ of no such user) is neither."""
    try:
        path = Path(name).expanduser()
        return path, path.is_dir(), path.exists()
    except (OSError, ValueError, RuntimeError):
        return Path(name), False, False


# Line breaks and other controls in a name the user
# typed: shown escaped, so its message stays one line.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(name: str, most: int = 120) -> str:
    """A name as a one-line message shows it: controls
    escaped (\\x0a), cut past `most` characters."""
    name = _CONTROLS.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", name)
    return name if len(name) <= most else name[:most] + "…"


def resolve(role: str, override: str | None = None) -> ModelSpec:
    """The spec for a role: its default, a registered
    model, or the hub id or local folder the user named."""
    default = DEFAULTS[role] if role in DEFAULTS else OPTIONAL[role]
    if not override or override == default.model_id:
        return default
    if override.startswith(API_PREFIX):
        return endpoint_spec(override)
    if override in REGISTERED:
        return REGISTERED[override][0]
    if override in ALTERNATIVES:
        return ALTERNATIVES[override]
    folder, is_dir, exists = _looked_up(override)
    if is_dir:
        name = family_of(folder)
        return replace(default, model_id=str(folder), family=name, licence="local", params_m=0,
                       note="local folder", commercial_use=True,
                       reads_arabic=family(name).reads_arabic, collapse_whitespace=False,
                       instructions=None)
    if override.startswith(("/", "./", "../", "~", ".\\")) or exists:
        # Written as a path (a hub id is owner/name): say so rather than try to download it.
        what = "is a file, not a model folder" if exists else "does not exist"
        raise ModelUnavailableError(f"model folder {_shown(override)} {what}")
    if not HUB_ID.fullmatch(override):
        raise UsageError(
            f"model {_shown(override)!r}: not a local folder nor a hub id (owner/name)")
    guess, instructed = from_hub_id(override, default.family)
    return replace(default, model_id=override, family=guess, licence="unknown", params_m=0, note="",
                   reads_arabic=family(guess).reads_arabic, instructions=instructed)
