"""Translation steps: the article read in another language, the outputs written in the output
language, and the full translation when asked (--translate). Each paragraph is translated from its
own language, with the glossary enforced by a wrapper around the model."""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial
from typing import Any, Callable, Sequence

from ..glossary import Glossary, GlossaryTranslator, with_glossary
from ..llm.chat import is_chat
from ..models.base import Seq2SeqModel
from ..models.families import family
from ..models.loader import ModelPool
from ..models.registry import resolve
from ..records import Finding, Sentence
from ..translate import document, translate_documents, translation_options
from .draft import Context, Draft


def translation_role(src: str, tgt: str) -> str:
    """The registry role for a direction."""
    return f"translate:{src}-{tgt}"


def translator(pool: ModelPool, tgt: str, override: Callable[[str], str | None],
               glossary: Glossary | None,
               used: dict[str, Seq2SeqModel]) -> Callable[[str], Seq2SeqModel]:
    """The model into tgt for each source language asked (the model named by `override(src)`, with
    the glossary enforced), loaded once and kept in `used`."""

    def model_for(src: str) -> Seq2SeqModel:
        if src not in used:
            used[src] = with_glossary(translating(pool.get(translation_role(src, tgt),
                                                           override(src))), glossary)
        return used[src]

    return model_for


def translating(model: Any) -> Seq2SeqModel:
    """The model as translation drives it: an instruction model behind the seq2seq interface, a
    seq2seq model as it is."""
    if not is_chat(model):
        return model
    from ..llm.translate import ChatTranslator

    return ChatTranslator(model)  # type: ignore[return-value]


def lost(models: dict[str, Seq2SeqModel]) -> tuple[Finding, ...]:
    """Glossary renderings the translations could not carry through (none without a glossary)."""
    return tuple(f for m in models.values() if isinstance(m, GlossaryTranslator)
                 for f in m.findings)


def _override(draft: Draft, run: Context, src: str) -> str | None:
    """--translation-model serves the article's direction;
    the way back only if it is many-to-many."""
    override = run.settings.translation_model
    if override is None or src == draft.src:
        return override
    row = family(resolve(translation_role(src, draft.src), override).family)
    many = row.many_to_many or row.task == "chat"  # an instruction model translates either way
    return override if many else None


def _translator(draft: Draft, run: Context, tgt: str, used: dict) -> Callable[[str], Seq2SeqModel]:
    return translator(run.pool, tgt, partial(_override, draft, run), run.options.glossary, used)


def translated(draft: Draft, run: Context, tgt: str) -> Draft:
    """The draft with the whole article translated into
    tgt (once), each paragraph from its own language."""
    if tgt in draft.translations:
        return draft
    # a mixed article's other paragraphs, read in the article's own language: a second translation
    role = "translation" if tgt != draft.src else "translation_of_other_paragraphs"
    used: dict[str, Seq2SeqModel] = {}
    started = time.perf_counter()
    [done] = translate_documents([(draft.document, draft.src, draft.languages)],
                                 _translator(draft, run, tgt, used), tgt,
                                 translation_options(run.settings.beams))
    draft = draft.noted(lost=lost(used)).took(role, started)
    if done.model is not None:
        draft = draft.noted(models={role: done.model}, coverage={role: done.coverage})
    draft = draft.noted(warnings=[f"translation: {w}" for w in done.warnings])
    return replace(draft, translations={**draft.translations, tgt: done})


def _sentences_in(draft: Draft, tgt: str) -> tuple[Sentence, ...]:
    """The article's own sentences (one segmentation),
    each with its translation into tgt as text."""
    pairs = draft.translations[tgt].sentences
    return tuple(replace(s, text=p.target) for s, p in zip(draft.sentences, pairs))


def read_in_english(draft: Draft, run: Context) -> Draft:
    """The models read the article's English translation."""
    draft = translated(draft, run, "en")
    return replace(draft, reading=_sentences_in(draft, "en"), reading_language="en")


def read_as_written(draft: Draft, run: Context) -> Draft:
    """The models read the article in its own language: a mixed article's paragraphs in the other
    language translated into it, paragraph by paragraph (ids kept)."""
    if draft.mixed:
        draft = translated(draft, run, draft.src)
        return replace(draft, reading=_sentences_in(draft, draft.src), reading_language=draft.src)
    return replace(draft, reading=tuple(draft.sentences), reading_language=draft.src)


def include_translation(draft: Draft, run: Context) -> Draft:
    """The full translation into the output language,
    when asked (--translate) and the languages differ."""
    return (translated(draft, run, draft.out)
            if run.options.include_translation and draft.src != draft.out else draft)


def translate_texts(draft: Draft, run: Context, texts: Sequence[str], src: str,
                    languages: Sequence[str] | None = None) -> tuple[Draft, list[tuple[str, bool]]]:
    """Short outputs (summary, key points) translated into the output language, each from its
    language (default src), with whether its translation is still degenerate after a stricter retry
    (flagged in the record, not only warned)."""
    used: dict[str, Seq2SeqModel] = {}
    started = time.perf_counter()
    model_for = _translator(draft, run, draft.out, used)
    model = model_for(src)
    options = translation_options(run.settings.beams)
    docs = [document(f"output {i}", t) for i, t in enumerate(texts)]
    langs = languages or [src] * len(docs)
    done = translate_documents([(d, lang, (lang,) * len(d.paragraphs))
                                for d, lang in zip(docs, langs)],
                               model_for, draft.out, options)
    draft = draft.noted(lost=lost(used)).took("translation_of_outputs", started)
    info = next((d.model for d in done if d.model), model.info(options))
    draft = draft.noted(models={"translation_of_outputs": info},
                        warnings=[f"translation of outputs: {w}" for d in done for w in d.warnings])
    return draft, [(d.text, bool(d.warnings)) for d in done]


def translate_outputs(draft: Draft, run: Context) -> Draft:
    """The summary and key points not yet in the output language translated into it; an extract of a
    mixed article sentence by sentence, each from its own paragraph's language."""
    summary_too = draft.summary_language != draft.out
    points_too = bool(draft.points) and draft.points_language != draft.out
    if not (summary_too or points_too):
        return draft
    src = draft.summary_language if summary_too else draft.points_language
    extract = (*draft.chosen, *draft.picked)
    languages = [draft.languages[s.paragraph] for s in extract]
    if any(lang != src for lang in languages):
        draft, done = translate_texts(draft, run, [s.text for s in extract], src, languages)
        ours, texts = done[:len(draft.chosen)], done[len(draft.chosen):]
        summary, bad = " ".join(t for t, _ in ours), any(f for _, f in ours)
    else:
        asked = [draft.summary] * summary_too + [p.text for p in draft.points] * points_too
        draft, done = translate_texts(draft, run, asked, src)
        (summary, bad), texts = ((done[0], done[1:]) if summary_too
                                 else ((draft.summary, False), done))
    points = tuple(replace(p, text=t, flagged=p.flagged or f)
                   for p, (t, f) in zip(draft.points, texts)) \
        if points_too else draft.points
    return replace(draft, summary=summary, flagged=draft.flagged or bad, summary_language=draft.out,
                   points=points,
                   points_language=draft.out if draft.points else draft.points_language)
