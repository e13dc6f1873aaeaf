"""Diagnostics as data: what `--format json` prints on bad input (schemas/diagnostics.json).

Text diagnostics are rendered by syntax/diagnostics.py, next to the type; this is their JSON form.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..schemas import schema_id
from ..syntax.diagnostics import Diagnostic, help_link
from .answers import to_json


def diagnostic_data(diagnostic: Diagnostic) -> dict[str, object]:
    """One diagnostic: code, severity, message, where, suggestion, notes and help link."""
    span = diagnostic.span
    return {
        "code": diagnostic.code or None,  # None: a misused option, reported by argparse
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "file": span.file,
        "line": span.line,
        "column": span.column,
        "end": {"line": span.end_line, "column": span.end_column},
        "suggestion": diagnostic.suggestion,
        "notes": list(diagnostic.notes),
        "help": help_link(diagnostic.code) if diagnostic.code else None,
    }


def diagnostics_data(diagnostics: Iterable[Diagnostic], exit_code: int) -> dict[str, object]:
    """Every diagnostic, in source order (all of them: JSON is not truncated like text)."""
    ordered = sorted(diagnostics, key=lambda d: (d.span.file, d.span.line, d.span.column, d.code))
    return {"schema": schema_id("diagnostics"), "exit_code": exit_code,
            "diagnostics": [diagnostic_data(d) for d in ordered]}


def diagnostics_json(diagnostics: Iterable[Diagnostic], exit_code: int) -> str:
    """The diagnostics of a failed run as JSON (schemas/diagnostics.json), with its exit code."""
    return to_json(diagnostics_data(diagnostics, exit_code))
