"""The batch shell keeps its promises: one bad input never sinks a batch, nothing is lost or overwritten,
nothing is written outside -o, and every failure is one line with a documented exit code."""

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from summarize.batch.manifest import Manifest
from summarize.batch.run import Tally, exit_code
from summarize.cli import app
from summarize.errors import ExitCode, OutputError

from .conftest import AR_SAMPLE, EN_SAMPLE

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def rows(manifest):
    return [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def two_desks(tmp_path, monkeypatch):
    """a/01.txt and b/01.txt: the same file name in two folders (English and Arabic articles)."""
    monkeypatch.chdir(tmp_path)
    for folder, sample in (("a", EN_SAMPLE), ("b", AR_SAMPLE)):
        (tmp_path / folder).mkdir()
        shutil.copy(sample, tmp_path / folder / "01.txt")
    return tmp_path


def test_an_unexpected_exception_fails_its_input_only(two_desks, monkeypatch):
    import summarize.api

    real = summarize.api.detect_article

    def buggy(article):
        if article.source.startswith("b"):
            raise ValueError("invalid literal for int() with base 10: '5.30'")
        return real(article)

    monkeypatch.setattr(summarize.api, "detect_article", buggy)
    r = invoke("detect", "a/01.txt", "b/01.txt", "-o", "out", "-f", "json")
    assert r.exit_code == ExitCode.PARTIAL, r.output
    assert "b/01.txt: internal error: ValueError" in r.output and "Traceback" not in r.output
    status = {row["input"]: (row["status"], row["reason"]) for row in rows(two_desks / "out" / "manifest.jsonl")}
    assert status["a/01.txt"][0] == "ok"
    assert status["b/01.txt"][0] == "failed" and "ValueError" in status["b/01.txt"][1]
    assert (two_desks / "out" / "a" / "01.txt.json").is_file()


def test_an_exception_in_a_batched_step_is_found_on_its_own_input(two_desks, monkeypatch):
    """translate batches every article of a chunk together; a bug on one must not fail the others."""
    from summarize.batch.runner import process_isolated

    def step(articles):
        if any("b" in a.source for a in articles):
            raise KeyError("boom")
        return [a.source for a in articles]

    from summarize.records import Article

    arts = [Article(source=s, text="t", sha256="0", encoding="utf-8") for s in ("a", "b", "c")]
    out = process_isolated(step, arts)
    assert out[0] == "a" and out[2] == "c"
    assert out[1].exit_code == ExitCode.INTERNAL and out[1].source == "b" and "KeyError" in out[1].message


def test_same_names_in_two_folders_get_two_outputs(two_desks):
    r = invoke("run", "a/01.txt", "b/01.txt", "-o", "out", "--method", "extractive", "-f", "json")
    assert r.exit_code == 0, r.output
    outputs = sorted(p.relative_to(two_desks / "out").as_posix() for p in (two_desks / "out").rglob("*.json"))
    assert outputs == ["a/01.txt.json", "b/01.txt.json"]
    assert {row["output"] for row in rows(two_desks / "out" / "manifest.jsonl")} == {"out/a/01.txt.json",
                                                                                     "out/b/01.txt.json"}
    r = invoke("run", "a", "b", "-o", "out2", "--method", "extractive", "-f", "json")  # two folders
    assert sorted(p.name for p in (two_desks / "out2").rglob("*.json")) == ["01.txt.json", "01.txt.json"]


def test_files_from_with_nul_keeps_folders_apart(two_desks, monkeypatch):
    listing = two_desks / "list"
    listing.write_bytes(b"a/01.txt\0b/01.txt\0")
    r = invoke("detect", "--files-from", listing, "--null", "-o", "out", "-f", "json")
    assert r.exit_code == 0, r.output
    assert len(list((two_desks / "out").rglob("*.json"))) == 2


def test_names_that_would_collide_stop_the_run_before_any_work(two_desks):
    (two_desks / "c").mkdir()
    (two_desks / "c" / "x.txt").write_text("Reporters were waiting outside the court on Monday.", encoding="utf-8")
    (two_desks / "c" / "X.txt").write_text("Reporters were waiting outside the court on Tuesday.", encoding="utf-8")
    r = invoke("detect", "c", "-o", "out")
    assert r.exit_code == ExitCode.USAGE
    assert "c/X.txt and c/x.txt would both be written" in r.output
    assert not list((two_desks / "out").rglob("*.txt"))


def test_output_into_the_input_folder_never_touches_an_input(two_desks):
    before = {p: p.read_bytes() for p in (two_desks / "a").iterdir()}
    r = invoke("run", "a", "-o", "a", "--method", "extractive")  # text: a/01.txt would be its own output
    assert r.exit_code == ExitCode.USAGE and "would overwrite the input a/01.txt" in r.output
    for _ in range(2):  # markdown lands beside the input; the next run does not read it as an article
        r = invoke("run", "a", "-o", "a", "--method", "extractive", "-f", "markdown")
        assert r.exit_code == 0, r.output
    assert all(p.read_bytes() == data for p, data in before.items())
    assert sorted(p.name for p in (two_desks / "a").glob("*.md")) == ["01.txt.md"]


def test_output_folder_inside_the_input_folder_is_not_read_back(two_desks):
    for _ in range(2):
        r = invoke("run", "a", "-o", "a/out", "--method", "extractive", "-f", "markdown")
        assert r.exit_code == 0, r.output
    assert not (two_desks / "a" / "out" / "out").exists()
    assert sorted(p.relative_to(two_desks / "a").as_posix() for p in (two_desks / "a").rglob("*.md")) == [
        "out/01.txt.md"]


def test_one_check_says_what_lies_in_an_output_folder(two_desks):
    """-o DIR and another run's output folder inside an input folder are left out, articles and notes elsewhere
    kept; `-o .` above the inputs keeps every article (notes of files in it are not listed)."""
    from summarize.batch.outputs import outside_outputs
    from summarize.batch.state import STATE_FILE
    from summarize.readers import InputRef, Skipped

    for folder in ("a/out", "a/old"):
        (two_desks / folder).mkdir()
    (two_desks / "a/old" / STATE_FILE).write_bytes(b"")
    refs = [InputRef(f"a/{name}", relpath=name) for name in ("01.txt", "out/x.md", "old/y.md")]
    skipped = [Skipped("a/out/manifest.jsonl", "not an article file"), Skipped("a/photo.png", "not an article file")]
    kept, left = outside_outputs(refs, skipped, two_desks / "a/out")
    assert [r.path for r in kept] == ["a/01.txt"]
    assert [s.path for s in left] == ["a/photo.png", "a/out/x.md", "a/old/y.md"]
    kept, left = outside_outputs(refs[:1], skipped[1:], two_desks)
    assert [r.path for r in kept] == ["a/01.txt"] and left == []


def test_resume_does_not_depend_on_how_the_output_folder_is_spelled(two_desks):
    assert invoke("detect", "a", "b", "-o", "out", "-f", "json").exit_code == 0
    r = invoke("detect", "a", "b", "-o", two_desks / "out", "-f", "json")
    assert "0 ok, 0 failed, 2 skipped" in r.output


def test_outputs_get_the_permissions_the_umask_gives(two_desks):
    old = os.umask(0o022)
    try:
        assert invoke("detect", "a", "b", "-o", "out", "-f", "json").exit_code == 0
    finally:
        os.umask(old)
    for path in (two_desks / "out").rglob("*.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_every_input_failing_gives_their_own_code(tmp_path):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_bytes(b"")
    r = invoke("detect", tmp_path)
    assert r.exit_code == ExitCode.BAD_INPUT, r.output
    assert exit_code(Tally(codes=[3, 4])) == 3 and exit_code(Tally(codes=[0, 3])) == ExitCode.PARTIAL
    assert exit_code(Tally(codes=[0, 8, 7])) == 7 and exit_code(Tally(codes=[0, 0])) == 0


def test_a_second_run_into_the_same_folder_is_told(two_desks):
    import fcntl

    (two_desks / "out").mkdir()
    with open(two_desks / "out" / ".summarize.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        r = invoke("detect", "a", "b", "-o", "out")
    assert r.exit_code == ExitCode.USAGE and "another summarize run is using out" in r.output


def test_links_and_foreign_temporaries_in_the_output_folder(two_desks):
    out = two_desks / "out"
    (out / "project" / ".cache").mkdir(parents=True)
    keep = out / "project" / ".cache" / ".download.tmp"
    keep.write_text("a user's file")
    outside = two_desks / "precious.txt"
    outside.write_text("not yours")
    (out / "manifest.jsonl").symlink_to(outside)
    r = invoke("detect", "a", "b", "-o", out)
    assert r.exit_code == ExitCode.USAGE and "symbolic link" in r.output
    assert outside.read_text() == "not yours" and keep.read_text() == "a user's file"
    (out / "manifest.jsonl").unlink()
    (out / ".summarize-state.sqlite").symlink_to(two_desks / "elsewhere.sqlite")
    r = invoke("detect", "a", "b", "-o", out)
    assert r.exit_code == ExitCode.USAGE and not (two_desks / "elsewhere.sqlite").exists()
    (out / ".summarize-state.sqlite").unlink()
    assert invoke("detect", "a", "b", "-o", out).exit_code == 0
    assert keep.read_text() == "a user's file"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "folder", "old-layout"])
def test_an_unusable_state_file_is_rebuilt_from_the_manifest(two_desks, damage):
    out = two_desks / "out"
    assert invoke("detect", "a", "b", "-o", out, "-f", "json").exit_code == 0
    state = out / ".summarize-state.sqlite"
    for extra in ("-wal", "-shm"):
        (out / (state.name + extra)).unlink(missing_ok=True)
    if damage == "garbage":
        state.write_bytes(b"not a database at all" * 100)
    elif damage == "truncated":
        state.write_bytes(state.read_bytes()[:100])
    elif damage == "folder":
        state.unlink()
        state.mkdir()
    else:
        state.unlink()
        db = sqlite3.connect(state)
        db.execute("create table done (relpath text primary key)")
        db.commit()
        db.close()
    r = invoke("detect", "a", "b", "-o", out, "-f", "json")
    assert r.exit_code == 0, r.output
    assert "could not be used" in r.output and "0 ok, 0 failed, 2 skipped" in r.output


def test_manifest_rows_are_whole_even_when_the_disk_fills(tmp_path, monkeypatch):
    import summarize.batch.manifest as manifest_module

    m = Manifest(tmp_path / "manifest.jsonl")
    m.write({"input": "one", "status": "ok"})
    real_write = os.write

    def half_then_full(fd, data):
        real_write(fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(manifest_module.os, "write", half_then_full)
    with pytest.raises(OutputError, match="No space left"):
        m.write({"input": "two", "status": "ok"})
    monkeypatch.setattr(manifest_module.os, "write", real_write)
    m.write({"input": "three", "status": "ok"})
    m.close()
    assert [row["input"] for row in rows(tmp_path / "manifest.jsonl")] == ["one", "three"]


def test_output_option_mistakes_are_one_line_errors(two_desks):
    (two_desks / "file").write_text("x")
    cases = [(["a", "b", "-o", "file"], ExitCode.USAGE, "is a file"),
             (["a/01.txt", "-o", "file/under"], ExitCode.USAGE, "is not a folder"),
             (["a/01.txt", "-o", "a/01.txt"], ExitCode.USAGE, "is an input"),
             (["a", "b", "-o", "out", "--manifest", "a", "--method", "extractive"], ExitCode.USAGE, "is a folder")]
    for args, code, words in cases:
        r = invoke("run" if "--manifest" in args else "detect", *args)
        assert r.exit_code == code and words in r.output and "Traceback" not in r.output, (args, r.output)
    assert invoke("detect", "a/01.txt", "-o", "/dev/null").exit_code == 0
    if os.path.exists("/dev/full"):
        r = invoke("detect", "a/01.txt", "-o", "/dev/full")
        assert r.exit_code == ExitCode.OUTPUT and "No space left" in r.output


def test_output_through_a_link_replaces_the_file_it_names(two_desks):
    (two_desks / "target.txt").write_text("old")
    (two_desks / "link.txt").symlink_to(two_desks / "target.txt")
    assert invoke("detect", "a/01.txt", "-o", "link.txt").exit_code == 0
    assert (two_desks / "link.txt").is_symlink() and (two_desks / "target.txt").read_text().startswith("en")


def test_dash_output_is_stdout_and_jsonl_output_is_asked_one_way(two_desks):
    r = invoke("detect", "a/01.txt", "-o", "-", "-f", "jsonl")
    assert r.exit_code == 0 and json.loads(r.stdout)["language"] == "en" and not (two_desks / "-").exists()
    assert invoke("detect", "a/01.txt", "-o", "one.jsonl", "-f", "jsonl").exit_code == 0
    assert (two_desks / "one.jsonl").is_file()
    assert invoke("detect", "a", "b", "-o", "many.jsonl", "-f", "jsonl").exit_code == 0
    assert (two_desks / "many.jsonl").is_dir()  # several inputs: a folder, one file each, as for every format


@pytest.mark.parametrize("content,words", [(b"a/01.txt\0b/01.txt\0", "add --null"), (b"\n\n", "lists no paths"),
                                           (bytes(range(1, 32)) * 4, "not a list of paths")])
def test_files_from_lists_that_are_not_lists(two_desks, content, words):
    (two_desks / "list").write_bytes(content)
    r = invoke("detect", "--files-from", "list")
    assert r.exit_code == ExitCode.USAGE and words in r.output


def test_quiet_keeps_errors_and_drops_warnings(two_desks):
    (two_desks / "a" / "empty.txt").write_bytes(b"")
    r = invoke("detect", "a", "-q")
    assert "empty input" in r.output and "ok," not in r.output


def test_control_characters_in_names_are_shown_not_obeyed(tmp_path):
    bad = tmp_path / "evil\x1b[31mname.txt"
    bad.write_bytes(b"")
    r = invoke("detect", bad)
    assert r.exit_code == ExitCode.BAD_INPUT and "\x1b" not in r.output and "\\x1b[31m" in r.output


def test_models_list_takes_quiet():
    assert invoke("models", "list", "-q").exit_code == 0


def test_a_closed_pipe_ends_the_run_quietly(tmp_path):
    for i in range(200):
        shutil.copy(EN_SAMPLE, tmp_path / f"{i:03d}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "summarize", "detect", str(tmp_path), "-f", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert json.loads(first)["language"] == "en"
    assert proc.returncode == ExitCode.PIPE_CLOSED and b"Broken pipe" not in err and b"Error" not in err, err


def test_a_file_name_that_is_not_utf8_is_read_written_and_resumed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    with open(os.path.join(b"in", b"caf\xe9.txt"), "wb") as fh:
        fh.write(EN_SAMPLE.read_bytes())
    shutil.copy(AR_SAMPLE, tmp_path / "in" / "ok.txt")
    for expected in ("2 ok, 0 failed, 0 skipped", "0 ok, 0 failed, 2 skipped"):
        r = invoke("detect", "in", "-f", "jsonl", "-o", "out")
        assert r.exit_code == 0 and expected in r.output, r.output
    assert all(row["status"] == "skipped" for row in rows(tmp_path / "out" / "manifest.jsonl"))
    assert len(list((tmp_path / "out").glob("*.jsonl"))) == 3  # two outputs and the manifest
