"""Deciding: whether a ground formula holds, does not, or depends on what is open.

Apart from the rest of smt/ so that a query whose formulas the grounder has already folded to
true or false (no unknown fact) never imports Z3: the encoder and the solver load on the first
open formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..ground.from_model import G
from ..syntax.words import TextEnum
from .solver import Limits, Result, check

if TYPE_CHECKING:
    import z3

    from .from_ground import Encoder


class Verdict(TextEnum):
    """What the solver says of a formula, given what is open."""

    HOLDS = "holds"
    FAILS = "does not hold"
    DEPENDS = "depends"  # on what is open: some values make it hold, others not
    UNKNOWN = "unknown"  # the solver's limits
    IMPOSSIBLE = "impossible"  # under these values nothing is consistent


# ---- deciding -----------------------------------------------------------------------------------


class Decider:
    """Decides formulas with one encoder and one solver, built on the first open formula (so
    that the formulas of one query share the terms of their common parts)."""

    def __init__(self, limits: Limits = Limits(), world: Sequence[G] = ()) -> None:
        self.limits = limits
        self.world = world  # background formulas (the assumptions the facts leave open)
        self._encoder: Encoder | None = None
        self._solver: z3.Solver | None = None

    def decide(self, formula: G) -> Verdict:
        """HOLDS, FAILS, DEPENDS (some values of what is open make it hold, others not), or
        UNKNOWN (the solver's limits, on one of the two questions)."""
        if formula.value is not None:
            return Verdict.HOLDS if formula.value else Verdict.FAILS
        import z3

        from .from_ground import Encoder

        if self._encoder is None or self._solver is None:
            self._encoder = Encoder()
            self._solver = self._encoder.new_solver(self.limits)
            self._solver.add(*(self._encoder.formula(w) for w in self.world))
        encoded = self._encoder.formula(formula)
        self._solver.add(*self._encoder.take_pending())
        can_hold = check(self._solver, [encoded])
        if can_hold is Result.UNSAT:
            return Verdict.FAILS
        can_fail = check(self._solver, [z3.Not(encoded)])
        if can_fail is Result.UNSAT:
            return Verdict.HOLDS
        if Result.UNKNOWN in (can_hold, can_fail):
            return Verdict.UNKNOWN
        return Verdict.DEPENDS


def decide(formula: G, limits: Limits = Limits()) -> Verdict:
    """`Decider.decide` for one formula."""
    return Decider(limits).decide(formula)
