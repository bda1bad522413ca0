"""Orchestration: detect → translate → summarise → key points, over several articles at once.

No file I/O and no torch here: models come from a ModelPool, articles and results are records.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterator, Sequence, Union

from . import __version__
from .detect import detect, mixed_language_warning, unsupported_reason
from .errors import SummarizeError, UnsupportedLanguageError, UsageError
from .extractive import key_points_extractive, nearest_preset, summarize_extractive
from .keypoints import key_points, keypoint_options
from .glossary import Glossary, GlossaryTranslator, glossary_findings, with_glossary
from .models.base import Seq2SeqModel
from .models.loader import ModelPool
from .models.families import family
from .models.registry import resolve
from .records import SUPPORTED_LANGUAGES, Article, Coverage, Document, KeyPointOut, ModelInfo, RunResult, Sentence
from .summary import summarize as summarize_text
from .summary import summary_options
from .translate import Translation, document, passthrough, translate_texts, translation_options
from .verify import Finding
from .verify import check as check_output

Outcome = Union[object, SummarizeError]


def translation_role(src: str, tgt: str) -> str:
    """The registry role for a direction."""
    return f"translate:{src}-{tgt}"


def source_language(article: Article, forced: str | None = None) -> str:
    """The article's language (or the forced one), refusing languages we do not handle."""
    if forced:
        if forced not in SUPPORTED_LANGUAGES:
            raise UsageError(f"--from must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {forced!r}")
        return forced
    found = detect(article.text)
    if found.language == "und":
        raise UnsupportedLanguageError("too little text to tell its language", source=article.source)
    if not found.supported:
        raise UnsupportedLanguageError(f"{unsupported_reason(found)}; use --from to override", source=article.source)
    return found.language


def run_options(settings: Any, **given: Any) -> "RunOptions":
    """RunOptions from the settings of the same names, and what only the command gives (to, --from, …)."""
    from dataclasses import fields

    names = {f.name for f in fields(RunOptions)} - set(given) - {"glossary"}
    return RunOptions(**{name: getattr(settings, name) for name in names if hasattr(settings, name)}, **given)


@dataclass(frozen=True)
class TranslateOptions:
    """What `summarize translate` was asked for."""

    to: str
    source: str | None = None  # --from
    model: str | None = None
    beams: int = 4
    glossary: Glossary | None = None


def translate_many(articles: Sequence[Article], pool: ModelPool, options: TranslateOptions) -> list[Outcome]:
    """Translate articles; those sharing a direction go through the model together. One outcome per article."""
    if options.to not in SUPPORTED_LANGUAGES:
        raise UsageError(f"--to must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {options.to!r}")
    outcomes: list[Outcome | None] = [None] * len(articles)
    todo: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        try:
            src = source_language(article, options.source)
        except SummarizeError as exc:
            outcomes[i] = exc
            continue
        if src == options.to:
            outcomes[i] = passthrough(article.source, article.text, src)
        else:
            todo.setdefault(src, []).append(i)
    for src, indices in todo.items():
        model = with_glossary(pool.get(translation_role(src, options.to), options.model), options.glossary)
        items = [(articles[i].source, articles[i].text) for i in indices]
        for i, result in zip(indices, translate_texts(items, model, src, options.to, translation_options(options.beams))):
            outcomes[i] = replace(result, findings=_translation_findings(articles[i], result, model, options.glossary))
    return [o for o in outcomes if o is not None]


def _translation_findings(article: Article, result: Translation, model: Seq2SeqModel,
                          glossary: Glossary | None) -> tuple[Finding, ...]:
    # Quotes in a translation are translated quotes: only numbers, dates and glossary terms can be checked.
    found = [f for f in check_output(article.text, result.text) if f.kind in ("number", "date")]
    if glossary is not None:
        found += model.findings_for([s.source for s in result.sentences])
        found += glossary_findings(article.text, result.text, glossary, result.target_language)
    return tuple(dict.fromkeys(found))


