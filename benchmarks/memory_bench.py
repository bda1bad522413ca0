"""Peak memory of `summarize detect` and `summarize run --method extractive` on an input near the 20 MB cap.

    python benchmarks/memory_bench.py                      # this checkout: peak RSS of each command, then stages
    python benchmarks/memory_bench.py --code /tmp/old      # another tree's summarize/ (e.g. `git archive` of a
                                                           # commit unpacked there): the "before" column
    python benchmarks/memory_bench.py --mb 5 --no-stages   # a smaller input, commands only

The inputs are the corpus articles of one language (tests/data/corpus/ar, en) joined and repeated up to the size
asked (19 MB by default: under MAX_BYTES, 20 MiB), written to a temporary folder. Each command runs in a fresh
process, `python -m summarize … -f json`, and its peak resident set size is the kernel's (wait4's
ru_maxrss): what /usr/bin/time -v calls "Maximum resident set size". The stages are measured in this process with
tracemalloc (Python allocations only, so below the RSS): read, detect, split into sentences, extractive summary and
key points, and the check of that output against the article. Wall times are printed for orientation only: the
machine is shared.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
COMMANDS = {"detect": ["detect", "-f", "json"],
            "run extractive": ["run", "--method", "extractive", "-f", "json", "--offline"]}


def build_input(language: str, size: int, folder: Path) -> Path:
    """The corpus articles of a language, joined and repeated to `size` bytes of UTF-8 (cut at a character)."""
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((CORPUS / language).glob("*.txt")))
    data = ("\n\n".join([body] * (size // len(body.encode("utf-8")) + 1))).encode("utf-8")[:size]
    path = folder / f"{language}-{size // 1_000_000}mb.txt"
    path.write_text(data.decode("utf-8", errors="ignore"), encoding="utf-8")
    return path


def peak_rss(arguments: list[str], path: Path, code: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit code) of `python -m summarize ARGUMENTS PATH`, `code` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(code), "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    # run from `code`: `python -m` puts the working folder before PYTHONPATH
    process = subprocess.Popen([sys.executable, "-m", "summarize", *arguments, str(path)], cwd=code,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        print(f"  {' '.join(arguments)}: exit {process.returncode}: {process.stderr.read().decode()[-300:]}",
              file=sys.stderr)
    return usage.ru_maxrss / 1024, time.perf_counter() - started, process.returncode


def traced(step: Callable[[], object]) -> tuple[object, float]:
    """The step's result and the peak of Python allocations while it ran, in MB."""
    tracemalloc.start()
    try:
        result = step()
        return result, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def stages(path: Path) -> list[tuple[str, float]]:
    """Peak Python allocations of each stage of an extractive run, in this process (this checkout's code)."""
    import summarize
    from summarize.extractive import key_points_extractive, summarize_extractive
    from summarize.segment import sentences, split_paragraphs
    from summarize.verify import check

    out = []
    article, mb = traced(lambda: summarize.read(str(path)))
    out.append(("read (decode, normalise, garbage check)", mb))
    detection, mb = traced(lambda: summarize.detect(article))
    out.append(("detect", mb))
    split, mb = traced(lambda: sentences(split_paragraphs(article.text)))
    out.append((f"sentences ({len(split):,})", mb))
    language = detection.language
    (summary, points), mb = traced(lambda: (summarize_extractive(split, language, "medium"),
                                            key_points_extractive(split, language, 5)))
    out.append(("extractive summary and key points", mb))
    claims = " ".join(s.text for s in (*summary, *points))
    _, mb = traced(lambda: check(article.text, claims))
    out.append(("check of the output against the article (verify)", mb))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=19, help="input size in MB (default 19)")
    parser.add_argument("--code", type=Path, default=ROOT, help="folder holding the summarize package to run")
    parser.add_argument("--languages", nargs="+", default=["ar", "en"])
    parser.add_argument("--no-stages", action="store_true", help="only the commands' peak RSS")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="memory-bench-") as folder:
        inputs = {lang: build_input(lang, int(args.mb * 1_000_000), Path(folder)) for lang in args.languages}
        print(f"code: {args.code}\n\n| input | command | peak RSS | wall | exit |\n| --- | --- | ---: | ---: | ---: |")
        for lang, path in inputs.items():
            for name, arguments in COMMANDS.items():
                rss, seconds, code = peak_rss(arguments, path, args.code)
                print(f"| {lang}, {args.mb:g} MB | {name} | {rss:,.0f} MB | {seconds:.0f} s | {code} |", flush=True)
        if args.no_stages:
            return
        sys.path.insert(0, str(args.code))
        print("\n| input | stage | peak Python allocations |\n| --- | --- | ---: |")
        for lang, path in inputs.items():
            for stage, mb in stages(path):
                print(f"| {lang}, {args.mb:g} MB | {stage} | {mb:,.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
