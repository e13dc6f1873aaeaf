"""Encode: ground formulas -> Z3 terms.

Each ground atom is a Boolean constant named by its key; an on/off interpretation a Boolean
constant `interpretation:NAME`, a reading of n named options n - 1 of them, `interpretation:NAME:
OPTION`, read as a chain (the first true one is the option; none true, the last option), so that
every assignment selects exactly one option with no side constraint; the scenario's day the
integer `today`; the start of an atom the integer
`date:KEY`. Dates are integers yyyymmdd: order is calendar order, and adding months is linear
arithmetic with constant division (see docs/semantics.md).

The length of the month is checked lazily: the solver sees only that a day is from 1 to 31, and
`Encoder.invalid_dates` hands it the month-length rule of a date only when a model puts that
date on a day its month lacks (smt/solver.py `check` repeats the check then). The rule's `%` and
`/` on the month count made Z3 search: asserted for every date up front, it cost more than half
of `check`'s solver time on the shipped charter, and models rarely need it.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from typing import Any

import z3

from ..ground.from_model import EXPLAINING, G, Op
from ..model.facts import AtomKey
from ..syntax.source import FIRST_DAY, LAST_DAY
from .solver import Limits, new_solver

#: A symbolic date: (months since year 0, day of month). Order is lexicographic, and adding
#: months only adds to the first part, so every date constraint stays linear.
Date = tuple[z3.ArithRef, z3.ArithRef]


class Encoder:
    """Translates ground formulas, sharing the Z3 term of every node it has seen."""

    def __init__(self) -> None:
        # A context of its own: Z3's choices depend on the history of its context, so a fresh
        # one per encoder makes the same input give the same models, run after run.
        self.ctx = z3.Context()
        self._memo: dict[int, z3.BoolRef] = {}
        self._keep: list[G] = []  # keeps memoised nodes alive, so their ids stay unique
        self.atoms: dict[AtomKey, z3.BoolRef] = {}
        self.interpretations: dict[str, z3.BoolRef] = {}
        #: the readings the formulas encoded so far test: name -> every option
        self.readings: dict[str, tuple[str, ...]] = {}
        self.dates: dict[AtomKey, Date] = {}
        self.today: Date = (z3.Int("today.month", self.ctx), z3.Int("today.day", self.ctx))
        #: constraints on the symbols created so far, not yet handed to a solver
        self.pending: list[z3.BoolRef] = [in_range(self.today)]

    def formula(self, node: G) -> z3.BoolRef:
        """The Z3 term of `node`; decided nodes become constants."""
        if node.value is not None:
            return z3.BoolVal(node.value, self.ctx)
        cached = self._memo.get(id(node))
        if cached is not None:
            return cached
        result = self._translate(node)
        self._memo[id(node)] = result
        self._keep.append(node)
        return result

    def _translate(self, node: G) -> z3.BoolRef:
        if node.op is Op.ATOM:
            assert node.key is not None
            return self.atom(node.key)
        if node.op is Op.INTERP:
            option, options = node.dates[0], node.dates[1]
            assert isinstance(option, str) and isinstance(options, tuple)
            literals = self.reading(node.label, option, options)
            return literals[0] if len(literals) == 1 else _connective(z3.Z3_mk_and, literals)
        if node.op is Op.DATE:
            op, left, right = node.dates
            return compare(str(op), self.date(left), self.date(right))
        children = [self.formula(c) for c in node.children]
        if node.op is Op.NOT:
            return _connective(z3.Z3_mk_not, children)
        if node.op is Op.AND:
            return _connective(z3.Z3_mk_and, children) if len(children) != 1 else children[0]
        if node.op is Op.OR:
            return _connective(z3.Z3_mk_or, children) if len(children) != 1 else children[0]
        if node.op in EXPLAINING:
            return children[0]
        raise ValueError(node.op)

    def atom(self, key: AtomKey) -> z3.BoolRef:
        """The Boolean constant of a ground atom, named by its text."""
        if key not in self.atoms:
            self.atoms[key] = z3.Bool(key.text, self.ctx)
        return self.atoms[key]

    def interpretation(self, name: str, option: str | None = None) -> z3.BoolRef:
        """The Boolean constant of an on/off reading, or of one option of a reading."""
        key = name if option is None else f"{name}:{option}"
        if key not in self.interpretations:
            self.interpretations[key] = z3.Bool(f"interpretation:{key}", self.ctx)
        return self.interpretations[key]

    def reading(self, name: str, option: str, options: tuple[str, ...]) -> list[z3.BoolRef]:
        """The literals whose conjunction says that reading `name` is set to `option`."""
        self.readings.setdefault(name, options)
        index = options.index(option)
        if len(options) == 2:
            switch = self.interpretation(name)
            return [switch if index == 0 else z3.Not(switch)]
        chain = [self.interpretation(name, o) for o in options[:-1]]
        return [z3.Not(c) for c in chain[:index]] + chain[index:index + 1]

    def reading_in(self, model: z3.ModelRef, name: str, options: tuple[str, ...]) -> str:
        """The option of reading `name` that `model` selects."""
        for option in options[:-1]:
            if all(z3.is_true(model.eval(lit, model_completion=True))
                   for lit in self.reading(name, option, options)):
                return option
        return options[-1]

    def date(self, date: object) -> Date:
        """The symbolic date (months, day) of a ground date: a fixed yyyymmdd, today, an event's
        date, or a shift."""
        if isinstance(date, int):
            return split(date, self.ctx)
        assert isinstance(date, tuple)
        if date[0] == "today":
            return self.today
        if date[0] == "date_of":
            key = date[1]
            if key not in self.dates:
                start = (z3.Int(f"date:{key}.month", self.ctx),
                         z3.Int(f"date:{key}.day", self.ctx))
                self.dates[key] = start
                # a fact that holds today started by today
                self.pending += [in_range(start),
                                 z3.Implies(self.atom(key), compare("<=", start, self.today))]
            return self.dates[key]
        months, day = self.date(date[1])
        return (months + date[2], day)

    def take_pending(self) -> list[z3.BoolRef]:
        """The constraints created since the last call, for the solver to add once."""
        pending, self.pending = self.pending, []
        return pending

    def new_solver(self, limits: Limits = Limits()) -> z3.Solver:
        """A solver for this encoder's terms (solver.py `new_solver`), which answers SAT only with
        a model whose dates are real days (see `invalid_dates`)."""
        return new_solver(self.ctx, limits, self.invalid_dates)

    def invalid_dates(self, model: z3.ModelRef) -> list[z3.BoolRef]:
        """The month-length rule (`valid_date`) of each date that `model` puts on a day its month
        lacks (30 February): what a solver must add before its model is a scenario. Empty when
        every date is a real day."""
        return [valid_date(date) for date in (self.today, *self.dates.values())
                if not _real_day(self.date_value(model, date))]

    def date_value(self, model: z3.ModelRef, date: Date) -> int:
        """The integer yyyymmdd of a symbolic date in `model`."""
        months = model.eval(date[0], model_completion=True).as_long()
        day = model.eval(date[1], model_completion=True).as_long()
        return int((months // 12) * 10000 + (months % 12 + 1) * 100 + day)


def _connective(make: Callable[..., Any], children: list[z3.BoolRef]) -> z3.BoolRef:
    """z3.Not / z3.And / z3.Or on Boolean terms, without z3's per-argument coercion (the same
    term: z3.And(list) ends in the same Z3_mk_and call, after checks these terms pass)."""
    ctx = children[0].ctx
    if make is z3.Z3_mk_not:
        return z3.BoolRef(z3.Z3_mk_not(ctx.ref(), children[0].as_ast()), ctx)
    array = (z3.Ast * len(children))(*(c.as_ast() for c in children))
    return z3.BoolRef(make(ctx.ref(), len(children), array), ctx)


def split(number: int, ctx: z3.Context | None = None) -> Date:
    """The symbolic form of the integer date yyyymmdd."""
    year, month, day = number // 10000, number // 100 % 100, number % 100
    return (z3.IntVal(year * 12 + month - 1, ctx), z3.IntVal(day, ctx))


def compare(op: str, a: Date, b: Date) -> z3.BoolRef:
    """Lexicographic comparison of two symbolic dates."""
    before = z3.Or(a[0] < b[0], z3.And(a[0] == b[0], a[1] < b[1]))
    same = z3.And(a[0] == b[0], a[1] == b[1])
    return {
        "<": before, "<=": z3.Or(before, same), "=": same,
        ">": z3.Not(z3.Or(before, same)), ">=": z3.Not(before),
    }[op]


def _real_day(number: int) -> bool:
    """Whether the integer yyyymmdd (its day from 1 to 31) is a day of its month."""
    year, month, day = number // 10000, number // 100 % 100, number % 100
    return day <= calendar.monthrange(year, month)[1]


def in_range(date: Date) -> z3.BoolRef:
    """`date` lies from FIRST_DAY to LAST_DAY, on a day from 1 to 31: all of `valid_date` but the
    month's length, which `Encoder.invalid_dates` adds when a model needs it."""
    months, day = date
    return z3.And(months >= FIRST_DAY.year * 12, months < (LAST_DAY.year + 1) * 12,
                  day >= 1, day <= 31)


def valid_date(date: Date) -> z3.BoolRef:
    """`date` is a real day from FIRST_DAY to LAST_DAY, 1901 to 2099 (where every fourth year
    is a leap year): the range that every command reads dates in."""
    months, day = date
    month_of_year, year = months % 12, months / 12
    long_months = z3.Or([month_of_year == k for k in (0, 2, 4, 6, 7, 9, 11)])
    return z3.And(
        months >= FIRST_DAY.year * 12, months < (LAST_DAY.year + 1) * 12, day >= 1,
        z3.If(long_months, day <= 31,
              z3.If(month_of_year == 1, z3.If(year % 4 == 0, day <= 29, day <= 28), day <= 30)),
    )


def true_atoms(model: z3.ModelRef, atoms: Iterable[tuple[AtomKey, z3.BoolRef]],
               ) -> list[AtomKey]:
    """The keys of the atoms `model` makes true, sorted."""
    return sorted(key for key, atom in atoms
                  if z3.is_true(model.eval(atom, model_completion=True)))

