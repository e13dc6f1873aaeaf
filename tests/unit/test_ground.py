"""The grounder: instances over the domain, folding of known facts, proof nodes kept.

On a small charter (helpers.DEFENCE), so that each test reads with the norms it is about.
"""

from __future__ import annotations

import pytest

from charterlogic import api
from charterlogic.analyses.derivation import derive
from charterlogic.ground.from_model import Domain, Facts, Grounder, atoms_of, unify
from charterlogic.model import types as m
from charterlogic.model.facts import AtomFact, AtomKey, show
from helpers import DEFENCE

ATTACK = AtomKey("attack", ("green", ("territory", "blue")))


@pytest.fixture(scope="module")
def charter() -> m.Charter:
    return api.load_charter_text(DEFENCE, "defence.dsl")


def grounder(charter: m.Charter, facts: dict[AtomKey, AtomFact] | None = None,
             today: int = 20240101, interpretations: dict[str, str] | None = None) -> Grounder:
    settings = interpretations or charter.default_interpretations()
    domain = Domain.of(charter, {"green": "state"})
    return Grounder(charter, domain, Facts(today, settings, facts))


def texts(steps: tuple[object, ...]) -> list[str]:
    found: list[str] = []
    for step in steps:
        found.append(step.text)  # type: ignore[attr-defined]
        found += texts(step.children)  # type: ignore[attr-defined]
    return found


def test_sort_values_are_constructors_over_actors_of_the_right_kind(charter: m.Charter) -> None:
    targets = Domain.of(charter, {"green": "state"}).elements("target")
    assert ("territory", "green") in targets and ("territory", "rebels") not in targets
    assert ("forces", "red", "outside") in targets
    assert len(targets) == 3 + 3 * 2  # territory of each state, forces of each in each area
    assert show(("forces", "red", "inside")) == "forces(red, inside)"


def test_known_facts_fold_to_a_value_and_keep_their_proof(charter: m.Charter) -> None:
    g = grounder(charter, {ATTACK: AtomFact("true")})
    formula = g.holds(charter.norms["assistance"], {"q": "red", "p": "blue"})
    assert formula.value is True
    steps = texts(derive(formula))
    assert "attack(green, territory(blue))" in steps and "aggression(green, blue)" in steps


def test_a_norm_without_its_trigger_is_false(charter: m.Charter) -> None:
    g = grounder(charter, {})
    assert g.holds(charter.norms["assistance"], {"q": "red", "p": "blue"}).value is False


def test_unknown_facts_stay_open(charter: m.Charter) -> None:
    g = grounder(charter, {ATTACK: AtomFact("unknown")})
    formula = g.holds(charter.norms["assistance"], {"q": "red", "p": "blue"})
    assert formula.value is None
    assert atoms_of(formula) == {ATTACK}


def test_check_mode_leaves_everything_open(charter: m.Charter) -> None:
    g = Grounder(charter, Domain.of(charter), Facts(None, {}))
    formula = g.holds(charter.norms["assistance"], {"q": "red", "p": "blue"})
    assert formula.value is None  # the day and every attack are open
    assert AtomKey("attack", ("rebels", ("territory", "blue"))) in atoms_of(formula)


def test_a_fact_dated_after_the_day_has_not_happened(charter: m.Charter) -> None:
    later = {ATTACK: AtomFact("true", start=20240301)}
    g = grounder(charter, later, today=20240101)
    assert g.holds(charter.norms["assistance"], {"q": "red", "p": "blue"}).value is False
    g = grounder(charter, later, today=20240401)
    assert g.holds(charter.norms["assistance"], {"q": "red", "p": "blue"}).value is True


def test_unify_matches_patterns_against_ground_acts(charter: m.Charter) -> None:
    g = grounder(charter)
    force = charter.norms["defence"].action.args
    assert unify(force, ("red", "green", "inside"), g) == {"q": "red", "x": "green"}
    assert unify(force, ("red", "green", "outside"), g) is None


def test_a_priority_defeats_the_weaker_norm_for_the_same_act(charter: m.Charter) -> None:
    facts = {AtomKey("attack", ("blue", ("territory", "red"))): AtomFact("true")}
    no_force = charter.norms["no_force"]
    binding = {"q": "red", "r": "blue", "a": "inside"}
    assert grounder(charter, facts).holds(no_force, binding).value is False
    literal = {name: i.literal for name, i in charter.interpretations.items()}
    assert grounder(charter, facts, interpretations=literal).holds(
        no_force, binding).value is True
    assert no_force.modality is m.Modality.FORBIDDEN
