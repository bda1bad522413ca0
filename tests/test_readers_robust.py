"""Reading what users really feed the tool: binary tails, odd encodings, pipes, devices, odd names, garbage."""

import codecs
import io
import os
import socket
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.errors import InputError
from summarize.readers import (MAX_BYTES, READERS, article_from_bytes, decode, expand_inputs, garbage_reason,
                               normalise, printable, read_article)

from .conftest import AR_SAMPLE, EN_SAMPLE
from .data.news import ARABIC_NEWS, ENGLISH_NEWS, OTHER_LANGUAGES, SHORT_ARABIC, SHORT_ENGLISH

AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")
EN_TEXT = EN_SAMPLE.read_text(encoding="utf-8")


def _bad(tmp_path, data: bytes, match: str, name: str = "bad.txt") -> InputError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=match) as info:
        read_article(str(path))
    assert info.value.source == str(path)
    return info.value


def test_nul_bytes_after_the_first_8_kib_are_binary(tmp_path):
    _bad(tmp_path, EN_TEXT.encode() * 3 + b"\x00" + b"more text", "binary file")


def test_text_followed_by_binary_without_nul_is_binary(tmp_path):
    _bad(tmp_path, EN_TEXT.encode() * 2 + bytes(range(1, 256)) * 40, "binary file")


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_a_byte_order_mark_is_read_as_utf32(tmp_path, codec):
    bom = {"utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(codec, b"")
    path = tmp_path / "a.txt"
    path.write_bytes(bom + AR_TEXT.encode(codec))
    article = read_article(str(path))
    assert article.text == normalise(AR_TEXT).strip("\n") and article.encoding == "utf-32"


def test_damaged_utf8_in_an_arabic_file_says_where_instead_of_guessing_a_code_page(tmp_path):
    data = bytearray(AR_TEXT.encode())
    data[1001] = 0xFF  # the second byte of a two-byte Arabic letter: the sequence starting at 1000 is broken
    error = _bad(tmp_path, bytes(data), r"invalid UTF-8 at byte 1000; use --encoding")
    assert error.exit_code == 3


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [EN_TEXT, AR_TEXT])
def test_utf16_without_a_byte_order_mark_gets_a_hint(tmp_path, codec, text):
    _bad(tmp_path, text.encode(codec), f"looks like {codec.upper()} without a byte order mark; use --encoding {codec}")
    assert read_article(str(tmp_path / "bad.txt"), encoding=codec).text[:20] == text[:20]


def test_legacy_code_pages_still_read_when_not_utf8():
    assert decode(AR_TEXT.replace("\u2019", "'").encode("cp1256"))[1] == "cp1256"


