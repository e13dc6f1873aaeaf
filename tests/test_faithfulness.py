"""Issue 10, the second reading: the engine's side of faithfulness, point by point.

The points about the shipped charter have their scenarios in tests/scenarios/ (each names its
point in a comment); this file checks what a scenario's expectations cannot say (the readings an
answer names, explain's reasons, check's findings) and the points shown on small charters, each
with its scenario inline.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from charterlogic import api
from charterlogic.analyses.check import check_charter
from charterlogic.analyses.explain import explain
from charterlogic.analyses.goal import parse_goal
from charterlogic.analyses.query import query
from charterlogic.cli import main
from charterlogic.model import types as m
from charterlogic.model.from_syntax import resolve_charter
from charterlogic.model.scenario import load_scenarios
from charterlogic.syntax.diagnostics import CharterError
from charterlogic.syntax.parser import parse
from charterlogic.syntax.source import Source

SUITE = Path(__file__).parent / "scenarios"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def charter_of(text: str) -> m.Charter:
    source = Source("small.dsl", text)
    return resolve_charter(parse(source), source)


def scenario_of(charter: m.Charter, text: str):
    [scenario] = load_scenarios(charter, Source("small.scenario", text))
    return scenario


def suite_scenario(charter: m.Charter, file: str, name: str):
    scenarios = api.scenarios_from_file(charter, SUITE / file)
    return next(s for s in scenarios if s.name == name)


@pytest.fixture(scope="module")
def charter() -> m.Charter:
    return api.load_charter()


def steps_text(steps) -> list[str]:
    found = []
    stack = list(steps)
    while stack:
        step = stack.pop()
        found.append(step.text)
        stack.extend(step.children)
    return found


# ---- point 1: a state does not rebel -------------------------------------------------------------

def test_point_1_a_state_cannot_lead_an_armed_rebellion() -> None:
    code, _, err = run("query", "--on", "2024-01-10", "--event",
                       "rebellion(mali, niger) from 2024-01-01", "--party", "mali")
    assert code == 2
    assert "E103" in err and "armed_group" in err


def test_point_1_check_witnesses_never_show_a_state_rebelling(charter: m.Charter) -> None:
    report = api.check(charter)
    for finding in report.findings:
        for atom, _ in (finding.witness.facts if finding.witness else ()):
            if atom.predicate == "rebellion":
                assert charter.actors.get(str(atom.args[0])) is None


# ---- point 10: the final clauses -----------------------------------------------------------------

def test_point_10_no_invented_subjects_and_accession_is_art_11(charter: m.Charter) -> None:
    titles = [a.citation.title for a in charter.articles]
    assert "Settlement of disputes" not in titles and "Amendment" not in titles
    accession = next(a for a in charter.articles if a.citation.title == "Accession")
    assert (accession.citation.label, accession.citation.verified) == (11, True)
    assert str(accession.citation) == "Art. 11"
    unknown = next(a for a in charter.articles if a.citation.label == "unknown_content")
    assert "other three" in unknown.text
    _, out, _ = run("check")
    assert "Art. 11 Accession" in out and "Settlement of disputes" not in out


# ---- point 11: paragraph citations ---------------------------------------------------------------

def test_point_11_answers_cite_the_paragraph_in_text_and_json() -> None:
    args = ["query", "--on", "2024-01-10", "--event", "blockade(mali, niger, armed_forces)",
            "--party", "mali"]
    _, text, _ = run(*args)
    assert "[Art. 8(b), no_blockade]" in text
    _, out, _ = run(*args, "--format", "json")
    answer = next(a for a in json.loads(out)["answers"] if a["norm"] == "no_blockade")
    assert answer["articles"][0]["label"] == "8"
    assert answer["articles"][0]["paragraph"] == "b"
    assert answer["articles"][0]["text"] == "Art. 8(b)"


def test_point_11_a_paragraph_is_declared_inside_its_article() -> None:
    charter = charter_of("""
