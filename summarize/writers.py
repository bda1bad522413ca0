"""Writing results: text, markdown, json, jsonl; to stdout, one file, or a directory of files, atomically."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import IO, Any, Mapping

from .errors import UsageError

FORMATS = ("text", "markdown", "json", "jsonl")
EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".jsonl"}

def to_data(obj: Any) -> Any:
    """Dataclasses, tuples, mappings and enums to plain JSON-ready values (properties of results included)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        data = {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        for name in getattr(obj, "__json_extra__", ()):
            data[name] = to_data(getattr(obj, name))
        return data
    if isinstance(obj, Mapping):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_data(v) for v in obj]
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, float):
        return round(obj, 6)
    return obj


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """JSON as UTF-8 text with Arabic left unescaped."""
    return json.dumps(to_data(obj), ensure_ascii=False, indent=indent)


def render(result: Any, fmt: str) -> str:
    """Render one result in a format; the text ends with a newline."""
    if fmt == "json":
        return dumps(result) + "\n"
    if fmt == "jsonl":
        return dumps(result, indent=None) + "\n"
    from .render import as_markdown, as_text

    out = as_markdown(result) if fmt == "markdown" else as_text(result)
    return out if out.endswith("\n") else out + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see the old content or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def mirrored_path(out_dir: Path, relpath: str | None, fmt: str) -> Path:
    """Where one input's output goes under a directory: its relative path, suffix swapped; never outside."""
    rel = PurePosixPath(relpath or "stdin")
    if rel.is_absolute() or ".." in rel.parts:
        raise UsageError(f"refusing to write outside {out_dir}: {relpath}")
    # The input's whole name is kept (a.txt -> a.txt.json) so that a.txt and a.html never collide.
    ext = EXTENSIONS[fmt]
    target = out_dir / Path(*rel.parts)
    if target.suffix.lower() != ext:
        target = target.with_name(target.name + ext)
    root = out_dir.resolve()
    if root != target.resolve() and root not in target.resolve().parents:
        raise UsageError(f"refusing to write outside {out_dir}: {relpath}")
    return target


class Sink:
    """Takes results one at a time and writes them where the user asked.

    stdout: text/markdown blocks, json (one object for a single input, else an array), jsonl lines as they
    come. `-o FILE`: the same content, written atomically at the end (jsonl: appended line by line).
    `-o DIR` (several inputs, or an existing directory): one file per input, mirroring relative paths.
    """

    def __init__(self, fmt: str, *, stdout: IO[str], output: str | None = None, several: bool = False) -> None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        self.fmt, self.stdout, self.several = fmt, stdout, several
        self.out_path = Path(output) if output else None
        self.to_dir = bool(output) and (
            Path(output).is_dir() or output.endswith(("/", os.sep)) or (several and fmt != "jsonl")
        )
        self.written: list[Path] = []
        self._pending: list[Any] = []
        self._stream: IO[str] | None = None

    def _text_stream(self) -> IO[str]:
        if self.out_path is None:
            return self.stdout
        if self._stream is None:  # jsonl to a file: lines are appended as each input completes
            self.out_path.parent.mkdir(parents=True, exist_ok=True)
            self._stream = self.out_path.open("w", encoding="utf-8")
        return self._stream

    def add(self, result: Any, relpath: str | None = None) -> Path | None:
        """Write (or queue) one result; returns the file written for directory outputs."""
        if self.to_dir:
            assert self.out_path is not None
            target = mirrored_path(self.out_path, relpath or getattr(result, "source", None), self.fmt)
            write_atomic(target, render(result, self.fmt))
            self.written.append(target)
            return target
        if self.fmt == "jsonl":
            stream = self._text_stream()
            stream.write(render(result, "jsonl"))
            stream.flush()
        elif self.out_path is None and self.fmt != "json":
            self.stdout.write(self._block(result, first=not self._pending))
            self._pending.append(None)
            self.stdout.flush()
        else:
            self._pending.append(result)
        return None

    def _block(self, result: Any, *, first: bool) -> str:
        text = render(result, self.fmt)
        if not self.several:
            return text
        head = f"==> {getattr(result, 'source', '?')} <==\n" if self.fmt == "text" else ""
        return ("" if first else "\n") + head + text

    def close(self) -> None:
        """Finish: write the json document or the single output file."""
        if self._stream is not None:
            self._stream.close()
        if self.to_dir or self.fmt == "jsonl":
            return
        if self.fmt == "json":
            body = dumps(self._pending if self.several else (self._pending[0] if self._pending else None)) + "\n"
            if self._pending or self.several:
                self._emit(body)
        elif self.out_path is not None:
            self._emit("".join(self._block(r, first=i == 0) for i, r in enumerate(self._pending)))

    def _emit(self, text: str) -> None:
        if self.out_path is None:
            self.stdout.write(text)
            self.stdout.flush()
        else:
            write_atomic(self.out_path, text)
