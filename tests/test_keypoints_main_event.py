"""Extractive key points for a news reader (issue 25): the lead, then the main event, before side items."""

import json
from pathlib import Path
from typing import Sequence

from summarize.extractive import key_points_extractive
from summarize.extractive.scoring import vectors
from summarize.extractive.topics import stories
from summarize.records import Sentence
from summarize.segment import sentences, split_paragraphs

from .corpus import find, read_text

# A single-event agency item with a short side item at its end, as Arabic wire copy runs them.
AGENCY = """\
أعلنت وزارة الصحة الفلسطينية مقتل ثلاثة فلسطينيين وإصابة عشرة آخرين في غارة إسرائيلية على مخيم جباليا شمال قطاع غزة.
وقال المتحدث باسم الوزارة إن الغارة استهدفت منزلا في المخيم وإن بين المصابين أطفالا ونساء.
وأضاف المتحدث أن طواقم الإسعاف نقلت المصابين إلى مستشفى كمال عدوان وأن حالة اثنين منهم خطيرة.

وقال الجيش الإسرائيلي في بيان إن الغارة استهدفت مسلحين كانوا يطلقون قذائف من المخيم.
ونفى سكان المخيم وجود مسلحين في المنزل وقالوا إن الغارة دمرت المنزل فوق ساكنيه.
ودانت حركة حماس الغارة على المخيم وقالت إن مقتل الفلسطينيين الثلاثة لن يمر دون رد.
وشيع آلاف الفلسطينيين القتلى الثلاثة في مخيم جباليا وسط هتافات تطالب بالرد على الغارة. (أ.ف.ب)

من جهة ثانية ذكرت مجلة ألمانية أن شركة سيارات كبرى تعتزم بناء مصنع جديد في شرق أوروبا.
وقالت المجلة إن كلفة المصنع تبلغ مليار يورو.
"""


def test_a_side_item_gets_no_point_before_the_main_event_has_its_share():
    news = sentences(split_paragraphs(AGENCY))
    assert len(stories(news, vectors(news, "ar"))) > 1  # the side item is a story of its own
    side = {s.id for s in news if s.paragraph == news[-1].paragraph}
    for n in (2, 3, 4):
        points = key_points_extractive(news, "ar", n)
        assert points[0].id == 0
        assert not side & {p.id for p in points}, n


# Real articles (tests/data/corpus, benchmarks/data/extractive): where a story really changes.

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "extractive"


def _news(path: Path) -> tuple[Sentence, ...]:
    return sentences(split_paragraphs(read_text(path)))


def _stories(news: Sequence[Sentence], language: str) -> list[tuple[int, int]]:
    return stories(news, vectors(news, language))


def _bench_item(name: str, item: str) -> tuple[Sentence, ...]:
    lines = (BENCH / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    [text] = [row["text"] for row in map(json.loads, lines) if row["id"] == item]
    return sentences(split_paragraphs(text))


def test_a_single_event_report_is_one_story_and_its_points_stay_on_the_event():
    # BBC, Glastonbury: the storm and Arcade Fire's set; a quote and a star's plans come late.
    # Paragraphs of one sentence made the old cosine breaks cut it into 18 stories, and the
    # points went to "There's a great feeling coming in," and Bradley Cooper's plans.
    news = _bench_item("newswriters", "909f8362981a44eeae5060ea05eb31e6")  # a dev item
    main = _stories(news, "en")[0]
    assert main[1] - main[0] > len(news) * 3 // 4
    points = key_points_extractive(news, "en", 3)
    assert all(main[0] <= p.id < main[1] for p in points), [p.id for p in points]
    assert points[0].text.startswith("Arcade Fire brought a party atmosphere to Glastonbury")


def test_an_agency_item_with_update_headings_is_one_story():
    # Asharq Al-Awsat, a suicide bombing in Asir, with «تحديث (1)», «تحديث (2)» above the
    # updates; AFP, bombings in Damaturu, one sentence a paragraph: one event each.
    for item in ("ar/068-aawsat-423666.txt", "ar/007-aawsat-408681.txt"):
        news = _news(find(item))
        assert _stories(news, "ar") == [(0, len(news))], item


def _brief(language: str, *items: tuple[str, int]) -> tuple[str, list[tuple[int, int]]]:
    """A news-in-brief page: the first sentences of each corpus article (its title among them
    where it has one), an item a block of paragraphs; and each item's [start, end) sentences."""
    blocks, spans = [], []
    for pattern, count in items:
        news = _news(find(f"{language}/{pattern}"))[:count]
        paragraphs: dict[int, list[str]] = {}
        for s in news:
            paragraphs.setdefault(s.paragraph, []).append(s.text)
        blocks.append("\n".join(" ".join(p) for p in paragraphs.values()))
        start = spans[-1][1] if spans else 0
        spans.append((start, start + len(news)))
    return "\n\n".join(blocks), spans


def test_a_brief_of_real_items_of_unequal_length_gets_one_point_per_item():
    # The first item twice the others' length: D'Hondt alone gave it the second point too.
    for language, items in (
        ("ar", (("007-aawsat-408681.txt", 6), ("003-alyaum-4082230.txt", 3),
                ("063-okaz-20150726785734.txt", 3))),
        ("en", (("035-nypost-com2.txt", 6), ("028-mashable-com2.txt", 3),
                ("037-oregonlive-com2.txt", 3))),
    ):
        text, spans = _brief(language, *items)
        news = sentences(split_paragraphs(text))
        assert len(news) == spans[-1][1]
        assert _stories(news, language) == spans, language
        points = key_points_extractive(news, language, 3)
        assert [next(i for i, (a, b) in enumerate(spans) if a <= p.id < b)
                for p in points] == [0, 1, 2], (language, [p.id for p in points])
