"""The naive baseline: what charterlogic would do without its index and its symmetry.

- `naive_query` grounds every norm over every binding of the whole domain for every query (no
  instance index), with a fresh grounder and solver each time, and builds the same answers.
- `naive_check` runs the same analyses over the whole domain: every party, no quotient.

Both return the same reports as charterlogic's own functions (the benchmark checks that they
agree), so the ratio measures the design, not a difference in what is computed.
"""

from __future__ import annotations

from collections.abc import Mapping

from charterlogic.analyses import check as checking
from charterlogic.analyses import query as querying
from charterlogic.analyses.witness import REPRESENTATIVES
from charterlogic.ground.from_model import Domain, Facts, Grounder
from charterlogic.model import types as m
from charterlogic.model.scenario import Scenario
from charterlogic.smt.solver import Limits


def naive_query(charter: m.Charter, scenario: Scenario,
                limits: Limits = Limits()) -> querying.QueryReport:
    """query(), grounding every instance of every norm over the whole domain."""
    domain = Domain.of(charter, scenario.actors)
    facts = Facts(scenario.today, scenario.interpretations, scenario.facts)
    grounder = Grounder(charter, domain, facts)
    decider = querying._Decider(limits)
    answers, violations = [], []
    for norm in charter.norms.values():
        for binding in grounder.bindings(norm.parameters):
            holder = grounder.value(norm.holder, binding)
            formula = grounder.holds(norm, binding)
            status = decider.decide(formula)
            args = grounder.values(norm.action.args, binding)
            if status is None or args is None:
                continue
            answer = querying._answer(norm, holder, args, formula, status)
            answers.append(answer)
            done = grounder.atom(norm.action.predicate, args)
            violation = querying._violation(norm, answer, formula, done, grounder, decider)
            if violation is not None:
                violations.append(violation)
    return querying.QueryReport(charter, scenario, tuple(answers), tuple(violations),
                                tuple(dict.fromkeys(decider.unknown)), (),
                                querying._in_force(charter, grounder))


def naive_check(charter: m.Charter, settings: Mapping[str, str],
                limits: Limits = Limits()) -> checking.CheckReport:
    """check_charter() over the whole domain: every party, and the unnamed representatives."""
    extra = {f"other_{kind}_{i}": kind for kind in charter.kinds
             for i in range(1, REPRESENTATIVES + 1)}
    return checking.check_charter(charter, settings, limits, Domain.of(charter, extra))
