"""A real HTTP server on 127.0.0.1, in a thread, serving saved pages and every way a fetch goes wrong."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .conftest import AR_SAMPLE, EN_SAMPLE, HTML_SAMPLE

AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")
AR_PAGE = ("<!doctype html><html><head><meta charset='{charset}'><title>العلاقات السورية الروسية</title></head>"
           "<body><nav>الرئيسية | من نحن | اتصل بنا</nav><article>{body}</article></body></html>")


def _arabic_page(charset: str) -> str:
    body = "".join(f"<p>{line}</p>" for line in AR_TEXT.splitlines() if line.strip())
    return AR_PAGE.format(charset=charset, body=body)


def routes(server: "Server") -> dict:
    """path -> (status, headers, body or callable that writes the body)."""
    html = HTML_SAMPLE.read_bytes()
    return {
        "/news/syria-russia.html": (200, {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'}, html),
        "/ar/syria.html": (200, {"Content-Type": "text/html; charset=windows-1256"},
                           _arabic_page("windows-1256").replace("\u2019", "'").encode("cp1256")),
        "/ar/wrong-charset.html": (200, {"Content-Type": "text/html; charset=iso-8859-1"},
                                   _arabic_page("iso-8859-1").encode("utf-8")),
        "/ar/undeclared.html": (200, {"Content-Type": "text/html"},
                                _arabic_page("windows-1256").replace("\u2019", "'").encode("cp1256")),
        "/plain.txt": (200, {"Content-Type": "text/plain"}, EN_SAMPLE.read_bytes()),
        "/old-link": (301, {"Location": "/moved"}, b""),
        "/moved": (302, {"Location": "/news/syria-russia.html"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/missing": (404, {"Content-Type": "text/html"}, b"<html>not here</html>"),
        "/gone": (410, {"Content-Type": "text/html"}, b"<html>gone</html>"),
        "/photo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        "/slow": (200, {"Content-Type": "text/plain"}, b"late"),  # answered after server.slow_seconds
        "/huge": (200, {"Content-Type": "text/plain"}, lambda w: [w(b"word " * 20_000) for _ in range(40)]),
        "/huge-declared": (200, {"Content-Type": "text/plain", "Content-Length": str(10**9)}, b"x"),
        "/flaky": (200, {"Content-Type": "text/plain"}, EN_SAMPLE.read_bytes()),
        "/nav.html": (200, {"Content-Type": "text/html"}, b"<html><body><ul><li><a href='/'>Home</a></li><li><a "
                      b"href='/a'>About</a></li><li><a href='/c'>Contact</a></li></ul></body></html>"),
    }


class Handler(BaseHTTPRequestHandler):
    server: "Server"

    def log_message(self, *args) -> None:  # quiet tests
        pass

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers)))
        if self.path == "/flaky" and sum(p == "/flaky" for p, _ in self.server.requests) == 1:
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(self.server.slow_seconds)
        status, headers, body = self.server.table.get(self.path, (404, {}, b"no route"))
        if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if callable(body):
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                body(self.wfile.write)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
                pass
            return
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client refused the body, as it should
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler still sleeping for /slow must not hold the test run

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict]] = []
        self.slow_seconds = 3.0
        self.table = routes(self)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def server_bind(self) -> None:
        import socketserver

        socketserver.TCPServer.server_bind(self)  # HTTPServer's own asks DNS for the host's name: slow offline
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)
