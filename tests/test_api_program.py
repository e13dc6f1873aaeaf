"""The typed API: scenario flags by their CLI names, one JSON form per report, docs/api.md's
program."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from charterlogic import api, schemas
from charterlogic.cli import main
from charterlogic.syntax.diagnostics import CharterError

ROOT = Path(__file__).parent.parent
ATTACK = "attack(chad, territory(niger))"


def test_the_program_of_docs_api_md_prints_what_the_page_shows() -> None:
    page = (ROOT / "docs" / "api.md").read_text("utf-8")
    program = re.search(r"```python\n(.*?)```", page, re.DOTALL)
    shown = re.search(r"It prints.*?```text\n(.*?)```", page, re.DOTALL)
    assert program and shown
    assert len(program.group(1).strip().splitlines()) <= 10
    done = subprocess.run([sys.executable, "-c", program.group(1)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout == shown.group(1)


def test_scenario_keywords_are_the_cli_flags() -> None:
    charter = api.load_charter()
    scenario = api.scenario_from_flags(charter, event=ATTACK, actor="chad:state",
                                       not_=["assist(mali, niger)"], on="2024-01-01")
    by_flags = api.scenario_from_flags(charter, event=[ATTACK], actor=["chad:state"],
                                       not_="assist(mali, niger)", on="2024-01-01")
    assert scenario == by_flags
    assert {str(k): f.status for k, f in scenario.facts.items()} == {
        ATTACK: "true", "assist(mali, niger)": "false"}
    literal = api.scenario_from_flags(charter, event=ATTACK, actor="chad:state", literal=True,
                                      interpretation="rebellion_is_attack=on")
    assert literal.interpretations["rebellion_is_attack"] == "on"
    assert literal.interpretations == {
        **api.interpretation_settings(charter, literal=True), "rebellion_is_attack": "on"}
    with pytest.raises(TypeError):
        api.scenario_from_flags(charter, events=[ATTACK])  # type: ignore[call-arg]
    with pytest.raises(CharterError) as bad:
        api.scenario_from_flags(charter, event="attack(chad, territory(nigeria))")
    assert str(bad.value).startswith("--event:1:")


def test_as_json_is_what_the_cli_prints_for_every_report(tmp_path: Path) -> None:
    charter = api.load_charter()
    scenario = api.scenario_from_flags(charter, event=ATTACK, actor="chad:state",
                                       on="2024-01-01")
    suite = "tests/scenarios/decisions.scenario"
    versions = [str(ROOT / "tests" / "charters" / "diff" / f"{v}.dsl") for v in ("v1", "v2")]
    reports = {
        "check": (api.check(charter), ["check"]),
        "query": (api.query(charter, scenario), ["query", "--event", ATTACK, "--actor",
                                                 "chad:state", "--on", "2024-01-01"]),
        "explain": (api.explain(charter, scenario, "must assist(mali, niger)"),
                    ["explain", "must assist(mali, niger)", "--event", ATTACK, "--actor",
                     "chad:state", "--on", "2024-01-01"]),
        "find": (api.find(charter, "may use_force(mali, _, _)"),
                 ["find", "may use_force(mali, _, _)"]),
        "timeline": (api.timeline(charter, scenario), ["timeline", "--event", ATTACK,
                                                       "--actor", "chad:state", "--on",
                                                       "2024-01-01"]),
        "test": (api.run_suite(charter, api.load_suite(charter, [ROOT / suite])),
                 ["test", str(ROOT / suite)]),
        "diff": (api.diff(*(api.load_version(v) for v in versions)), ["diff", *versions]),
    }
    for name, (report, argv) in reports.items():
        data = api.as_json(report)
        assert isinstance(data, dict) and data["schema"] == schemas.schema_id(name)
        out = io.StringIO()
        main([*argv, "--format", "json"], out, io.StringIO())
        assert data == json.loads(out.getvalue()), name
    with pytest.raises(TypeError):
        api.as_json(charter)  # type: ignore[arg-type]
