"""charterlogic: a treaty as a formal model, checked with Z3.

The pipeline: one package per intermediate form, each pass taking the previous form and
returning the next (docs/architecture.md draws it in full and names the layer contracts).

    charter.dsl ──syntax.parser──▶ syntax.ast ──model.from_syntax──▶ model.types.Charter
        (text)       parse           (surface tree)   resolve          (the resolved charter)
                                                                               │
                       model.scenario: flags or a scenario file ──▶ Scenario   │
                                                                               ▼
    render/ ◀── analyses/ (check, query, explain, find, timeline, clash) ◀── ground/ ◀── smt/
    text, JSON    reports of plain data          ground.from_model: G formulas  Z3 encoding,
                                                 over a Domain                  the solver

    testing/ runs scenario files with expectations through the query analysis (spec, coverage,
    mutation); render/suite.py draws its reports.

The public face is `charterlogic.api`, re-exported here (loaded on first use, so that
`import charterlogic` stays cheap):

    import charterlogic as cl
    charter = cl.load_charter()                       # or cl.load_charter_text(text, "x.dsl")
    report = cl.check(charter)
    scenario = cl.scenario_from_flags(charter, events=["attack(chad, territory(niger))"],
                                      actors=["chad:state"], on="2024-01-01")
    answers = cl.query(charter, scenario)

Every call returns a report of plain data, or raises CharterError (bad input, every problem
found) or ClashError (the charter's `assume` clauses cannot all hold).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import (
        SHIPPED,
        Case,
        CaseResult,
        CharterError,
        CheckReport,
        ClashError,
        ClashReport,
        Coverage,
        Diagnostic,
        ExplainReport,
        FindReport,
        Limits,
        MutationReport,
        QueryReport,
        Result,
        Scenario,
        Suite,
        Timeline,
        check,
        clash,
        coverage,
        explain,
        find,
        interpretation_settings,
        load_charter,
        load_charter_text,
        load_suite,
        mutation,
        query,
        read_source,
        refuse_clash,
        run_case,
        run_suite,
        scenario_from_flags,
        scenarios_from_file,
        timeline,
    )

__all__ = [
    "SHIPPED", "Case", "CaseResult", "CharterError", "CheckReport", "ClashError", "ClashReport",
    "Coverage", "Diagnostic", "ExplainReport", "FindReport", "Limits", "MutationReport",
    "QueryReport", "Result", "Scenario", "Suite", "Timeline", "check", "clash", "coverage",
    "explain", "find", "interpretation_settings", "load_charter", "load_charter_text",
    "load_suite", "mutation", "query", "read_source", "refuse_clash", "run_case", "run_suite",
    "scenario_from_flags", "scenarios_from_file", "timeline",
]


def __getattr__(name: str) -> object:
    """`charterlogic.NAME` for each NAME of `__all__`: the API's name, imported on first use."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import api

    return getattr(api, name)
