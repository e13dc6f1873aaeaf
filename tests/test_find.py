"""find: scenarios in which a goal holds, fewest events first, each a valid scenario file."""

from __future__ import annotations

import json
from pathlib import Path

from charterlogic import api
from charterlogic.analyses.find import witness_scenario
from helpers import Run

CHARTER = api.load_charter()


def answered(scenario, action: str, norm: str) -> bool:  # type: ignore[no-untyped-def]
    report = api.query(CHARTER, scenario)
    return any(a.action == action and a.norm == norm and a.status == "holds"
               for a in report.answers)


def test_permission_found_with_fewest_events_and_each_event_needed() -> None:
    report = api.find(CHARTER, "may use_force(mali, _, _)", limit=3)
    assert len(report.found) == 3
    sizes = [len(f.witness.facts) for f in report.found]
    assert sizes == sorted(sizes) and sizes[0] == 1
    assert len({f.witness.facts for f in report.found}) == 3
    for found in report.found:
        scenario = witness_scenario(found.witness, found.failures)
        action = found.instance.split(" may ")[1]
        assert answered(scenario, action, found.norm)
        # minimality: without any one of its events the goal no longer holds there
        for key, _ in found.witness.facts:
            facts = {k: f for k, f in scenario.facts.items() if k != key}
            smaller = type(scenario)(scenario.name, scenario.today, scenario.actors, facts,
                                     scenario.interpretations)
            assert not answered(smaller, action, found.norm)


def test_violation_of_article_8_is_shown_by_query() -> None:
    report = api.find(CHARTER, "some party violates 8", limit=2)
    assert report.found
    for found in report.found:
        result = api.query(CHARTER, witness_scenario(found.witness, found.failures))
        assert any(v.answer.norm == found.norm and v.status == "holds"
                   and v.answer.articles[0].label == 8 for v in result.violations)


def test_breached_obligation_states_the_act_not_done() -> None:
    report = api.find(CHARTER, "burkina_faso violates collective_assistance", limit=1)
    (found,) = report.found
    assert found.failures and str(found.failures[0]).startswith("assist(burkina_faso, ")
    result = api.query(CHARTER, witness_scenario(found.witness, found.failures))
    assert [v.evidence for v in result.violations] == [f"not {found.failures[0]}"]


def test_goal_without_events_is_one_scenario() -> None:
    report = api.find(CHARTER, "may denounce(mali)", limit=3)
    assert len(report.found) == 1 and report.found[0].witness.facts == ()
    assert report.exhausted


def test_saved_scenarios_are_scenario_files(run: Run, tmp_path: Path) -> None:
    argv = ["find", "must assist(mali, _)", "--limit", "2", "--save", str(tmp_path)]
    code, text, err = run(*argv)
    assert code == 0, err
    assert run(*argv, "--force")[1] == text  # the same bytes again (over the same files)
    files = sorted(tmp_path.iterdir())
    assert [f.name for f in files] == ["find-01.scenario", "find-02.scenario"]
    for path in files:
        (scenario,) = api.scenarios_from_file(CHARTER, path)
        assert any(a.norm == "collective_assistance" and a.holder == "mali"
                   for a in api.query(CHARTER, scenario).answers)


def test_json(run: Run) -> None:
    code, text, _ = run("find", "some party violates 8", "--limit", "1", "--format", "json")
    data = json.loads(text)
    assert code == 0 and data["schema"] == "charterlogic.find/2"
    assert data["scenarios"][0]["scenario_file"].startswith("on ")


def test_bad_goal(run: Run) -> None:
    code, _, err = run("find", "some party violates 2")
    assert code == 2 and "no obligation or prohibition" in err
    code, _, err = run("find", "chadd violates 8")
    assert code == 2 and "unknown party `chadd`" in err
