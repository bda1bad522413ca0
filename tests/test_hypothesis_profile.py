"""The suite's Hypothesis settings make a failure reproducible (issue 23, item 4): a database outside the checkout
and the user's home that replays failing examples, and the same examples on every run in CI."""

import os
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from .conftest import ROOT, hypothesis_profile


def test_outside_ci_failing_examples_are_kept_in_the_temporary_folder():
    profile = hypothesis_profile({})
    assert isinstance(profile.database, DirectoryBasedExampleDatabase) and not profile.derandomize
    folder = Path(profile.database.path).resolve()
    assert folder.is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert not folder.is_relative_to(ROOT) and not folder.is_relative_to(Path.home().resolve())
    assert profile.print_blob and profile.deadline is None


def test_in_ci_every_run_draws_the_same_examples():
    profile = hypothesis_profile({"CI": "true"})
    assert profile.derandomize and profile.database is None and profile.print_blob and profile.deadline is None


def test_the_suite_runs_under_the_profile_of_its_environment():
    expected = hypothesis_profile(os.environ)
    assert settings().derandomize == expected.derandomize
    assert type(settings().database) is type(expected.database)
