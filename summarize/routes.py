"""The routes of a run: what happens to one article between its language and its output language.

`Route` holds one article's working state (models used, coverage, warnings, timings, the translation made
once); `abstractive` and `extractive` follow the route for (article language, output language, licence policy).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from .detect import mixed_language_warning, paragraph_languages
from .extractive import key_points_extractive, nearest_preset, summarize_extractive
from .glossary import Glossary, GlossaryTranslator, glossary_findings, with_glossary
from .keypoints import key_points, keypoint_options
from .models.base import Seq2SeqModel
from .models.families import family
from .models.loader import ModelPool
from .models.registry import resolve
from .records import SUPPORTED_LANGUAGES, Article, Coverage, Document, Finding, KeyPoint, ModelInfo, Sentence
from .summary import summarize as summarize_text
from .summary import summary_options
from .translate import Translation, document, translate_documents, translation_options
from .verify import check as check_output

if TYPE_CHECKING:
    from .pipeline import RunOptions


def translation_role(src: str, tgt: str) -> str:
    """The registry role for a direction."""
    return f"translate:{src}-{tgt}"


def paragraph_languages_of(doc: Document, language: str, forced: str | None, *,
                           extractive: bool = False) -> tuple[str, ...]:
    """Each paragraph's language; all the article's when --from forced it (the user said what it is). The
    extractive method translates no paragraph: only paragraphs in the other script are worth detecting."""
    if forced:
        return (language,) * len(doc.paragraphs)
    return paragraph_languages(doc.paragraphs, language, other_script_only=extractive)


def translator(pool: ModelPool, tgt: str, override: Callable[[str], str | None], glossary: Glossary | None,
               used: dict[str, Seq2SeqModel]) -> Callable[[str], Seq2SeqModel]:
    """The model into tgt for each source language asked (the model named by `override(src)`, with the
    glossary enforced), loaded once and kept in `used`."""

    def model_for(src: str) -> Seq2SeqModel:
        if src not in used:
            used[src] = with_glossary(pool.get(translation_role(src, tgt), override(src)), glossary)
        return used[src]

    return model_for


class Route:
    """The working state of one article's run: models used, coverage, warnings, timings."""

    def __init__(self, article: Article, pool: ModelPool, options: RunOptions, src: str, out: str,
                 doc: Document) -> None:
        self.article, self.pool, self.options, self.src, self.out = article, pool, options, src, out
        self.settings = options.settings  # what the run was asked for: length, method, models, beams …
        self.document = doc
        self.models: dict[str, ModelInfo] = {}
        self.coverage: dict[str, Coverage] = {}
        self.warnings: list[str] = []
        self.timings: dict[str, float] = {}
        self.translations: dict[str, Translation] = {}  # by target: a mixed article may need two
        self.glossary_lost: list[Finding] = []  # terms a translation could not carry through
        self.languages = paragraph_languages_of(doc, src, options.source,
                                                extractive=self.settings.method == "extractive")

    @property
    def translation(self) -> Translation | None:
        """The article's translation into the output language if made, else the first one made."""
        return self.translations.get(self.out) or next(iter(self.translations.values()), None)

    @property
    def mixed(self) -> bool:
        """Whether some paragraph is in the other supported language (and needs a model to be read as ours)."""
        return any(lang != self.src and lang in SUPPORTED_LANGUAGES for lang in self.languages)

    def unmixed_warning(self) -> None:
        """The mixed-language warning of a route that read the article as written (no translation of it)."""
        warning = mixed_language_warning(self.languages, self.src)
        if warning and self.translation is None:
            self.warnings.append(warning)

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.timings[step] = round(self.timings.get(step, 0.0) + time.perf_counter() - started, 4)

    def _translation_override(self, src: str) -> str | None:
        """--translation-model serves the article's direction; the way back only if it is many-to-many."""
        override = self.settings.translation_model
        if override is None or src == self.src:
            return override
        many = family(resolve(translation_role(src, self.src), override).family).many_to_many
        return override if many else None

    def _translator(self, tgt: str, used: dict[str, Seq2SeqModel]) -> Callable[[str], Seq2SeqModel]:
        return translator(self.pool, tgt, self._translation_override, self.options.glossary, used)

    def translate_article(self, tgt: str) -> Translation:
        """The whole article translated into tgt (once), each paragraph from its own language, sentence ids kept."""
        if tgt not in self.translations:
            # a mixed article's other paragraphs, read in the article's own language: a second translation
            role = "translation" if tgt != self.src else "translation_of_other_paragraphs"
            used: dict[str, Seq2SeqModel] = {}
            with self.timed(role):
                [done] = translate_documents([(self.document, self.src, self.languages)], self._translator(tgt, used),
                                             tgt, translation_options(self.settings.beams))
                self.glossary_lost += [f for model in used.values() for f in _lost(model)]
            self.translations[tgt] = done
            if done.model is not None:
                self.models[role] = done.model
                self.coverage[role] = done.coverage
            self.warnings += [f"translation: {w}" for w in done.warnings]
        return self.translations[tgt]

    def translate_outputs(self, texts: Sequence[str], src: str, tgt: str,
                          languages: Sequence[str] | None = None) -> list[tuple[str, bool]]:
        """Short outputs (summary, key points) translated into the output language, each from its language
        (default src), with whether its translation is still degenerate after a stricter retry (flagged in the
        record, not only warned)."""
        used: dict[str, Seq2SeqModel] = {}
        with self.timed("translation_of_outputs"):
            model_for = self._translator(tgt, used)
            model = model_for(src)
            options = translation_options(self.settings.beams)
            docs = [document(f"output {i}", t) for i, t in enumerate(texts)]
            langs = languages or [src] * len(docs)
            done = translate_documents([(d, lang, (lang,) * len(d.paragraphs)) for d, lang in zip(docs, langs)],
                                       model_for, tgt, options)
            self.glossary_lost += [f for m in used.values() for f in _lost(m)]
        self.models["translation_of_outputs"] = next((d.model for d in done if d.model), model.info(options))
        self.warnings += [f"translation of outputs: {w}" for d in done for w in d.warnings]
        return [(d.text, bool(d.warnings)) for d in done]

    def summary(self, sents: Sequence[Sentence], language: str) -> tuple[str, bool]:
        with self.timed("summary"):
            model = self.pool.get(f"summary:{language}", self.settings.summary_model)
            result = summarize_text(sents, model, language=language, length=nearest_preset(self.settings.length),
                                    beams=self.settings.beams, prompts_dir=self.settings.prompts_dir)
        self.models["summary"] = model.info(summary_options(model.spec, nearest_preset(self.settings.length),
                                                            self.settings.beams))
        self.coverage["summary"] = result.coverage
        self.warnings += [f"summary: {w}" for w in result.warnings]
        if not model.spec.commercial_use:
            self.warnings.append(f"summary model {model.spec.model_id} is licensed {model.spec.licence} "
                                 "(non-commercial); --permissive uses permissively licensed models only")
        return result.text, result.flagged

    def key_points(self, sents: Sequence[Sentence], language: str,
                   evidence: Sequence[Sentence]) -> list[KeyPoint]:
        with self.timed("key_points"):
            model = self.pool.get(f"keypoints:{language}", self.settings.keypoints_model)
            result = key_points(sents, model, language=language, n=self.settings.points,
                                prompts_dir=self.settings.prompts_dir, beams=self.settings.beams,
                                evidence_sentences=evidence)
        self.models["key_points"] = model.info(keypoint_options(model.spec, self.settings.beams))
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


