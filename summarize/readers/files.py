"""Local inputs: files, folders, stdin; what is read, what is skipped and why, and size limits."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from ..errors import InputError

STDIN = "-"
MAX_BYTES = 20 * 1024 * 1024  # per input: far above any article, far below what exhausts memory


@dataclass(frozen=True)
class InputRef:
    """Something to read: a path or URL (with the name its
    output gets, relative to the output folder) or stdin."""

    path: str
    relpath: str | None = None
    # a URL's "user:password", never shown
    auth: str | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Skipped:
    """A file found in a folder that is not read: not
    an article type, hidden, or not a regular file."""

    path: str
    reason: str


def too_large(source: str, limit: int) -> InputError:
    """The error for an input over the size limit."""
    return InputError(f"too large (over {limit // (1024 * 1024)} MB); an article is far smaller",
                      source=source)


def read_limited(stream: BinaryIO, source: str, limit: int = MAX_BYTES) -> bytes:
    """Read a stream to its end, refusing more than
    `limit` bytes (so /dev/zero cannot exhaust memory)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(source, limit)
    return data


def _kind_of(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a regular file"


def read_file(path: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file; pipes, sockets and
    devices are refused without blocking on them."""
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait forever for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError("no such file", source=path) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None
    except ValueError:  # a NUL in the name (the library's callers can pass one; argv cannot)
        raise InputError("not a file name: it holds a NUL character", source=path) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):  # checked before fdopen, which raises IsADirectoryError for a folder
        os.close(fd)
        raise InputError(f"{_kind_of(mode)}, not a regular file: not read", source=path)
    with os.fdopen(fd, "rb") as stream:
        if os.fstat(fd).st_size > limit:
            raise too_large(path, limit)
        try:
            return read_limited(stream, path, limit)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Every entry under root, sorted, with the reason it
    is skipped (None for a regular file to consider)."""
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in sorted(d for d in dirnames if d.startswith(".")):
            yield base / name, "hidden folder"
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = base / name
            if name.startswith("."):
                yield path, "hidden file"
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError:
                yield path, "broken link or unreadable entry"
                continue
            yield path, None if stat.S_ISREG(mode) else f"{_kind_of(mode)}, not a regular file"


def walk_folder(root: Path,
                readable: Callable[[str], bool]) -> tuple[list[InputRef], list[Skipped]]:
    """Article files under a folder (relpath under it) and the entries skipped, with reasons;
    `readable`: whether a file suffix is an input type's (`readers.kinds`)."""
    refs: list[InputRef] = []
    skipped: list[Skipped] = []
    for path, reason in _walk(root):
        if reason is None and not readable(path.suffix):
            reason = f"not an article file ({path.suffix or 'no suffix'})"
        if reason:
            skipped.append(Skipped(str(path), reason))
        else:
            refs.append(InputRef(str(path), relpath=path.relative_to(root).as_posix()))
    return refs, skipped
