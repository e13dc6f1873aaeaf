"""The docs show real output: every `$ charterlogic ...` console block is run and compared.

After a reviewed change of output, `python tests/update_doc_outputs.py` rewrites the blocks.
"""

from __future__ import annotations

import pytest

from update_doc_outputs import DOCS, EXAMPLES, blocks, example, run

CASES = [(path.name, command, output) for path in DOCS for command, output in blocks(path)]


@pytest.mark.parametrize("doc, command, expected", CASES,
                         ids=[f"{d}: {c[:60]}" for d, c, _ in CASES])
def test_documented_output_is_real(doc: str, command: str, expected: str) -> None:
    assert run(command) == expected.rstrip("\n") + "\n"


@pytest.mark.parametrize("path", sorted(EXAMPLES), ids=lambda p: p.name)
def test_example_charters_follow_the_charter(path) -> None:
    """The example charters are charter.dsl with their reviewed change: regenerate, don't edit."""
    assert path.read_text("utf-8") == example(path), "run python tests/update_doc_outputs.py"
