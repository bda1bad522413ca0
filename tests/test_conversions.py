"""The conversion cache: a killed conversion leaves nothing that is reused or kept; live ones are left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from summarize.models import ct2
from summarize.models.registry import ModelSpec

ROOT = Path(__file__).resolve().parent.parent

# Converts the tiny Marian for real, then stops before the result is renamed into place, for the test to kill.
KILLED_MID_CONVERSION = """
import sys, time
from pathlib import Path
from summarize.models import ct2
from summarize.models.registry import ModelSpec

real = ct2._converter

class Stalled:
    def __init__(self, *args):
        self.inner = real(*args)

    def convert(self, out, **kwargs):
        self.inner.convert(out, **kwargs)
        print("converted", flush=True)
        time.sleep(300)

ct2._converter = Stalled
ct2.converted_folder(ModelSpec(sys.argv[1], family="marian"), Path(sys.argv[1]), "r1", "int8", sys.argv[2])
"""


def _work_folders(root: Path) -> list[Path]:
    return sorted(root.rglob(".convert-*"))


def test_a_conversion_killed_midway_leaves_nothing_that_survives_the_next_one(tiny, tmp_path):
    import ctranslate2

    cache = tmp_path / "cache"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", KILLED_MID_CONVERSION, str(tiny["marian"]), str(cache)],
                            stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "converted"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    [left] = _work_folders(cache)
    assert (left / "model" / "model.bin").is_file()  # the killed run's whole conversion, never renamed into place
    spec = ModelSpec(str(tiny["marian"]), family="marian")
    target = ct2.converted_folder(spec, tiny["marian"], "r1", "int8", str(cache))
    assert _work_folders(cache) == []
    assert (target / "model.bin").is_file() and target.name == "int8"
    ctranslate2.Translator(str(target), compute_type="int8")  # a whole model


def test_work_folders_of_live_conversions_are_kept_and_abandoned_ones_removed(tmp_path):
    from summarize.models import conversions

    parent = tmp_path / "ctranslate2" / "v2" / "model" / "rev"
    parent.mkdir(parents=True)
    host = conversions._host()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        folders = {
            "live": parent / f".convert-{host}-{sleeper.pid}-abc_12",
            "dead": parent / f".convert-{host}-{dead.pid}-def_34",
            "old, other host": parent / ".convert-otherhost-123-ghi56",
            "recent, other host": parent / ".convert-otherhost-124-jkl78",
            "old, no owner": parent / ".convert-mno90",
        }
        for folder in folders.values():
            (folder / "model").mkdir(parents=True)
            (folder / "model" / "model.bin").write_bytes(b"half")
        old = time.time() - 2 * conversions.STALE_AFTER_S
        for key in ("old, other host", "old, no owner"):
            for path in (folders[key], folders[key] / "model", folders[key] / "model" / "model.bin"):
                os.utime(path, (old, old))
        gone = conversions.remove_abandoned(tmp_path)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert sorted(gone) == sorted(folders[k] for k in ("dead", "old, other host", "old, no owner"))
    assert folders["live"].is_dir() and folders["recent, other host"].is_dir()


def test_half_a_conversion_in_the_target_is_never_reused(tiny, tmp_path):
    spec = ModelSpec(str(tiny["marian"]), family="marian")
    target = ct2.converted_folder(spec, tiny["marian"], "r1", "int8", str(tmp_path))
    (target / "model.bin").unlink()  # e.g. a copy cut short: config and vocabulary without weights
    again = ct2.converted_folder(spec, tiny["marian"], "r1", "int8", str(tmp_path))
    assert again == target and (target / "model.bin").is_file() and (target / "config.json").is_file()


def test_two_processes_converting_one_model_convert_it_once(tmp_path):
    from summarize.models import conversions

    calls: list[int] = []

    def convert(out: Path) -> None:
        calls.append(1)
        time.sleep(0.3)  # long enough for the other to arrive while this one converts
        out.mkdir()
        (out / "model.bin").write_bytes(b"x")
        (out / "config.json").write_text("{}")

    target = tmp_path / "m" / "int8"
    threads = [threading.Thread(target=conversions.convert_once, args=(target, convert)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and conversions.complete(target)
    assert _work_folders(tmp_path) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_cache_that_cannot_be_written_is_a_conversion_error(tiny, tmp_path):
    from summarize.errors import ExitCode
    from summarize.models import loader
    from summarize.models.conversions import ConversionError

    cache = tmp_path / "cache"
    cache.write_text("a file where the cache folder should be")
    with pytest.raises(ConversionError) as caught:
        loader.load_model("translate:ar-en", str(tiny["marian"]), backend="ctranslate2", device="cpu",
                          cache_dir=str(cache))
    assert caught.value.exit_code == ExitCode.MODEL_UNAVAILABLE and str(tiny["marian"]) in str(caught.value)


def test_tests_never_write_into_the_users_real_caches(tiny, tmp_path):
    import shutil
    import uuid

    import huggingface_hub.constants

    from summarize.models.loader import ModelPool

    from .conftest import REAL_CACHES, TEST_CACHE

    token = f"cache-probe-{uuid.uuid4().hex}"  # a name no other run can have used
    folder = shutil.copytree(tiny["marian"], tmp_path / token)
    model = ModelPool(backend="ctranslate2").get("translate:ar-en", str(folder))  # the library's default cache
    assert model.backend == "ctranslate2"
    assert [p for p in TEST_CACHE.rglob("model.bin") if token in str(p)]
    for real in REAL_CACHES:
        assert not (real.is_dir() and list(real.rglob(f"*{token}*")))
        for path in (ct2.cache_root(None), Path(huggingface_hub.constants.HF_HUB_CACHE)):
            assert not path.resolve().is_relative_to(real.resolve())
