"""The docs show real output: every `$ charterlogic ...` console block is run and compared.

After a reviewed change of output, `python tests/update_doc_outputs.py` rewrites the blocks.
"""

from __future__ import annotations

import re

import pytest

from update_doc_outputs import DOCS, EXAMPLES, ROOT, blocks, example, run

CASES = [(path.name, command, output) for path in DOCS for command, output in blocks(path)]


@pytest.mark.parametrize("doc, command, expected", CASES,
                         ids=[f"{d}: {c[:60]}" for d, c, _ in CASES])
def test_documented_output_is_real(doc: str, command: str, expected: str) -> None:
    assert run(command) == expected.rstrip("\n") + "\n"


@pytest.mark.parametrize("path", sorted(EXAMPLES), ids=lambda p: p.name)
def test_example_charters_follow_the_charter(path) -> None:
    """The example charters are charter.dsl with their reviewed change: regenerate, don't edit."""
    assert path.read_text("utf-8") == example(path), "run python tests/update_doc_outputs.py"


def test_the_sorts_docs_dsl_md_shows_are_the_charter_s(charter) -> None:
    """docs/dsl.md's example declares its sorts as charter.dsl does, value for value."""
    block = re.search(r"```charterdsl\n(.*?)```", (ROOT / "docs" / "dsl.md").read_text("utf-8"),
                      re.DOTALL)
    assert block is not None
    code = re.sub(r"#[^\n]*", "", block.group(1))
    shown = re.findall(r"^sort (\w+) = ([^\n]*(?:\n\s+\|[^\n]*)*)", code, re.MULTILINE)
    assert [name for name, _ in shown] == ["area", "deployment", "target"]
    for name, values in shown:
        assert [v.strip() for v in values.split("|")] == [
            c.name + (f"({', '.join(c.arg_sorts)})" if c.arg_sorts else "")
            for c in charter.sorts[name]], name
