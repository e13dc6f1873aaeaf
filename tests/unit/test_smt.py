"""smt/search.py on small inline ground formulas: every question the analyses ask Z3."""

from __future__ import annotations

import z3

from charterlogic.ground.from_model import G, Op, g_and, g_not, g_or
from charterlogic.model.facts import AtomFact, AtomKey, FactStatus
from charterlogic.smt import search
from charterlogic.smt.search import Verdict
from charterlogic.smt.solver import Result, new_solver

A, B, C, D = (AtomKey(name) for name in "abcd")


def atom(key: AtomKey) -> G:
    return G(Op.ATOM, None, label=key.text, key=key)


def interp(name: str) -> G:
    """The on/off reading `name` is on (open: set by the settings)."""
    return G(Op.INTERP, None, label=name, dates=("on", SWITCH, None))


SWITCH = ("on", "off")
OPTIONS = {"strict": SWITCH, "broad": SWITCH}


def facts_of(model: search.Model) -> list[str]:
    return [str(key) for key, _ in model.assignment().facts]


# ---- deciding -----------------------------------------------------------------------------------


def test_decide_holds_fails_depends() -> None:
    a = atom(A)
    assert search.decide(a) is Verdict.DEPENDS
    assert search.decide(g_or([a, g_not(a)])) is Verdict.HOLDS
    assert search.decide(g_and([a, g_not(a)])) is Verdict.FAILS
    assert search.decide(G(Op.CONST, True)) is Verdict.HOLDS  # decided without the solver


def test_one_decider_for_many_formulas() -> None:
    decider = search.Decider()
    a, b = atom(A), atom(B)
    verdicts = [decider.decide(f) for f in (a, g_or([a, g_not(a)]), g_and([a, b, g_not(b)]))]
    assert verdicts == [Verdict.DEPENDS, Verdict.HOLDS, Verdict.FAILS]


def test_deciding_set_is_the_smallest() -> None:
    a, b = atom(A), atom(B)
    # `a and (b or not b)`: a alone decides it
    subset, found = search.deciding_set(g_and([a, g_or([b, g_not(b)])]), [A, B])
    assert subset == (A,)
    assert found == (((True,), Verdict.HOLDS), ((False,), Verdict.FAILS))
    # `a or b`: neither alone decides it
    subset, found = search.deciding_set(g_or([a, b]), [A, B])
    assert subset == (A, B)
    assert dict(found) == {(True, True): Verdict.HOLDS, (True, False): Verdict.HOLDS,
                           (False, True): Verdict.HOLDS, (False, False): Verdict.FAILS}
    assert search.outcomes(g_or([a, b]), [A]) is None


# ---- find: fewest true atoms --------------------------------------------------------------------


def test_fewest_true_goes_by_size_and_excludes_supersets() -> None:
    formula = g_or([atom(A), g_and([atom(B), atom(C)])])
    found = list(search.fewest_true(formula, [], {}, {}, None))
    assert [(r, facts_of(model) if model else None) for r, model in found] == [
        (Result.SAT, ["a"]), (Result.SAT, ["b", "c"]), (Result.UNSAT, None)]


def test_fewest_true_respects_the_world_and_the_interpretations() -> None:
    formula = g_or([atom(A), g_and([atom(B), atom(C)])])
    first = next(search.fewest_true(formula, [g_not(atom(A))], {}, {}, None))
    assert first[1] is not None and facts_of(first[1]) == ["b", "c"]
    gated = g_and([interp("strict"), atom(D)])
    assert next(search.fewest_true(gated, [], {"strict": "off"}, OPTIONS, None)) == (
        Result.UNSAT, None)


def test_canonical_dates_earliest_day_latest_start() -> None:
    """`date of a >= 2024-01-01`, with a true: the earliest day that allows it is 2024-01-01,
    and a starts as late as it can (on that day)."""
    dated = G(Op.DATE, None, label="date of a >= 2024-01-01",
              dates=(">=", ("date_of", A), 20240101))
    result, model = next(search.fewest_true(g_and([atom(A), dated]), [], {}, {}, None))
    assert result is Result.SAT and model is not None
    assert model.assignment().today == 20240101
    assert model.assignment().facts == ((A, 20240101),)
    # with a day of entry into force the rest allows, that day is taken
    _, model = next(search.fewest_true(g_and([atom(A), dated]), [], {}, {}, 20250301))
    assert model is not None and model.assignment().today == 20250301


