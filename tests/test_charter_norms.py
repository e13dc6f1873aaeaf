"""The charter's norms, article by article: each one where it fires and where it must not.

These run real queries against the shipped charter.dsl; a change of the transcription that changes
what the charter requires fails here.
"""

from __future__ import annotations

import pytest

from helpers import actions, ask, find

PARTIES = ("burkina_faso", "mali", "niger")


# ---- the done-when of the core: an attack on Niger's territory by a non-member ------------------

def test_attack_on_niger_obliges_every_other_party_to_assist_citing_art_6(charter):
    report = ask(charter, "attack(chad, territory(niger))", actors=("chad:state",), on="2024-01-01")
    assert actions(report, "obliged", "assist") == {
        "assist(burkina_faso, niger)", "assist(mali, niger)"}
    for holder in ("burkina_faso", "mali"):
        answer = find(report, "obliged", f"assist({holder}, niger)")
        assert answer.holder == holder and answer.status == "holds"
        assert str(answer.articles[0]) == "Art. 6"
        assert answer.triggered_by == ("attack(chad, territory(niger))",)


def test_the_same_attack_before_signature_gives_no_duty(charter):
    report = ask(charter, "attack(chad, territory(niger))", actors=("chad:state",), on="2023-09-15")
    assert actions(report, "obliged", "assist") == set()
    assert report.answers == ()  # nothing binds anyone before the charter


def test_on_the_day_of_signature_the_charter_binds(charter):
    report = ask(charter, "attack(chad, territory(niger))", actors=("chad:state",), on="2023-09-16")
    assert "assist(mali, niger)" in actions(report, "obliged", "assist")


# ---- Art. 4 -------------------------------------------------------------------------------------

def test_art_4_standing_duties_hold_for_every_party_in_force(charter):
    report = ask(charter)
    assert actions(report, "obliged", "fight_terrorism") == {
        f"fight_terrorism({p})" for p in PARTIES}
    assert actions(report, "obliged", "fight_organised_crime") == {
        f"fight_organised_crime({p})" for p in PARTIES}


def test_art_4_binds_no_one_before_entry_into_force(charter):
    assert actions(ask(charter, on="2023-01-01"), "obliged", "fight_terrorism") == set()


# ---- Art. 5 -------------------------------------------------------------------------------------

def test_art_5_rebellion_obliges_settlement_and_force_needs_necessity(charter):
    report = ask(charter, "rebellion(csp, mali)", actors=("csp:armed_group",))
    assert actions(report, "obliged", "settle") == {f"settle({p}, csp, mali)" for p in PARTIES}
    assert actions(report, "permitted", "use_force") == set()  # peaceful means first
    forced = ask(charter, "rebellion(csp, mali)", "force_necessary(csp, mali)",
                 actors=("csp:armed_group",))
    assert actions(forced, "permitted", "use_force") == {
        f"use_force({p}, csp, inside_alliance_area)" for p in PARTIES}


def test_art_5_does_not_fire_for_a_threat_to_a_non_member(charter):
    report = ask(charter, "threat(jnim, chad)", actors=("jnim:armed_group", "chad:state"))
    assert actions(report, "obliged", "settle") == set()


# ---- Arts. 6 and 7 ------------------------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "territory(niger)", "sovereignty(niger)", "forces(niger, deployed_in_area)",
    "forces(niger, national_capacity_abroad)", "ships(niger)", "aircraft(niger)",
])
def test_aggression_covers_arts_6_and_7_targets(charter, target):
    report = ask(charter, f"attack(chad, {target})", actors=("chad:state",))
    assert actions(report, "obliged", "assist") == {
        "assist(burkina_faso, niger)", "assist(mali, niger)"}
    assert actions(report, "permitted", "use_force") == {
        f"use_force({p}, chad, inside_alliance_area)" for p in PARTIES}


def test_art_7_widening_is_cited(charter):
    report = ask(charter, "attack(chad, forces(niger, national_capacity_abroad))",
                 actors=("chad:state",))
    answer = find(report, "obliged", "assist(mali, niger)")
    cited = [str(c) for c in answer.articles]
    assert cited[0] == "Art. 6" and "Art. 7(a)" in cited


def test_art_6_does_not_fire_for_an_attack_on_a_non_member(charter):
    report = ask(charter, "attack(niger, territory(chad))", actors=("chad:state",))
    assert actions(report, "obliged", "assist") == set()


