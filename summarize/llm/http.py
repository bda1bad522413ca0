"""JSON over HTTP to an OpenAI-compatible model server
(Ollama, llama.cpp, vLLM, LM Studio, a hosted provider).

The base URL is taken as users write it: a base with no path (`http://127.0.0.1:8000`) gets `/v1`; a
base with a path is used as given (`http://localhost:11434/v1`, `https://openrouter.ai/api/v1`,
Gemini's `…/v1beta/openai`). Requests go to `<base>/chat/completions` and `<base>/models`. A base
with a user or password, a query or a fragment is refused: the key belongs in the environment.

The key comes from SUMMARIZE_API_KEY, else OPENAI_API_KEY, and goes in
the Authorization header only: never into a message, a log line, a
record or a repr (a server's error text is shown with it blanked out).

Each request has one deadline (`timeout` seconds for the whole answer, streamed or not). What a
retry can cure (429, 5xx, a refused or dropped connection) is tried again, up to `tries` times, with
exponential backoff and jitter, or after what Retry-After says (seconds or an HTTP date, capped); a
timeout is not tried again (the server is busy or the prompt too long, and asking again doubles the
wait). Everything else, and the last try, is a ModelUnavailableError in one line naming the server.
Only the standard library is used, imported when a model server is first asked.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import math
import os
import random
import re
import socket
import time
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from ..errors import ModelUnavailableError, UsageError

KEY_VARIABLES = ("SUMMARIZE_API_KEY", "OPENAI_API_KEY")
TRIES = 5
FIRST_WAIT = 0.5  # seconds before the second try; doubled each try after, with jitter
LONGEST_WAIT = 30.0  # cap on one wait, Retry-After's included
MOST_BODY = 32 << 20  # a reply larger than this is no chat completion
DROPPED = (ConnectionResetError, ConnectionAbortedError, BrokenPipeError,
           http.client.RemoteDisconnected, http.client.IncompleteRead)


@dataclass(frozen=True)
class Endpoint:
    """Where a server is: its base URL (with `/v1` where
    the user gave no path) and `host:port` to show."""

    scheme: str
    host: str
    port: int
    path: str  # the base's path, no trailing slash

    @property
    def shown(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.shown}{self.path}"


def endpoint(base: str) -> Endpoint:
    """The endpoint a user's --api-base names; a URL it
    cannot be is a UsageError (never echoing a password)."""
    try:
        parts = urlsplit(base.strip())
        port = parts.port
    except ValueError:
        raise UsageError("--api-base is not a URL (e.g. http://localhost:11434/v1)") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError("--api-base must be an http:// or https:// URL (e.g. "
                         "http://localhost:11434/v1)")
    if parts.username is not None or parts.password is not None:
        raise UsageError("--api-base holds a user or password: give the key in "
                         "SUMMARIZE_API_KEY instead")
    if parts.query or parts.fragment:
        raise UsageError("--api-base takes the server's base URL, without a query or fragment")
    path = parts.path.rstrip("/") or "/v1"
    return Endpoint(parts.scheme, parts.hostname,
                    port or (443 if parts.scheme == "https" else 80), path)


def api_key(environ: Any = os.environ) -> str | None:
    """The key from SUMMARIZE_API_KEY, else OPENAI_API_KEY (None: the server needs none)."""
    for name in KEY_VARIABLES:
        key = (environ.get(name) or "").strip()
        if key:
            # http.client's own error would show the value
            if any(ch < " " or ch == "\x7f" for ch in key):
                raise UsageError(f"{name} holds a line break or another control character")
            return key
    return None


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (a number
    or an HTTP date), capped; None when it says nothing."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), LONGEST_WAIT)


def one_line(text: str, most: int = 200) -> str:
    """A server's text as a message shows it: one line,
    controls gone, cut past `most` characters."""
    text = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text).split())
    return text if len(text) <= most else text[:most] + "…"


class _Refused(Exception):
    """One try's failure: its message, and whether a retry
    may cure it (and after how long, if the server said)."""

    def __init__(self, message: str, *, again: bool, wait: float | None = None,
                 down: bool = False) -> None:
        super().__init__(message)
        self.again, self.wait, self.down = again, wait, down


class Client:
    """Asks one server; safe to share between threads (each request opens its own connection)."""

    def __init__(self, base: str, *, timeout: float, tries: int = TRIES,
                 sleep: Callable[[float], None] = time.sleep, environ: Any = os.environ) -> None:
        self.endpoint = endpoint(base)
        self.timeout, self.tries, self._sleep = float(timeout), tries, sleep
        self.__key = api_key(environ)
        # the last request found the server unreachable: the next ones try once, not `tries`
        self.down = False

    def __repr__(self) -> str:
        return f"Client({self.endpoint.base!r})"

    def get(self, path: str, *, timeout: float | None = None, tries: int | None = None) -> Any:
        """The JSON a GET of `path` (under the base) answers."""
        return self._ask("GET", path, None, timeout, tries, None)

    def post(self, path: str, body: dict, *, on_event: Callable[[dict], None] | None = None) -> Any:
        """The JSON a POST of `body` answers; with `on_event`,
        each server-sent event's JSON goes there instead."""
        return self._ask("POST", path, body, None, None, on_event)

    def _ask(self, method: str, path: str, body: dict | None, timeout: float | None,
             tries: int | None, on_event: Callable[[dict], None] | None) -> Any:
        tries = 1 if self.down else (tries or self.tries)
        # set once a streamed event was handed on: from then on a retry would repeat it
        heard: list[bool] = []
        for attempt in range(tries):
            try:
                answer = self._try(method, path, body, timeout or self.timeout, on_event, heard)
            except _Refused as exc:
                if not exc.again or heard or attempt + 1 == tries:
                    self.down = exc.down
                    said = f" ({attempt + 1} tries)" if attempt and exc.again else ""
                    raise ModelUnavailableError(f"{exc}{said}") from None
                wait = (exc.wait if exc.wait is not None
                        else min(LONGEST_WAIT, FIRST_WAIT * 2 ** attempt))
                self._sleep(wait if exc.wait is not None else wait * (0.5 + random.random() / 2))
                continue
            self.down = False
            return answer
        raise AssertionError("unreachable")

    def _headers(self, streamed: bool) -> dict[str, str]:
        from ..version import __version__

        headers = {"Content-Type": "application/json", "User-Agent": f"summarize/{__version__}",
                   "Accept": "text/event-stream" if streamed else "application/json"}
        if self.__key:
            headers["Authorization"] = f"Bearer {self.__key}"
        return headers

    def _try(self, method: str, path: str, body: dict | None, timeout: float,
             on_event: Callable[[dict], None] | None, heard: list[bool]) -> Any:
        where, deadline = self.endpoint, time.monotonic() + timeout
        kind = (http.client.HTTPSConnection if where.scheme == "https"
                else http.client.HTTPConnection)
        connection = kind(where.host, where.port, timeout=timeout)
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            connection.request(method, where.path + path, body=data,
                               headers=self._headers(on_event is not None))
            _remaining(connection, deadline)
            response = connection.getresponse()
            if response.status >= 400:
                raise self._status(response)
            if on_event is not None and "json" not in response.getheader("Content-Type", ""):
                return _events(response, connection, deadline, on_event, heard, where.shown)
            answer = self._json(_read(response, connection, deadline, where.shown), response)
            # a server that ignored `stream`: its whole answer is the one event
            if on_event is not None:
                heard.append(True)
                on_event(answer)
            return answer
        except (TimeoutError, socket.timeout):
            raise _Refused(f"the model server at {where.shown} did not answer within {timeout:g} s "
                           "(--api-timeout)", again=False) from None
        except ConnectionRefusedError:
            raise _Refused(f"the model server at {where.shown} refused the connection: "
                           f"is it running, and is --api-base {where.base} right?",
                           again=True, down=True) from None
        except DROPPED:
            raise _Refused(f"the model server at {where.shown} dropped the connection", again=True,
                           down=True) from None
        except OSError as exc:  # no such host, no route: asking again will not help
            raise _Refused(f"cannot reach the model server at {where.shown}: {exc.strerror or exc}",
                           again=False, down=True) from None
        except http.client.HTTPException as exc:  # a status line or header that is not HTTP
            raise _Refused(f"the model server at {where.shown} answered something that is not HTTP "
                           f"({type(exc).__name__})", again=False) from None
        finally:
            connection.close()

    def _status(self, response: http.client.HTTPResponse) -> _Refused:
        text = self._scrubbed(response.read(4096).decode("utf-8", "replace"))
        try:
            said = json.loads(text)
            said = said.get("error", said.get("detail", said)) if isinstance(said, dict) else said
            said = said.get("message", said) if isinstance(said, dict) else said
            text = said if isinstance(said, str) else json.dumps(said, ensure_ascii=False)
        except ValueError:
            pass
        status = response.status
        hint = (": is SUMMARIZE_API_KEY (or OPENAI_API_KEY) set and right?"
                if status in (401, 403) else "")
        message = (f"the model server at {self.endpoint.shown} answered {status} "
                   f"{response.reason}{hint}")
        message += f" ({one_line(text)})" if text.strip() else ""
        wait = retry_after(response.getheader("Retry-After"))
        return _Refused(message, again=status == 429 or status >= 500, wait=wait)

    def _json(self, raw: bytes, response: http.client.HTTPResponse) -> Any:
        try:
            return json.loads(raw)
        except ValueError:
            kind = response.getheader("Content-Type") or "no content type"
            shown = one_line(self._scrubbed(raw[:200].decode("utf-8", "replace")), 80)
            raise _Refused(f"the model server at {self.endpoint.shown} answered with something "
                           f"that is not JSON ({kind}: {shown!r})", again=False) from None

    def _scrubbed(self, text: str) -> str:
        return text.replace(self.__key, "***") if self.__key else text


