"""Small helpers for the tests: run a query from flags, pick answers out of a report."""

from __future__ import annotations

from charterlogic import api
from charterlogic.analyses.query import Answer, QueryReport
from charterlogic.model import types as m


def ask(charter: m.Charter, *events: str, on: str = "2024-01-01", actors: tuple[str, ...] = (),
        failures: tuple[str, ...] = (), unknowns: tuple[str, ...] = (),
        settings: dict[str, bool] | None = None) -> QueryReport:
    scenario = api.scenario_from_flags(
        charter, event=list(events), actor=list(actors), not_=list(failures),
        unknown=list(unknowns), on=on, settings=settings)
    return api.query(charter, scenario)


def find(report: QueryReport, modality: str, action: str) -> Answer | None:
    for answer in report.answers:
        if answer.modality.value == modality and answer.action == action:
            return answer
    return None


def actions(report: QueryReport, modality: str, predicate: str) -> set[str]:
    return {a.action for a in report.answers
            if a.modality.value == modality and a.predicate == predicate}