def _readable(run: Route, sents: Sequence[Sentence]) -> Sequence[Sentence]:
    """The sentences as the article language's models read them: a mixed article's paragraphs in the other
    language translated into it, paragraph by paragraph (ids kept); the sentences themselves otherwise."""
    return _translated_sentences(run, sents, run.src) if run.mixed else sents


def abstractive(run: Route, sents: Sequence[Sentence]) -> tuple[str, str, bool, list[KeyPoint]]:
    """Pick the route for (article language, output language, licence policy) and follow it."""
    followed = _abstractive(run, sents)
    run.unmixed_warning()
    return followed


def _abstractive(run: Route, sents: Sequence[Sentence]) -> tuple[str, str, bool, list[KeyPoint]]:
    src, out = run.src, run.out
    if src == out == "en" or (src == out == "ar" and not run.settings.permissive):
        own = _readable(run, sents)
        summary, flagged = run.summary(own, src)
        return "direct", summary, flagged, run.key_points(own, src, sents)
    if src == out == "ar":  # permissive: summarise through English, key points with mt0 (Apache-2.0)
        english = _translated_sentences(run, sents, "en")
        summary, flagged = run.summary(english, "en")
        [(summary, bad)] = run.translate_outputs([summary], "en", "ar")
        flagged = flagged or bad
        return ("ar→en, summarise in en, →ar (permissive)", summary, flagged,
                run.key_points(_readable(run, sents), "ar", sents))
    if src == "ar":  # → en
        english = _translated_sentences(run, sents, "en")
        summary, flagged = run.summary(english, "en")
        return "translate ar→en, then summarise", summary, flagged, run.key_points(english, "en", sents)
    own = _readable(run, sents)  # en article, Arabic desk
    summary, flagged = run.summary(own, "en")
    points = run.key_points(own, "en", sents)
    (summary, bad), *texts = run.translate_outputs([summary, *(p.text for p in points)], "en", "ar")
    points = [replace(p, text=t, flagged=p.flagged or f) for p, (t, f) in zip(points, texts)]
    return "summarise in en, then translate en→ar", summary, flagged or bad, points


