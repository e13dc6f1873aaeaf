"""Source files and spans: where every node, norm and diagnostic comes from."""

from __future__ import annotations

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