# ---------------------------------------------------------------------------------------------- run



@dataclass(frozen=True)
class RunOptions:
    """What `summarize run` was asked for."""

    to: str | None = None  # output language; None: the article's own
    source: str | None = None  # --from
    length: str = "medium"
    points: int = 5
    method: str = "abstractive"
    include_translation: bool = False
    permissive: bool = False
    beams: int = 4
    translation_model: str | None = None
    summary_model: str | None = None
    keypoints_model: str | None = None
    prompts_dir: str | None = None
    glossary: Glossary | None = None


class _Run:
    """The working state of one article's run: models used, coverage, warnings, timings."""

    def __init__(self, article: Article, pool: ModelPool, options: RunOptions, src: str, out: str,
                 doc: Document) -> None:
        self.article, self.pool, self.options, self.src, self.out = article, pool, options, src, out
        self.document = doc
        self.models: dict[str, ModelInfo] = {}
        self.coverage: dict[str, Coverage] = {}
        self.warnings: list[str] = []
        self.timings: dict[str, float] = {}
        self.translation: Translation | None = None
        self.glossary_lost: list[Finding] = []  # terms a translation could not carry through
        mixed = mixed_language_warning(article.text, src)
        if mixed:
            self.warnings.append(mixed)

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.timings[step] = round(self.timings.get(step, 0.0) + time.perf_counter() - started, 4)

    def _translation_override(self, src: str) -> str | None:
        """--translation-model serves the article's direction; the way back only if it is many-to-many."""
        override = self.options.translation_model
        if override is None or src == self.src:
            return override
        many = family(resolve(translation_role(src, self.src), override).family).many_to_many
        return override if many else None

    def translate_article(self, tgt: str) -> Translation:
        """The whole article translated (once), sentence ids kept."""
        if self.translation is None:
            with self.timed("translation"):
                model = with_glossary(self.pool.get(translation_role(self.src, tgt),
                                                    self._translation_override(self.src)), self.options.glossary)
                options = translation_options(self.options.beams)
                [self.translation] = translate_texts([self.document], model, self.src,
                                                     tgt, options)
                self.glossary_lost += _lost(model)
            self.models["translation"] = self.translation.model
            self.coverage["translation"] = self.translation.coverage
            self.warnings += [f"translation: {w}" for w in self.translation.warnings]
        return self.translation

    def translate_outputs(self, texts: Sequence[str], src: str, tgt: str) -> list[tuple[str, bool]]:
        """Short outputs (summary, key points) translated into the output language, each with whether its
        translation is still degenerate after a stricter retry (flagged in the record, not only warned)."""
        with self.timed("translation_of_outputs"):
            model = with_glossary(self.pool.get(translation_role(src, tgt), self._translation_override(src)),
                                  self.options.glossary)
            options = translation_options(self.options.beams)
            done = translate_texts([(f"output {i}", t) for i, t in enumerate(texts)], model, src, tgt, options)
            self.glossary_lost += _lost(model)
        self.models["translation_of_outputs"] = done[0].model if done else model.info(options)
        self.warnings += [f"translation of outputs: {w}" for d in done for w in d.warnings]
        return [(d.text, bool(d.warnings)) for d in done]

    def summary(self, sents: Sequence[Sentence], language: str) -> tuple[str, bool]:
        with self.timed("summary"):
            model = self.pool.get(f"summary:{language}", self.options.summary_model)
            result = summarize_text(sents, model, language=language, length=nearest_preset(self.options.length),
                                    beams=self.options.beams, prompts_dir=self.options.prompts_dir)
        self.models["summary"] = model.info(summary_options(model.spec, nearest_preset(self.options.length),
                                                            self.options.beams))
        self.coverage["summary"] = result.coverage
        self.warnings += [f"summary: {w}" for w in result.warnings]
        if not model.spec.commercial_use:
            self.warnings.append(f"summary model {model.spec.model_id} is licensed {model.spec.licence} "
                                 "(non-commercial); --permissive uses permissively licensed models only")
        return result.text, result.flagged

    def key_points(self, sents: Sequence[Sentence], language: str,
                   evidence: Sequence[Sentence]) -> list[KeyPointOut]:
        with self.timed("key_points"):
            model = self.pool.get(f"keypoints:{language}", self.options.keypoints_model)
            result = key_points(sents, model, language=language, n=self.options.points,
                                prompts_dir=self.options.prompts_dir, beams=self.options.beams,
                                evidence_sentences=evidence)
        self.models["key_points"] = model.info(keypoint_options(model.spec, self.options.beams))
        self.coverage["key_points"] = result.coverage
        self.warnings += [f"key points: {w}" for w in result.warnings]
        return [KeyPointOut(p.text, p.evidence, p.evidence_text, p.flagged) for p in result.points]


