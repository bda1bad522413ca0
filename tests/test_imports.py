"""Start-up stays cheap: the package and the light commands never import the model stack."""

import subprocess
import sys

HEAVY = ("torch", "transformers", "ctranslate2")


def loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_import_summarize_loads_no_model_stack():
    assert loaded_after("import summarize") == set()


def test_help_and_detect_load_no_model_stack():
    code = (
        "from typer.testing import CliRunner\nfrom summarize.cli import app\n"
        "r = CliRunner().invoke(app, ['--help'])\nassert r.exit_code == 0\n"
        "r = CliRunner().invoke(app, ['detect', '-'], input='The minister said the talks went well.')\n"
        "assert r.exit_code == 0, r.output"
    )
    assert loaded_after(code) == set()


def test_verify_without_an_nli_model_loads_no_model_stack():
    code = (
        "from typer.testing import CliRunner\nfrom summarize.cli import app\n"
        "r = CliRunner().invoke(app, ['verify', '--help'])\nassert r.exit_code == 0 and '--nli-model' in r.output\n"
        "r = CliRunner().invoke(app, ['verify', '--source', '-', '--summary-text', 'He said 5.'],"
        " input='He said 5 things on Monday.')\nassert r.exit_code == 0, r.output"
    )
    assert loaded_after(code) == set()


# The model-server client and the instruction-model code load when a run asks for such a model, never at start.
LAZY = ("http.client", "summarize.llm.http", "summarize.llm.endpoint", "summarize.llm.cache", "summarize.llm.chat")


def _loaded_by_cli(calls: list[tuple[list[str], str]], modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a fresh interpreter has imported after the CLI calls (args, stdin), each exit 0."""
    probe = (
        "import sys\nfrom typer.testing import CliRunner\nfrom summarize.cli import app\n"
        f"for args, given in {calls!r}:\n"
        "    r = CliRunner().invoke(app, args, input=given)\n"
        "    assert r.exit_code == 0, r.output\n"
        f"print(' '.join(m for m in {modules!r} if m in sys.modules))"
    )
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()


def test_help_and_detect_load_no_model_server_client():
    said = "The minister said the talks went well."
    assert _loaded_by_cli([(["--help"], said), (["run", "--help"], said), (["detect", "-"], said)], LAZY) == []


def test_local_chat_model_modules_load_no_model_stack_until_a_model_loads():
    code = "import summarize.llm.local, summarize.llm.local_model, summarize.llm.ct2_chat"
    assert loaded_after(code) == set()


def test_verify_without_a_judge_loads_no_instruction_model_code():
    call = (["verify", "--source", "-", "--summary-text", "He said 5."], "He said 5 things on Monday.")
    assert _loaded_by_cli([call], (*LAZY, "summarize.verify.judge")) == []