kind state
party alpha "Alpha"
act strike(striker: state, victim: state)
article 3 "Peace" {
  text "The parties undertake:"
  paragraph a { text "not to strike." norm no_strike: every state q: must not strike(q, r) }
}
""")
    norm = charter.norms["no_strike"]
    assert str(norm.citation) == "Art. 3(a)"
    [article] = charter.articles
    assert article.text == "The parties undertake: (a) not to strike."
    assert article.citation.paragraph is None


def test_point_11_an_unknown_paragraph_in_an_expectation_is_located(tmp_path: Path) -> None:
    path = tmp_path / "case.scenario"
    path.write_text('scenario "s" {\n  on 2024-01-10\n  expect no violation of article 8(e)\n}\n',
                    encoding="utf-8")
    code, _, err = run("test", str(path))
    assert code == 2
    assert "has no paragraph (e)" in err and "paragraphs: a, b, c, d" in err


# ---- point 12: readings with named options -------------------------------------------------------

OPTIONS = """
charter "Small" { signed 2023-09-16 }
kind state
kind armed_group
party alpha "Alpha"
actor far "Far": state
act allow(host: state, group: armed_group, victim: state)
act protect(host: state, victim: state)
interpretation field:
    parties "only the parties"
  | listed "the named states"
  | everyone "any state"
  default listed literal everyone "who is protected"
