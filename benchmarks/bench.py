"""Speed and memory of the real default shapes, offline: every way side by side, in one command.

    .venv/bin/python benchmarks/bench.py            # everything: translation, the CLI, full runs
    .venv/bin/python benchmarks/bench.py --quick    # first 8 sentences of each article
    .venv/bin/python benchmarks/bench.py --part translation   # or --part run (--routes ar,en)
    .venv/bin/python benchmarks/bench.py --sweep    # also: CTranslate2 int8 beam 4 over batch_tokens values

Random weights of the exact shapes (benchmarks/shapes.py: real dimensions, real vocabulary sizes) cost
what the real models cost per token. Random weights stop at random, so every generation is forced to a
fixed length: --new-tokens per translated sentence, and each summary or key-point call its own cap.
Each configuration runs in a fresh subprocess (its own peak RSS). Translation, opus-mt-ar-en shape:
  (a) transformers fp32, one sentence at a time, as a user writes it by hand;
  (b) CTranslate2 int8, one sentence at a time (as argos-translate does), same threads as (c);
  (c) this project's translate path (`translate_texts`) with each backend;
  (d) the `summarize translate --model DIR --beams N` command itself, load and all, with each backend.
Full runs: `summarize run` on two copies of an article with the default models of each route (the
first copy pays for loading them), with each backend: seconds per article, tokens/s and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from shapes import ARTICLE, ENGLISH  # noqa: E402  (light: the builders import torch inside)

ROLE = "translate:ar-en"
SHAPE = "opus-mt-ar-en"  # benchmarks/shapes.py
CONFIGS = {
    "a": "(a) transformers fp32, 1 sentence/call",
    "b": "(b) CTranslate2 int8, 1 sentence/call",
    "c-hf": "(c) translate_texts, transformers",
    "c-ct2": "(c) translate_texts, ctranslate2",
    "d-hf": "(d) `summarize translate`, transformers",
    "d-ct2": "(d) `summarize translate`, ctranslate2",
    "d-ct2-retry": "(d) `summarize translate`, ctranslate2, every sentence retried",
}
BACKEND = {"hf": "transformers", "ct2": "ctranslate2"}
# `summarize run` routes: the article, --to, and the shape standing for each role's default model.
ROUTES = {
    "ar": (ARTICLE, None, {"--summary-model": "mt5-base", "--keypoints-model": "mt5-base"}),
    "ar→en": (ARTICLE, "en", {"--translation-model": "opus-mt-tc-big-ar-en", "--summary-model": "distilbart-cnn-12-6",
                               "--keypoints-model": "flan-t5-base"}),
    "en": (ENGLISH, None, {"--summary-model": "distilbart-cnn-12-6", "--keypoints-model": "flan-t5-base"}),
}
# Shapes that stand for a model of another name (the others are named after their model).
MODEL_NAMES = {"mt5-base": "mT5_multilingual_XLSum + mt0-base"}
TARGET_VS_A, TARGET_VS_B, TARGET_HELP_S, TARGET_RUN_MIB = 4.0, 1.0, 0.3, 2.5e9 / 2**20


# ---------------------------------------------------------------------------------------------------
# Child processes: one configuration each
# ---------------------------------------------------------------------------------------------------


def _quiet() -> None:
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    warnings.filterwarnings("ignore")
    from transformers.utils import logging

    logging.set_verbosity_error()


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _backend(config: str) -> str:
    """The backend a configuration name says: "c-hf" -> transformers, "d-ct2-retry" -> ctranslate2."""
    return BACKEND[config.split("-")[1]]


def _without_second_pass() -> None:
    """Random weights always "loop", so the quality check would send every output to its second,
    stricter pass and double the work; with trained models that pass is rare. Switch it off."""
    from summarize import quality

    quality.problem = lambda *args, **kwargs: None


def _load_by_hand(job: dict):
    """(a) and (b): what a user writes without this project."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(job["folder"])
    if job["config"] == "a":
        from transformers import AutoModelForSeq2SeqLM

        return tokenizer, AutoModelForSeq2SeqLM.from_pretrained(job["folder"]).eval()
    import ctranslate2

    from summarize.models.ct2 import physical_cores

    return tokenizer, ctranslate2.Translator(job["converted"], device="cpu", compute_type="int8",
                                             intra_threads=physical_cores(), inter_threads=1)


