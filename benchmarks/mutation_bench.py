"""Mutation testing of the modules that decide, with mutmut 3 (issue 23, item 4): a benchmark, not part of CI.

Each module group is mutated in a scratch copy of the package and tests (the checkout is never touched), and its
mutants are tried against only the test files that name the group (tests/test_<group>*.py, test_mutants_<group>
included). A group's mutants can be sampled (seeded, so a rerun draws the same ones from the same source).

    python benchmarks/mutation_bench.py [GROUP ...] [--sample N] [--seed S] [--workdir DIR] [--jobs J]
    python benchmarks/mutation_bench.py segment --show        # the surviving mutants' diffs
    python benchmarks/mutation_bench.py segment --survivors   # the same sample's survivors against new tests

Needs the mutation extra (pip install -e ".[mutation]"). Prints a table: group, mutants (tried), killed,
survived, equivalent (survivors written down in EQUIVALENT, with the reason), score = killed / (tried - equivalent).
A mutant mutmut finds no test for ("no tests") counts as a survivor; a timeout counts as killed (mutmut's rule) and
is shown apart: with the CPU-time limit at 5 × the tests' own time, a slow shared machine can time a mutant out.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# group: (files mutated, globs of the test files that name it)
GROUPS = {
    "segment": (["summarize/segment.py", "summarize/sentence_rules.py"],
                ["test_segment*.py", "test_mutants_segment*.py"]),
    "detect": (["summarize/detect.py", "summarize/detect_rules.py"], ["test_detect*.py", "test_mutants_detect*.py"]),
    "extractive": (["summarize/extractive/*"], ["test_extractive.py", "test_extractive_news.py",
                                                 "test_extractive_props.py", "test_mutants_extractive*.py"]),
    "glossary": (["summarize/glossary/*"], ["test_glossary*.py", "test_mutants_glossary*.py"]),
    "batch": (["summarize/batch/*"], ["test_batch.py", "test_batch_robustness.py", "test_mutants_batch*.py"]),
    "readers": (["summarize/readers/*"], ["test_readers*.py", "test_fetch_hostile.py", "test_mutants_readers*.py"]),
    "verify": (["summarize/verify/*"], ["test_verify*.py", "test_mutants_verify*.py"]),
}
# Not mutated: the Ray engine is tried only by tests/test_ray.py, which starts a Ray cluster (minutes a run).
DO_NOT_MUTATE = ["summarize/batch/ray_engine.py"]
# Left out of a group's tests: real checkpoints or a second framework, minutes per run (marked or slow).
SKIP_TESTS = {"test_verify_real.py", "test_verify_nli.py", "test_batch_real.py"}

# Surviving mutants that cannot change behaviour, with the reason (benchmarks/README.md lists them too).
# A name is mutmut's: module.function (x_ prefix, Class_name for methods) and the mutant's number in it.
EQUIVALENT: dict[str, str] = {
    "summarize.segment.x_split_paragraphs__mutmut_23":
        "max(..., default=1) for 0: the branch runs only when some line is filled, so the default is never used",
    "summarize.sentence_rules.x__latin_cuts__mutmut_18":
        "a cut at the text's very end: the piece after it is empty, and empty pieces are skipped",
    "summarize.sentence_rules.x__token_at__mutmut_23":
        "end >= 1 for end >= 0: `at` is where a glued stop's letter stands, never a space, so end is never 0",
    "summarize.detect_rules.x_arabizi_evidence__mutmut_4":
        "'X' added to the characters stripped from each token: tokens are lowercased first, so no 'X' is there",
    "summarize.extractive.choose.x__key__mutmut_3":
        "another separator joining the words: keys are only compared with keys built the same way",
    "summarize.extractive.choose.x__distinct__mutmut_2":
        "`taken` is always empty beyond MMR_LIMIT (key points ask mmr for one sentence at a time)",
    "summarize.readers.docx.xǁ_Readerǁ_marker__mutmut_28":
        "a w:pStyle without w:val looked up as None instead of '': style ids are strings, neither is one (valid OOXML)",
    "summarize.readers.web.x__final_url__mutmut_8":
        "getattr without a default: fetch's PoolManager always carries a urllib3 Retry, which always has `history`",
    "summarize.readers.web.x__final_url__mutmut_17":
        "the base URL of a redirect step taken as is: PoolManager records full URLs for the steps that redirect",
    "summarize.glossary.checks.x_glossary_findings__mutmut_30":
        "s <= end for s < end: matches are word-bounded, so a rendering cannot start where a variant's match ends",
}

_CONFIG = """\
[tool.mutmut]
source_paths = ["summarize/"]
only_mutate = {only}
do_not_mutate = {skip}
also_copy = ["samples/", "benchmarks/", "mutation_fresh_caches.py"]
pytest_add_cli_args_test_selection = {tests}
pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "no:randomly", "-q", "-p", "mutation_fresh_caches"]
timeout_multiplier = 5.0
# stats, clean runs and mutants each in a fresh child: in mutmut's own process a second pytest run did not find
# verify's tests with non-ASCII ids again (exit 4)
process_isolation = "forkserver"

[tool.pytest.ini_options]
markers = ["network: needs real model checkpoints"]
addopts = "-m 'not network'"
"""

# Mutants run in processes forked after the clean run: a function's lru_cache would answer with the unmutated
# results of the same texts (verify's word_numbers), so every cache of the package is emptied before each test.
_FRESH_CACHES = """\
import sys


