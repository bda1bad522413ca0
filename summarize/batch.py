"""A batch run over many inputs: resume, manifest, progress, outputs, tally. The CLI's engine room.

The per-article work is a `Process` (see runner.py); this module only decides what to run, where each
result goes, and what is remembered, so the local and Ray engines share all of it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Sequence

from .errors import ExitCode, InputError, SummarizeError
from .readers import InputRef, Skipped, is_url, read_file
from .runner import Outcome
from .state import RunState, options_key
from .writers import Sink, mirrored_path

MANIFEST = "manifest.jsonl"


@dataclass
class Tally:
    """Counts for the closing line."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    codes: list[int] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.ok} ok, {self.failed} failed, {self.skipped} skipped"


def models_used(result: Any) -> dict[str, str | None]:
    """{model id: revision} of every model that served a result."""
    infos = list(getattr(result, "models", {}).values())
    if getattr(result, "model", None) is not None:
        infos.append(result.model)
    return {info.model_id: info.revision for info in infos}


@lru_cache(maxsize=None)
def _revision_now(model_id: str) -> str | None:
    from .models.loader import current_revision

    return current_revision(model_id)


def _remove_stale_temporaries(folder: Path) -> None:
    # A run killed with SIGKILL cannot clean up after itself; its half-written files are only these.
    for tmp in folder.rglob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def _sha256(path: str) -> str | None:
    if path == "-" or is_url(path):
        return None
    try:  # never blocks on a FIFO nor reads /dev/zero: the reader's own size and file-type checks
        return hashlib.sha256(read_file(path)).hexdigest()
    except SummarizeError:
        return None


class Progress:
    """One self-rewriting line on a terminal: inputs done/total, sentences, rate, ETA. Silent otherwise."""

    def __init__(self, total: int, stream: IO[str], enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.done = self.sentences = 0
        self.started = time.perf_counter()

    def step(self, result: Any = None) -> None:
        self.done += 1
        self.sentences += len(getattr(result, "sentences", ()) or ())
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed else 0.0
        eta = (self.total - self.done) / rate if rate else 0.0
        self.stream.write(f"\r{self.done}/{self.total} inputs · {self.sentences} sentences · {rate:.2f}/s · "
                          f"ETA {int(eta) // 60}:{int(eta) % 60:02d}  ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()


class BatchRun:
    """Runs a command over inputs, writing outputs, the manifest and the resume state as each input completes."""

    def __init__(self, command: str, options: Any, sink: Sink, *, say: Callable[[str], None],
                 report: Callable[[BaseException], int], manifest: Path | None = None, force: bool = False,
                 progress: Progress | None = None) -> None:
        self.command, self.sink, self.say, self.report, self.force = command, sink, say, report, force
        self.key = options_key(command, options)
        self.state = RunState(sink.out_path) if sink.to_dir and sink.out_path else None
        if self.state is not None:
            _remove_stale_temporaries(self.state.path.parent)
        if manifest is None and sink.to_dir and sink.out_path:
            manifest = sink.out_path / MANIFEST
        self.manifest = self._open_manifest(manifest)
        self.progress = progress
        self.tally = Tally()

    @staticmethod
    def _open_manifest(path: Path | None) -> IO[str] | None:
        if path is None:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("w", encoding="utf-8")

    def _note(self, ref: InputRef | Skipped, status: str, *, reason: str | None = None, output: Path | None = None,
              sha256: str | None = None, seconds: float = 0.0) -> None:
        if self.manifest is None:
            return
        row = {"input": ref.path, "status": status, "reason": reason, "output": str(output) if output else None,
               "input_sha256": sha256, "seconds": round(seconds, 4)}
        self.manifest.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.manifest.flush()

    def _target(self, ref: InputRef) -> Path | None:
        if not (self.sink.to_dir and self.sink.out_path):
            return None
        return mirrored_path(self.sink.out_path, ref.relpath, self.sink.fmt)

    def pending(self, refs: Sequence[InputRef], skipped: Iterable[Skipped]) -> list[InputRef]:
        """Note non-article files and inputs finished by an earlier run; return what is left to do."""
        for s in skipped:
            self.tally.skipped += 1
            self._note(s, "skipped", reason=s.reason)
        if self.state is None or self.force:
            return list(refs)
        todo = []
        for ref in refs:
            target, digest = self._target(ref), _sha256(ref.path)
            if digest and target and self.state.is_done(ref.relpath or ref.path, digest, self.key, target, _revision_now):
                self.tally.skipped += 1
                self._note(ref, "skipped", reason="unchanged since the last run (--force redoes it)", output=target,
                           sha256=digest)
            else:
                todo.append(ref)
        return todo

    def consume(self, outcomes: Iterator[Outcome], review: Callable[[Any], int] | None) -> None:
        """Write each outcome as it arrives; an error stays with its input."""
        for outcome in outcomes:
            result = outcome.result
            if outcome.error is None:
                try:
                    code = review(result) if review else 0
                    target = self.sink.add(result, outcome.ref.relpath)
                except OSError as exc:
                    outcome = Outcome(outcome.ref, error=InputError(f"cannot write output: {exc}",
                                                                    source=outcome.ref.path))
                else:
                    self._done(outcome, code, target)
                    continue
            self._failed(outcome)

    def _done(self, outcome: Outcome, code: int, target: Path | None) -> None:
        self.tally.ok += 1
        self.tally.codes.append(code)
        self._note(outcome.ref, "ok", output=target, sha256=outcome.sha256, seconds=outcome.seconds)
        if self.state is not None and target is not None and outcome.sha256:
            self.state.record(outcome.ref.relpath or outcome.ref.path, outcome.sha256, self.key,
                              models_used(outcome.result), target)
        if self.progress:
            self.progress.step(outcome.result)

    def _failed(self, outcome: Outcome) -> None:
        assert outcome.error is not None
        self.tally.failed += 1
        self.tally.codes.append(self.report(outcome.error))
        self._note(outcome.ref, "failed", reason=outcome.error.message, sha256=outcome.sha256,
                   seconds=outcome.seconds)
        if self.progress:
            self.progress.step()

    def close(self, several: bool) -> int:
        """Finish outputs, say the tally, and return the exit code."""
        self.sink.close()
        if self.progress:
            self.progress.close()
        if self.manifest:
            self.manifest.close()
        if self.state:
            self.state.close()
        if several:
            self.say(self.tally.line())
        return exit_code(self.tally)


def exit_code(tally: Tally) -> int:
    """0; else the one input's own code; else PARTIAL when any input failed; else a flag code (coverage, findings)."""
    failures = [c for c in tally.codes if c and c not in (ExitCode.INCOMPLETE_COVERAGE, ExitCode.FINDINGS)]
    flags = [c for c in tally.codes if c in (ExitCode.INCOMPLETE_COVERAGE, ExitCode.FINDINGS)]
    if failures:
        return failures[0] if len(tally.codes) == 1 else int(ExitCode.PARTIAL)
    return min(flags) if flags else 0


def stderr_is_terminal() -> bool:
    """Progress goes to a terminal only."""
    return hasattr(sys.stderr, "isatty") and sys.stderr.isatty()