def _remaining(connection: http.client.HTTPConnection, deadline: float) -> None:
    """Give the next read only what is left of the request's time."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    if connection.sock is not None:
        connection.sock.settimeout(left)


def _read(response: http.client.HTTPResponse, connection: http.client.HTTPConnection,
          deadline: float, shown: str) -> bytes:
    parts, size = [], 0
    while True:
        _remaining(connection, deadline)
        part = response.read1(65536)
        if not part:
            return b"".join(parts)
        size += len(part)
        if size > MOST_BODY:
            raise _Refused(f"the model server at {shown} answered more than {MOST_BODY >> 20} MiB",
                           again=False)
        parts.append(part)


def _events(response: http.client.HTTPResponse, connection: http.client.HTTPConnection,
            deadline: float, on_event: Callable[[dict], None],
            heard: list[bool], shown: str) -> None:
    """Hand on each `data:` line's JSON of a server-sent event stream, up to `[DONE]` or its end."""
    while True:
        _remaining(connection, deadline)
        line = response.readline(MOST_BODY)
        if not line:
            return
        if not line.startswith(b"data:"):
            continue  # comments (": ping"), event names, the blank line between events
        payload = line[5:].strip()
        if payload == b"[DONE]":
            return
        try:
            event = json.loads(payload)
        except ValueError:
            raise _Refused(f"the model server at {shown} streamed a line that is not JSON",
                           again=False) from None
        if isinstance(event, dict):
            heard.append(True)
            on_event(event)
