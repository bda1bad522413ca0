"""Batch runs over directories: manifest, failures recorded, resume after SIGKILL, --files-from."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.errors import ExitCode
from summarize.segment import sentences, split_paragraphs

from .conftest import AR_SAMPLE, EN_SAMPLE

runner = CliRunner()


def real_articles(folder, count, size=6):
    """`count` articles of `size` sentences cut from the real samples (windows of their sentences), in nested
    folders."""
    pools = [sentences(split_paragraphs(p.read_text(encoding="utf-8"))) for p in (EN_SAMPLE, AR_SAMPLE)]
    paths = []
    for i in range(count):
        pool = pools[i % 2]
        start = (i * 3) % (len(pool) - 6)
        text = "\n".join(s.text for s in pool[start : start + size]) + "\n"
        path = folder / f"desk{i % 3}" / f"article-{i:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def manifest(out):
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def test_directory_with_bad_files_records_them_and_exits_partial(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    good = real_articles(inputs, 42)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "french.txt").write_text("Le ministre est arrivé lundi à Moscou pour des discussions sur la Syrie "
                                       "et la coopération économique entre les deux pays.", encoding="utf-8")
    r = runner.invoke(app, ["run", str(inputs), "--method", "extractive", "-f", "json", "-o", str(out)])
    assert r.exit_code == ExitCode.PARTIAL, r.output
    assert "Traceback" not in r.output and "42 ok, 3 failed, 0 skipped" in r.output
    rows = {os.path.basename(row["input"]): row for row in manifest(out)}
    assert rows["empty.txt"]["status"] == "failed" and "empty input" in rows["empty.txt"]["reason"]
    assert rows["binary.txt"]["status"] == "failed" and "binary" in rows["binary.txt"]["reason"]
    assert rows["french.txt"]["status"] == "failed" and "'fr' is not supported" in rows["french.txt"]["reason"]
    for path in good:
        row = rows[path.name]
        assert row["status"] == "ok" and len(row["input_sha256"]) == 64
        doc = json.loads(open(row["output"], encoding="utf-8").read())  # complete, valid JSON
        assert doc["source"] == str(path)
    assert {p.relative_to(out).as_posix() for p in out.rglob("*.json")} == {
        p.relative_to(inputs).as_posix() + ".json" for p in good}


def test_rerun_skips_unchanged_and_redoes_changed_or_forced(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    paths = real_articles(inputs, 5)
    args = ["run", str(inputs), "--method", "extractive", "-f", "json", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, [*args, "--offline", "--batch-tokens", "64"])  # how it runs, not what it writes
    assert again.exit_code == 0 and "0 ok, 0 failed, 5 skipped" in again.output
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "One more sentence was added.\n", encoding="utf-8")
    changed = runner.invoke(app, args)
    assert "1 ok, 0 failed, 4 skipped" in changed.output
    assert runner.invoke(app, [*args, "--points", "2"]).output.count("skipped") == 1  # new options: all redone
    assert "5 ok" in runner.invoke(app, [*args, "--points", "2", "--force"]).output


def test_resume_reads_each_input_once(tmp_path, monkeypatch):
    """The first run reads each file to process it; a rerun reads each to compare it with the resume state,
    and a changed file is processed from those bytes, not read again."""
    from collections import Counter

    import summarize.batch.run
    import summarize.readers

    reads = Counter()
    real = summarize.readers.read_file

    def counted(path, *args, **kwargs):
        reads[os.path.basename(path)] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(summarize.readers, "read_file", counted)
    monkeypatch.setattr(summarize.batch.run, "read_file", counted)
    inputs, out = tmp_path / "in", tmp_path / "out"
    paths = real_articles(inputs, 4)
    args = ["run", str(inputs), "--method", "extractive", "-f", "json", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    assert reads == Counter({p.name: 1 for p in paths})
    reads.clear()
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "One more sentence was added.\n", encoding="utf-8")
    r = runner.invoke(app, args)
    assert r.exit_code == 0 and "1 ok, 0 failed, 3 skipped" in r.output, r.output
    assert reads == Counter({p.name: 1 for p in paths})
    row = [row for row in manifest(out) if row["status"] == "ok"][-1]
    assert row["input"] == str(paths[0]) and row["input_sha256"] == hashlib.sha256(paths[0].read_bytes()).hexdigest()


def test_killed_run_leaves_whole_files_and_the_rerun_finishes_the_rest(tiny, tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    paths = real_articles(inputs, 10, size=3)  # killed after 3 of them, about 0.2 s apart
    cmd = [sys.executable, "-m", "summarize", "translate", str(inputs), "--to", "en", "--from", "ar",
           "--model", str(tiny["marian"]), "--backend", "ctranslate2", "--beams", "1", "-f", "json", "-o", str(out)]
    # one article per chunk, so outputs appear one by one; one thread, as tiny models run best
    env = {**os.environ, "SUMMARIZE_CHUNK_CHARS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        done = [r for r in manifest(out) if r["status"] == "ok"] if (out / "manifest.jsonl").exists() else []
        if len(done) >= 3:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = {r["input"] for r in manifest(out) if r["status"] == "ok"}
    assert 3 <= len(finished) < len(paths), "the run should have been killed part-way"
    for output in out.rglob("*.json"):  # every file there is whole
        json.loads(output.read_text(encoding="utf-8"))
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    rows = manifest(out)
    assert {r["input"] for r in rows if r["status"] == "skipped"} >= finished
    assert {r["input"] for r in rows if r["status"] == "ok"} == {str(p) for p in paths} - finished
    assert len(list(out.rglob("*.json"))) == len(paths) and not list(out.rglob(".*.tmp"))


def test_nothing_changed_loads_no_model(tiny, tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "out"
    real_articles(inputs, 3)
    args = ["translate", str(inputs), "--to", "en", "--from", "ar", "--model", str(tiny["marian"]),
            "--backend", "ctranslate2", "--beams", "1", "-f", "json", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    from summarize.models import loader

    monkeypatch.setattr(loader, "load_model", lambda *a, **k: pytest.fail("a model was loaded"))
    r = runner.invoke(app, args)
    assert r.exit_code == 0 and "0 ok, 0 failed, 3 skipped" in r.output


@pytest.mark.parametrize("null", [False, True])
def test_files_from_lists_and_find_print0(tmp_path, null):
    paths = real_articles(tmp_path / "in", 3)
    listing = tmp_path / "list"
    sep = "\0" if null else "\n"
    listing.write_text(sep.join(str(p) for p in paths) + sep, encoding="utf-8")
    args = ["detect", "--files-from", str(listing), "-f", "jsonl"] + (["--null"] if null else [])
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert [json.loads(line)["source"] for line in r.stdout.splitlines()] == [str(p) for p in paths]


def test_jsonl_streams_one_line_per_article_as_it_completes(tmp_path):
    real_articles(tmp_path / "in", 4)
    proc = subprocess.Popen([sys.executable, "-m", "summarize", "run", str(tmp_path / "in"), "--method",
                             "extractive", "-f", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "SUMMARIZE_CHUNK_CHARS": "1"})
    first = proc.stdout.readline()  # arrives before the process ends: a consumer sees results during the run
    assert json.loads(first)["method"] == "extractive"
    rest = proc.stdout.read().splitlines()
    assert proc.wait() == 0 and len(rest) == 3
    assert proc.stderr.read().decode().strip().endswith("4 ok, 0 failed, 0 skipped")
