"""Shared fixtures: the shipped charter, loaded once per test session; the CLI, run in process."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from charterlogic import api
from charterlogic.model import types as m
from helpers import Run, run_cli

# CI runs the property and fuzz tests on Hypothesis's fixed sequence of examples, so that a run
# of the same commit always gives the same result; elsewhere they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The compiled-charter cache of the tests (and of the CLI processes they start) is their
    own, not the user's: the first load of a charter compiles it, later ones read it back."""
    folder = tmp_path_factory.mktemp("cache")
    os.chmod(folder, 0o700)
    os.environ["XDG_CACHE_HOME"] = str(folder)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fuzz-examples", type=int, default=None, metavar="N",
                     help="inputs per fuzz test of tests/hardening (default: "
                          "$CHARTERLOGIC_FUZZ_EXAMPLES, else a small budget)")


@pytest.fixture(scope="session")
def charter() -> m.Charter:
    return api.load_charter()


@pytest.fixture
def run() -> Run:
    """The CLI in process: `run("check", "--format", "json")` gives (code, out, err).

    Keywords: `cwd` (run there), `stderr` (a stream of your own instead of the captured one)."""
    return run_cli
