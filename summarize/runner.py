"""The batch loop: read inputs in chunks, process each chunk together, hand back one outcome per input.

Reading errors stay with their input; one bad input never stops the others. Chunks let sentences of
several articles share model batches while results still stream out as each chunk completes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, BinaryIO, Callable, Iterator, Sequence

from .errors import SummarizeError
from .readers import InputRef, read_article
from .records import Article

Process = Callable[[Sequence[Article]], Sequence[Any]]  # one result or SummarizeError per article


@dataclass(frozen=True)
class Outcome:
    """What became of one input."""

    ref: InputRef
    result: Any = None
    error: SummarizeError | None = None
    sha256: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def chunks(refs: Sequence[InputRef], read: Callable[[InputRef], Article], max_chars: int,
           max_items: int) -> Iterator[tuple[list[Outcome], list[Article], list[InputRef]]]:
    """Read inputs and group the good ones into chunks of bounded size; reading failures come out as they happen."""
    failed: list[Outcome] = []
    articles: list[Article] = []
    owners: list[InputRef] = []
    size = 0
    for ref in refs:
        try:
            article = read(ref)
        except SummarizeError as exc:
            failed.append(Outcome(ref, error=exc))
            continue
        articles.append(article)
        owners.append(ref)
        size += len(article.text)
        if size >= max_chars or len(articles) >= max_items:
            yield failed, articles, owners
            failed, articles, owners, size = [], [], [], 0
    if failed or articles:
        yield failed, articles, owners


def run_batch(
    refs: Sequence[InputRef], process: Process, *, encoding: str | None = None, stdin: BinaryIO | None = None,
    max_chars: int = 200_000, max_items: int = 64, offline: bool = False,
) -> Iterator[Outcome]:
    """Process every input; yields outcomes chunk by chunk (failures of a chunk first, then its results)."""

    def read(ref: InputRef) -> Article:
        return read_article(ref, encoding=encoding, stdin=stdin, offline=offline)

    for failed, articles, owners in chunks(refs, read, max_chars, max_items):
        yield from failed
        if not articles:
            continue
        started = time.perf_counter()
        results = process(articles)
        each = (time.perf_counter() - started) / len(articles)
        for ref, article, result in zip(owners, articles, results):
            if isinstance(result, SummarizeError):
                yield Outcome(ref, error=result, sha256=article.sha256, seconds=each)
            else:
                yield Outcome(ref, result=result, sha256=article.sha256, seconds=each)


def one_by_one(func: Callable[[Article], Any]) -> Process:
    """A Process from a per-article function, keeping each article's error with it."""

    def process(articles: Sequence[Article]) -> list[Any]:
        out: list[Any] = []
        for article in articles:
            try:
                out.append(func(article))
            except SummarizeError as exc:
                out.append(exc)
        return out

    return process