def test_huge_files_devices_and_endless_streams_are_refused_without_reading_them(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: costs no disk
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        read_article(str(big))
    with pytest.raises(InputError, match="a device, not a regular file"):
        read_article("/dev/zero")
    with open("/dev/zero", "rb") as zeros, pytest.raises(InputError, match="too large"):
        read_article("-", stdin=zeros)


def test_a_fifo_given_directly_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe, not a regular file"):
        read_article(str(fifo))  # would block forever if opened as a file


def test_pipes_sockets_hidden_files_and_folders_in_a_folder_are_listed_as_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(EN_TEXT)
    os.mkfifo(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.txt"))
    (tmp_path / ".hidden.txt").write_text(EN_TEXT)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(EN_TEXT)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing")
    try:
        refs, skipped = expand_inputs([str(tmp_path)])
    finally:
        server.close()
    assert [r.relpath for r in refs] == ["good.txt"]
    reasons = {os.path.basename(s.path): s.reason for s in skipped}
    assert reasons == {".git": "hidden folder", ".hidden.txt": "hidden file",
                       "gone.txt": "broken link or unreadable entry", "pipe.txt": "a named pipe, not a regular file",
                       "sock.txt": "a socket, not a regular file"}


def test_a_file_name_that_is_not_utf8_is_read_and_printable(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9 \x1b[31mred.txt"
    with open(raw, "wb") as f:
        f.write(EN_TEXT.encode())
    refs, _ = expand_inputs([str(tmp_path)])
    (ref,) = refs
    assert read_article(ref).text.startswith("Khaberni")
    shown = printable(ref.relpath)
    assert shown == "caf\\xe9 \\x1b[31mred.txt"
    shown.encode("utf-8")  # what prints it cannot fail
    with open(raw, "wb") as f:
        f.write(b"")
    with pytest.raises(InputError) as info:
        read_article(ref)
    printable(str(info.value)).encode("utf-8")


def test_printable_escapes_controls_and_bidi_overrides_but_keeps_arabic():
    assert printable("خبر\u202e.txt\x07") == "خبر\\u202e.txt\\x07"
    assert printable("تقرير 2024.txt") == "تقرير 2024.txt"


@pytest.mark.parametrize("text,reason", [
    ("Home | About | Contact | Careers\nNews • Sport • Weather • Business\nPrivacy | Terms | Cookies", "navigation"),
    ("#### *** $$$ 1234 5678 !!!! ---- //// &&&& %%%% 99 88 77 ++++ ==== ~~~~", "symbols"),
    ("function f(a){var b=[a];if(b){return g(b[0]);}else{x=(y<z)?1:2;}}" * 3, "code or markup"),
])
def test_garbage_text_is_refused_with_its_reason(tmp_path, text, reason):
    _bad(tmp_path, text.encode(), reason)


def test_random_letters_are_refused_in_both_scripts(tmp_path):
    import random

    rng = random.Random(7)
    latin = " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 9))) for _ in range(80))
    arabic = " ".join("".join(chr(rng.randint(0x621, 0x64A)) for _ in range(rng.randint(2, 7))) for _ in range(80))
    _bad(tmp_path, latin.encode(), "random letters")
    _bad(tmp_path, arabic.encode(), "random Arabic letters")


@pytest.mark.parametrize("text", [AR_TEXT, EN_TEXT, *ARABIC_NEWS, *ENGLISH_NEWS, *SHORT_ARABIC, *SHORT_ENGLISH,
                                  *OTHER_LANGUAGES.values(), "Hello, world.", "Some English text.",
                                  *((t + " ") * 4 for t in OTHER_LANGUAGES.values())])
def test_real_articles_short_or_long_are_never_called_garbage(text):
    assert garbage_reason(text) is None


_TEXT = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x600, max_codepoint=0x6FF), st.sampled_from(string.printable),
    st.sampled_from("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬5.30«»“”‘’\"'()[]{}<>\u200e\u200f\u202b\u202c\u2067\u2069\x00\ufeff"),
    st.characters()), max_size=400)
_KINDS = st.sampled_from(sorted(READERS))  # every input type of the table


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), kind=_KINDS)
def test_arbitrary_bytes_give_an_article_or_an_input_error(data, kind):
    try:
        article = article_from_bytes(data, source="x", kind=kind)
    except InputError as exc:
        assert exc.source == "x" and "\n" not in exc.message
    else:
        assert article.text.strip() and "\x00" not in article.text


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, codec=st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-8-sig"]))
def test_arbitrary_unicode_gives_an_article_or_an_input_error(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:  # lone surrogates cannot be encoded: not a file anyone has
        return
    try:
        decode(data)
        article = article_from_bytes(data, source="x")
    except InputError:
        return
    assert article.text == article.text.strip("\n") and "\x00" not in article.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".html", ".pdf", ".docx", ".md"]))
def test_arbitrary_files_give_an_article_or_an_input_error(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        read_article(str(path))
    except InputError as exc:
        assert exc.source == str(path)


def test_stdin_larger_than_the_limit_is_too_large():
    with pytest.raises(InputError, match="too large"):
        read_article("-", stdin=io.BytesIO(b"a" * (MAX_BYTES + 1)))


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=60))
def test_printable_always_gives_text_a_terminal_can_take(name):
    shown = printable(name)
    shown.encode("utf-8")
    assert not any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in shown)
