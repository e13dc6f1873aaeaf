"""`TextEnum`: the base of every closed set of words the tool uses (statuses, severities, ...).

A member is its word: it compares and hashes equal to it, prints as it and goes into JSON as it,
so that reports, text and JSON read exactly as the words did (and a dict keyed by words finds
it), while code names the members and a type checker sees the closed set.
"""

from __future__ import annotations

import enum


class TextEnum(str, enum.Enum):
    """A closed set of words; each member is a `str` equal to its value."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    def __hash__(self) -> int:
        # as its word hashes, so that a member finds what its word keys in a dict or a set
        return str.__hash__(self)


def indefinite(noun: str) -> str:
    """`noun` after its indefinite article: "a state", "an organisation", "an armed group"."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
