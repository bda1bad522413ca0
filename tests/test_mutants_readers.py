"""readers: behaviour that survived mutation testing (issue 23, benchmarks/mutation_bench.py), each pinned here."""

import io

import docx
import pytest

from summarize.errors import InputError
from summarize.readers import article_from_bytes, read_article
from summarize.readers.files import read_file, too_large
from summarize.readers.text import garbage_reason


def _refused(read) -> tuple[str, str]:
    with pytest.raises(InputError) as caught:
        read()
    return str(caught.value), caught.value.source


def test_messages_name_the_problem_and_the_input():
    assert _refused(lambda: article_from_bytes(b"hello world\x00 more text here", source="x.txt")) == (
        "x.txt: binary file (contains NUL bytes), not a text article", "x.txt")
    for data in (b"\xff\xfe\x00\xd8ab", b"\xfe\xff\xd8\x00ab"):  # a lone surrogate after a UTF-16 byte order mark
        assert _refused(lambda: article_from_bytes(data, source="x.txt")) == (
            "x.txt: invalid UTF-16 at byte 2 despite its byte order mark", "x.txt")
    # the name shown escaped, one line; kept as given in `source`
    assert _refused(lambda: read_file("a\x00b")) == ("a\\x00b: not a file name: it holds a NUL character",
                                                      "a\x00b")
    assert str(too_large("big.txt", 5 * 1024 * 1024)) == "big.txt: too large (over 5 MB); an article is far smaller"


def test_half_letters_is_still_text_and_four_word_lines_are_not_link_labels():
    assert garbage_reason("ab12" * 10) is None  # 40 visible characters, 20 letters: not "mostly" symbols
    assert garbage_reason("12ab3" * 8) == "mostly symbols or numbers, not article text"
    labels = "Home About Us\nNews Sport Weather\nContact Us Help"
    assert garbage_reason(labels) == "looks like a site's navigation menu, not an article"
    assert garbage_reason("Home About Us Now\nNews Sport Weather Today\nContact Us Help Desk") is None


def test_a_line_break_inside_a_word_paragraph_is_read_as_one(tmp_path):
    document = docx.Document()
    run = document.add_paragraph().add_run("The council met on Monday to discuss the budget.")
    run.add_break()
    run.add_text("Members argued for hours.")
    document.save(tmp_path / "a.docx")
    assert read_article(str(tmp_path / "a.docx")).text == (
        "The council met on Monday to discuss the budget.\nMembers argued for hours.")


def test_two_menu_lines_of_thirty_visible_characters_are_a_navigation_menu():
    assert garbage_reason("Home | News | Sport\nWeather | Jobs | Ad") == (
        "looks like a site's navigation menu, not an article")  # 30 characters besides spaces
    assert garbage_reason("Home | News | Spor\nWeather | Jobs | Ad") is None  # 29: too little to judge


def test_stdin_that_cannot_be_read_is_an_input_error_naming_stdin():
    class Broken(io.BytesIO):
        def read(self, size=-1):
            raise OSError(5, "Input/output error")

    with pytest.raises(InputError) as caught:
        read_article("-", stdin=Broken())
    assert (str(caught.value), caught.value.source) == ("-: cannot read: Input/output error", "-")
