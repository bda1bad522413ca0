"""The `summarize` command: parse options, load settings, call the library, write results, map errors to exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any, Callable, Optional

import typer

from . import __version__
from .errors import ExitCode, SummarizeError, UsageError

app = typer.Typer(
    name="summarize",
    help="Read Arabic and English news: detect the language, translate, summarise, list key points.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would be whole articles
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


# Options shared by every command that reads articles.
Inputs = Annotated[Optional[list[str]], typer.Argument(help="Files or directories; '-' or none reads stdin.", show_default=False)]
FormatOpt = Annotated[Optional[Format], typer.Option("--format", "-f", help="Output format [default: text].", show_default=False)]
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help="Output file, or directory for several inputs.")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="Force the input encoding (default: detect).")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", help="TOML config file (default: user config dir).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")]


def _use_colour(stream: Any) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


@dataclass
class Console:
    """Messages for people: stderr only, colour only on a terminal without NO_COLOR."""

    debug: bool = False
    quiet: bool = False
    errors: list[str] = field(default_factory=list)

    def _say(self, prefix: str, colour: str, message: str) -> None:
        stream = sys.stderr
        tag = f"\033[{colour}m{prefix}\033[0m" if _use_colour(stream) else prefix
        print(f"summarize: {tag}{message}", file=stream)

    def error(self, message: str) -> None:
        self.errors.append(message)
        self._say("error: ", "31", message)

    def warn(self, message: str) -> None:
        self._say("warning: ", "33", message)

    def info(self, message: str) -> None:
        if not self.quiet:
            self._say("", "0", message)


def _fail(console: Console, exc: BaseException) -> int:
    if console.debug:
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, SummarizeError):
        console.error(str(exc))
        return int(exc.exit_code)
    console.error(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")
    return int(ExitCode.INTERNAL)


def settings_from(config: str | None, **flags: Any):
    """Load settings with the given flags on top (None = not given)."""
    from .config import load_settings

    return load_settings({k: (v.value if isinstance(v, Enum) else v) for k, v in flags.items()}, config_path=config)


def batch(
    console: Console,
    inputs: list[str] | None,
    settings: Any,
    output: str | None,
    handle: Callable[[Any], Any],
) -> int:
    """Read each input, hand it to `handle`, write its result; one bad input never stops the rest."""
    from . import readers
    from .writers import Sink

    paths = inputs or ["-"]
    if paths == ["-"] and sys.stdin.isatty() and not inputs:
        raise UsageError("no input: give files or directories, or pipe an article to stdin")
    refs, skipped = readers.expand_inputs(paths)
    for s in skipped:
        console.info(f"skipped {s.path}: {s.reason}")
    several = len(refs) > 1 or any(os.path.isdir(p) for p in paths)
    sink = Sink(settings.format, stdout=sys.stdout, output=output, several=several)
    codes: list[int] = []
    for ref in refs:
        try:
            article = readers.read_article(ref, encoding=settings.encoding)
            sink.add(handle(article), ref.relpath)
            codes.append(0)
        except (SummarizeError, OSError) as exc:
            if isinstance(exc, OSError):
                exc = SummarizeError(f"cannot write output: {exc}", source=ref.path)
            codes.append(_fail(console, exc))
    sink.close()
    if not refs:
        raise UsageError("no article files found in the given inputs")
    failed = [c for c in codes if c]
    if not failed:
        return 0
    if len(codes) == 1:
        return failed[0]
    console.info(f"{len(codes) - len(failed)} ok, {len(failed)} failed, {len(skipped)} skipped")
    return int(ExitCode.PARTIAL)


def guarded(console: Console, body: Callable[[], int]) -> None:
    """Run a command body, turning every error into its exit code and one line on stderr."""
    try:
        code = body()
    except KeyboardInterrupt:
        console.error("interrupted")
        code = int(ExitCode.INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - the edge where errors become exit codes
        if os.environ.get("SUMMARIZE_RAISE"):  # tests see unexpected errors as they are
            raise
        code = _fail(console, exc)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        print(f"summarize {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """Read Arabic and English news: detect the language, translate, summarise, list key points."""


@app.command()
def detect(
    inputs: Inputs = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Detect the language of each input: code, confidence and the evidence used."""
    console = Console(debug=debug, quiet=quiet)

    def body() -> int:
        from .api import detect_article

        settings = settings_from(config, format=format, encoding=encoding)
        return batch(console, inputs, settings, output, detect_article)

    guarded(console, body)


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="summarize")
