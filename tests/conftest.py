"""Shared fixtures: the shipped charter, loaded once per test session."""

from __future__ import annotations

import pytest

from charterlogic import api
from charterlogic import model as m


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fuzz-examples", type=int, default=None, metavar="N",
                     help="inputs per fuzz test of tests/hardening (default: "
                          "$CHARTERLOGIC_FUZZ_EXAMPLES, else a small budget)")


@pytest.fixture(scope="session")
def charter() -> m.Charter:
    return api.load_charter()
