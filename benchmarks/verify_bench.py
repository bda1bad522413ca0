"""verify on real articles: planted errors caught and false alarms per category, ours beside the checker it replaced.

    PYTHONPATH=. python benchmarks/verify_bench.py [--split dev|held|all] [--baseline REV] [--misses]

Pairs are benchmarks/data/verify/pairs.tsv (article, split, label, category, summary sentence) against the articles in
benchmarks/data/verify/articles/ (sources in SOURCES.md), each checked from its date where dates.tsv knows it (relative
dates).  A planted error is caught when `check` reports anything for
its sentence; a faithful sentence with any finding is a false alarm; a crash is neither (and is counted apart).
`--baseline` loads summarize/verify.py as it was at a git revision (default bbc48b8, before claim-level checking) and
scores it on the same pairs.  The timing line is
`check` of a 1,000-word article (real articles joined) against a 10-sentence summary, caches cleared each run.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "verify"
# The categories the checker claimed before claim-level checking (issue 14's "claimed today"), then the rest.
CLAIMED = ["digits", "percent", "scale", "currency", "years", "months", "dates", "quotes"]


def load_pairs(split: str) -> list[dict[str, str]]:
    with open(DATA / "pairs.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows if split == "all" or r["split"] == split]


def article_dates() -> dict[str, str]:
    """The articles whose publication date is known (dates.tsv): what their relative dates are checked from."""
    with open(DATA / "dates.tsv", encoding="utf-8", newline="") as f:
        return {r["article"]: r["date"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def baseline_check(rev: str):
    """`check` of summarize/verify.py at git revision `rev`, loaded as a stand-alone module."""
    source = subprocess.run(["git", "show", f"{rev}:summarize/verify.py"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    path = Path(tempfile.mkdtemp()) / "verify_baseline.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("verify_baseline", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["verify_baseline"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.check


def safe(check, article: str, summary: str) -> tuple[bool | None, str]:
    """(any finding, or None for a crash; the first finding or the exception) — the old checker crashed on decimals."""
    try:
        found = check(article, summary)
    except Exception as e:  # noqa: BLE001 - a crash is a result here, and neither a catch nor an alarm
        return None, f"CRASH {type(e).__name__}"
    return bool(found), (f"{found[0].kind}: {found[0].why}" if found else "")


def score(check, pairs: list[dict[str, str]], articles: dict[str, str], misses: bool) -> dict[str, list[int]]:
    """category -> [caught or alarms, total]; prints what was missed (or falsely flagged) when asked."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in pairs:
        flagged, first = safe(check, articles[p["article"]], p["summary"])
        key = "faithful" if p["label"] == "faithful" else p["category"]
        table[key][0] += bool(flagged)
        table[key][1] += 1
        table["crashed"][0] += flagged is None
        table["crashed"][1] += 1
        if misses and flagged != (p["label"] == "error"):
            print(f"  {'FALSE ALARM' if flagged else 'MISSED'} [{key}] {p['summary']}  -> {first}")
    return table


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f} %)" if b else "-"


def report(tables: dict[str, dict[str, list[int]]]) -> None:
    names = list(tables)
    cats = [c for c in CLAIMED if any(c in t for t in tables.values())]
    cats += sorted({c for t in tables.values() for c in t} - set(cats) - {"faithful", "crashed"})
    print(f"| category | {' | '.join(names)} |")
    print(f"|---|{'---|' * len(names)}")
    for c in cats:
        print(f"| {c} | {' | '.join(pct(*tables[n].get(c, [0, 0])) for n in names)} |")
    for label, group in (("claimed categories", CLAIMED), ("all planted errors", cats)):
        sums = {n: [sum(tables[n].get(c, [0, 0])[i] for c in group) for i in (0, 1)] for n in names}
        print(f"| **{label}** | {' | '.join(pct(*sums[n]) for n in names)} |")
    print(f"| **false alarms (faithful)** | {' | '.join(pct(*tables[n].get('faithful', [0, 0])) for n in names)} |")
    print(f"| crashed (pairs) | {' | '.join(pct(*tables[n].get('crashed', [0, 0])) for n in names)} |")


def timing(check) -> float:
    """Median seconds of `check` on a 1,000-word article against a 10-sentence summary, caches cleared."""
    from summarize.verify import claims, dates, extract, meaning, names, numbers, numwords, quotes, text

    english = sorted((DATA / "articles").glob("en-*.txt"))
    article = "\n\n".join(p.read_text(encoding="utf-8") for p in english)
    words = article.split()
    article = " ".join(words[:1000]) if len(words) > 1000 else article
    summary = " ".join(p["summary"] for p in load_pairs("all") if p["article"].startswith("en-"))
    summary = " ".join(summary.split(". ")[:10])
    caches = [f for m in (claims, dates, extract, meaning, names, numbers, numwords, quotes, text)
              for f in vars(m).values() if hasattr(f, "cache_clear")]
    runs = []
    for _ in range(5):
        for f in caches:
            f.cache_clear()
        started = time.perf_counter()
        check(article, summary)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", choices=["dev", "held", "all"])
    parser.add_argument("--baseline", default="bbc48b8", help="git revision of the old checker ('' to skip)")
    parser.add_argument("--misses", action="store_true", help="print each missed error and each false alarm")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from summarize.verify import check

    articles = {p.stem: p.read_text(encoding="utf-8") for p in (DATA / "articles").glob("*.txt")}
    pairs = load_pairs(args.split)
    dated = {articles[name]: day for name, day in article_dates().items()}  # relative dates count from these

    def ours(article: str, summary: str):
        return check(article, summary, article_date=dated.get(article))

    tables = {"verify (this branch)": score(ours, pairs, articles, args.misses)}
    if args.baseline:
        tables[f"verify at {args.baseline}"] = score(baseline_check(args.baseline), pairs, articles, False)
    errors = sum(p["label"] == "error" for p in pairs)
    print(f"\n{len(pairs)} pairs ({args.split}): {errors} planted errors, {len(pairs) - errors} faithful; "
          f"{len({p['article'] for p in pairs})} articles\n")
    report(tables)
    print(f"\ncheck of a 1,000-word article against a 10-sentence summary: {timing(check):.3f} s (median of 5)")


if __name__ == "__main__":
    main()
