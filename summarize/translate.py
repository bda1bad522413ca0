"""Translating whole articles sentence by sentence, several articles in one batched model pass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .models.base import Generated, GenerationOptions, Seq2SeqModel
from .quality import generate_checked
from .records import Coverage, Document, Paragraph, ParagraphPair, Sentence, SentencePair, Translation
from .segment import fit, sentences, split_paragraphs



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


def plan(doc: Document, model: Seq2SeqModel, src: str, tgt: str) -> _Plan:
    """The document's paragraphs and sentences, and the pieces of each sentence that fit the model's input."""
    limit = model.max_input_tokens
    count = lambda t: model.count_tokens(t, src, tgt)  # noqa: E731
    pieces = tuple((s.id, piece) for s in doc.sentences for piece in fit(s.text, limit, count))
    return _Plan(doc.paragraphs, doc.sentences, pieces)


def _assemble(name: str, text: str, p: _Plan, outs: Sequence[Generated], bad: dict[int, str],
              model: Seq2SeqModel, options: GenerationOptions, src: str, tgt: str) -> Translation:
    per_sentence: dict[int, list[str]] = {s.id: [] for s in p.sentences}
    for (sid, _), out in zip(p.pieces, outs):
        per_sentence[sid].append(out.text)
    pairs = tuple(SentencePair(s.id, s.paragraph, s.text, " ".join(per_sentence[s.id])) for s in p.sentences)
    paragraphs = tuple(
        ParagraphPair(par.index, par.marker, par.kind, par.text,
                      " ".join(sp.target for sp in pairs if sp.paragraph == par.index))
        for par in p.paragraphs
    )
    warnings = tuple(f"sentence {sid + 1}: {bad[k]} after a stricter retry"
                     for k, (sid, _) in enumerate(p.pieces) if k in bad)
    coverage = Coverage(sum(o.tokens_read for o in outs), sum(o.input_tokens for o in outs))
    return Translation(name, src, tgt, join(paragraphs, text), paragraphs, pairs, model.info(options), coverage,
                       warnings)


def translate_texts(
    items: Sequence[Document | tuple[str, str]], model: Seq2SeqModel, src: str, tgt: str, options: GenerationOptions
) -> list[Translation]:
    """Translate several documents (or (source name, text) pairs, segmented here) from src to tgt in one batched
    pass over all their sentences."""
    docs = [item if isinstance(item, Document) else document(*item) for item in items]
    items = [(doc.source, doc.text) for doc in docs]
    plans = [plan(doc, model, src, tgt) for doc in docs]
    texts = [piece for p in plans for _, piece in p.pieces]
    outputs, bad = generate_checked(model, texts, options, src=src, tgt=tgt)
    results, start = [], 0
    for (name, text), p in zip(items, plans):
        end = start + len(p.pieces)
        mine = {k - start: why for k, why in bad.items() if start <= k < end}
        results.append(_assemble(name, text, p, outputs[start:end], mine, model, options, src, tgt))
        start = end
    return results


def join(pairs: Sequence[ParagraphPair], original: str, *, side: str = "target") -> str:
    """Paragraphs back into one text, with markers, separated as the original was."""
    glue = "\n\n" if "\n\n" in original.strip() else "\n"
    return glue.join(p.marker + (" " if p.marker else "") + getattr(p, side) for p in pairs)


def passthrough(name: str, text: str, language: str) -> Translation:
    """An input already in the target language: unchanged, with a note."""
    pairs = tuple(ParagraphPair(p.index, p.marker, p.kind, p.text, p.text) for p in split_paragraphs(text))
    found = tuple(SentencePair(x.id, x.paragraph, x.text, x.text) for x in sentences(split_paragraphs(text)))
    return Translation(name, language, language, text, pairs, found, None, Coverage(0, 0, windows=0),
                       note=f"already in {language}: passed through unchanged")
