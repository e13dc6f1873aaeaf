"""Ground values and scenario facts: what a scenario says of one ground atom.

Ground values: an actor or nullary constructor is its name (`"niger"`); an applied constructor is
a tuple (`("territory", "niger")`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Union

from ..syntax.words import TextEnum

Value = Union[str, tuple["Value", ...]]  # noqa: UP007 (a recursive alias: the string form)


def show(value: Value) -> str:
    """The text of a ground value: `forces(niger, inside_alliance_area)`."""
    if isinstance(value, str):
        return value
    return f"{value[0]}({', '.join(show(v) for v in value[1:])})"


def names(value: Value) -> Iterator[str]:
    """Every actor and constructor name inside a ground value."""
    if isinstance(value, str):
        yield value
    else:
        for part in value:  # the constructor's name, then its arguments
            yield from names(part)


@dataclass(frozen=True, slots=True)
class AtomKey:
    """A ground atom: an event or act applied to ground values. It prints as the text every
    answer shows (`attack(chad, territory(niger))`), and sorts by that text."""

    predicate: str
    args: tuple[Value, ...] = ()
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = self.predicate
        if self.args:
            text = f"{self.predicate}({', '.join(show(a) for a in self.args)})"
        object.__setattr__(self, "text", text)

    def __str__(self) -> str:
        return self.text

    def __lt__(self, other: AtomKey) -> bool:
        return self.text < other.text

    def names(self) -> set[str]:
        """The actors and constructors it names (its predicate aside)."""
        return {name for arg in self.args for name in names(arg)}


class FactStatus(TextEnum):
    """What a scenario states of an atom: it holds (from `start` until `end`), it does not, or
    it is unknown (left open, for the solver)."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class AtomFact:
    """What a scenario says of one ground atom: its status, and for a dated event the days it
    starts and ends (yyyymmdd; None: unbounded)."""

    status: FactStatus
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        # a status given as its word (`AtomFact("true")`) is taken as the member
        object.__setattr__(self, "status", FactStatus(self.status))

    def holds_on(self, day: int) -> bool:
        """Whether the fact holds on `day` (an unknown or false one does not)."""
        return self.status is FactStatus.TRUE and (self.start is None or self.start <= day) \
            and (self.end is None or day < self.end)
