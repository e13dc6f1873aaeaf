"""docs/explain.md shows real output: every `charterlogic` block there is run and compared."""

from __future__ import annotations

import io
import os
import re
import shlex
from pathlib import Path

import pytest

from charterlogic import cli

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "explain.md"
BLOCK = re.compile(r"```console\n\$ (charterlogic [^\n]*)\n(.*?)```", re.DOTALL)


def blocks() -> list[tuple[str, str]]:
    return [(command, output) for command, output in BLOCK.findall(DOC.read_text("utf-8"))
            if "--save" not in command]


@pytest.mark.parametrize("command, expected", blocks())
def test_doc_output_is_real(command: str, expected: str) -> None:
    pipeline = command.split(" | head -")
    argv = shlex.split(pipeline[0])[1:]
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(ROOT)  # the documented commands name files relative to the repository
    try:
        cli.main(argv, out, err)
    finally:
        os.chdir(here)
    text = out.getvalue() + err.getvalue()
    if len(pipeline) > 1:
        text = "".join(text.splitlines(keepends=True)[: int(pipeline[1])])
    assert text.rstrip("\n") == expected.rstrip("\n")
