"""Answers that were internal errors (issue 11, findings 6, 7 and 15): a model read after
`unknown`, huge date shifts in `timeline`, and `test` run on nothing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hardening_support import SHIPPED, run_cli

from charterlogic.smt import search as search_module
from charterlogic.smt.solver import Result

BASE = ('kind state\nparty mali "Mali"\nparty niger "Niger"\n'
        "event attack(attacker: state, victim: state)\nact assist(helper: state, victim: state)\n")


# ---- 6: no model is read after unknown ------------------------------------------------------


def test_the_issue_s_charter_at_a_low_rlimit_never_reads_a_missing_model(tmp_path: Path) -> None:
    # the issue's input: the shipped charter with a definition whose parameter is named `on`
    shipped = SHIPPED.read_text(encoding="utf-8")
    text = shipped.replace(
        'define party(q: state)\n    "{q} is a party" := in_force and (signatory(q) or acceded(q)) '
        'and not withdrawn(q)',
        "define party(on : state) := in_force and (signatory(on) or acceded(on)) and not "
        "withdrawn(on)")
    assert text != shipped, "the shipped charter no longer has the definition this test edits"
    path = tmp_path / "c.dsl"
    path.write_text(text, encoding="utf-8")
    for rlimit in ("100000", "50000"):  # it gives up on the dead norms, then on a conflict
        status, out, err = run_cli(["check", str(path), "--rlimit", rlimit])
        assert "internal error" not in err, err
        assert status == 3 and "unknown: the solver could not finish `" in out


#: A conflict that one reading resolves: `check` then asks the solver to release the reading.
RESOLVED_BY_A_READING = BASE + (
    'interpretation strict off\n  "Off: no prohibition; on: helping is forbidden."\n'
    'article 1 "a" {\n'
    "  norm help: every state q: must assist(q, p) when attack(x, p)\n"
    "  norm no_help: every state q: must not assist(q, p) when attack(x, p) and strict\n}\n")


def test_an_unknown_when_releasing_a_reading_again_is_unknown_naming_the_analysis(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = search_module.check
    asked: list[object] = []

    def gives_up_the_second_time(solver: object, assumptions: object = ()) -> Result:
        # Session.solve releases the readings of the core (SAT), then fewer of them, then the
        # same list again to read its model: the solver gives up on that last check
        caller = sys._getframe(1)
        if caller.f_code.co_name == "released":
            names = caller.f_locals["names"]
            if any(names is seen for seen in asked):
                return Result.UNKNOWN
            asked.append(names)
        return real(solver, assumptions)  # type: ignore[arg-type]

    path = tmp_path / "c.dsl"
    path.write_text(RESOLVED_BY_A_READING, encoding="utf-8")
    assert run_cli(["check", str(path)])[0] == 0  # resolved by `strict`, without the patch
    monkeypatch.setattr(search_module, "check", gives_up_the_second_time)
    status, out, err = run_cli(["check", str(path)])
    assert "internal error" not in err, err
    assert status == 3
    assert "unknown: the solver could not finish `" in out
    assert "help" in out.split("unknown: the solver could not finish `", 1)[1].split("`")[0]


def test_a_witness_the_solver_gives_up_on_is_unknown_naming_the_analysis(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = search_module.check

    def gives_up_in_witness(solver: object, assumptions: object = ()) -> Result:
        # the solver reaches its limit on every check made while shrinking a witness
        if sys._getframe(1).f_code.co_name == "witness":
            return Result.UNKNOWN
        return real(solver, assumptions)  # type: ignore[arg-type]

    monkeypatch.setattr(search_module, "check", gives_up_in_witness)
    status, out, err = run_cli(["check", "--literal"])
    assert "internal error" not in err, err
    assert status == 3
    assert "unknown: the solver could not finish `the smallest witness of" in out


# ---- 7: huge date shifts in timeline --------------------------------------------------------


@pytest.mark.parametrize("shift", ["99999999999999999999999999999 years",
                                   "9223372036854775807 months", "-9223372036854775807 months"])
def test_timeline_takes_huge_date_shifts(tmp_path: Path, shift: str) -> None:
    if shift.startswith("-"):
        shift = shift[1:]
        compare = "today > date of attack(x, p) + "
    else:
        compare = "today < date of attack(x, p) + "
    path = tmp_path / "c.dsl"
    path.write_text(BASE + 'article 1 "a" {\n  norm n: every state q: must assist(q, p) when '
                    f"attack(x, p) and {compare}{shift}\n}}\n", encoding="utf-8")
    status, out, err = run_cli(["timeline", str(path), "--on", "2024-01-01",
                                "--event", "attack(mali, niger) from 2024-01-01"])
    assert status == 0, err
    # `today < (attack + forever)` holds from the attack on; `today > (attack + forever)` never
    assert ("no norm is triggered" in out) == (compare.startswith("today >"))


# ---- 15: `test` on nothing ------------------------------------------------------------------


def test_test_on_an_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    status, out, err = run_cli(["test", str(tmp_path)])
    assert status == 2
    assert f"{tmp_path}: error[E011]: no `*.scenario` file in the folder {tmp_path}" in err
    assert "0 passed" not in out


def test_test_on_upper_case_names_says_why_they_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.SCENARIO").write_text('scenario "s" { on 2024-01-01 }\n')
    status, _, err = run_cli(["test", str(tmp_path)])
    assert status == 2
    assert "names are case-sensitive: a.SCENARIO is not read" in err


def test_test_on_an_unreadable_folder_is_an_input_error(tmp_path: Path) -> None:
    folder = tmp_path / "closed"
    folder.mkdir()
    (folder / "a.scenario").write_text('scenario "s" { on 2024-01-01 }\n')
    folder.chmod(0)
    try:
        status, _, err = run_cli(["test", str(folder)])
    finally:
        folder.chmod(0o755)
    if os.geteuid() == 0:  # root reads it anyway: then it runs
        assert status == 0
    else:
        assert status == 2 and f"cannot read the folder {folder}: permission denied" in err
