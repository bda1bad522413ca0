"""Model-server replies kept in SQLite, so a rerun of the same requests asks the server nothing.

The file is `llm-cache.sqlite` under the run's cache folder (the cache_dir setting, else the user
cache folder, `~/.cache/summarize` on Linux). A reply is found by the sha256 of what decides it: the
server's base URL (never the key), the model's name, the request's options and its messages. A cache
that cannot be opened is passed over with one warning: the run asks the server instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Sequence

from .chat import ChatOptions, Message, Reply

CACHE_FILE = "llm-cache.sqlite"
LOG = logging.getLogger("summarize")

_SCHEMA = """
create table if not exists replies (
    key text primary key,        -- sha256 of base URL, model, options and messages
    text text not null,
    prompt_tokens integer not null,
    completion_tokens integer not null,
    model text not null,         -- as the server named it
    finish_reason text not null,
    stored real not null
)
"""


def cache_key(base: str, model: str, options: ChatOptions, messages: Sequence[Message]) -> str:
    """The sha256 naming one request: what the server was asked, where, of which model (no key)."""
    asked = [base, model, asdict(options), [[m.role, m.content] for m in messages]]
    return hashlib.sha256(
        json.dumps(asked, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def cache_path(cache_dir: str | None) -> Path:
    """Where the replies are kept: under cache_dir, else the user cache folder."""
    if cache_dir:
        return Path(cache_dir).expanduser() / CACHE_FILE
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarize")) / CACHE_FILE


class ReplyCache:
    """Replies by request key; one connection shared by the run's threads behind a lock (SQLite
    waits for other processes writing the same file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, timeout=10, check_same_thread=False)
        try:
            self._db.execute("pragma journal_mode=wal")
            self._db.execute(_SCHEMA)
            self._db.commit()
        except BaseException:
            self._db.close()
            raise

    @classmethod
    def open(cls, cache_dir: str | None) -> ReplyCache | None:
        """The cache under `cache_dir`; None, with a warning, when it cannot be used."""
        path = cache_path(cache_dir)
        try:
            return cls(path)
        except (sqlite3.Error, OSError) as exc:
            LOG.warning("the reply cache %s cannot be used (%s); the model server is "
                        "asked every time", path, exc)
            return None

    def get(self, key: str) -> Reply | None:
        """The reply kept for this request (cached=True), or None."""
        try:
            with self._lock:
                row = self._db.execute("select text, prompt_tokens, completion_tokens, "
                                       "model, finish_reason from replies where key = ?",
                                       (key,)).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else Reply(*row, cached=True)

    def put(self, key: str, reply: Reply) -> None:
        """Keep a reply (a cache that cannot be written only costs the rerun its savings)."""
        try:
            with self._lock:
                self._db.execute("insert or replace into replies values (?, ?, ?, ?, ?, ?, ?)",
                                 (key, reply.text, reply.prompt_tokens, reply.completion_tokens,
                                  reply.model, reply.finish_reason, time.time()))
                self._db.commit()
        except sqlite3.Error as exc:
            LOG.debug("reply not cached: %s", exc)

    def close(self) -> None:
        with self._lock:
            self._db.close()