def extractive(run: Route, sents: Sequence[Sentence]) -> tuple[str, str, bool, list[KeyPoint]]:
    """Verbatim source sentences, ranked without any model; translated only when another language is asked."""
    run.unmixed_warning()
    with run.timed("extractive"):
        chosen = summarize_extractive(sents, run.src, run.settings.length)
        picked = key_points_extractive(sents, run.src, run.settings.points)
        points = [KeyPoint(s.text, (s.id,), (s.text,)) for s in picked]
    summary = " ".join(s.text for s in chosen)
    if run.src == run.out:
        return "extractive", summary, False, points
    route = f"extractive, translated {run.src}→{run.out}"
    languages = [run.languages[s.paragraph] for s in (*chosen, *picked)]
    if any(lang != run.src for lang in languages):  # a mixed article: each sentence from its own language
        done = run.translate_outputs([s.text for s in (*chosen, *picked)], run.src, run.out, languages)
        ours, texts = done[:len(chosen)], done[len(chosen):]
        summary, bad = " ".join(t for t, _ in ours), any(f for _, f in ours)
    else:
        (summary, bad), *texts = run.translate_outputs([summary, *(p.text for p in points)], run.src, run.out)
    return route, summary, bad, [replace(p, text=t, flagged=f) for p, (t, f) in zip(points, texts)]


def findings(run: Route, summary: str, points: Sequence[KeyPoint], translated: str | None,
              sents: Sequence[Sentence]) -> tuple:
    texts = [summary, *(p.text for p in points)]
    source = run.article.text
    # claims are checked against the sentences they rest on, numbered as the JSON's sentences[].id; a key point's
    # evidence is given, the summary's found by alignment (through the translation, sentence for sentence)
    pairs = run.translation.sentences if run.translation is not None and translated is not None else ()
    common: dict = {"translated_source": translated, "sentences": [s.text for s in sents],
                    "translated_sentences": [p.target for p in pairs] if len(pairs) == len(sents) else None,
                    "article_date": run.article.date}  # what "yesterday" and "last year" count from
    if run.settings.nli_model:
        common["nli"] = run.pool.classifier(run.settings.nli_model)
        run.models["nli"] = common["nli"].info()
    found = list(check_output(source, summary, **common))
    found += [f for p in points for f in check_output(source, p.text, evidence=p.evidence, **common)]
    if run.options.glossary is not None:
        found += [f for text in texts for f in glossary_findings(source, text, run.options.glossary, run.out)]
        found += run.glossary_lost
    return tuple(dict.fromkeys(found))


