"""The `summarize` command: parse options, load settings, call the library, write results, map errors to exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from functools import partial
from dataclasses import dataclass, replace
from enum import Enum
from typing import Annotated, Any, Callable, Mapping, Optional

import typer

from . import __version__
from .errors import ExitCode, SummarizeError, UsageError

app = typer.Typer(
    name="summarize",
    help="Read Arabic and English news: detect the language, translate, summarise, list key points.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would be whole articles
    add_completion=False,
    rich_markup_mode=None,  # help texts show [default: …] and [ray] literally
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
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors and warnings on stderr.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="A line on stderr for every input.")]
FilesFromOpt = Annotated[Optional[str], typer.Option("--files-from", help="Read input paths from FILE ('-': stdin), one per line.")]
NullOpt = Annotated[bool, typer.Option("--null", "-0", help="--files-from paths are NUL-separated (find -print0).")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Redo inputs an earlier run into the same -o DIR finished.")]
ManifestOpt = Annotated[Optional[str], typer.Option("--manifest", help="Write the run manifest (JSONL) here [default: DIR/manifest.jsonl with -o DIR].")]


class Engine(str, Enum):
    local = "local"
    ray = "ray"


EngineOpt = Annotated[Engine, typer.Option("--engine", help="local, or ray (a Ray cluster; pip install 'summarize[ray]').")]
GlossaryOpt = Annotated[Optional[str], typer.Option("--glossary", help="Newsroom glossary (TSV): enforced in translation, checked in outputs.")]
AddressOpt = Annotated[Optional[str], typer.Option("--address", help="Ray cluster address (default: start a local Ray).")]


def _use_colour(stream: Any) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


@dataclass
class Console:
    """Messages for people: stderr only, colour only on a terminal without NO_COLOR."""

    debug: bool = False
    quiet: bool = False

    def _say(self, prefix: str, colour: str, message: str) -> None:
        stream = sys.stderr
        tag = f"\033[{colour}m{prefix}\033[0m" if prefix and _use_colour(stream) else prefix
        print(f"summarize: {tag}{message}", file=stream)

    def error(self, message: str) -> None:
        self._say("error: ", "31", message)

    def warn(self, message: str) -> None:
        self._say("warning: ", "33", message)

    def info(self, message: str) -> None:
        if not self.quiet:
            self._say("", "", message)


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


def _listed_paths(files_from: str, null: bool) -> list[str]:
    try:
        data = sys.stdin.buffer.read() if files_from == "-" else open(files_from, "rb").read()
    except OSError as exc:
        raise UsageError(f"--files-from {files_from}: {exc.strerror or exc}") from None
    text = data.decode("utf-8", errors="surrogateescape")
    return [p for p in (text.split("\0") if null else text.splitlines()) if p.strip()]


def _refs(console: Console, args: BatchArgs) -> tuple[list[Any], list[Any], bool]:
    from . import readers

    paths = list(args.inputs or [])
    if args.files_from:
        paths += _listed_paths(args.files_from, args.null)
    if not paths:
        if sys.stdin.isatty() or args.files_from == "-":
            raise UsageError("no input: give files or directories, --files-from, or pipe an article to stdin")
        paths = ["-"]
    refs, skipped = readers.expand_inputs(paths)
    for s in skipped:
        console.info(f"skipped {s.path}: {s.reason}")
    if not refs:
        raise UsageError("no article files found in the given inputs")
    several = len(refs) > 1 or any(os.path.isdir(p) for p in paths) or bool(args.files_from)
    return list(refs), list(skipped), several


def batch(console: Console, args: BatchArgs, settings: Any, factory: Callable[[], Any], *, command: str,
          options: Any = None, review: Callable[[Any], int] | None = None,
          view: Callable[[Any], Any] | None = None) -> int:
    """Run a command over every input: resume, process in chunks, write each result, manifest, tally."""
    from pathlib import Path

    from .batch import BatchRun, Progress, stderr_is_terminal
    from .writers import Sink

    refs, skipped, several = _refs(console, args)
    sink = Sink(settings.format, stdout=sys.stdout, output=args.output, several=several)
    progress = Progress(len(refs), sys.stderr, enabled=stderr_is_terminal() and not console.quiet and several)
    run = BatchRun(command, (options, settings), sink, say=console.info, report=lambda exc: _fail(console, exc),
                   force=args.force, progress=progress, manifest=Path(args.manifest) if args.manifest else None)
    todo = run.pending(refs, skipped)
    progress.total = len(todo)
    try:
        run.consume(_outcomes(todo, factory, settings, args, view, console), review)
    finally:
        code = run.close(several)
    return code


def _outcomes(refs: list[Any], factory: Callable[[], Any], settings: Any, args: BatchArgs,
              view: Callable[[Any], Any] | None, console: Console):
    if not refs:
        return
    if args.engine == "ray":
        from .engines.ray_engine import run_ray

        outcomes = run_ray(refs, factory, encoding=settings.encoding, address=args.address,
                           use_gpu=settings.device.startswith("cuda"), max_chars=settings.chunk_chars)
    else:
        from .runner import run_batch

        outcomes = run_batch(refs, factory(), encoding=settings.encoding, max_chars=settings.chunk_chars)
    for outcome in outcomes:
        if args.verbose:
            console.info(f"{outcome.ref.path}: {'ok' if outcome.ok else 'failed'} ({outcome.seconds:.2f} s)")
        if view is not None and outcome.ok:
            outcome = replace(outcome, result=view(outcome.result))
        yield outcome


def guarded(console: Console, body: Callable[[], int]) -> None:
    """Run a command body, turning every error into its exit code and one line on stderr."""
    import signal

    def terminated(signum: int, frame: Any) -> None:  # SIGTERM ends a run like Ctrl-C: cleanly, outputs whole
        raise KeyboardInterrupt

    if hasattr(signal, "SIGTERM"):
        try:
            signal.signal(signal.SIGTERM, terminated)
        except ValueError:  # not the main thread (some test runners): the default handler stays
            pass
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
    files_from: FilesFromOpt = None,
    null: NullOpt = False,
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
        args = BatchArgs(inputs, output, files_from, null)
        return batch(console, args, settings, lambda: one_by_one(detect_article), command="detect")

    guarded(console, body)


def review_result(console: Console, settings: Any, *, strict: bool = False) -> Callable[[Any], int]:
    """Say a result's notes, warnings and findings on stderr; turn incomplete coverage (and, strict, findings)
    into exit codes."""

    def review(result: Any) -> int:
        source = getattr(result, "source", "-")
        if getattr(result, "note", None):
            console.info(f"{source}: {result.note}")
        for warning in getattr(result, "warnings", ()):
            console.warn(f"{source}: {warning}")
        code = 0
        coverage = getattr(result, "coverage", None)
        per_role = coverage if isinstance(coverage, Mapping) else {"model": coverage} if coverage else {}
        for role, cov in per_role.items():
            if not cov.complete:
                console.warn(f"{source}: the {role} read {cov.ratio:.0%} of its input "
                             f"({cov.tokens_read} of {cov.tokens_total} tokens)")
                code = code or (0 if settings.allow_truncation else int(ExitCode.INCOMPLETE_COVERAGE))
        for finding in getattr(result, "findings", ()):
            console.warn(f"{source}: unverified {finding.kind} {finding.text!r}: {finding.why}")
        if strict and getattr(result, "findings", ()) and not code:
            code = int(ExitCode.FINDINGS)
        return code

    return review


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
BatchOpt = Annotated[Optional[int], typer.Option("--batch-tokens", "--batch-size", min=16, help="Source tokens per model batch [default: 2048].")]
OfflineOpt = Annotated[Optional[bool], typer.Option("--offline/--online", help="Never touch the network (also HF_HUB_OFFLINE=1).", show_default=False)]
AllowTruncOpt = Annotated[Optional[bool], typer.Option("--allow-truncation", help="Exit 0 even when a model read less than the whole input.", show_default=False)]


@app.command()
def translate(
    inputs: Inputs = None,
    to: Annotated[Lang, typer.Option("--to", help="Target language.")] = Lang.en,
    source_lang: Annotated[Optional[Lang], typer.Option("--from", help="Source language (default: detect).")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="Hub id or local folder of the translation model.")] = None,
    bilingual: Annotated[bool, typer.Option("--bilingual", help="Source and translation side by side (text/markdown).")] = False,
    glossary: GlossaryOpt = None,
    device: DeviceOpt = None,
    backend: BackendOpt = None,
    beams: BeamsOpt = None,
    batch_tokens: BatchOpt = None,
    offline: OfflineOpt = None,
    allow_truncation: AllowTruncOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    files_from: FilesFromOpt = None,
    null: NullOpt = False,
    force: ForceOpt = False,
    manifest: ManifestOpt = None,
    engine: EngineOpt = Engine.local,
    address: AddressOpt = None,
    encoding: EncodingOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Translate articles Arabic↔English, sentence by sentence, keeping paragraphs, headings and numbers."""
    console = Console(debug=debug, quiet=quiet)

    def body() -> int:
        from .pipeline import TranslateOptions, translate_processor
        from .render import Bilingual

        settings = settings_from(config, format=format, encoding=encoding, device=device, backend=backend,
                                 beams=beams, batch_tokens=batch_tokens, offline=offline,
                                 allow_truncation=allow_truncation, translation_model=model, glossary=glossary)
        options = TranslateOptions(to=to.value, source=source_lang.value if source_lang else None,
                                   model=settings.translation_model, beams=settings.beams,
                                   glossary=_glossary(settings))
        args = BatchArgs(inputs, output, files_from, null, force, manifest, engine.value, address, verbose)
        view = Bilingual if bilingual and settings.format in ("text", "markdown") else None
        return batch(console, args, settings, partial(translate_processor, settings, options), command="translate",
                     options=options, review=review_result(console, settings), view=view)

    guarded(console, body)


