"""What a batch run has already done, kept beside its outputs so a rerun resumes (SQLite, one file).

A state file that cannot be used (truncated, garbage, locked, a folder,
an older layout) is moved aside and rebuilt from the outputs the previous
manifest lists, with a warning: outputs are never lost or redone for it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from ..errors import OutputError

STATE_FILE = ".summarize-state.sqlite"
VERSION = 3

_SCHEMA = """
create table if not exists done (
    input text primary key,      -- resolved path, URL or "-": the same input however it was spelled
    input_sha256 text not null,
    options_key text not null,
    models text not null,        -- json {model_id: revision} of the models that served this input
    output text not null,        -- relative to the state file's folder
    finished real not null,
    -- a URL's ETag and Last-Modified when it was fetched
    validators text not null default '[null, null]'
)
"""


def _text(value: str) -> str:
    """A path as SQLite can store it: a name that is not UTF-8 keeps its bytes as \\x escapes."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def options_key(command: str, options: Any) -> str:
    """A stable hash of what was asked (command and options, the settings in them), models aside."""
    blob = json.dumps([command, _asked(options)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _asked(value: Any) -> Any:
    """What decides a run's outputs: a dataclass field by field, leaving
    out the settings declared `resume=False` (the network, batch sizes,
    the cache folder), so a rerun --offline still resumes."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _asked(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.metadata.get("resume", True)}
    return repr(value)


class RunState:
    """The table of finished inputs; writes are committed
    one by one, so a killed run loses nothing done."""

    def __init__(self, folder: Path, *, warn: Callable[[str], None] = lambda message: None,
                 previous: Iterable[Mapping[str, Any]] = ()) -> None:
        self.folder = folder
        self.path = folder / STATE_FILE
        try:
            self.db = self._open()
        except (sqlite3.Error, OSError) as exc:
            aside = self.path.with_name(f"{STATE_FILE}.unusable-{int(time.time())}")
            os.replace(self.path, aside)
            for extra in ("-wal", "-shm"):  # SQLite's companions belong to the file moved aside
                companion = self.path.with_name(STATE_FILE + extra)
                if companion.exists() and not companion.is_symlink():
                    os.replace(companion, aside.with_name(aside.name + extra))
            warn(f"the resume state {self.path} could not be used ({exc}); "
                 f"moved to {aside.name} and rebuilt "
                 "from the manifest")
            try:
                self.db = self._open()
            # a new, empty one cannot be made either: a full or read-only disk
            except sqlite3.Error as again:
                raise OutputError(f"cannot write the resume state {self.path}: {again}") from None
            self._rebuild(previous)

    def _open(self) -> sqlite3.Connection:
        if self.path.is_symlink():
            raise OSError(f"{self.path} is a symbolic link")
        db = sqlite3.connect(self.path, timeout=5)
        try:
            version = db.execute("pragma user_version").fetchone()[0]
            tables = {row[0]
                      for row in db.execute("select name from sqlite_master where type = 'table'")}
            if tables and version != VERSION:
                raise sqlite3.DatabaseError("written by another version of summarize "
                                            f"(layout {version})")
            db.execute("pragma journal_mode=wal")
            db.execute(_SCHEMA)
            db.execute(f"pragma user_version = {VERSION}")
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _rebuild(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            output = row.get("output")
            if (row.get("status") == "ok" and row.get("options_key") and output and
                    Path(output).is_file()):
                self.record(row["key"], row["input_sha256"], row["options_key"],
                            row.get("models") or {}, Path(output))

    def _relative(self, output: Path) -> str:
        return _text(os.path.relpath(os.path.realpath(output), os.path.realpath(self.folder)))

    def finished(self, key: str, options: str, output: Path,
                 revision_now: Callable[[str], str | None]
                 ) -> tuple[str, tuple[str | None, str | None]] | None:
        """(sha256, validators) recorded for this input when it was finished
        with these options and the same model revisions and its output is still
        there; whether its content is the same is the caller's to tell."""
        row = self.db.execute("select input_sha256, options_key, models, output, "
                              "validators from done where input = ?", (_text(key),)).fetchone()
        if (row is None or row[1] != options or row[3] != self._relative(output) or
                not output.is_file()):
            return None
        models: Mapping[str, str | None] = json.loads(row[2])
        if not all(revision_now(model_id) == revision for model_id, revision in models.items()):
            return None
        etag, last_modified = json.loads(row[4])
        return row[0], (etag, last_modified)

    def url_done(self, url: str, options: str, output: Path,
                 revision_now: Callable[[str], str | None],
                 still_same: Callable[[str, str | None, str | None], bool]) -> str | None:
        """The recorded sha256 when this URL was finished with these options and models and
        `still_same` (asked with that sha256 and the page's validators: a conditional request, or
        the page's hash) says it has not changed."""
        found = self.finished(url, options, output, revision_now)
        return found[0] if found is not None and still_same(found[0], *found[1]) else None

    def outputs(self) -> set[str]:
        """Real paths of every output this state knows,
        so a later run never reads them as articles."""
        base = os.path.realpath(self.folder)
        # UTF-8 names
        return {os.path.join(base, row[0]) for row in self.db.execute("select output from done")}

    def record(self, key: str, sha256: str, options: str, models: Mapping[str, str | None],
               output: Path, validators: tuple[str | None, str | None] = (None, None)) -> None:
        """Remember a finished input; a state that cannot be
        written (a full disk) is an OutputError (exit 9)."""
        try:
            self.db.execute(
                "insert or replace into done values (?, ?, ?, ?, ?, ?, ?)",
                (_text(key), sha256, options, json.dumps(dict(models), sort_keys=True),
                 self._relative(output), time.time(), json.dumps(list(validators))),
            )
            self.db.commit()
        except sqlite3.Error as exc:
            raise OutputError(f"cannot write the resume state {self.path}: {exc}") from None

    def close(self) -> None:
        self.db.close()
