"""Key points: one model-written sentence per salient
passage, each tied to the source sentences behind it.

Method: rank the article's sentences (`extractive.rank/select`, headings left out) and
take up to 2n mutually diverse anchors over the whole article; give each anchor its
neighbours as context while the passage fits the model; render the `keypoint` prompt for
every passage and generate them all in one batched call; keep the best-ranked distinct
outputs. Where an output stays degenerate or repeats an earlier point, the anchor
sentence itself stands in (verbatim, with a warning), so n distinct points come back
whenever the article has n distinct sentences. Points are returned in article order.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from . import prompts
from .arabic import strip_marks
from .extractive import rank, select
from .models.base import Generated, GenerationOptions, Seq2SeqModel
from .models.registry import ModelSpec
from .quality import generate_checked
from .records import Coverage, KeyPoint, Sentence
from .segment import fit, split_sentences

__all__ = ["KeyPoint", "KeyPointsOutput", "clean_point", "key_points", "keypoint_options",
           "near_duplicate"]

# word-set Jaccard above which two points say the same thing (as extractive.select)
NEAR_DUPLICATE = 0.6
CANDIDATES_PER_POINT = 2  # spare passages, so duplicates and failures can be replaced
DEFAULT_NEW_TOKENS = 64
REPEATED = "repeats an earlier point"

# Leading list markers a model may emit: "-", "*", "•", "1.", "2)", "(3)", "٤.", "(a)", "a)".
# A marker must be followed by a space, so "3.5%" or "10:30" keep their numbers.
_BULLET = re.compile(r"\s*(?:[-*•·–—+>]+|\(?[0-9\u0660-\u0669]{1,2}[.)]|\(?[a-z]\))(?:\s+|$)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class KeyPointsOutput:
    """The key points, what the model read of the passages behind them, and warnings."""

    points: tuple[KeyPoint, ...]
    # Over the chosen points' passages: tokens of their
    # sentences the model read, of all; windows = passages.
    coverage: Coverage
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class _Candidate:
    anchor: Sentence
    evidence: tuple[int, ...]
    prompt: str
    tokens: int  # of the passage's sentences, whole
    cut: int  # tokens of the anchor left out: it alone is longer than the model reads


def keypoint_options(spec: ModelSpec, beams: int | None = None) -> GenerationOptions:
    """Decoding for key points: the spec's defaults with an explicit new-token budget."""
    known = {f.name for f in dataclasses.fields(GenerationOptions)}
    values = {k: v for k, v in spec.generation.items() if k in known}
    values.setdefault("max_new_tokens", DEFAULT_NEW_TOKENS)  # never the library's max_length of 20
    values["ratio"] = None
    if beams is not None:
        values["num_beams"] = beams
    return GenerationOptions(**values)


def key_points(
    sentences: Sequence[Sentence], model: Seq2SeqModel, *, language: str, n: int,
    prompts_dir: str | Path | None = None, beams: int | None = None,
    evidence_sentences: Sequence[Sentence] | None = None,
) -> KeyPointsOutput:
    """Up to n distinct one-sentence key points in article
    order, with their evidence, coverage and warnings."""
    if n <= 0:
        return KeyPointsOutput((), Coverage(0, 0, windows=0), ())
    prompts.check_readable(model.spec, language, (s.text for s in sentences))
    template = prompts.load("keypoint", language, prompts_dir, fallback=model.spec.reads_arabic)
    values = {"n": n, "language": prompts.LANGUAGE_NAMES.get(language, language)}
    candidates = _candidates(sentences, model,
                             lambda p: prompts.render(template, passage=p, **values), language, n)
    if not candidates:
        return KeyPointsOutput((), Coverage(0, 0, windows=0),
                               ("no key points: the article has no sentences outside headings",))
    evidence = {s.id: s
                for s in (evidence_sentences if evidence_sentences is not None else sentences)}
    missing = sorted({i for c in candidates for i in c.evidence} - evidence.keys())
    if missing:
        raise ValueError(f"evidence_sentences lack the ids {missing[:5]} of the sentences read")
    outs, bad = generate_checked(model, [c.prompt for c in candidates],
                                 keypoint_options(model.spec, beams), language=language,
                                 check_ratio=False)
    chosen, warnings = _choose(candidates, outs, bad, n)
    points = tuple(KeyPoint(text, c.evidence, tuple(evidence[i].text for i in c.evidence), flagged)
                   for c, text, flagged in sorted(chosen, key=lambda item: item[0].anchor.id))
    warnings += [f"sentence {c.anchor.id + 1} is longer than the model reads: "
                 "its key point saw the first part only"
                 for c, _, _ in chosen if c.cut]
    if len(points) < n:
        warnings.append(f"only {len(points)} distinct key points of the {n} asked for: "
                        "the article has too few distinct sentences")
    return KeyPointsOutput(points, _coverage(chosen, candidates, outs), tuple(warnings))


