"""timeline: the intervals in which each norm holds, from dated events."""

from __future__ import annotations

import json
from pathlib import Path

from charterlogic import api
from charterlogic.analyses.timeline import change_points, real_day
from charterlogic.model import types as m
from helpers import Run

CHARTER = api.load_charter()
FILE = Path(__file__).parent.parent / "docs" / "examples" / "timeline_denunciation.scenario"


def intervals(report, norm: str, action: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    (line,) = [x for x in report.lines if x.norm == norm and x.action == action]
    return [(m.number_date(i.start), m.number_date(i.end) if i.end else None)
            for i in line.intervals]


def test_denunciation_ends_a_duty_after_six_months() -> None:
    (scenario,) = api.scenarios_from_file(CHARTER, FILE)
    report = api.timeline(CHARTER, scenario)
    assert "2024-09-15" in [m.number_date(p) for p in report.points]  # notice + 6 months
    assert intervals(report, "collective_assistance", "assist(mali, niger)") == [
        ("2024-02-10", "2024-03-01")]
    assert intervals(report, "collective_assistance", "assist(burkina_faso, niger)") == [
        ("2024-02-10", "2024-03-01"), ("2024-10-01", None)]
    assert intervals(report, "notify_signatories", "notify_denunciation(mali, niger)") == [
        ("2024-03-15", "2024-09-15")]
    # each interval agrees with a plain query on a day inside it, and the day before it differs
    for day, holds in (("2024-02-29", True), ("2024-03-01", False), ("2024-09-14", False)):
        answers = api.query(CHARTER, type(scenario)(
            scenario.name, m.parse_date(day), scenario.actors, scenario.facts,
            scenario.interpretations)).answers
        assert any(a.action == "assist(mali, niger)" for a in answers) is holds, day


def test_change_points_are_real_days() -> None:
    assert real_day(20250231) == 20250301
    assert real_day(20240229) == 20240229
    (scenario,) = api.scenarios_from_file(CHARTER, FILE)
    assert all(real_day(p) == p for p in change_points(CHARTER, scenario))


def test_cli_text_and_json(run: Run) -> None:
    code, out, err = run("timeline", "--scenario", str(FILE))
    assert code == 0, err
    assert "Mali MUST assist Niger, individually or collectively, including by armed force " \
           "(Art. 6)\n    must assist(mali, niger), by collective_assistance\n" \
           "    from 10 February 2024 until 1 March 2024\n" in out
    code, out, err = run("timeline", "--scenario", str(FILE), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "charterlogic.timeline/2"
    assert "2024-09-15" in data["change_points"]


def test_timeline_party_lists_only_its_norms_and_days_on_which_something_changes(
        run: Run) -> None:
    code, out, _ = run("timeline", "--scenario", str(FILE), "--party", "mali", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["party"] == "mali"
    assert {n["holder"] for n in data["norms"]} == {"mali"}
    # 2024-08-10 (the first attack plus six months) is examined, but nothing changes on it
    assert "2024-08-10" in data["examined_days"] and "2024-08-10" not in data["change_points"]
    days = {i[key] for n in data["norms"] for i in n["intervals"] for key in ("from", "until")}
    assert set(data["change_points"]) == days - {None}
