"""The `summarize` command: parse options, load settings, call the library, write results, map errors to exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from functools import partial
from dataclasses import dataclass
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


def _choices(setting: str) -> Any:
    """The choices of an option, from the one declaration of its setting (config.Settings)."""
    from .config import rule

    return Enum(setting.title().replace("_", ""), {c: c for c in rule(setting)["choices"]}, type=str)


def _bounds(setting: str) -> dict[str, Any]:
    """min/max of a numeric option, from the one declaration of its setting."""
    from .config import rule

    r = rule(setting)
    return {k: v for k, v in (("min", r["low"]), ("max", r["high"])) if v is not None}


Format = _choices("format")


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
    """Messages for people: stderr only, colour only on a terminal without NO_COLOR, controls escaped.

    `quiet` keeps errors only; `before` is called ahead of every message (the batch clears its progress line).
    """

    debug: bool = False
    quiet: bool = False
    before: Callable[[], None] = lambda: None

    def _say(self, prefix: str, colour: str, message: str) -> None:
        from .writers import visible

        self.before()
        stream = sys.stderr
        tag = f"\033[{colour}m{prefix}\033[0m" if prefix and _use_colour(stream) else prefix
        print(f"summarize: {tag}{visible(message)}", file=stream, flush=True)

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
        self.error(f"internal error: {type(exc).__name__}: {exc} (a bug: rerun with --debug and report it)")
        return int(ExitCode.INTERNAL)


def settings_from(config: str | None, **flags: Any):
    """Load settings with the given flags on top (None = not given)."""
    from .config import load_settings

    return load_settings({k: (v.value if isinstance(v, Enum) else v) for k, v in flags.items()}, config_path=config)


def batch(console: Console, args: Any, settings: Any, factory: Callable[[], Any], **kwargs: Any) -> int:
    """Run a command over its inputs through the batch shell."""
    from .batch.shell import run_command

    return run_command(console, args, settings, factory, **kwargs)


def _batch_args(*values: Any) -> Any:
    from .batch.shell import BatchArgs

    return BatchArgs(*values)


def guarded(console: Console, body: Callable[[], int]) -> None:
    """Run a command body, turning every error into its exit code and one line on stderr."""
    import signal

    def terminated(signum: int, frame: Any) -> None:  # SIGTERM ends a run like Ctrl-C: cleanly, outputs whole
        raise KeyboardInterrupt

    previous = None
    if hasattr(signal, "SIGTERM"):
        try:
            previous = signal.signal(signal.SIGTERM, terminated)
        except ValueError:  # not the main thread (some test runners): the default handler stays
            pass
    from .errors import PipeClosed

    try:
        code = body()
    except KeyboardInterrupt:
        console.error("interrupted")
        code = int(ExitCode.INTERRUPTED)
    except PipeClosed:  # `| head`: stop quietly, as `cat` would, and keep Python from complaining at exit
        _silence_stdout()
        code = int(ExitCode.PIPE_CLOSED)
    except Exception as exc:  # noqa: BLE001 - the edge where errors become exit codes
        if os.environ.get("SUMMARIZE_RAISE") and not isinstance(exc, SummarizeError):
            raise  # tests see unexpected errors as they are
        code = console.report(exc)
    finally:
        if previous is not None:  # the caller's own handling of SIGTERM, as it was (a library user, a test runner)
            signal.signal(signal.SIGTERM, previous)
    raise typer.Exit(code)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test runner's stream)
        pass


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
        from .batch.runner import one_by_one

        settings = settings_from(config, format=format, encoding=encoding)
        args = _batch_args(inputs, output, files_from, null)
        return batch(console, args, settings, lambda: one_by_one(detect_article), command="detect")

    guarded(console, body)


def has_errors(findings: Any) -> bool:
    """Whether any finding contradicts the source (severity "error"): what --strict turns into exit 8."""
    return any(getattr(f, "severity", "error") == "error" for f in findings)


def review_result(console: Console, settings: Any, *, strict: bool = False) -> Callable[[Any], int]:
    """At most one stderr line per result summing up its findings, warnings and coverage (the details are in
    the output record); incomplete coverage (and, with `strict`, error findings) become exit codes."""

    def review(result: Any) -> int:
        source = getattr(result, "source", "-")
        if getattr(result, "note", None):
            console.info(f"{source}: {result.note}")
        code, parts = 0, []
        coverage = getattr(result, "coverage", None)
        per_role = coverage if isinstance(coverage, Mapping) else {"model": coverage} if coverage else {}
        for role, cov in per_role.items():
            if not cov.complete:
                parts.append(f"the {role} model read {cov.ratio:.0%} of its input")
                code = code or (0 if settings.allow_truncation else int(ExitCode.INCOMPLETE_COVERAGE))
        findings = tuple(getattr(result, "findings", ()))
        if findings:
            parts.append(_counted(f.kind for f in findings) + " not backed by the source")
        warnings = tuple(getattr(result, "warnings", ()))
        if warnings:
            parts.append(f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}")
        if parts:
            console.warn(f"{source}: {'; '.join(parts)}; see the output")
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


class Lang(str, Enum):
    ar = "ar"
    en = "en"


Device = _choices("device")
Backend = _choices("backend")


DeviceOpt = Annotated[Optional[Device], typer.Option("--device", help="cpu, cuda, or auto (GPU when present).")]
BackendOpt = Annotated[Optional[Backend], typer.Option("--backend", help="Inference engine; auto: CTranslate2 when installed.")]
BeamsOpt = Annotated[Optional[int], typer.Option("--beams", **_bounds("beams"), help="Beam size [default: 4].")]
BatchOpt = Annotated[Optional[int], typer.Option("--batch-tokens", "--batch-size", **_bounds("batch_tokens"), help="Source tokens per model batch [default: 2048].")]
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
        from .records import Bilingual

        settings = settings_from(config, format=format, encoding=encoding, device=device, backend=backend,
                                 beams=beams, batch_tokens=batch_tokens, offline=offline,
                                 allow_truncation=allow_truncation, translation_model=model, glossary=glossary)
        options = TranslateOptions(to=to.value, source=source_lang.value if source_lang else None,
                                   model=settings.translation_model, beams=settings.beams,
                                   glossary=_glossary(settings))
        args = _batch_args(inputs, output, files_from, null, force, manifest, engine.value, address, verbose)
        view = Bilingual if bilingual and settings.format in ("text", "markdown") else None
        return batch(console, args, settings, partial(translate_processor, settings, options), command="translate",
                     options=options, review=review_result(console, settings), view=view)

    guarded(console, body)


Length = _choices("length")
Method = _choices("method")


@app.command()
def run(
    inputs: Inputs = None,
    to: Annotated[Optional[Lang], typer.Option("--to", help="Output language [default: the article's own].", show_default=False)] = None,
    source_lang: Annotated[Optional[Lang], typer.Option("--from", help="Article language (default: detect).")] = None,
    length: Annotated[Optional[Length], typer.Option("--length", help="Summary length [default: medium].", show_default=False)] = None,
    points: Annotated[Optional[int], typer.Option("--points", **_bounds("points"), help="Number of key points [default: 5].", show_default=False)] = None,
    method: Annotated[Optional[Method], typer.Option("--method", help="abstractive (models) or extractive (verbatim sentences, no model) [default: abstractive].", show_default=False)] = None,
    include_translation: Annotated[bool, typer.Option("--translate", help="Include the full translation when --to differs.")] = False,
    permissive: Annotated[Optional[bool], typer.Option("--permissive", help="Use permissively licensed models only (Arabic summaries go through English).", show_default=False)] = None,
    translation_model: Annotated[Optional[str], typer.Option("--translation-model", help="Hub id or folder for translation.")] = None,
    summary_model: Annotated[Optional[str], typer.Option("--summary-model", help="Hub id or folder for the summary.")] = None,
    keypoints_model: Annotated[Optional[str], typer.Option("--keypoints-model", help="Hub id or folder for key points.")] = None,
    prompts_dir: Annotated[Optional[str], typer.Option("--prompts-dir", help="Folder of prompt templates overriding prompts/.")] = None,
    glossary: GlossaryOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 8 when a finding contradicts the source (severity error; warnings do not count).")] = False,
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
        args = _batch_args(inputs, output, files_from, null, force, manifest, engine.value, address, verbose)
        return batch(console, args, settings, partial(run_processor, settings, options), command="run",
                     options=options, review=review_result(console, settings, strict=strict))

    guarded(console, body)


def _glossary(settings: Any):
    """The glossary the settings name, read before any model loads so a bad file fails fast."""
    if not settings.glossary:
        return None
    from .glossary import load_glossary

    return load_glossary(settings.glossary)


def _file_text(value: str, encoding: str | None) -> str:
    """The text of a file option: a path or '-' for stdin; a missing file is exit 3, never taken as text."""
    from .readers import read_article

    return read_article(value, encoding=encoding).text


@app.command()
def verify(
    source: Annotated[str, typer.Option("--source", help="The article: a file, or '-' for stdin.")],
    summary: Annotated[Optional[str], typer.Option("--summary", help="The output to check: a file, or '-' for stdin.")] = None,
    summary_text: Annotated[Optional[str], typer.Option("--summary-text", help="The output to check, given as text.")] = None,
    translated_source: Annotated[Optional[str], typer.Option("--translated-source", help="The article's translation into the output's language (for quotes across languages): a file.")] = None,
    glossary: Annotated[Optional[str], typer.Option("--glossary", help="Newsroom glossary (TSV) whose renderings the output must use.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 8 when a finding contradicts the source (an error; warnings do not count).")] = False,
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
        if (summary is None) == (summary_text is None):
            raise UsageError("give the output to check with --summary FILE (or -) or --summary-text TEXT")
        if source == "-" and summary == "-":
            raise UsageError("--source and --summary cannot both read stdin")
        article = _file_text(source, settings.encoding)
        output = _file_text(summary, settings.encoding) if summary is not None else summary_text
        if not (output or "").strip():
            raise UsageError("--summary-text is empty")
        translated = _file_text(translated_source, settings.encoding) if translated_source else None
        result = verify_texts(source, article, output, translated_source=translated, glossary=glossary)
        sink = Sink(settings.format, stdout=sys.stdout)
        sink.add(result)
        sink.close()
        return int(ExitCode.FINDINGS) if strict and has_errors(result.findings) else 0

    guarded(console, body)


models_app = typer.Typer(help="List and download the models each role uses.", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list(
    all_models: Annotated[bool, typer.Option("--all", help="Also list the alternatives you can name with --model.")] = False,
    format: FormatOpt = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Each role's default model: licence, size, whether it is in the local cache."""
    console = Console(debug=debug, quiet=quiet)

    def body() -> int:
        from .models.catalog import catalog
        from .render import models_table
        from .writers import dumps

        rows = catalog(include_alternatives=all_models)
        fmt = format.value if format else "text"
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
