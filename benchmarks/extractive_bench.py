"""ROUGE of `--method extractive` against Lead-K and sumy's LexRank/TextRank on news with human references.

    pip install -e ".[bench]"
    python benchmarks/extractive_bench.py                    # held-out (test) split, every set
    python benchmarks/extractive_bench.py --split dev        # the split the weights were tuned on
    python benchmarks/extractive_bench.py --per-article out.jsonl

Every system picks the same number of sentences (K) from the tool's own sentence split
(summarize.segment); the summary is those sentences joined in article order. English is scored by
rouge-score with its Porter stemmer; Arabic by rouge-score with a Unicode word tokenizer (diacritics
and tatweel stripped, letters otherwise as written), since rouge-score's own keeps only [a-z0-9].
Differences to this project come with 95 % paired bootstrap confidence intervals (resampled articles).
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

from summarize.extractive import Profile, select
from summarize.records import Sentence
from summarize.segment import sentences, split_paragraphs

DATA = Path(__file__).resolve().parent / "data" / "extractive"
# set name → (language, K sentences, what the reference is)
SETS = {
    "cnndm": ("en", 3, "CNN/DailyMail story vs its highlights"),
    "xsum": ("en", 1, "BBC (XSum) article vs its one-line summary"),
    "saudinewsnet": ("ar", 1, "Saudi newspaper article vs its headline"),
}
METRICS = ("rouge1", "rouge2", "rougeL")
SYSTEMS = ("this project", "Lead-K", "sumy LexRank", "sumy TextRank")
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


def ours(profile: Profile) -> Callable[[Sequence[Sentence], str, int], list[int]]:
    def pick(sents: Sequence[Sentence], language: str, k: int) -> list[int]:
        return [s.id for s in select(sents, language, k, profile=profile)]

    return pick


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
    language, k, _ = SETS[name]
    rouge, rows, spent = scorer(language), [], 0.0
    for item in load(name, split)[:limit]:
        sents = sentences(split_paragraphs(item["text"]))
        row = {"set": name, "id": item["id"], "sentences": len(sents), "systems": {}}
        for system, pick in systems.items():
            started = time.perf_counter()
            ids = pick(sents, language, k)
            if system == "this project":
                spent += time.perf_counter() - started
            summary = "\n".join(sents[i].text for i in ids)
            scores = rouge.score(item["reference"], summary)
            row["systems"][system] = {"ids": ids, **{m: 100 * scores[m].fmeasure for m in METRICS}}
        rows.append(row)
    return rows, spent


def paired_ci(a: list[float], b: list[float], rounds: int, seed: int = 0) -> tuple[float, float, float]:
    """Mean of a − b and its 95 % paired bootstrap interval."""
    diffs = [x - y for x, y in zip(a, b)]
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(diffs, k=len(diffs))) for _ in range(rounds))
    return statistics.fmean(diffs), means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def table(name: str, rows: list[dict], rounds: int) -> str:
    language, k, what = SETS[name]
    lines = [f"\n### {name} ({language}, K={k}): {what}; {len(rows)} articles\n",
             "| system | ROUGE-1 | ROUGE-2 | ROUGE-L | ROUGE-L vs this project (95 % CI) |",
             "| --- | --- | --- | --- | --- |"]
    ours_l = [r["systems"]["this project"]["rougeL"] for r in rows]
    for system in rows[0]["systems"]:
        means = [statistics.fmean(r["systems"][system][m] for r in rows) for m in METRICS]
        if system == "this project":
            versus = "—"
        else:
            mean, low, high = paired_ci(ours_l, [r["systems"][system]["rougeL"] for r in rows], rounds)
            versus = f"{mean:+.2f} [{low:+.2f}, {high:+.2f}]"
        lines.append(f"| {system} | " + " | ".join(f"{v:.2f}" for v in means) + f" | {versus} |")
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
    systems = {"this project": ours(Profile()), "Lead-K": lead}
    if not args.no_peers:
        systems |= {"sumy LexRank": sumy_system("lexrank"), "sumy TextRank": sumy_system("textrank")}
    out = open(args.per_article, "w", encoding="utf-8") if args.per_article else None
    print(f"split: {args.split}; ROUGE F1 × 100, mean over articles")
    for name in args.sets.split(","):
        rows, spent = evaluate(name, args.split, systems, args.limit)
        print(table(name, rows, args.bootstrap))
        print(f"\nthis project: {1000 * spent / max(len(rows), 1):.1f} ms an article")
        for row in rows if out else ():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if out:
        out.close()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
