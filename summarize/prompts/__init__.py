"""Prompt templates for instruction models (this folder,
installed as `summarize.prompts`) and their loader.

Templates are plain text files with `string.Template`
placeholders, kept beside this module as package data.

A template is `<task>.<language>.txt` (`keypoint.en.txt`, `keypoint.ar.txt`, `summary.en.txt`…),
UTF-8, with `$passage` where the text goes (and optionally `$n`, `$language`). Lookup for
(task, language), first found wins:

  1. `<prompts_dir>/<task>.<language>.txt`  (the user's `--prompts-dir`)
  2. the packaged `summarize.prompts/<task>.<language>.txt`
  3. only when `fallback=True` and language is not English: 1 and 2 again for `<task>.en.txt`.

The caller passes `fallback=True` only when its model reads `language` (mt0 follows an English
instruction around an Arabic passage). A model that cannot read Arabic (flan-t5) must never be
given Arabic at all: `check_readable` says so before any prompt is built.
"""

from __future__ import annotations

import os
import re
import unicodedata
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any, Iterable

from ..arabic import script_shares
from ..errors import UnsupportedLanguageError, UsageError

__all__ = ["PromptError", "PromptTemplate", "available", "check_readable", "load", "render"]

PACKAGE = __name__  # "summarize.prompts": the templates are this package's data
# Every template of these tasks must place the passage:
# without it the model would never see the article.
REQUIRED = {"keypoint": ("passage",), "summary": ("passage",)}
LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}
_FILE_NAME = re.compile(r"([a-z][a-z0-9_-]*)\.([a-z]{2,3})\.txt")
# Above this share of Arabic letters a text is Arabic
# to a model's tokenizer, whatever it is labelled.
_ARABIC_SHARE = 0.3


class PromptError(UsageError):
    """A prompt template that is missing, malformed, or lacks the values to fill it."""


class PromptTemplate(Template):
    """A `string.Template` that knows its task, language and the file it was read from."""

    def __init__(self, template: str, *, task: str, language: str, source: str) -> None:
        super().__init__(template)
        self.task = task
        self.language = language
        self.source = source

    def placeholders(self) -> tuple[str, ...]:
        """The names of its placeholders, in order of first use; PromptError on a malformed `$`."""
        names: list[str] = []
        for match in self.pattern.finditer(self.template):
            if match.group("invalid") is not None:
                line = self.template.count("\n", 0, match.start()) + 1
                raise PromptError(f"prompt template {self.source}, line {line}: "
                                  "a `$` that starts no placeholder (write `$$` for a "
                                  "literal dollar sign)")
            name = match.group("named") or match.group("braced")
            if name and name not in names:
                names.append(name)
        return tuple(names)


def render(template: PromptTemplate, **values: Any) -> str:
    """Fill a template; PromptError naming the template
    file and every placeholder left without a value."""
    missing = [name for name in template.placeholders() if name not in values]
    if missing:
        wanted = ", ".join(f"${name}" for name in missing)
        raise PromptError(f"prompt template {template.source} uses {wanted}, "
                          f"but no value was given for {'it' if len(missing) == 1 else 'them'} "
                          f"(values given: {', '.join(sorted(values))})")
    return template.substitute({key: str(value) for key, value in values.items()})


def load(task: str, language: str, prompts_dir: str | Path | None = None, *,
         fallback: bool = False) -> PromptTemplate:
    """The template for (task, language): `prompts_dir`
    first, then the packaged one (see the module doc)."""
    languages = (language, "en") if fallback and language != "en" else (language,)
    for lang in languages:
        for place in _places(prompts_dir):
            candidate = place.joinpath(f"{task}.{lang}.txt")
            if candidate.is_file():
                return _checked(PromptTemplate(_read(candidate), task=task, language=lang,
                                               source=str(candidate)))
    where = " or ".join(str(p) for p in _places(prompts_dir))
    known = ", ".join(f"{t}.{lang}" for t, lang in available(prompts_dir)) or "none"
    raise PromptError(f"no prompt template {task}.{language}.txt in {where} (available: {known})")


def available(prompts_dir: str | Path | None = None) -> tuple[tuple[str, str], ...]:
    """Every (task, language) that has a template, in the user's folder or packaged."""
    found = set()
    for place in _places(prompts_dir):
        for entry in place.iterdir():
            match = _FILE_NAME.fullmatch(entry.name)
            if match and entry.is_file():
                found.add((match.group(1), match.group(2)))
    return tuple(sorted(found))


def check_readable(spec: Any, language: str, texts: Iterable[str] = ()) -> None:
    """UnsupportedLanguageError when a model that cannot read Arabic would be given Arabic text."""
    if getattr(spec, "reads_arabic", True):
        return
    joined = " ".join(texts)
    if language == "ar" or (joined and script_shares(joined)["arabic"] >= _ARABIC_SHARE):
        raise UnsupportedLanguageError(
            f"model {spec.model_id} cannot read Arabic (its vocabulary has no Arabic "
            "letters): translate the article into English first, or choose a model "
            "that reads Arabic")


def _places(prompts_dir: str | Path | None) -> list[Any]:
    places: list[Any] = []
    if prompts_dir is not None:
        try:
            folder = Path(prompts_dir).expanduser()
        except (RuntimeError, ValueError):  # ~ of no such user, a NUL
            folder = Path(prompts_dir)
        # os.path: False, not an error, for a name too long to look up
        if not os.path.isdir(folder):
            raise PromptError(f"prompts folder {folder} does not exist or is not a folder")
        places.append(folder)
    places.append(files(PACKAGE))
    return places


def _read(path: Any) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PromptError(f"cannot read prompt template {path}: {exc}") from None
    # NFC like every other input; trailing newlines would only cost the model tokens.
    return unicodedata.normalize("NFC", text).rstrip()


def _checked(template: PromptTemplate) -> PromptTemplate:
    names = template.placeholders()
    absent = [name for name in REQUIRED.get(template.task, ()) if name not in names]
    if absent:
        raise PromptError(f"prompt template {template.source} never uses "
                          f"{', '.join('$' + n for n in absent)}: the model would not see the text")
    return template
