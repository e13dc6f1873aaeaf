"""Diagnostics: one type for every message the tool gives about its input, and its rendering.

Format (after Catala and cel-python):

    charter.dsl:88:22: error[E101]: unknown name `nigeria`
       |
    88 |     when attack(x, territory(nigeria))
       |                              ^^^^^^^ did you mean `niger`?
       = note: ...
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .source import Source, Span

#: Exit codes, documented in docs/cli.md.
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_UNKNOWN = 0, 1, 2, 3

#: At most this many diagnostics are shown; the rest are counted ("... and N more").
MAX_SHOWN = 20


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A message about the input: what is wrong, where, and what to do about it."""

    code: str
    message: str
    span: Span
    suggestion: str | None = None
    notes: tuple[str, ...] = ()
    severity: Severity = Severity.ERROR


@dataclass
class CharterError(Exception):
    """The one error type of charterlogic: bad input, with every diagnostic found."""

    diagnostics: tuple[Diagnostic, ...]
    sources: Mapping[str, Source] = field(default_factory=dict)

    def __str__(self) -> str:
        return render_all(self.diagnostics, self.sources)


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A suggestion for a misspelt `name`, or None when nothing is close."""
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def render(diagnostic: Diagnostic, sources: Mapping[str, Source]) -> str:
    """The diagnostic as text, with the source line and a caret under its span."""
    span = diagnostic.span
    head = f"{span}: {diagnostic.severity.value}[{diagnostic.code}]: {diagnostic.message}"
    lines = [head]
    source = sources.get(span.file)
    if source is not None and span.line > 0:
        text = source.line(span.line).replace("\t", " ")
        gutter = " " * len(str(span.line))
        end = span.end_column if span.end_line == span.line else len(text) + 1
        width = max(1, min(end, len(text) + 1) - span.column)
        caret = " " * (span.column - 1) + "^" * width
        if diagnostic.suggestion:
            caret += " " + diagnostic.suggestion
        lines += [f"{gutter} |", f"{span.line} | {text}", f"{gutter} | {caret}"]
    elif diagnostic.suggestion:
        lines.append(f"  = help: {diagnostic.suggestion}")
    lines += [f"  = note: {note}" for note in diagnostic.notes]
    return "\n".join(lines)


def render_all(diagnostics: Iterable[Diagnostic], sources: Mapping[str, Source]) -> str:
    """Every diagnostic, in source order, up to MAX_SHOWN, then a count of the rest."""
    ordered = sorted(diagnostics, key=lambda d: (d.span.file, d.span.line, d.span.column, d.code))
    shown = [render(d, sources) for d in ordered[:MAX_SHOWN]]
    if len(ordered) > MAX_SHOWN:
        shown.append(f"... and {len(ordered) - MAX_SHOWN} more")
    return "\n\n".join(shown)
