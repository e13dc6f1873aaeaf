"""Colour for text output on a terminal: severities and verdicts, as compilers and Catala do.

Rendering stays pure and colourless (so output piped to a file or a test is plain text); the CLI
paints the finished text when `--color` asks for it. Only words at fixed places are painted: the
severity that begins a diagnostic or a finding (`error[E101]`), a test verdict that begins a line
(`PASS`, `FAIL`) and the answer of `explain` (`answer: YES`). The `result:` line of `check` is
not: its counts follow the findings, whose severities are painted already.
"""

from __future__ import annotations

import io
import os
import re
from typing import TextIO

RESET = "\x1b[0m"
STYLES = {
    "error": "\x1b[1;31m", "FAIL": "\x1b[1;31m", "NO": "\x1b[1;31m",
    "warning": "\x1b[1;33m", "UNKNOWN": "\x1b[1;33m", "EMPTY": "\x1b[1;33m",
    "IT DEPENDS": "\x1b[1;33m",
    "note": "\x1b[1;36m",
    "PASS": "\x1b[1;32m", "YES": "\x1b[1;32m",
}

# a diagnostic's head (`file:1:2: error[E101]:`, or a finding's `error[C002]:`), a test verdict,
# the answer of `explain`
_PAINTED = re.compile(
    r"(?m)(?:^|(?<=: )|(?<=^  ))(?P<severity>error|warning|note)(?=\[[EC]\d{3}\])"
    r"|^(?P<verdict>PASS|FAIL|EMPTY|UNKNOWN)(?= )"
    r"|(?<=^answer: )(?P<answer>YES|NO|IT DEPENDS|UNKNOWN)")


def wants_color(choice: str, stream: TextIO | io.TextIOBase) -> bool:
    """`--color`: always, never, or (auto) on a terminal unless NO_COLOR is set (no-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str) -> str:
    """`text` with its severities and verdicts coloured with ANSI escapes."""
    def colour(match: re.Match[str]) -> str:
        word = match.group(0)
        return f"{STYLES[word]}{word}{RESET}"

    return _PAINTED.sub(colour, text)