def pytest_runtest_setup(item):
    for name, module in list(sys.modules.items()):
        if name.startswith("summarize"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
"""

_GENERATE = """\
from mutmut.__main__ import copy_src_dir, copy_also_copy_files, create_mutants, setup_source_paths, state
from mutmut.mutation.trampoline import set_mutant_under_test
set_mutant_under_test("mutant_generation")
copy_src_dir(); copy_also_copy_files(); setup_source_paths(); create_mutants({jobs})
"""


def test_files(group: str) -> list[str]:
    """The test files that name GROUP, as paths relative to the repository."""
    names = set()
    for pattern in GROUPS[group][1]:
        names |= {p.name for p in (ROOT / "tests").glob(pattern)}
    return sorted(f"tests/{n}" for n in names - SKIP_TESTS)


def workspace(group: str, workdir: Path) -> Path:
    """A scratch copy of what the tests read, with mutmut's and pytest's settings for GROUP."""
    where = workdir / group
    shutil.rmtree(where, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for part in ("summarize", "tests", "samples", "benchmarks/data"):
        shutil.copytree(ROOT / part, where / part, ignore=ignore)
    config = _CONFIG.format(only=json.dumps(GROUPS[group][0]), skip=json.dumps(DO_NOT_MUTATE),
                            tests=json.dumps(test_files(group)))
    (where / "pyproject.toml").write_text(config, encoding="utf-8")
    (where / "mutation_fresh_caches.py").write_text(_FRESH_CACHES, encoding="utf-8")
    return where


def mutants(where: Path) -> dict[str, int | None]:
    """Every mutant of the workspace with its mutmut exit code (None: not run)."""
    found = {}
    for meta in (where / "mutants" / "summarize").rglob("*.meta"):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def status(code: int | None) -> str:
    if code in (1, 3, 24, -24, 36, 152, 255):  # a failing test, pytest's internal error, a timeout
        return "killed"
    if code in (0, 5, 33):  # tests passed, or no test reaches the mutant
        return "survived"
    return "not run" if code is None else "suspicious"


def retest(group: str, workdir: Path) -> Path:
    """The workspace of an earlier run of GROUP with the checkout's tests/test_mutants_*.py as they are now (the
    other tests stay those of the source copied then, which they were written for)."""
    where = workdir / group
    for tests in (where / "tests", where / "mutants" / "tests"):
        for path in (ROOT / "tests").glob("test_mutants_*.py"):
            shutil.copy(path, tests / path.name)
        (tests.parent / "mutation_fresh_caches.py").write_text(_FRESH_CACHES, encoding="utf-8")
    # which tests reach which function, collected again: mutmut re-collects only for tests of a new name
    (where / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    return where


def run_group(group: str, args: argparse.Namespace) -> dict:
    python = sys.executable
    where = retest(group, args.workdir) if args.survivors else workspace(group, args.workdir)
    if not args.survivors:
        subprocess.run([python, "-c", _GENERATE.format(jobs=args.jobs)], cwd=where, check=True,
                       stdout=subprocess.DEVNULL)
    names = sorted(mutants(where))
    chosen = sorted(random.Random(args.seed).sample(names, args.sample)) if 0 < args.sample < len(names) else names
    mutmut = [python, "-m", "mutmut"]
    codes = mutants(where)
    trying = [n for n in chosen if status(codes.get(n)) != "killed"] if args.survivors else chosen
    for _ in range(2):  # mutmut's first clean run in the process that collected the stats can fail (pytest
        # exit 4); the same tests pass in a second run, with the stats read back
        done = subprocess.run([*mutmut, "run", "--max-children", str(args.jobs), *trying], cwd=where,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if "BadTestExecutionCommandsException" not in done.stdout:
            break
    (where / "mutmut.log").write_text(done.stdout, encoding="utf-8")
    if done.returncode:
        print(done.stdout[-3000:], file=sys.stderr)
    codes = mutants(where)
    verdict = {name: status(codes.get(name)) for name in chosen}
    survivors = [n for n, v in verdict.items() if v != "killed" and n not in EQUIVALENT]
    if args.show:
        for name in survivors:
            shown = subprocess.run([*mutmut, "show", name], cwd=where, stdout=subprocess.PIPE, text=True)
            print(f"--- {name} ({verdict[name]})\n{shown.stdout}")
    equivalent = sum(1 for n in chosen if n in EQUIVALENT and verdict[n] != "killed")
    killed = sum(1 for v in verdict.values() if v == "killed")
    timeouts = sum(1 for n in chosen if codes.get(n) in (24, -24, 36, 152, 255))
    return {"group": group, "all": len(names), "tried": len(chosen), "killed": killed, "timeouts": timeouts,
            "survived": len(chosen) - killed - equivalent, "equivalent": equivalent, "survivors": survivors,
            "tests": len(test_files(group))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", help=f"of {', '.join(GROUPS)} (default all, one at a time)")
    parser.add_argument("--sample", type=int, default=80, help="mutants tried per group (0: all)")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--jobs", type=int, default=2, help="mutants tried at once")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/summarize-mutation"))
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument("--survivors", action="store_true",
                        help="retry an earlier run's survivors (same --workdir, --seed, --sample) with the tests now")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    unknown = [g for g in args.groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group {unknown[0]!r}; choose from {', '.join(GROUPS)}")
    rows = []
    print("| group | test files | mutants (all) | tried | killed (timed out) | survived | equivalent | score |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for group in args.groups or list(GROUPS):
        row = run_group(group, args)
        rows.append(row)
        scored = row["tried"] - row["equivalent"]
        score = f"{100 * row['killed'] / scored:.0f} %" if scored else "-"
        print(f"| {group} | {row['tests']} | {row['all']} | {row['tried']} | {row['killed']} ({row['timeouts']}) "
              f"| {row['survived']} "
              f"| {row['equivalent']} | {score} |", flush=True)
    for row in rows:
        if row["survivors"]:
            print(f"{row['group']} survivors: {' '.join(row['survivors'])}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
