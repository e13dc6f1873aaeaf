"""Clash: when a charter's world assumptions cannot all hold, the smallest set of clauses at fault.

The charter's text alone is always satisfiable (definitions define, norms oblige); what can make a
charter inconsistent is an `assume NAME: EXPR` clause, a fact of the world taken to hold in every
scenario, that contradicts another one or what the definitions entail. Every clause that can take
part gets a tracking literal, as a Z3 assumption:

- each `assume` clause (all its instances over the domain);
- each clause of each definition: "this clause suffices" (and, for the defining article, "nothing
  else does"), so that a definition can be named by the article that contributes it;
- each interpretation, at its setting.

An unsat core of those literals is then shrunk by deletion, one literal at a time, to a minimal
one: drop any clause of the result and the rest can all hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ground.budget import doing
from ..ground.from_model import Facts, Grounder, g_and
from ..model import types as m
from ..smt.search import Tracked, minimal_clash
from ..smt.solver import Limits, Result
from ..syntax.source import Span
from .witness import check_domain


@dataclass(frozen=True)
class Part:
    """One clause of a clash."""

    kind: str  # "assumption", "definition", "interpretation"
    name: str
    text: str  # how the clause reads in the report
    span: Span
    citation: m.Citation | None = None


@dataclass(frozen=True)
class ClashReport:
    """Whether a charter's `assume` clauses can all hold: `result` SAT (no clash), UNSAT (`parts` is
    a minimal set of clauses that clash) or UNKNOWN (the solver gave up; `parts` is empty)."""

    charter: m.Charter
    result: Result  # SAT: no clash; UNSAT: `parts` clash; UNKNOWN: the solver gave up
    parts: tuple[Part, ...]


def clash(charter: m.Charter, interpretations: m.Settings,
          limits: Limits = Limits()) -> ClashReport:
    """SAT if the charter's assumptions can all hold; else a minimal set of clauses that clash."""
    if not charter.assumptions:
        return ClashReport(charter, Result.SAT, ())
    with doing("whether the charter's `assume` clauses can all hold (the clash gate)"):
        return _clash(charter, interpretations, limits)


def _clash(charter: m.Charter, interpretations: m.Settings, limits: Limits) -> ClashReport:
    grounder = Grounder(charter, check_domain(charter), Facts(None, {}))
    assumptions = [(a.name, g_and([grounder.expr(a.body, binding)
                                   for binding in grounder.bindings(a.parameters)]))
                   for a in charter.assumptions]
    result, core = minimal_clash(charter, assumptions, interpretations, limits)
    if result is not Result.UNSAT:
        return ClashReport(charter, result, ())
    parts = sorted((_part(charter, tracked, interpretations) for tracked in core),
                   key=lambda p: (p.span.file, p.span.line, p.span.column))
    return ClashReport(charter, Result.UNSAT, tuple(parts))


def _part(charter: m.Charter, tracked: Tracked, interpretations: m.Settings) -> Part:
    """How a tracked clause reads in the report."""
    if tracked.kind == "assumption":
        assumption = next(a for a in charter.assumptions if a.name == tracked.name)
        return Part("assumption", tracked.name, f"assume {tracked.name}", assumption.span)
    if tracked.kind == "interpretation":
        return Part("interpretation", tracked.name,
                    f"interpretation {tracked.name} {interpretations[tracked.name]}",
                    charter.interpretations[tracked.name].span)
    clause = charter.definitions[tracked.name].clauses[tracked.index]
    verb = "defines" if tracked.index == 0 else "widens"
    return Part("definition", tracked.name, f"{clause.citation} {verb} {tracked.name}",
                clause.span, clause.citation)
