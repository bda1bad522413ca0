"""The command line, through Typer's runner and through a real process with pipes."""

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.errors import ExitCode

from .conftest import AR_SAMPLE, EN_SAMPLE, HTML_SAMPLE, SAMPLES

runner = CliRunner()


def cli(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def proc(*args, stdin=b"", env=None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "summarize", *args], input=stdin, capture_output=True,
                          env=full_env, timeout=120)


def test_detect_samples_jsonl_gives_one_valid_line_per_sample():
    r = proc("detect", str(SAMPLES), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    by_name = {os.path.basename(d["source"]): d["language"] for d in lines}
    assert by_name == {AR_SAMPLE.name: "ar", EN_SAMPLE.name: "en", HTML_SAMPLE.name: "en"}


def test_stdin_pipe_and_dash_are_read():
    arabic = AR_SAMPLE.read_bytes()
    for args in (("detect", "-f", "json"), ("detect", "-", "-f", "json")):
        r = proc(*args, stdin=arabic)
        assert r.returncode == 0, r.stderr
        doc = json.loads(r.stdout)
        assert (doc["source"], doc["language"]) == ("-", "ar")
        assert r.stderr == b""  # data alone on stdout, nothing else said


@pytest.mark.parametrize(
    "make,reason",
    [
        (lambda p: p.write_bytes(b""), "empty input"),
        (lambda p: p.write_bytes(bytes(range(256)) * 4), "binary file"),
        (lambda p: None, "no such file"),
    ],
)
def test_bad_inputs_give_one_line_and_the_bad_input_code(tmp_path, make, reason):
    path = tmp_path / "bad.txt"
    make(path)
    r = proc("detect", str(path))
    assert r.returncode == ExitCode.BAD_INPUT
    lines = r.stderr.decode().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in r.stderr.decode() and r.stdout == b""


def test_a_directory_with_bad_files_reports_them_and_processes_the_rest(tmp_path):
    (tmp_path / "good.txt").write_bytes(EN_SAMPLE.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "notes.odt").write_bytes(b"PK")
    r = proc("detect", str(tmp_path), "-f", "jsonl")
    assert r.returncode == ExitCode.PARTIAL
    assert [json.loads(x)["language"] for x in r.stdout.decode().splitlines()] == ["en"]
    err = r.stderr.decode()
    assert "empty.txt: empty input" in err and "binary.txt: binary file" in err and "notes.odt" in err
    assert "1 ok, 2 failed, 1 skipped" in err


def test_debug_shows_the_traceback(tmp_path):
    r = proc("detect", str(tmp_path / "missing.txt"), "--debug")
    assert "Traceback" in r.stderr.decode()


def test_output_file_and_directory(tmp_path):
    out_file = tmp_path / "one.json"
    r = cli("detect", str(AR_SAMPLE), "-f", "json", "-o", str(out_file))
    assert r.exit_code == 0 and r.stdout == ""
    assert json.loads(out_file.read_text(encoding="utf-8"))["language"] == "ar"
    out_dir = tmp_path / "outdir"
    r = cli("detect", str(SAMPLES), "-f", "markdown", "-o", str(out_dir))
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in out_dir.iterdir() if not p.name.startswith(".") and p.name != "manifest.jsonl")
    articles = [p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html")]
    assert names == sorted(p.name + ".md" for p in articles)  # .en.txt and .en.html never collide


def test_usage_errors_exit_2():
    assert cli("detect", "--format", "yaml", str(EN_SAMPLE)).exit_code == ExitCode.USAGE
    assert cli("nosuchcommand").exit_code == ExitCode.USAGE
    assert cli("detect", str(EN_SAMPLE), "--encoding", "klingon").exit_code == ExitCode.USAGE


def test_config_file_and_env_set_the_format(tmp_path, monkeypatch):
    cfg = tmp_path / "c.toml"
    cfg.write_text('format = "json"\n')
    assert json.loads(cli("detect", str(EN_SAMPLE), "--config", str(cfg)).stdout)["language"] == "en"
    monkeypatch.setenv("SUMMARIZE_FORMAT", "jsonl")
    assert cli("detect", str(EN_SAMPLE), "--config", str(cfg)).stdout.count("\n") == 1
    assert cli("detect", str(EN_SAMPLE), "--config", str(cfg), "-f", "text").stdout.startswith("en")
    bad = tmp_path / "bad.toml"
    bad.write_text("colour = 1\n")
    r = cli("detect", str(EN_SAMPLE), "--config", str(bad))
    assert r.exit_code == ExitCode.USAGE and "unknown setting" in r.output


def test_no_colour_when_not_a_terminal(tmp_path):
    r = proc("detect", str(tmp_path / "missing.txt"))
    assert b"\x1b[" not in r.stderr


def test_version_and_help():
    assert proc("--version").stdout.decode().startswith("summarize ")
    r = proc("--help")
    assert r.returncode == 0 and b"detect" in r.stdout


LONG = "b" * 5000  # past NAME_MAX and PATH_MAX: pathlib raises "File name too long" where os.path says False


@pytest.mark.parametrize("args, code", [
    ((LONG,), ExitCode.BAD_INPUT),
    ((str(EN_SAMPLE), "-o", LONG), ExitCode.OUTPUT),
    ((str(EN_SAMPLE), "-o", LONG + "/"), ExitCode.OUTPUT),
    ((str(EN_SAMPLE), "--manifest", LONG), ExitCode.OUTPUT),
    ((str(EN_SAMPLE), "--config", LONG), ExitCode.USAGE),
    ((str(EN_SAMPLE), "--summary-model", "a/" + LONG), ExitCode.USAGE),
    ((str(EN_SAMPLE), "--summary-model", LONG), ExitCode.USAGE),
])
def test_a_name_too_long_for_the_file_system_is_a_one_line_error(args, code):
    r = cli("run", *args, "--method", "extractive" if "--summary-model" not in args else "abstractive")
    assert r.exit_code == code, r.output
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr and r.stderr.count("\n") == 1


def test_a_long_one_line_text_is_text_not_a_path():
    import summarize

    text = ("The minister said on Monday that the government would spend 300 million dollars on new schools "
            "and hospitals in the north of the country over the next five years, after months of protests by "
            "teachers and doctors who said the region had been neglected for decades.")
    assert len(text) > 255 and "\n" not in text
    assert summarize.run(text, method="extractive").summary == text


@pytest.mark.parametrize("command, option", [("run", "--summary-model"), ("run", "--keypoints-model"),
                                             ("run", "--translation-model"), ("run", "--nli-model"),
                                             ("translate", "--model")])
def test_a_model_option_naming_nothing_fails_before_any_input_is_read(tmp_path, command, option):
    r = cli(command, str(tmp_path / "missing.txt"), option, str(tmp_path / "no-such-model"))
    assert r.exit_code == ExitCode.MODEL_UNAVAILABLE, r.output  # not 3: the input was never looked at
    assert "no-such-model does not exist" in r.stderr and "missing.txt" not in r.stderr


def test_a_stale_model_setting_a_run_does_not_use_stops_nothing(monkeypatch, tmp_path):
    """From the environment or the config file, a model no step of this run needs is never looked at."""
    monkeypatch.setenv("SUMMARIZE_SUMMARY_MODEL", str(tmp_path / "gone"))
    monkeypatch.setenv("SUMMARIZE_KEYPOINTS_MODEL", str(tmp_path / "gone"))
    r = cli("run", str(EN_SAMPLE), "--method", "extractive", "-f", "json")
    assert r.exit_code == 0, r.output
    monkeypatch.setenv("SUMMARIZE_NLI_MODEL", str(tmp_path / "gone"))  # translate checks nothing
    r = cli("translate", str(EN_SAMPLE), "--to", "en", "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["target_language"] == "en", r.output


@pytest.mark.parametrize("where", ["config", "library"])
def test_a_glossary_name_with_a_nul_is_a_glossary_error(tmp_path, where):
    import summarize
    from summarize.glossary import GlossaryError

    if where == "library":
        with pytest.raises(GlossaryError, match="cannot read the glossary"):
            summarize.run(EN_SAMPLE.read_text(encoding="utf-8"), method="extractive", glossary="a\0b")
        return
    config = tmp_path / "c.toml"
    config.write_text('glossary = "a\\u0000b"\n', encoding="utf-8")
    r = cli("run", str(EN_SAMPLE), "--method", "extractive", "--config", str(config))
    assert r.exit_code == ExitCode.USAGE and "internal error" not in r.stderr and "glossary" in r.stderr, r.output


def test_the_library_reads_no_path_with_a_nul():
    import summarize
    from summarize.errors import InputError

    with pytest.raises(InputError, match="NUL"):
        summarize.read("a\0b")


def test_verify_counts_relative_dates_from_the_article_date_given_for_a_text_file(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("The company was founded in 2023 by three engineers in Cairo.\n", encoding="utf-8")
    claim = ("verify", "--source", str(article), "--summary-text",
             "The company was founded last year by three engineers in Cairo.", "--strict", "-f", "json")
    assert cli(*claim).exit_code == 0  # no date: "last year" is not checked
    assert cli(*claim, "--article-date", "2024-03-10").exit_code == 0
    wrong = cli(*claim, "--article-date", "2026-01-05")
    assert wrong.exit_code == ExitCode.FINDINGS
    [finding] = json.loads(wrong.stdout)["findings"]
    assert finding["kind"] == "date" and "2025" in finding["why"]
    bad = cli(*claim, "--article-date", "2024-13-01")
    assert bad.exit_code == ExitCode.USAGE and "--article-date" in bad.output and bad.output.count("\n") == 1
