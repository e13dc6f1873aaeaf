"""docs/errors.md is complete and true: every code has an example, and every example's message
is the one the tool prints today."""

from __future__ import annotations

import re
from pathlib import Path

import hardening_catalogue as catalogue
import pytest

SOURCES = Path(catalogue.__file__).resolve().parents[2] / "src" / "charterlogic"


def codes_in_sources() -> set[str]:
    """Every diagnostic and finding code the package can emit."""
    found: set[str] = set()
    for path in SOURCES.rglob("*.py"):
        found |= set(re.findall(r'"([EC]\d{3})"', path.read_text(encoding="utf-8")))
    return found


def test_every_code_in_the_sources_is_in_the_catalogue() -> None:
    documented = {e.code for e in catalogue.EXAMPLES} | set(catalogue.UNREACHABLE)
    assert codes_in_sources() - documented == set()
    assert documented - codes_in_sources() == set()


@pytest.mark.parametrize("example", catalogue.EXAMPLES,
                         ids=[f"{e.code}-{e.title}" for e in catalogue.EXAMPLES])
def test_each_example_produces_its_code_with_a_location(example: catalogue.Example) -> None:
    status, output = example.run()
    assert f"[{example.code}]" in output
    assert "Traceback" not in output and "internal error" not in output
    if example.code.startswith("E"):
        assert status == 2
        if example.code == "E011":  # a file that cannot be read has no line to show
            assert re.match(r"^\S+: error\[E011\]", output)
        else:
            # file:line:column first, then the source line, then a caret under the span
            assert re.match(r"^\S+:\d+:\d+: error\[E\d{3}\]", output)
            assert re.search(r"^\d+ \| .*\n\s+\| *\^+", output, re.MULTILINE)
    else:
        assert status in (0, 1)


def test_docs_errors_md_is_what_the_tool_prints() -> None:
    expected = catalogue.render()
    actual = catalogue.DOC.read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/errors.md is stale: run `python tests/hardening/hardening_catalogue.py --write` "
        "and review the diff")
