"""`TextEnum`: the base of every closed set of words the tool uses (statuses, severities, ...).

A member is its word: it compares equal to it, prints as it and goes into JSON as it, so that
reports, text and JSON read exactly as the words did, while code names the members and a type
checker sees the closed set.
"""

from __future__ import annotations

import enum


class TextEnum(str, enum.Enum):
    """A closed set of words; each member is a `str` equal to its value."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)
