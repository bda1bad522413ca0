"""HTTP clients for URL inputs side by side, on a loopback server serving the saved sample page.

Run: PYTHONPATH=. python benchmarks/http_clients.py
Columns: the import cost in a fresh interpreter, the median time of one GET of the 6.5 kB sample page, and
what a failed fetch tells the caller (we need one line per cause: 404, timeout, refused, too large).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.http_fixture import Server  # noqa: E402

REPEATS = 30


def import_seconds(module: str) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        runs.append(time.perf_counter() - started)
    baseline = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline.append(time.perf_counter() - started)
    return statistics.median(runs) - statistics.median(baseline)


def ours(url: str):
    from summarize.readers import FetchOptions, fetch

    return fetch(url, FetchOptions(retries=0)).data


def trafilatura_fetch(url: str):
    import trafilatura

    return trafilatura.fetch_url(url)


def httpx2_get(url: str):
    import httpx2

    return httpx2.get(url, timeout=20).content


def per_get(fetch, url: str) -> float:
    fetch(url)
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        fetch(url)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def on_404(fetch, url: str) -> str:
    try:
        result = fetch(url)
    except Exception as exc:  # what each client gives the caller
        return f"raises {type(exc).__name__}: {str(exc)[:50]}"
    return f"returns {type(result).__name__} {str(result)[:30]!r}"


def main() -> None:
    clients = [("summarize.readers.fetch (urllib3)", "urllib3", ours),
               ("trafilatura.fetch_url (urllib3)", "trafilatura", trafilatura_fetch)]
    try:
        import httpx2  # noqa: F401

        clients.append(("httpx2.get", "httpx2", httpx2_get))
    except ImportError:
        pass
    with Server() as server:
        page, missing = server.url("/news/syria-russia.html"), server.url("/missing")
        print("| client | import s | ms per GET | on a 404 |")
        print("| --- | --- | --- | --- |")
        for label, module, fetch in clients:
            print(f"| {label} | {import_seconds(module):.2f} | {1000 * per_get(fetch, page):.1f} | "
                  f"{on_404(fetch, missing)} |")


if __name__ == "__main__":
    main()
