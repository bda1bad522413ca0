"""Where each input's output goes, decided for all
inputs before any model loads; the lock on `-o DIR`.

Names are the inputs' paths relative to the common parent of everything given (so `a/01.txt` and
`b/01.txt` stay apart), never outside DIR, never onto an input, never two inputs on one file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath
from typing import IO, Iterable, Sequence

from ..errors import OutputError, UsageError
from ..readers import STDIN, InputRef, Skipped, is_url
from ..writers import mirrored_path
from .state import STATE_FILE

LOCK_FILE = ".summarize.lock"


def input_key(ref: InputRef) -> str:
    """What identifies an input across runs however it
    was spelled: its resolved path, a URL, or stdin."""
    if ref.path == STDIN or is_url(ref.path):
        return ref.path
    return os.path.realpath(ref.path)


def _anchor(ref: InputRef) -> str:
    """The folder an input was given from: the directory
    argument it was found in, or its own folder."""
    path = os.path.abspath(ref.path)
    depth = len(PurePosixPath(ref.relpath).parts) if ref.relpath else 1
    for _ in range(depth):
        path = os.path.dirname(path)
    return path


def output_names(refs: Sequence[InputRef]) -> list[str]:
    """Each input's name under `-o DIR`: its path
    relative to the common parent of all local inputs."""
    local = [_anchor(r) for r in refs if r.path != STDIN and not is_url(r.path)]
    common = os.path.commonpath(local) if local else ""
    names = []
    for ref in refs:
        if ref.path == STDIN:
            names.append("stdin")
        elif is_url(ref.path):
            names.append(ref.relpath or "url")
        else:
            names.append(PurePosixPath(*Path(os.path.relpath(os.path.abspath(ref.path),
                                                             common)).parts).as_posix())
    return names


def unique_inputs(refs: Iterable[InputRef]) -> tuple[list[InputRef], list[Skipped]]:
    """Each input once: the same file given twice (a folder and a file in it) is read once."""
    seen: set[str] = set()
    kept: list[InputRef] = []
    again: list[Skipped] = []
    for ref in refs:
        key = input_key(ref)
        if key in seen and ref.path != STDIN:
            again.append(Skipped(ref.path, "given more than once"))
            continue
        seen.add(key)
        kept.append(ref)
    return kept, again


def outside_outputs(refs: Iterable[InputRef], skipped: Iterable[Skipped], out_dir: Path | None,
                    earlier: set[str] = frozenset()) -> tuple[list[InputRef], list[Skipped]]:
    """Leave out what a summarize run wrote: files in `-o DIR` or in another run's
    output folder when that folder lies inside an input folder, and the `earlier`
    outputs (real paths) of a run into DIR. Entries skipped anyway (DIR's
    manifest, lock, outputs) are not listed when they lie in an output folder."""
    root = os.path.realpath(out_dir) if out_dir is not None else None
    kept, left = [], []
    for ref in refs:
        local = ref.path != STDIN and not is_url(ref.path)
        # Only folders between the file and the folder it was
        # given from count: `-o .` above the inputs is fine.
        if local and (os.path.realpath(ref.path) in earlier or
                      in_output(ref.path, root, _anchor(ref))):
            left.append(Skipped(ref.path, "an output of summarize, not an article"))
        else:
            kept.append(ref)
    if root is None:
        return kept, [*skipped, *left]
    return kept, [s for s in skipped if not in_output(s.path, root, os.path.dirname(root))] + left


def in_output(path: str, root: str | None, above: str) -> bool:
    """Whether `path` lies in an output folder of summarize below the folder `above`: `root` (-o
    DIR, resolved) or a folder holding a run's resume state."""
    stop = os.path.realpath(above)
    folder = os.path.dirname(os.path.realpath(path))
    while folder != stop and len(folder) > len(stop):
        if folder == root or os.path.exists(os.path.join(folder, STATE_FILE)):
            return True
        folder = os.path.dirname(folder)
    return False


def plan_targets(refs: Sequence[InputRef], out_dir: Path, fmt: str) -> dict[InputRef, Path]:
    """The output file of every input under DIR; exit 2 naming both inputs if two would share one or
    one would overwrite an input."""
    targets: dict[InputRef, Path] = {}
    owners: dict[str, InputRef] = {}
    inputs = {os.path.realpath(r.path): r for r in refs if r.path != STDIN and not is_url(r.path)}
    for ref, name in zip(refs, output_names(refs)):
        target = mirrored_path(out_dir, name, fmt)
        # case-insensitive file systems too
        key = os.path.normcase(os.path.realpath(target)).casefold()
        if key in owners:
            raise UsageError(f"{owners[key].path} and {ref.path} would both be "
                             f"written to {target}; "
                             "give them different names or run them into different -o folders")
        if os.path.realpath(target) in inputs:
            raise UsageError(f"the output of {ref.path} would overwrite the input "
                             f"{inputs[os.path.realpath(target)].path};"
                             " choose an -o folder outside the inputs")
        owners[key] = ref
        targets[ref] = target
    return targets


def check_single_output(path: Path, refs: Sequence[InputRef]) -> None:
    """`-o FILE`: never an input, never under a file."""
    real = os.path.realpath(path)
    for ref in refs:
        if ref.path != STDIN and not is_url(ref.path) and os.path.realpath(ref.path) == real:
            raise UsageError(f"-o {path} is an input; choose another output file")
    parent = Path(real).parent
    # os.path: a name too long is not there
    if os.path.exists(parent) and not os.path.isdir(parent):
        raise UsageError(f"-o {path}: {parent} is not a folder")


def prepare_dir(out_dir: Path) -> None:
    """Create `-o DIR`, refusing a file in its place
    (exit 2) and a folder we may not write (exit 9)."""
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise UsageError(f"-o {out_dir} is a file; several inputs need a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (NotADirectoryError, FileExistsError):
        raise UsageError(f"-o {out_dir}: a part of the path is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot create -o {out_dir}: {exc.strerror or exc}") from None


def refuse_link(path: Path, what: str) -> None:
    """A file the run writes in DIR must not be a link (it would write outside DIR) or a folder."""
    if os.path.islink(path):
        raise UsageError(f"{path} is a symbolic link; the run will not write {what} through it")
    if os.path.exists(path) and not stat.S_ISREG(path.stat().st_mode):
        raise UsageError(f"{path} is not a regular file; the run cannot write {what} there")


class DirLock:
    """An exclusive lock on `-o DIR` for the run's lifetime:
    a second run into it is told, not interleaved."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK_FILE
        self.handle: IO[str] | None = None
        refuse_link(self.path, "its lock")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
        except OSError as exc:
            raise OutputError(f"cannot write in -o {out_dir}: {exc.strerror or exc}") from None
        self.handle = os.fdopen(fd, "r+")
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; runs are not guarded there
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.handle.close()
            raise UsageError(f"another summarize run is using {out_dir}; wait for it or "
                             "choose another -o") from None

    def release(self) -> None:
        if self.handle is not None:
            # closing drops the lock; the empty file stays (removing it would race)
            self.handle.close()
            self.handle = None