def _coverage(chosen: list[tuple[_Candidate, str, bool]], candidates: list[_Candidate],
              outs: list[Generated]) -> Coverage:
    """What the model read of the chosen points' passages: a cut anchor or an input clipped by the
    model counts as unread."""
    out_of = {id(c): o for c, o in zip(candidates, outs)}
    total = sum(c.tokens for c, _, _ in chosen)
    unread = sum(c.cut + max(0, out_of[id(c)].input_tokens - out_of[id(c)].tokens_read)
                 for c, _, _ in chosen)
    return Coverage(max(0, total - unread), total, windows=len(chosen))


def _candidates(sentences: Sequence[Sentence], model: Seq2SeqModel, wrap: Callable[[str], str],
                language: str, n: int) -> list[_Candidate]:
    """Diverse salient anchors, best first, each with a passage that fits the model."""
    pool = [s for s in sentences if s.kind != "heading" and s.text.strip()]
    anchors = select(pool, language, min(CANDIDATES_PER_POINT * n, len(pool)))
    order = {sid: place for place, (sid, _) in enumerate(rank(pool, language))}
    position = {s.id: k for k, s in enumerate(sentences)}
    return [_passage(a, position[a.id], sentences, model, wrap)
            for a in sorted(anchors, key=lambda s: order[s.id])]


def _passage(anchor: Sentence, at: int, sentences: Sequence[Sentence], model: Seq2SeqModel,
             wrap: Callable[[str], str]) -> _Candidate:
    """The anchor, then its previous and next sentences
    (no headings) while the prompt fits the model."""
    specials = model.count_tokens("")
    # noqa below: E731, a lambda named for the tokens of a text alone
    count = lambda t: max(0, model.count_tokens(t) - specials)  # noqa: E731
    budget = max(1, model.max_input_tokens - model.count_tokens(wrap("")))
    pieces = fit(anchor.text, budget, count)
    parts = {at: pieces[0]}
    # The previous sentence first: it usually says who "he" or "the ministry" is.
    for k in (at - 1, at + 1):
        if len(pieces) > 1 or not 0 <= k < len(sentences) or sentences[k].kind == "heading":
            continue
        trial = {**parts, k: sentences[k].text}
        if model.count_tokens(wrap(_joined(trial))) <= model.max_input_tokens:
            parts = trial
    evidence = tuple(sentences[k].id for k in sorted(parts))
    whole = sum(count(sentences[k].text) for k in parts if k != at) + count(anchor.text)
    cut = max(1, count(anchor.text) - count(pieces[0])) if len(pieces) > 1 else 0
    return _Candidate(anchor, evidence, wrap(_joined(parts)), whole, cut)


def _joined(parts: dict[int, str]) -> str:
    return " ".join(parts[k] for k in sorted(parts))


def _choose(candidates: list[_Candidate], outs: list[Generated], bad: dict[int, str],
            n: int) -> tuple[list[tuple[_Candidate, str, bool]], list[str]]:
    """The best-ranked distinct usable outputs; anchors stand in for failed or repeated ones."""
    kept: list[tuple[_Candidate, str, bool]] = []
    failed: list[tuple[_Candidate, str]] = []
    for k, (candidate, out) in enumerate(zip(candidates, outs)):
        text = clean_point(out.text)
        why = bad.get(k) or (None if text else "empty output")
        if why is None and any(near_duplicate(text, other) for _, other, _ in kept):
            why = REPEATED
        if why is None and len(kept) < n:
            kept.append((candidate, text, False))
        elif why is not None:
            failed.append((candidate, why))
    warnings: list[str] = []
    for candidate, why in failed:
        text = " ".join(candidate.anchor.text.split())
        if len(kept) == n or any(near_duplicate(text, other) for _, other, _ in kept):
            continue
        kept.append((candidate, text, why != REPEATED))
        what = f"the model's output {why}" if why == REPEATED else f"{why} after a stricter retry"
        warnings.append(f"key point from sentence {candidate.anchor.id + 1}: {what}; "
                        "the source sentence is given instead")
    return kept, warnings


def clean_point(text: str) -> str:
    """One sentence: list markers stripped, cut at the first sentence end."""
    text = " ".join(text.split())
    while (match := _BULLET.match(text)) and match.end():
        text = text[match.end() :]
    first = split_sentences(text)
    return first[0] if first else ""


def near_duplicate(a: str, b: str, limit: float = NEAR_DUPLICATE) -> bool:
    """Whether two points share most of their words
    (casefolded, Arabic diacritics and tatweel ignored)."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return words_a == words_b
    return len(words_a & words_b) / len(words_a | words_b) > limit


def _words(text: str) -> set[str]:
    return set(_WORD.findall(strip_marks(unicodedata.normalize("NFKC", text)).casefold()))