article 1 "One" {
  define listed_state(v: state) := v = alpha or v = far
  define protected(v: state) := (field = parties and signatory(v))
    or (field = listed and listed_state(v)) or field = everyone
  norm no_allow: every state q: must not allow(q, g, v) when protected(v) and v != q
  norm may_protect: every state q: may protect(q, v) when protected(v) and v != q
  norm must_protect: every state q: must protect(q, v) when field = everyone and v != q
  norm no_protect: every state q: must not protect(q, v) when field != everyone and v != q
}
"""


def test_point_12_every_option_selects_its_reading() -> None:
    charter = charter_of(OPTIONS)
    reading = charter.interpretations["field"]
    assert reading.option_names == ("parties", "listed", "everyone")
    assert (reading.default, reading.literal) == ("listed", "everyone")
    protected = {}
    for option in reading.option_names:
        scenario = scenario_of(charter, f"""scenario "s" {{
  on 2024-01-01
  actor outsider: state
  actor g: armed_group
  interpretation field {option}
}}""")
        report = query(charter, scenario)
        protected[option] = sorted(a.arguments[2] for a in report.answers
                                   if a.norm == "no_allow" and a.holder == "outsider")
        forbidding = [a for a in report.answers if a.norm == "no_allow"]
        assert all(f"field ({option})" in a.interpretations for a in forbidding)
    assert protected == {"parties": ["alpha"], "listed": ["alpha", "far"],
                         "everyone": ["alpha", "far"]}


def test_point_12_flags_select_an_option_and_refuse_a_wrong_one() -> None:
    charter = charter_of(OPTIONS)
    assert api.interpretation_settings(charter, overrides=["field=parties"])["field"] == "parties"
    assert api.interpretation_settings(charter, literal=True)["field"] == "everyone"
    with pytest.raises(CharterError) as error:
        api.interpretation_settings(charter, overrides=["field=partie"])
    [diagnostic] = error.value.diagnostics
    assert diagnostic.code == "E118"
    assert "parties, listed, everyone" in diagnostic.message
    assert diagnostic.suggestion is not None and "parties" in diagnostic.suggestion


def test_point_12_check_treats_every_option() -> None:
    charter = charter_of(OPTIONS)
    report = check_charter(charter, charter.default_interpretations())
    # must_protect and no_protect cannot both apply; may_protect against no_protect clashes only
    # under the options other than `everyone`, and must_protect applies only under `everyone`
    clash = [f for f in report.findings if f.code == "C002"]
    assert clash and all(f.severity.value == "error" for f in clash)
    dead = [f for f in report.findings if f.code == "C004"]
    assert [f.message for f in dead] == [
        "norm must_protect (Art. 1) can never apply under the interpretations in force; it can "
        "if field is switched"]
    everyone = check_charter(charter, {"field": "everyone"})
    assert [f.message.split(" (")[0] for f in everyone.findings if f.code == "C004"] == [
        "norm no_protect"]
    # the clash of may_protect with no_protect is resolved under `everyone`: the witness shows
    # the option under which it arises
    [resolved] = [f for f in everyone.findings if f.code == "C002"]
    assert resolved.resolved_by == ("field",)
    assert dict(resolved.witness.interpretations)["field"] in ("parties", "listed")


def test_point_12_a_reading_with_options_is_compared_to_one_of_them() -> None:
    with pytest.raises(CharterError) as error:
        charter_of(OPTIONS.replace("field = everyone and v != q", "field and v != q"))
    assert any(d.code == "E103" and "write `field = OPTION`" in d.message
               for d in error.value.diagnostics)
    with pytest.raises(CharterError) as error:
        charter_of(OPTIONS.replace("field = everyone and v != q", "field = everybody and v != q"))
    assert any("options: parties, listed, everyone" in " ".join(d.notes)
               for d in error.value.diagnostics)


def test_point_12_a_scenario_file_selects_an_option_and_refuses_a_wrong_one() -> None:
    charter = charter_of(OPTIONS)
    with pytest.raises(CharterError) as error:
        scenario_of(charter, 'scenario "s" {\n  on 2024-01-01\n  interpretation field all\n}')
    [diagnostic] = error.value.diagnostics
    assert diagnostic.code == "E118" and "options: parties, listed, everyone" in diagnostic.notes


# ---- point 13: every answer names every reading it rests on --------------------------------------

def test_point_13_readings_and_dates_inside_definitions_are_named(charter: m.Charter) -> None:
    scenario = suite_scenario(charter, "denunciation.scenario",
                              "issue 10, point 13: during Niger's notice, Mali must assist it")
    report = query(charter, scenario, party="mali")
    answer = next(a for a in report.answers if a.action == "assist(mali, niger)")
    assert "released_at_notice (off)" in answer.interpretations
    assert "entry_into_force_on (signature)" in answer.interpretations
    assert "denounce(niger)" in answer.triggered_by
    texts = steps_text(answer.derivation)
    assert "not (today (2025-04-01) >= date of denounce(niger) (2025-01-01) + 6 months "\
        "(2025-07-01))" in texts
    assert "interpretation released_at_notice (off)" in texts


# ---- point 14: explain's why-not blames the failing condition ------------------------------------

def test_point_14_why_not_blames_the_withdrawal(charter: m.Charter) -> None:
    scenario = suite_scenario(charter, "denunciation.scenario",
                              "issue 10, point 14: after Niger's withdrawal, Mali need not "
                              "assist it")
    report = explain(charter, scenario, parse_goal(charter, "must assist(mali, niger)",
                                                  scenario.actors))
    [explanation] = report.explanations
    texts = steps_text(explanation.derivation)
    assert "x = chad (the closest case)" in texts
    assert "not party(niger)" in texts and "withdrawn(niger)" in texts
    assert not any("excluded by the norm's own terms" in t for t in texts)


def test_point_14_why_not_blames_an_accession_that_did_not_happen(charter: m.Charter) -> None:
    scenario = suite_scenario(charter, "accession.scenario",
                              "accession approved by fewer than all: no accession")
    report = explain(charter, scenario, parse_goal(charter, "must assist(mali, chad)",
                                                  scenario.actors))
    [explanation] = report.explanations
    texts = steps_text(explanation.derivation)
    assert "x = jnim (the closest case)" in texts and "not party(chad)" in texts


# ---- point 15: query honours `assume` ------------------------------------------------------------

ASSUMING = """
charter "Small" { signed 2023-09-16 }
kind state
party alpha "Alpha"
party beta "Beta"
event crisis(state: state)
event calm(state: state)
act help(helper: state, victim: state)
assume calm_or_crisis: not (crisis(beta) and calm(beta)) "Beta is not both calm and in crisis."
article 1 "One" {
  norm helping: every state q: must help(q, p) when crisis(p) and q != p
}
"""


def test_point_15_a_scenario_that_contradicts_an_assumption_is_warned_of() -> None:
    charter = charter_of(ASSUMING)
    # issue 10, point 15: the scenario states what the charter assumes cannot be
    scenario = scenario_of(charter, """scenario "s" {
  on 2024-01-01
  fact crisis(beta)
  fact calm(beta)
}""")
    report = query(charter, scenario)
    assert [a.name for a in report.contradicted] == ["calm_or_crisis"]
    from charterlogic.render.answers import query_json, query_text
    text = query_text(charter, report)
    assert "warning: the scenario contradicts the charter's assumption `calm_or_crisis` " \
           "(small.dsl:9:8, \"Beta is not both calm and in crisis.\")" in text
    data = json.loads(query_json(charter, report))
    assert data["contradicted_assumptions"][0]["name"] == "calm_or_crisis"


def test_point_15_an_open_fact_is_decided_by_the_assumption() -> None:
    charter = charter_of(ASSUMING)
    scenario = scenario_of(charter, """scenario "s" {
  on 2024-01-01
  fact calm(beta)
  unknown crisis(beta)
}""")
    report = query(charter, scenario)
    assert report.contradicted == ()
    # crisis(beta) is open, but the assumption rules it out while Beta is calm
    assert not [a for a in report.answers if a.norm == "helping"]


# ---- point 16: incompatible acts with the same arguments -----------------------------------------

def test_point_16_incompatible_acts_with_the_same_arguments() -> None:
    charter = charter_of("""
