"""The batch loop: read inputs in chunks, process
each chunk together, hand back one outcome per input.

Whatever goes wrong with one input stays with that input: a reading error, an expected error of a
step, or an unexpected exception (a bug), which becomes that input's "internal error" while the
others go on. Chunks let sentences of several articles share model batches while results still
stream out as each chunk completes.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import Any, BinaryIO, Callable, Iterator, Sequence

from ..errors import EndpointUnavailableError, SummarizeError, UsageError, isolate
from ..readers import InputRef, read_article
from ..records import Article

Process = Callable[[Sequence[Article]], Sequence[Any]]  # one result or SummarizeError per article

# A usage error (a bad option) is the run's, not an input's: it ends the run with one line and exit
# 2. So is a model server down or without the model when a model is first loaded from it (exit 5),
# which every input would hit.
RUN_WIDE = (UsageError, EndpointUnavailableError)


@dataclass(frozen=True)
class Outcome:
    """What became of one input."""

    ref: InputRef
    result: Any = None
    error: SummarizeError | None = None
    sha256: str | None = None
    seconds: float = 0.0
    # a URL's ETag and Last-Modified, for resume
    validators: tuple[str | None, str | None] = (None, None)

    @property
    def ok(self) -> bool:
        return self.error is None


def chunks(refs: Sequence[InputRef], read: Callable[[InputRef], Article], max_chars: int,
           max_items: int) -> Iterator[tuple[list[Outcome], list[Article], list[InputRef]]]:
    """Read inputs and group the good ones into chunks of
    bounded size; reading failures come out as they happen."""
    failed: list[Outcome] = []
    articles: list[Article] = []
    owners: list[InputRef] = []
    size = 0
    for ref in refs:
        try:
            article = read(ref)
        except Exception as exc:  # noqa: BLE001 - whatever it is, it is this input's failure
            failed.append(Outcome(ref, error=isolate(exc, ref.path)))
            continue
        articles.append(article)
        owners.append(ref)
        size += len(article.text)
        if size >= max_chars or len(articles) >= max_items:
            yield failed, articles, owners
            failed, articles, owners, size = [], [], [], 0
    if failed or articles:
        yield failed, articles, owners


def process_isolated(process: Process, articles: Sequence[Article]) -> list[Any]:
    """`process(articles)`; when it raises, each article
    again alone, so the exception lands on its own input."""
    try:
        results = list(process(articles))
        if len(results) == len(articles):
            return results
        raise RuntimeError(f"the step returned {len(results)} results for {len(articles)} articles")
    except RUN_WIDE:
        raise
    except Exception:  # noqa: BLE001 - find the input it belongs to
        if len(articles) == 1:
            return [_alone(process, articles[0])]
    return [_alone(process, article) for article in articles]


def _alone(process: Process, article: Article) -> Any:
    try:
        [result] = process([article])
    except RUN_WIDE:
        raise
    except Exception as exc:  # noqa: BLE001 - this input's failure, the batch goes on
        return isolate(exc, article.source)
    return result


def run_batch(
    refs: Sequence[InputRef], process: Process, *, encoding: str | None = None,
    stdin: BinaryIO | None = None, max_chars: int = 200_000, max_items: int = 64,
    offline: bool = False, read_ahead: dict[InputRef, bytes] | None = None, workers: int = 1,
) -> Iterator[Outcome]:
    """Process every input; yields outcomes chunk by chunk (failures of a chunk first, then its
    results). `read_ahead`: bytes of inputs read already (by resume), taken from there instead of
    read again. With `workers` > 1, that many inputs are read and processed at once, each alone, in
    threads (for steps that wait on a model server); outcomes still come in input order."""

    def read(ref: InputRef) -> Article:
        data = read_ahead.pop(ref, None) if read_ahead else None
        return read_article(ref, encoding=encoding, stdin=stdin, offline=offline, data=data)

    if workers > 1:
        yield from _at_once(refs, read, process, workers)
        return
    for failed, articles, owners in chunks(refs, read, max_chars, max_items):
        yield from failed
        if not articles:
            continue
        started = time.perf_counter()
        results = process_isolated(process, articles)
        each = (time.perf_counter() - started) / len(articles)
        for ref, article, result in zip(owners, articles, results):
            if isinstance(result, SummarizeError):
                yield Outcome(ref, error=isolate(result, ref.path), sha256=article.sha256,
                              seconds=each)
            else:
                yield Outcome(ref, result=result, sha256=article.sha256, seconds=each,
                              validators=(article.etag, article.last_modified))


def _at_once(refs: Sequence[InputRef], read: Callable[[InputRef], Article], process: Process,
             workers: int) -> Iterator[Outcome]:
    """Up to `workers` inputs in flight, a few more queued so a slow one does
    not idle the others; outcomes in input order. A run-wide error stops the
    run: what is queued is dropped, what runs is left to finish."""
    from concurrent.futures import Future, ThreadPoolExecutor

    pool = ThreadPoolExecutor(workers, thread_name_prefix="summarize-input")
    pending: deque[Future] = deque()
    try:
        for ref in refs:
            pending.append(pool.submit(_one, ref, read, process))
            while pending and (pending[0].done() or len(pending) >= 2 * workers):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=not pending, cancel_futures=True)


def _one(ref: InputRef, read: Callable[[InputRef], Article], process: Process) -> Outcome:
    """One input read and processed alone: its outcome."""
    try:
        article = read(ref)
    except Exception as exc:  # noqa: BLE001 - whatever it is, it is this input's failure
        return Outcome(ref, error=isolate(exc, ref.path))
    started = time.perf_counter()
    [result] = process_isolated(process, [article])
    seconds = time.perf_counter() - started
    if isinstance(result, SummarizeError):
        return Outcome(ref, error=isolate(result, ref.path), sha256=article.sha256, seconds=seconds)
    return Outcome(ref, result=result, sha256=article.sha256, seconds=seconds,
                   validators=(article.etag, article.last_modified))


def each(step: Callable[[], Callable[[Article], Any]]) -> Process:
    """The Process of a per-article step, built by its
    factory where it runs (here, or in a Ray actor)."""
    return one_by_one(step())


def one_by_one(func: Callable[[Article], Any]) -> Process:
    """A Process from a per-article function, keeping
    each article's error (expected or not) with it."""

    def process(articles: Sequence[Article]) -> list[Any]:
        out: list[Any] = []
        for article in articles:
            try:
                out.append(func(article))
            except RUN_WIDE:
                raise
            except Exception as exc:  # noqa: BLE001 - this article's failure
                out.append(isolate(exc, article.source))
        return out

    return process