def test_airspace_violation_is_an_attack_only_under_its_interpretation(charter):
    event, actors = "attack(chad, airspace(niger))", ("chad:state",)
    assert actions(ask(charter, event, actors=actors), "obliged", "assist") == set()
    settings = {**charter.default_interpretations(), "airspace_violation_is_attack": "on"}
    report = ask(charter, event, actors=actors, settings=settings)
    answer = find(report, "obliged", "assist(mali, niger)")
    assert answer is not None
    assert "airspace_violation_is_attack (on)" in answer.interpretations


def test_rebellion_is_an_attack_only_under_its_interpretation(charter):
    event, actors = "rebellion(csp, mali)", ("csp:armed_group",)
    assert actions(ask(charter, event, actors=actors), "obliged", "assist") == set()
    settings = {**charter.default_interpretations(), "rebellion_is_attack": "on"}
    report = ask(charter, event, actors=actors, settings=settings)
    assert actions(report, "obliged", "assist") == {
        "assist(burkina_faso, mali)", "assist(niger, mali)"}


def test_a_party_aggressor_owes_no_assistance_against_itself_by_default(charter):
    report = ask(charter, "attack(mali, territory(niger))")
    assert actions(report, "obliged", "assist") == {"assist(burkina_faso, niger)"}
    literal = {name: i.literal for name, i in charter.interpretations.items()}
    report = ask(charter, "attack(mali, territory(niger))", settings=literal)
    assert actions(report, "obliged", "assist") == {
        "assist(burkina_faso, niger)", "assist(mali, niger)"}


# ---- Art. 8 -------------------------------------------------------------------------------------

def test_art_8a_aggression_by_a_party_is_a_violation(charter):
    report = ask(charter, "attack(mali, territory(niger))")
    violations = {(v.answer.holder, v.answer.norm, str(v.answer.articles[0]))
                  for v in report.violations}
    assert ("mali", "no_aggression", "Art. 8(a)") in violations


def test_art_8a_defence_against_a_party_aggressor_is_not_a_violation_by_default(charter):
    events = ("attack(mali, territory(niger))",
              "use_force(burkina_faso, mali, inside_alliance_area)")
    report = ask(charter, *events)
    assert {v.answer.holder for v in report.violations} == {"mali"}
    literal = {name: i.literal for name, i in charter.interpretations.items()}
    report = ask(charter, *events, settings=literal)
    assert ("burkina_faso", "no_force") in {(v.answer.holder, v.answer.norm)
                                           for v in report.violations}


def test_art_8b_covers_blockades_by_armed_forces_of_a_party_only(charter):
    armed = ask(charter, "blockade(mali, niger, armed_forces)")
    assert [(v.answer.holder, v.answer.norm) for v in armed.violations] == [("mali", "no_blockade")]
    other = ask(charter, "blockade(mali, niger, other_means)")
    assert other.violations == ()
    jnim = ask(charter, "blockade(jnim, mali, armed_forces)", actors=("jnim:armed_group",))
    assert jnim.violations == ()


def test_art_8c_protects_third_states(charter):
    report = ask(charter, "hosts(niger, mali)", "use_force(mali, chad, inside_alliance_area)",
                 "launched_from(mali, chad, niger)", actors=("chad:state",))
    assert [(v.answer.holder, v.answer.norm) for v in report.violations] == [
        ("mali", "no_attack_from_territory")]
    assert str(report.violations[0].answer.articles[0]) == "Art. 8(c)"
    # the same force launched from Mali's own territory is not 8(c)'s
    own = ask(charter, "hosts(niger, mali)", "use_force(mali, chad, inside_alliance_area)",
              "launched_from(mali, chad, mali)", actors=("chad:state",))
    assert own.violations == ()


def test_art_8d_country_of_the_field_reading(charter):
    event = "allow_attack(niger, wagner, chad)"
    actors = ("wagner:mercenaries", "chad:state")
    assert ask(charter, event, actors=actors).violations == ()  # not a field state: chad is not
    anyone = {**charter.default_interpretations(), "field_country": "any_state"}
    report = ask(charter, event, actors=actors, settings=anyone)
    assert [(v.answer.holder, v.answer.norm) for v in report.violations] == [
        ("niger", "no_harbouring")]
    party = ask(charter, "allow_attack(niger, wagner, mali)", actors=("wagner:mercenaries",))
    assert [v.answer.norm for v in party.violations] == ["no_harbouring"]


