"""URLs as inputs, against a real HTTP server on 127.0.0.1 started and stopped by the fixture."""

import json
import socket

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from summarize.errors import InputError
from summarize.readers import FetchOptions, expand_inputs, fetch, read_article, unchanged, url_relpath

from .http_fixture import AR_TEXT, Server

FAST = FetchOptions(timeout=0.5, deadline=5, retries=1, backoff=0.01, max_bytes=300_000)


@pytest.fixture(scope="module")
def server():
    with Server() as srv:
        yield srv


def _read(server, path, **kw):
    return read_article(server.url(path), fetch_options=FAST, **kw)


def test_a_saved_page_gives_the_article_with_title_date_and_url(server):
    article = _read(server, "/news/syria-russia.html")
    assert article.kind == "html" and article.title.startswith("Syrian-Russian Relations")
    assert article.date == "2025-10-14" and article.url == server.url("/news/syria-russia.html")
    assert "$130 million" in article.text and "Privacy" not in article.text
    assert article.etag == '"v1"'
    user_agent = server.requests[-1][1]["User-Agent"]
    assert user_agent.startswith("summarize/") and "news article reader" in user_agent


def test_redirects_are_followed_and_the_final_url_kept(server):
    article = _read(server, "/old-link")
    assert article.source == server.url("/old-link") and article.url == server.url("/news/syria-russia.html")
    assert "$130 million" in article.text


@pytest.mark.parametrize("path", ["/ar/syria.html", "/ar/wrong-charset.html", "/ar/undeclared.html"])
def test_declared_wrong_and_missing_charsets_all_give_the_arabic_text(server, path):
    article = _read(server, path)
    first = AR_TEXT.splitlines()[0]
    assert first[:60] in article.text and article.title == "العلاقات السورية الروسية"
    assert "الرئيسية | من نحن" not in article.text  # navigation dropped as in HTML files


def test_plain_text_urls_are_read_as_text(server):
    article = _read(server, "/plain.txt")
    assert article.kind == "text" and article.text.startswith("Khaberni")


@pytest.mark.parametrize("path,message", [
    ("/missing", r"not found \(HTTP 404\)"), ("/gone", r"gone \(HTTP 410\)"),
    ("/photo.png", r"not HTML or text \(image/png\)"),
    ("/slow", r"timed out waiting for the server"), ("/huge", "too large"), ("/huge-declared", "too large"),
    ("/loop", "too many redirects"), ("/nav.html", "no article text|navigation"),
])
def test_each_failure_is_one_line_naming_the_url(server, path, message):
    with pytest.raises(InputError, match=message) as info:
        _read(server, path)
    assert info.value.source == server.url(path) and "\n" not in str(info.value)
    assert info.value.exit_code == 3


def test_a_malformed_url_is_an_input_error():
    with pytest.raises(InputError, match="not a valid URL|cannot fetch|host not found"):
        read_article("http://[::1/x", fetch_options=FAST)
    with pytest.raises(InputError):
        read_article("http://127.0.0.1:99999/x", fetch_options=FAST)


def test_a_refused_connection_is_an_input_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match="connection refused"):
        read_article(f"http://127.0.0.1:{port}/x.html", fetch_options=FAST)


def test_a_transient_503_is_retried_and_retries_are_bounded(server):
    assert _read(server, "/flaky").text.startswith("Khaberni")
    assert sum(p == "/flaky" for p, _ in server.requests) == 2
    before = len(server.requests)
    with pytest.raises(InputError):
        _read(server, "/slow")
    assert len(server.requests) - before == 1 + FAST.retries


def test_offline_refuses_urls_without_touching_the_network(server):
    before = len(server.requests)
    with pytest.raises(InputError, match="--offline"):
        _read(server, "/news/syria-russia.html", offline=True)
    assert len(server.requests) == before


