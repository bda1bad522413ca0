import io
import json

from pathlib import Path

import pytest

from summarize.errors import UsageError
from summarize.records import DetectResult
from summarize.writers import Sink, mirrored_path, write_atomic


def result(source, lang="ar"):
    return DetectResult(source, lang, 1.0, True, True, {"arabic": 1.0, "latin": 0.0, "other": 0.0}, ("قال",), "utf-8")


def test_json_is_utf8_with_arabic_unescaped_one_object_for_one_input():
    out = io.StringIO()
    sink = Sink("json", stdout=out)
    sink.add(result("a.txt"))
    sink.close()
    assert "قال" in out.getvalue() and "\\u" not in out.getvalue()
    assert json.loads(out.getvalue())["source"] == "a.txt"


def test_json_for_several_inputs_is_an_array_and_jsonl_a_line_each():
    out = io.StringIO()
    sink = Sink("json", stdout=out, several=True)
    for name in ("a", "b"):
        sink.add(result(name))
    sink.close()
    assert [d["source"] for d in json.loads(out.getvalue())] == ["a", "b"]
    out = io.StringIO()
    sink = Sink("jsonl", stdout=out, several=True)
    sink.add(result("a"))
    assert len(out.getvalue().splitlines()) == 1  # written as soon as the input completes
    sink.add(result("b"))
    sink.close()
    assert [json.loads(line)["source"] for line in out.getvalue().splitlines()] == ["a", "b"]


def test_directory_output_mirrors_relative_paths(tmp_path):
    sink = Sink("json", stdout=io.StringIO(), output=str(tmp_path / "out"), several=True)
    sink.add(result("x/a.txt"), mirrored_path(tmp_path / "out", "a.txt", "json"))
    sink.add(result("x/sub/b.md"), mirrored_path(tmp_path / "out", "sub/b.md", "json"))
    sink.close()
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in sink.written) == ["a.txt.json", "sub/b.md.json"]
    assert json.loads((tmp_path / "out" / "sub" / "b.md.json").read_text())["source"] == "x/sub/b.md"


def test_mirrored_names_keep_the_input_name():
    assert mirrored_path(Path("o"), "a.txt", "text") == Path("o/a.txt")
    assert mirrored_path(Path("o"), "a.txt", "json") != mirrored_path(Path("o"), "a.html", "json")


@pytest.mark.parametrize("rel", ["../escape.txt", "/etc/passwd", "a/../../b.txt"])
def test_directory_output_never_writes_outside(tmp_path, rel):
    with pytest.raises(UsageError, match="outside"):
        mirrored_path(tmp_path, rel, "json")


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "d" / "f.txt"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]
