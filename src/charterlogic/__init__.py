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

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers, the names of api.__all__; at run time, __getattr__ below
    from .api import *  # noqa: F403


def __getattr__(name: str) -> object:
    """`charterlogic.NAME` for each NAME of `api.__all__`, and `__all__` itself (the API's),
    imported on first use: `import charterlogic` imports nothing else."""
    if name.startswith("__") and name != "__all__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    api = importlib.import_module(".api", __name__)
    if name == "__all__":
        return api.__all__
    if name not in api.__all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(api, name)
