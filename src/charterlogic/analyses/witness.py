"""Witnesses: the concrete scenarios `check` and `find` show, and the domain they range over.

Shared by the symbolic analyses (check, find, clash), so that none of them imports another.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ground.from_model import Domain
from ..ground.symmetry import quotient_actors
from ..model import types as m
from ..model.facts import AtomFact, AtomKey, FactStatus
from ..model.scenario import Scenario
from ..smt.search import Assignment

#: How many actors of each kind, beyond those the charter names, a scenario of `check` may have:
#: the bound docs/symmetry.md computes for the shipped charter (a bounded check where it has none).
REPRESENTATIVES = 3


@dataclass(frozen=True)
class Witness:
    """A concrete scenario: the day, the facts that hold, the interpretations in force, and the
    acts stated not done (the evidence of a failure to act, for `diff`'s violations)."""

    today: str
    actors: tuple[tuple[str, str], ...]  # (name, kind) of the actors it adds to the charter's
    facts: tuple[tuple[AtomKey, str], ...]  # (atom, start date)
    interpretations: tuple[tuple[str, str], ...]
    failures: tuple[AtomKey, ...] = ()


def check_domain(charter: m.Charter, keep: tuple[str, ...] = ()) -> Domain:
    """The charter's actors, less the surplus members of classes of interchangeable ones
    (symmetry.py, docs/symmetry.md) other than those to `keep`, and REPRESENTATIVES unnamed
    actors of every kind. (Keeping a surplus member is sound: the bound is a least number.)"""
    extra = {f"other_{kind}_{i}": kind for kind in charter.kinds
             for i in range(1, REPRESENTATIVES + 1)}
    kept = quotient_actors(charter, REPRESENTATIVES)
    kept += tuple(name for name in charter.actors if name in keep and name not in kept)
    return Domain.of(charter, extra, kept)


def witness_of(charter: m.Charter, domain: Domain, assignment: Assignment,
               interpretations: m.Settings | None = None) -> Witness:
    """The witness of a solver's assignment over `domain`: its day, its facts with their start
    dates, the actors beyond the charter's that they name, and the interpretations (by default
    the assignment's own)."""
    used = {name for key, _ in assignment.facts for name in key.names()}
    actors = tuple((name, kind) for name, kind in domain.kinds.items()
                   if name in used and name not in charter.actors)
    settings = tuple(interpretations.items()) if interpretations is not None \
        else assignment.interpretations
    return Witness(m.number_date(assignment.today), actors,
                   tuple((key, m.number_date(day)) for key, day in assignment.facts), settings)


def witness_scenario(witness: Witness, failures: tuple[AtomKey, ...] = ()) -> Scenario:
    """The scenario a witness describes, as `query` would read it from its scenario file (a fact
    that starts on the day has no date), with `failures` stated not done."""
    today = m.parse_date(witness.today)
    facts: dict[AtomKey, AtomFact] = {}
    for key, start in witness.facts:
        day = m.parse_date(start)
        facts[key] = AtomFact(FactStatus.TRUE, day if day != today else None)
    for key in failures:
        facts[key] = AtomFact(FactStatus.FALSE)
    return Scenario("found", today, dict(witness.actors), facts, dict(witness.interpretations))