def _lost(model: Seq2SeqModel) -> tuple[Finding, ...]:
    """Glossary renderings a translation could not carry through (none without a glossary)."""
    return model.findings if isinstance(model, GlossaryTranslator) else ()


def _translated_sentences(run: _Run, sents: Sequence[Sentence], tgt: str) -> tuple[Sentence, ...]:
    """The article's own sentences (one segmentation), each with its translation as text."""
    pairs = run.translate_article(tgt).sentences
    return tuple(replace(s, text=p.target) for s, p in zip(sents, pairs))


def _abstractive(run: _Run, sents: Sequence[Sentence]) -> tuple[str, str, bool, list[KeyPointOut]]:
    """Pick the route for (article language, output language, licence policy) and follow it."""
    src, out = run.src, run.out
    if src == out == "en" or (src == out == "ar" and not run.options.permissive):
        summary, flagged = run.summary(sents, src)
        return "direct", summary, flagged, run.key_points(sents, src, sents)
    if src == out == "ar":  # permissive: summarise through English, key points with mt0 (Apache-2.0)
        english = _translated_sentences(run, sents, "en")
        summary, flagged = run.summary(english, "en")
        [(summary, bad)] = run.translate_outputs([summary], "en", "ar")
        flagged = flagged or bad
        return "ar→en, summarise in en, →ar (permissive)", summary, flagged, run.key_points(sents, "ar", sents)
    if src == "ar":  # → en
        english = _translated_sentences(run, sents, "en")
        summary, flagged = run.summary(english, "en")
        return "translate ar→en, then summarise", summary, flagged, run.key_points(english, "en", sents)
    summary, flagged = run.summary(sents, "en")  # en article, Arabic desk
    points = run.key_points(sents, "en", sents)
    (summary, bad), *texts = run.translate_outputs([summary, *(p.text for p in points)], "en", "ar")
    points = [replace(p, text=t, flagged=p.flagged or f) for p, (t, f) in zip(points, texts)]
    return "summarise in en, then translate en→ar", summary, flagged or bad, points


def _extractive(run: _Run, sents: Sequence[Sentence]) -> tuple[str, str, bool, list[KeyPointOut]]:
    """Verbatim source sentences, ranked without any model; translated only when another language is asked."""
    with run.timed("extractive"):
        chosen = summarize_extractive(sents, run.src, run.options.length)
        points = [KeyPointOut(s.text, (s.id,), (s.text,)) for s in key_points_extractive(sents, run.src, run.options.points)]
    summary = " ".join(s.text for s in chosen)
    if run.src == run.out:
        return "extractive", summary, False, points
    (summary, bad), *texts = run.translate_outputs([summary, *(p.text for p in points)], run.src, run.out)
    return f"extractive, translated {run.src}→{run.out}", summary, bad, [
        replace(p, text=t, flagged=f) for p, (t, f) in zip(points, texts)]


