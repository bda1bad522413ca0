"""Messages for people and exit codes: one line per
error on stderr, controls escaped, errors to codes."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import typer

from ..errors import ExitCode, PipeClosed, SummarizeError

if TYPE_CHECKING:
    from ..records import Result


def _use_colour(stream: Any) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


@dataclass
class Console:
    """Messages for people: stderr only, colour only
    on a terminal without NO_COLOR, controls escaped.

    `quiet` keeps errors only; `before` is called ahead of
    every message (the batch clears its progress line).
    """

    debug: bool = False
    quiet: bool = False
    before: Callable[[], None] = lambda: None
    # a summary streamed to the terminal ends its line first
    ends_line: Callable[[], None] = lambda: None

    def _say(self, prefix: str, colour: str, message: str) -> None:
        from ..writers import visible

        self.ends_line()
        self.before()
        stream = sys.stderr
        tag = f"\033[{colour}m{prefix}\033[0m" if prefix and _use_colour(stream) else prefix
        # one message, one line
        shown = visible(message).replace("\n", "\\x0a").replace("\t", "\\x09")
        print(f"summarize: {tag}{shown}", file=stream, flush=True)

    def error(self, message: str) -> None:
        self._say("error: ", "31", message)

    def warn(self, message: str) -> None:
        if not self.quiet:
            self._say("warning: ", "33", message)

    def info(self, message: str) -> None:
        if not self.quiet:
            self._say("", "", message)

    def report(self, exc: BaseException) -> int:
        """One line for an error (the traceback too with --debug); its exit code."""
        if self.debug:
            self.before()
            detail = getattr(exc, "detail", None)
            sys.stderr.write(detail) if detail else traceback.print_exception(exc, file=sys.stderr)
        if isinstance(exc, SummarizeError):
            self.error(str(exc))
            return int(exc.exit_code)
        self.error(f"internal error: {type(exc).__name__}: {exc} (a bug: "
                   "rerun with --debug and report it)")
        return int(ExitCode.INTERNAL)


class _ToConsole(logging.Handler):
    """The library's warnings (the `summarize` logger: a model falling back to another backend) as
    the console's own: one line, after the progress line is cleared, silenced by -q."""

    def __init__(self, console: Console) -> None:
        super().__init__(logging.WARNING)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        self.console.warn(record.getMessage())


def guarded(console: Console, body: Callable[[], int]) -> None:
    """Run a command body, turning every error into its exit code and one line on stderr."""
    import signal

    library = logging.getLogger("summarize")
    handler, propagate = _ToConsole(console), library.propagate
    library.addHandler(handler)
    library.propagate = False

    stopping: list[int] = []

    # SIGTERM ends a run like Ctrl-C: cleanly, outputs whole
    def terminated(signum: int, frame: Any) -> None:
        # a second SIGTERM while the run stops (`kill` sent twice) must not cut its cleanup
        if not stopping:
            stopping.append(signum)
            raise KeyboardInterrupt

    previous = None
    if hasattr(signal, "SIGTERM"):
        try:
            previous = signal.signal(signal.SIGTERM, terminated)
        except ValueError:  # not the main thread (some test runners): the default handler stays
            pass
    # `>&-`: writing data is an output error (exit 9), a run into -o DIR goes on
    closed = sys.stdout is None
    if closed:
        sys.stdout = _ClosedStdout()
        _hold_fd1()
    try:
        code = body()
    except KeyboardInterrupt:
        console.error("interrupted")
        code = int(ExitCode.INTERRUPTED)
    # `| head`: stop quietly, as `cat` would, and keep Python from complaining at exit
    except PipeClosed:
        _silence_stdout()
        code = int(ExitCode.PIPE_CLOSED)
    except Exception as exc:  # noqa: BLE001 - the edge where errors become exit codes
        if os.environ.get("SUMMARIZE_RAISE") and not isinstance(exc, SummarizeError):
            raise  # tests see unexpected errors as they are
        code = console.report(exc)
    finally:
        library.removeHandler(handler)
        library.propagate = propagate
        if closed:
            sys.stdout = None
        # the caller's own handling of SIGTERM, as it was (a library user, a test runner),
        if previous is not None:
            # unless the run was interrupted: then it is exiting,
            # and a further SIGTERM must not make that -15
            signal.signal(signal.SIGTERM, signal.SIG_IGN if stopping else previous)
    raise typer.Exit(code)


def _hold_fd1() -> None:
    """/dev/null on a closed fd 1, so no file the run opens
    (a manifest, an output) gets it, nor a child's stdout."""
    try:
        os.fstat(1)
        return
    except OSError:
        pass
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        if fd != 1:
            os.dup2(fd, 1)
            os.close(fd)
    except OSError:
        pass


