"""Hostile and private URLs on 127.0.0.1: servers that trickle, pages behind basic auth, pages without validators."""

import base64
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.errors import ExitCode, InputError
from summarize.readers import FetchOptions, read_article, web

from .conftest import EN_SAMPLE

SHORT = FetchOptions(timeout=1.0, deadline=2.0, retries=1, backoff=0.01)
# the tricklers send a byte every 0.2 s: no read waits out the 1 s timeout, so only the deadline ends the download,
# at 1.2 s as surely as at 2 s (the trickle tests wait for it six times)
TRICKLE = FetchOptions(timeout=1.0, deadline=1.2, retries=1, backoff=0.01)
ARTICLE = EN_SAMPLE.read_bytes()


class Trickler:
    """A raw TCP server that answers every request a byte at a time, each within the read timeout."""

    def __init__(self, part: str) -> None:
        self.part = part  # "headers": trickle the status line and headers; "body": send headers, trickle the body
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def url(self, path: str = "/story.html") -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}{path}"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(ARTICLE)
        first, slow = (b"", head + ARTICLE) if self.part == "headers" else (head, ARTICLE)
        deadline = time.monotonic() + 60  # a fetch that never gives up still lets this test end (and fail)
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(first)
                for byte in slow:
                    if self.stop.is_set() or time.monotonic() > deadline:
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(0.2)
            except OSError:  # the client hung up, as it should at its deadline
                return

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture(params=["headers", "body"])
def trickler(request):
    server = Trickler(request.param)
    yield server
    server.close()


def test_a_trickling_server_is_cut_at_the_deadline(trickler):
    with pytest.raises(InputError, match=r"timed out: the download took over 1\.2 s") as info:
        read_article(trickler.url(), fetch_options=TRICKLE)
    assert info.value.source == trickler.url() and info.value.exit_code == ExitCode.BAD_INPUT


def test_a_trickling_url_does_not_hold_a_batch(trickler, tmp_path, monkeypatch):
    monkeypatch.setattr(web, "DEFAULT", TRICKLE)  # the deadline a run uses, shortened for the test
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.txt").write_bytes(ARTICLE)
    r = CliRunner().invoke(app, ["detect", trickler.url(), "ok.txt", "-o", "out", "-f", "json"])
    assert r.exit_code == ExitCode.PARTIAL, r.output
    assert f"{trickler.url()}: timed out" in r.output
    r = CliRunner().invoke(app, ["detect", trickler.url()])
    assert r.exit_code == ExitCode.BAD_INPUT and "timed out" in r.output


USER, PASSWORD = "desk", "pa:ss@w0rd-7f3e"  # a colon and an @ that the URL spells %3A and %40
SECRET_URL_USERINFO = "desk:pa%3Ass%40w0rd-7f3e"


class AuthHandler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        self.server.seen.append(self.headers.get("Authorization"))
        if self.path == "/missing":
            status, body = 404, b"not here"
        elif self.headers.get("Authorization") != expected:
            status, body = 401, b"who are you?"
        else:
            status, body = 200, self.server.body  # no ETag, no Last-Modified
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def private():
    server = ThreadingHTTPServer(("127.0.0.1", 0), AuthHandler)
    server.seen, server.body = [], ARTICLE
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _secret_url(server, path):
    return f"http://{SECRET_URL_USERINFO}@127.0.0.1:{server.server_address[1]}{path}"


def _leaks(text: str) -> bool:
    return any(s in text for s in ("pa:ss", "pa%3Ass", "w0rd-7f3e", base64.b64encode(PASSWORD.encode()).decode()))


def test_credentials_in_a_url_are_sent_as_basic_auth_and_never_recorded(private, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = _secret_url(private, "/story.txt")
    article = read_article(url, fetch_options=SHORT)
    assert private.seen[-1].startswith("Basic ") and "$130 million" in article.text
    assert not _leaks(article.source + (article.url or "")) and article.source.endswith("/story.txt")
    args = ["run", url, _secret_url(private, "/missing"), "--method", "extractive", "-f", "json", "-o", "out",
            "--manifest", "rows.jsonl", "-v"]
    first = CliRunner().invoke(app, args)
    again = CliRunner().invoke(app, args)
    assert first.exit_code == again.exit_code == ExitCode.PARTIAL, first.output
    assert "/missing: not found (HTTP 404)" in first.output
    for text in (first.output, again.output):
        assert not _leaks(text), text
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "story.txt.json" for p in written) and (tmp_path / "rows.jsonl").is_file()
    for path in written:  # outputs, the manifest, the resume state (SQLite bytes) and its journal
        assert not _leaks(path.read_bytes().decode("utf-8", "replace")), path
    doc = json.loads(next(p for p in written if p.name == "story.txt.json").read_text())
    assert doc["source"] == f"http://127.0.0.1:{private.server_address[1]}/story.txt"


def test_a_wrong_password_is_an_http_error_without_the_password(private):
    url = _secret_url(private, "/story.txt").replace("7f3e", "0000")
    with pytest.raises(InputError, match="HTTP 401") as info:
        read_article(url, fetch_options=SHORT)
    assert "0000" not in str(info.value) and "pa%3Ass" not in str(info.value)


def test_a_page_without_validators_is_skipped_on_rerun_while_its_content_is_the_same(private, tmp_path):
    args = ["detect", _secret_url(private, "/story.txt"), "-f", "json", "-o", f"{tmp_path / 'out'}/"]

    def statuses():
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 0, r.output
        return [row["status"] for row in map(json.loads, (tmp_path / "out" / "manifest.jsonl").open())]

    assert statuses() == ["ok"]
    assert statuses() == ["skipped"]  # fetched (with its password) and hashed: the same bytes
    private.body = ARTICLE.replace(b"Khaberni", b"Khaberni News")
    assert statuses() == ["ok"]
    assert statuses() == ["skipped"]
    assert all(seen and seen.startswith("Basic ") for seen in private.seen)
