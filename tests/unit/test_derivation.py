"""Derivations: the chain of norms, definitions, articles and facts read off a ground formula.

On the small charter helpers.DEFENCE, with one attack of green on blue.
"""

from __future__ import annotations

import pytest

from charterlogic import api
from charterlogic.analyses.derivation import Step, citations, derive, facts_used, interpretations
from charterlogic.ground.from_model import Domain, Facts, Grounder
from charterlogic.model import types as m
from charterlogic.model.facts import AtomFact, AtomKey
from helpers import DEFENCE

ATTACK = AtomKey("attack", ("green", ("territory", "blue")))


@pytest.fixture(scope="module")
def charter() -> m.Charter:
    return api.load_charter_text(DEFENCE, "defence.dsl")


def grounder(charter: m.Charter, status: str = "true") -> Grounder:
    facts = Facts(20240101, charter.default_interpretations(), {ATTACK: AtomFact(status)})
    return Grounder(charter, Domain.of(charter, {"green": "state"}), facts)


def tree(steps: tuple[Step, ...], depth: int = 0) -> list[tuple[int, str, str]]:
    """(depth, kind, text) of every step, in order."""
    return [row for step in steps
            for row in [(depth, step.kind, step.text), *tree(step.children, depth + 1)]]


def test_a_duty_that_holds_is_its_norm_its_definitions_and_the_fact(charter: m.Charter) -> None:
    steps = derive(grounder(charter).holds(charter.norms["assistance"], {"q": "red", "p": "blue"}))
    assert tree(steps) == [
        (0, "norm", "assistance"),
        (1, "definition", "party(red)"),
        (2, "test", "signatory(red)"),
        (1, "binding", "x = green"),  # the existential variable, with the value that works
        (2, "definition", "aggression(green, blue)"),
        (3, "fact", "attack(green, territory(blue))"),
        (2, "definition", "party(blue)"),
        (3, "test", "signatory(blue)"),
    ]
    article_1 = charter.articles[0].citation
    assert steps[0].citation == article_1
    assert citations(steps) == (article_1,)
    assert facts_used(steps) == {"attack(green, territory(blue))"}


def test_an_open_fact_is_an_unknown_step(charter: m.Charter) -> None:
    formula = grounder(charter, "unknown").holds(charter.norms["assistance"],
                                                  {"q": "red", "p": "blue"})
    assert formula.value is None
    rows = tree(derive(formula))
    assert (3, "unknown", "unknown: attack(green, territory(blue))") in rows
    assert not facts_used(derive(formula))


def test_a_shared_memo_reuses_the_steps_of_shared_subformulas(charter: m.Charter) -> None:
    g = grounder(charter)
    memo: dict[object, list[Step]] = {}
    first = derive(g.holds(charter.norms["assistance"], {"q": "red", "p": "blue"}), memo)
    second = derive(g.holds(charter.norms["defence"], {"q": "red", "x": "green"}), memo)
    aggression = next(s for s in first[0].children[1].children if s.kind == "definition")
    again = next(s for s in second[0].children[1].children if s.kind == "definition")
    assert aggression.text == "aggression(green, blue)"
    assert again is aggression


def test_interpretations_are_listed_once_in_order_of_first_use() -> None:
    on = Step("interpretation", "interpretation strict (on)")
    off = Step("interpretation", "interpretation wide (off)")
    steps = (Step("norm", "n", None, (on, Step("definition", "d", None, (off, on)))),)
    assert interpretations(steps) == ("strict (on)", "wide (off)")
