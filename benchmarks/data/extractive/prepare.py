"""Rebuild the benchmark sets from local copies of their public sources (see SOURCES.md).

    python benchmarks/data/extractive/prepare.py FRANK_DIR SAUDINEWSNET_JSON_DIR

FRANK_DIR holds the JSON files of artidoro/frank's data/articles-wbertscore-json (commit 5860706);
SAUDINEWSNET_JSON_DIR the unzipped JSON files of parallelfold/SaudiNewsNet's dataset/ (commit 4e39239).
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


def write(name: str, items: list[dict]) -> None:
    chosen = [item for item in sorted(items, key=lambda item: _key(item["id"])) if _enough(item["text"])]
    chosen = chosen[: DEV + TEST]
    for k, item in enumerate(chosen):
        item["split"] = "dev" if k < DEV else "test"
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
    main(*sys.argv[1:3])