def _findings(run: _Run, summary: str, points: Sequence[KeyPointOut], translated: str | None,
              sents: Sequence[Sentence]) -> tuple:
    texts = [summary, *(p.text for p in points)]
    source = run.article.text
    # claims are checked against the sentences they rest on, numbered as the JSON's sentences[].id; a key point's
    # evidence is given, the summary's found by alignment (through the translation, sentence for sentence)
    pairs = run.translation.sentences if run.translation is not None and translated is not None else ()
    common = {"translated_source": translated, "sentences": [s.text for s in sents],
              "translated_sentences": [p.target for p in pairs] if len(pairs) == len(sents) else None}
    found = list(check_output(source, summary, **common))
    found += [f for p in points for f in check_output(source, p.text, evidence=p.evidence, **common)]
    if run.options.glossary is not None:
        found += [f for text in texts for f in glossary_findings(source, text, run.options.glossary, run.out)]
        found += run.glossary_lost
    return tuple(dict.fromkeys(found))


def run_article(article: Article, pool: ModelPool, options: RunOptions) -> RunResult:
    """Detect, translate where needed, summarise and list key points for one article."""
    if options.method not in ("abstractive", "extractive"):
        raise UsageError(f"--method must be abstractive or extractive, not {options.method!r}")
    started = time.perf_counter()
    src = source_language(article, options.source)
    out = options.to or src
    if out not in SUPPORTED_LANGUAGES:
        raise UsageError(f"--to must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {out!r}")
    doc = document(article.source, article.text)  # segmented once: the translation reuses these sentences
    sents = doc.sentences
    run = _Run(article, pool, options, src, out, doc)
    run.timings["detect"] = round(time.perf_counter() - started, 4)
    step = _extractive if options.method == "extractive" else _abstractive
    route, summary, flagged, points = step(run, sents)
    if options.include_translation and src != out:
        run.translate_article(out)
    translated = run.translation.text if run.translation and run.translation.target_language == out else None
    with run.timed("verify"):
        findings = _findings(run, summary, points, translated, sents)
    run.timings["total"] = round(time.perf_counter() - started, 4)
    return RunResult(
        article.source, article.sha256, article.title, article.date, src, out, options.method, route, summary,
        flagged, tuple(points), sents, translated if options.include_translation else None, run.models,
        _parameters(options, out), run.coverage, findings, tuple(run.warnings), run.timings, __version__,
    )


def _parameters(options: RunOptions, out: str) -> dict[str, object]:
    g = options.glossary
    return {"to": out, "length": options.length, "points": options.points, "method": options.method,
            "beams": options.beams, "permissive": options.permissive, "translate": options.include_translation,
            "glossary": {"path": g.source, "sha256": g.sha256, "entries": len(g.entries) + len(g.keep)} if g else None}


def run_many(articles: Sequence[Article], pool: ModelPool, options: RunOptions) -> list[Outcome]:
    """run_article for each article; an article's error, expected or not, stays with that article."""
    from .batch.runner import one_by_one

    return list(one_by_one(lambda article: run_article(article, pool, options))(articles))


def pool_for(settings: Any) -> ModelPool:
    """The run's models, each loaded once, as the settings ask."""
    from .models.loader import offline

    return ModelPool(device=settings.device, backend=settings.backend, offline_mode=offline(settings.offline),
                     batch_tokens=settings.batch_tokens, cache_dir=settings.cache_dir)


def translate_processor(settings: Any, options: TranslateOptions) -> Callable[[Sequence[Article]], list[Outcome]]:
    """A picklable-by-factory function turning a chunk of articles into translations (models loaded on first use)."""
    pool = pool_for(settings)
    return lambda articles: translate_many(articles, pool, options)


def run_processor(settings: Any, options: RunOptions) -> Callable[[Sequence[Article]], list[Outcome]]:
    """Like translate_processor, for `summarize run`."""
    pool = pool_for(settings)
    return lambda articles: run_many(articles, pool, options)
