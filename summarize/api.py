"""The library API: what the CLI does, as functions returning frozen dataclasses."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import readers
from .detect import detect as _detect_text
from .config import Settings, changed, load_settings
from .records import Article, DetectResult, Detection, VerifyResult
from .verify import Finding, check

if TYPE_CHECKING:
    from .records import RunResult, Translation


def read(path: str | Path, *, encoding: str | None = None) -> Article:
    """Read one article (txt, md, html, pdf or docx file, http(s) URL, or "-" for stdin), decoded and normalised."""
    return readers.read_article(str(path), encoding=encoding)


def detect(text: str | Article) -> Detection:
    """Detect the language of a text or an Article."""
    return _detect_text(text.text if isinstance(text, Article) else text)


def detect_article(article: Article) -> DetectResult:
    """Detection of an Article, with the fields `summarize detect` prints."""
    d = _detect_text(article.text)
    return DetectResult(article.source, d.language, d.confidence, d.supported, d.reliable, d.scripts,
                        d.evidence, article.encoding)


def _article(text_or_path: str | Path | Article, encoding: str | None) -> Article:
    if isinstance(text_or_path, Article):
        return text_or_path
    if isinstance(text_or_path, Path) or readers.is_url(str(text_or_path)) or (
            len(str(text_or_path)) < 4096 and "\n" not in str(text_or_path) and os.path.isfile(str(text_or_path))):
        return read(text_or_path, encoding=encoding)
    return readers.article_from_bytes(str(text_or_path).encode("utf-8"), source="<text>")


def _asked(settings: Settings | None, changes: dict[str, Any], origin: str) -> tuple[Settings, Any]:
    """The settings given (default: SUMMARIZE_* variables over the config file, as the CLI reads them) with
    `changes` (Settings fields; None: not given) over them, checked as a config file's are; and the glossary,
    read from the path the settings name or given already read (a glossary.Glossary)."""
    from .glossary import Glossary
    from .pipeline import glossary_of

    read = changes.pop("glossary") if isinstance(changes.get("glossary"), Glossary) else None
    settings = changed(settings or load_settings(), changes, origin)
    return settings, read or glossary_of(settings)


def run(text_or_path: str | Path | Article, *, to: str | None = None, source: str | None = None,
        include_translation: bool = False, settings: Settings | None = None, **changes: Any) -> RunResult:
    """Summary and key points of one article (text, path or Article), as `summarize run` gives them.

    `to`, `source` and `include_translation` are `run`'s --to, --from and --translate; `changes` are Settings
    fields (length, points, method, beams, *_model, glossary, …) over `settings`.
    """
    from .pipeline import RunOptions, pool_for, run_article

    settings, glossary = _asked(settings, changes, "summarize.run")
    article = _article(text_or_path, settings.encoding)
    options = RunOptions(settings, to=to, source=source, include_translation=include_translation, glossary=glossary)
    return run_article(article, pool_for(settings), options)


def translate(text_or_path: str | Path | Article, *, to: str, source: str | None = None, model: str | None = None,
              settings: Settings | None = None, **changes: Any) -> Translation:
    """Translation of one article (text, path or Article) into `to`, as `summarize translate` gives it;
    `model` is its --model (the translation_model setting), `changes` are Settings fields (beams, glossary, …)
    over `settings`."""
    from .pipeline import TranslateOptions, pool_for, translate_many

    settings, glossary = _asked(settings, {"translation_model": model, **changes}, "summarize.translate")
    article = _article(text_or_path, settings.encoding)
    options = TranslateOptions(to, settings, source=source, glossary=glossary)
    [result] = translate_many([article], pool_for(settings), options)
    if isinstance(result, Exception):
        raise result
    return result


def verify(source: str, output: str, *, translated_source: str | None = None, nli_model: str | None = None,
           article_date: str | None = None, settings: Settings | None = None) -> tuple[Finding, ...]:
    """What `output` says that the source does not back, claim by claim, each with its severity and evidence ids.

    `nli_model` (a hub id or folder of an NLI cross-encoder) adds the model's reading of each claim; `article_date`
    (ISO, as Article.date) is what relative dates such as "last year" are checked from.
    """
    nli = None
    if nli_model:
        from .pipeline import pool_for

        nli = pool_for(settings or load_settings()).classifier(nli_model)
    return check(source, output, translated_source=translated_source, nli=nli, article_date=article_date)


def verify_texts(name: str, source: str, output: str, *, translated_source: str | None = None,
                 glossary: str | Path | None = None, nli: Any = None, article_date: str | None = None) -> VerifyResult:
    """`summarize verify` for one source/output pair: findings, and how much was checked (`nli`: a loaded
    models.classify.Classifier, or None; `article_date`: the source's date, ISO)."""
    from .verify import extract_dates, extract_numbers, extract_quotes

    findings = check(source, output, translated_source=translated_source, nli=nli, article_date=article_date)
    if glossary:
        from .glossary import glossary_findings, load_glossary

        findings += glossary_findings(source, output, load_glossary(glossary), _detect_text(output).language)
    counts = {"numbers": len(extract_numbers(output)), "dates": len(extract_dates(output)),
              "quotes": len(extract_quotes(output))}
    return VerifyResult(name, output, tuple(dict.fromkeys(findings)), counts)
