"""The extractive benchmark's sets (issue 25 item 2): Arabic sets with human summaries, split by article."""

import importlib.util
import json
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bench():
    return _load("extractive_bench", _ROOT / "extractive_bench.py")


def _prepare():
    return _load("extractive_prepare", _ROOT / "data" / "extractive" / "prepare.py")


def test_every_set_has_both_splits_with_distinct_articles():
    bench = _bench()
    for name in bench.SETS:
        rows = bench.load(name, "all")
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), name
        assert {row["split"] for row in rows} == {"dev", "test"}, name
        assert all(row["text"].strip() and row["reference"].strip() for row in rows), name


def test_arabic_sets_with_human_summaries_small_and_multi_sentence():
    bench = _bench()
    from summarize.segment import split_sentences

    assert {"ant_bbc", "ant_france24"} <= set(bench.SETS)
    for name in ("ant_bbc", "ant_france24"):
        assert bench.SETS[name][0] == "ar"
        rows = bench.load(name, "all")
        assert len(rows) <= 100
        assert sum(row["split"] == "test" for row in rows) >= 50
    france24 = bench.load("ant_france24", "all")
    assert all(len(split_sentences(row["reference"])) >= 2 for row in france24)
    # the lead was taken off the text: the text does not open with the summary
    assert not any(" ".join(row["text"].split()).startswith(" ".join(row["reference"].split())) for row in france24)


_DOC = """<DOC>
<DOCNO>{no}</DOCNO>
<URL>http://example.org/{no}</URL>
<SRC>{src}</SRC>
<TITLE>عنوان</TITLE>
<ABSTRACT>
{abstract}
</ABSTRACT>
<TEXT>
{text}
</TEXT>
</DOC>"""
_BODY = "\n".join(f"وقال المتحدث إن الاجتماع رقم {k} ناقش الوضع في المنطقة بالتفصيل مع الوفود المشاركة." for k in range(12))


def test_prepare_keeps_independent_summaries_and_takes_the_lead_off(tmp_path):
    lead = "أعلنت الحكومة خطة جديدة للنقل. وتشمل الخطة ثلاث مدن كبرى."
    docs = {
        "BBC/world/BB-1.txt": ("BBC", "الحكومة تعلن خطة للنقل تشمل ثلاث مدن.", _BODY),
        "BBC/world/BB-2.txt": ("BBC", _BODY.splitlines()[0], _BODY),  # a copy of the text's first line: left out
        "France24/world/FR-1.txt": ("France24", lead, "أعلنت الحكومة خطة جديدة\nللنقل. وتشمل الخطة ثلاث مدن كبرى.\n"
                                    + _BODY),
        "France24/world/FR-2.txt": ("France24", "جملة واحدة فقط عن الخطة.", "جملة واحدة فقط عن الخطة.\n" + _BODY),
    }
    for path, (src, abstract, text) in docs.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_DOC.format(no=target.stem, src=src, abstract=abstract, text=text), encoding="utf-8")
    bbc, france24 = _prepare().ant(tmp_path)
    assert [item["id"] for item in bbc] == ["http://example.org/BB-1"]
    assert [item["id"] for item in france24] == ["http://example.org/FR-1"]
    assert france24[0]["reference"] == lead
    assert france24[0]["text"] == _BODY
