"""Articles from URLs: one GET with urllib3 (timeouts, an overall deadline,
bounded retries, redirects, a size limit, a user agent, basic auth from the
URL's user:password@, which no record or message ever shows)."""

from __future__ import annotations

import hashlib
import re
import socket
import threading
import time
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..errors import InputError
from .files import MAX_BYTES, too_large
from .kinds import kind_of_media

_SEGMENT_UNSAFE = re.compile(r"[^\w.\-]+")
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*://)([^/?#]*)@")


@dataclass(frozen=True)
class FetchOptions:
    """How a URL is fetched; the defaults suit a news page on an ordinary connection."""

    timeout: float = 20.0  # seconds to connect, and at most between two reads
    # seconds for the whole fetch (connect, headers, body): a trickle cannot hold a batch
    deadline: float = 90.0
    retries: int = 2  # after the first try, on connection errors and 429/502/503/504
    backoff: float = 0.5  # seconds, doubled at each retry
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    user_agent: str = ""

    def agent(self) -> str:
        from .. import __version__

        return self.user_agent or f"summarize/{__version__} (news article reader; urllib3)"


@dataclass(frozen=True)
class Page:
    """A fetched response: the final URL after redirects,
    the body and what the server said about it."""

    url: str
    data: bytes
    kind: str  # a row of readers.kinds.READERS
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None


DEFAULT = FetchOptions()  # what a fetch without options uses (tests shorten its deadline)


def split_credentials(url: str) -> tuple[str, str | None]:
    """The URL without `user:password@` (what is shown and recorded) and the "user:password" it held
    (sent as HTTP basic auth), percent-escapes undone; (url, None) when it holds none."""
    match = _USERINFO.match(url)
    if match is None:
        return url, None
    user, _, password = match.group(2).partition(":")
    return match.group(1) + url[match.end():], f"{unquote(user)}:{unquote(password)}"


def is_url(text: str) -> bool:
    """True for an http(s) URL given where a path is accepted."""
    return text[:8].lower().startswith(("http://", "https://"))


