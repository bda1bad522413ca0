"""Abstractive summaries of whole articles: map over sentence-aligned token windows, then reduce.

Every token of the article is read: sentences are fitted to the model's input limit, packed into
overlapping windows, each window is summarised (one batched call), and the partial summaries are
summarised again, recursively, until one text remains. Coverage says what was read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from . import prompts
from .errors import UsageError
from .models.base import Generated, GenerationOptions, Seq2SeqModel
from .models.registry import ModelSpec
from .quality import generate_checked
from .records import Coverage, Sentence
from .segment import fit, windows

__all__ = ["LENGTHS", "Budget", "SummaryOutput", "summarize", "summary_options"]


@dataclass(frozen=True)
class Budget:
    """New tokens a summary may have."""

    min_new_tokens: int
    max_new_tokens: int


# "medium" is bart-large-cnn's own setting; a model whose spec gives lengths is scaled from its own.
LENGTHS: dict[str, Budget] = {"short": Budget(24, 64), "medium": Budget(56, 142),
                              "long": Budget(100, 256)}
OVERLAP = 0.1  # share of a window carried into the next, so no sentence loses its context at a cut
MAX_TRIES = 8  # attempts at packing windows that fit, each with a smaller budget


@dataclass(frozen=True)
class SummaryOutput:
    """A summary, what the model read of the article, and whether it must not be trusted as is."""

    text: str
    coverage: Coverage  # over the whole article; windows = map windows
    warnings: tuple[str, ...]
    flagged: bool  # still degenerate after a stricter retry: never present it as fine


@dataclass(frozen=True)
class _Frame:
    """How a passage becomes model input: the prompt around it and how its tokens are counted."""

    wrap: Callable[[str], str]
    content: Callable[[str], int]  # tokens of a passage alone, without specials or prompt
    budget: int  # passage tokens that fit the model with the prompt and specials
    glue: str  # between paragraphs


def summary_options(spec: ModelSpec, length: str, beams: int | None = None) -> GenerationOptions:
    """Decoding for a length preset on top of the spec's defaults, always with explicit lengths."""
    # a str Enum member hashes by its name, not its value
    key = str(getattr(length, "value", length))
    if key.isdecimal() and int(key) > 0:  # a number of sentences: about 20 to 40 tokens each
        preset = Budget(min(16 * int(key), 512), min(40 * int(key), 1024))
    elif key in LENGTHS:
        preset = LENGTHS[key]
    else:
        raise UsageError(f"summary length must be one of {', '.join(LENGTHS)} or a "
                         f"number, not {length!r}")
    defaults = dict(spec.generation)
    medium = LENGTHS["medium"]
    if "max_new_tokens" in defaults:  # the spec's own lengths are its "medium"
        low = round(defaults.get("min_new_tokens", 0) * preset.min_new_tokens /
                    medium.min_new_tokens)
        high = round(defaults["max_new_tokens"] * preset.max_new_tokens / medium.max_new_tokens)
    else:
        low, high = preset.min_new_tokens, preset.max_new_tokens
    known = {f.name for f in dataclasses.fields(GenerationOptions)}
    values = {k: v for k, v in defaults.items() if k in known}
    values.update(min_new_tokens=min(low, high), max_new_tokens=high, ratio=None)
    if beams is not None:
        values["num_beams"] = beams
    return GenerationOptions(**values)


def summarize(
    sentences: Sequence[Sentence], model: Seq2SeqModel, *, language: str, length: str,
    beams: int | None = None, prompts_dir: str | Path | None = None,
) -> SummaryOutput:
    """Summarise a whole article: map over token windows,
    reduce the partial summaries until one remains."""
    prompts.check_readable(model.spec, language, (s.text for s in sentences))
    options = summary_options(model.spec, length, beams)
    frame = _frame(model, language, prompts_dir)
    units = [(s.paragraph, s.text) for s in sentences if s.text.strip()]
    if not units:
        return SummaryOutput("", Coverage(0, 0, windows=0),
                             ("nothing to summarise: the article is empty",), False)
    texts, total = _plan(units, model, frame, round(frame.budget * OVERLAP))
    outs, bad = _generate(model, texts, options, frame, language)
    clipped = sum(max(0, o.input_tokens - o.tokens_read) for o in outs)
    warnings = [f"window {i + 1} of {len(outs)}: {why} after a stricter retry"
                for i, why in sorted(bad.items()) if len(outs) > 1]
    if clipped:
        warnings.append(f"{clipped} tokens were cut off at the model's input limit")
    final, reason, more = _reduce(outs, bad, model, options, frame, language)
    warnings += more
    if reason:
        # The caller names the step ("summary: …"), so the message starts with what is wrong.
        warnings.append(f"output still degenerate ({reason}) after a stricter retry; "
                        "do not use it unreviewed")
    coverage = Coverage(max(0, total - clipped), total, windows=len(texts))
    return SummaryOutput(final, coverage, tuple(warnings), reason is not None)


