"""Paragraphs, sentences, fitting and windows: shapes and the never-drop-text invariants."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from summarize.records import Paragraph, Sentence
from summarize.segment import (
    fit,
    looks_like_heading,
    sentences,
    split_paragraphs,
    split_sentences,
    windows,
)

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "khaberni-syria-russia.en.txt"


def squeeze(text: str) -> str:
    """The text without any whitespace: what 'equal up to whitespace' compares."""
    return "".join(text.split())


def words(text: str) -> int:
    return len(text.split())


# --- paragraphs ---------------------------------------------------------------------------


def test_one_paragraph_per_line_when_there_are_no_blank_lines():
    text = SAMPLE.read_text(encoding="utf-8")
    paragraphs = split_paragraphs(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert [p.text for p in paragraphs] == lines
    assert [p.index for p in paragraphs] == list(range(len(lines)))
    headings = [p.text for p in paragraphs if p.kind == "heading"]
    assert headings == [
        "Intensive Diplomatic Visits Pave the Way for a New Phase",
        "Syria’s Need for Russian Presence",
        "The Issue of Russian Bases",
    ]
    assert all(p.marker == "" for p in paragraphs)


def test_blank_lines_separate_blocks_and_lines_inside_a_block_are_joined():
    text = "First line of a paragraph\nthat wraps here.\n\nSecond paragraph.\n"
    assert split_paragraphs(text) == (
        Paragraph(0, "First line of a paragraph that wraps here."),
        Paragraph(1, "Second paragraph."),
    )


def test_markdown_markers_go_to_the_marker_field():
    text = (
        "# The Title\n\n"
        "Lead paragraph, first line,\nsecond line.\n\n"
        "## Background\n"
        "- first point.\n"
        "* second point\n"
        "  continued on an indented line.\n"
        "+ third point.\n\n"
        "1. numbered one.\n"
        "2) numbered two.\n"
        "٣. عنصر مرقم.\n\n"
        "> A quoted line.\n"
    )
    got = [(p.marker, p.kind, p.text) for p in split_paragraphs(text)]
    assert got == [
        ("#", "heading", "The Title"),
        ("", "text", "Lead paragraph, first line, second line."),
        ("##", "heading", "Background"),
        ("-", "list", "first point."),
        ("*", "list", "second point continued on an indented line."),
        ("+", "list", "third point."),
        ("1.", "list", "numbered one."),
        ("2)", "list", "numbered two."),
        ("٣.", "list", "عنصر مرقم."),
        (">", "text", "A quoted line."),
    ]


def test_only_an_indented_line_continues_a_list_item():
    text = "Intro.\n\n- first item\n  goes on here.\nA sentence after the list.\n"
    assert [(p.marker, p.text) for p in split_paragraphs(text)] == [
        ("", "Intro."),
        ("-", "first item goes on here."),
        ("", "A sentence after the list."),
    ]


def test_markers_are_recognised_in_one_line_per_paragraph_files_too():
    paragraphs = split_paragraphs("## Heading\n- item one.\nPlain sentence here.")
    assert [(p.marker, p.kind) for p in paragraphs] == [("##", "heading"), ("-", "list"), ("", "text")]


@pytest.mark.parametrize(
    "line",
    [
        "2026. A year that opens a line.",
        "-not a list item",
        "#hashtag trends today.",
        "**bold** lead sentence.",
    ],
)
def test_things_that_only_look_like_markers_stay_text(line):
    (paragraph,) = split_paragraphs(line)
    assert (paragraph.marker, paragraph.text) == ("", line)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Issue of Russian Bases", True),
        ("سوريا وروسيا: مرحلة جديدة", True),
        ("Lavrov said the bases would stay.", False),
        ("Key facts:", False),
        ("أين تقف العلاقات؟", False),
        (" ".join(["word"] * 16), False),
        ("", False),
    ],
)
def test_looks_like_heading(text, expected):
    assert looks_like_heading(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE.read_text(encoding="utf-8"),
        "# T\n\n- a\n-b\n\n  1) x\n\n> q\n>\n\n\n#\ntext\n  indented\n",
        "\n\n  \n",
        "سطر أول.\r\nسطر ثان؟\r\n\r\n- بند\r\n",
        "one\u2028two\n\n\tthree  four",
    ],
)
def test_paragraphs_keep_every_non_whitespace_character_in_order(text):
    paragraphs = split_paragraphs(text)
    assert squeeze("".join(p.marker + p.text for p in paragraphs)) == squeeze(text)
    assert all(p.text == p.text.strip() and p.text for p in paragraphs)


def test_empty_text_has_no_paragraphs():
    assert split_paragraphs("") == ()
    assert split_paragraphs(" \n\t\n") == ()


# --- sentences ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "هل انتهت الأزمة؟ قال المتحدث، في مؤتمر صحفي، إن المفاوضات مستمرة. وأضاف أنها ستنتهي قريبا!",
            [
                "هل انتهت الأزمة؟",
                "قال المتحدث، في مؤتمر صحفي، إن المفاوضات مستمرة.",
                "وأضاف أنها ستنتهي قريبا!",
            ],
        ),
        ("جملة أولى؛ تتمة لها. جملة ثانية۔ ثالثة", ["جملة أولى؛ تتمة لها.", "جملة ثانية۔", "ثالثة"]),
        (
            "It rose 3.5 percent. It is ٣٫٥ now. It cost 1,200.50 dollars.",
            ["It rose 3.5 percent.", "It is ٣٫٥ now.", "It cost 1,200.50 dollars."],
        ),
        ("Wait… It came. Then... More", ["Wait…", "It came.", "Then...", "More"]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("قال: «انتهى الأمر.» وغادر.", ["قال: «انتهى الأمر.»", "وغادر."]),
        # pysbd, like golden rule 23, keeps "(… an engineer.) at the local University" together
        ("It ended (finally.) Next one?) Last]", ["It ended (finally.) Next one?)", "Last]"]),
        ("It was 'over.' They agreed’ now.", ["It was 'over.'", "They agreed’ now."]),
        ('"Why?" he asked. Nobody knew.', ['"Why?" he asked.', "Nobody knew."]),
        ("Mr. Smith and Mrs. Jones met Dr. Lee, Prof. Hill and Gen. Ray.", None),
        ("Gov. A, Sen. B, Rep. C, Lt. D, Col. E, Sgt. F and Capt. G came from St. Louis.", None),
        ("Acme Inc. Holdings and Foo Ltd. Partners and Bar Co. Group signed.", None),
        ("Smith Jr. Senior and Smith Sr. Junior talked vs. Doe etc. Group.", None),
        ("It was set on Jan. 5 and Feb. 6 and Dec. 7 by No. 10 staff.", None),
        ("Officials in the U.S. Senate, the U.N. Security Council and the U.K. and E.U. Parliament.", None),
        ("Some, e.g. these, and some, i.e. those, count.", None),
        ("J. Smith met George W. Bush.", None),
        ("التقى د. محمد أحمد بالوزير.", None),
        ("حضر أ.د. علي الندوة.", None),
        ("Sanctions by the U.S. The ministry said so.", ["Sanctions by the U.S.", "The ministry said so."]),
        ("He works for Acme Inc. The firm grew.", ["He works for Acme Inc.", "The firm grew."]),
        ("He said No. Then he left.", ["He said No.", "Then he left."]),
        ("ولد عام 1950 م. وقال أبوه ذلك.", ["ولد عام 1950 م.", "وقال أبوه ذلك."]),
        ("قال.وأضاف أنه حضر؟نعم", ["قال.", "وأضاف أنه حضر؟", "نعم"]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    expected = [text] if expected is None else expected
    assert list(split_sentences(text)) == expected


def test_sentences_joined_with_spaces_give_back_the_text():
    text = SAMPLE.read_text(encoding="utf-8")
    for paragraph in split_paragraphs(text):
        found = split_sentences(paragraph.text)
        assert " ".join(found) == paragraph.text
    arabic = "  قال.وأضاف:  «لا.»\nثم غادر؟ ‏نعم…  "
    assert squeeze(" ".join(split_sentences(arabic))) == squeeze(arabic)


def test_sentences_are_numbered_in_article_order_with_their_paragraph():
    paragraphs = split_paragraphs("# Title\n\nOne. Two?\n\nThree!\n")
    assert sentences(paragraphs) == (
        Sentence(0, 0, "Title", "heading"),
        Sentence(1, 1, "One."),
        Sentence(2, 1, "Two?"),
        Sentence(3, 2, "Three!"),
    )
    assert sentences(()) == ()


def test_sample_sentences_cover_the_article():
    text = SAMPLE.read_text(encoding="utf-8")
    found = sentences(split_paragraphs(text))
    assert [s.id for s in found] == list(range(len(found)))
    assert squeeze("".join(s.text for s in found)) == squeeze(text)
    lavrov = "This statement from the Russian Foreign Minister followed the U.S. Senate"
    assert any(s.text.startswith(lavrov) for s in found)


# --- fit ----------------------------------------------------------------------------------


def test_fit_keeps_a_sentence_that_fits():
    assert fit("  Short enough.  ", 10, words) == ("Short enough.",)
    assert fit("   ", 10, words) == ()


def test_fit_splits_at_the_clause_boundary_nearest_the_middle():
    sentence = "one two, three four five six, seven eight"
    assert fit(sentence, 6, words) == ("one two, three four five six,", "seven eight")
    assert fit("a b c d, e f g h, i j", 5, words) == ("a b c d,", "e f g h,", "i j")


def test_fit_splits_arabic_at_the_arabic_comma_and_semicolon():
    sentence = "قال الوزير إن الحكومة ستواصل العمل، وأضاف أن الخطة جاهزة؛ ثم غادر القاعة مسرعا"
    pieces = fit(sentence, 6, words)
    assert len(pieces) == 3
    assert pieces[0].endswith("،") and pieces[1].endswith("؛")
    assert " ".join(pieces) == sentence


def test_fit_uses_dashes_but_not_decimal_commas_or_times():
    sentence = "Prices rose by 1,200 dollars at 12:30 today - officials said the rise would last"
    pieces = fit(sentence, 9, words)
    assert pieces == ("Prices rose by 1,200 dollars at 12:30 today -", "officials said the rise would last")


def test_fit_falls_back_to_words_then_characters():
    sentence = " ".join(f"w{i}" for i in range(25))
    pieces = fit(sentence, 10, words)
    assert [words(p) for p in pieces] == [10, 10, 5]
    assert " ".join(pieces) == sentence
    blob = "x" * 25
    assert fit(blob, 10, len) == ("x" * 10, "x" * 10, "x" * 5)


@pytest.mark.parametrize("count, limit", [(words, 7), (len, 50), (lambda s: len(s) // 4 + 2, 40)])
def test_a_long_sentence_without_punctuation_is_split_within_the_limit(count, limit):
    rng = random.Random(7)
    sentence = " ".join("".join(rng.choice("abcdefgh") for _ in range(rng.randint(1, 9))) for _ in range(600))
    sentence = sentence[:2000]
    pieces = fit(sentence, limit, count)
    assert len(pieces) > 1
    assert all(count(p) <= limit for p in pieces)
    assert " ".join(pieces) == sentence
    nospace = "ب" * 2000
    pieces = fit(nospace, limit, count)
    assert all(count(p) <= limit for p in pieces)
    assert "".join(pieces) == nospace


def test_fit_never_drops_text_on_mixed_input():
    sentence = "،".join(["كلمة " * 30, "x" * 300, "word, " * 40, " - ".join(["a b c"] * 20)])
    pieces = fit(sentence, 12, words)
    assert all(words(p) <= 12 for p in pieces)
    assert squeeze(" ".join(pieces)) == squeeze(sentence)
    pieces = fit(sentence, 30, len)
    assert all(len(p) <= 30 for p in pieces)
    assert squeeze(" ".join(pieces)) == squeeze(sentence)


def test_fit_rejects_a_limit_below_one():
    with pytest.raises(ValueError):
        fit("text", 0, words)


# --- windows ------------------------------------------------------------------------------


def check_windows(counts, limit, overlap):
    found = windows(counts, limit, overlap)
    covered = set()
    for start, end in found:
        assert 0 <= start < end <= len(counts)
        assert sum(counts[start:end]) <= limit or end - start == 1
        covered.update(range(start, end))
    assert covered == set(range(len(counts)))
    assert [s for s, _ in found] == sorted({s for s, _ in found})  # strictly increasing starts
    assert [e for _, e in found] == sorted({e for _, e in found})
    for (_, previous_end), (start, _) in zip(found, found[1:]):
        assert start <= previous_end  # no gaps
        assert sum(counts[start:previous_end]) <= overlap
    return found


def test_windows_without_overlap_partition_the_sentences():
    assert check_windows([3, 3, 3, 3, 3], 6, 0) == ((0, 2), (2, 4), (4, 5))


def test_windows_overlap_by_trailing_sentences():
    assert check_windows([2, 2, 2, 2, 2, 2], 6, 2) == ((0, 3), (2, 5), (4, 6))
    assert check_windows([2, 2, 2, 2, 2, 2], 6, 4) == ((0, 3), (1, 4), (2, 5), (3, 6))


def test_an_oversized_sentence_gets_a_window_of_its_own():
    assert check_windows([2, 50, 2, 2], 10, 4) == ((0, 1), (1, 2), (2, 4))


def test_windows_make_progress_when_the_overlap_is_as_large_as_the_limit():
    found = check_windows([5] * 10, 10, 100)
    assert found == tuple((i, i + 2) for i in range(9))


def test_windows_random_inputs_keep_the_invariants():
    rng = random.Random(11)
    for _ in range(300):
        counts = [rng.randint(0, 40) for _ in range(rng.randint(1, 40))]
        check_windows(counts, rng.randint(1, 80), rng.randint(0, 60))


def test_windows_edge_cases():
    assert windows([], 10, 2) == ()
    assert windows([4], 10, 2) == ((0, 1),)
    with pytest.raises(ValueError):
        windows([1], 0, 0)
    with pytest.raises(ValueError):
        windows([1], 5, -1)


# --- issue 15: wrapped lines, standalone lines, list items, credits ----------------------------


WRAPPED = (
    "Holy Gospel of Jesus Christ according to\n"
    "Saint Matthew 2,1-12. When Jesus was born in Bethlehem of Judea, in the\n"
    "days of King Herod, behold, magi from the east arrived in Jerusalem, saying,\n"
    '"Where is the newborn king of the Jews? We saw his star at its rising and have\n'
    'come to do him homage." When King Herod heard this, he was greatly troubled, and\n'
    "all Jerusalem with him.\n"
)


def test_hard_wrapped_text_without_blank_lines_is_one_paragraph_and_no_heading():
    (paragraph,) = split_paragraphs(WRAPPED)
    assert paragraph.kind == "text"
    assert [s.text for s in sentences((paragraph,))][0] == "Holy Gospel of Jesus Christ according to Saint Matthew 2,1-12."


def test_titles_datelines_and_bylines_on_their_own_lines_stay_apart():
    text = (
        "نتائج الدورة الأولى من الانتخابات البلدية في فرنسا\n"
        "الخميس 7/3/1429 هـ - الموافق 13/3/2008 م (آخر تحديث) الساعة 16:25 (مكة المكرمة)، 13:25 (غرينتش)\n\n"
        "By Amanda Becker and Jeff Mason\n"
    )
    assert [p.text for p in split_paragraphs(text)] == [
        "نتائج الدورة الأولى من الانتخابات البلدية في فرنسا",
        "الخميس 7/3/1429 هـ - الموافق 13/3/2008 م (آخر تحديث) الساعة 16:25 (مكة المكرمة)، 13:25 (غرينتش)",
        "By Amanda Becker and Jeff Mason",
    ]


def test_a_long_line_inside_a_block_is_wrapped_even_past_a_hundred_characters():
    text = (
        "هذه فقرة عربية طويلة مكتوبة على سطرين في ملف ماركداون، وقد قطعها المحرر عند عرض مئة وعشرين حرفا تقريبا\n"
        "فصار نصفها الثاني على السطر التالي.\n\nفقرة ثانية."
    )
    assert len(split_paragraphs(text)) == 2


def test_a_list_item_ends_at_the_next_blank_line_or_item():
    text = "- first item\n  goes on here.\n\n  An indented paragraph after the list.\n- second item\n"
    assert [(p.marker, p.text) for p in split_paragraphs(text)] == [
        ("-", "first item goes on here."),
        ("", "An indented paragraph after the list."),
        ("-", "second item"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وأضاف أن الثورة ليست مؤطرة . (أ .ف .ب)", ["وأضاف أن الثورة ليست مؤطرة . (أ .ف .ب)"]),
        ("ونقلت عن قريشى ذلك . (يو .بي .آي)", ["ونقلت عن قريشى ذلك . (يو .بي .آي)"]),
        ("للحزب المحظور.(رويترز)* احرقت قوات الامن الجثة.", ["للحزب المحظور.(رويترز)", "* احرقت قوات الامن الجثة."]),
        ("تعود لبراباكاران. (د.ب.أ)* لقي شخصان حتفهما.", ["تعود لبراباكاران. (د.ب.أ)", "* لقي شخصان حتفهما."]),
        ('وقالت إن شقيقي قتلوا . . قتلوه لأنني شرطي" .ويعد أفراد العشيرة', ['وقالت إن شقيقي قتلوا . . قتلوه لأنني شرطي" .', "ويعد أفراد العشيرة"]),
        ("ترامب: سوريا ليست صديقتنا.. وروسيا لن تتمكن من دعمه", ["ترامب: سوريا ليست صديقتنا.. وروسيا لن تتمكن من دعمه"]),
        ("Riyadh, Saudi Arabia. (Saudi Press Agency via AP)", ["Riyadh, Saudi Arabia. (Saudi Press Agency via AP)"]),
        ("Arlington, Virginia, U.S., September 11, 2017. REUTERS/Kevin Lamarque", None),
        ("He arrived at 5 p.m. Reporters were waiting.", ["He arrived at 5 p.m.", "Reporters were waiting."]),
        ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        ("Did you see Albert I. Jones yesterday?", None),
    ],
)
def test_credits_stay_with_their_sentence_and_golden_rules_hold(text, expected):
    assert list(split_sentences(text)) == ([text] if expected is None else expected)
