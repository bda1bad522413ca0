"""Abstractive summaries: whole-article coverage through map → reduce, explicit lengths, flagged failures."""

from __future__ import annotations

import dataclasses

import pytest

from summarize.errors import UnsupportedLanguageError, UsageError
from summarize.models.base import Generated, Seq2SeqModel
from summarize.models.loader import load_model
from summarize.models.registry import DEFAULTS, KEYPOINTS_EN, SUMMARY_AR, SUMMARY_EN, ModelSpec
from summarize.quality import STRICT
from summarize.records import Sentence
from summarize.segment import sentences, split_paragraphs
from summarize.summary import LENGTHS, SummaryOutput, summarize, summary_options

from .conftest import AR_SAMPLE, EN_SAMPLE

pytestmark = pytest.mark.filterwarnings("ignore:Unfeasible length constraints")

EN_TEXT = EN_SAMPLE.read_text(encoding="utf-8")
AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")


def article(text: str) -> tuple[Sentence, ...]:
    return sentences(split_paragraphs(text))


def long_english(words: int = 6000) -> tuple[Sentence, ...]:
    """The English sample repeated, each copy's sentences varied, until it has `words` words."""
    lines, k = [], 0
    while sum(len(line.split()) for line in lines) < words:
        k += 1
        lines += [f"{line} Update {k}." if line.strip() else line for line in EN_TEXT.splitlines()]
    return article("\n".join(lines))


# ------------------------------------------------------------------------------------------------
# Models: tiny random ones (loaded once per session) and a fake with a word tokenizer.
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def bart(tiny) -> Seq2SeqModel:
    return load_model(SUMMARY_EN, str(tiny["bart"]), backend="transformers")


@pytest.fixture(scope="session")
def mt5(tiny) -> Seq2SeqModel:
    return load_model(SUMMARY_AR, str(tiny["mt5"]), backend="transformers")


@pytest.fixture(scope="session")
def t5(tiny) -> Seq2SeqModel:
    return load_model(KEYPOINTS_EN, str(tiny["t5"]), backend="transformers")


def quick(monkeypatch, model: Seq2SeqModel, *, limit: int | None = None, new_tokens: int = 16) -> list:
    """Few new tokens, one batch, an optional lower input limit; returns the list of generate calls."""
    generation = {**model.spec.generation, "max_new_tokens": new_tokens, "min_new_tokens": 0}
    monkeypatch.setattr(model, "spec", dataclasses.replace(model.spec, generation=generation))
    monkeypatch.setattr(model, "batch_tokens", 1_000_000)
    if limit is not None:
        monkeypatch.setattr(model, "max_input_tokens", limit)
    calls: list[tuple[list[str], object]] = []
    real = model.generate

    def spy(texts, options, **kwargs):
        calls.append((list(texts), options))
        return real(texts, options, **kwargs)

    monkeypatch.setattr(model, "generate", spy)
    return calls


class WordTokenizer:
    """One id per word plus an end token: enough for counting."""

    model_max_length = int(1e30)  # like tokenizers that declare no limit
    all_special_ids = [0]

    def __call__(self, texts):
        return {"input_ids": [[5] * len(t.split()) + [0] for t in texts]}


class FakeModel(Seq2SeqModel):
    """Replies with `reply(input)` to every input and records each call."""

    backend = "fake"

    def __init__(self, reply, *, limit: int = 60, family: str = "bart", generation=None) -> None:
        spec = ModelSpec("fake/model", family=family, max_input_tokens=limit, reads_arabic=family != "t5",
                         generation=generation if generation is not None else DEFAULTS[SUMMARY_EN].generation)
        super().__init__(spec, WordTokenizer(), role=SUMMARY_EN, revision=None, batch_tokens=4096)
        self.reply = reply if callable(reply) else (lambda _text: reply)
        self.calls: list[tuple[list[str], object]] = []

    def generate(self, texts, options, *, src=None, tgt=None):
        self.calls.append((list(texts), options))
        outs = []
        for text in texts:
            reply, n = self.reply(text), self.count_tokens(text)
            outs.append(Generated(reply, n, min(n, self.max_input_tokens), len(reply.split())))
        return outs

    def _generate_ids(self, batch, target_prefix, options, max_new_tokens):
        raise AssertionError("generate is faked")


