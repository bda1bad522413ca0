"""README stays in step with the code: every option, setting and exit code is documented."""

import re

import click
import pytest
import typer.main

from summarize.cli import app
from summarize.config import Settings
from summarize.errors import ExitCode

from .conftest import AR_SAMPLE, AR_SHORT, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)


def section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n#", start + len(title))
    return README[start : end if end > 0 else None]


def options_of(*path: str) -> set[str]:
    command = COMMAND
    for name in path:
        command = command.commands[name]
    names = set()
    for param in command.params:
        if isinstance(param, click.Option):
            names.update(o for o in (*param.opts, *param.secondary_opts) if o not in ("-h", "--help"))
    return names


@pytest.mark.parametrize(
    "path,title",
    [(("detect",), "### `summarize detect`"), (("translate",), "### `summarize translate`"),
     (("run",), "### `summarize run`"), (("verify",), "### `summarize verify`"),
     (("models", "list"), "### `summarize models list`"), (("models", "pull"), "### `summarize models list`")],
)
def test_every_option_is_in_the_readme_table(path, title):
    documented = set(re.findall(r"`(-[-\w]+)`", section(title)))
    missing = options_of(*path) - documented
    assert not missing, f"{' '.join(path)}: README lacks {sorted(missing)}"


def test_readme_tables_name_no_option_that_does_not_exist():
    every = set().union(*(options_of(*p) for p in (("detect",), ("translate",), ("run",), ("verify",),
                                                    ("models", "list"), ("models", "pull"))))
    documented = set(re.findall(r"\| `(-[-\w]+)`", section("## Commands and options")))
    assert documented <= every, sorted(documented - every)


def test_every_exit_code_is_in_the_table():
    table = section("## Exit codes")
    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \|", table, re.M), code


def test_every_setting_is_in_the_settings_table_with_its_default():
    table = section("## Settings")
    rows = {key: cells[1] for cells in (line.strip("|").split("|") for line in table.splitlines() if line.startswith("| `"))
            for key in re.findall(r"`(\w+)`", cells[0])}
    for name, spec in Settings.__dataclass_fields__.items():
        assert name in rows, name
        if spec.default is not None:  # None reads as words (detect, registry defaults, off)
            assert rows[name].strip().strip("`") == str(spec.default).lower(), name


def test_the_two_setup_commands_are_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '"torch==2.13.0" -e ".[fast]"' in README and '"torch==2.13.0" -e ".[fast]"' in ci
    assert '-e ".[test,ray]"' in README and '-e ".[test,ray]"' in ci
    assert ".venv/bin/python -m pytest -q" in README and ".venv/bin/python -m pytest -q" in ci


def test_the_python_block_runs_as_written(tiny, tmp_path):
    """README's library example, verbatim but for the sample's excerpt, with tiny models named the way a user
    names any model (env)."""
    import os
    import subprocess
    import sys

    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    sample = str(AR_SAMPLE.relative_to(ROOT))
    assert sample in block
    block = block.replace(sample, str(AR_SHORT))  # the sample's excerpt: random weights decode to their cap
    check = "\nassert callable(summarize.translate) and callable(summarize.verify) and callable(summarize.detect)\n"
    # mT5 for summary and key points: a random translation model's "English" may be in any script
    env = {**os.environ, "SUMMARIZE_TRANSLATION_MODEL": str(tiny["m2m100"]), "SUMMARIZE_SUMMARY_MODEL": str(tiny["mt5"]),
           "SUMMARIZE_KEYPOINTS_MODEL": str(tiny["mt5"]), "SUMMARIZE_BACKEND": "transformers",
           "SUMMARIZE_BEAMS": "1"}  # greedy: random weights decode to their cap, four beams would cost four times
    done = subprocess.run([sys.executable, "-c", block + check], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