def test_an_unchanged_page_is_confirmed_with_a_conditional_request(server):
    url = server.url("/news/syria-russia.html")
    article = read_article(url, fetch_options=FAST)
    assert unchanged(url, article.etag, article.last_modified, FAST)
    assert server.requests[-1][1]["If-None-Match"] == '"v1"'
    assert fetch(url, FAST, etag='"v1"') is None
    assert not unchanged(url, '"v0"', None, FAST) and not unchanged(url, None, None, FAST)


def test_sha256_is_of_the_fetched_bytes(server):
    import hashlib

    from .conftest import HTML_SAMPLE

    assert _read(server, "/news/syria-russia.html").sha256 == hashlib.sha256(HTML_SAMPLE.read_bytes()).hexdigest()


def test_output_names_are_readable_and_never_collide():
    urls = ["https://www.example.com/news/2025/10/story.html", "https://www.example.com/news/2025/10/story.html?p=2",
            "http://www.example.com/news/2025/10/story.html", "https://www.example.com/", "https://www.example.com",
            "https://ar.example.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7",
            "https://x.org/a/../../etc/passwd", "https://x.org:8080/a b/c"]
    assert url_relpath(urls[0]) == "www.example.com/news/2025/10/story.html"
    assert url_relpath(urls[5]) == "ar.example.com/أخبار/سوريا"
    refs, _ = expand_inputs(urls)
    names = [r.relpath for r in refs]
    assert len(set(names)) == len(names)
    for name in names:
        assert ".." not in name.split("/") and not name.startswith("/")


def _cli(*args):
    import subprocess
    import sys

    from .conftest import ROOT

    return subprocess.run([sys.executable, "-m", "summarize", *args], capture_output=True, cwd=ROOT, timeout=300)


def test_the_cli_reads_urls_names_their_outputs_and_refuses_them_offline(server, tmp_path):
    import json

    ok, missing = server.url("/news/syria-russia.html"), server.url("/missing")
    r = _cli("detect", ok, "-f", "json")
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads(r.stdout)["language"] == "en"
    r = _cli("detect", missing)
    assert r.returncode == 3
    assert r.stderr.decode().splitlines() == [f"summarize: error: {missing}: not found (HTTP 404)"]
    r = _cli("run", ok, server.url("/ar/syria.html"), "--method", "extractive", "-f", "json", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr.decode()
    port = ok.split(":")[2].split("/")[0]
    assert (tmp_path / f"127.0.0.1_{port}" / "news" / "syria-russia.html.json").is_file()
    assert (tmp_path / f"127.0.0.1_{port}" / "ar" / "syria.html.json").is_file()
    r = _cli("run", ok, "--method", "extractive", "--offline")
    assert r.returncode == 3 and "--offline forbids the network" in r.stderr.decode()


@settings(max_examples=200, deadline=None)
@given(rest=st.text(max_size=80))
def test_any_url_gets_a_safe_relative_output_name(rest):
    name = url_relpath("https://" + rest)
    parts = name.split("/")
    assert name and not name.startswith("/") and ".." not in parts and "" not in parts
    assert all(len(p) <= 120 for p in parts)


def test_a_rerun_does_not_fetch_an_unchanged_finished_url_again(server, tmp_path):
    from typer.testing import CliRunner

    from summarize.cli import app

    ok = server.url("/news/syria-russia.html")  # served with ETag "v1", 304 to If-None-Match: "v1"
    args = ["run", ok, "--method", "extractive", "-f", "json", "-o", f"{tmp_path / 'out'}/"]  # a folder
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    before = len(server.requests)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    asked = server.requests[before:]
    assert [h.get("If-None-Match") for _, h in asked] == ['"v1"']  # one conditional request, answered 304
    rows = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()]
    assert [r["status"] for r in rows] == ["skipped"] and rows[0]["input_sha256"]
    offline = CliRunner().invoke(app, [*args, "--offline"])  # finished, and no network to ask: still finished
    assert offline.exit_code == 0 and len(server.requests) == before + 1
