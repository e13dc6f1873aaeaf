"""The whole command's budget: a wall-clock deadline and a cap on grounded instances.

Z3's per-call limits (`--timeout`, `--rlimit`) bound one solver call; they do not bound a
command that makes many calls, nor the Python-side grounding of a triple quantifier. A budget
does: the grounder `spend`s one unit for every instance it grounds, and the solver takes as its
timeout the smaller of its own and what is `left`. When either runs out, `BudgetExceeded` stops
the command, which reports what did not finish (exit 3).

A budget is set for a block of work with `within(...)`; without one, nothing is limited (the API's
default: the CLI sets one for every command, docs/cli.md).
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator
from dataclasses import dataclass

#: The CLI's defaults: seconds for a whole command, and grounded instances.
DEFAULT_BUDGET_SECONDS = 120.0
DEFAULT_MAX_INSTANCES = 5_000_000
#: The clock is read once per this many instances: reading it is dearer than grounding one.
CLOCK_EVERY = 256


class BudgetExceeded(Exception):
    """The command's budget ran out; the message says which limit, and during what."""

    def __init__(self, message: str, activity: str) -> None:
        super().__init__(message)
        self.activity = activity


@dataclass
class _Budget:
    deadline: float | None
    seconds: float | None
    max_instances: int | None
    instances: int = 0
    activity: str = ""


_CURRENT: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


@contextlib.contextmanager
def within(seconds: float | None, max_instances: int | None) -> Iterator[None]:
    """Run the block under a budget: at most `seconds` of wall-clock time (None: no limit) and
    `max_instances` grounded instances (None: no limit)."""
    deadline = None if seconds is None else time.monotonic() + seconds
    token = _CURRENT.set(_Budget(deadline, seconds, max_instances))
    try:
        yield
    finally:
        _CURRENT.reset(token)


@contextlib.contextmanager
def doing(activity: str) -> Iterator[None]:
    """Name the work of the block (`conflicts of n and m`), for the message if it runs out."""
    budget = _CURRENT.get()
    if budget is None:
        yield
        return
    previous, budget.activity = budget.activity, activity
    try:
        yield
    finally:
        budget.activity = previous


def spend(instances: int = 1) -> None:
    """Count `instances` grounded; raise BudgetExceeded if a limit is reached."""
    budget = _CURRENT.get()
    if budget is None:
        return
    budget.instances += instances
    if budget.max_instances is not None and budget.instances > budget.max_instances:
        raise BudgetExceeded(f"more than {budget.max_instances:,} grounded instances "
                             "(--max-instances)", budget.activity)
    if budget.instances % CLOCK_EVERY == 0:
        left()


def left() -> float | None:
    """The seconds left (None: no deadline); raises BudgetExceeded if none are."""
    budget = _CURRENT.get()
    if budget is None or budget.deadline is None:
        return None
    remaining = budget.deadline - time.monotonic()
    if remaining <= 0:
        raise BudgetExceeded(f"its whole budget of {budget.seconds:g} s (--budget)",
                             budget.activity)
    return remaining
