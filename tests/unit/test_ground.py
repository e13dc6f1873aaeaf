"""The grounder: instances over the domain, folding of known facts, proof nodes kept."""

from __future__ import annotations

from charterlogic.analyses.derivation import derive
from charterlogic.ground.from_model import Domain, Facts, Grounder, atoms_of, unify
from charterlogic.model import types as m
from charterlogic.model.facts import AtomFact, AtomKey, show


def grounder(charter, facts=None, today=20240101, extra=None, interpretations=None):
    settings = interpretations or charter.default_interpretations()
    return Grounder(charter, Domain.of(charter, extra or {}), Facts(today, settings, facts))


def test_sort_values_are_constructors_over_actors_of_the_right_kind(charter):
    domain = Domain.of(charter, {"chad": "state"})
    targets = domain.elements("target")
    assert ("territory", "chad") in targets and ("territory", "ecowas") not in targets
    assert ("forces", "niger", "outside_alliance_area") in targets
    assert show(("forces", "niger", "inside_alliance_area")) == \
        "forces(niger, inside_alliance_area)"


def test_known_facts_fold_to_a_value_and_keep_their_proof(charter):
    g = grounder(charter, {AtomKey("attack", ("chad", ("territory", "niger"))): AtomFact("true")},
                 extra={"chad": "state"})
    formula = g.holds(charter.norms["collective_assistance"], {"q": "mali", "p": "niger"})
    assert formula.value is True
    texts = []

    def walk(steps):
        for step in steps:
            texts.append(step.text)
            walk(step.children)

    walk(derive(formula))
    assert "attack(chad, territory(niger))" in texts and "aggression(chad, niger)" in texts


def test_unknown_facts_stay_open(charter):
    attack = AtomKey("attack", ("chad", ("territory", "niger")))
    g = grounder(charter, {attack: AtomFact("unknown")}, extra={"chad": "state"})
    formula = g.holds(charter.norms["collective_assistance"], {"q": "mali", "p": "niger"})
    assert formula.value is None
    assert atoms_of(formula) == {AtomKey("attack", ("chad", ("territory", "niger")))}


def test_check_mode_leaves_everything_open(charter):
    g = Grounder(charter, Domain.of(charter), Facts(None, {}))
    formula = g.holds(charter.norms["terrorism_duty"], {"q": "mali"})
    assert formula.value is None  # the day and the denunciation are open
    assert AtomKey("denounce", ("mali",)) in atoms_of(formula)


def test_a_fact_dated_after_the_day_has_not_happened(charter):
    later = {AtomKey("attack", ("chad", ("territory", "niger"))): AtomFact("true", start=20240301)}
    g = grounder(charter, later, today=20240101, extra={"chad": "state"})
    assert g.holds(charter.norms["collective_assistance"],
                   {"q": "mali", "p": "niger"}).value is False


def test_unify_matches_patterns_against_ground_acts(charter):
    g = grounder(charter)
    force = charter.norms["collective_force"].action.args
    assert unify(force, ("mali", "niger", "inside_alliance_area"), g) == {
        "q": "mali", "x": "niger"}
    assert unify(force, ("mali", "niger", "outside_alliance_area"), g) is None


def test_a_priority_defeats_the_weaker_norm_for_the_same_act(charter):
    facts = {AtomKey("attack", ("mali", ("territory", "niger"))): AtomFact("true")}
    no_force = charter.norms["no_force"]
    binding = {"q": "burkina_faso", "r": "mali", "a": "inside_alliance_area"}
    assert grounder(charter, facts).holds(no_force, binding).value is False
    literal = {name: False for name in charter.interpretations}
    assert grounder(charter, facts, interpretations=literal).holds(
        no_force, binding).value is True
    assert m.Modality.FORBIDDEN is no_force.modality