def _frame(model: Seq2SeqModel, language: str, prompts_dir: str | Path | None) -> _Frame:
    specials = model.count_tokens("")
    content = lambda text: max(0, model.count_tokens(text) - specials)  # noqa: E731
    wrap = lambda text: text  # noqa: E731
    if _follows_instructions(model):
        template = prompts.load("summary", language, prompts_dir, fallback=model.spec.reads_arabic)
        values = {"n": 1, "language": prompts.LANGUAGE_NAMES.get(language, language)}
        wrap = lambda text: prompts.render(template, passage=text, **values)  # noqa: E731
    budget = model.max_input_tokens - model.count_tokens(wrap(""))
    if budget < 8:
        raise UsageError(f"the summary prompt leaves {budget} tokens of {model.max_input_tokens} "
                         "for the article")
    return _Frame(wrap, content, budget, " " if model.spec.collapse_whitespace else "\n")


def _follows_instructions(model: Seq2SeqModel) -> bool:
    # flan-t5 and mt0 need an instruction; BART and XL-Sum (also mT5) were trained on bare articles.
    return model.spec.follows_instructions


def _plan(units: Sequence[tuple[int, str]], model: Seq2SeqModel, frame: _Frame,
          overlap: int) -> tuple[list[str], int]:
    """Inputs of sentence-aligned windows that fit the model, and the passage tokens in all."""
    budget = frame.budget
    for _ in range(MAX_TRIES):
        pieces = [(par, piece) for par, text in units for piece in fit(text, budget, frame.content)]
        counts = [frame.content(piece) for _, piece in pieces]
        texts = [frame.wrap(_join(pieces[a:b], frame.glue))
                 for a, b in windows(counts, budget, overlap)]
        # Tokens of joined sentences differ a little from their
        # sum (merges across spaces): check the real count.
        excess = max(model.count_tokens(t) for t in texts) - model.max_input_tokens
        if excess <= 0:
            break
        budget = max(1, budget - max(excess, budget // 20))
    return texts, sum(counts)


def _join(pieces: Sequence[tuple[int, str]], glue: str) -> str:
    out = pieces[0][1]
    for (before, _), (par, text) in zip(pieces, pieces[1:]):
        out += (" " if par == before else glue) + text
    return " ".join(out.split()) if glue == " " else out


def _generate(model: Seq2SeqModel, texts: list[str], options: GenerationOptions, frame: _Frame,
              language: str) -> tuple[list[Generated], dict[int, str]]:
    if len(texts) > 1:
        # Partial summaries at most half a window long:
        # every reduce round then at least halves them.
        cap = max(1, frame.budget // 2 - 2)
        options = dataclasses.replace(options, max_new_tokens=min(options.max_new_tokens, cap),
                                      min_new_tokens=min(options.min_new_tokens, cap))
    return generate_checked(model, texts, options, language=language, check_ratio=False)


def _reduce(outs: list[Generated], bad: dict[int, str], model: Seq2SeqModel,
            options: GenerationOptions,
            frame: _Frame, language: str) -> tuple[str, str | None, list[str]]:
    """Summarise partial summaries until one remains:
    (text, what is still wrong with it, warnings)."""
    warnings: list[str] = []
    depth = 0
    while len(outs) > 1:  # every round leaves fewer texts (see _generate's cap), so this ends
        depth += 1
        partials = [(i, out.text) for i, out in enumerate(outs) if out.text.strip()]
        if not partials:
            return "", "empty output", warnings
        texts, _ = _plan(partials, model, frame, 0)
        if len(texts) >= len(outs):  # only if outputs re-tokenise far longer than generated
            texts = [frame.wrap(frame.glue.join(t for _, t in partials[i : i + 2]))
                     for i in range(0, len(partials), 2)]
            warnings.append(f"reduce round {depth}: partial summaries did not fit the "
                            "model; some were cut")
        outs, bad = _generate(model, texts, options, frame, language)
    return outs[0].text, bad.get(0), warnings
