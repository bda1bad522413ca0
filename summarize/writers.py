"""Writing results: text, markdown, html, json, jsonl; to
stdout, one file, or a directory of files, atomically."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
import tempfile
from contextlib import contextmanager
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, Callable, Iterator, Mapping

from .errors import OutputError, PipeClosed, UsageError
from .records import ModelInfo
from .render import as_html, as_markdown, as_text

if TYPE_CHECKING:
    from .records import Result

# Every output format, declared once: its file extension,
# and how a record is shown in it (None: as data).
_FORMATS: dict[str, tuple[str, Callable[[Any], str] | None]] = {
    "text": (".txt", as_text),
    "markdown": (".md", as_markdown),
    "html": (".html", as_html),
    "json": (".json", None),
    "jsonl": (".jsonl", None),
}
FORMATS = tuple(_FORMATS)  # the --format choices
EXTENSIONS = {name: extension for name, (extension, _) in _FORMATS.items()}
_SURROGATE = re.compile("[\ud800-\udfff]")
# Terminal controls (ESC sequences above all) in an article or a file name are shown, never obeyed.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Text safe to print on a terminal: control
    characters as \\xNN, undecodable bytes as U+FFFD."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _SURROGATE.sub("\ufffd", text)


def to_data(obj: Any) -> Any:
    """Dataclasses, tuples, mappings and enums to plain
    JSON-ready values (a record's fields, in order)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        # a seq2seq model reports no tokens: its record has no usage at all rather than an empty one
        skip = "usage" if isinstance(obj, ModelInfo) and not obj.usage else None
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if f.name != skip}
    if isinstance(obj, Mapping):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_data(v) for v in obj]
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, float):
        return round(obj, 6)
    # a file name that was not UTF-8: valid JSON all the same
    if isinstance(obj, str) and _SURROGATE.search(obj):
        return _SURROGATE.sub("\ufffd", obj)
    return obj


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """JSON as UTF-8 text with Arabic left unescaped."""
    return json.dumps(to_data(obj), ensure_ascii=False, indent=indent)


def for_people(fmt: str) -> bool:
    """Whether a format shows records to people (text,
    markdown…) rather than giving their data (json, jsonl)."""
    return _FORMATS[fmt][1] is not None


def render(result: Result, fmt: str) -> str:
    """Render one result in a format; the text ends with a newline."""
    show = _FORMATS[fmt][1]
    if show is None:
        return dumps(result, indent=None if fmt == "jsonl" else 2) + "\n"
    out = visible(show(result))
    return out if out.endswith("\n") else out + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# what the user's umask gives any new file (mkstemp alone would give 0600)
_MODE = 0o666 & ~_umask()
# the run's own temporary files: the only ones a later run may remove
TEMP_SUFFIX = ".summarize.tmp"


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see the old content or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, _MODE) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", errors="surrogateescape") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def mirrored_path(out_dir: Path, relpath: str | None, fmt: str) -> Path:
    """Where one input's output goes under a directory:
    its relative path, suffix swapped; never outside."""
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


def wants_dir(output: str | None, several: bool) -> bool:
    """`-o` names a folder when it is one, ends with a
    slash, or several inputs are given; else a file."""
    if not output or output == "-":
        return False
    return os.path.isdir(output) or output.endswith(("/", os.sep)) or several


class Sink:
    """Takes results one at a time and writes them where the user asked.

    stdout: text/markdown blocks, json (one object for a single input, else an array),
    jsonl lines as they come. `-o FILE`: the same content, written atomically at the
    end (jsonl: line by line; a device or a FIFO such as /dev/null directly). `-o
    DIR`: one file per input at the path the batch planned. A reader of stdout that
    goes away ends the run (PipeClosed); any other write failure is an OutputError.
    """

    def __init__(self, fmt: str, *, stdout: IO[str], output: str | None = None,
                 several: bool = False) -> None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        self.fmt, self.stdout, self.several = fmt, stdout, several
        self.to_dir = wants_dir(output, several)
        self.out_path = Path(output) if output and output != "-" else None
        self.written: list[Path] = []
        self._pending: list[Any] = []
        self._stream: IO[str] | None = None

    def _special(self) -> bool:
        """-o names an existing device or FIFO (/dev/null,
        a pipe): written to directly, not replaced."""
        try:
            mode = os.stat(self.out_path).st_mode if self.out_path is not None else 0
        except OSError:
            return False
        return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISBLK(mode)

    def _text_stream(self) -> IO[str]:
        if self.out_path is None:
            return self.stdout
        if self._stream is None:  # jsonl to a file: lines are written as each input completes
            target = Path(os.path.realpath(self.out_path))
            target.parent.mkdir(parents=True, exist_ok=True)
            self._stream = target.open("w", encoding="utf-8", errors="surrogateescape")
        return self._stream

    def add(self, result: Result, target: Path | None = None) -> Path | None:
        """Write (or queue) one result; `target` is its file
        under `-o DIR`, which is returned once written."""
        with _writing(self.out_path):
            if self.to_dir:
                assert target is not None
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

    def _block(self, result: Result, *, first: bool) -> str:
        text = render(result, self.fmt)
        if not self.several:
            return text
        head = f"==> {visible(result.source)} <==\n" if self.fmt == "text" else ""
        return ("" if first else "\n") + head + text

    def close(self) -> None:
        """Finish: write the json document or the single output file."""
        with _writing(self.out_path):
            if self._stream is not None:
                self._stream.close()
            if self.to_dir or self.fmt == "jsonl":
                return
            if self.fmt == "json":
                body = dumps(self._pending if self.several else
                             (self._pending[0] if self._pending else None)) + "\n"
                if self._pending or self.several:
                    self._emit(body)
            elif self.out_path is not None:
                self._emit("".join(self._block(r, first=i == 0)
                                   for i, r in enumerate(self._pending)))

    def _emit(self, text: str) -> None:
        if self.out_path is None:
            self.stdout.write(text)
            self.stdout.flush()
        elif self._special():
            with open(self.out_path, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(text)
        else:  # a link to a file: the file it names is replaced, the link kept
            write_atomic(Path(os.path.realpath(self.out_path)), text)


@contextmanager
def _writing(out_path: Path | None) -> Iterator[None]:
    """Write failures as the run's errors: a closed
    pipe ends it quietly, the rest name the output."""
    try:
        yield
    except BrokenPipeError:
        raise PipeClosed() from None
    except OSError as exc:
        where = str(out_path) if out_path is not None else "stdout"
        raise OutputError(f"cannot write to {where}: {exc.strerror or exc}") from None
