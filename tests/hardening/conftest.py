"""pytest hooks for the hardening tests: the fuzzing budget, and the count of inputs tried.

The fuzz tests run a small budget by default, so the suite stays fast. Before a release, run
more inputs:

    pytest --fuzz-examples 5000
    CHARTERLOGIC_FUZZ_EXAMPLES=5000 pytest          # the same

(The option itself is declared in tests/conftest.py, so that it works from the repository root.)
"""

from __future__ import annotations

import pytest
from hardening_support import FUZZ_COUNTS, FUZZ_ESCAPES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FUZZ_COUNTS:
        total = sum(FUZZ_COUNTS.values())
        terminalreporter.write_line(
            f"fuzz: {total} inputs tried, {len(FUZZ_ESCAPES)} escapes ("
            + ", ".join(f"{name} {count}" for name, count in sorted(FUZZ_COUNTS.items()))
            + ")")