def url_relpath(url: str) -> str:
    """A readable output name for a URL: host and path, each
    segment file-name safe, the query as a short hash."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        # an unclosed IPv6 bracket, a port that is not a number: fetching will say so
        return "invalid-url_" + hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    segments = [_SEGMENT_UNSAFE.sub("_", unicodedata.normalize("NFC", unquote(s)))[:80].strip("._")
                or "_" for s in parts.path.split("/") if s]
    host = _SEGMENT_UNSAFE.sub("_", (parts.hostname or "host").lower())
    if port:
        host += f"_{port}"
    name = "/".join([host, *segments]) if segments else f"{host}/index"
    if parts.path.endswith("/") and segments:
        name += "/index"
    if parts.query:  # two pages differing only in their query must not share an output
        name += "_" + hashlib.sha256(parts.query.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return name


class _Watchdog:
    """Shuts the fetch's sockets down at its deadline, so a server that trickles its headers or its
    body (a byte every few seconds, each within the read timeout) cannot hold a read past it; later
    sockets are shut at once."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self._expire)
        self.timer.daemon = True

    def add(self, sock: socket.socket) -> socket.socket:
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)
        return sock

    def _expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        # a blocked recv returns at once; the connection is not reused
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _pool(options: FetchOptions, watchdog: _Watchdog):
    import urllib3
    from urllib3.connection import HTTPConnection, HTTPSConnection

    class Watched(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return watchdog.add(super()._new_conn())

    class WatchedTLS(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return watchdog.add(super()._new_conn())

    class Pool(urllib3.HTTPConnectionPool):
        ConnectionCls = Watched

    class TLSPool(urllib3.HTTPSConnectionPool):
        ConnectionCls = WatchedTLS

    retries = urllib3.Retry(total=options.retries + options.max_redirects, connect=options.retries,
                            read=options.retries, status=options.retries,
                            redirect=options.max_redirects, status_forcelist=(429, 502, 503, 504),
                            backoff_factor=options.backoff, raise_on_status=False,
                            raise_on_redirect=True,
                            # "Retry-After: 3600" must not stall a batch
                            respect_retry_after_header=False)
    timeout = urllib3.Timeout(connect=min(options.timeout, options.deadline), read=options.timeout)
    manager = urllib3.PoolManager(retries=retries, timeout=timeout)
    manager.pool_classes_by_scheme = {"http": Pool, "https": TLSPool}
    return manager


def _late(url: str, options: FetchOptions) -> InputError:
    return InputError(f"timed out: the download took over {options.deadline:g} s", source=url)


def _failure(exc: Exception, url: str, options: FetchOptions) -> InputError:
    """One line for a failed request, from urllib3's exception (unwrapped from MaxRetryError)."""
    from urllib3 import exceptions as e

    reason = getattr(exc, "reason", None) if isinstance(exc, e.MaxRetryError) else exc
    if isinstance(exc, e.MaxRetryError) and isinstance(reason, e.ResponseError):
        message = ("too many redirects" if "redirect" in str(reason)
                   else f"no answer after retries ({reason})")
    elif isinstance(reason, e.NameResolutionError):
        # subclasses first: this one is a NewConnectionError
        message = "host not found"
    elif isinstance(reason, e.NewConnectionError):  # and this one a ConnectTimeoutError
        message = "connection refused" if "refused" in str(reason).lower() else "cannot connect"
    elif isinstance(reason, e.ConnectTimeoutError):
        message = f"timed out connecting (after {options.timeout:g} s)"
    elif isinstance(reason, (e.ReadTimeoutError, TimeoutError)):
        message = f"timed out waiting for the server (after {options.timeout:g} s)"
    elif isinstance(reason, e.SSLError):
        message = "TLS/SSL error: certificate or protocol refused"
    elif isinstance(reason, (e.ProtocolError, e.ProxyError)):
        message = "connection broken while reading the page"
    elif isinstance(reason, (e.LocationParseError, e.LocationValueError, ValueError)):
        message = "not a valid URL"
    else:
        message = f"cannot fetch: {type(reason).__name__}"
    return InputError(message, source=url)


def _media(headers) -> tuple[str, str | None]:
    value = headers.get("Content-Type", "") or ""
    media = value.split(";")[0].strip().lower()
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", value, re.IGNORECASE)
    return media, match.group(1) if match else None


def _check_status(response, url: str) -> None:
    status = response.status
    if status in (404, 410):
        raise InputError(f"{'not found' if status == 404 else 'gone'} (HTTP {status})", source=url)
    if status >= 400:
        raise InputError(f"HTTP {status} {response.reason or ''}".rstrip(), source=url)


def _body(response, url: str, options: FetchOptions) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > options.max_bytes:
        raise too_large(url, options.max_bytes)
    started, chunks, size = time.monotonic(), [], 0
    for chunk in response.stream(64 * 1024):
        size += len(chunk)
        if size > options.max_bytes:
            raise too_large(url, options.max_bytes)
        if time.monotonic() - started > options.deadline:
            raise _late(url, options)
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, options: FetchOptions | None = None, *, etag: str | None = None,
          last_modified: str | None = None, auth: str | None = None) -> Page | None:
    """GET a page; None when the server says it is unchanged since `etag`/`last_modified` (HTTP
    304). `auth`: "user:password" for HTTP basic auth (a `user:password@` in `url` is taken out and
    used the same way). One deadline bounds it all: connecting, retries, headers and body."""
    options = options or DEFAULT
    url, given = split_credentials(url)
    auth = auth or given
    headers = {"User-Agent": options.agent(),
               "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,"
                         "*/*;q=0.1"}
    headers.update({k: v for k, v in (("If-None-Match", etag),
                                      ("If-Modified-Since", last_modified)) if v})
    if auth:
        import urllib3

        headers.update(urllib3.make_headers(basic_auth=auth))
    watchdog = _Watchdog(options.deadline)
    watchdog.timer.start()
    try:
        return _get(url, headers, options, watchdog)
    finally:
        watchdog.timer.cancel()


def _get(url: str, headers: dict, options: FetchOptions, watchdog: _Watchdog) -> Page | None:
    try:
        response = _pool(options, watchdog).request("GET", url, headers=headers,
                                                    preload_content=False)
    except Exception as exc:  # urllib3's whole hierarchy, and ValueError for a malformed URL
        raise (_late(url, options) if watchdog.expired else _failure(exc, url, options)) from None
    try:
        if response.status == 304:
            return None
        _check_status(response, url)
        media, charset = _media(response.headers)
        kind = kind_of_media(media)
        if kind is None:
            raise InputError(f"not HTML or text ({media or 'no content type'})", source=url)
        data = _body(response, url, options)
        if watchdog.expired:  # the body was cut at the deadline: what came is not the page
            raise _late(url, options)
    except InputError:
        raise
    except Exception as exc:
        raise (_late(url, options) if watchdog.expired else _failure(exc, url, options)) from None
    finally:
        response.release_conn()
    return Page(split_credentials(_final_url(response, url))[0], data, kind, charset,
                response.headers.get("ETag"), response.headers.get("Last-Modified"))


def _final_url(response, url: str) -> str:
    """Where the redirects (if any) led: the last
    Location, resolved against the URL it came from."""
    from urllib.parse import urljoin

    final = url
    for step in getattr(response.retries, "history", ()) or ():
        if step.redirect_location:
            final = urljoin(step.url if is_url(step.url or "") else final, step.redirect_location)
    return final


def unchanged(url: str, etag: str | None, last_modified: str | None,
              options: FetchOptions | None = None, *, sha256: str | None = None,
              auth: str | None = None) -> bool:
    """True when the page has not changed since it was fetched: the
    server confirms it (HTTP 304) to a request with these validators or,
    when there are none, the page fetched again has this `sha256`."""
    if not (etag or last_modified or sha256):
        return False
    try:
        if not (etag or last_modified):
            page = fetch(url, options, auth=auth)
            return page is not None and hashlib.sha256(page.data).hexdigest() == sha256
        return fetch(url, options, etag=etag, last_modified=last_modified, auth=auth) is None
    except InputError:
        return False
