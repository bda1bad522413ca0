"""batch: behaviour that survived mutation testing (issue 23, benchmarks/mutation_bench.py), each pinned here."""

from summarize.batch.outputs import input_key, output_names, unique_inputs
from summarize.readers.files import STDIN, InputRef


def test_stdin_given_twice_stays_two_inputs_while_a_file_given_twice_is_read_once(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("text", encoding="utf-8")
    refs = [InputRef(STDIN), InputRef(str(article)), InputRef(STDIN), InputRef(str(tmp_path / "." / "a.txt"))]
    kept, again = unique_inputs(refs)
    assert [r.path for r in kept] == [STDIN, str(article), STDIN]  # each "-" reads on where the last stopped
    assert [(s.path, s.reason) for s in again] == [(str(tmp_path / "." / "a.txt"), "given more than once")]
    assert input_key(refs[3]) == input_key(refs[1]) == str(article.resolve())
    assert output_names(kept) == ["stdin", "a.txt", "stdin"]
