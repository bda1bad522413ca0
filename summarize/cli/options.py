"""Every command-line option, declared once.

An option that is a setting takes its type, default, choices and bounds from `config.Settings` (so flags, the
environment and the config file accept the same values); here it gets its flag and help. Options shared by
several commands are declared in one group and added to each command by `with_options`, which hands the
command everything the user gave as one `Given` mapping.
"""

from __future__ import annotations

import functools
import inspect
from enum import Enum
from typing import Annotated, Any, Callable, Mapping, Optional

import typer

from ..config import rule


def choices(setting: str) -> Any:
    """The choices of an option, from its setting's one declaration."""
    return Enum(setting.title().replace("_", ""), {c: c for c in rule(setting)["choices"]}, type=str)


def bounds(setting: str) -> dict[str, Any]:
    """min/max of a numeric option, from its setting's one declaration."""
    r = rule(setting)
    return {k: v for k, v in (("min", r["low"]), ("max", r["high"])) if v is not None}


class Lang(str, Enum):
    ar = "ar"
    en = "en"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


Format, Device, Backend, Method = (choices(s) for s in ("format", "device", "backend", "method"))

Opt = typer.Option
# name -> (annotation, default); the name is the Settings field where the option is a setting.
OUTPUT = {
    "format": (Annotated[Optional[Format], Opt("--format", "-f", help="Output format [default: text].", show_default=False)], None),
    "output": (Annotated[Optional[str], Opt("--output", "-o", help="Output file, or directory for several inputs ('-': stdout).")], None),
}
READING = {
    "encoding": (Annotated[Optional[str], Opt("--encoding", help="Force the input encoding (default: detect).")], None),
    "config": (Annotated[Optional[str], Opt("--config", help="TOML config file (default: user config dir).")], None),
    "debug": (Annotated[bool, Opt("--debug", help="Show tracebacks for errors.")], False),
    "quiet": (Annotated[bool, Opt("--quiet", "-q", help="Only errors on stderr.")], False),
}
INPUTS = {
    "inputs": (Annotated[Optional[list[str]], typer.Argument(help="Files, directories or URLs; '-' or none reads stdin.", show_default=False)], None),
    "files_from": (Annotated[Optional[str], Opt("--files-from", help="Read input paths from FILE ('-': stdin), one per line.")], None),
    "null": (Annotated[bool, Opt("--null", "-0", help="--files-from paths are NUL-separated (find -print0).")], False),
}
BATCH = {
    "force": (Annotated[bool, Opt("--force", help="Redo inputs an earlier run into the same -o DIR finished.")], False),
    "manifest": (Annotated[Optional[str], Opt("--manifest", help="Write the run manifest (JSONL) here [default: DIR/manifest.jsonl with -o DIR].")], None),
    "engine": (Annotated[Engine, Opt("--engine", help="local, or ray (a Ray cluster; pip install 'summarize[ray]').")], Engine.local),
    "address": (Annotated[Optional[str], Opt("--address", help="Ray cluster address (default: start a local Ray).")], None),
    "verbose": (Annotated[bool, Opt("--verbose", "-v", help="A line on stderr for every input.")], False),
}
MODELS = {
    "glossary": (Annotated[Optional[str], Opt("--glossary", help="Newsroom glossary (TSV): enforced in translation, checked in outputs.")], None),
    "device": (Annotated[Optional[Device], Opt("--device", help="cpu, cuda, or auto (GPU when present).")], None),
    "backend": (Annotated[Optional[Backend], Opt("--backend", help="Inference engine; auto: CTranslate2 when installed.")], None),
    "beams": (Annotated[Optional[int], Opt("--beams", **bounds("beams"), help="Beam size [default: 4].")], None),
    "batch_tokens": (Annotated[Optional[int], Opt("--batch-tokens", "--batch-size", **bounds("batch_tokens"), help="Source tokens per model batch [default: 2048].")], None),
    "offline": (Annotated[Optional[bool], Opt("--offline/--online", help="Never touch the network (also HF_HUB_OFFLINE=1).", show_default=False)], None),
    "allow_truncation": (Annotated[Optional[bool], Opt("--allow-truncation", help="Exit 0 even when a model read less than the whole input.", show_default=False)], None),
}
# The options of the `run` command alone that are settings too.
RUN = {
    "length": (Annotated[Optional[str], Opt("--length", help="Summary length: short, medium, long, or a number of sentences [default: medium].", show_default=False)], None),
    "points": (Annotated[Optional[int], Opt("--points", **bounds("points"), help="Number of key points [default: 5].", show_default=False)], None),
    "method": (Annotated[Optional[Method], Opt("--method", help="abstractive (models) or extractive (verbatim sentences, no model) [default: abstractive].", show_default=False)], None),
    "permissive": (Annotated[Optional[bool], Opt("--permissive", help="Use permissively licensed models only (Arabic summaries go through English).", show_default=False)], None),
    "translation_model": (Annotated[Optional[str], Opt("--translation-model", help="Hub id or folder for translation.")], None),
    "summary_model": (Annotated[Optional[str], Opt("--summary-model", help="Hub id or folder for the summary.")], None),
    "keypoints_model": (Annotated[Optional[str], Opt("--keypoints-model", help="Hub id or folder for key points.")], None),
    "prompts_dir": (Annotated[Optional[str], Opt("--prompts-dir", help="Folder of prompt templates overriding the packaged ones.")], None),
}

# Options of the commands that check an output against its source (verify, run).
CHECKS = {
    "nli_model": (Annotated[Optional[str], Opt("--nli-model", help="Hub id or folder of a multilingual NLI cross-encoder (e.g. an XNLI mDeBERTa): an error where it reads a claim as contradicting its evidence [default: off].", show_default=False)], None),
}


class Given(dict):
    """The group options of one invocation, by name; `flags()` are those that are settings."""

    def flags(self) -> dict[str, Any]:
        from ..config import Settings

        fields = Settings.__dataclass_fields__
        return {k: (v.value if isinstance(v, Enum) else v) for k, v in self.items() if k in fields}


def with_options(*groups: Mapping[str, tuple[Any, Any]]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add option groups to a command; the command receives them as `given` (a Given), its own options as usual."""

    def add(func: Callable[..., Any]) -> Callable[..., Any]:
        own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
               for p in inspect.signature(func, eval_str=True).parameters.values() if p.name != "given"]
        extra = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
                 for group in groups for name, (annotation, default) in group.items()]
        names = {p.name for p in extra}

        @functools.wraps(func)
        def command(**kwargs: Any) -> Any:
            given = Given({k: kwargs.pop(k) for k in list(kwargs) if k in names})
            return func(**kwargs, given=given)

        arguments = [p for p in extra if p.name == "inputs"]  # the inputs come first in usage lines
        command.__signature__ = inspect.Signature(arguments + own + [p for p in extra if p.name != "inputs"])
        command.__annotations__ = {p.name: p.annotation for p in (*own, *extra)}
        return command

    return add