kind state
party q1 "Q"
event promised(state: state)
event ordered(state: state)
act do_a(doer: state)
act refrain_a(doer: state)
incompatible a_or_not_a: do_a(q), refrain_a(q) "one cannot both do a and refrain from it"
article 1 "One" {
  norm must_do: every state q: must do_a(q) when promised(q)
  norm must_refrain: every state q: must refrain_a(q) when ordered(q)
}
""")
    report = check_charter(charter, {})
    [finding] = [f for f in report.findings if f.code == "C003"]
    [holder] = {side.holder for side in finding.sides}
    assert [side.action for side in finding.sides] == [f"do_a({holder})", f"refrain_a({holder})"]


# ---- point 17: contrary-to-duty triggers ---------------------------------------------------------

DUTY = """
kind state
party alpha "Alpha"
act go(x: state)
act tell(x: state)
article 1 "One" {
  norm must_go: every state x: must go(x)
  norm no_tell: every state x: must not tell(x) when not go(x)
}
"""


def test_point_17_a_duty_triggered_by_a_violation_is_a_triggered_duty() -> None:
    charter = charter_of(DUTY)
    # issue 10, point 17: `not go(alpha)` is stated: it triggers no_tell
    scenario = scenario_of(charter, 'scenario "s" {\n  on 2024-01-01\n  not go(alpha)\n}')
    report = query(charter, scenario)
    answer = next(a for a in report.answers if a.norm == "no_tell")
    assert answer.triggered_by == ("not go(alpha)",)
    from charterlogic.render.answers import query_text
    text = query_text(charter, report)
    assert "      must not tell(alpha), by no_tell [Art. 1]\n" in text
    assert "stated in the scenario as not done: go(alpha)" in text
    assert "triggered by no event (1 instances): must_go" in text


def test_point_17_without_the_statement_the_norm_stands_untriggered() -> None:
    charter = charter_of(DUTY)
    scenario = scenario_of(charter, 'scenario "s" {\n  on 2024-01-01\n}')
    answer = next(a for a in query(charter, scenario).answers if a.norm == "no_tell")
    assert answer.triggered_by == ()


# ---- point 18: a negated kind test does not narrow a variable ------------------------------------

def test_point_18_not_party_does_not_narrow_a_variable_to_states() -> None:
    charter = charter_of("""
kind state
kind armed_group
party alpha "Alpha"
act blockade(blockader: actor, victim: state)
act denounce_it(host: state, blockader: actor)
article 1 "One" {
  define party(p: state) := signatory(p)
  norm report_blockade: every state q: must denounce_it(q, x)
    when blockade(x, p) and party(p) and not party(x)
}
""")
    norm = charter.norms["report_blockade"]
    assert {v.name: v.sort for v in norm.parameters}["x"] == "actor"
    # issue 10, point 18: an armed group's blockade triggers the norm
    scenario = scenario_of(charter, """scenario "s" {
  on 2024-01-01
  actor g: armed_group
  fact blockade(g, alpha)
}""")
    actions = {a.action for a in query(charter, scenario).answers}
    assert "denounce_it(alpha, g)" in actions
