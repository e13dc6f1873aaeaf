"""Minimal clash: `assume` clauses that cannot all hold, reported with their places."""

from __future__ import annotations

import json
from pathlib import Path

import z3

from charterlogic import api
from charterlogic.analyses.witness import check_domain
from charterlogic.ground.from_model import Facts, Grounder
from charterlogic.smt import search
from charterlogic.smt.solver import Result, check, new_solver
from helpers import Run

CLASH = Path(__file__).parent / "charters" / "clash.dsl"


def test_reports_the_minimal_set_with_places(run: Run) -> None:
    charter = api.load_charter(CLASH)
    report = api.clash(charter)
    assert report.result is Result.UNSAT
    assert [(p.kind, p.name, p.span.line, p.span.column) for p in report.parts] == [
        ("definition", "aggression", 20, 10), ("assumption", "beta_attacked", 24, 8),
        ("assumption", "peace", 25, 8)]
    code, text, _ = run("check", str(CLASH))
    assert code == 1
    assert "these 3 clauses cannot all hold" in text
    assert f"{CLASH}:25:8: note[C000]: assume peace" in text
    assert "quiet" not in text


def test_minimality_each_clause_is_needed() -> None:
    """Drop any clause of the reported set (keeping every clause outside it) and all can hold."""
    charter = api.load_charter(CLASH)
    grounder = Grounder(charter, check_domain(charter), Facts(None, {}))
    encoder = search._TrackingEncoder(charter)
    solver = new_solver(encoder.ctx)
    for assumption in charter.assumptions:
        literal = encoder.literal(search.Tracked("assumption", assumption.name))
        solver.add(z3.Implies(literal, encoder.formula(grounder.expr(assumption.body, {}))))
    solver.add(*encoder.take_pending())
    solver.add(*(z3.Implies(lit, c) for lit, c in encoder.tracked))
    everything = list(encoder.literals.values())
    core = search.minimal_core(solver, everything)
    assert core is not None and check(solver, core) is Result.UNSAT
    for left_out in core:
        assert check(solver, [lit for lit in core if lit is not left_out]) is Result.SAT
    # and the names agree with the report
    names = {key.name for key, lit in encoder.literals.items() if any(lit is c for c in core)}
    assert names == {p.name for p in api.clash(charter).parts}


def test_consistent_assumptions_constrain_find(run: Run, tmp_path: Path) -> None:
    text = CLASH.read_text(encoding="utf-8").replace(
        'assume peace: not aggression(beta, alpha) "Alpha and Beta are at peace."\n', "")
    path = tmp_path / "consistent.dsl"
    path.write_text(text, encoding="utf-8")
    charter = api.load_charter(path)
    assert api.clash(charter).result is Result.SAT
    code, _, _ = run("check", str(path))
    assert code in (0, 1)
    report = api.find(charter, "must assist(alpha, beta)", limit=3)
    assert report.found
    for found in report.found:
        assert all(not str(atom).startswith("attack(alpha,") for atom, _ in found.witness.facts)


def test_json_and_commands_refuse_an_inconsistent_charter(run: Run) -> None:
    code, text, _ = run("check", str(CLASH), "--format", "json")
    data = json.loads(text)
    assert code == 1 and data["satisfiable"] == "unsat" and len(data["clash"]) == 3
    code, text, _ = run("find", "must assist(alpha, beta)", str(CLASH))
    assert code == 1 and "cannot all hold" in text


def test_bad_assume_is_a_located_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bad.dsl"
    path.write_text(CLASH.read_text(encoding="utf-8") + "assume oops: attak(beta, alpha)\n",
                    encoding="utf-8")
    code, _, err = run("check", str(path))
    assert code == 2 and "attak" in err and "bad.dsl:" in err


def test_shipped_charter_has_no_clash() -> None:
    assert api.clash(api.load_charter()).result is Result.SAT
