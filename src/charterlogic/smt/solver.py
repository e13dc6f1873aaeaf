"""The one place that configures Z3: pinned seeds, limits, and results as plain values.

A check under the limits answers SAT, UNSAT or UNKNOWN; UNKNOWN is a result that the analyses
report (exit code 3), never an exception.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

import z3

#: Z3's seeds, pinned so that witnesses and models are the same on every run.
SEED = 0
#: Default limits: wall-clock milliseconds per check, and Z3's deterministic resource count.
DEFAULT_TIMEOUT_MS = 10_000
DEFAULT_RLIMIT = 50_000_000


class Result(enum.Enum):
    """A solver verdict: SAT, UNSAT, or UNKNOWN (a limit was hit: a result, never an error)."""

    SAT = "sat"
    UNSAT = "unsat"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Limits:
    """The limits of every solver call: a wall-clock timeout in milliseconds and Z3's deterministic
    resource limit (0: none)."""

    timeout_ms: int = DEFAULT_TIMEOUT_MS
    rlimit: int = DEFAULT_RLIMIT


z3.set_param("smt.random_seed", SEED)
z3.set_param("sat.random_seed", SEED)


def new_solver(ctx: z3.Context, limits: Limits = Limits()) -> z3.Solver:
    """A solver with the project's seeds and limits, in the context of the terms it will get
    (an `Encoder`'s `ctx`: every encoder has its own, see encode.py)."""
    solver = z3.SolverFor("QF_LIA", ctx=ctx)
    solver.set("random_seed", SEED)
    solver.set("timeout", limits.timeout_ms)
    solver.set("rlimit", limits.rlimit)
    return solver


def check(solver: z3.Solver, assumptions: Sequence[z3.BoolRef] = ()) -> Result:
    """Check under `assumptions`; never raises on a timeout."""
    try:
        answer = solver.check(*assumptions)
    except z3.Z3Exception:
        return Result.UNKNOWN
    if answer == z3.sat:
        return Result.SAT
    if answer == z3.unsat:
        return Result.UNSAT
    return Result.UNKNOWN
