"""Small helpers for the tests: run a query from flags, pick answers out of a report, run the
CLI in process (the `run` fixture of conftest.py)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TextIO

from charterlogic import api, cli
from charterlogic.analyses.query import Answer, QueryReport
from charterlogic.model import types as m


def ask(charter: m.Charter, *events: str, on: str = "2024-01-01", actors: tuple[str, ...] = (),
        failures: tuple[str, ...] = (), unknowns: tuple[str, ...] = (),
        settings: dict[str, bool] | None = None) -> QueryReport:
    scenario = api.scenario_from_flags(
        charter, events=list(events), actors=list(actors), failures=list(failures),
        unknowns=list(unknowns), on=on, settings=settings)
    return api.query(charter, scenario)


def find(report: QueryReport, modality: str, action: str) -> Answer | None:
    for answer in report.answers:
        if answer.modality.value == modality and answer.action == action:
            return answer
    return None


def actions(report: QueryReport, modality: str, predicate: str) -> set[str]:
    return {a.action for a in report.answers
            if a.modality.value == modality and a.predicate == predicate}


class CliRun(NamedTuple):
    """What one in-process run of the CLI gave: the exit code and both streams' text."""

    code: int
    out: str
    err: str


#: The type of the `run` fixture (run_cli).
Run = Callable[..., CliRun]


def run_cli(*argv: str, cwd: Path | None = None, stderr: TextIO | None = None) -> CliRun:
    """`charterlogic ARGV...` in process (in `cwd`, when given), as the `run` fixture does;
    `stderr` replaces the captured error stream (to test what a terminal sees)."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = cli.main(list(argv), out, stderr if stderr is not None else err)
    finally:
        os.chdir(here)
    return CliRun(code, out.getvalue(), err.getvalue())