def main_calls(calls):
    """Generate calls other than the stricter retries."""
    return [texts for texts, options in calls if options.repetition_penalty != STRICT["repetition_penalty"]]


# ------------------------------------------------------------------------------------------------
# Lengths and decoding options.
# ------------------------------------------------------------------------------------------------


def test_presets_keep_the_spec_defaults_and_always_give_explicit_lengths():
    distilbart = DEFAULTS[SUMMARY_EN]
    medium = summary_options(distilbart, "medium")
    assert (medium.min_new_tokens, medium.max_new_tokens) == (56, 142)  # the card's own setting
    assert (medium.num_beams, medium.no_repeat_ngram_size, medium.length_penalty) == (4, 3, 2.0)
    xlsum = DEFAULTS[SUMMARY_AR]
    for spec in (distilbart, xlsum, ModelSpec("no/lengths", family="t5")):
        short, med, long = (summary_options(spec, key) for key in ("short", "medium", "long"))
        assert 0 < short.max_new_tokens < med.max_new_tokens < long.max_new_tokens
        assert all(o.min_new_tokens <= o.max_new_tokens and o.ratio is None for o in (short, med, long))
    xl = summary_options(xlsum, "medium")
    assert (xl.max_new_tokens, xl.no_repeat_ngram_size, xl.length_penalty, xl.min_new_tokens) == (84, 2, 0.6, 0)
    bare = summary_options(ModelSpec("no/lengths", family="t5"), "long")
    assert bare.max_new_tokens == LENGTHS["long"].max_new_tokens
    assert summary_options(distilbart, "short", beams=1).num_beams == 1


def test_unknown_length_is_a_usage_error():
    with pytest.raises(UsageError, match="short, medium, long"):
        summary_options(DEFAULTS[SUMMARY_EN], "huge")


# ------------------------------------------------------------------------------------------------
# Whole-article reading with the tiny models.
# ------------------------------------------------------------------------------------------------


def test_6000_word_article_is_read_whole_in_fitting_windows_then_reduced(bart, monkeypatch):
    doc = long_english()
    assert sum(len(s.text.split()) for s in doc) >= 6000
    limit = 256
    calls = quick(monkeypatch, bart, limit=limit)
    out = summarize(doc, bart, language="en", length="short", beams=1)
    assert isinstance(out, SummaryOutput) and isinstance(out.text, str)
    assert out.coverage.complete and out.coverage.ratio == 1.0 and out.coverage.tokens_total > 20 * limit
    assert out.coverage.windows > 20
    main = main_calls(calls)
    assert len(main[0]) == out.coverage.windows  # every map window in one batched call
    assert len(main) >= 2 and len(main[-1]) == 1  # reduced, down to one text
    assert not set(main[1]) & set(main[0])  # the reduce reads partial summaries, not the article
    for texts, _ in calls:
        assert all(bart.count_tokens(t) <= limit for t in texts)
    # The map windows hold every sentence, in order.
    joined = " ".join(main[0])
    assert all(s.text in joined for s in doc[:50])


def test_short_article_with_a_large_enough_limit_is_one_window(mt5, monkeypatch):
    doc = article(AR_TEXT)
    total = mt5.count_tokens(" ".join(s.text for s in doc))
    calls = quick(monkeypatch, mt5, limit=total + 64)
    monkeypatch.setattr(mt5, "spec", dataclasses.replace(mt5.spec, collapse_whitespace=True))
    out = summarize(doc, mt5, language="ar", length="short", beams=1)
    assert out.coverage.windows == 1 and out.coverage.complete
    assert out.coverage.tokens_read == out.coverage.tokens_total > 1000
    main = main_calls(calls)
    assert len(main) == 1 and len(main[0]) == 1  # no reduce for one window
    assert "\n" not in main[0][0]  # XL-Sum models read one line
    assert out.flagged == any("unreviewed" in w for w in out.warnings)


