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


def batch(console: Console, inputs: list[str] | None, settings: Any, output: str | None, process: Any,
          *, max_items: int = 64, review: Callable[[Any], int] | None = None) -> int:
    """Read every input, process them in chunks, write each result; one bad input never stops the rest."""
    from . import readers
    from .runner import run_batch
    from .writers import Sink

    paths = inputs or ["-"]
    if not inputs and sys.stdin.isatty():
        raise UsageError("no input: give files or directories, or pipe an article to stdin")
    refs, skipped = readers.expand_inputs(paths)
    for s in skipped:
        console.info(f"skipped {s.path}: {s.reason}")
    if not refs:
        raise UsageError("no article files found in the given inputs")
    several = len(refs) > 1 or any(os.path.isdir(p) for p in paths)
    sink = Sink(settings.format, stdout=sys.stdout, output=output, several=several)
    codes: list[int] = []
    for outcome in run_batch(refs, process, encoding=settings.encoding, max_items=max_items):
        if outcome.error is not None:
            codes.append(_fail(console, outcome.error))
            continue
        try:
            code = review(outcome.result) if review else 0
            sink.add(outcome.result, outcome.ref.relpath)
            codes.append(code)
        except OSError as exc:
            codes.append(_fail(console, SummarizeError(f"cannot write output: {exc}", source=outcome.ref.path)))
    sink.close()
    return _exit_code(console, codes, len(skipped))


def _exit_code(console: Console, codes: list[int], skipped: int) -> int:
    failed = [c for c in codes if c and c not in (ExitCode.INCOMPLETE_COVERAGE, ExitCode.FINDINGS)]
    flagged = [c for c in codes if c in (ExitCode.INCOMPLETE_COVERAGE, ExitCode.FINDINGS)]
    if not failed:
        return min(flagged) if flagged else 0
    if len(codes) == 1:
        return failed[0]
    console.info(f"{len(codes) - len(failed)} ok, {len(failed)} failed, {skipped} skipped")
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
        from .runner import one_by_one

        settings = settings_from(config, format=format, encoding=encoding)
        return batch(console, inputs, settings, output, one_by_one(detect_article))

    guarded(console, body)


def review_result(console: Console, settings: Any) -> Callable[[Any], int]:
    """Say a result's notes and warnings on stderr; incomplete coverage is an exit code unless allowed."""

    def review(result: Any) -> int:
        source = getattr(result, "source", "-")
        if getattr(result, "note", None):
            console.info(f"{source}: {result.note}")
        for warning in getattr(result, "warnings", ()):
            console.warn(f"{source}: {warning}")
        coverage = getattr(result, "coverage", None)
        if coverage is not None and not coverage.complete:
            console.warn(f"{source}: the model read {coverage.ratio:.0%} of the input "
                         f"({coverage.tokens_read} of {coverage.tokens_total} tokens)")
            if not settings.allow_truncation:
                return int(ExitCode.INCOMPLETE_COVERAGE)
        return 0

    return review


def model_pool(settings: Any):
    """The run's models, each loaded once."""
    from .models.loader import ModelPool, offline

    return ModelPool(device=settings.device, backend=settings.backend, offline_mode=offline(settings.offline),
                     batch_tokens=settings.batch_tokens, cache_dir=settings.cache_dir)


class Lang(str, Enum):
    ar = "ar"
    en = "en"


class Device(str, Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


class Backend(str, Enum):
    auto = "auto"
    ctranslate2 = "ctranslate2"
    transformers = "transformers"


DeviceOpt = Annotated[Optional[Device], typer.Option("--device", help="cpu, cuda, or auto (GPU when present).")]
BackendOpt = Annotated[Optional[Backend], typer.Option("--backend", help="Inference engine; auto: CTranslate2 when installed.")]
BeamsOpt = Annotated[Optional[int], typer.Option("--beams", min=1, max=16, help="Beam size [default: 4].")]
BatchOpt = Annotated[Optional[int], typer.Option("--batch-tokens", "--batch-size", min=16, help="Source tokens per model batch [default: 4096].")]
OfflineOpt = Annotated[Optional[bool], typer.Option("--offline/--online", help="Never touch the network (also HF_HUB_OFFLINE=1).", show_default=False)]
AllowTruncOpt = Annotated[Optional[bool], typer.Option("--allow-truncation", help="Exit 0 even when a model read less than the whole input.", show_default=False)]


@app.command()
def translate(
    inputs: Inputs = None,
    to: Annotated[Lang, typer.Option("--to", help="Target language.")] = Lang.en,
    source_lang: Annotated[Optional[Lang], typer.Option("--from", help="Source language (default: detect).")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="Hub id or local folder of the translation model.")] = None,
    bilingual: Annotated[bool, typer.Option("--bilingual", help="Source and translation side by side (text/markdown).")] = False,
    device: DeviceOpt = None,
    backend: BackendOpt = None,
    beams: BeamsOpt = None,
    batch_tokens: BatchOpt = None,
    offline: OfflineOpt = None,
    allow_truncation: AllowTruncOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Translate articles Arabic↔English, sentence by sentence, keeping paragraphs, headings and numbers."""
    console = Console(debug=debug, quiet=quiet)

    def body() -> int:
        from .pipeline import TranslateOptions, translate_many
        from .render import Bilingual

        settings = settings_from(config, format=format, encoding=encoding, device=device, backend=backend,
                                 beams=beams, batch_tokens=batch_tokens, offline=offline,
                                 allow_truncation=allow_truncation, translation_model=model)
        pool = model_pool(settings)
        options = TranslateOptions(to=to.value, source=source_lang.value if source_lang else None,
                                   model=settings.translation_model, beams=settings.beams)
        wrap = bilingual and settings.format in ("text", "markdown")

        def process(articles):
            results = translate_many(articles, pool, options)
            return [Bilingual(r) if wrap and not isinstance(r, SummarizeError) else r for r in results]

        return batch(console, inputs, settings, output, process, review=review_result(console, settings))

    guarded(console, body)


models_app = typer.Typer(help="List and download the models each role uses.", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list(
    all_models: Annotated[bool, typer.Option("--all", help="Also list the alternatives you can name with --model.")] = False,
    format: FormatOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Each role's default model: licence, size, whether it is in the local cache."""
    console = Console(debug=debug)

    def body() -> int:
        from .models.catalog import catalog
        from .render import models_table
        from .writers import dumps

        rows = catalog(include_alternatives=all_models)
        fmt = (format or Format.text).value
        if fmt == "json":
            sys.stdout.write(dumps(rows) + "\n")
        elif fmt == "jsonl":
            sys.stdout.writelines(dumps(r, indent=None) + "\n" for r in rows)
        else:
            sys.stdout.write(models_table(rows, markdown=fmt == "markdown"))
        return 0

    guarded(console, body)


@models_app.command("pull")
def models_pull(
    names: Annotated[Optional[list[str]], typer.Argument(help="Roles (e.g. translate:ar-en) or hub ids; none: every default.", show_default=False)] = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Download models into the local cache, with a progress bar."""
    console = Console(debug=debug, quiet=quiet)

    def body() -> int:
        from .models.catalog import pull

        for model_id, folder in pull(names or [], progress=not quiet):
            console.info(f"{model_id}: {folder}")
        return 0

    guarded(console, body)


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="summarize")
