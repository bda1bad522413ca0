"""The routes of a run: what happens to one article between its language and its output language.

`Route` holds one article's working state (models used, coverage, warnings, timings, the translation made
once); `abstractive` and `extractive` follow the route for (article language, output language, licence policy).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Iterator, Sequence

from .detect import mixed_language_warning
from .extractive import key_points_extractive, nearest_preset, summarize_extractive
from .glossary import GlossaryTranslator, glossary_findings, with_glossary
from .keypoints import key_points, keypoint_options
from .models.base import Seq2SeqModel
from .models.families import family
from .models.loader import ModelPool
from .models.registry import resolve
from .records import Article, Coverage, Document, KeyPoint, ModelInfo, Sentence
from .summary import summarize as summarize_text
from .summary import summary_options
from .translate import Translation, translate_texts, translation_options
from .verify import Finding
from .verify import check as check_output

if TYPE_CHECKING:
    from .pipeline import RunOptions


def translation_role(src: str, tgt: str) -> str:
    """The registry role for a direction."""
    return f"translate:{src}-{tgt}"


class Route:
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
                   evidence: Sequence[Sentence]) -> list[KeyPoint]:
        with self.timed("key_points"):
            model = self.pool.get(f"keypoints:{language}", self.options.keypoints_model)
            result = key_points(sents, model, language=language, n=self.options.points,
                                prompts_dir=self.options.prompts_dir, beams=self.options.beams,
                                evidence_sentences=evidence)
        self.models["key_points"] = model.info(keypoint_options(model.spec, self.options.beams))
        self.coverage["key_points"] = result.coverage
        self.warnings += [f"key points: {w}" for w in result.warnings]
        return list(result.points)


def _lost(model: Seq2SeqModel) -> tuple[Finding, ...]:
    """Glossary renderings a translation could not carry through (none without a glossary)."""
    return model.findings if isinstance(model, GlossaryTranslator) else ()


def _translated_sentences(run: Route, sents: Sequence[Sentence], tgt: str) -> tuple[Sentence, ...]:
    """The article's own sentences (one segmentation), each with its translation as text."""
    pairs = run.translate_article(tgt).sentences
    return tuple(replace(s, text=p.target) for s, p in zip(sents, pairs))


def abstractive(run: Route, sents: Sequence[Sentence]) -> tuple[str, str, bool, list[KeyPoint]]:
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


def extractive(run: Route, sents: Sequence[Sentence]) -> tuple[str, str, bool, list[KeyPoint]]:
    """Verbatim source sentences, ranked without any model; translated only when another language is asked."""
    with run.timed("extractive"):
        chosen = summarize_extractive(sents, run.src, run.options.length)
        points = [KeyPoint(s.text, (s.id,), (s.text,)) for s in key_points_extractive(sents, run.src, run.options.points)]
    summary = " ".join(s.text for s in chosen)
    if run.src == run.out:
        return "extractive", summary, False, points
    (summary, bad), *texts = run.translate_outputs([summary, *(p.text for p in points)], run.src, run.out)
    return f"extractive, translated {run.src}→{run.out}", summary, bad, [
        replace(p, text=t, flagged=f) for p, (t, f) in zip(points, texts)]


def findings(run: Route, summary: str, points: Sequence[KeyPoint], translated: str | None,
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


