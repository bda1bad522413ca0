"""Model servers for the api:NAME tests, both on the loopback address.

`FaultServer`: a small OpenAI-shaped server of the tests' own (http.server in a thread) for what a real server does
only when it is in trouble: 429 with Retry-After, 500, a reset connection, a body that is not JSON, a stall. Each
POST takes the next action of its script (then "ok"); it counts requests and the most it had in flight.

`serve(folder)`: `transformers serve` itself, started in its own process group on a free port with a tiny
random-weight chat model folder, offline; it yields the base URL once /v1/models answers.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from collections import deque
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

SERVE_STARTUP = 180  # seconds `transformers serve` may take to answer /v1/models (15 s here on 2 busy cores)


def serving_available() -> str | None:
    """Why `transformers serve` cannot run here (None: it can)."""
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        return f"transformers serve needs the transformers[serving] extra ({exc.name} is not installed)"
    return None


class FaultServer:
    """An OpenAI-compatible server that misbehaves on cue. `script`: actions for the next POSTs, each one of
    "ok", "500", "401" (echoing the key), "429:SECONDS", "reset", "notjson", "nochoices", "stall:SECONDS",
    "slow:SECONDS", "usage:N" (an answer reporting N prompt tokens), "stream" (an SSE answer without usage);
    "ok" answers "echo: " and the last message. `delay`: seconds every POST
    takes; `die_after`: the server stops listening after answering that many POSTs (a server dying mid-batch);
    `port`: 0 for a free one, or the port of a server that died, to bring it back."""

    def __init__(self, models: tuple[dict, ...] = ({"id": "tiny", "object": "model", "max_model_len": 2048},), *,
                 delay: float = 0.0, die_after: int | None = None, port: int = 0) -> None:
        self.models = list(models)
        self.delay, self.die_after = delay, die_after
        self.script: deque[str] = deque()
        self.requests: list[dict] = []  # every request: method, path, headers, body
        self.in_flight = self.most_in_flight = 0
        self._lock = threading.Lock()
        self._stopped = False
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                owner._note(self, None)
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": owner.models})
                else:
                    self._send(404, {"error": {"message": "no such route"}})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                owner._note(self, body)
                with owner._lock:
                    action = owner.script.popleft() if owner.script else "ok"
                    owner.in_flight += 1
                    owner.most_in_flight = max(owner.most_in_flight, owner.in_flight)
                    self.answering = True
                try:
                    time.sleep(owner.delay)
                    self._act(action, body)
                finally:
                    self._answered()
                    with owner._lock:
                        dies = owner.die_after is not None and len(owner.posts()) >= owner.die_after
                if dies:
                    threading.Thread(target=owner.stop, daemon=True).start()

            def _answered(self) -> None:
                """Out of flight once its reply is about to go: a client may send its next request
                the moment it has read this one, before this thread runs on (a race that counted
                two in flight under load)."""
                with owner._lock:
                    if getattr(self, "answering", False):
                        owner.in_flight -= 1
                        self.answering = False

            def _act(self, action: str, body: dict) -> None:
                kind, _, arg = action.partition(":")
                if kind in ("stall", "slow"):
                    time.sleep(float(arg))
                if kind == "500":
                    self._send(500, {"error": {"message": "the model fell over"}})
                elif kind == "429":
                    self._send(429, {"error": {"message": "slow down"}}, {"Retry-After": arg})
                elif kind == "reset":  # SO_LINGER 0: close sends RST, as a crashed or restarted server does
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                elif kind == "401":  # as hosted providers do, the refused key comes back in the message
                    said = f"Incorrect API key provided: {self.headers.get('Authorization', '')}"
                    self._send(401, {"error": {"message": said}})
                elif kind == "notjson":
                    self._raw(200, b"<html><body>502 Bad Gateway</body></html>", "text/html")
                elif kind == "nochoices":
                    self._send(200, {"id": "x", "object": "chat.completion"})
                elif kind == "stream":
                    self._stream(body)
                else:
                    self._send(200, completion(body, prompt_tokens=int(arg) if kind == "usage" else None))

            def _stream(self, body: dict) -> None:
                words = ["one ", "two ", "three"]
                events = [{"choices": [{"delta": {"content": w}, "index": 0}], "model": body.get("model")}
                          for w in words]
                events.append({"choices": [{"delta": {}, "index": 0, "finish_reason": "stop"}]})
                data = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events) + b"data: [DONE]\n\n"
                self._raw(200, data, "text/event-stream")

            def _send(self, status: int, data: dict, headers: dict | None = None) -> None:
                self._raw(status, json.dumps(data).encode(), "application/json", headers)

            def _raw(self, status: int, data: bytes, kind: str, headers: dict | None = None) -> None:
                self._answered()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:  # a reset is on purpose
                pass

        self._server = Server(("127.0.0.1", port), Handler)
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def _note(self, handler: BaseHTTPRequestHandler, body: dict | None) -> None:
        with self._lock:
            self.requests.append({"method": handler.command, "path": handler.path, "headers": dict(handler.headers),
                                  "body": body})

    def posts(self) -> list[dict]:
        """The chat requests received."""
        return [r for r in self.requests if r["method"] == "POST"]

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop listening: the next connections are refused."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        self._server.shutdown()
        self._server.server_close()


def completion(body: dict, *, prompt_tokens: int | None = None) -> dict:
    """A chat completion answering `body` with "echo: " and its last message, with usage (prompt tokens: the
    characters sent / 4 unless given)."""
    messages = body.get("messages") or [{}]
    text = "echo: " + messages[-1].get("content", "")
    prompt = prompt_tokens if prompt_tokens is not None else sum(len(m.get("content", "")) for m in messages) // 4 + 5
    return {"id": "c1", "object": "chat.completion", "model": body.get("model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": 4, "total_tokens": prompt + 4}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(folder: Path, log: Path) -> Iterator[str]:
    """`transformers serve FOLDER` on 127.0.0.1 (CPU, offline, one thread): its base URL, stopped at the end."""
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "OMP_NUM_THREADS": "1",
           "TRANSFORMERS_VERBOSITY": "error", "TOKENIZERS_PARALLELISM": "false"}
    command = [sys.executable, "-c", "import sys; from transformers.cli.transformers import main; sys.exit(main())",
               "serve", str(folder), "--host", "127.0.0.1", "--port", str(port), "--device", "cpu",
               "--log-level", "warning"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_for(base, process, log)
        yield base
    finally:
        _stop(process)


def _wait_for(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVE_STARTUP
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"transformers serve exited ({process.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/models", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"transformers serve did not answer in {SERVE_STARTUP} s: {log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server's group (it and the model's process), SIGKILL to whatever is left after 10 s."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def build_chat_model(path: Path) -> Path:
    """A tiny random-weight Qwen2 chat model folder (tests/tiny_models.build_qwen2_chat)."""
    from .tiny_models import build_qwen2_chat

    return build_qwen2_chat(path)
