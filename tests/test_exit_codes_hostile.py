"""Hostile names and failing surroundings end with a documented exit code and one line per message, never exit 1."""

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

import summarize
from summarize.batch import state as state_module
from summarize.batch.manifest import Manifest
from summarize.cli import app
from summarize.errors import ExitCode, InputError

from .conftest import AR_SAMPLE, EN_SAMPLE, ROOT


def invoke(*args, **kwargs):
    return CliRunner().invoke(app, [str(a) for a in args], **kwargs)


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    shutil.copy(EN_SAMPLE, tmp_path / "in" / "en.txt")
    shutil.copy(AR_SAMPLE, tmp_path / "in" / "ar.txt")
    return tmp_path


def _cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "summarize", *map(str, args)], capture_output=True, cwd=ROOT,
                          timeout=300, **kwargs)


def test_a_folder_where_a_file_is_expected_is_an_input_error(desk, monkeypatch):
    with pytest.raises(InputError, match="a directory, not a regular file"):
        summarize.read(desk / "in")
    r = invoke("verify", "--source", "in", "--summary-text", "The minister spoke on Monday.")
    assert r.exit_code == ExitCode.BAD_INPUT and "in: a directory, not a regular file" in r.output
    assert "internal error" not in r.output

    import summarize.batch.shell as shell

    listed = shell.expand_inputs

    def then_replaced(paths):  # the entry becomes a folder between listing and reading
        found = listed(paths)
        os.remove("in/ar.txt")
        os.mkdir("in/ar.txt")
        return found

    monkeypatch.setattr(shell, "expand_inputs", then_replaced)
    r = invoke("detect", "in", "-o", "out", "-f", "json")
    assert r.exit_code == ExitCode.PARTIAL and "in/ar.txt: a directory, not a regular file" in r.output, r.output
    assert "internal error" not in r.output


class _FullDisk:
    """A resume state whose writes fail as SQLite fails on a full disk."""

    def __init__(self, db):
        self.db = db

    def execute(self, sql, *args):
        if sql.lstrip().startswith("insert"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.db.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.db, name)


def test_a_full_disk_under_the_resume_state_is_an_output_error(desk, monkeypatch):
    opened = state_module.RunState._open
    monkeypatch.setattr(state_module.RunState, "_open", lambda self: _FullDisk(opened(self)))
    r = invoke("detect", "in", "-o", "out", "-f", "json")
    assert r.exit_code == ExitCode.OUTPUT, r.output
    assert "cannot write the resume state" in r.output and "database or disk is full" in r.output
    assert "internal error" not in r.output


def test_a_closed_stdout_is_an_output_error(desk):
    article = desk / "in" / "en.txt"
    r = _cli("detect", article, stdout=None, preexec_fn=lambda: os.close(1))
    assert r.returncode == ExitCode.OUTPUT and b"cannot write to stdout: it is closed" in r.stderr, r.stderr
    r = _cli("detect", article, "-o", desk / "out.txt", preexec_fn=lambda: os.close(1))
    assert r.returncode == 0 and (desk / "out.txt").read_text().startswith("en"), r.stderr  # stdout not needed


# A run blocked reading a pipe that never ends; its interpreter takes 0.6 s to exit, as one holding models does.
SLOW_EXIT = ("import atexit, sys, time; atexit.register(time.sleep, 0.6); sys.argv = ['summarize', 'detect', '-']; "
             "from summarize.cli import main; main()")


def _terminated_twice(gap: float) -> subprocess.CompletedProcess:
    """The run sent SIGTERM, and again `gap` seconds later."""
    proc = subprocess.Popen([sys.executable, "-c", SLOW_EXIT], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    caught = 1 << (signal.SIGTERM - 1)
    for _ in range(600):  # until the run has put up its SIGTERM handler
        with open(f"/proc/{proc.pid}/status") as fh:
            mask = next(int(line.split()[1], 16) for line in fh if line.startswith("SigCgt"))
        if mask & caught:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    time.sleep(gap)
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    proc.stdin.close()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads the signal mask from /proc")
def test_two_sigterms_end_the_run_as_interrupted():
    for gap in (0.05, random.uniform(0.05, 0.4), 0.4):
        r = _terminated_twice(gap)
        assert r.returncode == ExitCode.INTERRUPTED, (gap, r.returncode, r.stderr)
        assert r.stderr.decode().splitlines() == ["summarize: error: interrupted"]


@pytest.mark.parametrize("option", ["--model", "--summary-model", "--keypoints-model", "--nli-model"])
@pytest.mark.parametrize("name", ["./x\ny", "org/a\nb", "a\n", "org/m\rsummarize: error: forged"])
def test_a_model_name_holding_a_newline_gives_one_line(desk, option, name):
    command = "translate" if option == "--model" else "run"
    r = invoke(command, "in/en.txt", option, name, "--to", "ar")
    assert r.exit_code in (ExitCode.USAGE, ExitCode.MODEL_UNAVAILABLE), r.output
    assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("summarize: error: "), r.stderr


def test_names_with_newlines_are_one_line_on_stderr_and_read_from_a_nul_list(desk):
    forged = "a\nsummarize: error: forged.txt"
    (desk / "in" / forged).write_bytes(b"")
    shutil.copy(EN_SAMPLE, desk / "in" / "two\nlines.txt")
    r = invoke("detect", "in", "-o", "out", "-f", "json")
    assert r.exit_code == ExitCode.PARTIAL
    assert "forged.txt" in r.stderr and not any(line.startswith("summarize: error: forged") for line in
                                                 r.stderr.splitlines()), r.stderr
    assert "a\\x0asummarize: error: forged.txt: empty input" in r.stderr
    (desk / "list").write_bytes(b"in/two\nlines.txt\0in/en.txt\0")
    r = invoke("detect", "--files-from", "list", "--null", "-f", "jsonl")
    assert r.exit_code == 0, r.output
    assert [json.loads(line)["language"] for line in r.stdout.splitlines()] == ["en", "en"]


def test_two_runs_sharing_one_manifest_lose_no_rows(desk):
    shared = desk / "shared.jsonl"
    first = Manifest(shared)  # a run writing the manifest, as the first of two runs does
    first.write({"input": "in/en.txt", "status": "ok"})
    args = ["run", "in", "--method", "extractive", "-o", "other", "--manifest", shared, "-f", "json"]
    r = invoke(*args)
    assert r.exit_code == ExitCode.USAGE and "another summarize run is writing the manifest" in r.output
    assert not (desk / "other" / "in").exists()  # refused before any work
    first.write({"input": "in/ar.txt", "status": "ok"})
    first.close()
    assert [json.loads(line)["input"] for line in shared.read_text().splitlines()] == ["in/en.txt", "in/ar.txt"]
    r = invoke(*args)
    assert r.exit_code == 0 and len(shared.read_text().splitlines()) == 2  # the next run may use it again
