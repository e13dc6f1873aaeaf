"""Encode: ground formulas -> Z3 terms.

Each ground atom is a Boolean constant named by its key; each interpretation a Boolean constant
`interpretation:NAME`; the scenario's day the integer `today`; the start of an atom the integer
`date:KEY`. Dates are integers yyyymmdd: order is calendar order, and adding months is linear
arithmetic with constant division (see docs/semantics.md).
"""

from __future__ import annotations

from collections.abc import Iterable

import z3

from .ground import EXPLAINING, G


class Encoder:
    """Translates ground formulas, sharing the Z3 term of every node it has seen."""

    def __init__(self) -> None:
        self._memo: dict[int, z3.BoolRef] = {}
        self._keep: list[G] = []  # keeps memoised nodes alive, so their ids stay unique
        self.atoms: dict[str, z3.BoolRef] = {}
        self.interpretations: dict[str, z3.BoolRef] = {}
        self.dates: dict[str, z3.ArithRef] = {}
        self.today = z3.Int("today")

    def formula(self, node: G) -> z3.BoolRef:
        """The Z3 term of `node`; decided nodes become constants."""
        if node.value is not None:
            return z3.BoolVal(node.value)
        cached = self._memo.get(id(node))
        if cached is not None:
            return cached
        result = self._translate(node)
        self._memo[id(node)] = result
        self._keep.append(node)
        return result

    def _translate(self, node: G) -> z3.BoolRef:
        if node.op == "atom":
            return self.atom(node.label)
        if node.op == "interp":
            return self.interpretation(node.label)
        if node.op == "date":
            op, left, right = node.dates
            a, b = self.date(left), self.date(right)
            return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "=": a == b}[op]
        children = [self.formula(c) for c in node.children]
        if node.op == "not":
            return z3.Not(children[0])
        if node.op == "and":
            return z3.And(children) if len(children) != 1 else children[0]
        if node.op == "or":
            return z3.Or(children) if len(children) != 1 else children[0]
        if node.op in EXPLAINING:
            return children[0]
        raise ValueError(node.op)

    def atom(self, key: str) -> z3.BoolRef:
        if key not in self.atoms:
            self.atoms[key] = z3.Bool(key)
        return self.atoms[key]

    def interpretation(self, name: str) -> z3.BoolRef:
        if name not in self.interpretations:
            self.interpretations[name] = z3.Bool(f"interpretation:{name}")
        return self.interpretations[name]

    def date(self, date: object) -> z3.ArithRef:
        if isinstance(date, int):
            return z3.IntVal(date)
        assert isinstance(date, tuple)
        if date[0] == "today":
            return self.today
        if date[0] == "date_of":
            key = date[1]
            if key not in self.dates:
                self.dates[key] = z3.Int(f"date:{key}")
            return self.dates[key]
        return add_months(self.date(date[1]), date[2])

    def background(self) -> list[z3.BoolRef]:
        """What every scenario satisfies: real dates, and facts that started by today."""
        constraints = [valid_date(self.today)]
        for key, start in sorted(self.dates.items()):
            constraints.append(valid_date(start))
            constraints.append(z3.Implies(self.atom(key), start <= self.today))
        return constraints


def add_months(date: z3.ArithRef, months: int) -> z3.ArithRef:
    """yyyymmdd + months, keeping the day (as model.add_months does)."""
    year, month, day = date / 10000, (date / 100) % 100, date % 100
    total = year * 12 + (month - 1) + months
    return (total / 12) * 10000 + (total % 12 + 1) * 100 + day


def valid_date(date: z3.ArithRef) -> z3.BoolRef:
    """`date` is a real day between 1900 and 2199 (29 February only in leap years)."""
    year, month, day = date / 10000, (date / 100) % 100, date % 100
    long_months = z3.Or([month == k for k in (1, 3, 5, 7, 8, 10, 12)])
    leap = z3.And(year % 4 == 0, z3.Or(year % 100 != 0, year % 400 == 0))
    return z3.And(
        date >= 19000101, date <= 21991231, month >= 1, month <= 12, day >= 1,
        z3.If(long_months, day <= 31,
              z3.If(month == 2, z3.If(leap, day <= 29, day <= 28), day <= 30)),
    )


def true_atoms(model: z3.ModelRef, atoms: Iterable[tuple[str, z3.BoolRef]]) -> list[str]:
    """The keys of the atoms `model` makes true, sorted."""
    return sorted(key for key, atom in atoms if z3.is_true(model.eval(atom)))