def test_short_english_article_fits_bart_in_one_window_with_paragraphs_kept(bart, monkeypatch):
    doc = article(EN_TEXT)[:6]
    calls = quick(monkeypatch, bart)
    out = summarize(doc, bart, language="en", length="long", beams=1)
    assert out.coverage.windows == 1 and out.coverage.complete
    [[text]] = main_calls(calls)
    assert text.count("\n") == len({s.paragraph for s in doc}) - 1
    assert all(s.text in text for s in doc)


def test_english_only_model_given_arabic_raises_a_clear_error(t5):
    with pytest.raises(UnsupportedLanguageError, match="cannot read Arabic"):
        summarize(article(AR_TEXT), t5, language="ar", length="short")
    with pytest.raises(UnsupportedLanguageError):  # Arabic text, whatever the label says
        summarize(article(AR_TEXT), t5, language="en", length="short")


def test_instruction_model_gets_the_summary_prompt_within_its_limit(t5, monkeypatch, tmp_path):
    (tmp_path / "summary.en.txt").write_text("MY PROMPT\n$passage\n", encoding="utf-8")
    calls = quick(monkeypatch, t5, limit=200)
    out = summarize(article(EN_TEXT), t5, language="en", length="short", beams=1, prompts_dir=tmp_path)
    assert out.coverage.windows > 1 and out.coverage.complete
    for texts, _ in calls:
        assert all(t.startswith("MY PROMPT\n") and t5.count_tokens(t) <= 200 for t in texts)


# ------------------------------------------------------------------------------------------------
# Map → reduce and degenerate output, with a fake model.
# ------------------------------------------------------------------------------------------------


def test_reduce_is_recursive_until_one_text_remains():
    model = FakeModel(lambda text: " ".join(f"w{i}" for i in range(min(20, len(text.split())))) + ".", limit=60)
    doc = long_english(3000)
    out = summarize(doc, model, language="en", length="medium")
    main = main_calls(model.calls)
    assert len(main) >= 3 and len(main[-1]) == 1  # map, then more than one reduce round
    assert [len(texts) for texts in main] == sorted((len(t) for t in main), reverse=True)
    assert out.coverage.complete and out.coverage.windows == len(main[0]) and not out.flagged
    assert all(model.count_tokens(t) <= 60 for texts, _ in model.calls for t in texts)


def test_windows_overlap_but_every_sentence_is_read():
    model = FakeModel("A fine summary of this part.", limit=60)
    doc = long_english(1000)
    out = summarize(doc, model, language="en", length="short")
    windows = model.calls[0][0]
    assert out.coverage.windows == len(windows) > 1
    assert all(any(s.text in w for w in windows) for s in doc)
    assert sum(len(w.split()) for w in windows) > sum(len(s.text.split()) for s in doc)  # overlap


@pytest.mark.parametrize("reply", ["", "the the the the the the"])
def test_degenerate_output_is_retried_once_then_flagged(reply):
    model = FakeModel(reply, limit=2000)
    out = summarize(article(EN_TEXT), model, language="en", length="medium")
    assert out.flagged
    assert any("after a stricter retry" in w and "do not use it unreviewed" in w for w in out.warnings)
    assert len(model.calls) == 2 and model.calls[1][1].repetition_penalty == STRICT["repetition_penalty"]


def test_wrong_script_is_flagged():
    out = summarize(article(AR_TEXT), FakeModel("An English sentence about it.", limit=2000), language="ar",
                    length="short")
    assert out.flagged and any("arabic script" in w for w in out.warnings)


def test_good_output_is_not_flagged_and_empty_article_says_so():
    out = summarize(article(EN_TEXT), FakeModel("Russia and Syria talk.", limit=2000), language="en", length="short")
    assert (out.text, out.flagged, out.warnings, out.coverage.windows) == ("Russia and Syria talk.", False, (), 1)
    empty = summarize((), FakeModel("x"), language="en", length="short")
    assert empty.text == "" and empty.coverage.tokens_total == 0 and empty.warnings