def _by_hand(job: dict, tokenizer, model, sentences: list[str]) -> int:
    """Translate sentence after sentence; returns the number of target tokens generated."""
    n, beams, generated = job["new_tokens"], job["beams"], 0
    for sentence in sentences:
        if job["config"] == "a":
            out = model.generate(**tokenizer(sentence, return_tensors="pt"), num_beams=beams,
                                 max_new_tokens=n, min_new_tokens=n)
            tokenizer.decode(out[0], skip_special_tokens=True)
            generated += out.shape[1] - 1  # minus the decoder start token
        else:
            tokens = tokenizer.convert_ids_to_tokens(tokenizer(sentence)["input_ids"])
            hyp = model.translate_batch([tokens], beam_size=beams, max_decoding_length=n,
                                        min_decoding_length=n)[0].hypotheses[0]
            tokenizer.decode(tokenizer.convert_tokens_to_ids(hyp), skip_special_tokens=True)
            generated += len(hyp)
    return generated


def _load_project(job: dict):
    from summarize.models.loader import load_model

    return load_model(ROLE, job["folder"], backend=_backend(job["config"]), device="cpu", cache_dir=job["cache"],
                      batch_tokens=job["batch_tokens"])


def _project(job: dict, model, article: str) -> int:
    """Translate whole articles with translate_texts; returns the number of target tokens generated."""
    from summarize.models.base import GenerationOptions
    from summarize.translate import translate_texts

    _without_second_pass()
    n = job["new_tokens"]
    options = GenerationOptions(num_beams=job["beams"], max_new_tokens=n, min_new_tokens=n)
    items = [(f"copy{i}", article) for i in range(job["copies"])]
    done = translate_texts(items, model, "ar", "en", options)
    return n * sum(len(t.sentences) for t in done)


def child(job: dict) -> dict:
    """Load, warm up on one sentence, translate the article; times, tokens and peak RSS as a dict."""
    _quiet()
    from summarize.segment import sentences, split_paragraphs

    article = job["article"]
    found = [s.text for s in sentences(split_paragraphs(article))]
    start = time.perf_counter()
    if job["config"] in ("a", "b"):
        tokenizer, model = _load_by_hand(job)
        loaded = time.perf_counter()
        _by_hand(job, tokenizer, model, found[:1])
        warm = time.perf_counter()
        tokens = _by_hand(job, tokenizer, model, found * job["copies"])
    else:
        model = _load_project(job)
        loaded = time.perf_counter()
        _project(dict(job, copies=1), model, found[0])
        warm = time.perf_counter()
        tokens = _project(job, model, article)
    end = time.perf_counter()
    rss = _peak_rss_mib()
    return dict(load_s=loaded - start, warm_s=warm - loaded, run_s=end - warm, tokens=tokens,
                sentences=len(found) * job["copies"], copies=job["copies"], peak_rss_mib=rss)


def _force_lengths(new_tokens: int, retry: bool = False) -> dict:
    """Make random weights behave like trained ones where it changes the work: every generation runs
    to a fixed length (a translated sentence to `new_tokens`, a summary or key-point call to its own
    cap), and, unless `retry`, the quality check's second pass is off. Counts the texts generated for
    and the tokens."""
    from dataclasses import replace

    from summarize.models import base

    if not retry:
        _without_second_pass()

    real = base.Seq2SeqModel.generate
    seen = dict(texts=0, tokens=0)

    def forced(self, texts, options, **kwargs):
        n = new_tokens if options.ratio is not None else options.max_new_tokens
        seen["texts"] += len(texts)
        seen["tokens"] += n * len(texts)
        return real(self, texts, replace(options, min_new_tokens=n, max_new_tokens=n, ratio=None), **kwargs)

    base.Seq2SeqModel.generate = forced
    return seen


