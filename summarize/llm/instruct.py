"""A summary and key points written by an instruction
model, in the output language, straight from the article.

Each window of the article (`tasks.plan`: one unless it is longer than the model's context) is one
request. A summary of several windows is merged by one more request over the partial summaries
(again windowed if they do not fit); key points of every window are pooled, near-duplicates dropped,
the n best kept (by the salience of the sentences they rest on) and returned in article order.
Coverage says what the model read of the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from ..extractive import rank
from ..keypoints import near_duplicate
from ..quality import problem
from ..records import Coverage, KeyPoint, Sentence
from ..verify.claims import align, prepare
from . import points as json_points
from .chat import ChatModel, ChatOptions, Message
from .tasks import Asked, Prompt, Usage, Window, ask, carried, plan, prompt, reply_text

__all__ = ["Written", "key_points", "sentence_count", "summarise"]

SENTENCES = {"short": 2, "medium": 4, "long": 6}  # the length presets, in sentences of a summary
TOKENS_PER_SENTENCE = 80  # a reply's budget: generous for Arabic, whose sentences take more tokens
TOKENS_PER_POINT = 100  # a point's sentence and its JSON
# of merging partial summaries: each round leaves fewer (the reply budget is a fraction of a window)
MAX_ROUNDS = 4


@dataclass(frozen=True)
class Written:
    """What an instruction model wrote for one role, what it read, and what it cost."""

    text: str
    coverage: Coverage
    warnings: tuple[str, ...]
    flagged: bool
    usage: dict = field(default_factory=dict)
    options: ChatOptions = ChatOptions()
    points: tuple[KeyPoint, ...] = ()


def sentence_count(length: object) -> int:
    """Sentences of a summary for a length setting (a preset or a number)."""
    key = str(getattr(length, "value", length))
    return int(key) if key.isdecimal() and int(key) > 0 else SENTENCES.get(key, SENTENCES["medium"])


def _units(sentences: Sequence[Sentence]) -> list[tuple[int, str]]:
    return [(s.id, s.text) for s in sentences if s.text.strip()]


def _coverage(found: Sequence[Window], asked: Asked, later: float = 0.0) -> Coverage:
    """Article tokens read of those there were: a window the server cut
    counts as read in part; `later` is the share of a merge request's
    input it did not read (the partial summaries of those windows)."""
    total = sum(w.tokens for w in found)
    read = sum(w.tokens * (1.0 - share) for w, share in zip(found, asked.unread)) * (1.0 - later)
    return Coverage(min(total, round(read)), total, windows=len(found))


def summarise(sentences: Sequence[Sentence], model: ChatModel, *, language: str, length: object,
              prompts_dir: str | Path | None = None, terms: Sequence[tuple[str, str]] = (),
              on_text: Callable[[str], None] | None = None) -> Written:
    """A summary in `language` of the article's sentences (`on_text` receives the final request's
    text as written, when the model streams)."""
    n = sentence_count(length)
    options = ChatOptions(max_tokens=TOKENS_PER_SENTENCE * n + 64)
    units = _units(sentences)
    if not units:
        return Written("", Coverage(0, 0, windows=0),
                       ("nothing to summarise: the article is empty",), False, {}, options)
    usage = Usage()
    asked = prompt("summary", language, n=n, prompts_dir=prompts_dir, terms=terms)
    found = plan(units, model, asked, options.max_tokens)
    first = ask(model, [asked.messages(w.units) for w in found], options, usage,
                on_text=on_text if len(found) == 1 else None)
    warnings = list(first.warnings)
    texts = [reply_text(r) for r in first.replies]
    later = 0.0
    if len(found) > 1:
        merge = prompt("reduce", language, n=n, prompts_dir=prompts_dir, terms=terms)
        texts, later, more = _merge(texts, model, merge, options, usage, on_text)
        warnings += more
    text, why = _checked(" ".join(texts[0].split()) if texts else "", model, asked, found, options,
                         usage, language, first.replies[0].completion_tokens if texts else 0)
    if why:
        warnings.append(f"output still degenerate ({why}) after a second request; "
                        "do not use it unreviewed")
    return Written(text, _coverage(found, first, later), tuple(warnings), why is not None,
                   usage.as_dict(), options)


def _merge(texts: list[str], model: ChatModel, merge: Prompt, options: ChatOptions, usage: Usage,
           on_text: Callable[[str], None] | None) -> tuple[list[str], float, list[str]]:
    """Partial summaries merged until one remains: (texts,
    share of the last merge's input unread, warnings)."""
    warnings: list[str] = []
    unread = 0.0
    for _ in range(MAX_ROUNDS):
        units = [(i, t) for i, t in enumerate(texts) if t.strip()]
        if len(units) <= 1:
            return [t for _, t in units] or [""], unread, warnings
        found = plan(units, model, merge, options.max_tokens)
        done = ask(model, [merge.messages(w.units) for w in found], options, usage,
                   on_text=on_text if len(found) == 1 else None)
        warnings += done.warnings
        unread = max(done.unread, default=0.0)
        texts = [reply_text(r) for r in done.replies]
    if len(texts) > 1:
        warnings.append(f"the partial summaries did not merge into one in {MAX_ROUNDS} rounds: "
                        "they are joined")
    return [" ".join(texts)], unread, warnings


def _checked(text: str, model: ChatModel, asked: Prompt, found: Sequence[Window],
             options: ChatOptions, usage: Usage, language: str,
             written: int) -> tuple[str, str | None]:
    """The summary, asked once more (saying what is wrong, with the reply cut to its budget:
    `written` is the tokens it took) when it is empty, loops or is in the wrong script."""
    why = problem(text, source_tokens=1, output_tokens=len(text.split()), language=language,
                  check_ratio=False)
    if why is None or len(found) > 1:
        return text, why
    conversation = [*asked.messages(found[0].units),
                    Message("assistant", carried(text, written, options.max_tokens)),
                    Message("user",
                            f"That reply is not usable ({why}). Write the summary again, in "
                            f"{asked.values['language']}, as plain prose.")]
    if model.count_tokens(conversation) + options.max_tokens > model.context_tokens:
        return text, why
    again = " ".join(reply_text(ask(model, [conversation], options, usage).replies[0]).split())
    return again, problem(again, source_tokens=1, output_tokens=len(again.split()),
                          language=language, check_ratio=False)


def key_points(sentences: Sequence[Sentence], model: ChatModel, *, language: str, n: int,
               source_language: str, prompts_dir: str | Path | None = None,
               terms: Sequence[tuple[str, str]] = ()) -> Written:
    """Up to n key points in `language`, each with the
    ids of the article sentences that state it."""
    options = ChatOptions(max_tokens=TOKENS_PER_POINT * max(n, 1) + 64, json=True)
    units = _units(sentences)
    if n <= 0 or not units:
        why = () if n <= 0 else ("no key points: the article is empty",)
        return Written("", Coverage(0, 0, windows=0), why, False, {}, options)
    usage = Usage()
    asked = prompt("keypoints", language, n=n, prompts_dir=prompts_dir, terms=terms)
    found = plan(units, model, asked, options.max_tokens)
    first = ask(model, [asked.messages(w.units) for w in found], options, usage)
    source = prepare(" ".join(s.text for s in sentences), tuple(s.text for s in sentences))
    aligned = lambda text: [sentences[i].id  # noqa: E731 - ids best first
                            for i in align(source, text)]
    pooled, warnings = _read_all(first, found, asked, model, options, usage, n, aligned)
    by_id = {s.id: s for s in sentences}
    kept: list[KeyPoint] = []
    for p in sorted(_choose(pooled, sentences, source_language, n), key=lambda p: p.evidence):
        why = problem(p.text, source_tokens=1, output_tokens=1, language=language,
                      check_ratio=False)
        kept.append(KeyPoint(p.text, p.evidence, tuple(by_id[i].text for i in p.evidence),
                             why is not None))
        if why:
            warnings.append(f"point {len(kept)}: {why}; do not use it unreviewed")
    if len(kept) < n:
        warnings.append(f"only {len(kept)} distinct key points of the {n} asked for")
    return Written("", _coverage(found, first), tuple([*first.warnings, *warnings]), False,
                   usage.as_dict(), options, tuple(kept))


def _read_all(first: Asked, found: Sequence[Window], asked: Prompt, model: ChatModel,
              options: ChatOptions, usage: Usage, n: int, aligned: Callable[[str], list[int]]
              ) -> tuple[list[json_points.Point], list[str]]:
    """Every window's points: a reply whose JSON is invalid is asked again once with what is wrong;
    still invalid, its points are aligned to the article's sentences."""
    read = [json_points.read(reply_text(r), w.ids, n) for r, w in zip(first.replies, found)]
    wrong = [k for k, (_, errors) in enumerate(read) if errors]
    retry = {k: [*asked.messages(found[k].units),
                 Message("assistant", carried(reply_text(first.replies[k]),
                                               first.replies[k].completion_tokens,
                                               options.max_tokens)),
                 Message("user", json_points.again(read[k][1], n))] for k in wrong}
    retry = {k: c for k, c in retry.items()
             if model.count_tokens(c) + options.max_tokens <= model.context_tokens}
    again = dict(zip(retry,
                     ask(model, list(retry.values()), options, usage).replies)) if retry else {}
    pooled: list[json_points.Point] = []
    warnings: list[str] = []
    for k, (got, errors) in enumerate(read):
        text = reply_text(again[k]) if k in again else reply_text(first.replies[k])
        if errors and k in again:
            got, errors = json_points.read(text, found[k].ids, n)
        if errors:
            got, dropped = json_points.salvage(text, found[k].ids, n, aligned)
            warnings.append("the model's JSON was invalid "
                            f"({errors[0]}){' after asking again' if k in again else ''}: "
                            "its points' evidence was found by alignment"
                            + (f", {dropped} point(s) matched no sentence" if dropped else ""))
        pooled += got
    return pooled, warnings


def _choose(pooled: Sequence[json_points.Point], sentences: Sequence[Sentence], language: str,
            n: int) -> list[json_points.Point]:
    """Distinct points, the n whose evidence is most salient when there are more."""
    distinct: list[json_points.Point] = []
    for p in pooled:
        if not any(near_duplicate(p.text, q.text) for q in distinct):
            distinct.append(p)
    if len(distinct) <= n:
        return distinct
    place = {sid: k for k, (sid, _) in enumerate(rank(sentences, language))}
    return sorted(distinct, key=lambda p: min(place.get(i, len(place)) for i in p.evidence))[:n]

