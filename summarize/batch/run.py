"""A batch run over many inputs: resume, manifest,
outputs, tally, and the exit policy, in one place.

The per-article work is a `Process` (see runner.py); this module only decides what to run, where
each result goes, and what is remembered, so the local and Ray engines share all of it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..errors import ExitCode, OutputError, SummarizeError
from ..readers import STDIN, InputRef, Skipped, is_url, read_file
from ..records import Result
from ..writers import TEMP_SUFFIX, Sink
from .manifest import MANIFEST, Manifest, previous_rows
from .outputs import DirLock, input_key, plan_targets, prepare_dir, refuse_link
from .progress import Progress
from .runner import Outcome
from .state import STATE_FILE, RunState, options_key

# the output was written, and needs a look
FLAGS = (ExitCode.INCOMPLETE_COVERAGE, ExitCode.FINDINGS)


@dataclass
class Tally:
    """Counts for the closing line, and every input's exit code."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    codes: list[int] = field(default_factory=list)
    # inputs an earlier run finished: they count as processed for the exit code
    done_before: int = 0
    # what instruction models were sent and wrote, over every role of every output
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def line(self) -> str:
        tokens = (f", {self.prompt_tokens} prompt / {self.completion_tokens} completion tokens"
                  if self.prompt_tokens or self.completion_tokens else "")
        return f"{self.ok} ok, {self.failed} failed, {self.skipped} skipped{tokens}"

    def add_usage(self, result: Result) -> None:
        """Count the tokens every model of a result reports
        (OpenAI's names; seq2seq models report none)."""
        for info in result.review().models:
            usage = info.usage or {}
            self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
            self.completion_tokens += int(usage.get("completion_tokens") or 0)


def exit_code(tally: Tally) -> int:
    """The run's exit code from its inputs' codes (README, "Exit codes").

    Every input ok: 0, or the lowest flag code (7 coverage, 8 findings) any output carries. Some
    inputs failed and others were processed: 6. Every input failed: their common code, or the lowest
    of theirs when the causes differ (a folder of empty files exits 3, as one empty file does).
    """
    failures = [c for c in tally.codes if c and c not in FLAGS]
    flags = [c for c in tally.codes if c in FLAGS]
    if failures:
        every = len(failures) == len(tally.codes) and not tally.done_before
        return min(failures) if every else int(ExitCode.PARTIAL)
    return min(flags) if flags else 0


def models_used(result: Result) -> dict[str, str | None]:
    """{model id: revision} of every model that served a result."""
    return {info.model_id: info.revision for info in result.review().models}


@lru_cache(maxsize=None)
def _revision_now(model_id: str) -> str | None:
    from ..models.hub import current_revision

    return current_revision(model_id)


def remove_own_temporaries(folder: Path) -> None:
    """A run killed with SIGKILL cannot clean up; its
    half-written files are these, and only these go."""
    for dirpath, _dirs, files in os.walk(folder):  # links to folders are not followed
        for name in files:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                Path(dirpath, name).unlink(missing_ok=True)


# changed inputs whose bytes resume read are kept, up to this, for their processing
READ_AHEAD_BYTES = 64 << 20


