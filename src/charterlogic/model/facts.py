"""Ground values and scenario facts: what a scenario says of one ground atom.

Ground values: an actor or nullary constructor is its name (`"niger"`); an applied constructor is
a tuple (`("territory", "niger")`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..syntax.words import TextEnum

Value = Union[str, tuple]  # noqa: UP007 (a recursive alias reads better this way)


def show(value: Value) -> str:
    """The text of a ground value: `forces(niger, inside_alliance_area)`."""
    if isinstance(value, str):
        return value
    return f"{value[0]}({', '.join(show(v) for v in value[1:])})"


def atom_key(predicate: str, args: tuple[Value, ...]) -> str:
    """The text of a ground atom, which is also its identity: `attack(chad, territory(niger))`."""
    if not args:
        return predicate
    return f"{predicate}({', '.join(show(a) for a in args)})"


class FactStatus(TextEnum):
    """What a scenario states of an atom: it holds (from `start` until `end`), it does not, or
    it is unknown (left open, for the solver)."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class AtomFact:
    """What a scenario says of one ground atom."""

    status: FactStatus
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        # a status given as its word (`AtomFact("true")`) is taken as the member
        object.__setattr__(self, "status", FactStatus(self.status))
