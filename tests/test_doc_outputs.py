"""The docs show real output: every `$ charterlogic ...` console block is run and compared.

After a reviewed change of output, `python tests/update_doc_outputs.py` rewrites the blocks.
"""

from __future__ import annotations

import pytest

from update_doc_outputs import DOCS, blocks, run

CASES = [(path.name, command, output) for path in DOCS for command, output in blocks(path)]


@pytest.mark.parametrize("doc, command, expected", CASES,
                         ids=[f"{d}: {c[:60]}" for d, c, _ in CASES])
def test_documented_output_is_real(doc: str, command: str, expected: str) -> None:
    assert run(command) == expected.rstrip("\n") + "\n"