def test_witness_search_keeps_the_calendar_for_every_later_goal() -> None:
    """`diff` asks one WitnessSearch goal after goal. The calendar constraints of a's start date
    were emitted while the first goal was pushed, and lost with its pop: the second goal's
    witness then started a on 2024-01-32 (diff exited 4 on an impossible date)."""
    after = G(Op.DATE, None, label="date of a > 2024-01-31",
              dates=(">", ("date_of", A), 20240131))
    witnesses = search.WitnessSearch([])
    for _ in range(2):
        result, found, _ = witnesses.smallest(g_and([atom(A), after]))
        assert result is Result.SAT and found is not None
        assert (found.today, found.facts) == (20240201, ((A, 20240201),))


# ---- check: a session under the interpretations -------------------------------------------------


def test_session_names_the_interpretation_that_rules_a_formula_out() -> None:
    session = search.Session([], {"strict": "on", "broad": "off"}, OPTIONS)
    formula = g_and([g_not(interp("strict")), atom(A)])
    result, model, resolved = session.solve(formula)
    assert (result, resolved) == (Result.UNSAT, ("strict",))
    assert model is not None and model.true(formula)
    witness = session.witness(formula, model, {A}, None, flipped=resolved)
    assert facts_of(witness) == ["a"]
    assert dict(witness.assignment({"strict": SWITCH}).interpretations) == {"strict": "off"}


def test_session_witness_has_the_fewest_facts() -> None:
    session = search.Session([g_not(atom(D))], {}, {})
    formula = g_or([g_and([atom(A), atom(B)]), atom(C), atom(D)])
    result, model, _ = session.solve(formula)
    assert result is Result.SAT and model is not None
    witness = session.witness(formula, model, {A, B, C, D}, None)
    assert facts_of(witness) == ["c"]
    result, _, _ = session.solve([g_and([atom(A), g_not(atom(A))]), atom(D)], release=False)
    assert result is Result.UNSAT  # neither can hold (d is ruled out by the world)


# ---- explain: the fewest flips ------------------------------------------------------------------


def test_smallest_flips_changes_the_fewest_literals() -> None:
    formula = g_and([atom(A), g_or([atom(B), interp("broad")])])
    found, result = search.smallest_flips(formula, [], {A: AtomFact(FactStatus.TRUE)}, 20240101,
                                          {"broad": "off"}, OPTIONS, count=3)
    assert result is Result.SAT
    # both sets have one change; the first kept is the one that leaves the facts as they are
    # (preferences in order: the atoms first, then the interpretations)
    assert [flips for flips, _ in found] == [[("broad", "on")], [(B, True)]]
    # nothing can make `a and not a` hold
    found, result = search.smallest_flips(g_and([atom(A), g_not(atom(A))]), [], {}, 20240101, {},
                                          {})
    assert (found, result) == ([], Result.UNSAT)


# ---- clash: minimal cores -----------------------------------------------------------------------


def test_minimal_core_drops_what_is_not_needed() -> None:
    ctx = z3.Context()
    x = z3.Bool("x", ctx)
    p, q, r, s = (z3.Bool(name, ctx) for name in "pqrs")
    solver = new_solver(ctx)
    solver.add(z3.Implies(p, x), z3.Implies(q, z3.Not(x)), z3.Implies(r, x), z3.Implies(s, x))
    core = search.minimal_core(solver, [p, r, s, q])
    assert core is not None and len(core) == 2 and q in core
    assert search.minimal_core(solver, [p, r]) is None  # satisfiable: no core


def test_at_most_is_the_term_z3_builds() -> None:
    import z3

    from charterlogic.smt.search import at_most

    ctx = z3.Context()
    variables = [z3.Bool(f"a{i}", ctx) for i in range(5)]
    for count in range(6):
        assert at_most(variables, count).eq(z3.AtMost(*variables, count))
