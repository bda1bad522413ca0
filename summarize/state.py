"""What a batch run has already done, kept beside its outputs so a rerun resumes (SQLite, one file)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Callable, Mapping

STATE_FILE = ".summarize-state.sqlite"

_SCHEMA = """
create table if not exists done (
    relpath text primary key,
    input_sha256 text not null,
    options_key text not null,
    models text not null,        -- json {model_id: revision} of the models that served this input
    output text not null,
    finished real not null
)
"""


def options_key(command: str, options: Any) -> str:
    """A stable hash of what was asked (command and options), models aside."""
    blob = json.dumps([command, repr(options)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


class RunState:
    """The table of finished inputs; writes are committed one by one, so a killed run loses nothing done."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / STATE_FILE
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("pragma journal_mode=wal")
        self.db.execute(_SCHEMA)
        self.db.commit()

    def is_done(self, relpath: str, sha256: str, key: str, output: Path,
                revision_now: Callable[[str], str | None]) -> bool:
        """True when this input, with these options and the same model revisions, already has its output."""
        row = self.db.execute("select input_sha256, options_key, models, output from done where relpath = ?",
                              (relpath,)).fetchone()
        if row is None or row[0] != sha256 or row[1] != key or not Path(row[3]).is_file() or Path(row[3]) != output:
            return False
        models: Mapping[str, str | None] = json.loads(row[2])
        return all(revision_now(model_id) == revision for model_id, revision in models.items())

    def record(self, relpath: str, sha256: str, key: str, models: Mapping[str, str | None], output: Path) -> None:
        """Remember a finished input."""
        self.db.execute(
            "insert or replace into done values (?, ?, ?, ?, ?, ?)",
            (relpath, sha256, key, json.dumps(dict(models), sort_keys=True), str(output), time.time()),
        )
        self.db.commit()

    def close(self) -> None:
        self.db.close()
