"""Solver limits: a charter that is hard for Z3 stops at the limit, says `unknown` naming the
analysis that could not finish, and exits with code 3. Z3's seeds are pinned in one place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import z3
from hardening_support import run_cli

from charterlogic.smt import solver

SOURCES = Path(solver.__file__).parent


def test_the_resource_limit_stops_a_hard_check_with_unknown(hard: Path) -> None:
    status, out, err = run_cli(["check", str(hard), "--rlimit", "100000"])
    assert (status, err) == (3, "")
    unknown = re.findall(r"^unknown: the solver could not finish `(.+?)`", out, re.MULTILINE)
    assert unknown == ["must_help against must_not_help", "dead norms"]
    assert out.rstrip().endswith("result: 0 errors, 0 warnings, 2 unknown")
    # the resource limit is deterministic: the same run gives the same bytes
    assert run_cli(["check", str(hard), "--rlimit", "100000"]) == (status, out, err)


def test_unknown_is_in_the_json_report(hard: Path) -> None:
    status, out, _ = run_cli(["check", str(hard), "--rlimit", "100000", "--format", "json"])
    assert status == 3
    report = json.loads(out)
    assert "dead norms" in report["unknown"]


def test_the_wall_clock_limit_alone_stops_a_hard_check(hard: Path) -> None:
    # rlimit 0 is no resource limit: only --timeout stops Z3 (12 pigeons, 11 holes: far beyond
    # what any machine solves in a fifth of a second)
    status, out, _ = run_cli(["check", str(hard), "--rlimit", "0", "--timeout", "0.2"])
    assert status == 3
    assert "unknown: the solver could not finish `dead norms`" in out


def test_a_query_the_solver_cannot_decide_is_unknown_naming_the_norm() -> None:
    status, out, _ = run_cli([
        "query", "--event", "attack(chad, territory(niger))", "--actor", "chad:state",
        "--unknown", "threat(chad, mali)", "--on", "2024-01-01", "--rlimit", "1"])
    assert status == 3
    assert re.search(r"^unknown: the solver could not decide \w+ within its limits", out,
                     re.MULTILINE)


def test_z3_is_configured_only_in_solver_py() -> None:
    for path in SOURCES.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "solver.py":
            assert "random_seed" not in text and "set_param" not in text, path
            assert 'set("timeout"' not in text and 'set("rlimit"' not in text, path
            assert "z3.Solver(" not in text and "SolverFor(" not in text, path


def test_the_seeds_are_pinned() -> None:
    assert z3.get_param("smt.random_seed") == str(solver.SEED)
    assert z3.get_param("sat.random_seed") == str(solver.SEED)


@pytest.mark.parametrize("option, value", [
    ("--timeout", "nan"), ("--timeout", "inf"), ("--timeout", "-1"), ("--timeout", "0"),
    ("--timeout", "1e300"), ("--timeout", "soon"), ("--rlimit", "-5"), ("--rlimit", "1.5"),
    ("--rlimit", str(2**32)),
])
def test_limits_z3_cannot_take_are_refused_as_bad_input(option: str, value: str) -> None:
    # found while hardening: `--timeout nan` and `--timeout inf` were internal errors (exit 4)
    status, out, err = run_cli(["check", option, value])
    assert (status, out) == (2, "")
    assert f"error: argument {option}: " in err
