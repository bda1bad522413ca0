"""The Ray engine gives what the local engine gives: same sources, statuses, errors and texts."""

import dataclasses
import functools
import logging
import os
import subprocess
import sys

import pytest

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.filterwarnings("ignore:.*deprecated:DeprecationWarning:ray"),  # Ray Data's own settings
              pytest.mark.xdist_group("ray")]  # one worker starts the one local Ray

from summarize.config import Settings  # noqa: E402 - after the skip: nothing below runs without Ray
from summarize.batch.ray_engine import require_ray, run_ray  # noqa: E402
from summarize.errors import ModelUnavailableError, UsageError  # noqa: E402
from summarize.options import RunOptions, TranslateOptions  # noqa: E402
from summarize.pipeline import run_step, translate_step  # noqa: E402
from summarize.readers import InputRef, expand_inputs  # noqa: E402
from summarize.batch.runner import each, one_by_one, run_batch  # noqa: E402

from .conftest import AR_SAMPLE, EN_SAMPLE, ROOT  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray with 2 CPUs for this file, shut down after it so its daemons don't tax the later tests."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})  # actors import this module's factory
    yield
    ray.shutdown()


@pytest.fixture(scope="session")
def articles(tmp_path_factory):
    """A folder of two short Arabic and two English articles, an empty file and a French one."""
    root = tmp_path_factory.mktemp("articles")
    ar, en = AR_SAMPLE.read_text(encoding="utf-8").split("\n"), EN_SAMPLE.read_text(encoding="utf-8")
    (root / "nested").mkdir()
    # short, three sentences each (three key points): a tiny model translates them to its cap, twice per test
    (root / "ar-1.txt").write_text("\n".join([*ar[:2], ar[3]]), encoding="utf-8")
    (root / "nested" / "ar-2.txt").write_text("\n".join(ar[6:9]), encoding="utf-8")
    (root / "en.txt").write_text(en, encoding="utf-8")
    (root / "en-short.txt").write_text("\n".join(en.split("\n")[:4]), encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "fr.txt").write_text("Le gouvernement a annoncé mardi une réforme des retraites que les syndicats "
                                 "rejettent. Les grèves reprendront la semaine prochaine.", encoding="utf-8")
    refs, _ = expand_inputs([str(root)])
    return refs


def by_source(outcomes):
    return {o.ref: o for o in outcomes}


def same_statuses(local, remote):
    assert set(local) == set(remote) and len(local) == 6
    for ref, outcome in local.items():
        assert remote[ref].ok == outcome.ok, ref
        assert str(remote[ref].error) == str(outcome.error) and type(remote[ref].error) is type(outcome.error)
        assert remote[ref].sha256 == outcome.sha256
    assert sum(o.ok for o in local.values()) == 4


def test_translate_on_ray_matches_local(local_ray, articles, tiny):
    marian = str(tiny["marian"])
    settings = Settings(backend="transformers", beams=1, translation_model=marian)
    factory = functools.partial(translate_step, TranslateOptions("en", settings))
    local = by_source(run_batch(articles, factory(), max_items=2))
    remote = by_source(run_ray(articles, factory, num_actors=1, max_items=2))  # one actor: one model load
    same_statuses(local, remote)
    for ref, outcome in local.items():
        if outcome.ok:
            assert remote[ref].result.text == outcome.result.text
            assert remote[ref].result == outcome.result  # greedy, same backend and device: identical records
    assert {o.result.source_language for o in remote.values() if o.ok} == {"ar", "en"}


def test_extractive_run_on_ray_matches_local(local_ray, articles):
    options = RunOptions(Settings(backend="transformers", method="extractive", points=3))
    factory = functools.partial(each, functools.partial(run_step, options))
    local = by_source(run_batch(articles, factory()))
    remote = by_source(run_ray(articles, factory, num_actors=2, max_items=3))
    same_statuses(local, remote)
    for ref, outcome in local.items():
        if outcome.ok:  # timings differ from run to run; everything else is the same
            untimed = dataclasses.replace(outcome.result, timings={})
            assert dataclasses.replace(remote[ref].result, timings={}) == untimed
            assert len(outcome.result.key_points) == 3


