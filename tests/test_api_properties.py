"""The library's entry points take any text: a result record, or a documented SummarizeError, never another exception."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import summarize
from summarize.errors import SummarizeError
from summarize.records import RunResult, Translation

from .corpus import find

REAL = find("en/001-*.txt").read_text(encoding="utf-8")
PIECES = st.sampled_from([REAL[:400], "القاهرة - قال الوزير إن 5.30 مساءً موعد الاجتماع.", "/etc", "~", "http://",
                          "a/b", "\n", "\x00", "‏", "٣٫٥", "«", '"', "...", "5.30pm", " "])
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=8).map("".join))
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=TEXTS)
@example(text="http://http:\n")  # once "http://http:\n: not a valid URL", two lines (found by chance)
def test_run_takes_any_text(text):
    try:
        result = summarize.run(text, method="extractive", points=2)
    except SummarizeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(result, RunResult) and all(set(p.evidence) <= {s.id for s in result.sentences}
                                                  for p in result.key_points)


@SETTINGS
@given(text=TEXTS, to=st.sampled_from(["ar", "en"]))
def test_translate_takes_any_text(fake_models, text, to):
    try:
        result = summarize.translate(text, to=to, model="fake/echo", beams=1)
    except SummarizeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(result, Translation) and result.target_language == to


@SETTINGS
@given(text=TEXTS)
def test_detect_takes_any_text(text):
    found = summarize.detect(text)
    assert found.language and 0.0 <= found.confidence <= 1.0
