"""Translating whole articles sentence by sentence, several articles in one batched model pass."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence, Tuple

from .detect import mixed_language_warning
from .models.base import Generated, GenerationOptions, Seq2SeqModel
from .quality import generate_checked
from .records import (SUPPORTED_LANGUAGES, Coverage, Document, ModelInfo, Paragraph, ParagraphPair,
                      Sentence, SentencePair, Translation)
from .segment import fit, sentences, split_paragraphs

# A document to translate, its language, and each
# paragraph's own language (they differ in a mixed article).
Item = Tuple[Document, str, Sequence[str]]


@dataclass(frozen=True)
class _Plan:
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    pieces: tuple[tuple[int, str], ...]  # (sentence id, text that fits the model)


def translation_options(beams: int) -> GenerationOptions:
    """Decoding for translation: new tokens capped relative to each sentence's length."""
    return GenerationOptions(num_beams=beams, max_new_tokens=512, ratio=2.0, slack=10)


def document(source: str, text: str) -> Document:
    """A text segmented once: its paragraphs and sentences."""
    paragraphs = tuple(split_paragraphs(text))
    return Document(source, text, paragraphs, tuple(sentences(paragraphs)))


def plan(doc: Document, model: Seq2SeqModel, src: str, tgt: str,
         languages: Sequence[str] | None = None) -> _Plan:
    """The document's paragraphs and sentences, and the pieces of each sentence that fit the model's
    input; with `languages` (one per paragraph), only the sentences of paragraphs in src."""
    limit = model.max_input_tokens
    count = lambda t: model.count_tokens(t, src, tgt)  # noqa: E731
    pieces = tuple((s.id, piece) for s in doc.sentences
                   if languages is None or languages[s.paragraph] == src
                   for piece in fit(s.text, limit, count))
    return _Plan(doc.paragraphs, doc.sentences, pieces)


def _moves(language: str, tgt: str) -> bool:
    """Whether a paragraph in `language` goes through a
    model into tgt (not already there, and supported)."""
    return language != tgt and language in SUPPORTED_LANGUAGES


def translate_documents(items: Sequence[Item], models: Callable[[str], Seq2SeqModel], tgt: str,
                        options: GenerationOptions) -> list[Translation]:
    """Translate documents into tgt, each paragraph from its own language: one batched model pass
    per source language over the sentences of all documents (`models(src)` is asked only for a
    language that has some); paragraphs already in tgt pass through, paragraphs in an unsupported
    language stay as written."""
    # per document: sentence id -> its pieces
    outs: list[dict[int, list[Generated]]] = [{} for _ in items]
    bad: list[list[tuple[int, str]]] = [[] for _ in items]
    used: dict[str, Seq2SeqModel] = {}
    wanted = {langs[s.paragraph] for doc, _, langs in items for s in doc.sentences}
    for src in sorted(lang for lang in wanted if _moves(lang, tgt)):
        model = used[src] = models(src)
        plans = [plan(doc, model, src, tgt, langs) for doc, _, langs in items]
        outputs, why = generate_checked(model, [piece for p in plans for _, piece in p.pieces],
                                        options, src=src, tgt=tgt)
        k = 0
        for i, p in enumerate(plans):
            for sid, _ in p.pieces:
                outs[i].setdefault(sid, []).append(outputs[k])
                bad[i] += [(sid, why[k])] if k in why else []
                k += 1
    done = []
    for item, mine, wrong in zip(items, outs, bad):
        # the model named is the article's own direction; for an article already in tgt, the one its
        # other paragraphs went through, if any
        own = item[1]
        model = (used.get(own) or models(own)) if _moves(own, tgt) else next(
            (used[lang] for lang in sorted(set(item[2])) if lang in used), None)
        done.append(_assemble(item, mine, sorted(wrong, key=lambda w: w[0]), model, options, tgt))
    return done


def _assemble(item: Item, outs: dict[int, list[Generated]], bad: Sequence[tuple[int, str]],
              model: Seq2SeqModel | None, options: GenerationOptions, tgt: str) -> Translation:
    doc, language, langs = item
    warning = mixed_language_warning(langs, language, tgt)
    if model is None:  # nothing went through a model: the text as it was
        done = passthrough(doc, language)
        return replace(done, paragraphs=tuple(replace(p, source_language=lang)
                                              for p, lang in zip(done.paragraphs, langs)),
                       warnings=(warning,) if warning else ())
    pairs = tuple(SentencePair(s.id, s.paragraph, s.text,
                               " ".join(o.text for o in outs.get(s.id, ()))
                               if _moves(langs[s.paragraph], tgt) else s.text)
                  for s in doc.sentences)
    paragraphs = tuple(
        ParagraphPair(par.index, par.marker, par.kind, par.text,
                      " ".join(sp.target for sp in pairs if sp.paragraph == par.index)
                      if _moves(langs[par.index], tgt) else par.text, langs[par.index])
        for par in doc.paragraphs
    )
    warnings = tuple(f"sentence {sid + 1}: {why} after a stricter retry" for sid, why in bad)
    done = [o for sid in sorted(outs) for o in outs[sid]]
    coverage = Coverage(sum(o.tokens_read for o in done), sum(o.input_tokens for o in done))
    return Translation(doc.source, language, tgt, join(paragraphs, doc.text), paragraphs, pairs,
                       _info(model, options, done), coverage,
                       ((warning,) if warning else ()) + warnings)


def _info(model: Seq2SeqModel, options: GenerationOptions, done: Sequence[Generated]) -> ModelInfo:
    """The model's provenance for one document: an
    instruction model's tokens are those of its sentences."""
    info = model.info(options)
    if not info.usage:
        return info
    usage = {key: sum(getattr(o, key, 0) for o in done)
             for key in ("prompt_tokens", "completion_tokens")}
    return replace(info, usage=usage)


def translate_texts(
    items: Sequence[Document | tuple[str, str]], model: Seq2SeqModel, src: str, tgt: str,
    options: GenerationOptions
) -> list[Translation]:
    """Translate several documents (or (source name, text) pairs, segmented here) from src to tgt in
    one batched pass over all their sentences."""
    docs = [item if isinstance(item, Document) else document(*item) for item in items]
    return translate_documents([(doc, src, (src,) * len(doc.paragraphs)) for doc in docs],
                               lambda _: model, tgt, options)


def join(pairs: Sequence[ParagraphPair], original: str, *, side: str = "target") -> str:
    """Paragraphs back into one text, with markers, separated as the original was."""
    glue = "\n\n" if "\n\n" in original.strip() else "\n"
    return glue.join(p.marker + (" " if p.marker else "") + getattr(p, side) for p in pairs)


def passthrough(doc: Document, language: str) -> Translation:
    """An input already in the target language: unchanged,
    with a note (from its segmentation, not a new one)."""
    pairs = tuple(ParagraphPair(p.index, p.marker, p.kind, p.text, p.text, language)
                  for p in doc.paragraphs)
    found = tuple(SentencePair(x.id, x.paragraph, x.text, x.text) for x in doc.sentences)
    return Translation(doc.source, language, language, doc.text, pairs, found, None,
                       Coverage(0, 0, windows=0),
                       note=f"already in {language}: passed through unchanged")
