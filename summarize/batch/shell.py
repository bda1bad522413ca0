"""A command over its inputs, start to end: list inputs, plan outputs, resume, run an engine, tally.

The CLI calls `run_command` with what the user asked; nothing here parses options or prints but
through the `console` it is given.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

from ..errors import SummarizeError, UsageError
from ..readers import InputRef, Skipped, expand_inputs
from ..writers import Sink
from .outputs import check_single_output, outside_outputs, unique_inputs
from .progress import Progress
from .run import BatchRun
from .runner import Outcome, each

# settings naming a model
SERVER_ROLES = ("summary_model", "keypoints_model", "translation_model", "judge_model")


class Console(Protocol):
    """Where the shell's messages go (the CLI's stderr console)."""

    quiet: bool

    def info(self, message: str) -> None: ...
    def warn(self, message: str) -> None: ...
    def report(self, exc: SummarizeError) -> int: ...


@dataclass(frozen=True)
class BatchArgs:
    """The options every article-reading command shares."""

    inputs: list[str] | None
    output: str | None = None
    files_from: str | None = None
    null: bool = False
    force: bool = False
    manifest: str | None = None
    engine: str = "local"
    address: str | None = None
    verbose: bool = False


def listed_paths(files_from: str, null: bool, stdin: Any = None) -> list[str]:
    """The paths of a --files-from list; a list that is not
    one (binary, NUL without --null, empty) is exit 2."""
    try:
        if files_from == "-":
            data = (stdin or sys.stdin.buffer).read()
        else:
            with open(files_from, "rb") as fh:
                data = fh.read(64 << 20)
    except OSError as exc:
        raise UsageError(f"--files-from {files_from}: {exc.strerror or exc}") from None
    if b"\0" in data and not null:
        raise UsageError(f"--files-from {files_from} is NUL-separated (find -print0): add --null")
    text = data.decode("utf-8", errors="surrogateescape")
    paths = [p for p in (text.split("\0") if null else text.splitlines()) if p.strip()]
    allowed = "\t\n" if null else "\t"  # NUL-separated lists are for names holding a newline
    if any(ch < " " and ch not in allowed for p in paths for ch in p):
        raise UsageError(f"--files-from {files_from} is not a list of paths (it holds "
                         "control characters)")
    if not paths:
        raise UsageError(f"--files-from {files_from} lists no paths")
    return paths


def _inputs(args: BatchArgs) -> tuple[list[InputRef], list[Skipped], bool]:
    paths = list(args.inputs or [])
    if args.files_from:
        paths += listed_paths(args.files_from, args.null)
    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("no input: give files or directories, --files-from, "
                             "or pipe an article to stdin")
        paths = ["-"]
    refs, skipped = expand_inputs(paths)
    refs, again = unique_inputs(refs)
    several = len(refs) > 1 or any(os.path.isdir(p) for p in paths) or bool(args.files_from)
    return refs, [*skipped, *again], several


def run_command(console: Console, args: BatchArgs, settings: Any,
                step: Callable[[], Callable[..., Any]], *, command: str, chunked: bool = False,
                options: Any = None, review: Callable[[Any], int] | None = None,
                view: Callable[[Any], Any] | None = None, stdout: Any = None) -> int:
    """Run a command's step over every input: plan outputs,
    resume, process in chunks, write, manifest, tally.

    `step` builds the command's step where it runs (once per run, or per Ray actor): a function of
    one article (its result or its error), or with `chunked` a function of a chunk of articles
    sharing model batches (one outcome each)."""
    factory = step if chunked else partial(each, step)
    refs, skipped, several = _inputs(args)
    sink = Sink(settings.format, stdout=stdout or sys.stdout, output=args.output, several=several)
    progress = Progress(len(refs), sys.stderr,
                        enabled=_terminal() and not console.quiet and several)
    console.before = progress.clear
    run = BatchRun(command, settings if options is None else options, sink, say=console.info,
                   warn=console.warn, report=console.report, force=args.force, progress=progress,
                   manifest=Path(args.manifest) if args.manifest else None,
                   offline=bool(getattr(settings, "offline", False)))
    try:
        out_dir = sink.out_path if sink.to_dir else None
        # -o DIR's own files: not news
        refs, skipped = outside_outputs(refs, skipped, out_dir, run.earlier_outputs())
        for s in skipped:
            console.info(f"skipped {s.path}: {s.reason}")
        if not refs:
            raise UsageError("no article files found in the given inputs")
        run.plan(refs)
        if not sink.to_dir and sink.out_path is not None:
            check_single_output(sink.out_path, refs)
        todo = run.pending(refs, skipped)
        progress.total = len(todo)
        workers = 1 if chunked else server_workers(settings)
        run.consume(_outcomes(todo, factory, settings, args, view, console,
                              run.read_ahead, workers), review)
    # a closed pipe, an interrupt, a run-wide error: bookkeeping closed, no tally
    except BaseException as exc:
        try:
            # what is done is still written
            run.close(several=False, flush=isinstance(exc, KeyboardInterrupt))
        except Exception:  # noqa: BLE001 - the first error is the one to report
            pass
        raise
    return run.close(several)


def server_workers(settings: Any) -> int:
    """Inputs worked at once: --api-concurrency when a role's model is on a model server (api:NAME),
    whose requests then overlap; else 1 (a local model is busy with one article at a time)."""
    from ..models.registry import API_PREFIX

    named = [getattr(settings, name, None) for name in SERVER_ROLES]
    if not any(isinstance(value, str) and value.startswith(API_PREFIX) for value in named):
        return 1
    return max(1, int(getattr(settings, "api_concurrency", 1) or 1))


def _outcomes(refs: list[InputRef], factory: Callable[[], Any], settings: Any, args: BatchArgs,
              view: Callable[[Any], Any] | None, console: Console, read_ahead: dict,
              workers: int = 1) -> Iterator[Outcome]:
    if not refs:
        return
    if args.engine == "ray":
        from .ray_engine import run_ray

        read_ahead.clear()  # the workers read their inputs themselves
        outcomes = run_ray(refs, factory, encoding=settings.encoding, address=args.address,
                           offline=settings.offline, use_gpu=settings.device.startswith("cuda"),
                           max_chars=settings.chunk_chars)
    else:
        from .runner import run_batch

        outcomes = run_batch(refs, factory(), encoding=settings.encoding,
                             max_chars=settings.chunk_chars, offline=settings.offline,
                             read_ahead=read_ahead, workers=workers)
    for outcome in outcomes:
        if args.verbose:
            console.info(f"{outcome.ref.path}: {'ok' if outcome.ok else 'failed'} "
                         f"({outcome.seconds:.2f} s)")
        if view is not None and outcome.ok:
            outcome = replace(outcome, result=view(outcome.result))
        yield outcome


def _terminal() -> bool:
    """Progress goes to a terminal only."""
    return hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
