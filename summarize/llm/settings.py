"""What loading an instruction model needs of the run's
settings: the server, its limits, the context window."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChatSettings:
    """The settings an instruction model is loaded with
    (config.Settings' api_* and context_tokens)."""

    api_base: str | None = None
    concurrency: int = 1  # requests in flight to the server
    timeout: float = 120.0  # seconds one request may take
    # replies kept (SQLite under the cache folder), so a rerun asks nothing again
    cache: bool = True
    context_tokens: int | None = None  # None: as the server's model list or the model's config says

    @classmethod
    def of(cls, settings: Any) -> ChatSettings:
        """The chat settings of a run's Settings."""
        return cls(api_base=settings.api_base, concurrency=settings.api_concurrency,
                   timeout=settings.api_timeout, cache=settings.api_cache,
                   context_tokens=settings.context_tokens)
