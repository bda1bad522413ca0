"""The progress line on a terminal: inputs done/total,
sentences, rate, ETA; cleared before any message."""

from __future__ import annotations

import time
from typing import IO


class Progress:
    """One self-rewriting line on a terminal. Silent otherwise."""

    def __init__(self, total: int, stream: IO[str], enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.done = self.sentences = 0
        self.started = time.perf_counter()
        self.shown = False

    def step(self, sentences: int = 0) -> None:
        """One more input done, with the number of its sentences."""
        self.done += 1
        self.sentences += sentences
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed else 0.0
        eta = (self.total - self.done) / rate if rate else 0.0
        self.stream.write(f"\r\033[K{self.done}/{self.total} inputs · {self.sentences} sentences · "
                          f"{rate:.2f}/s · ETA {int(eta) // 60}:{int(eta) % 60:02d}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Wipe the line so a message starts at the left margin (the next step draws it again)."""
        if self.enabled and self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False

    def close(self) -> None:
        self.clear()
