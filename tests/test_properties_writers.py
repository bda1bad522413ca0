"""Property-based: whatever text a result carries (any Unicode, controls, lone surrogates from file names that
were not UTF-8), every format renders it, JSON stays valid, and nothing reaches a terminal as a control code."""

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.errors import UsageError
from summarize.records import DetectResult, VerifyResult
from summarize.writers import FORMATS, Sink, dumps, mirrored_path, render, visible

TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=200)  # surrogates and controls included
SOME = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def detect_result(source: str, evidence: str) -> DetectResult:
    return DetectResult(source, "ar", 0.9, True, True, {"arabic": 0.9, "latin": 0.1, "other": 0.0}, (evidence,),
                        "utf-8")


@SOME
@given(source=TEXT, evidence=TEXT)
def test_every_format_renders_any_text(source, evidence):
    result = detect_result(source, evidence)
    for fmt in FORMATS:
        out = render(result, fmt)
        assert out.endswith("\n")
        out.encode("utf-8")  # writable to any UTF-8 stream: no lone surrogate left
        if fmt in ("json", "jsonl"):
            assert json.loads(out)["language"] == "ar"
        else:
            assert "\x1b" not in out and "\x07" not in out


@SOME
@given(output=TEXT)
def test_verify_results_render_and_dump(output):
    result = VerifyResult("src", output, (), {"numbers": 0})
    json.loads(dumps(result))
    assert "\x1b" not in render(result, "text")


@SOME
@given(text=TEXT)
def test_visible_keeps_line_breaks_and_drops_controls(text):
    shown = visible(text)
    assert shown.count("\n") == text.count("\n")
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in shown)


@SOME
@given(relpath=TEXT)
def test_output_names_stay_inside_the_folder_or_are_refused(tmp_path_factory, relpath):
    root = tmp_path_factory.getbasetemp() / "out"
    try:
        target = mirrored_path(root, relpath, "json")
    except (UsageError, ValueError):  # ValueError: a NUL in a name no file system takes
        return
    assert root.resolve() in target.resolve().parents or target.resolve() == root.resolve()


@SOME
@given(source=TEXT)
def test_stdout_sink_writes_any_result(source):
    result = detect_result(source, "x")
    for fmt in FORMATS:
        stream = io.StringIO()
        sink = Sink(fmt, stdout=stream, several=True)
        sink.add(result)
        sink.add(result)
        sink.close()
        out = stream.getvalue()
        out.encode("utf-8")  # no lone surrogate left
        if fmt == "json":  # several results: one JSON array
            assert json.loads(out) == [json.loads(render(result, "json"))] * 2
        elif fmt == "jsonl":  # one object a line
            lines = out.removesuffix("\n").split("\n")  # not splitlines: U+0085 and U+2028 stay inside a line
            assert [json.loads(line) for line in lines] == [json.loads(render(result, "jsonl"))] * 2
        else:  # each result rendered whole, nothing reaching a terminal as a control code
            assert out.count(render(result, fmt)) == 2 and "\x1b" not in out


def test_outputs_of_non_utf8_file_names_are_valid_json(tmp_path):
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")  # as os.listdir gives a Latin-1 name
    out = render(detect_result(str(Path(tmp_path) / name), "x"), "json")
    assert json.loads(out)["source"].endswith("caf\ufffd.txt")
