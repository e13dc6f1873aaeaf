"""Ground values and scenario facts: what a scenario says of one ground atom.

Ground values: an actor or nullary constructor is its name (`"niger"`); an applied constructor is
a tuple (`("territory", "niger")`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

Value = Union[str, tuple["Value", ...]]  # noqa: UP007 (a recursive alias: the string form)


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


@dataclass(frozen=True, slots=True)
class AtomFact:
    """What a scenario states about one atom: `status` "true", "false" or "unknown", and for a dated
    event the days it starts and ends (yyyymmdd; None: unbounded)."""

    status: str  # "true", "false", "unknown"
    start: int | None = None
    end: int | None = None
