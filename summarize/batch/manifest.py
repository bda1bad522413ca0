"""The run manifest: one JSON line per input (status,
reason, output, input hash, seconds), whole lines only."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..errors import OutputError, UsageError
from ..writers import to_data

MANIFEST = "manifest.jsonl"


def previous_rows(path: Path | None) -> Iterator[Mapping[str, Any]]:
    """The rows an earlier run left (to rebuild a lost
    resume state); broken lines are passed over."""
    if path is None or path.is_symlink() or not path.is_file():
        return
    with path.open("rb") as fh:
        for line in fh:
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict):
                yield row


class Manifest:
    """Writes rows as inputs complete; a row is on disk
    whole or not at all (a full disk cuts no line).

    The file is locked from the start of the run, so two runs given
    one `--manifest` cannot interleave (the second is refused); an
    earlier run's rows stay until this run writes its first row."""

    @staticmethod
    def check(path: Path) -> None:
        """Refuse, before any work, a manifest path the run must not write (a link, a folder)."""
        if os.path.islink(path):  # os.path: False, not an error, for a name too long to look up
            raise UsageError(f"--manifest {path} is a symbolic link; the run will not "
                             "write through it")
        if os.path.isdir(path):
            raise UsageError(f"--manifest {path} is a folder")

    def __init__(self, path: Path) -> None:
        self.check(path)
        self.created = not os.path.lexists(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
            self.fd: int | None = os.open(path, flags, 0o666)
        except (NotADirectoryError, FileExistsError):
            raise UsageError(f"--manifest {path}: a part of the path is a file, "
                             "not a folder") from None
        except OSError as exc:
            raise OutputError(f"cannot write the manifest {path}: {exc.strerror or exc}") from None
        self.path = path
        self.size = 0
        self.started = False  # the earlier run's rows are cut at the first row of this one
        self._lock()

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; runs are not guarded there
            return
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            self.fd = None
            raise UsageError(f"another summarize run is writing the manifest {self.path}; "
                             "wait for it or give this run another --manifest") from None

    def write(self, row: Mapping[str, Any]) -> None:
        """Append one row; on failure the partial line is cut off and OutputError raised."""
        assert self.fd is not None
        # names not UTF-8: U+FFFD
        data = (json.dumps(to_data(row), ensure_ascii=False) + "\n").encode("utf-8")
        try:
            if not self.started:
                os.ftruncate(self.fd, 0)
                self.started = True
            written = 0
            while written < len(data):
                written += os.write(self.fd, data[written:])
        except OSError as exc:
            try:
                os.ftruncate(self.fd, self.size)
                os.lseek(self.fd, self.size, os.SEEK_SET)
            except OSError:
                pass
            raise OutputError(f"cannot write the manifest {self.path}: "
                              f"{exc.strerror or exc}") from None
        self.size += len(data)

    def close(self) -> None:
        if self.fd is not None:
            # nothing to record: leave no empty manifest behind
            if self.created and not self.started:
                self.path.unlink(missing_ok=True)
            os.close(self.fd)
            self.fd = None
