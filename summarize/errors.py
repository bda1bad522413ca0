"""Domain errors. Each carries the exit code the CLI turns it into; nothing here prints."""

from __future__ import annotations

import re
import traceback
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes (README, "Exit codes")."""

    OK = 0
    INTERNAL = 1
    USAGE = 2
    BAD_INPUT = 3
    UNSUPPORTED_LANGUAGE = 4
    MODEL_UNAVAILABLE = 5
    PARTIAL = 6
    INCOMPLETE_COVERAGE = 7
    FINDINGS = 8
    OUTPUT = 9
    INTERRUPTED = 130
    PIPE_CLOSED = 141  # 128 + SIGPIPE, as a shell reports a reader that went away (`| head`)


class SummarizeError(Exception):
    """Base of every expected error; `source` names the input it concerns, if any."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        # one line whatever the input's name holds ("http://host/\n" given as text, a file name
        # with a line break): its control characters shown escaped
        source = self.source and re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m[0]):02x}",
                                        self.source)  # as writers.visible shows them
        return f"{source}: {self.message}" if source else self.message

    def __reduce__(self):  # keep `source` when results travel between processes (Ray workers)
        return _rebuild, (type(self), self.message, self.source)


def _rebuild(cls: type, message: str, source: str | None) -> "SummarizeError":
    return cls(message, source=source)


class UsageError(SummarizeError):
    exit_code = ExitCode.USAGE


class InputError(SummarizeError):
    """A missing, unreadable, binary, undecodable or empty input."""

    exit_code = ExitCode.BAD_INPUT


class UnsupportedLanguageError(SummarizeError):
    exit_code = ExitCode.UNSUPPORTED_LANGUAGE


class ModelUnavailableError(SummarizeError):
    exit_code = ExitCode.MODEL_UNAVAILABLE


class EndpointUnavailableError(ModelUnavailableError):
    """The model server of --api-base is down or lacks the model when it is first asked: the run's
    error, not an input's, so a batch stops with one line (exit 5) instead of one per input."""


class IncompleteCoverageError(SummarizeError):
    exit_code = ExitCode.INCOMPLETE_COVERAGE


class ConfigError(UsageError):
    """A bad config file or SUMMARIZE_* value: a usage problem the user fixes."""


class OutputError(SummarizeError):
    """An output that cannot be written: read-only or full disk, a bad `-o`, a closed stdout."""

    exit_code = ExitCode.OUTPUT


class PipeClosed(Exception):
    """stdout's reader went away (`summarize … | head -1`): the run ends quietly."""


class InternalError(SummarizeError):
    """An unexpected exception (a bug) while one input
    was processed; the batch goes on without it."""

    exit_code = ExitCode.INTERNAL

    def __init__(self, message: str, *, source: str | None = None,
                 detail: str | None = None) -> None:
        super().__init__(message, source=source)
        self.detail = detail  # the original traceback, shown with --debug

    @classmethod
    def wrap(cls, exc: BaseException, source: str | None) -> "InternalError":
        """The one-line report of an unexpected exception, with its traceback kept for --debug."""
        what = " ".join(str(exc).split())
        what = what if len(what) <= 200 else what[:199] + "…"
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return cls(f"internal error: {type(exc).__name__}: {what} (a bug: "
                   "rerun with --debug and report it)", source=source, detail=detail)

    def __reduce__(self):
        return _rebuild_internal, (self.message, self.source, self.detail)


def _rebuild_internal(message: str, source: str | None, detail: str | None) -> InternalError:
    return InternalError(message, source=source, detail=detail)


def isolate(exc: BaseException, source: str | None) -> SummarizeError:
    """Any exception raised for one input, as that
    input's error (expected ones keep their own code)."""
    if isinstance(exc, SummarizeError):
        if exc.source is None:
            exc.source = source
        return exc
    return InternalError.wrap(exc, source)
