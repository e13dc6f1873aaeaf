"""The one place that configures Z3: pinned seeds, limits, and results as plain values.

A check under the limits answers SAT, UNSAT or UNKNOWN; UNKNOWN is a result that the analyses
report (exit code 3), never an exception.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import z3

#: Z3's seeds, pinned so that witnesses and models are the same on every run.
SEED = 0
#: Default limits: wall-clock milliseconds per check, and Z3's deterministic resource count.
DEFAULT_TIMEOUT_MS = 10_000
DEFAULT_RLIMIT = 50_000_000


class Result(enum.Enum):
    SAT = "sat"
    UNSAT = "unsat"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Limits:
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    rlimit: int = DEFAULT_RLIMIT


def z3_module() -> object:
    """Z3, imported and seeded on first use: a query that needs no solver never loads it."""
    import z3

    if not getattr(z3_module, "seeded", False):
        z3.set_param("smt.random_seed", SEED)
        z3.set_param("sat.random_seed", SEED)
        z3_module.seeded = True  # type: ignore[attr-defined]
    return z3


def new_solver(ctx: z3.Context, limits: Limits = Limits()) -> z3.Solver:
    """A solver with the project's seeds and limits, in the context of the terms it will get
    (an `Encoder`'s `ctx`: every encoder has its own, see encode.py)."""
    z3_module()
    import z3

    solver = z3.SolverFor("QF_LIA", ctx=ctx)
    solver.set("random_seed", SEED)
    solver.set("timeout", limits.timeout_ms)
    solver.set("rlimit", limits.rlimit)
    return solver


def check(solver: z3.Solver, assumptions: Sequence[z3.BoolRef] = ()) -> Result:
    """Check under `assumptions`; never raises on a timeout."""
    import z3

    try:
        answer = solver.check(*assumptions)
    except z3.Z3Exception:
        return Result.UNKNOWN
    if answer == z3.sat:
        return Result.SAT
    if answer == z3.unsat:
        return Result.UNSAT
    return Result.UNKNOWN