def _length(value: str) -> str:
    from .config import parse_length

    try:
        return parse_length(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


class Method(str, Enum):
    abstractive = "abstractive"
    extractive = "extractive"


@app.command()
def run(
    inputs: Inputs = None,
    to: Annotated[Optional[Lang], typer.Option("--to", help="Output language [default: the article's own].", show_default=False)] = None,
    source_lang: Annotated[Optional[Lang], typer.Option("--from", help="Article language (default: detect).")] = None,
    length: Annotated[Optional[str], typer.Option("--length", parser=_length, metavar="short|medium|long|N", help="Summary length, or a number of sentences [default: medium].", show_default=False)] = None,
    points: Annotated[Optional[int], typer.Option("--points", min=0, help="Number of key points [default: 5].", show_default=False)] = None,
    method: Annotated[Optional[Method], typer.Option("--method", help="abstractive (models) or extractive (verbatim sentences, no model) [default: abstractive].", show_default=False)] = None,
    include_translation: Annotated[bool, typer.Option("--translate", help="Include the full translation when --to differs.")] = False,
    permissive: Annotated[Optional[bool], typer.Option("--permissive", help="Use permissively licensed models only (Arabic summaries go through English).", show_default=False)] = None,
    translation_model: Annotated[Optional[str], typer.Option("--translation-model", help="Hub id or folder for translation.")] = None,
    summary_model: Annotated[Optional[str], typer.Option("--summary-model", help="Hub id or folder for the summary.")] = None,
    keypoints_model: Annotated[Optional[str], typer.Option("--keypoints-model", help="Hub id or folder for key points.")] = None,
    prompts_dir: Annotated[Optional[str], typer.Option("--prompts-dir", help="Folder of prompt templates overriding prompts/.")] = None,
    glossary: GlossaryOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 8 when a number, date or quote is not backed by the source.")] = False,
    device: DeviceOpt = None,
    backend: BackendOpt = None,
    beams: BeamsOpt = None,
    batch_tokens: BatchOpt = None,
    offline: OfflineOpt = None,
    allow_truncation: AllowTruncOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    files_from: FilesFromOpt = None,
    null: NullOpt = False,
    force: ForceOpt = False,
    manifest: ManifestOpt = None,
    engine: EngineOpt = Engine.local,
    address: AddressOpt = None,
    encoding: EncodingOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """The main job: detect, translate where needed, summarise and list key points with their evidence."""
    console = Console(debug=debug, quiet=quiet)

    def body() -> int:
        from .pipeline import RunOptions, run_processor

        settings = settings_from(config, format=format, encoding=encoding, device=device, backend=backend,
                                 beams=beams, batch_tokens=batch_tokens, offline=offline, method=method,
                                 length=length, points=points, permissive=permissive,
                                 allow_truncation=allow_truncation, translation_model=translation_model,
                                 summary_model=summary_model, keypoints_model=keypoints_model,
                                 prompts_dir=prompts_dir, glossary=glossary)
        options = RunOptions(
            to=to.value if to else None, source=source_lang.value if source_lang else None, length=settings.length,
            points=settings.points, method=settings.method, include_translation=include_translation,
            permissive=settings.permissive, beams=settings.beams, translation_model=settings.translation_model,
            summary_model=settings.summary_model, keypoints_model=settings.keypoints_model,
            prompts_dir=settings.prompts_dir, glossary=_glossary(settings))
        args = BatchArgs(inputs, output, files_from, null, force, manifest, engine.value, address, verbose)
        return batch(console, args, settings, partial(run_processor, settings, options), command="run",
                     options=options, review=review_result(console, settings, strict=strict))

    guarded(console, body)


def _glossary(settings: Any):
    """The glossary the settings name, read before any model loads so a bad file fails fast."""
    if not settings.glossary:
        return None
    from .glossary import load_glossary

    return load_glossary(settings.glossary)


def _text_of(value: str, what: str, encoding: str | None, *, literal: bool = True) -> tuple[str, str]:
    """(name, text) of an option that names a file, '-' for stdin, or (if `literal`) is the text itself."""
    from .readers import read_article

    if value == "-" or os.path.isfile(value) or not literal:
        return value, read_article(value, encoding=encoding).text
    if not value.strip():
        raise UsageError(f"{what} is empty")
    return "<text>", value


@app.command()
def verify(
    source: Annotated[str, typer.Option("--source", help="The article: a file, or '-' for stdin.")],
    summary: Annotated[str, typer.Option("--summary", help="The output to check: a file, '-' for stdin, or the text itself.")],
    translated_source: Annotated[Optional[str], typer.Option("--translated-source", help="The article's translation into the output's language (for quotes across languages).")] = None,
    glossary: Annotated[Optional[str], typer.Option("--glossary", help="Newsroom glossary (TSV) whose renderings the output must use.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 8 when there is any finding.")] = False,
    format: FormatOpt = None,
    encoding: EncodingOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Check that the numbers, dates and quotes of a summary are backed by its source article."""
    console = Console(debug=debug, quiet=quiet)

    def body() -> int:
        from .api import verify_texts
        from .writers import Sink

        settings = settings_from(config, format=format, encoding=encoding)
        if source == "-" and summary == "-":
            raise UsageError("--source and --summary cannot both read stdin")
        name, article = _text_of(source, "--source", settings.encoding, literal=False)
        _, output = _text_of(summary, "--summary", settings.encoding)
        translated = (_text_of(translated_source, "--translated-source", settings.encoding, literal=False)[1]
                      if translated_source else None)
        result = verify_texts(name, article, output, translated_source=translated, glossary=glossary)
        sink = Sink(settings.format, stdout=sys.stdout)
        sink.add(result)
        sink.close()
        return int(ExitCode.FINDINGS) if strict and result.findings else 0

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
