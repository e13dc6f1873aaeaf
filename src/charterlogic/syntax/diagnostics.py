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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .source import Source, Span
from .words import TextEnum

#: Exit codes, documented in docs/cli.md.
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_UNKNOWN = 0, 1, 2, 3

#: At most this many diagnostics are shown; the rest are counted ("... and N more").
MAX_SHOWN = 20

#: The page that explains every code, one entry (and anchor) per code.
HELP_PAGE = "docs/errors.md"


def help_link(code: str) -> str:
    """Where code `code` is explained: `docs/errors.md#e101` (GitHub's anchor of `### E101`)."""
    return f"{HELP_PAGE}#{code.lower()}"


class Severity(TextEnum):
    """How much a diagnostic or a finding of `check` matters."""

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


#: At most this many choices are listed in a note; the rest are counted.
MAX_CHOICES = 24


def closest_first(name: str, candidates: Iterable[str]) -> list[str]:
    """`candidates` without repeats, the most similar to `name` first (ties keep their order).

    A candidate written with its arguments (`forces(state, area)`) is compared by its name."""
    unique = list(dict.fromkeys(candidates))
    ratio = {c: difflib.SequenceMatcher(None, name, c.split("(")[0]).ratio() for c in unique}
    return sorted(unique, key=lambda c: -ratio[c])


def choices_note(what: str, choices: Sequence[str]) -> str:
    """A note listing what would fit: `the values of sort means: armed_forces | other_means`."""
    shown = list(choices[:MAX_CHOICES])
    more = len(choices) - len(shown)
    listed = " | ".join(shown) + (f" | ... ({more} more)" if more else "")
    return f"{what}: {listed}" if shown else f"{what}: none"


#: Source lines longer than this are shown as a window around the span.
LINE_WIDTH = 120
#: Names longer than this are shortened in messages.
NAME_WIDTH = 60
_LONG_NAME = re.compile(rf"`([^`]{{{NAME_WIDTH + 1},}})`")


def render(diagnostic: Diagnostic, sources: Mapping[str, Source]) -> str:
    """The diagnostic as text, with the source line and a caret under its span."""
    span = diagnostic.span
    message, suggestion = _clip(diagnostic.message), _clip(diagnostic.suggestion or "")
    head = f"{span}: {diagnostic.severity.value}[{diagnostic.code}]: {message}"
    lines = [head]
    source = sources.get(span.file)
    if source is not None and span.line > 0:
        full = source.line(span.line).replace("\t", " ")
        end = span.end_column if span.end_line == span.line else len(full) + 1
        text, column, end = _window(full, span.column, min(end, len(full) + 1))
        gutter = " " * len(str(span.line))
        caret = " " * (column - 1) + "^" * max(1, end - column)
        if suggestion:
            caret += " " + suggestion
        lines += [f"{gutter} |", f"{span.line} | {text}", f"{gutter} | {caret}"]
    elif suggestion:
        lines.append(f"  = help: {suggestion}")
    lines += [f"  = note: {_clip(note)}" for note in diagnostic.notes]
    lines.append(f"  = see {help_link(diagnostic.code)}")
    return "\n".join(lines)


def _clip(text: str) -> str:
    """`text` with every over-long `name` shortened, so a 100,000-character name stays legible."""
    return _LONG_NAME.sub(
        lambda m: f"`{m[1][:NAME_WIDTH // 2]}...` ({len(m[1])} characters)", text)


def _window(text: str, column: int, end: int) -> tuple[str, int, int]:
    """At most LINE_WIDTH characters of `text` around columns [column, end), re-numbered."""
    if len(text) <= LINE_WIDTH:
        return text, column, end
    start = max(0, min(column - 1 - LINE_WIDTH // 4, len(text) - LINE_WIDTH))
    shown = text[start:start + LINE_WIDTH]
    prefix = "..." if start > 0 else ""
    suffix = "..." if start + LINE_WIDTH < len(text) else ""
    shift = len(prefix) - start
    last = len(prefix) + len(shown) + 1
    return prefix + shown + suffix, column + shift, min(end + shift, last)


def render_all(diagnostics: Iterable[Diagnostic], sources: Mapping[str, Source]) -> str:
    """Every diagnostic, in source order, up to MAX_SHOWN, then a count of the rest."""
    ordered = sorted(diagnostics, key=lambda d: (d.span.file, d.span.line, d.span.column, d.code))
    shown = [render(d, sources) for d in ordered[:MAX_SHOWN]]
    if len(ordered) > MAX_SHOWN:
        shown.append(f"... and {len(ordered) - MAX_SHOWN} more")
    return "\n\n".join(shown)
