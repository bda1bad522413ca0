"""ROUGE of `run --method extractive`, its key points and its summary as printed, against Lead-K and sumy.

    pip install -e ".[bench]"
    python benchmarks/extractive_bench.py                    # held-out (test) split, every set
    python benchmarks/extractive_bench.py --split dev        # the split the weights were tuned on
    python benchmarks/extractive_bench.py --per-article out.jsonl

K is the number of sentences of each article's reference (the rounded mean where an article has several
references; its ROUGE is then the mean over them). "key points" and "summary" are what
`summarize.run(text, method="extractive", points=K, length=K)` returns, the CLI's own path (language
detected, sentences split, points and summary chosen): the key points joined one a line, the summary as
printed. Lead-K and sumy pick K sentences from the tool's own sentence split (summarize.segment). English
is scored by rouge-score with its Porter stemmer; Arabic by rouge-score with a Unicode word tokenizer
(diacritics and tatweel stripped, letters otherwise as written), since rouge-score's own keeps only
[a-z0-9]. Differences to Lead-K come with 95 % paired bootstrap confidence intervals (resampled articles).
Data and licences: benchmarks/data/extractive/SOURCES.md.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Callable, Sequence

import summarize
from summarize.errors import UnsupportedLanguageError
from summarize.records import Sentence
from summarize.segment import sentences, split_paragraphs, split_sentences

DATA = Path(__file__).resolve().parent / "data" / "extractive"
# set name → (language, what the reference is)
SETS = {
    "cnndm": ("en", "CNN/DailyMail story vs its highlights"),
    "xsum": ("en", "BBC (XSum) article vs its one-line summary"),
    "saudinewsnet": ("ar", "Saudi newspaper article vs its headline"),
    "newswriters": ("en", "CNN/DailyMail or BBC article vs freelance writers' summaries (1–4 each)"),
}
METRICS = ("rouge1", "rouge2", "rougeL")
CLI = ("key points", "summary")
BASELINE = "Lead-K"
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_WORD = re.compile(r"\w+")


class UnicodeWords:
    """rouge-score tokenizer for Arabic: NFKC, harakat and tatweel stripped, casefolded \\w+ words."""

    def tokenize(self, text: str) -> list[str]:
        return _WORD.findall(_MARKS.sub("", unicodedata.normalize("NFKC", text)).casefold())


def scorer(language: str):
    from rouge_score import rouge_scorer

    if language == "en":
        return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    return rouge_scorer.RougeScorer(list(METRICS), tokenizer=UnicodeWords())


def load(name: str, split: str) -> list[dict]:
    rows = [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if split == "all" or row["split"] == split]


def cli(text: str, k: int, language: str | None = None) -> dict[str, tuple[str, list[int]]]:
    """The key points and the summary that `run --method extractive --points K --length K` prints, and the
    sentence ids of the key points; an article whose language is detected as neither Arabic nor English is
    run again with --from `language`, as the CLI's message tells a user to."""
    try:
        result = summarize.run(text, method="extractive", points=k, length=str(k))
    except UnsupportedLanguageError:
        if language is None:
            raise
        result = summarize.run(text, method="extractive", points=k, length=str(k), source=language)
    points = [p.text for p in result.key_points]
    ids = sorted(i for p in result.key_points for i in p.evidence)
    return {"key points": ("\n".join(points), ids), "summary": (result.summary, [])}


def lead(sents: Sequence[Sentence], language: str, k: int) -> list[int]:
    return [s.id for s in sents[:k]]


class _Words:
    """Sumy's tokenizer interface over a plain Unicode word split (sumy's own needs NLTK data)."""

    def to_words(self, text: str) -> list[str]:
        return UnicodeWords().tokenize(text)


def sumy_system(kind: str) -> Callable[[Sequence[Sentence], str, int], list[int]]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    def pick(sents: Sequence[Sentence], language: str, k: int) -> list[int]:
        name = {"en": "english", "ar": "arabic"}[language]
        summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer(name))
        summarizer.stop_words = get_stop_words(name)
        objects = [SumySentence(s.text, _Words()) for s in sents]
        chosen = summarizer(ObjectDocumentModel([Paragraph(objects)]), k)
        where = {id(o): s.id for o, s in zip(objects, sents)}
        return sorted(where[id(o)] for o in chosen)

    return pick


