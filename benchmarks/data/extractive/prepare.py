"""Rebuild the benchmark sets from local copies of their public sources (see SOURCES.md).

    python benchmarks/data/extractive/prepare.py FRANK_DIR SAUDINEWSNET_JSON_DIR
    python benchmarks/data/extractive/prepare.py --writers WRITER_SUMMARIES_JSON   # issue 25's added set

FRANK_DIR holds the JSON files of artidoro/frank's data/articles-wbertscore-json (commit 5860706);
SAUDINEWSNET_JSON_DIR the unzipped JSON files of parallelfold/SaudiNewsNet's dataset/ (commit 4e39239);
WRITER_SUMMARIES_JSON is Tiiiger/benchmark_llm_summarization's writer_summaries.json (commit 4e87890).
Items are picked and split deterministically (SHA-256 of the item id), never by looking at scores.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from summarize.segment import sentences, split_paragraphs

HERE = Path(__file__).resolve().parent
DEV, TEST = 50, 100


def _key(ident: str) -> str:
    return hashlib.sha256(ident.encode()).hexdigest()


def _enough(text: str, minimum: int = 5) -> bool:
    return len(sentences(split_paragraphs(text))) >= minimum


def _clean_gold(text: str) -> str:
    """XSum golds in FRANK are tokenised: undo the quote escapes only (ROUGE ignores the rest)."""
    return text.replace("\\'", "'").replace("``", '"').replace("''", '"')


def frank(folder: Path) -> tuple[list[dict], list[dict]]:
    cnn, bbc = [], []
    for path in sorted(folder.glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        if "bart_reference" in item:  # CNN/DailyMail: the article and its highlights
            text, ref = item["article"], item["bart_reference"]
            cnn.append({"id": item["hash"], "url": item.get("url", ""), "text": text, "reference": ref})
        elif "Gold" in item:  # XSum: its lines (not sentences: FRANK cut some mid-sentence), the one-line summary
            text, ref = " ".join(item["article_lines"]), _clean_gold(item["Gold"])
            bbc.append({"id": item["hash"], "url": item.get("url", ""), "text": text, "reference": ref})
    return cnn, bbc


def saudi(folder: Path) -> list[dict]:
    items = []
    for path in sorted(folder.glob("*.json")):
        for article in json.loads(path.read_text(encoding="utf-8")):
            title, text = (article.get("title") or "").strip(), (article.get("content") or "").strip()
            if title and 800 <= len(text) <= 12000:
                items.append({"id": article["url"], "url": article["url"], "source": article["source"],
                              "text": text, "reference": title})
    return items


def writers(path: Path) -> list[dict]:
    """CNN/DailyMail and BBC articles, each with every summary the freelance writers wrote for it (file
    order); articles already in cnndm.jsonl or xsum.jsonl are left out so that the sets stay disjoint."""
    held = {json.loads(line)["text"][:80] for name in ("cnndm", "xsum")
            for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()}
    items: dict[str, dict] = {}
    for row in json.loads(path.read_text(encoding="utf-8")):
        item = items.setdefault(row["article_id"], {"id": row["article_id"], "url": "", "text": row["article"].strip(),
                                                    "references": []})
        item["references"].append(" ".join(row["summary"].split()))
    kept = [item for item in items.values() if item["text"][:80] not in held]
    for item in kept:
        item["reference"] = item["references"][0]
    return kept


def write(name: str, items: list[dict], dev: int | None = None) -> None:
    """The first `dev` items by SHA-256 of their id go to dev, the rest to test (DEV of DEV + TEST by default;
    a smaller set keeps the same one-to-two ratio)."""
    chosen = [item for item in sorted(items, key=lambda item: _key(item["id"])) if _enough(item["text"])]
    chosen = chosen[: DEV + TEST]
    dev = DEV if dev is None else dev
    for k, item in enumerate(chosen):
        item["split"] = "dev" if k < dev else "test"
    with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as out:
        for item in chosen:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{name}: {len(chosen)} items")


def main(frank_dir: str, saudi_dir: str) -> None:
    cnn, bbc = frank(Path(frank_dir))
    write("cnndm", cnn)
    write("xsum", bbc)
    write("saudinewsnet", saudi(Path(saudi_dir)))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--writers"]:
        found = [item for item in writers(Path(sys.argv[2])) if _enough(item["text"])]
        write("newswriters", found, dev=round(len(found) / 3))
    else:
        main(*sys.argv[1:3])