def _time_loads() -> dict:
    """Seconds spent in the model pool, i.e. loading models (heavy imports included; a model already
    loaded comes back in microseconds)."""
    from summarize.models.loader import ModelPool

    real = ModelPool.get
    spent = dict(load_s=0.0)

    def timed(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return real(self, *args, **kwargs)
        finally:
            spent["load_s"] += time.perf_counter() - start

    ModelPool.get = timed
    return spent


def _cli(argv: list[str]) -> int:
    """Run the `summarize` console script in this process; its exit code."""
    from summarize.cli import main

    sys.argv = ["summarize", *argv]
    try:
        main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def cli_child(job: dict) -> dict:
    """(d): `summarize translate ARTICLE --model DIR --beams N --backend B`, as a user runs it."""
    _quiet()
    os.environ["SUMMARIZE_CACHE_DIR"] = job["cache"]  # where the one-time conversion already is
    start = time.perf_counter()
    seen, spent = _force_lengths(job["new_tokens"], job["config"].endswith("retry")), _time_loads()
    out = Path(job["out"]) / f"{job['config']}-{job['beams']}.json"
    code = _cli(["translate", job["article_file"], "--model", job["folder"], "--beams", str(job["beams"]),
                 "--backend", _backend(job["config"]), "--device", "cpu", "-f", "json", "-o", str(out),
                 "-q"])
    total = time.perf_counter() - start
    if code not in (0, 7) or not out.is_file():
        raise RuntimeError(f"summarize translate exited {code}")
    found = len(json.loads(out.read_text(encoding="utf-8"))["sentences"])
    rss = _peak_rss_mib()
    return dict(load_s=spent["load_s"], warm_s=0.0, run_s=total - spent["load_s"], tokens=found * job["new_tokens"],
                sentences=found, retried=seen["texts"] - found, copies=1, peak_rss_mib=rss)


def summarize_child(job: dict) -> dict:
    """`summarize run` on two copies of an article with the route's models: per-article seconds."""
    _quiet()
    os.environ["SUMMARIZE_CACHE_DIR"] = job["cache"]
    seen, spent = _force_lengths(job["new_tokens"]), _time_loads()
    article, to, models = ROUTES[job["route"]]
    inputs, out = Path(job["out"]) / f"in-{job['tag']}", Path(job["out"]) / f"out-{job['tag']}"
    inputs.mkdir(parents=True, exist_ok=True)
    for copy in ("1", "2"):
        (inputs / f"copy{copy}{article.suffixes[-2]}.txt").write_text(job["texts"][job["route"]], encoding="utf-8")
    argv = ["run", str(inputs), "--beams", str(job["beams"]), "--backend", job["backend"], "--device", "cpu",
            "-f", "json", "-o", str(out), "-q", "--force"]  # a retried job redoes its run, never resumes it
    argv += ["--to", to] if to else []
    argv += ["--batch-tokens", str(job["batch_tokens"])] if job["batch_tokens"] else []
    for flag, name in models.items():
        argv += [flag, str(Path(job["shapes"]) / name)]
    start = time.perf_counter()
    code = _cli(argv)
    total = time.perf_counter() - start
    results = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(out.glob("copy*.json"))]
    if len(results) != 2:
        raise RuntimeError(f"summarize run exited {code} with {len(results)} outputs")
    first, second = (r["timings"] for r in results)
    rss = _peak_rss_mib()
    return dict(exit_code=code, total_s=total, load_s=spent["load_s"], first_s=first["total"],
                article_s=second["total"], steps={k: v for k, v in second.items() if k != "total"},
                tokens=seen["tokens"] // 2, texts=seen["texts"] // 2, peak_rss_mib=rss, route=results[1]["route"])


def build_child(job: dict) -> dict:
    """Build the model folders; report how long it took and what machine this is."""
    _quiet()
    import shapes

    start = time.perf_counter()
    for name in job["names"]:
        shapes.build(name, Path(job["shapes"]))
    return dict(build_s=time.perf_counter() - start, machine=machine())


def convert_child(job: dict) -> dict:
    """The one-time int8 conversion of one folder, as the project's loader does it (cached)."""
    _quiet()
    from summarize.models import ct2
    from summarize.models.loader import revision_of
    from summarize.models.registry import ModelSpec, family_of

    folder = Path(job["folder"])
    start = time.perf_counter()
    path = ct2.converted_folder(ModelSpec(str(folder), family=family_of(folder)), folder, revision_of(folder), "int8",
                                job["cache"])
    rss = _peak_rss_mib()
    return dict(convert_s=time.perf_counter() - start, converted=str(path), peak_rss_mib=rss)


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of the whole machine so far, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return sum(values) - values[3] - values[4], sum(values)


def wait_for_quiet(limit_s: float = 30, busy: float = 0.10) -> float:
    """Wait (up to limit_s) until other programs use under `busy` of the CPUs; returns the last share seen."""
    deadline = time.monotonic() + limit_s
    while True:
        before = cpu_ticks()
        time.sleep(1)
        after = cpu_ticks()
        share = (after[0] - before[0]) / max(after[1] - before[1], 1)
        if share < busy or time.monotonic() > deadline:
            return share


def _run_once(job: dict) -> dict:
    busy0, children0 = cpu_ticks()[0], resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", json.dumps(job)], capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{job['config']} failed:\n{proc.stderr[-3000:]}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    mine = children.ru_utime + children.ru_stime - children0.ru_utime - children0.ru_stime
    others = (cpu_ticks()[0] - busy0) / os.sysconf("SC_CLK_TCK") - mine  # CPU seconds used by other programs
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return dict(result, wall_s=wall, others=max(0.0, others / (wall * (os.cpu_count() or 1))))


def run_child(job: dict, retries: int = 2, disturbed: float = 0.10) -> dict:
    """Run one job in a fresh interpreter on a quiet machine; rerun when other programs took the CPUs."""
    best: dict | None = None
    for _ in range(1 + retries):
        wait_for_quiet()
        result = _run_once(job)
        if best is None or result["others"] < best["others"]:
            best = result
        if best["others"] < disturbed:
            break
        print(f"  {job['config']}: other programs used {result['others']:.0%} of the CPUs; again", file=sys.stderr)
    return best


# ---------------------------------------------------------------------------------------------------
# The parent: build, convert, run every configuration, print the tables
# ---------------------------------------------------------------------------------------------------


def help_seconds(runs: int = 5) -> float:
    """Best wall time of `summarize --help` over several runs."""
    command = [str(Path(sys.executable).parent / "summarize"), "--help"]
    best = float("inf")
    wait_for_quiet()
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def machine() -> str:
    """CPU model, cores and library versions, for the record."""
    import ctranslate2
    import torch
    import transformers

    from summarize.models.ct2 import physical_cores

    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU")
    return (f"{model}, {physical_cores()} physical cores / {os.cpu_count()} logical; "
            f"torch {torch.__version__} ({torch.get_num_threads()} threads), transformers {transformers.__version__}, "
            f"ctranslate2 {ctranslate2.__version__}; Python {sys.version.split()[0]}")


def verdict(value: float, target: float, unit: str, higher_is_better: bool = True) -> str:
    """'met' or 'MISSED by N%' for a target."""
    ok = value >= target if higher_is_better else value <= target
    if ok:
        return f"met ({value:.2f}{unit} vs target {target:g}{unit})"
    miss = (target - value) / target if higher_is_better else (value - target) / target
    return f"MISSED by {miss:.0%} ({value:.2f}{unit} vs target {target:g}{unit})"


def table(results: dict[tuple[str, int], dict]) -> list[str]:
    """A markdown table: one row per (beams, configuration)."""
    lines = ["| beams | configuration | target tok/s | articles/min | × (a) | × (b) | load s | article s | "
             "end-to-end s | × (a) end-to-end | 2nd pass | peak RSS MiB | other load |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (name, beams), r in results.items():
        speed = r["tokens"] / r["run_s"]
        ratio = {k: speed / (results[k, beams]["tokens"] / results[k, beams]["run_s"]) for k in ("a", "b")}
        retried = f"{r['retried']}/{r['sentences']}" if "retried" in r else "off"
        lines.append(f"| {beams} | {CONFIGS[name]} | {speed:.0f} | {60 * r['copies'] / r['run_s']:.1f} | "
                     f"{ratio['a']:.2f} | {ratio['b']:.2f} | {r['load_s']:.2f} | {r['run_s'] / r['copies']:.1f} | "
                     f"{end_to_end(r):.1f} | {end_to_end(results['a', beams]) / end_to_end(r):.1f} | {retried} | "
                     f"{r['peak_rss_mib']:.0f} | {r['others']:.0%} |")
    return lines


def end_to_end(r: dict) -> float:
    """Seconds from starting the process to its exit, for one article (the warm-up excluded)."""
    return r["wall_s"] - r["warm_s"] - r["run_s"] * (r["copies"] - 1) / r["copies"]


def targets(results: dict[tuple[str, int], dict], help_s: float) -> list[str]:
    """The translation targets of the issue, each met or missed by how much."""
    def speed(name: str) -> float:
        return results[name, 4]["tokens"] / results[name, 4]["run_s"]

    lines = [f"- translation at beam 4, (c) ctranslate2 vs (a): {verdict(speed('c-ct2') / speed('a'), TARGET_VS_A, '×')}",
             f"- translation at beam 4, (c) ctranslate2 vs (b): {verdict(speed('c-ct2') / speed('b'), TARGET_VS_B, '×')}"]
    for name in ("d-ct2", "d-hf"):
        ratio = end_to_end(results["a", 4]) / end_to_end(results[name, 4])
        lines.append(f"- {CONFIGS[name]} --beams 4, end to end (load included) vs (a): "
                     f"{verdict(ratio, TARGET_VS_A, '×')}")
    return lines + [f"- `summarize --help` start-up, best of 5: "
                    f"{verdict(help_s, TARGET_HELP_S, ' s', higher_is_better=False)}"]


def run_table(results: dict[tuple[str, str], dict]) -> list[str]:
    """A markdown table: one row per (route, backend) of `summarize run`."""
    lines = ["| route | models (shapes of the defaults) | backend | 1st article s (loads) | article s | articles/min | "
             "× transformers | target tok/s | translation s | summary s | key points s | tokens / article | "
             "peak RSS MiB | other load |",
             "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (route, backend), r in results.items():
        models = ", ".join(dict.fromkeys(MODEL_NAMES.get(name, name) for name in ROUTES[route][2].values()))
        steps = r["steps"]
        translation = steps.get("translation", 0.0) + steps.get("translation_of_outputs", 0.0)
        baseline = results.get((route, "transformers"))
        ratio = f"{baseline['article_s'] / r['article_s']:.1f}" if baseline else "–"
        lines.append(f"| {route} | {models} | {backend} | {r['first_s']:.1f} | {r['article_s']:.1f} | "
                     f"{60 / r['article_s']:.1f} | {ratio} | {r['tokens'] / r['article_s']:.0f} | {translation:.1f} | "
                     f"{steps.get('summary', 0.0):.1f} | {steps.get('key_points', 0.0):.1f} | {r['tokens']} | "
                     f"{r['peak_rss_mib']:.0f} | {r['others']:.0%} |")
    return lines


def run_targets(results: dict[tuple[str, str], dict]) -> list[str]:
    """Peak memory of a full run against the 2.5 GB target, per route and backend."""
    return [f"- full `run`, route {route}, {backend}: peak RSS "
            f"{verdict(r['peak_rss_mib'], TARGET_RUN_MIB, ' MiB', higher_is_better=False)}"
            for (route, backend), r in results.items()]


def sweep(job: dict, values: list[int], repeats: int) -> list[str]:
    """CTranslate2 int8 beam 4 through translate_texts: a fresh process per run, the values taken in
    turn `repeats` times (so a slow spell of the machine hits them all), median and best kept."""
    speeds: dict[int, list[float]] = {v: [] for v in values}
    rss: dict[int, float] = {}
    for _ in range(repeats):
        for value in values:
            r = run_child(dict(job, config="c-ct2", beams=4, batch_tokens=value))
            speeds[value].append(r["tokens"] / r["run_s"])
            rss[value] = max(rss.get(value, 0.0), r["peak_rss_mib"])
            print(f"batch_tokens {value}: {speeds[value][-1]:.0f} tok/s, other load {r['others']:.0%}",
                  file=sys.stderr, flush=True)
    lines = ["| batch_tokens | target tok/s, median | best | peak RSS MiB |", "| ---: | ---: | ---: | ---: |"]
    for value in values:
        runs = sorted(speeds[value])
        lines.append(f"| {value} | {runs[len(runs) // 2]:.0f} | {runs[-1]:.0f} | {rss[value]:.0f} |")
    return lines


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="first 8 sentences only (a couple of minutes)")
    parser.add_argument("--new-tokens", type=int, default=40, help="tokens generated per sentence (default 40)")
    parser.add_argument("--batch-tokens", type=int, default=4096, help="batch budget for (c) (default 4096)")
    parser.add_argument("--sweep", action="store_true", help="also time batch_tokens values for ctranslate2 beam 4")
    parser.add_argument("--sweep-values", default="256,512,1024,2048,4096,8192")
    parser.add_argument("--sweep-copies", type=int, default=4, help="articles translated together in the sweep")
    parser.add_argument("--sweep-repeats", type=int, default=3, help="runs per batch_tokens value")
    parser.add_argument("--sweep-only", action="store_true", help="only the batch_tokens sweep")
    parser.add_argument("--part", choices=("all", "translation", "run"), default="all",
                        help="translation only (opus-mt-ar-en shape), full `summarize run` only, or both")
    parser.add_argument("--routes", default=",".join(ROUTES), help="`summarize run` routes (default: all)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = options()
    if args.child:
        job = json.loads(args.child)
        kind = job["config"].split("-")[0]
        work = {"build": build_child, "convert": convert_child, "d": cli_child, "summarize": summarize_child}
        print(json.dumps(work.get(kind, child)(job)))
        return
    with tempfile.TemporaryDirectory(prefix="summarize-bench-") as tmp:
        lines = run_all(args, Path(tmp))
    print("\n".join(lines))


def _first_sentences(text: str, n: int) -> str:
    from summarize.segment import sentences, split_paragraphs  # light: the parent stays small

    return " ".join(s.text for s in sentences(split_paragraphs(text))[:n])


def run_all(args: argparse.Namespace, tmp: Path) -> list[str]:
    """Build, convert, run every configuration (and the sweep); the report's lines."""
    texts = {route: ROUTES[route][0].read_text(encoding="utf-8") for route in ROUTES}
    if args.quick:
        texts = {route: _first_sentences(text, 8) for route, text in texts.items()}
    shapes_dir, article_file = tmp / "shapes", tmp / "article.ar.txt"
    article_file.write_text(texts["ar"], encoding="utf-8")
    job = dict(folder=str(shapes_dir / SHAPE), cache=str(tmp / "cache"), article=texts["ar"], copies=1,
               article_file=str(article_file), out=str(tmp), new_tokens=args.new_tokens,
               batch_tokens=args.batch_tokens)
    routes = [] if args.part == "translation" or args.sweep_only else args.routes.split(",")
    run_shapes = list(dict.fromkeys(name for route in routes for name in ROUTES[route][2].values()))
    names = [SHAPE, *run_shapes]
    # Building and converting are one-time costs, measured apart from everything else.
    built = run_child(dict(config="build", names=names, shapes=str(shapes_dir)), retries=0)
    converted = {name: run_child(dict(job, config="convert", folder=str(shapes_dir / name)), retries=0)
                 for name in names}
    job["converted"] = converted[SHAPE]["converted"]
    lines = [f"Machine: {built['machine']}", "",
             "One-time CTranslate2 int8 conversions (cached for later runs): " + "; ".join(
                 f"{name} {c['convert_s']:.1f} s, peak RSS {c['peak_rss_mib']:.0f} MiB" for name, c in converted.items())
             + ".", ""]
    if args.part != "run" and not args.sweep_only:
        results: dict[tuple[str, int], dict] = {}
        for beams in (1, 4):
            for name in CONFIGS:
                results[name, beams] = run_child(dict(job, config=name, beams=beams))
                print(f"{name} beam {beams}: {results[name, beams]}", file=sys.stderr, flush=True)
        lines += report(args, results, help_seconds())
    if routes:
        runs: dict[tuple[str, str], dict] = {}
        for route in routes:
            # The heaviest route also with half the default batch budget: what memory it saves, at what cost.
            variants = [("ctranslate2", None), ("transformers", None)] + ([("ctranslate2", 1024)] if route == "ar" else [])
            for backend, budget in variants:
                label = backend + (f", --batch-tokens {budget}" if budget else "")
                runs[route, label] = run_child(dict(job, config="summarize", route=route, backend=backend, beams=4,
                                                    batch_tokens=budget, shapes=str(shapes_dir), texts=texts,
                                                    tag=str(len(runs))))
                print(f"run {route} {label}: {runs[route, label]}", file=sys.stderr, flush=True)
        lines += ["", f"`summarize run`, beam 4, two copies of each article in one command (the first pays for "
                  f"loading the models); every generation forced to its cap: summary and key-point calls to "
                  f"their max_new_tokens, translated sentences to {args.new_tokens} tokens.", "",
                  *run_table(runs), "", *run_targets(runs)]
    if args.sweep or args.sweep_only:
        lines += ["", f"batch_tokens sweep: (c) ctranslate2 int8, beam 4, {args.sweep_copies} copies of the "
                  f"article in one translate_texts call, {args.sweep_repeats} runs each:", ""]
        values = [int(v) for v in args.sweep_values.split(",")]
        lines += sweep(dict(job, copies=args.sweep_copies), values, args.sweep_repeats)
    return lines


def report(args, results: dict, help_s: float) -> list[str]:
    """The translation table and the targets, in markdown."""
    first = results["a", 1]
    mode = "--quick" if args.quick else "full"
    return [f"Translation, {mode}: opus-mt-ar-en shape (Marian base, vocab 62834), random weights; "
            f"{first['sentences']} sentences of {ARTICLE.name} per article, exactly {args.new_tokens} new tokens "
            f"each; batch_tokens {args.batch_tokens} for (c), the default for (d).", "",
            *table(results), "", *targets(results, help_s)]


if __name__ == "__main__":
    main()