def evaluate(name: str, split: str, systems: dict, limit: int | None = None) -> tuple[list[dict], float]:
    """Per article: each system's ROUGE F1 (×100) and its sentence ids."""
    language, _ = SETS[name]
    rouge, rows, spent = scorer(language), [], 0.0
    for item in load(name, split)[:limit]:
        sents = sentences(split_paragraphs(item["text"]))
        references = item.get("references") or [item["reference"]]  # several: scores are their mean
        k = max(1, round(statistics.fmean(len(split_sentences(r)) for r in references)))
        row = {"set": name, "id": item["id"], "sentences": len(sents), "k": k, "systems": {}}
        started = time.perf_counter()
        outputs = cli(item["text"], k, language)
        spent += time.perf_counter() - started
        for system, pick in systems.items():
            ids = pick(sents, language, k)
            outputs[system] = ("\n".join(sents[i].text for i in ids), ids)
        for system, (summary, ids) in outputs.items():
            scores = [rouge.score(reference, summary) for reference in references]
            row["systems"][system] = {"ids": ids, **{m: 100 * statistics.fmean(s[m].fmeasure for s in scores)
                                                      for m in METRICS}}
        rows.append(row)
    return rows, spent


def paired_ci(a: list[float], b: list[float], rounds: int, seed: int = 0) -> tuple[float, float, float]:
    """Mean of a − b and its 95 % paired bootstrap interval."""
    diffs = [x - y for x, y in zip(a, b)]
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(diffs, k=len(diffs))) for _ in range(rounds))
    return statistics.fmean(diffs), means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def table(name: str, rows: list[dict], rounds: int) -> str:
    language, what = SETS[name]
    ks = [r["k"] for r in rows]
    lines = [f"\n#### {name} ({language}, K from the reference: mean {statistics.fmean(ks):.1f}, {min(ks)}–{max(ks)}): "
             f"{what}; {len(rows)} articles\n",
             f"| system | ROUGE-1 | ROUGE-2 | ROUGE-L | ROUGE-L minus {BASELINE} (95 % CI) |",
             "| --- | --- | --- | --- | --- |"]
    base = [r["systems"][BASELINE]["rougeL"] for r in rows]
    for system in rows[0]["systems"]:
        means = [statistics.fmean(r["systems"][system][m] for r in rows) for m in METRICS]
        if system == BASELINE:
            versus = "—"
        else:
            mean, low, high = paired_ci([r["systems"][system]["rougeL"] for r in rows], base, rounds)
            versus = f"{mean:+.2f} [{low:+.2f}, {high:+.2f}]"
        label = f"{system} (CLI)" if system in CLI else system
        lines.append(f"| {label} | " + " | ".join(f"{v:.2f}" for v in means) + f" | {versus} |")
    picks = [i < r["k"] for r in rows for i in r["systems"]["key points"]["ids"]]
    lines.append(f"\nkey points in the first K sentences: {100 * sum(picks) / max(len(picks), 1):.0f} %")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each set")
    parser.add_argument("--per-article", help="write every article's scores and picks here (JSONL)")
    parser.add_argument("--no-peers", action="store_true", help="only this project and Lead-K (fast)")
    args = parser.parse_args(argv)
    systems = {"Lead-K": lead}
    if not args.no_peers:
        systems |= {"sumy LexRank": sumy_system("lexrank"), "sumy TextRank": sumy_system("textrank")}
    out = open(args.per_article, "w", encoding="utf-8") if args.per_article else None
    print(f"split: {args.split}; ROUGE F1 × 100, mean over articles")
    for name in args.sets.split(","):
        rows, spent = evaluate(name, args.split, systems, args.limit)
        print(table(name, rows, args.bootstrap))
        print(f"\nthe CLI's run (detection, segmentation, summary, key points, checks): "
              f"{1000 * spent / max(len(rows), 1):.1f} ms an article")
        for row in rows if out else ():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if out:
        out.close()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
