"""A glossary's cost grows with the article, not with the glossary (issue 26): 100,000 entries cost about 88 s of
CPU an article before the index, a million more than 10 minutes. The index finds exactly what one regex
alternation of every form found (checked against that regex here), and is built once per glossary."""

from __future__ import annotations

import pickle
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.glossary import glossary_findings, load_glossary, parse_glossary, protect
from summarize.glossary.match import Index, _forms, find, fold, key

from .conftest import AR_SAMPLE, EN_SAMPLE, SAMPLES, deadline

GLOSSARY_FILE = SAMPLES / "khaberni-syria-russia.glossary.tsv"
AR_TEXT = AR_SAMPLE.read_text(encoding="utf-8")
EN_TEXT = EN_SAMPLE.read_text(encoding="utf-8")
ARABIC = "ابتثجحخدذرسشصضطظعغفقكلمنهوي"


def _big_glossary_text(size: int) -> str:
    """The sample glossary and made-up names after it, both ways: two words of 6 to 8 letters (Arabic) or one of
    9 to 11 (Latin), which no article writes."""
    rng = random.Random(26)
    lines = GLOSSARY_FILE.read_text(encoding="utf-8").splitlines()
    seen: set[str] = set()
    while len(lines) < size:
        ar = " ".join("".join(rng.choice(ARABIC) for _ in range(rng.randint(6, 8))) for _ in range(2))
        en = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(9, 11))).title()
        line = f"{ar}\t{en}\t{en}s" if rng.random() < 0.5 else f"{en}\t{ar}"
        if line.split("\t")[0] not in seen:
            seen.add(line.split("\t")[0])
            lines.append(line)
    return "\n".join(lines) + "\n"


def test_a_glossary_of_100_000_entries_costs_an_article_what_a_small_one_does():
    small = load_glossary(GLOSSARY_FILE)
    articles = [AR_TEXT[k:] for k in range(0, 2000, 200)]  # ten articles, each a different text
    with deadline(60):  # 60 s for reading 100,000 entries, building the indexes and ten articles both ways
        big = parse_glossary(_big_glossary_text(100_000))
        assert len(big.entries) > 99_900  # the sample's comment lines aside
        for article in articles:
            assert protect(article, big, "ar", "en") == protect(article, small, "ar", "en")
            output = article[:300] + " Ahmed al-Sharaa met Sergei Lavrov in Khmeimim."
            assert glossary_findings(article, output, big, "en") == glossary_findings(article, output, small, "en")
        assert protect(EN_TEXT, big, "en", "ar") == protect(EN_TEXT, small, "en", "ar")
    assert len(protect(AR_TEXT, big, "ar", "en")[1]) == 37


def test_a_glossary_pickles_without_its_indexes_and_builds_them_again():
    glossary = load_glossary(GLOSSARY_FILE)
    before = protect(AR_TEXT, glossary, "ar", "en")
    copy = pickle.loads(pickle.dumps(glossary))
    assert copy == glossary and "_built" in vars(glossary) and "_built" not in vars(copy)
    assert protect(AR_TEXT, copy, "ar", "en") == before


# ------------------------------------------------------------ the index finds what the one regex found


def _regex_find(text: str, words: list[str]) -> list[tuple[int, int, int, str]]:
    """The matcher before the index: one alternation of every form, longest first (kept here as the reference)."""
    table: dict[str, tuple[int, str]] = {}
    for bare in (True, False):
        for i, word in enumerate(words):
            for form, prefix in _forms(key(word)):
                if (form == key(word)) == bare:
                    table.setdefault(form, (i, prefix))
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(table, key=len, reverse=True))
    regex = re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])")
    folded, where = fold(text)
    return [(where[m.start()], where[m.end()], *table[" ".join(m.group().split())]) for m in regex.finditer(folded)]


WORDS = ["أحمد الشرع", "اللاذقية", "حميميم", "قوات سوريا الديمقراطية", "سوريا", "مجلس الأمن", "مجلس الأمن الدولي",
         "قسد", "Hmeimim", "NATO", "جولان", "الجولان", "لبنان", "بنان", "Al-Shar'", "al-Sharaa", "Sharaa", "كتاب",
         "الكتاب", "لل", "الليل", "ليل", "Moscow's"]
PIECES = st.sampled_from([*WORDS, "و", "ف", "ب", "ك", "ل", "ال", "لل", " ", "  ", "\n", "\u00a0", "،", ".", "-", "'",
                          "a", "s", "ـ", "َ", "أ", "ى", "ي", "٣", "3", "_", "\u200f"])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8, unique=True))
def test_the_index_finds_what_the_regex_alternation_found(text, words):
    assert list(find(text, words)) == _regex_find(text, words)
    assert Index(words).occurring(text) == {i for i, word in enumerate(words) if _regex_find(text, [word])}
