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


def pigeonhole_charter(holes: int) -> str:
    """Two norms on the same act whose condition is `holes + 1` pigeons in `holes` holes.

    The condition is unsatisfiable, and proving it is exponentially hard for the resolution
    that Z3's SAT core does: every analysis that touches the norms is hard.
    """
    lines = ["kind state", "kind pigeon", "kind hole", 'party a "A"']
    lines += [f'actor p{i} "P{i}": pigeon' for i in range(holes + 1)]
    lines += [f'actor h{i} "H{i}": hole' for i in range(holes)]
    lines += [
        "event sits(x: pigeon, h: hole)",
        "act help(q: state)",
        'article 1 "Pigeonhole" {',
        "  define placed := all pigeon x: some hole h: sits(x, h)",
        "  define crowded := some hole h: some pigeon x: some pigeon y:",
        "    x != y and sits(x, h) and sits(y, h)",
        # naming every pigeon and every hole keeps them apart: `check` would otherwise ground
        # over a few representatives of the interchangeable ones (symmetry.py), an easy problem
        "  define roll_call := " + " or ".join(
            f"sits(p{i}, h{i % holes})" for i in range(holes + 1)) + " or " + " or ".join(
            f"sits(p0, h{j})" for j in range(holes)),
        "  norm must_help: every state q: must help(q) when placed and not crowded",
        "  norm must_not_help: every state q: must not help(q) when placed and not crowded",
        "}",
    ]
    return "\n".join(lines) + "\n"
