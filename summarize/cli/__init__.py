"""The `summarize` command: parse options → settings
→ the library → writers → an exit code. Nothing more.

Options are declared once (cli/options.py, config.Settings); messages and exit codes live in
cli/console.py; the batch over inputs is summarize.batch.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from typing import Annotated, Any, Optional

import typer

from ..version import __version__
from ..errors import ExitCode, UsageError
from .console import Console, guarded, has_errors, review_result, streaming
from .options import (BATCH, CHAT, CHECKS, INPUTS, MODELS, OUTPUT, READING, RUN, Given, Lang,
                      with_options)

__all__ = ["app", "main"]

app = typer.Typer(
    name="summarize",
    help="Read Arabic and English news: detect the language, translate, summarise, "
         "list key points.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would be whole articles
    add_completion=False,
    rich_markup_mode=None,  # help texts show [default: …] and [ray] literally
    context_settings={"help_option_names": ["-h", "--help"]},
)
FormatOpt = OUTPUT["format"][0]
DebugOpt, QuietOpt = READING["debug"][0], READING["quiet"][0]


def settings_from(given: Given, **flags: Any) -> Any:
    """The settings: the given options (None = not given) over SUMMARIZE_* over the config file."""
    from ..config import load_settings

    return load_settings({**given.flags(), **flags}, config_path=given.get("config"))


def _batch(console: Console, given: Given, settings: Any, step: Any, **kwargs: Any) -> int:
    from ..batch.shell import BatchArgs, run_command

    args = BatchArgs(given.get("inputs"), given.get("output"), given.get("files_from"),
                     given.get("null", False), given.get("force", False), given.get("manifest"),
                     getattr(given.get("engine"), "value", "local"), given.get("address"),
                     given.get("verbose", False))
    return run_command(console, args, settings, step, **kwargs)


def _console(given: Given) -> Console:
    return Console(debug=given.get("debug", False), quiet=given.get("quiet", False))


def _version(value: bool) -> None:
    if value:
        print(f"summarize {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version.")] = False,
) -> None:
    """Read Arabic and English news: detect the language, translate, summarise, list key points."""


@app.command()
@with_options(INPUTS, OUTPUT, READING)
def detect(given: Given) -> None:
    """Detect the language of each input: code, confidence and the evidence used."""
    console = _console(given)

    def body() -> int:
        from ..api import detect_article

        return _batch(console, given, settings_from(given), lambda: detect_article,
                      command="detect")

    guarded(console, body)


@app.command()
@with_options(INPUTS, OUTPUT, READING, MODELS, CHAT, BATCH)
def translate(
    to: Annotated[Lang, typer.Option("--to", help="Target language.")] = Lang.en,
    source_lang: Annotated[Optional[Lang],
                           typer.Option("--from",
                                        help="Source language (default: detect).")] = None,
    model: Annotated[Optional[str],
                     typer.Option("--model",
                                  help="Hub id or local folder of the translation model.")] = None,
    bilingual: Annotated[bool,
                         typer.Option("--bilingual",
                                      help="Source and translation side by side (formats for "
                                           "people, not json/jsonl).")] = False,
    given: Given = Given(),
) -> None:
    """Translate articles Arabic↔English, sentence by
    sentence, keeping paragraphs, headings and numbers."""
    console = _console(given)

    def body() -> int:
        from ..options import translate_options
        from ..pipeline import translate_step
        from ..records import Bilingual
        from ..writers import for_people

        settings = settings_from(given, translation_model=model)
        _models_named(settings, {"translation_model"} if model else (), nli=False)
        options = translate_options(settings, to.value,
                                    source=source_lang.value if source_lang else None)
        view = Bilingual if bilingual and for_people(settings.format) else None
        return _batch(console, given, settings, partial(translate_step, options),
                      command="translate", chunked=True, options=options,
                      review=review_result(console, settings), view=view)

    guarded(console, body)


@app.command()
@with_options(INPUTS, RUN, OUTPUT, READING, MODELS, CHAT, BATCH, CHECKS)
def run(
    to: Annotated[Optional[Lang],
                  typer.Option("--to", help="Output language [default: the article's own].",
                               show_default=False)] = None,
    source_lang: Annotated[Optional[Lang],
                           typer.Option("--from",
                                        help="Article language (default: detect).")] = None,
    include_translation: Annotated[bool,
                                   typer.Option("--translate",
                                                help="Include the full translation "
                                                     "when --to differs.")] = False,
    strict: Annotated[bool,
                      typer.Option("--strict",
                                   help="Exit 8 when a number, date, quote or name "
                                        "contradicts the source.")] = False,
    given: Given = Given(),
) -> None:
    """The main job: detect, translate where needed,
    summarise and list key points with their evidence."""
    console = _console(given)

    def body() -> int:
        from ..options import run_options
        from ..pipeline import run_step

        settings = settings_from(given)
        _models_named(settings, {k for k, v in given.flags().items() if v is not None}, nli=True)
        options = run_options(settings, to=to.value if to else None,
                              source=source_lang.value if source_lang else None,
                              include_translation=include_translation)
        shown = streaming(sys.stdout, fmt=settings.format, inputs=given.get("inputs"),
                          files_from=given.get("files_from"), output=given.get("output"))
        if shown is not None and getattr(given.get("engine"), "value", "local") == "local":
            options = replace(options, stream=shown.piece)  # the summary shows as it is written
            console.ends_line = shown.end_line
        try:
            return _batch(console, given, settings, partial(run_step, options), command="run",
                          options=options, review=review_result(console, settings, strict=strict),
                          stdout=shown)
        finally:
            if shown is not None:
                shown.end_line()

    guarded(console, body)


def _checkers(settings: Any) -> tuple[Any, Any]:
    """The NLI model and the judge model the settings name (None: off), loaded before any checking
    so a bad name or a server that is down fails fast."""
    if not (settings.nli_model or settings.judge_model):
        return None, None
    from ..pipeline import pool_for

    pool = pool_for(settings)
    return (pool.classifier(settings.nli_model) if settings.nli_model else None,
            pool.judge(settings.judge_model) if settings.judge_model else None)


def _models_named(settings: Any, typed: Any, *, nli: bool) -> None:
    """A model option given on the command line (`typed`: its setting names) that names no usable
    folder nor a hub id fails before any article is read, not after the steps before its own. One
    from the environment or the config file fails only when a step needs it (it may serve none: an
    extractive run needs no summary model), except the NLI and judge models, which every article of
    a run with `nli` uses."""
    from ..models.registry import JUDGE, KEYPOINTS_EN, NLI, SUMMARY_EN, TRANSLATE_AR_EN, resolve

    roles = {"translation_model": TRANSLATE_AR_EN, "summary_model": SUMMARY_EN,
             "keypoints_model": KEYPOINTS_EN}
    named = [(role, getattr(settings, name)) for name, role in roles.items() if name in typed]
    for role, value in named + ([(NLI, settings.nli_model),
                                 (JUDGE, settings.judge_model)] if nli else []):
        if value:
            resolve(role, value)


def _file_text(value: str, encoding: str | None) -> str:
    """The text of a file option: a path or '-' for stdin;
    a missing file is exit 3, never taken as text."""
    from ..readers import read_article

    return read_article(value, encoding=encoding).text


def _iso_day(value: str) -> str:
    """--article-date as given, if it is a calendar date written YYYY-MM-DD; else a usage error."""
    import datetime

    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UsageError(f"--article-date {value!r} is not a date written YYYY-MM-DD") from None


@app.command()
@with_options(READING, CHECKS, CHAT)
def verify(
    source: Annotated[str, typer.Option("--source", help="The article: a file, or '-' for stdin.")],
    summary: Annotated[Optional[str],
                       typer.Option("--summary",
                                    help="The output to check: a file, or '-' for stdin.")] = None,
    summary_text: Annotated[Optional[str],
                            typer.Option("--summary-text",
                                         help="The output to check, given as text.")] = None,
    translated_source: Annotated[Optional[str],
                                 typer.Option("--translated-source",
                                              help="The article's translation into the output's "
                                                   "language (for quotes across languages): "
                                                   "a file.")] = None,
    glossary: Annotated[Optional[str],
                        typer.Option("--glossary",
                                     help="Newsroom glossary (TSV) whose renderings the "
                                          "output must use.")] = None,
    strict: Annotated[bool,
                      typer.Option("--strict",
                                   help="Exit 8 when a finding says the output "
                                        "contradicts the source.")] = False,
    article_date: Annotated[Optional[str],
                            typer.Option("--article-date",
                                         help="The article's date (YYYY-MM-DD), where its file "
                                              "gives none: relative dates ('last year', "
                                              "'on Tuesday') are counted from it.")] = None,
    format: FormatOpt = None,
    given: Given = Given(),
) -> None:
    """Check each claim of a summary against the source
    sentences it rests on: numbers, dates, quotes, names."""
    console = _console(given)

    def body() -> int:
        from ..api import verify_texts
        from ..writers import Sink

        settings = settings_from(given, format=format.value if format else None)
        if (summary is None) == (summary_text is None):
            raise UsageError("give the output to check with --summary FILE (or -) "
                             "or --summary-text TEXT")
        if source == "-" and summary == "-":
            raise UsageError("--source and --summary cannot both read stdin")
        day = _iso_day(article_date) if article_date is not None else None
        from ..readers import read_article

        # its date (HTML metadata) anchors "last year"
        read = read_article(source, encoding=settings.encoding)
        article = read.text
        output = _file_text(summary, settings.encoding) if summary is not None else summary_text
        if not (output or "").strip():
            raise UsageError("--summary-text is empty")
        translated = _file_text(translated_source, settings.encoding) if translated_source else None
        from ..options import read_glossary

        nli, judge = _checkers(settings)
        terms = read_glossary(glossary)
        result = verify_texts(source, article, output, translated_source=translated, glossary=terms,
                              nli=nli, judge=judge, article_date=day or read.date)
        sink = Sink(settings.format, stdout=sys.stdout)
        sink.add(result)
        sink.close()
        return int(ExitCode.FINDINGS) if strict and has_errors(result.findings) else 0

    guarded(console, body)


models_app = typer.Typer(help="List and download the models each role uses.", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list(
    all_models: Annotated[bool,
                          typer.Option("--all",
                                       help="Also list the alternatives you can name with "
                                            "--model.")] = False,
    format: FormatOpt = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Each role's default model: licence, size, whether it is in the local cache."""
    console = Console(debug=debug, quiet=quiet)

    def body() -> int:
        from ..models.catalog import catalog
        from ..render import models_table
        from ..writers import dumps

        rows = catalog(include_alternatives=all_models)
        fmt = format.value if format else "text"
        if fmt == "json":
            sys.stdout.write(dumps(rows) + "\n")
        elif fmt == "jsonl":
            sys.stdout.writelines(dumps(r, indent=None) + "\n" for r in rows)
        else:
            sys.stdout.write(models_table(rows, fmt))
        return 0

    guarded(console, body)


@models_app.command("pull")
def models_pull(
    names: Annotated[Optional[list[str]],
                     typer.Argument(help="Roles (e.g. translate:ar-en) or hub ids; "
                                         "none: every default.", show_default=False)] = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Download models into the local cache, with a progress bar."""
    console = Console(debug=debug, quiet=quiet)

    def body() -> int:
        from ..models.catalog import pull

        for model_id, folder in pull(names or [], progress=not quiet):
            console.info(f"{model_id}: {folder}")
        return 0

    guarded(console, body)


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="summarize")
