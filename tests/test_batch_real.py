"""Issue 12's acceptance run on real articles: 40 published articles in two folders whose file names collide,
one with "6.24pm" in it, an empty and a binary file; then the same run into the input folder itself."""

import hashlib
import json
import shutil

from typer.testing import CliRunner

from summarize.cli import app
from summarize.errors import ExitCode

from .corpus import articles, find

runner = CliRunner()


def desks(root):
    """desk-a/01.txt … desk-a/20.txt (English), desk-b/01.txt … (Arabic): every name exists twice."""
    timed = find("en/012-*.txt")  # "at 6.24pm this evening": the decimal that used to crash every run
    english = [timed] + [p for p in articles("en") if p != timed][:19]
    for folder, picks in (("desk-a", english), ("desk-b", articles("ar")[:20])):
        (root / folder).mkdir(parents=True)
        for i, path in enumerate(picks, 1):
            shutil.copy(path, root / folder / f"{i:02d}.txt")
    (root / "desk-a" / "empty.txt").write_bytes(b"")
    (root / "desk-b" / "binary.txt").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)


def digests(root):
    return {p.relative_to(root): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


def test_forty_real_articles_with_colliding_names(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    desks(inbox)
    r = runner.invoke(app, ["run", str(inbox), "-o", str(out), "--method", "extractive", "-f", "json"])
    assert r.exit_code == ExitCode.PARTIAL, r.output
    assert "Traceback" not in r.output and "40 ok, 2 failed, 0 skipped" in r.output
    outputs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert len(outputs) == 40 and len(set(outputs)) == 40
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = sorted(row["input"].rsplit("/", 1)[-1] for row in rows if row["status"] == "failed")
    assert failed == ["binary.txt", "empty.txt"]
    assert {row["output"] for row in rows if row["status"] == "ok"} == {str(out / o) for o in outputs}
    doc = json.loads((out / "desk-a" / "01.txt.json").read_text(encoding="utf-8"))
    assert doc["language"] == "en" and doc["key_points"]


def test_the_same_run_into_the_input_folder_leaves_every_input_as_it_was(tmp_path):
    inbox = tmp_path / "inbox"
    desks(inbox)
    before = digests(inbox)
    r = runner.invoke(app, ["run", str(inbox), "-o", str(inbox), "--method", "extractive"])
    assert r.exit_code == ExitCode.USAGE and "would overwrite the input" in r.output
    r = runner.invoke(app, ["run", str(inbox), "-o", str(inbox), "--method", "extractive", "-f", "json"])
    assert r.exit_code == ExitCode.PARTIAL, r.output
    after = digests(inbox)
    assert all(after[name] == digest for name, digest in before.items())
    assert len([p for p in after if p.name.endswith(".txt.json")]) == 40
