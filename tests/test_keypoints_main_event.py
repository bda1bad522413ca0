"""Extractive key points for a news reader (issue 25): the lead, then the main event, before side items."""

from summarize.extractive import key_points_extractive
from summarize.extractive.scoring import vectors
from summarize.extractive.topics import stories
from summarize.segment import sentences, split_paragraphs

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
