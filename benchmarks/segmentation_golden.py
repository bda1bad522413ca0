"""Extract the golden rules of pySBD and Pragmatic Segmenter into JSON cases (run once; output is committed).

Usage: python benchmarks/segmentation_golden.py PYSBD_GIT_DIR PRAGMATIC_GIT_DIR
Each argument is a git directory (a bare mirror is enough); the files are read at HEAD with `git show`.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import types
from pathlib import Path

OUT = Path(__file__).parent / "data" / "segmentation"
_RUBY_CASE = re.compile(
    r'Segmenter\.new\(text:\s*("(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\')(?:,\s*\w+:\s*[^,)]+)*\s*\)\s*\n'
    r"\s*expect\(ps\.segment\)\.to eq\((\[.*?\])\)\s*\n",
    re.S,
)


def _git_show(repo: str, path: str) -> str:
    return subprocess.run(["git", "-C", repo, "show", f"HEAD:{path}"], check=True, capture_output=True, text=True).stdout


def _python_cases(source: str, name: str) -> list[dict]:
    """Run a pySBD test module with a stand-in pytest and return its list of (text, expected) cases."""
    fake = types.ModuleType("pytest")
    fake.param = lambda text, expected, marks=None: (text, expected, "xfail")
    fake.mark = types.SimpleNamespace(xfail="xfail", parametrize=lambda *a, **k: (lambda f: f))
    fake.fixture = lambda *a, **k: (lambda f: f)
    sys.modules["pytest"] = fake
    namespace: dict = {}
    exec(compile(source, name, "exec"), namespace)
    cases = next(v for k, v in namespace.items() if k.startswith("GOLDEN") and isinstance(v, list))
    return [{"text": c[0], "expected": list(c[1]), "xfail_upstream": len(c) > 2} for c in cases]


def _ruby_literal(literal: str) -> str:
    if literal.startswith("'"):  # Ruby single quotes keep backslashes except \\ and \'
        return literal[1:-1].replace("\\'", "'").replace("\\\\", "\\")
    return ast.literal_eval(literal)


def _ruby_cases(source: str) -> list[dict]:
    cases = []
    for match in _RUBY_CASE.finditer(source):
        items = re.findall(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', match.group(2))
        cases.append({"text": _ruby_literal(match.group(1)), "expected": [_ruby_literal(i) for i in items]})
    return cases


def _golden_part(source: str) -> tuple[str, str]:
    """The spec's "Golden Rules" context and the rest."""
    start = source.index('context "Golden Rules"')
    end = source.index("\n  end\n", start)
    return source[start:end], source[end:]


def main(pysbd: str, pragmatic: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    suites = {
        "pysbd_en_golden": _python_cases(_git_show(pysbd, "benchmarks/english_golden_rules.py"), "en"),
        "pysbd_ar": _python_cases(_git_show(pysbd, "tests/lang/test_arabic.py"), "ar"),
    }
    golden, rest = _golden_part(_git_show(pragmatic, "spec/pragmatic_segmenter/languages/english_spec.rb"))
    suites["pragmatic_en_golden"] = _ruby_cases(golden)
    suites["pragmatic_en_more"] = _ruby_cases(rest)
    suites["pragmatic_ar"] = _ruby_cases(_git_show(pragmatic, "spec/pragmatic_segmenter/languages/arabic_spec.rb"))
    for name, cases in suites.items():
        (OUT / f"{name}.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(cases)} cases")


if __name__ == "__main__":
    main(*sys.argv[1:3])
