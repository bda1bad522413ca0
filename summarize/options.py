"""What a command was asked for, built once: the settings
and what only the command gives, the glossary read.

The CLI, the library (api.py) and the batch build their options here;
the steps read them and never a file: the glossary named by the settings
(or by `verify --glossary`) is read by `read_glossary`, the one way in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .config import Settings, changed, load_settings
from .glossary import Glossary, load_glossary


def read_glossary(path: str | Path | None) -> Glossary | None:
    """The glossary at a path (None: none), read before
    any model loads, so a bad file fails fast."""
    return load_glossary(path) if path else None


def glossary_of(settings: Settings) -> Glossary | None:
    """The glossary the settings name, read."""
    return read_glossary(settings.glossary)


@dataclass(frozen=True)
class TranslateOptions:
    """What `summarize translate` was asked for: the settings
    (model, beams, …) and what only the command gives."""

    to: str
    settings: Settings = Settings()
    source: str | None = None  # --from
    glossary: Glossary | None = None  # settings.glossary, read


@dataclass(frozen=True)
class RunOptions:
    """What `summarize run` was asked for: the settings (length, method, models, …), read by the
    steps as `options.settings.<name>`, and what only the command gives."""

    settings: Settings = Settings()
    to: str | None = None  # output language; None: the article's own
    source: str | None = None  # --from
    include_translation: bool = False  # --translate
    glossary: Glossary | None = None  # settings.glossary, read
    # receives the summary's text as an instruction model writes it (one article in text to a
    # terminal); how a run shows its work, not what it writes, so a resume does not count it
    stream: Callable[[str], None] | None = field(default=None, compare=False, repr=False,
                                                 metadata={"resume": False})


def run_options(settings: Settings, *, to: str | None = None, source: str | None = None,
                include_translation: bool = False, glossary: Glossary | None = None) -> RunOptions:
    """RunOptions with the glossary the settings name read (or the one given, read already)."""
    return RunOptions(settings, to=to, source=source, include_translation=include_translation,
                      glossary=glossary or glossary_of(settings))


def translate_options(settings: Settings, to: str, *, source: str | None = None,
                      glossary: Glossary | None = None) -> TranslateOptions:
    """TranslateOptions with the glossary the settings
    name read (or the one given, read already)."""
    return TranslateOptions(to, settings, source=source, glossary=glossary or glossary_of(settings))


def asked(settings: Settings | None,
          changes: dict[str, Any], origin: str) -> tuple[Settings, Glossary | None]:
    """The library's settings: those given (default: SUMMARIZE_* variables over the config file, as
    the CLI reads them) with `changes` (Settings fields; None: not given) over them, checked as a
    config file's are; and a glossary given already read (a Glossary in `changes`), else None (the
    options read the settings' own)."""
    given = changes.pop("glossary") if isinstance(changes.get("glossary"), Glossary) else None
    return changed(settings or load_settings(), changes, origin), given
