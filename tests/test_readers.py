import codecs
import io

import pytest

from summarize import read
from summarize.errors import InputError, UsageError
from summarize.readers import decode, expand_inputs, normalise, read_article

from .conftest import AR_SAMPLE, EN_SAMPLE, HTML_SAMPLE

AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name,data",
    [
        ("utf8", AR_TEXT.encode("utf-8")),
        ("utf8-bom", codecs.BOM_UTF8 + AR_TEXT.encode("utf-8")),
        ("utf16-le", AR_TEXT.encode("utf-16")),
        ("utf16-be", codecs.BOM_UTF16_BE + AR_TEXT.encode("utf-16-be")),
        ("cp1256", AR_TEXT.replace("\u2019", "'").encode("cp1256")),
        ("iso8859-6", AR_TEXT.replace("\u2019", "'").encode("iso8859_6", errors="strict")),
    ],
)
def test_every_encoding_of_the_arabic_article_reads_as_the_same_text(tmp_path, name, data):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    assert read(path).text == normalise(AR_TEXT).strip("\n")


def test_legacy_code_pages_are_told_apart():
    sentence = "قال وزير الخارجية السوري إن العلاقة مع روسيا استراتيجية"
    assert decode(sentence.encode("cp1256"))[1] == "cp1256"
    assert decode(sentence.encode("iso8859_6"))[1] == "iso8859_6"


def test_forced_encoding_wins_and_bad_names_are_usage_errors():
    data = "café".encode("latin-1")
    assert decode(data, "latin-1") == ("café", "latin-1")
    with pytest.raises(UsageError):
        decode(data, "no-such-codec")
    with pytest.raises(InputError, match="cannot decode as utf-8"):
        decode(b"\xff\xfe\xfa", "utf-8")


def test_normalisation_keeps_every_word():
    raw = "\u200fقال\u200e الوزير\r\nإن \u202bالسلام\u202c ممكن\rثم غادر. e\u0301te\ufeff"
    out = normalise(raw)
    assert out == "قال الوزير\nإن السلام ممكن\nثم غادر. \u00e9te"
    assert out.split() == [w for w in out.split()]  # nothing merged or lost
    assert len(out.split()) == len(raw.split())


@pytest.mark.parametrize(
    "data,reason",
    [(b"", "empty input"), (b"  \n\t\n", "empty input"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file")],
)
def test_empty_and_binary_inputs_are_input_errors(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason) as info:
        read(path)
    assert info.value.source == str(path)


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.txt")


def test_stdin_is_read_from_an_injected_stream():
    article = read_article("-", stdin=io.BytesIO("Hello, world.\n".encode()))
    assert (article.source, article.text) == ("-", "Hello, world.")


def test_html_page_gives_article_text_title_and_date_without_boilerplate():
    article = read(HTML_SAMPLE)
    assert article.kind == "html"
    assert article.title.startswith("Syrian-Russian Relations")
    assert article.date == "2025-10-14"
    assert "$130 million" in article.text and "Hmeimim airbase in Latakia" in article.text
    for boilerplate in ("Privacy", "Gold prices rise", "All rights reserved", "Contact us"):
        assert boilerplate not in article.text
    # every paragraph of the story survives extraction
    for line in EN_SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            assert line.strip().replace("\u2019", "'")[:60] in article.text.replace("\u2019", "'")


def test_directories_are_walked_recursively_and_other_files_skipped(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "b" / "two.md").write_text("x")
    (tmp_path / "a" / "b" / "three.HTML").write_text("x")
    (tmp_path / "a" / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    refs, skipped = expand_inputs([str(tmp_path / "a")])
    assert [r.relpath for r in refs] == ["one.txt", "b/three.HTML", "b/two.md"]
    assert {s.path: s.reason for s in skipped} == {str(tmp_path / "a" / "photo.jpg"): "not an article file (.jpg)",
                                                   str(tmp_path / "a" / ".hidden.txt"): "hidden file"}
