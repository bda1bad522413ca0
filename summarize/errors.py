"""Domain errors. Each carries the exit code the CLI turns it into; nothing here prints."""

from __future__ import annotations

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
    INTERRUPTED = 130


class SummarizeError(Exception):
    """Base of every expected error; `source` names the input it concerns, if any."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message

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


class IncompleteCoverageError(SummarizeError):
    exit_code = ExitCode.INCOMPLETE_COVERAGE


class ConfigError(UsageError):
    """A bad config file or SUMMARIZE_* value: a usage problem the user fixes."""