def counting_factory(log: str):
    """A Process whose creation is logged with the actor's pid; each result is the pid that made it."""
    with open(log, "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()}\n")
    return one_by_one(lambda article: os.getpid())


def test_factory_runs_once_per_actor_not_per_batch(local_ray, articles, tmp_path):
    log = tmp_path / "factory.log"
    refs = [InputRef(ref.path) for ref in articles]  # as files named one by one: no relpath
    outcomes = list(run_ray(refs, functools.partial(counting_factory, str(log)), num_actors=2, max_items=1))
    made_by = [int(line) for line in log.read_text().split()]
    assert len(made_by) == len(set(made_by)) <= 2  # 6 batches of 1, at most 2 actors
    assert {o.result for o in outcomes if o.ok} <= set(made_by) and sum(o.ok for o in outcomes) == 5
    assert {o.ref for o in outcomes} == set(refs) and len(outcomes) == 6 and os.getpid() not in made_by


def test_a_missing_model_fails_each_input_as_locally(local_ray, articles):
    settings = Settings(backend="transformers", offline=True, translation_model="/no/such/model")
    factory = functools.partial(translate_step, TranslateOptions("en", settings))
    local = {o.ref: o.error for o in run_batch(articles, factory())}
    remote = {o.ref: o.error for o in run_ray(articles, factory, num_actors=1)}
    assert {ref: str(e) for ref, e in remote.items()} == {ref: str(e) for ref, e in local.items()}
    # the two Arabic articles need the missing model; the English ones pass through, the others fail as unread
    assert sum(isinstance(e, ModelUnavailableError) for e in remote.values()) == 2


def test_stdin_is_refused_before_ray_starts():
    with pytest.raises(UsageError, match="not stdin"):
        run_ray([InputRef("-")], lambda: None)


def test_missing_ray_is_a_usage_error_with_install_hint(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a))
    with pytest.raises(UsageError, match=r"pip install 'summarize\[ray\]'"):
        require_ray()


def test_importing_the_engines_does_not_import_ray():
    probe = "import sys, summarize, summarize.batch, summarize.batch.ray_engine; print('ray' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_cli_engine_ray_gives_the_local_outputs_manifest_and_resume(local_ray, articles, tmp_path):
    import json

    from typer.testing import CliRunner

    from summarize.cli import app

    folder = os.path.commonpath([r.path for r in articles])
    results = {}
    for engine in ("local", "ray"):
        out = tmp_path / engine
        args = ["run", folder, "--method", "extractive", "--points", "2", "-f", "json", "-o", str(out),
                "--engine", engine]
        first = CliRunner().invoke(app, args)
        assert first.exit_code == 6, first.output  # the empty and the French file fail, the rest is written
        rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
        outputs = {p.relative_to(out).as_posix(): json.loads(p.read_text(encoding="utf-8"))["summary"]
                   for p in out.rglob("*.json")}
        results[engine] = ({(r["input"], r["status"], r["reason"]) for r in rows}, outputs)
        again = CliRunner().invoke(app, args)
        assert again.exit_code == 6 and "0 ok, 2 failed, 4 skipped" in again.output  # bad files are retried
    assert results["ray"] == results["local"]


@pytest.mark.parametrize("address,words", [("127.0.0.1:1", "no Ray cluster answers at 127.0.0.1:1"),
                                           ("nonsense", "is not HOST:PORT"), ("127.0.0.1:99999", "is not HOST:PORT")])
def test_a_bad_cluster_address_is_one_line_not_a_hang(articles, tmp_path, address, words):
    from typer.testing import CliRunner

    from summarize.cli import app

    r = CliRunner().invoke(app, ["run", articles[0].path, "--method", "extractive", "--engine", "ray",
                                 "--address", address, "-o", str(tmp_path / "out")])
    assert r.exit_code == 2 and words in r.output and "Traceback" not in r.output, r.output