# ---- final clauses ------------------------------------------------------------------------------

def test_denunciation_notice_binds_for_six_months(charter):
    events = ("denounce(niger) from 2024-03-15", "notify_denunciation(niger, mali) from 2024-03-15",
              "notify_denunciation(niger, burkina_faso) from 2024-03-15",
              "attack(chad, territory(mali)) from 2024-04-01")
    during = ask(charter, *events, on="2024-09-14", actors=("chad:state",))
    assert "assist(niger, mali)" in actions(during, "obliged", "assist")
    assert actions(during, "obliged", "notify_denunciation") == {
        "notify_denunciation(niger, burkina_faso)", "notify_denunciation(niger, mali)"}
    # issue 10, point 5: a denunciation never notified is not one
    unnotified = ask(charter, events[0], events[3], on="2024-09-15", actors=("chad:state",))
    assert "assist(niger, mali)" in actions(unnotified, "obliged", "assist")
    effective = ask(charter, *events, on="2024-09-15", actors=("chad:state",))
    assert "assist(niger, mali)" not in actions(effective, "obliged", "assist")
    assert actions(effective, "obliged", "assist") == {"assist(burkina_faso, mali)"}


def test_released_at_notice_interpretation(charter):
    settings = {**charter.default_interpretations(), "released_at_notice": "on"}
    report = ask(charter, "denounce(niger) from 2024-03-15", "notify_denunciation(niger, mali)",
                 "notify_denunciation(niger, burkina_faso)", on="2024-03-16", settings=settings)
    assert "fight_terrorism(niger)" not in actions(report, "obliged", "fight_terrorism")


def test_a_failure_to_notify_is_a_violation(charter):
    report = ask(charter, "denounce(niger) from 2024-03-15", on="2024-04-01",
                 failures=("notify_denunciation(niger, mali)",))
    assert [(v.answer.holder, v.answer.norm, v.evidence) for v in report.violations] == [
        ("niger", "notify_signatories", "not notify_denunciation(niger, mali)")]
    assert not report.violations[0].answer.articles[0].verified


def test_accession_needs_every_original_member(charter):
    chad = ("chad:state",)
    some = ("accession_request(chad)", "shares_realities(chad)", "accepts_objectives(chad)",
            "accession_decision(chad)", "approve_accession(mali, chad)",
            "approve_accession(niger, chad)", "attack(ecowas, territory(chad))")
    assert actions(ask(charter, *some, actors=chad), "obliged", "assist") == set()
    report = ask(charter, *some, "approve_accession(burkina_faso, chad)", actors=chad)
    assert actions(report, "obliged", "assist") == {f"assist({p}, chad)" for p in PARTIES}
    assert find(ask(charter, "accession_request(chad)", actors=chad), "permitted",
                "approve_accession(mali, chad)") is not None


def test_decisions_every_party_may_consent(charter):
    report = ask(charter, "proposed(unified_force)", actors=("unified_force:measure",))
    assert actions(report, "permitted", "consent") == {
        f"consent({p}, unified_force)" for p in PARTIES}
    assert actions(ask(charter, actors=("unified_force:measure",)), "permitted", "consent") == set()


def test_unverified_final_clauses_are_marked_in_answers(charter):
    report = ask(charter)
    answer = find(report, "permitted", "denounce(mali)")
    assert not answer.articles[0].verified
    assert "unverified" in str(answer.articles[0])


# ---- unknown facts -------------------------------------------------------------------------------

def test_an_unknown_fact_makes_the_answer_depend_on_it(charter):
    report = ask(charter, actors=("chad:state",), unknowns=("attack(chad, territory(niger))",))
    answer = find(report, "obliged", "assist(mali, niger)")
    assert answer.status == "depends"
    assert answer.depends_on == ("attack(chad, territory(niger))",)


def test_an_unknown_act_makes_the_violation_depend_on_it(charter):
    report = ask(charter, "attack(chad, territory(niger))", actors=("chad:state",),
                 unknowns=("assist(mali, niger)",))
    assert [(v.answer.holder, v.status) for v in report.violations] == [("mali", "depends")]
