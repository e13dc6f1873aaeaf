"""Smallest witnesses: a scenario that makes a ground formula true, with the fewest facts, then
on the earliest day.

The analyses hand over ground formulas (ground.G) and get back plain values: the day, the true
atoms with their start dates, and the truth of the formulas they asked about. No z3 object leaves
this module (nor encode.py and solver.py), so that analyses stay free of the solver's API.

Order of preference among the scenarios that satisfy the goal (each a solver question, asked
while the earlier choices are kept):

1. the fewest true atoms (facts) among those the goal and the background read;
2. the earliest day (`today`);
3. the preferred atoms: the caller ranks atoms, and each fact is the first in that rank that
   still allows a witness (deterministic, and independent of Z3's choice of model);
4. each fact starts on the day itself when it can, else as early as it can.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import z3

from ..ground.from_model import G, atoms_of
from ..model.facts import AtomKey
from .from_ground import Date, Encoder, compare
from .solver import Limits, Result, check, new_solver

#: The range of days a symbolic date may take (docs/semantics.md, "The encoding in Z3").
FIRST_MONTH, LAST_MONTH = 1901 * 12, 2100 * 12 - 1


@dataclass(frozen=True)
class Found:
    """A witness: its day (yyyymmdd), its true atoms with their start days, and the value of each
    probe formula in it."""

    today: int
    facts: tuple[tuple[AtomKey, int], ...]
    probes: tuple[bool, ...]


class WitnessSearch:
    """One encoder and one solver for a series of goals over the same atoms.

    `background`: formulas every witness satisfies (the world assumptions of both versions).
    `rank`: orders atoms, preferred first (ties by key); the default prefers none.
    """

    def __init__(self, background: Sequence[G], limits: Limits = Limits(),
                 rank: Callable[[AtomKey], object] | None = None) -> None:
        self.encoder = Encoder()
        self.solver = new_solver(self.encoder.ctx, limits)
        self._background = [self.encoder.formula(b) for b in background]
        self._background_atoms = set().union(*(atoms_of(b) for b in background))
        self.solver.add(*self._background)
        self._rank = rank or (lambda key: 0)

    def satisfiable(self, goal: G) -> Result:
        """Whether some scenario makes `goal` true."""
        self.solver.add(*self.encoder.take_pending())
        return check(self.solver, [self.encoder.formula(goal)])

    def smallest(self, goal: G, probes: Sequence[G] = ()) -> tuple[Result, Found | None]:
        """The preferred witness of `goal` (see the module's docstring), or None with UNSAT or
        UNKNOWN."""
        self.solver.push()
        try:
            return self._smallest(goal, probes)
        finally:
            self.solver.pop()

    def _smallest(self, goal: G, probes: Sequence[G]) -> tuple[Result, Found | None]:
        encoded = self.encoder.formula(goal)
        probe_terms = [self.encoder.formula(p) for p in probes]
        self.solver.add(*self.encoder.take_pending())
        read = atoms_of(goal) | self._background_atoms
        atoms = sorted(self.encoder.atoms.items())
        variables = [(key, atom) for key, atom in atoms if key in read]
        # an atom the goal does not read cannot help, and is never shown: only the others count
        self.solver.add(encoded)
        result = check(self.solver)
        if result is not Result.SAT:
            return result, None
        most = sum(z3.is_true(self.solver.model().eval(a, model_completion=True))
                   for _, a in variables)
        for count in range(most + 1):  # the first count that works is the fewest facts
            fewest = z3.AtMost(*(a for _, a in variables), count) if variables \
                else z3.BoolVal(True, self.encoder.ctx)
            outcome = check(self.solver, [fewest])
            if outcome is Result.UNKNOWN:
                return outcome, None
            if outcome is Result.SAT:
                self.solver.add(fewest)
                break
        day = self._earliest(self.encoder.today)
        if day is None:
            return Result.UNKNOWN, None
        self.solver.add(*day)
        ranked = sorted(variables, key=lambda v: (self._rank(v[0]), v[0]))
        true: list[AtomKey] = []
        while len(true) < count:
            index = self._first(ranked)
            if index is None:
                return Result.UNKNOWN, None
            key, atom = ranked.pop(index)
            self.solver.add(atom)
            true.append(key)
        self.solver.add(*(z3.Not(a) for _, a in ranked))
        facts = []
        for key in sorted(true):
            start = self.encoder.dates.get(key)
            if start is None:
                facts.append((key, self._value(self.encoder.today)))
                continue
            on_the_day = compare("=", start, self.encoder.today)
            if check(self.solver, [on_the_day]) is Result.SAT:
                self.solver.add(on_the_day)
            else:
                earliest = self._earliest(start)
                if earliest is None:
                    return Result.UNKNOWN, None
                self.solver.add(*earliest)
            facts.append((key, self._value(start)))
        if check(self.solver) is not Result.SAT:
            return Result.UNKNOWN, None
        model = self.solver.model()
        values = tuple(z3.is_true(model.eval(t, model_completion=True)) for t in probe_terms)
        today = self.encoder.date_value(model, self.encoder.today)
        return Result.SAT, Found(today, tuple(facts), values)

    def _first(self, ranked: list[tuple[AtomKey, z3.BoolRef]]) -> int | None:
        """The index of the first atom of `ranked` that some witness makes true (None: unknown).

        One check per atom, in order: with the count of facts bounded, assuming one atom true
        propagates the rest, so each check is quick where a disjunction of many is not."""
        for index, (_, atom) in enumerate(ranked):
            outcome = check(self.solver, [atom])
            if outcome is Result.UNKNOWN:
                return None
            if outcome is Result.SAT:
                return index
        return None

    def _earliest(self, date: Date) -> list[z3.BoolRef] | None:
        """Constraints fixing `date` to its earliest value (None: unknown)."""
        months, day = date
        fixed: list[z3.BoolRef] = []
        for term, low, high in ((months, FIRST_MONTH, LAST_MONTH), (day, 1, 31)):
            while low < high:  # the least value that works, by bisection
                middle = (low + high) // 2
                outcome = check(self.solver, [*fixed, term <= middle])
                if outcome is Result.UNKNOWN:
                    return None
                low, high = (low, middle) if outcome is Result.SAT else (middle + 1, high)
            fixed.append(term == low)
        return fixed

    def _value(self, date: Date) -> int:
        check(self.solver)
        return self.encoder.date_value(self.solver.model(), date)
