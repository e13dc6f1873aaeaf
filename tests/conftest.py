"""Shared fixtures: the shipped charter, loaded once per test session."""

from __future__ import annotations

import pytest

from charterlogic import api
from charterlogic import model as m


@pytest.fixture(scope="session")
def charter() -> m.Charter:
    return api.load_charter()
