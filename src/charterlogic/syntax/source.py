"""Source files and spans: where every node, norm and diagnostic comes from."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; lines and columns count from 1, offsets from 0."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        # line 0: the whole file or value (it cannot be read, or is missing), no position in it
        return f"{self.file}:{self.line}:{self.column}" if self.line > 0 else self.file


NOWHERE = Span("<builtin>", 0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Source:
    """The text of one input, named as the user should see it in messages."""

    name: str
    text: str

    def line(self, number: int) -> str:
        """Line `number` (1-based) without its newline, or '' past the end."""
        # split on "\n" only, as the parser counts lines: splitlines() also breaks at form
        # feeds and Unicode separators, which would show the wrong line under a diagnostic
        lines = self.text.split("\n")
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    def span_at(self, offset: int, length: int = 1) -> Span:
        """The span of `length` characters starting at `offset`."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return Span(self.name, line, column, line, column + max(length, 1))


def decode(name: str, data: bytes) -> Source:
    """Decode UTF-8 input, dropping a byte-order mark and normalising line endings.

    Raises UnicodeDecodeError (turned into a diagnostic by the caller) on invalid UTF-8.
    """
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(name, normalise_newlines(text))


def normalise_newlines(text: str) -> str:
    """CRLF and CR line endings as LF, so positions are the same whatever the editor saved."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: The days charterlogic reasons about, for every command: Z3 encodes a day as months and a day
#: of the month, with the simple leap-year rule that holds from 1901 to 2099. A literal date or a
#: scenario's day outside this range is E010 (docs/errors.md, "Limits").
FIRST_DAY = datetime.date(1901, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DateError(ValueError):
    """A date that cannot be read: the message (E010) and a suggestion, if there is one."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


def read_date(text: str) -> datetime.date:
    """The day written `text`, strictly YYYY-MM-DD and within FIRST_DAY..LAST_DAY.

    Raises DateError with the message to show (E010).
    """
    if not _ISO_DATE.fullmatch(text):
        raise DateError(f"`{text}` is not a date written YYYY-MM-DD",
                        "write the date as YYYY-MM-DD")
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise DateError(f"impossible date `{text}`", "check the month and the day") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DateError(f"`{text}` is outside the dates charterlogic reasons about, "
                        f"{FIRST_DAY} to {LAST_DAY}")
    return day
