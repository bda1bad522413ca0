"""The input types are one table (summarize/readers/kinds.py): every row is reached by its suffixes and
content types, and a row registered later is picked up by folder walks, files, URLs and extraction."""

from __future__ import annotations

import codecs
import inspect
import re
from pathlib import Path

import pytest

from summarize import records
from summarize.errors import InputError, UsageError
from summarize.readers import article_from_bytes, expand_inputs, kinds, read_article

from .http_fixture import Server

EN = ("The minister met reporters in the capital on Monday and said the talks would go on next week. "
      "Officials from both sides described the meeting as useful, and a second round is planned.")
README = Path(__file__).resolve().parent.parent / "README.md"


def _rot13(text: str, source: str) -> kinds.Extracted:
    return kinds.Extracted(codecs.decode(text, "rot13"), title="rot13")


@pytest.fixture
def rot13(monkeypatch):
    """A dummy input type registered through the real table (and taken out again after the test)."""
    monkeypatch.setattr(kinds, "READERS", dict(kinds.READERS))
    return kinds.register(kinds.Reader("rot13", (".rot",), ("text/x-rot13",), _rot13))


@pytest.mark.parametrize("name", sorted(kinds.READERS))
def test_every_row_is_reached_by_its_suffixes_and_content_types(name, tmp_path, monkeypatch):
    reader = kinds.READERS[name]
    assert reader.suffixes and reader.media
    for suffix in reader.suffixes:
        assert kinds.kind_of_file(suffix) == kinds.kind_of_file(suffix.upper()) == name
    for media in reader.media:
        assert kinds.kind_of_media(media) == name
    # A file of each suffix is extracted by this row's function and no other.
    seen = []
    monkeypatch.setitem(kinds.READERS, name, kinds.Reader(
        name, reader.suffixes, reader.media, lambda data, source: seen.append(source) or kinds.Extracted(EN),
        binary=reader.binary, sniff=reader.sniff))
    for suffix in reader.suffixes:
        (tmp_path / f"a{suffix}").write_text(EN, encoding="utf-8")
        article = read_article(str(tmp_path / f"a{suffix}"))
        assert article.kind == name and article.text == EN
    assert seen == [str(tmp_path / f"a{suffix}") for suffix in reader.suffixes]


@pytest.mark.parametrize("name", sorted(n for n, r in kinds.READERS.items() if r.binary))
def test_a_binary_rows_reader_loads_and_refuses_what_is_not_of_its_kind(name):
    """The lazy import behind a binary row works: its reader runs and says the bytes are not of its kind."""
    with pytest.raises(InputError) as caught:
        article_from_bytes(b"not really a file of this kind " * 4, source="x", kind=name)
    assert caught.value.source == "x"


def test_the_default_kind_and_what_no_row_claims():
    assert kinds.DEFAULT in kinds.READERS
    assert kinds.kind_of_file("") == kinds.kind_of_file(".log") == kinds.DEFAULT
    assert kinds.kind_of_media("text/csv") == kinds.DEFAULT  # any other text/* reads as text
    assert kinds.kind_of_media("image/png") is None
    with pytest.raises(UsageError, match="unknown input kind 'odt'"):
        article_from_bytes(EN.encode(), source="x", kind="odt")


def test_only_text_of_the_default_kind_is_sniffed():
    page = b"<!doctype html><html><body><article><p>" + EN.encode() + b"</p></article></body></html>"
    assert article_from_bytes(page, source="x").kind == "html"
    with pytest.raises(InputError, match="markup"):  # Markdown is taken as written, never as a page
        article_from_bytes(page, source="x", kind="markdown")


def test_a_registered_kind_is_walked_read_and_fetched(rot13, tmp_path):
    (tmp_path / "story.rot").write_text(codecs.encode(EN, "rot13"), encoding="utf-8")
    (tmp_path / "notes.odt").write_bytes(b"x")
    refs, skipped = expand_inputs([str(tmp_path)])
    assert [r.relpath for r in refs] == ["story.rot"]
    assert [s.reason for s in skipped] == ["not an article file (.odt)"]
    article = read_article(refs[0])
    assert (article.kind, article.text, article.title) == ("rot13", EN, "rot13")
    with Server() as srv:
        srv.table["/story"] = (200, {"Content-Type": "text/x-rot13"}, codecs.encode(EN, "rot13").encode())
        article = read_article(srv.url("/story"))
    assert (article.kind, article.text) == ("rot13", EN)


def test_a_registered_binary_kind_gets_the_raw_bytes(monkeypatch):
    monkeypatch.setattr(kinds, "READERS", dict(kinds.READERS))
    kinds.register(kinds.Reader("reversed", (".rev",), ("application/x-reversed",),
                                lambda data, source: kinds.Extracted(data[::-1].decode()), binary=True))
    article = article_from_bytes(EN.encode()[::-1], source="x", kind="reversed")
    assert (article.kind, article.encoding, article.text) == ("reversed", "reversed", EN)


def test_the_kinds_records_names_are_rows():
    """Every kind records.Article.kind's comment names is a row (a new row need not touch records.py)."""
    line = next(s for s in inspect.getsource(records.Article).splitlines() if re.match(r"\s*kind: str", s))
    named = [n.strip() for n in line.partition("READERS, as")[2].split("|")]
    assert named and set(named) <= set(kinds.READERS)


def test_readme_inputs_name_every_suffix():
    inputs = README.read_text(encoding="utf-8").split("## Inputs", 1)[1].split("\n## ", 1)[0]
    for reader in kinds.READERS.values():
        for suffix in reader.suffixes:
            assert f"`{suffix}`" in inputs, suffix