class BatchRun:
    """Runs a command over inputs, writing outputs, the
    manifest and the resume state as each input completes."""

    def __init__(self, command: str, options: Any, sink: Sink, *, say: Callable[[str], None],
                 warn: Callable[[str], None], report: Callable[[SummarizeError], int],
                 manifest: Path | None = None, force: bool = False,
                 progress: Progress | None = None, offline: bool = False) -> None:
        self.command, self.sink, self.say, self.report, self.force = (
            command, sink, say, report, force)
        self.offline = offline
        self.key = options_key(command, options)
        self.lock = self.state = None
        self.targets: dict[InputRef, Path] = {}
        out_dir = sink.out_path if sink.to_dir else None
        if out_dir is not None:
            prepare_dir(out_dir)
            self.lock = DirLock(out_dir)
            manifest = manifest or out_dir / MANIFEST
            Manifest.check(manifest)
            # anything else unusable there is moved aside and rebuilt
            if (out_dir / STATE_FILE).is_symlink():
                refuse_link(out_dir / STATE_FILE, "its resume state")
            self.state = RunState(out_dir, warn=warn, previous=_keyed(previous_rows(manifest)))
            remove_own_temporaries(out_dir)
        # opened and locked now (another run writing it stops
        # this one); an earlier one cut at the first row
        try:
            self.manifest: Manifest | None = Manifest(manifest) if manifest is not None else None
        except SummarizeError:
            if self.state is not None:
                self.state.close()
            if self.lock is not None:
                self.lock.release()
            raise
        self.progress = progress
        self.tally = Tally()
        # bytes of changed inputs, read once to compare with the state
        self.read_ahead: dict[InputRef, bytes] = {}

    def earlier_outputs(self) -> set[str]:
        """Files an earlier run into the same DIR wrote: never read back as articles."""
        return self.state.outputs() if self.state is not None else set()

    def plan(self, refs: Sequence[InputRef]) -> None:
        """Decide every output file before any model loads (exit 2 on a collision)."""
        if self.sink.to_dir and self.sink.out_path is not None:
            self.targets = plan_targets(refs, self.sink.out_path, self.sink.fmt)

    def _note(self, ref: InputRef | Skipped, status: str, *, reason: str | None = None,
              output: Path | None = None, sha256: str | None = None, seconds: float = 0.0,
              models: dict | None = None) -> None:
        if self.manifest is None:
            return
        row = {"input": ref.path, "status": status, "reason": reason,
               "output": str(output) if output else None, "input_sha256": sha256,
               "seconds": round(seconds, 4)}
        if isinstance(ref, InputRef):  # enough to rebuild the resume state from this line alone
            row.update(key=input_key(ref), options_key=self.key, models=models)
        self.manifest.write(row)

    def pending(self, refs: Sequence[InputRef], skipped: Iterable[Skipped]) -> list[InputRef]:
        """Note non-article files and inputs finished by
        an earlier run; return what is left to do."""
        for s in skipped:
            self.tally.skipped += 1
            self._note(s, "skipped", reason=s.reason)
        if self.state is None or self.force:
            return list(refs)
        todo = []
        for ref in refs:
            target, digest = self.targets.get(ref), None
            # the server says whether it changed, or its hash does (no validators)
            if is_url(ref.path) and target:
                digest = self.state.url_done(ref.path, self.key, target, _revision_now,
                                             self._page_unchanged(ref))
            elif ref.path != STDIN and target:
                digest = self._unchanged(ref, target)
            if digest is not None:
                self.tally.skipped += 1
                self.tally.done_before += 1
                self._note(ref, "skipped",
                           reason="unchanged since the last run (--force redoes it)", output=target,
                           sha256=digest)
            else:
                todo.append(ref)
        return todo

    def _unchanged(self, ref: InputRef, target: Path) -> str | None:
        """The sha256 of a local input an earlier run finished as it is now. Only such an input is
        read here (the others once, for processing); a changed one keeps its bytes for processing,
        read once all the same."""
        assert self.state is not None
        found = self.state.finished(input_key(ref), self.key, target, _revision_now)
        if found is None:
            return None
        # never blocks on a FIFO nor reads /dev/zero: the reader's own size and file-type checks
        try:
            data = read_file(ref.path)
        except SummarizeError:
            return None  # the run reads it again and reports why it cannot
        digest = hashlib.sha256(data).hexdigest()
        if digest == found[0]:
            return digest
        if sum(map(len, self.read_ahead.values())) + len(data) <= READ_AHEAD_BYTES:
            self.read_ahead[ref] = data
        return None

    def _page_unchanged(self, ref: InputRef) -> Callable[[str, str | None, str | None], bool]:
        def ask(sha256: str, etag: str | None, last_modified: str | None) -> bool:
            if self.offline:  # no network: a finished page stays finished
                return True
            from ..readers import unchanged

            return unchanged(ref.path, etag, last_modified, sha256=sha256, auth=ref.auth)

        return ask

    def consume(self, outcomes: Iterator[Outcome], review: Callable[[Any], int] | None) -> None:
        """Write each outcome as it arrives; an error stays with its input."""
        for outcome in outcomes:
            if outcome.error is None:
                try:
                    code = review(outcome.result) if review else 0
                    target = self.sink.add(outcome.result, self.targets.get(outcome.ref))
                except OutputError as exc:
                    # stdout or the one output file: nothing more can be written
                    if not self.sink.to_dir:
                        raise
                    exc.source = outcome.ref.path
                    outcome = Outcome(outcome.ref, error=exc, sha256=outcome.sha256)
                else:
                    self._done(outcome, code, target)
                    continue
            self._failed(outcome)

    def _done(self, outcome: Outcome, code: int, target: Path | None) -> None:
        self.tally.ok += 1
        self.tally.codes.append(code)
        self.tally.add_usage(outcome.result)
        models = models_used(outcome.result)
        self._note(outcome.ref, "ok", output=target, sha256=outcome.sha256, seconds=outcome.seconds,
                   models=models)
        if self.state is not None and target is not None and outcome.sha256:
            self.state.record(input_key(outcome.ref), outcome.sha256, self.key, models, target,
                              outcome.validators)
        if self.progress:
            self.progress.step(outcome.result.review().sentences)

    def _failed(self, outcome: Outcome) -> None:
        assert outcome.error is not None
        self.tally.failed += 1
        self.tally.codes.append(self.report(outcome.error))
        self._note(outcome.ref, "failed", reason=outcome.error.message, sha256=outcome.sha256,
                   seconds=outcome.seconds)
        if self.progress:
            self.progress.step()

    def close(self, several: bool, *, flush: bool = True) -> int:
        """Finish outputs (unless the run failed), say the tally, and return the exit code."""
        try:
            if flush:
                self.sink.close()
        finally:
            if self.progress:
                self.progress.close()
            for part in (self.manifest, self.state):
                if part is not None:
                    part.close()
            if self.lock is not None:
                self.lock.release()
        if several:
            self.say(self.tally.line())
        return exit_code(self.tally)


def _keyed(rows: Iterable[dict]) -> Iterator[dict]:
    """Manifest rows that can rebuild a resume state
    (written by this version: they carry their key)."""
    return (row for row in rows if row.get("key"))
