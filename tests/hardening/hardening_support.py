"""Helpers shared by the hardening tests (conftest.py holds only pytest hooks)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

import helpers
from charterlogic import cli

#: Inputs each fuzz test tries by default.
DEFAULT_FUZZ_EXAMPLES = 60

#: How many inputs each fuzz test tried, reported at the end of the run.
FUZZ_COUNTS: dict[str, int] = {}
#: Inputs for which the property failed (an exception escaped, or the CLI reported a bug).
FUZZ_ESCAPES: list[str] = []

SHIPPED = Path(cli.__file__).with_name("charter.dsl")


def fuzz_budget(config: pytest.Config) -> int:
    """The number of inputs per fuzz test: the option, the environment, or the default."""
    option = config.getoption("--fuzz-examples", default=None)
    if option is not None:
        return int(option)
    return int(os.environ.get("CHARTERLOGIC_FUZZ_EXAMPLES", DEFAULT_FUZZ_EXAMPLES))


def run_cli(argv: Sequence[str], cwd: Path | None = None) -> tuple[int, str, str]:
    """charterlogic `argv`, in process: (exit code, stdout, stderr); the `run` fixture's runner."""
    return helpers.run_cli(*argv, cwd=cwd)
