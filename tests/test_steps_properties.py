"""The steps between reading and writing, on any text: summary, key points, translation, output checks, Arabic
folding, prompts. Each gives a result (or its documented error), never another exception. The model is the fake
echo model registered through the real registry: every step but the weights runs."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize import arabic, prompts, quality
from summarize.errors import SummarizeError
from summarize.keypoints import clean_point, key_points, near_duplicate
from summarize.models.loader import ModelPool
from summarize.segment import sentences, split_paragraphs
from summarize.summary import summarize
from summarize.translate import translate_texts, translation_options

from .corpus import find

REAL = {lang: find(f"{lang}/001-*.txt").read_text(encoding="utf-8")[:600] for lang in ("ar", "en")}
PIECES = st.sampled_from([REAL["ar"], REAL["en"], "5.30pm", "٣٫٥", "«", "...", "\n\n", "\u200f", "$", "${passage}",
                          "# ", "- ", "ـــ", "ًٌٍ", "\x00", "🙂", "Dr. ", "د. "])
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=8).map("".join))
LANG = st.sampled_from(["ar", "en"])
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def echo():
    from .fake_model import register_fakes, unregister_fakes

    register_fakes()
    yield ModelPool(backend="transformers").get("summary:en", "fake/echo")
    unregister_fakes()


@SETTINGS
@given(text=TEXTS, language=LANG)
def test_summary_and_key_points_of_any_text(echo, text, language):
    sents = sentences(split_paragraphs(text))
    try:
        summary = summarize(sents, echo, language=language, length="short", beams=1)
        points = key_points(sents, echo, language=language, n=3, beams=1)
    except SummarizeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(summary.text, str) and len(points.points) <= 3
    assert all(set(p.evidence) <= {s.id for s in sents} for p in points.points)


@SETTINGS
@given(text=TEXTS, src=LANG)
def test_translation_of_any_text_keeps_every_paragraph(echo, text, src):
    tgt = "en" if src == "ar" else "ar"
    [done] = translate_texts([("t.txt", text)], echo, src, tgt, translation_options(1))
    assert done.source_language == src and done.target_language == tgt
    assert [p.source for p in done.paragraphs] == [p.text for p in split_paragraphs(text)]  # none dropped


@given(text=TEXTS, other=TEXTS, language=st.sampled_from(["ar", "en", None]))
def test_output_checks_take_any_text(text, other, language):
    assert quality.repetition(text) is None or isinstance(quality.repetition(text), str)
    assert quality.wrong_script(text, language) is None or isinstance(quality.wrong_script(text, language), str)
    why = quality.problem(text, source_tokens=len(other.split()), output_tokens=len(text.split()), language=language)
    assert why is None or isinstance(why, str)
    assert isinstance(clean_point(text), str) and isinstance(near_duplicate(text, other), bool)


@given(text=TEXTS)
def test_arabic_folding_keeps_its_map_and_shares(text):
    folded, where = arabic.mapped(text, lambda ch: arabic.fold_letters(arabic.strip_marks(ch)))
    assert len(where) == len(folded) + 1 and where[-1] == len(text) and all(0 <= i <= len(text) for i in where)
    shares = arabic.script_shares(text)
    assert all(0.0 <= v <= 1.0 for v in shares.values())
    scripted = any(map(arabic.script, text))
    assert sum(shares.values()) == pytest.approx(1.0) if scripted else not any(shares.values())
    assert arabic.letters(text + "bبَ٣ ٫.") == arabic.letters(text) + 2  # letters of any script, not digits or marks
    assert arabic.ascii_digits(text).count("٣") == 0
    assert arabic.dominant(text) == ("ar" if shares["arabic"] > shares["latin"] else "en")


@given(value=TEXTS, language=LANG, task=st.sampled_from(["summary", "keypoint"]))
def test_a_prompt_takes_any_passage_as_written(value, language, task):
    template = prompts.load(task, language, fallback=True)
    filled = prompts.render(template, passage=value, n=3, language=language)
    assert value in filled  # a $ or ${...} in the article is text, not a placeholder
