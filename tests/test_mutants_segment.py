"""segment: behaviour that survived mutation testing (issue 23, benchmarks/mutation_bench.py), each pinned here."""

from summarize.segment import _wrap_width, fit, split_paragraphs, split_sentences


def _texts(text: str) -> list[str]:
    return [p.text for p in split_paragraphs(text)]


def test_a_three_word_line_goes_on_into_a_lowercase_line():
    assert _texts("Officials in Gaza\nsaid the talks failed.") == ["Officials in Gaza said the talks failed."]
    assert _texts("Contact manager\nsaid the talks failed.") == ["Contact manager", "said the talks failed."]


def test_a_list_item_runs_to_the_next_item_even_past_a_full_stop():
    text = "- First item ends here.\n  Second line of the same item.\n- second item"
    assert _texts(text) == ["First item ends here. Second line of the same item.", "second item"]


def test_three_lines_of_one_width_are_hard_wrapped_text():
    three = ("The council met on Monday to discuss the budget for next year.\n"
             "Members argued for hours and the mayor said the plan was fine.\n"
             "The vote is due on Friday and most members say they back it.")
    assert len(_texts(three)) == 1


def test_the_wrap_width_is_the_ninetieth_percentile_line():
    assert _wrap_width(["x" * n for n in (50, 52, 54, 56, 58, 60, 62, 64, 66, 90)]) == 66


def test_a_word_too_long_after_another_is_cut_and_the_rest_follows():
    assert fit("short " + "x" * 30 + " tail words here", 10, len) == (
        "short", "x" * 10, "x" * 10, "x" * 10, "tail words", "here")


def test_quotes_and_a_speaker_after_an_exclamation_stay_in_their_sentence():
    assert split_sentences("“We want Stability!” Trump said on Twitter. Then he left.") == (
        "“We want Stability!” Trump said on Twitter.", "Then he left.")
    assert split_sentences('He said "Stop. Now." and left. Then rain fell.') == (
        'He said "Stop. Now." and left.', "Then rain fell.")
    assert split_sentences('قال الوزير "توقفوا. الآن." ثم غادر القاعة. وسقط المطر بغزارة.') == (
        'قال الوزير "توقفوا. الآن."', "ثم غادر القاعة.", "وسقط المطر بغزارة.")  # no cut inside straight quotes
