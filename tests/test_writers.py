import io
import json
from html.parser import HTMLParser

from pathlib import Path

import pytest

from summarize.errors import UsageError
from summarize.records import DetectResult
from summarize.writers import Sink, mirrored_path, render, write_atomic


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


def test_every_result_kind_is_reviewed_through_one_protocol(capsys):
    """Console, manifest and progress line read any result through `review()`, never by sniffing attributes."""
    from dataclasses import replace

    from summarize.batch.run import models_used
    from summarize.cli.console import Console, review_result
    from summarize.config import Settings
    from summarize.records import Bilingual, Coverage, ModelInfo, ParagraphPair, SentencePair, Translation, VerifyResult
    from summarize.verify import Finding

    info = ModelInfo("translation", "org/mt", "abc123", "transformers", "marian")
    found = (Finding("number", "5", "not in the source", "warning"),)
    pairs = (ParagraphPair(0, "", "text", "مرحبا.", "Hello."),), (SentencePair(0, 0, "مرحبا.", "Hello."),)
    translation = Translation("t.txt", "ar", "en", "Hello.", *pairs, info, Coverage(5, 10), ("w",), "a note", found)
    bilingual = Bilingual(translation)
    assert bilingual.source == "t.txt" and bilingual.review() == translation.review()
    seen = translation.review()
    assert (seen.coverage, seen.findings, seen.warnings, seen.sentences, seen.note) == (
        {"model": Coverage(5, 10)}, found, ("w",), 1, "a note")
    assert models_used(bilingual) == {"org/mt": "abc123"}
    review = review_result(Console(), Settings())
    assert review(bilingual) == 7  # the model read half its input
    err = capsys.readouterr().err
    assert "t.txt: a note" in err and "read 50% of its input" in err and "1 number not backed" in err
    assert "warning: number '5' not backed by the source: not in the source" in err and "  w\n" in err
    assert "see the output" not in err  # a translation's text is the article alone: its notes are on stderr
    review_result(Console(), Settings(format="json"))(bilingual)
    err = capsys.readouterr().err
    assert "see the output" in err and "'5'" not in err  # the JSON holds them
    review(replace(translation, findings=(), warnings=(), note=None))
    assert capsys.readouterr().err.endswith("t.txt: the model read 50% of its input\n")  # all there is to say
    assert review(result("d.txt")) == 0 and result("d.txt").review().models == ()
    verified = VerifyResult("v.txt", "out", (Finding("date", "1990", "not in the source"),), {"dates": 1})
    assert review_result(Console(), Settings(), strict=True)(verified) == 8
    for record in (result("d.txt"), verified, translation, bilingual):
        assert render(record, "text").endswith("\n") and record.review().source == record.source



class _Tags(HTMLParser):
    """Open and close tags of an html rendering, with the attributes of each opened one."""

    VOID = {"meta", "br"}

    def __init__(self):
        super().__init__()
        self.opened, self.stack, self.balanced = [], [], True

    def handle_starttag(self, tag, attrs):
        self.opened.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        self.balanced = self.balanced and bool(self.stack) and self.stack.pop() == tag


def tags(html):
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert parser.balanced and not parser.stack, html
    return parser.opened


def test_html_shows_a_run_right_to_left_with_each_point_and_its_evidence(tmp_path):
    import summarize
    from summarize.cli import app
    from typer.testing import CliRunner

    from .conftest import AR_SAMPLE

    result = summarize.run(AR_SAMPLE, method="extractive", points=3)
    html = render(result, "html")
    opened = tags(html)
    assert ("article", {"lang": "ar", "dir": "rtl"}) in opened
    assert sum(tag == "li" for tag, _ in opened) == len(result.key_points) == 3
    for point in result.key_points:
        assert f"[sentences {', '.join(map(str, point.evidence))}]" in html
    assert sum(attrs == {"lang": "ar", "dir": "rtl"} for tag, attrs in opened if tag == "blockquote") == 3
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["run", str(AR_SAMPLE), str(AR_SAMPLE.with_name("khaberni-syria-russia.en.txt")),
                                 "--method", "extractive", "-f", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.glob("*.html")) == ["khaberni-syria-russia.ar.txt.html",
                                                          "khaberni-syria-russia.en.txt.html"]
    english = (out / "khaberni-syria-russia.en.txt.html").read_text(encoding="utf-8")
    assert ("article", {"lang": "en", "dir": "ltr"}) in tags(english)


def test_html_escapes_markup_in_the_article():
    html = render(result("<script>alert(1)</script>.txt", "ar"), "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert [tag for tag, _ in tags(html)] == ["meta", "title", "article", "h1", "ul", "li", "li", "li", "li"]
