"""Symmetry and the instance index change nothing a user can see (docs/symmetry.md).

Differential tests: `query` (which grounds only the instances a scenario's facts can touch)
against grounding every instance; `check` over the quotient domain against the whole domain.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charterlogic import api
from charterlogic.analyses.check import check_domain
from charterlogic.ground.symmetry import actor_classes, named_actors, representatives_needed
from charterlogic.model import types as m
from charterlogic.model.facts import AtomKey
from charterlogic.model.walk import dependencies

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import baseline
import synthetic

SHIPPED = api.load_charter()


def _charter(text: str) -> m.Charter:
    return api.load_charter_text(text, "test.dsl")


def _synthetic(n: int, k: int) -> m.Charter:
    return _charter(synthetic.charter_text(n, k))


# ---- query: the index against every instance ----------------------------------------------------

STATES = ["burkina_faso", "mali", "niger", "chad"]
ACTORS = [*STATES, "ecowas", "jnim"]
TARGETS = ["territory", "sovereignty", "aircraft", "ships", "airspace"]


@st.composite
def shipped_scenarios(draw: st.DrawFn) -> dict[str, object]:
    """Random flags for the shipped charter: attacks, rebellions, notices, accession."""
    facts = draw(st.lists(st.one_of(
        st.builds(lambda a, t, v: f"attack({a}, {t}({v}))", st.sampled_from(ACTORS),
                  st.sampled_from(TARGETS), st.sampled_from(STATES)),
        st.builds(lambda a, v: f"rebellion({a}, {v})", st.just("jnim"),
                  st.sampled_from(STATES)),
        st.builds(lambda a, v: f"force_necessary({a}, {v})", st.sampled_from(ACTORS),
                  st.sampled_from(STATES)),
        st.builds(lambda p: f"denounce({p})", st.sampled_from(STATES[:3])),
        st.just("accession_request(chad)"),
        st.builds(lambda p: f"approve_accession({p}, chad)", st.sampled_from(STATES[:3])),
        st.builds(lambda h, v: f"assist({h}, {v})", st.sampled_from(STATES),
                  st.sampled_from(STATES)),
    ), max_size=4, unique=True))
    statuses = draw(st.lists(st.sampled_from(["event", "not", "unknown"]),
                             min_size=len(facts), max_size=len(facts)))
    day = draw(st.sampled_from(["2023-01-01", "2023-09-16", "2024-03-01", "2025-06-30"]))
    flags: dict[str, object] = {"event": [], "not_": [], "unknown": [], "on": day,
                                "actor": ["chad:state", "jnim:armed_group"]}
    for fact, status in zip(facts, statuses, strict=False):
        key = {"event": "event", "not": "not_", "unknown": "unknown"}[status]
        flags[key].append(fact)  # type: ignore[union-attr]
    return flags


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(shipped_scenarios(), st.booleans())
def test_query_equals_grounding_every_instance(flags: dict[str, object], literal: bool) -> None:
    settings_ = api.interpretation_settings(SHIPPED, literal)
    scenario = api.scenario_from_flags(SHIPPED, settings=settings_, **flags)
    assert api.query(SHIPPED, scenario) == baseline.naive_query(SHIPPED, scenario)


@pytest.mark.slow
@pytest.mark.parametrize("n,k", [(3, 5), (6, 10)])
def test_query_equals_grounding_every_instance_synthetic(n: int, k: int) -> None:
    charter = _synthetic(n, k)
    for flags in synthetic.random_scenarios(n, k, 15, seed=7):
        scenario = api.scenario_from_flags(charter, event=flags.events, not_=flags.failures,
                                           unknown=flags.unknowns, actor=flags.actors,
                                           on=flags.on)
        assert api.query(charter, scenario) == baseline.naive_query(charter, scenario)


def test_the_index_skips_instances_no_fact_touches() -> None:
    from charterlogic.analyses.query import instance_index

    index = instance_index(SHIPPED, {"chad": "state"})
    facts = api.scenario_from_flags(SHIPPED, event=["attack(chad, territory(niger))"],
                                    actor=["chad:state"], on="2024-01-01").facts
    attack = AtomKey("attack", ("chad", ("territory", "niger")))
    touched = {index.instances[i][0].name for i in index.by_atom[attack]}
    assert "collective_assistance" in touched
    assert "collective_assistance" not in {index.instances[i][0].name for i in index.standing}
    assert len(index.standing) + len(index.by_atom[next(iter(facts))]) < len(index.instances)


def _index_content(index: object) -> tuple[object, ...]:
    return (index.instances, index.reads, index.standing, index.by_atom)  # type: ignore[attr-defined]


@pytest.mark.parametrize("mutant_id", [
    "collective_assistance:negate",  # a norm: its part is new, the others are reused
    "collective_force:drop",  # a norm and the priorities that name it
    "no_attack_from_territory:drop-conjunct-1",  # a weaker norm of two priorities
    "collective_force>no_attack_from_territory:reverse",  # a priority: both norms change
    "targeted:drop-extend-7a",  # a definition: every norm resting on it changes
    "rebellion_is_attack:flip-default",  # a reading
    "withdrawn:months2-1",  # a duration inside a definition
])
def test_a_mutant_s_index_reuses_only_what_it_cannot_change(mutant_id: str) -> None:
    # the parts of the index kept across charters (for `test --mutate`) give the index a fresh
    # build gives, and the unchanged norms' parts are the very ones of the charter's own index
    from charterlogic.analyses import query
    from charterlogic.testing.mutation import selected

    actors = {"chad": "state", "jnim": "armed_group"}
    query._NORM_PARTS.clear()  # so that `kept` holds the charter's own parts only
    query.InstanceIndex(SHIPPED, actors)
    kept = dict(query._NORM_PARTS)
    (mutant,) = selected(SHIPPED, [mutant_id])
    reused = query.InstanceIndex(mutant.charter, actors)
    query._NORM_PARTS.clear()
    fresh = query.InstanceIndex(mutant.charter, actors)
    assert _index_content(reused) == _index_content(fresh)
    query._NORM_PARTS.clear()
    query._NORM_PARTS.update(kept)
    mine = set(map(id, kept.values()))
    builder = query._NormBuilder(mutant.charter, actors)
    reused_norms = {name for name, norm in mutant.charter.norms.items()
                    if id(query._norm_instances(mutant.charter, norm, actors, builder)) in mine}
    # exactly the norms that rest on nothing the mutant changes are answered from the charter's
    # own parts: what it changes, and every norm resting on it, is built anew
    owners = set(mutant_id.split(":")[0].split(">"))

    def rests(charter: m.Charter, name: str) -> set[str]:
        norm = charter.norms.get(name)
        return {n for _, n in dependencies(charter, norm)} if norm is not None else set()

    assert reused_norms == {
        name for name, norm in mutant.charter.norms.items()
        if norm is SHIPPED.norms.get(name)
        and not owners & (rests(SHIPPED, name) | rests(mutant.charter, name))}


# ---- check: the quotient domain against the whole domain ----------------------------------------


def _signature(report: object) -> list[tuple[object, ...]]:
    """A finding without the names of the actors it happens to be about."""
    return [(f.code, f.severity, f.kind, f.resolved_by,
             tuple((s.norm, s.modality) for s in f.sides))
            for f in report.findings]  # type: ignore[attr-defined]


def test_shipped_check_domain_is_the_whole_domain() -> None:
    assert set(SHIPPED.actors) <= set(check_domain(SHIPPED).kinds)


@pytest.mark.slow
@pytest.mark.parametrize("n,k,literal", [(6, 2, False), (6, 2, True), (10, 3, True)])
def test_check_over_the_quotient_finds_what_the_whole_domain_finds(n: int, k: int,
                                                                   literal: bool) -> None:
    charter = _synthetic(n, k)
    kept = set(check_domain(charter).kinds) & set(charter.actors)
    assert len(kept) < n  # the quotient really is smaller
    settings_ = api.interpretation_settings(charter, literal)
    quotient = api.check(charter, settings_)
    whole = baseline.naive_check(charter, settings_)
    assert quotient.satisfiable == whole.satisfiable
    assert _signature(quotient) == _signature(whole)


# ---- the classes and the bound ------------------------------------------------------------------


def test_named_actors_stand_alone() -> None:
    # the reading field_country = sahel_field_states lists states by name (Art. 8(d)): each of
    # them stands alone, so the shipped charter has no class of interchangeable actors
    assert named_actors(SHIPPED) == {"algeria", "burkina_faso", "mali", "mauritania", "niger"}
    assert actor_classes(SHIPPED, 2) == ()
    # without a clause that names them, the parties of a charter are one class
    [states] = actor_classes(_charter(synthetic.charter_text(3, 2)), 2)
    assert states.members == ("p1", "p2", "p3")


HEADER = '''charter "t" { signed 2023-09-16 in_force 2023-09-16 }
kind state
party a "A"
party b "B"
party c "C"
party d "D"
party e "E"
act help(helper: state, victim: state)
event attack(attacker: state, victim: state)
'''


def test_bound_counts_parameters_and_witnesses() -> None:
    charter = _charter(HEADER + '''article 1 "t" {
  norm n: every state q: must help(q, p) when attack(x, p)
}''')
    # q and p are parameters, x a witness: 3, plus the spare
    assert representatives_needed(charter, "state", True, {"state": 0}) == 4
    [states] = actor_classes(charter, 0)
    assert states.representatives == ("a", "b", "c", "d")


def test_nested_universal_keeps_the_class_whole() -> None:
    charter = _charter(HEADER + '''article 1 "t" {
  define all_attacked := all state p: some state x: attack(x, p)
  norm n: every state q: must help(q, q) when all_attacked
}''')
    assert representatives_needed(charter, "state", True, {"state": 0}) is None
    [states] = actor_classes(charter, 0)
    assert states.representatives == states.members


# ---- assumptions are rules too (issue 9) --------------------------------------------------------

ASSUMING = '''charter "Assume" { signed 2024-01-01 in_force 2024-01-01 }
kind state "a state"
party a "A"
party b "B"
party c "C"
party d "D"
party e "E"
party f "F"
act attack(attacker: state, victim: state) "{attacker} attacks {victim}"
act assist(helper: state, victim: state) "{helper} assists {victim}"
article 1 "Help" {
  text "Every state assists a party that a signatory attacks."
  norm help: every state q: must assist(q, p) when attack(x, p) and signatory(x)
}
assume a_quiet: not attack(a, v) "A attacks no one."
assume b_quiet: not attack(b, v) "B attacks no one."
assume c_quiet: not attack(c, v) "C attacks no one."
assume d_quiet: not attack(d, v) "D attacks no one."
'''


def test_actors_named_only_in_assumptions_are_not_interchangeable() -> None:
    """The quotient once kept a, b, c (all quiet by assumption) and dropped e and f, the only
    parties that can attack: `help` was reported dead (C004), falsely."""
    charter = _charter(ASSUMING)
    assert named_actors(charter) == {"a", "b", "c", "d"}
    [rest] = actor_classes(charter, 3)
    assert rest.members == ("e", "f") and rest.representatives == ("e", "f")
    settings_ = api.interpretation_settings(charter, False)
    quotient = api.check(charter, settings_)
    assert [f.code for f in quotient.findings] == []
    assert _signature(quotient) == _signature(baseline.naive_check(charter, settings_))


def test_assumption_witnesses_count_in_the_bound() -> None:
    charter = _charter(HEADER + '''article 1 "t" {
  norm n: every state q: must help(q, p) when attack(x, p)
}
assume someone: some state s: attack(s, s) "Someone attacks itself."''')
    # the norm pins 3 (q, p, x), the assumption's witness s one more, plus the spare
    assert representatives_needed(charter, "state", True, {"state": 0}) == 5


def test_check_cli_reports_no_dead_norm_for_the_assume_charter(tmp_path: Path) -> None:
    import io

    from charterlogic import cli

    path = tmp_path / "assume.dsl"
    path.write_text(ASSUMING)
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["check", str(path)], out, err) == 0
    assert "C004" not in out.getvalue() and "result: 0 errors, 0 warnings" in out.getvalue()
