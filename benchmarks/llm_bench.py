"""Instruction models behind an endpoint: articles per minute at several --api-concurrency, a cached rerun, and
what the claim-checking model (--judge-model) costs.

    PYTHONPATH=. .venv/bin/python benchmarks/llm_bench.py [--articles 16] [--concurrency 1,4,8]

`transformers serve` is started on the loopback address (tests/llm_server.serve) with the tests' tiny random-weight
Qwen2 chat model (tests/tiny_models.build_qwen2_chat), and `summarize run` is the command a user types, in a fresh
process: `--summary-model api:M --keypoints-model api:M --api-base URL -o DIR -f json`, over the first articles of
each language of tests/data/corpus (half Arabic, half English), each in its own language. Every concurrency row
runs with the response cache off (`--no-api-cache`); the cached rows run twice into one cache folder with the
default concurrency, the second time (`--force`) served from the cache. Random weights say nothing of quality and
write until their token cap, so a row's time is the server's generation time at that cap: the model is tiny, the
server runs on the same CPUs as the command, and what the table shows is the tool's overhead and the server's
parallelism, not a real model's speed. "read whole": the articles whose every role's model read its whole input
(the server's usage against what was sent); "summary windows": the requests the articles' summaries took before
merging (an article longer than the context is read in several).

The judge rows run `--method extractive` (no summary model) with and without `--judge-model api:M`: the claims
asked (one request each), the tokens the server reported (models.judge.usage; its tokenizer is the tiny model's
600-piece BPE, so count characters too) and the seconds it added.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LOAD: list[float] = []  # the 1-minute load average after each command


def machine() -> str:
    """CPU model, cores and library versions, for the record."""
    import transformers

    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU")
    return (f"{model}, {os.cpu_count()} logical cores; transformers {transformers.__version__} (`transformers "
            f"serve`, one thread); Python {sys.version.split()[0]}")


def articles(folder: Path, count: int) -> list[Path]:
    """The first count/2 articles of each language of the corpus, copied into `folder`."""
    from tests.corpus import articles as of

    folder.mkdir(parents=True)
    half = count // 2
    picked = of("ar")[:count - half] + of("en")[:half]
    return [Path(shutil.copy(p, folder / f"{p.parent.name}-{p.name}")) for p in picked]


def summarize(args: list[str], env: dict[str, str]) -> float:
    """Seconds `summarize run ARGS` took in a fresh process; a failure shows its stderr and stops the benchmark."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "summarize", "run", *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    LOAD.append(os.getloadavg()[0])  # others' work on these cores slows the server and the command alike
    if done.returncode not in (0, 7, 8):  # 7: a window past the tiny context is reported, 8 cannot happen here
        raise SystemExit(f"summarize run {' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return seconds


def records(out: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.json"))]


def usage(out: Path, role: str) -> tuple[int, int]:
    """Prompt and completion tokens a role's model used over the records of a folder."""
    used = [r["models"].get(role, {}).get("usage", {}) for r in records(out)]
    return sum(u.get("prompt_tokens", 0) for u in used), sum(u.get("completion_tokens", 0) for u in used)


def coverage(out: Path) -> tuple[int, int]:
    """Articles whose every role read its whole input, and summary windows, over a folder's records."""
    done = records(out)
    whole = sum(all(c["tokens_read"] >= c["tokens_total"] for c in r["coverage"].values()) for r in done)
    return whole, sum(r["coverage"].get("summary", {}).get("windows", 0) for r in done)


def judged_claims(out: Path) -> tuple[int, int]:
    """The claims the judge was asked about over a folder's records (as verify.judge asks them) and the
    characters of their requests."""
    from summarize.verify.judge import asked_of, request

    claims = chars = 0
    for r in records(out):
        outputs = [(r["summary"], None), *((p["text"], p["evidence"]) for p in r["key_points"])]
        asked = set(asked_of(outputs, _article(r), sentences=[s["text"] for s in r["sentences"]]))
        asked = [a for a in asked if a.evidence and a.claim.strip()]
        claims += len(asked)
        chars += sum(len(m.content) for a in asked for m in request(a))
    return claims, chars


def _article(record: dict) -> str:
    """The article's text as the run read it (its sentences, in paragraphs)."""
    return "\n\n".join(s["text"] for s in record["sentences"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=16)
    parser.add_argument("--concurrency", default="1,4,8")
    parser.add_argument("--keep", help="work in this (new) folder and keep it: the model, outputs, server log")
    args = parser.parse_args()
    from tests.llm_server import build_chat_model, serve

    with tempfile.TemporaryDirectory(prefix="llm-bench-") as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        folder = build_chat_model(work / "qwen2-chat")
        inputs = articles(work / "in", args.articles)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZE_")}
        env.update(SUMMARIZE_CACHE_DIR=str(work / "cache"), SUMMARIZE_CONFIG=str(work / "none.toml"),
                   HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
        (work / "none.toml").touch()
        with serve(folder, work / "serve.log") as base:
            model = f"api:{folder}"
            common = ["--summary-model", model, "--keypoints-model", model, "--api-base", base, "-f", "json", "-q"]
            rows = []
            for n in [int(c) for c in args.concurrency.split(",") if c]:  # "": the cached rows only
                out = work / f"out-{n}"
                seconds = summarize([str(work / "in"), "-o", str(out), *common, "--api-concurrency", str(n),
                                     "--no-api-cache"], env)
                rows.append((f"--api-concurrency {n}", seconds, *usage(out, "summary"), *usage(out, "key_points"),
                             *coverage(out)))
            for label in ("cache filled (first run)", "cached rerun (`--force`)"):
                out = work / "out-cached"
                seconds = summarize([str(work / "in"), "-o", str(out), *common, "--force"], env)
                rows.append((label, seconds, *usage(out, "summary"), *usage(out, "key_points"), *coverage(out)))
            plain = summarize([str(work / "in"), "-o", str(work / "out-x"), "--method", "extractive", "-f", "json",
                               "-q"], env)
            judged = summarize([str(work / "in"), "-o", str(work / "out-j"), "--method", "extractive", "-f", "json",
                                "-q", "--judge-model", model, "--api-base", base, "--no-api-cache"], env)
        print(f"Machine: {machine()}\n")
        print(f"{len(inputs)} articles ({args.articles - args.articles // 2} Arabic, {args.articles // 2} English), "
              f"tiny random Qwen2 chat model served by `transformers serve` on 127.0.0.1; load average "
              f"{min(LOAD):.1f}–{max(LOAD):.1f} after the commands\n")
        print("| run | seconds | articles/min | summary tokens (prompt / completion) | key-point tokens | "
              "read whole | summary windows |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for label, seconds, sp, sc, kp, kc, whole, windows in rows:
            print(f"| {label} | {seconds:.1f} | {len(inputs) / seconds * 60:.1f} | {sp} / {sc} | {kp} / {kc} | "
                  f"{whole} of {len(inputs)} | {windows} |")
        claims, chars = judged_claims(work / "out-j")
        prompt, completion = usage(work / "out-j", "judge")
        print(f"\nJudge (`--method extractive`, {len(inputs)} articles): {claims} claims asked, one request each "
              f"({claims / len(inputs):.1f} an article); {chars / max(claims, 1):.0f} characters a request; "
              f"{prompt} prompt and {completion} completion tokens by the served model's tokenizer "
              f"({prompt / max(claims, 1):.0f} and {completion / max(claims, 1):.1f} a request); "
              f"{plain:.1f} s without the judge, {judged:.1f} s with it.")


if __name__ == "__main__":
    main()
