"""What a command loads: a query whose scenario leaves nothing open never imports Z3, and `check`
on a cached charter never imports Lark (the import costs are most of a short command's time)."""

from __future__ import annotations

import subprocess
import sys

QUERY = ["query", "--event", "attack(chad, territory(niger))", "--actor", "chad:state",
         "--on", "2024-01-01"]


def _loaded(argv: list[str]) -> set[str]:
    program = (f"import io, sys; from charterlogic import cli; "
               f"code = cli.main({argv!r}, stdout=io.StringIO()); "
               "print(code, *sorted(m for m in ('z3', 'lark') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True)
    code, *modules = done.stdout.split()
    assert code == "0", done.stderr
    return set(modules)


def test_a_query_with_nothing_open_does_not_load_z3() -> None:
    assert "z3" not in _loaded(QUERY)


def test_a_query_with_an_unknown_fact_loads_z3() -> None:
    assert "z3" in _loaded([*QUERY, "--unknown", "assist(mali, niger)"])
