"""Streaming: one article in text format to a terminal shows its summary as the instruction model writes it.

A fake chat model registered through the real registry streams its summary word by word; after each piece it
notes what stdout holds by then, so the tests see the pieces arrive before the rest of the record. The terminal
is the command's own check (`console._terminal`) made to say yes: CliRunner's stdout is no terminal.
"""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.llm.chat import Reply

from .fake_chat import FakeChat, FakeChats, task_of, well_behaved

runner = CliRunner()
ARTICLE = ("The minister met reporters in Cairo on Monday.\n\nHe said the talks would continue next week.\n\n"
           "The company rejected the offer of 40 million dollars.\n")
SUMMARY = "The minister met reporters in Cairo on Monday. He said the talks would continue next week."


class Streaming(FakeChat):
    """Streams each reply word by word to `on_text`, noting stdout after every piece; `final`, when set, is the
    reply's text in place of what was streamed (a model whose reply differs from its stream)."""

    def __init__(self, *args, final: str | None = None, read: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.final, self.read, self.streamed, self.seen = final, read, [], []

    def chat(self, messages, options, *, on_text=None):
        self.requests.append(messages)
        text = self.script(messages, options)
        if on_text is not None:
            for i, word in enumerate(text.split(" ")):
                piece = word if i == 0 else " " + word
                on_text(piece)
                self.streamed.append(piece)
                sys.stdout.flush()
                self.seen.append(sys.stdout.buffer.getvalue().decode("utf-8"))
        read = self.count_tokens(messages) if self.read is None else self.read
        return Reply(self.final or text, read, len(text.split()), self.served_as)


@pytest.fixture
def chats():
    made = FakeChats()
    yield made
    made.close()


def _streaming_model(chats, final: str | None = None, script=well_behaved, read: int | None = None) -> list[Streaming]:
    built: list[Streaming] = []

    def build(spec, *, role, batch_tokens):
        built.append(Streaming(spec, role=role, context_tokens=4096, script=script, final=final, read=read))
        return built[-1]

    from summarize.models.registry import ModelSpec, register

    register(ModelSpec("fake/streaming", family="api", licence="test", languages=("ar", "en"), instructions=True),
             build)
    chats.names.append("fake/streaming")
    return built


def _run(tmp_path, *extra, tty: bool = True, monkeypatch=None):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    if monkeypatch is not None:
        monkeypatch.setattr("summarize.cli.console._terminal", lambda stream: tty)
    return runner.invoke(app, ["run", str(article), "--summary-model", "fake/streaming", "--keypoints-model",
                               "fake/streaming", "--points", "2", *extra])


def _summary_model(built: list[Streaming]) -> Streaming:
    [model] = [m for m in built if m.role.startswith("summary")]
    return model


def test_the_summary_shows_piece_by_piece_before_the_key_points(chats, tmp_path, monkeypatch):
    built = _streaming_model(chats)
    r = _run(tmp_path, monkeypatch=monkeypatch)
    assert r.exit_code == 0, r.output
    model = _summary_model(built)
    assert len(model.streamed) > 3 and "".join(model.streamed) == SUMMARY
    for k, seen in enumerate(model.seen):  # each piece is on stdout when the model writes the next one
        assert seen == "".join(model.streamed[:k + 1]) and "- " not in seen
    plain = _run(tmp_path, monkeypatch=monkeypatch, tty=False)
    assert r.stdout == plain.stdout  # the same record: the summary once, then the key points
    assert r.stdout.count(SUMMARY) == 1 and r.stdout.index(SUMMARY) == 0 and "\n- " in r.stdout


def test_off_a_terminal_in_json_or_for_several_inputs_nothing_is_streamed(chats, tmp_path, monkeypatch):
    built = _streaming_model(chats)
    before = runner.invoke(app, ["run", "-", "--summary-model", "fake/streaming", "--keypoints-model",
                                 "fake/streaming", "--points", "2"], input=ARTICLE)
    assert before.exit_code == 0 and SUMMARY in before.stdout
    assert _run(tmp_path, "-f", "json", monkeypatch=monkeypatch).exit_code == 0
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    assert _run(tmp_path, str(tmp_path / "b.txt"), monkeypatch=monkeypatch).exit_code == 0
    assert all(m.streamed == [] for m in built)


def test_a_summary_that_ends_otherwise_than_streamed_is_written_again_whole(chats, tmp_path, monkeypatch):
    built = _streaming_model(chats, final="The talks go on, the minister said.")
    r = _run(tmp_path, monkeypatch=monkeypatch)
    assert r.exit_code == 0, r.output
    model = _summary_model(built)
    streamed = "".join(model.streamed)
    assert r.stdout.startswith(streamed + "\n\nThe talks go on, the minister said.\n\n- ")


def test_controls_a_model_writes_are_shown_never_obeyed(chats, tmp_path, monkeypatch):
    def script(messages, options):
        return "Ahead \x1b[2Jcleared." if task_of(messages) == "summary" else well_behaved(messages, options)

    built = _streaming_model(chats, script=script)
    r = _run(tmp_path, monkeypatch=monkeypatch)
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.stdout and "\\x1b[2J" in _summary_model(built).seen[-1]


def test_a_message_on_the_terminal_starts_its_own_line_and_the_output_stays_the_same(chats, tmp_path, monkeypatch):
    _streaming_model(chats, read=5)  # the server says it read 5 tokens: the run warns of incomplete coverage
    r = _run(tmp_path, "--allow-truncation", monkeypatch=monkeypatch)
    assert r.exit_code == 0, r.output
    assert f"{SUMMARY}\nsummarize: warning: " in r.output  # stdout and stderr as a terminal shows them
    assert r.stdout == _run(tmp_path, "--allow-truncation", monkeypatch=monkeypatch, tty=False).stdout
