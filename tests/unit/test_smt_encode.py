"""The encoder: ground formulas -> Z3 terms, one symbol per atom, interpretation and date.

On the small charter helpers.DEFENCE, in check mode (every fact and the day open), so that what
the solver answers follows from the norms read here.
"""

from __future__ import annotations

import pytest
import z3

from charterlogic import api
from charterlogic.ground.from_model import Domain, Facts, G, Grounder, Op, constant, g_and, g_not
from charterlogic.model import types as m
from charterlogic.model.facts import AtomKey
from charterlogic.smt.from_ground import Encoder, compare, in_range, split, valid_date
from charterlogic.smt.solver import Result, check, new_solver
from helpers import DEFENCE

#: Every attack that makes blue the victim of an aggression (blue attacking itself is none).
ON_BLUE = [AtomKey("attack", (x, ("territory", "blue"))) for x in ("red", "rebels")]


@pytest.fixture(scope="module")
def charter() -> m.Charter:
    return api.load_charter_text(DEFENCE, "defence.dsl")


def open_grounder(charter: m.Charter) -> Grounder:
    return Grounder(charter, Domain.of(charter), Facts(None, {}))


def solve(encoder: Encoder, *formulas: z3.BoolRef) -> tuple[Result, z3.Solver]:
    solver = encoder.new_solver()
    solver.add(*encoder.take_pending())
    return check(solver, list(formulas)), solver


def test_a_decided_formula_is_a_constant() -> None:
    encoder = Encoder()
    assert z3.is_true(encoder.formula(constant(True)))
    assert z3.is_false(encoder.formula(g_not(constant(True))))


def test_an_atom_is_one_boolean_named_by_its_key(charter: m.Charter) -> None:
    grounder, encoder = open_grounder(charter), Encoder()
    key = ON_BLUE[0]
    term = encoder.formula(grounder.atom(key.predicate, key.args))
    assert str(term) == "attack(red, territory(blue))"
    assert encoder.atom(key).eq(term)  # the same symbol, however it is reached
    assert list(encoder.atoms) == [key]


def test_shared_nodes_share_their_term(charter: m.Charter) -> None:
    grounder, encoder = open_grounder(charter), Encoder()
    atom = grounder.atom(ON_BLUE[0].predicate, ON_BLUE[0].args)
    both = g_and([atom, g_not(atom)])
    assert both.op is Op.AND
    term = encoder.formula(both)
    assert term.arg(0).eq(term.arg(1).arg(0))
    assert solve(encoder, term)[0] is Result.UNSAT


def test_a_duty_can_hold_exactly_when_its_trigger_can_happen(charter: m.Charter) -> None:
    grounder, encoder = open_grounder(charter), Encoder()
    duty = encoder.formula(grounder.holds(charter.norms["assistance"], {"q": "red", "p": "blue"}))
    result, solver = solve(encoder, duty)
    assert result is Result.SAT
    model = solver.model()
    assert any(z3.is_true(model.eval(encoder.atom(k), model_completion=True)) for k in ON_BLUE)
    no_attack = [z3.Not(encoder.atom(k)) for k in ON_BLUE]
    assert solve(encoder, duty, *no_attack)[0] is Result.UNSAT


def test_an_interpretation_is_a_symbol_the_priority_turns_on(charter: m.Charter) -> None:
    grounder, encoder = open_grounder(charter), Encoder()
    binding = {"q": "red", "r": "blue", "a": "inside"}
    prohibition = encoder.formula(grounder.holds(charter.norms["no_force"], binding))
    reading = encoder.interpretation("defence_prevails")
    assert str(reading) == "interpretation:defence_prevails"
    assert reading.eq(encoder.interpretations["defence_prevails"])
    blue_attacked_red = encoder.atom(AtomKey("attack", ("blue", ("territory", "red"))))
    # with the reading on, red's defence against blue defeats the prohibition; off, it stands
    assert solve(encoder, prohibition, blue_attacked_red, reading)[0] is Result.UNSAT
    assert solve(encoder, prohibition, blue_attacked_red, z3.Not(reading))[0] is Result.SAT


def test_dates_are_ordered_as_the_calendar() -> None:
    ctx = z3.Context()
    assert z3.is_true(z3.simplify(compare("<", split(20231231, ctx), split(20240101, ctx))))
    assert z3.is_true(z3.simplify(compare("=", split(20240229, ctx), split(20240229, ctx))))
    assert z3.is_false(z3.simplify(compare(">=", split(20240131, ctx), split(20240201, ctx))))


def test_the_day_is_a_real_day_and_reads_back() -> None:
    encoder = Encoder()
    on_leap_day = compare("=", encoder.today, split(20240229, encoder.ctx))
    result, solver = solve(encoder, on_leap_day)
    assert result is Result.SAT
    assert encoder.date_value(solver.model(), encoder.today) == 20240229
    other = Encoder()
    assert solve(other, valid_date(split(20230229, other.ctx)))[0] is Result.UNSAT
    assert solve(other, valid_date(split(20240229, other.ctx)))[0] is Result.SAT


@pytest.mark.parametrize("year, days", [(2023, []), (2024, [20240229])])
def test_a_day_between_february_28_and_march_1_exists_only_in_a_leap_year(
        year: int, days: list[int]) -> None:
    """The month's length reaches the solver only when a model needs it (from_ground.py): a day
    after 28 February and before 1 March is first found on 29, 30 or 31 February, and must then
    be refused, or found to be the 29th of a leap year."""
    encoder = Encoder()
    between = z3.And(compare(">", encoder.today, split(year * 10000 + 228, encoder.ctx)),
                     compare("<", encoder.today, split(year * 10000 + 301, encoder.ctx)))
    result, solver = solve(encoder, between)
    assert result is (Result.SAT if days else Result.UNSAT)
    if days:
        assert [encoder.date_value(solver.model(), encoder.today)] == days
        return
    # not vacuous: without the refinement the solver finds a day, which its month lacks
    bare = new_solver(encoder.ctx)
    bare.add(in_range(encoder.today))
    assert check(bare, [between]) is Result.SAT
    assert encoder.invalid_dates(bare.model())


def test_a_dated_fact_started_by_the_day() -> None:
    encoder = Encoder()
    key = ON_BLUE[0]
    start = encoder.date(("date_of", key))
    assert encoder.dates[key] is start
    before = compare("<", encoder.today, start)
    # the fact holds today, so it cannot start after today
    assert solve(encoder, encoder.atom(key), before)[0] is Result.UNSAT
    assert solve(encoder, z3.Not(encoder.atom(key)), before)[0] is Result.SAT


def test_the_encoder_refuses_an_unknown_node() -> None:
    with pytest.raises(ValueError):
        Encoder().formula(G(Op.CONST, None))
