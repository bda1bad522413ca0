"""The library API: what the CLI does, as functions returning frozen dataclasses."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import readers
from .detect import detect as _detect_text
from .config import Settings, load_settings
from .records import Article, DetectResult, Detection, VerifyResult
from .verify import Finding, check

if TYPE_CHECKING:
    from .records import RunResult, Translation


def read(path: str | Path, *, encoding: str | None = None) -> Article:
    """Read one article (txt, md, html, pdf or docx file,
    http(s) URL, or "-" for stdin), decoded and normalised."""
    return readers.read_article(str(path), encoding=encoding)


def detect(text: str | Article) -> Detection:
    """Detect the language of a text or an Article."""
    return _detect_text(text.text if isinstance(text, Article) else text)


def detect_article(article: Article) -> DetectResult:
    """Detection of an Article, with the fields `summarize detect` prints."""
    d = _detect_text(article.text)
    return DetectResult(article.source, d.language, d.confidence, d.supported, d.reliable,
                        d.scripts, d.evidence, article.encoding)


def _article(text_or_path: str | Path | Article, encoding: str | None) -> Article:
    if isinstance(text_or_path, Article):
        return text_or_path
    if isinstance(text_or_path, Path) or readers.is_url(str(text_or_path)) or (
            len(str(text_or_path)) < 4096 and "\n" not in str(text_or_path) and
            os.path.isfile(str(text_or_path))):
        return read(text_or_path, encoding=encoding)
    return readers.article_from_bytes(str(text_or_path).encode("utf-8"), source="<text>")


def run(text_or_path: str | Path | Article, *, to: str | None = None, source: str | None = None,
        include_translation: bool = False, settings: Settings | None = None,
        **changes: Any) -> RunResult:
    """Summary and key points of one article (text, path or Article), as `summarize run` gives them.

    `to`, `source` and `include_translation` are `run`'s --to, --from and --translate; `changes` are
    Settings fields (length, points, method, beams, *_model, glossary, …) over `settings`.
    """
    from .options import asked, run_options
    from .pipeline import pool_for, run_article

    settings, glossary = asked(settings, changes, "summarize.run")
    options = run_options(settings, to=to, source=source, include_translation=include_translation,
                          glossary=glossary)
    article = _article(text_or_path, settings.encoding)
    return run_article(article, pool_for(settings), options)


def translate(text_or_path: str | Path | Article, *, to: str, source: str | None = None,
              model: str | None = None, settings: Settings | None = None,
              **changes: Any) -> Translation:
    """Translation of one article (text, path or Article) into `to`, as `summarize translate` gives
    it; `model` is its --model (the translation_model setting), `changes` are Settings fields
    (beams, glossary, …) over `settings`."""
    from .options import asked, translate_options
    from .pipeline import pool_for, translate_many

    settings, glossary = asked(settings, {"translation_model": model, **changes},
                               "summarize.translate")
    options = translate_options(settings, to, source=source, glossary=glossary)
    article = _article(text_or_path, settings.encoding)
    [result] = translate_many([article], pool_for(settings), options)
    if isinstance(result, Exception):
        raise result
    return result


def verify(source: str, output: str, *, translated_source: str | None = None,
           nli_model: str | None = None, judge_model: str | None = None,
           article_date: str | None = None,
           settings: Settings | None = None) -> tuple[Finding, ...]:
    """What `output` says that the source does not back,
    claim by claim, each with its severity and evidence ids.

    `nli_model` (a hub id or folder of an NLI cross-encoder) adds the model's reading of each claim;
    `judge_model` (a folder, hub id or api:NAME of an instruction model) is asked whether each
    claim's evidence supports it; `article_date` (ISO, as Article.date) is what relative dates such
    as "last year" are checked from.
    """
    nli = judge = None
    if nli_model or judge_model:
        from .pipeline import pool_for

        pool = pool_for(settings or load_settings())
        nli = pool.classifier(nli_model) if nli_model else None
        judge = pool.judge(judge_model) if judge_model else None
    found = check(source, output, translated_source=translated_source, nli=nli,
                  article_date=article_date)
    return found + _judged(judge, source, output, translated_source, article_date)


def _judged(judge: Any, source: str, output: str, translated_source: str | None,
            article_date: str | None) -> tuple[Finding, ...]:
    """The judge model's findings on the output's claims (none without a judge)."""
    if judge is None:
        return ()
    from .verify.judge import asked_of, judged

    asked = asked_of([(output, None)], source, translated_source=translated_source,
                     article_date=article_date)
    return tuple(judged(judge, asked)[0])


def verify_texts(name: str, source: str, output: str, *, translated_source: str | None = None,
                 glossary: Any = None, nli: Any = None, judge: Any = None,
                 article_date: str | None = None) -> VerifyResult:
    """`summarize verify` for one source/output pair: findings, and how much was
    checked (`glossary`: a glossary.Glossary or its path; `nli`: a loaded
    models.classify.Classifier, or None; `judge`: a loaded llm.chat.ChatModel
    asked about each claim, or None; `article_date`: the source's date, ISO)."""
    from .glossary import Glossary
    from .options import read_glossary
    from .steps.check import glossary_checks
    from .verify import extract_dates, extract_numbers, extract_quotes

    findings = check(source, output, translated_source=translated_source, nli=nli,
                     article_date=article_date)
    findings += _judged(judge, source, output, translated_source, article_date)
    if glossary:
        read = glossary if isinstance(glossary, Glossary) else read_glossary(glossary)
        findings += tuple(glossary_checks(source, [output], read, _detect_text(output).language))
    counts = {"numbers": len(extract_numbers(output)), "dates": len(extract_dates(output)),
              "quotes": len(extract_quotes(output))}
    return VerifyResult(name, output, tuple(dict.fromkeys(findings)), counts)
