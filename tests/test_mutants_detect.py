"""detect: behaviour that survived mutation testing (issue 23, benchmarks/mutation_bench.py), each pinned here."""

import re

from summarize.detect import MAX_RUN, _readable, detect
from summarize.detect_rules import arabic_script_votes, arabizi_evidence, looks_english

GUESSES = re.compile(r"langdetect: [a-z]{2}(-[a-z]+)? \d\.\d\d(, [a-z]{2}(-[a-z]+)? \d\.\d\d){0,2}")


def test_arabizi_needs_one_strong_word_and_a_score_of_two():
    assert arabizi_evidence("ana w el bet") == (True, "arabizi: 0 words with digits for letters, 3 Arabizi words of 4")
    assert arabizi_evidence("ana w bet")[0] is False  # score 1.5
    assert arabizi_evidence("w el fi bet")[0] is False  # weak words only: no strong one
    assert arabizi_evidence('(ana) "enta" house')[0] is True  # punctuation around a word is not part of it


def test_extended_digits_add_a_vote_to_persian_urdu_and_pashto():
    votes, note = arabic_script_votes("پدر ۱۲ من")
    assert (votes["fa"], votes["ur"], votes["ps"], votes["ar"]) == (2.0, 1.5, 1.5, 1.5)
    assert note == "arabic-script votes: fa 2, ur 1.5, ps 1.5, ar 1.5, ku 0.5"


def test_vowel_final_foreign_words_keep_a_text_from_looking_english():
    assert looks_english("at pasta and in pizza by") is False
    assert looks_english("The committee approved the budget") is True


def test_a_run_without_spaces_is_cut_not_dropped():
    assert _readable("a" * 150 + " end") == ("a" * MAX_RUN + "  end", ())


def test_confidence_and_evidence_as_each_path_gives_them():
    arabic = detect("الحكومة أعلنت اليوم عن خطة جديدة لدعم الاقتصاد الوطني في البلاد")
    assert (arabic.language, arabic.confidence, arabic.reliable) == ("ar", 1.0, True)  # langdetect's own probability
    assert GUESSES.fullmatch(arabic.evidence[-1])
    few = detect("Hundreds die every day.")  # common English words, langdetect elsewhere: 0.9 × their share
    assert (few.language, few.confidence, few.reliable) == ("en", 0.9, False)
    assert 0.0 < detect("He said it was over.").confidence <= 1.0
    russian = detect("Москва является столицей России и крупнейшим городом страны")
    assert russian.language == "ru" and GUESSES.fullmatch(russian.evidence[-1]) and not russian.supported


def test_a_script_langdetect_cannot_read_is_undetermined_without_a_guess():
    found = detect("ⴰⵣⵓⵍ ⴰⵎⴰⵣⵉⵖ")  # Tifinagh
    assert (found.language, found.confidence, found.supported, found.reliable) == ("und", 0.0, False, False)
    assert found.evidence == ("script shares: arabic 0.00, latin 0.00, other 1.00",)


def test_langdetect_s_guesses_on_arabic_script_are_listed_apart():
    found = detect("سلام دوست من")  # three words: langdetect hesitates between Persian, Urdu and Arabic
    assert GUESSES.fullmatch(found.evidence[-1]) and found.evidence[-1].count(", ") >= 1
    assert found.evidence[1].startswith("arabic-script votes: ")


def test_where_lingua_sides_with_langdetect_its_probability_is_the_confidence():
    found = detect("Bonjour mes amis")
    guess = next(e for e in found.evidence if e.startswith("langdetect: "))
    language, probability = guess.removeprefix("langdetect: ").split(", ")[0].split()
    assert (found.language, language, found.reliable) == ("fr", "fr", False)
    assert 0.5 <= found.confidence < 1.0 and round(found.confidence, 2) == float(probability)
