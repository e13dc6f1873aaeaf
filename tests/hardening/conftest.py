"""pytest hooks for the hardening tests: the fuzzing budget, and the count of inputs tried; and
the fixtures they share.

The fuzz tests run a small budget by default, so the suite stays fast. Before a release, run
more inputs:

    pytest --fuzz-examples 5000
    CHARTERLOGIC_FUZZ_EXAMPLES=5000 pytest          # the same

(The option itself is declared in tests/conftest.py, so that it works from the repository root.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_support import FUZZ_COUNTS, FUZZ_ESCAPES, pigeonhole_charter


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FUZZ_COUNTS:
        total = sum(FUZZ_COUNTS.values())
        terminalreporter.write_line(
            f"fuzz: {total} inputs tried, {len(FUZZ_ESCAPES)} escapes ("
            + ", ".join(f"{name} {count}" for name, count in sorted(FUZZ_COUNTS.items()))
            + ")")


@pytest.fixture(scope="module")
def hard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A charter whose analyses are exponentially hard for Z3 (pigeonhole_charter(9))."""
    path = tmp_path_factory.mktemp("hard") / "pigeons.dsl"
    path.write_text(pigeonhole_charter(9), encoding="utf-8")
    return path
