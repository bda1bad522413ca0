"""Rebuild the benchmark sets from local copies of their public sources (see SOURCES.md).

    python benchmarks/data/extractive/prepare.py [--frank DIR] [--saudi DIR] [--ant DIR]

--frank: the JSON files of artidoro/frank's data/articles-wbertscore-json (commit 5860706);
--saudi: the unzipped JSON files of parallelfold/SaudiNewsNet's dataset/ (commit 4e39239);
--ant: a checkout of antcorpus/antcorpus.multisource.data (commit f117ce4), its BBC/ and France24/ folders.
Only the sets whose source is given are rebuilt. Items are picked and split deterministically (SHA-256 of the
item id), never by looking at scores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

from summarize.segment import sentences, split_paragraphs, split_sentences

HERE = Path(__file__).resolve().parent
DEV, TEST = 50, 100
ANT_DEV, ANT_TEST = 40, 60  # the ANT sets: 100 articles each


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


def _tag(doc: str, tag: str) -> str:
    found = re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.S)
    return found.group(1).strip() if found else ""


def _flat(text: str) -> str:
    return " ".join(text.split())


def _body(text: str, lead: str) -> str | None:
    """The text after its opening paragraphs that are the lead (None if the text does not open with it)."""
    lines, want, seen = text.splitlines(), _flat(lead), ""
    for k, line in enumerate(lines):
        seen = _flat(seen + " " + line)
        if seen == want:
            return "\n".join(lines[k + 1:]).strip()
        if not want.startswith(seen):
            return None
    return None


def ant(folder: Path) -> tuple[list[dict], list[dict]]:
    """ANT v2.1 (multi-source): BBC Arabic articles whose summary (<ABSTRACT>, written by the BBC's editors) is not
    a copy of the text; France24 Arabic articles with a lead of two sentences or more (<ABSTRACT>, the text's
    opening paragraphs), the lead taken off the text so that the rest is summarised by it."""
    bbc, f24, seen = [], [], set()
    for path in sorted(folder.glob("BBC/*/*.txt")) + sorted(folder.glob("France24/*/*.txt")):
        doc = path.read_text(encoding="utf-8")
        url, summary, text = _tag(doc, "URL"), _tag(doc, "ABSTRACT"), _tag(doc, "TEXT")
        if not summary or url in seen:
            continue
        seen.add(url)
        item = {"id": url, "url": url, "source": _tag(doc, "SRC"), "title": _tag(doc, "TITLE"), "reference": summary}
        if path.parts[-3] == "BBC" and _flat(summary)[:60] not in _flat(text):
            bbc.append(item | {"text": text})
        elif path.parts[-3] == "France24" and len(split_sentences(summary)) >= 2:
            body = _body(text, summary)
            if body:
                f24.append(item | {"text": body})
    def sized(items: list[dict]) -> list[dict]:
        return [item for item in items if 800 <= len(item["text"]) <= 12000]

    return sized(bbc), sized(f24)


def write(name: str, items: list[dict], dev: int = DEV, test: int = TEST) -> None:
    chosen = [item for item in sorted(items, key=lambda item: _key(item["id"])) if _enough(item["text"])]
    chosen = chosen[: dev + test]
    for k, item in enumerate(chosen):
        item["split"] = "dev" if k < dev else "test"
    with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as out:
        for item in chosen:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{name}: {len(chosen)} items")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("frank", "saudi", "ant"):
        parser.add_argument(f"--{name}", type=Path)
    args = parser.parse_args(argv)
    if args.frank:
        cnn, bbc = frank(args.frank)
        write("cnndm", cnn)
        write("xsum", bbc)
    if args.saudi:
        write("saudinewsnet", saudi(args.saudi))
    if args.ant:
        bbc_ar, france24 = ant(args.ant)
        write("ant_bbc", bbc_ar, ANT_DEV, ANT_TEST)
        write("ant_france24", france24, ANT_DEV, ANT_TEST)


if __name__ == "__main__":
    main()
