"""The batch run on a Ray cluster (or a local Ray): Ray Data feeds input paths to a pool of actors.

Each actor builds its Process once, then runs the local engine's `run_batch` on every batch it is
given, so reading, chunking and per-article errors are exactly those of a local run. Ray is imported
only here, inside functions: `summarize` works without it.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import os
import pickle
import signal
import socket
import sys
from typing import Any, Callable, Iterator, Sequence

from ..errors import SummarizeError, UsageError
from ..readers import STDIN, InputRef
from .runner import Outcome, Process, run_batch

INSTALL_HINT = "--engine ray needs Ray: pip install 'summarize[ray]'"


def ray_available() -> bool:
    """Whether Ray can be imported here."""
    return importlib.util.find_spec("ray") is not None


def require_ray() -> Any:
    """The `ray` module, or a UsageError with the install hint."""
    if not ray_available():
        raise UsageError(INSTALL_HINT)
    import ray
    import ray.data  # noqa: F401 - the Data library comes with the extra, not with bare `ray`

    return ray


class _Worker:
    """A Ray actor: one Process for its lifetime, one pickled Outcome per input row."""

    def __init__(self, factory: Callable[[], Process], encoding: str | None, max_chars: int,
                 cwd: str, offline: bool = False) -> None:
        # relative paths (inputs, model folders) mean what they meant to the caller
        if os.path.isdir(cwd):
            os.chdir(cwd)
        self.process = factory()
        self.encoding, self.max_chars, self.offline = encoding, max_chars, offline

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        # auth: a URL's basic auth, or ""
        refs = [InputRef(str(path), str(rel) or None, str(auth) or None)
                for path, rel, auth in zip(batch["path"], batch["relpath"], batch["auth"])]
        done: list[Outcome | SummarizeError] = []
        try:
            done.extend(run_batch(refs, self.process, encoding=self.encoding,
                                  max_chars=self.max_chars, offline=self.offline,
                                  max_items=len(refs)))
        # a whole-run error (a missing model): the driver raises it, as run_batch does
        except SummarizeError as exc:
            done.append(exc)
        return {"outcome": [pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL) for item in done]}


def check_address(address: str, timeout: float = 5.0) -> None:
    """Refuse, in seconds rather than minutes of Ray's
    retries, an address where no cluster answers."""
    if address == "auto" or address.startswith("ray://"):
        return
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--address {address!r} is not HOST:PORT (e.g. 10.0.0.5:6379), "
                         "'auto' or ray://HOST:PORT")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise UsageError(f"no Ray cluster answers at {address}: {exc.strerror or exc}; "
                         "start one with `ray start --head` or leave out --address") from None


def _connect(ray: Any, address: str | None) -> bool:
    """Join the cluster at `address`, or start a local
    Ray; True when we started it (and so shut it down)."""
    if address:
        # even when this process already runs a Ray: the address given must answer
        check_address(address)
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    terminate = signal.getsignal(signal.SIGTERM)
    try:
        if address:
            ray.init(address=address, logging_level=logging.WARNING)
        else:
            ray.init(include_dashboard=False, logging_level=logging.WARNING)
    except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
        raise UsageError(f"cannot start or join Ray{f' at {address}' if address else ''}: "
                         f"{' '.join(str(exc).split())[:300]}") from None
    finally:
        # Ray installs its own SIGTERM handler; a run still ends cleanly (exit 130)
        if callable(terminate):
            signal.signal(signal.SIGTERM, terminate)
    return True


def _quiet_data(ray: Any) -> None:
    """No progress bars off a terminal, no execution plans or stats on stderr."""
    context = ray.data.DataContext.get_current()
    context.enable_auto_log_stats = False
    if not sys.stderr.isatty():
        # "progress bars disabled"
        logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)
        context.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def _pool_size(ray: Any, refs: Sequence[InputRef], num_actors: int | None, use_gpu: bool,
               max_items: int) -> int:
    if num_actors is None:
        num_actors = int(ray.cluster_resources().get("GPU" if use_gpu else "CPU", 1))
    return max(1, min(num_actors, math.ceil(len(refs) / max_items)))


def run_ray(
    refs: Sequence[InputRef], factory: Callable[[], Process], *, encoding: str | None = None,
    address: str | None = None, num_actors: int | None = None, use_gpu: bool = False,
    max_items: int = 16, max_chars: int = 200_000, offline: bool = False,
) -> Iterator[Outcome]:
    """Like `runner.run_batch`, on Ray actors that each
    call `factory()` once; outcomes come as they complete.

    Each actor gets up to `max_items` inputs at a time and
    chunks them by `max_chars` as the local engine does.
    """
    if any(ref.path == STDIN for ref in refs):
        raise UsageError("--engine ray reads files, not stdin")
    ray = require_ray()
    worker_args = (factory, encoding, max_chars, os.getcwd(), offline)
    return _stream(ray, list(refs), worker_args, address, num_actors, use_gpu, max(1, max_items))


def _stream(ray: Any, refs: list[InputRef], worker_args: tuple, address: str | None,
            num_actors: int | None, use_gpu: bool, max_items: int) -> Iterator[Outcome]:
    if not refs:
        return
    started = _connect(ray, address)
    try:
        _quiet_data(ray)
        # "" for no relpath: a column of None alone would come back as NaN floats
        rows = [{"path": ref.path, "relpath": ref.relpath or "", "auth": ref.auth or ""}
                for ref in refs]
        outcomes = ray.data.from_items(rows).map_batches(
            _Worker, batch_size=max_items, batch_format="numpy",
            fn_constructor_args=worker_args,
            compute=ray.data.ActorPoolStrategy(size=_pool_size(ray, refs, num_actors,
                                                               use_gpu, max_items)),
            num_cpus=1, num_gpus=1 if use_gpu else None,
        )
        for row in outcomes.iter_rows():
            item = pickle.loads(row["outcome"])
            if isinstance(item, SummarizeError):
                raise item
            yield item
    finally:
        if started:
            ray.shutdown()
