"""The cache of converted models: each converted once, never half, and no leftovers of killed runs.

A conversion is written into a work folder `.convert-HOST-PID-XXXX` beside its target and renamed
into place in one step, under a lock per target, so a second process waits and then reuses the
result. A work folder whose process is gone (same host) or that nobody touched for an hour (another
host, or a name without an owner) is abandoned: the next conversion under the same cache removes it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..errors import ModelUnavailableError

STALE_AFTER_S = 3600  # no conversion of our models stays this long without writing a file
_WORK = re.compile(r"^\.convert-(?P<host>[A-Za-z0-9._]*)-(?P<pid>[0-9]+)-[A-Za-z0-9_]+$")


class ConversionError(ModelUnavailableError):
    """CTranslate2 could not convert or load a model that
    is itself sound (transformers may still run it)."""


def cache_root(cache_dir: str | None) -> Path:
    """Where converted models live: the cache_dir setting, else the user cache folder."""
    if cache_dir:
        return Path(cache_dir).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarize"))


def complete(target: Path) -> bool:
    """Whether a converted model is all there (the rename
    into place is atomic; this guards the rest)."""
    return (target / "model.bin").is_file() and (target / "config.json").is_file()


def convert_once(target: Path, convert: Callable[[Path], None], *,
                 sweep: Path | None = None) -> Path:
    """`target`, made by `convert(folder)` unless a complete
    one is there; abandoned work under `sweep` goes."""
    if complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target.parent / f".{target.name}.lock"):
        if complete(target):  # another process converted it while we waited
            return target
        remove_abandoned(sweep or target.parent)
        _remove(target)  # something incomplete in its place: never reused
        work = Path(tempfile.mkdtemp(prefix=f".convert-{_host()}-{os.getpid()}-",
                                     dir=target.parent))
        try:
            convert(work / "model")
            os.replace(work / "model", target)
        except OSError:
            # a lock-less filesystem and a faster process: its result is as good
            if not complete(target):
                raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return target


def remove_abandoned(root: Path) -> list[Path]:
    """Remove the work folders under root whose conversion can no longer finish; returns them."""
    now = time.time()
    gone = []
    for work in root.glob("**/.convert-*"):
        if work.is_dir() and not work.is_symlink() and _abandoned(work, now):
            shutil.rmtree(work, ignore_errors=True)
            gone.append(work)
    return gone


def _abandoned(work: Path, now: float) -> bool:
    owner = _WORK.match(work.name)
    if owner and owner["host"] == _host() and not _alive(int(owner["pid"])):
        return True
    # Another host's, an unknown owner's, or a live pid that may be a reused one: judge by age.
    return now - _touched(work) > (STALE_AFTER_S if not owner or owner["host"] != _host()
                                   else 24 * STALE_AFTER_S)


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate it there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, someone else's
        return True
    return True


def _touched(path: Path) -> float:
    """The latest modification time of a folder or anything in it."""
    latest = 0.0
    for folder, _, names in os.walk(path):
        for name in (".", *names):
            try:
                latest = max(latest, os.stat(os.path.join(folder, name)).st_mtime)
            except OSError:
                pass
    return latest


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:40]


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` between processes (none where fcntl is missing: Windows)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