class _ClosedStdout:
    """sys.stdout when the command was started with stdout
    closed: any write is the run's output error."""

    def write(self, text: str) -> int:
        from ..errors import OutputError

        raise OutputError("cannot write to stdout: it is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    # no real file descriptor (a test runner's stream)
    except (OSError, ValueError, AttributeError):
        pass


def has_errors(findings: Any) -> bool:
    """Whether any finding contradicts the source (severity
    "error"): what --strict turns into exit 8."""
    return any(f.severity == "error" for f in findings)


def review_result(console: Console, settings: Any, *,
                  strict: bool = False) -> Callable[[Result], int]:
    """At most one stderr line per result summing up its findings, warnings and coverage (the
    details are in the output record, or below that line when the output cannot show them);
    incomplete coverage (and, with `strict`, error findings) become exit codes."""
    from ..render import notes, shows_notes
    from ..writers import for_people

    def review(result: Result) -> int:
        seen = result.review()
        source = seen.source
        if seen.note:
            console.info(f"{source}: {seen.note}")
        code, parts = 0, []
        for role, cov in seen.coverage.items():
            if not cov.complete:
                parts.append(f"the {'' if role == 'model' else role + ' '}model read "
                             f"{cov.ratio:.0%} of its input")
                code = code or (0 if settings.allow_truncation
                                else int(ExitCode.INCOMPLETE_COVERAGE))
        findings = seen.findings
        if findings:
            parts.append(_counted(f.kind for f in findings) + " not backed by the source")
        warnings = seen.warnings
        if warnings:
            parts.append(f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}")
        # a translation's text is the article alone
        shown = not for_people(settings.format) or shows_notes(result)
        hidden = [] if shown else notes(seen)  # so its notes follow here, or are nowhere
        if parts:
            console.warn(f"{source}: {'; '.join(parts)}" +
                         ("; see the output" if shown else ":" if hidden else ""))
        for line in hidden:
            console.warn(f"  {line}")
        if strict and not code and has_errors(findings):
            code = int(ExitCode.FINDINGS)
        return code

    return review


def _counted(kinds: Any) -> str:
    """"2 numbers and 1 quote": how many findings of each kind."""
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    words = [f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in counts.items()]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


class Streamed:
    """stdout while one article's summary is streamed to a terminal: each piece of the summary as
    the model writes it (`piece`, the run's RunOptions.stream), then the text record without the
    summary shown already. A summary that came out otherwise than streamed (a reply cut and asked
    again, a glossary term enforced) is written again in full below, as the record has it."""

    def __init__(self, stdout: Any) -> None:
        self.stdout = stdout
        self.shown: list[str] = []
        self.broken = False  # the terminal went away: the record's own write reports it
        self.open = False  # the last piece left its line open
        # a message ended that line (a line break the record need not give again)
        self.ended = False

    def piece(self, text: str) -> None:
        from ..writers import visible

        if self.broken or not text:
            return
        if not self.shown:
            text = text.lstrip()  # as the record shows the summary
            if not text:
                return
        try:
            self.stdout.write(visible(text))
            self.stdout.flush()
        except (OSError, ValueError):
            self.broken = True
        self.shown.append(text)
        self.open = not text.endswith("\n")

    def write(self, text: str) -> int:
        from ..writers import visible

        if not self.shown:
            return self.stdout.write(text)
        after = _past(text, visible("".join(self.shown)))
        rest = text[after:] if after is not None else "\n\n" + text
        self.shown, self.open = [], False
        return self.stdout.write(rest[1:] if self.ended and rest.startswith("\n") else rest)

    def flush(self) -> None:
        self.stdout.flush()

    def end_line(self) -> None:
        """End the streamed line before a message on the same
        terminal (stderr), or when no record follows."""
        if self.open and not self.broken:
            self.open, self.ended = False, True
            try:
                self.stdout.write("\n")
                self.stdout.flush()
            except (OSError, ValueError):  # the run's own error (a closed pipe) is the one reported
                pass


def _past(block: str, shown: str) -> int | None:
    """Where `block` goes on past the text `shown` (whitespace
    aside); None when it does not start with it."""
    want = "".join(shown.split())
    i = 0
    for j, ch in enumerate(block):
        if i == len(want):
            return j
        if ch.isspace():
            continue
        if ch != want[i]:
            return None
        i += 1
    return len(block) if i == len(want) else None


def streaming(stdout: Any, *, fmt: str, inputs: Any,
              files_from: Any, output: Any) -> Streamed | None:
    """A Streamed stdout when one article's text record goes to a terminal, else None (the record is
    written whole, as always)."""
    import os.path

    one = not files_from and len(inputs or ["-"]) == 1 and not os.path.isdir((inputs or ["-"])[0])
    return (Streamed(stdout)
            if fmt == "text" and one and output in (None, "-") and _terminal(stdout) else None)


def _terminal(stream: Any) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()
