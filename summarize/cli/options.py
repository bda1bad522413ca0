"""Every command-line option, declared once.

An option that is a setting is declared in `config.Settings` alone (type, default,
choices, bounds, help, flags and the group of commands that take it), so flags, the
environment and the config file accept the same values; `settings_in` builds its Typer
parameter from that. Options that are not settings are declared here. Options shared by
several commands are declared in one group and added to each command by `with_options`,
which hands the command everything the user gave as one `Given` mapping.
"""

from __future__ import annotations

import functools
import inspect
from enum import Enum
from typing import Annotated, Any, Callable, Mapping, Optional

import typer

from ..config import Settings, in_group, rule


def choices(setting: str) -> Any:
    """The choices of an option, from its setting's one declaration."""
    return Enum(setting.title().replace("_", ""),
                {c: c for c in rule(setting)["choices"]}, type=str)


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


KINDS = {"str": str, "int": int, "bool": bool}


def _parameter(name: str) -> tuple[Any, Any]:
    """The Typer parameter of a setting: not given is None,
    so the environment and config file show through."""
    r = rule(name)
    declared = str(Settings.__dataclass_fields__[name].type).split(" |")[0]  # "int | None": int
    if declared not in KINDS:  # config reads str, int and bool from env and TOML
        raise TypeError(f"setting {name}: type {declared} is not one of {', '.join(KINDS)}")
    kind: Any = choices(name) if r["choices"] and not r["count"] else KINDS[declared]
    # 0 is shown, off is not
    shown = r["default"] is not None and not isinstance(r["default"], bool)
    text = r["help"].rstrip(".") + f" [default: {r['default']}]." if shown else r["help"]
    flags = r["flags"] or ("--" + name.replace("_", "-"),)
    return Annotated[Optional[kind],
                     Opt(*flags, help=text, show_default=False, **bounds(name))], None


def settings_in(group: str) -> dict[str, tuple[Any, Any]]:
    """The options of a group that are settings, in the order Settings declares them."""
    return {name: _parameter(name) for name in in_group(group)}


Opt = typer.Option
# name -> (annotation, default); options that are settings come from Settings (`settings_in`).
OUTPUT = {
    **settings_in("output"),
    "output": (Annotated[Optional[str],
                         Opt("--output", "-o",
                             help="Output file, or directory for several inputs ('-': stdout).")],
               None),
}
READING = {
    **settings_in("reading"),
    "config": (Annotated[Optional[str],
                         Opt("--config",
                             help="TOML config file (default: user config dir).")], None),
    "debug": (Annotated[bool, Opt("--debug", help="Show tracebacks for errors.")], False),
    "quiet": (Annotated[bool, Opt("--quiet", "-q", help="Only errors on stderr.")], False),
}
INPUTS = {
    "inputs": (Annotated[Optional[list[str]],
                         typer.Argument(help="Files, directories or URLs; '-' or none reads stdin.",
                                        show_default=False)], None),
    "files_from": (Annotated[Optional[str],
                             Opt("--files-from",
                                 help="Read input paths from FILE ('-': stdin), one per line.")],
                   None),
    "null": (Annotated[bool,
                       Opt("--null", "-0",
                           help="--files-from paths are NUL-separated (find -print0).")], False),
}
BATCH = {
    "force": (Annotated[bool,
                        Opt("--force",
                            help="Redo inputs an earlier run into the same -o DIR finished.")],
              False),
    "manifest": (Annotated[Optional[str],
                           Opt("--manifest",
                               help="Write the run manifest (JSONL) here [default: "
                                    "DIR/manifest.jsonl with -o DIR].")], None),
    "engine": (Annotated[Engine,
                         Opt("--engine",
                             help="local, or ray (a Ray cluster; pip install 'summarize[ray]').")],
               Engine.local),
    "address": (Annotated[Optional[str],
                          Opt("--address",
                              help="Ray cluster address (default: start a local Ray).")], None),
    "verbose": (Annotated[bool,
                          Opt("--verbose", "-v", help="A line on stderr for every input.")], False),
}
MODELS = settings_in("models")
# the settings an instruction model is loaded with: its server, the server's limits, its context
CHAT = settings_in("chat")
RUN = settings_in("run")  # the options of the `run` command alone that are settings
# options of the commands that check an output against its source (verify, run)
CHECKS = settings_in("checks")


class Given(dict):
    """The group options of one invocation, by name; `flags()` are those that are settings."""

    def flags(self) -> dict[str, Any]:
        fields = Settings.__dataclass_fields__
        return {k: (v.value if isinstance(v, Enum) else v) for k, v in self.items() if k in fields}


def with_options(*groups: Mapping[str, tuple[Any, Any]]
                 ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add option groups to a command; the command receives
    them as `given` (a Given), its own options as usual."""

    def add(func: Callable[..., Any]) -> Callable[..., Any]:
        own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
               for p in inspect.signature(func, eval_str=True).parameters.values()
               if p.name != "given"]
        extra = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                   annotation=annotation)
                 for group in groups for name, (annotation, default) in group.items()]
        names = {p.name for p in extra}

        @functools.wraps(func)
        def command(**kwargs: Any) -> Any:
            given = Given({k: kwargs.pop(k) for k in list(kwargs) if k in names})
            return func(**kwargs, given=given)

        arguments = [p for p in extra if p.name == "inputs"]  # the inputs come first in usage lines
        command.__signature__ = inspect.Signature(arguments + own +
                                                  [p for p in extra if p.name != "inputs"])
        command.__annotations__ = {p.name: p.annotation for p in (*own, *extra)}
        return command

    return add
