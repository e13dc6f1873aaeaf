"""The one place that configures Z3: pinned seeds, limits, and results as plain values.

A check under the limits answers SAT, UNSAT or UNKNOWN; UNKNOWN is a result that the analyses
report (exit code 3), never an exception.
"""

from __future__ import annotations

import contextlib
import enum
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import z3

from ..ground.budget import left

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


def z3_module() -> object:
    """Z3, imported and seeded on first use: a query that needs no solver never loads it."""
    import z3

    if not getattr(z3_module, "seeded", False):
        z3.set_param("smt.random_seed", SEED)
        z3.set_param("sat.random_seed", SEED)
        z3_module.seeded = True  # type: ignore[attr-defined]
    return z3


#: What a model may still lack: the constraints it breaks that the solver was not given yet
#: (`Encoder.invalid_dates`: the month-length rule of a date the model puts on 30 February).
Refine = Callable[["z3.ModelRef"], list["z3.BoolRef"]]


def new_solver(ctx: z3.Context, limits: Limits = Limits(), refine: Refine | None = None,
               ) -> z3.Solver:
    """A solver with the project's seeds and limits, in the context of the terms it will get
    (an `Encoder`'s `ctx`: every encoder has its own, see from_ground.py). With `refine`, a
    model is checked by it before `check` answers SAT (see `check`)."""
    z3_module()
    import z3

    solver = z3.SolverFor("QF_LIA", ctx=ctx)
    solver.set("random_seed", SEED)
    solver.set("timeout", limits.timeout_ms)
    _limits[solver] = limits
    if refine is not None:
        _refine[solver] = refine
    solver.set("rlimit", limits.rlimit)
    return solver


def check(solver: z3.Solver, assumptions: Sequence[z3.BoolRef] = ()) -> Result:
    """Check under `assumptions`; never raises on a timeout.

    A solver made with `refine` answers SAT only for a model that `refine` finds nothing wrong
    with: while it finds something, its constraints are added (in the current scope; they are
    true in every scenario, so where they go changes no answer) and the check repeated. Each
    round adds a constraint the last model broke, so the rounds end. UNSAT needs no round: the
    constraints left out only remove models.

    The call's timeout is the solver's own, or what is left of the command's budget if that is
    less; with nothing left it raises BudgetExceeded. Ctrl-C during the call (which Z3 catches,
    cancelling the check) raises KeyboardInterrupt, so that the command stops at once.
    """
    result = _check_once(solver, assumptions)
    refine = _refine.get(solver)
    while result is Result.SAT and refine is not None:
        missing = refine(solver.model())
        if not missing:
            break
        solver.add(*missing)
        result = _check_once(solver, assumptions)
    return result


def _check_once(solver: z3.Solver, assumptions: Sequence[z3.BoolRef]) -> Result:
    import z3

    remaining = left()
    timeout_ms = _limits.get(solver, Limits(_Z3_MAX)).timeout_ms
    if remaining is not None and remaining * 1000 < timeout_ms:
        # only then: setting a parameter can change Z3's search, and so the models it finds,
        # and the answers must not depend on how long the command has been running
        timeout_ms = max(1, int(remaining * 1000))
        solver.set("timeout", timeout_ms)
    started = time.monotonic()
    try:
        answer = solver.check(*assumptions)
    except z3.Z3Exception:
        return _unknown(solver, started, timeout_ms)
    if answer == z3.sat:
        return Result.SAT
    if answer == z3.unsat:
        return Result.UNSAT
    return _unknown(solver, started, timeout_ms)


def _unknown(solver: z3.Solver, started: float, timeout_ms: int) -> Result:
    """UNKNOWN, unless Z3 stopped because of Ctrl-C or because the budget ran out meanwhile.

    Z3 catches SIGINT during a check and cancels it; it says "canceled" for that, for a timeout
    and for the rlimit alike. A cancel before either limit was reached is Ctrl-C.
    """
    import z3

    with contextlib.suppress(z3.Z3Exception):
        reason = solver.reason_unknown()
        timed_out = (time.monotonic() - started) * 1000 >= timeout_ms * 0.9
        if reason == "interrupted from keyboard" or (
                reason == "canceled" and not timed_out and not _resources_spent(solver)):
            raise KeyboardInterrupt
    left()
    return Result.UNKNOWN


def _resources_spent(solver: z3.Solver) -> bool:
    """Whether the last check used up the solver's rlimit (else a cancel came from Ctrl-C)."""
    import z3

    limit = _limits.get(solver, Limits()).rlimit
    if not limit:
        return False
    try:
        spent = solver.statistics().get_key_value("rlimit count")
    except z3.Z3Exception:  # no count: the check did no work
        return False
    return bool(spent >= limit)


#: Z3 takes its timeout as an unsigned 32-bit count of milliseconds.
_Z3_MAX = 2**32 - 1
#: Each solver's own limits: the budget may only shorten its timeout, and its rlimit tells a
#: check cancelled by Ctrl-C from one that ran out of resources (Z3 says "canceled" for both).
_limits: weakref.WeakKeyDictionary[z3.Solver, Limits] = weakref.WeakKeyDictionary()
#: Each solver's `refine`, if it has one.
_refine: weakref.WeakKeyDictionary[z3.Solver, Refine] = weakref.WeakKeyDictionary()
