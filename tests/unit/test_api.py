"""The public face: `charterlogic` re-exports the API, which loads text, runs the suite and
refuses a charter whose assumptions clash, whichever call is made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import charterlogic
from charterlogic import api
from charterlogic.smt.solver import Result

CHARTERS = Path(__file__).parent.parent / "charters"
CLASH = CHARTERS / "clash.dsl"
SCENARIOS = Path(__file__).parent.parent / "scenarios"

SMALL = """charter "Small" { signed 2020-01-01 in_force 2020-01-01 }
kind state "a state"
party a "A"
party b "B"
event attacked(victim: state)
act help(helper: state, victim: state) "{helper} helps {victim}"
article 1 "Help" {
  text "Each party helps a party that is attacked."
  define party(q: state) := signatory(q)
  norm help_duty: every party q other than p: must help(q, p) when attacked(p) and party(p)
}
"""


def test_the_package_re_exports_the_api() -> None:
    assert charterlogic.__all__ == api.__all__
    for name in api.__all__:
        assert getattr(charterlogic, name) is getattr(api, name), name
    with pytest.raises(AttributeError):
        _ = charterlogic.no_such_name  # type: ignore[attr-defined]


def test_importing_the_package_loads_nothing_heavy() -> None:
    code = ("import sys, charterlogic; print(sorted(m for m in sys.modules"
            " if m.startswith(('charterlogic.', 'z3', 'lark'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_load_charter_text_is_load_charter_on_a_file(tmp_path: Path) -> None:
    path = tmp_path / "small.dsl"
    path.write_text(SMALL, encoding="utf-8")
    from_file = api.load_charter(path)
    from_text = api.load_charter_text(SMALL.replace("\n", "\r\n"), str(path))
    assert from_text == from_file
    assert list(from_text.norms) == ["help_duty"]


def test_load_charter_text_reports_problems_in_the_named_file() -> None:
    with pytest.raises(api.CharterError) as error:
        api.load_charter_text(SMALL.replace("attacked(p) and", "atacked(p) and"), "mine.dsl")
    assert str(error.value).startswith("mine.dsl:10:")
    assert "did you mean `attacked`?" in str(error.value)


def test_every_analysis_refuses_a_charter_whose_assumptions_clash() -> None:
    charter = api.load_charter(CLASH)
    assert api.clash(charter).result is Result.UNSAT  # the one call that answers: the clash
    scenario = api.scenario_from_flags(charter, on="2024-06-01")
    calls = {
        "check": lambda: api.check(charter),
        "query": lambda: api.query(charter, scenario),
        "explain": lambda: api.explain(charter, scenario, "must assist(alpha, beta)"),
        "find": lambda: api.find(charter, "must assist(alpha, beta)"),
        "timeline": lambda: api.timeline(charter, scenario),
    }
    for name, call in calls.items():
        with pytest.raises(api.ClashError) as refused:
            call()
        assert refused.value.report.result is Result.UNSAT, name
        assert {p.name for p in refused.value.report.parts} >= {"beta_attacked", "peace"}, name


def test_the_suite_refuses_a_clashing_charter_too(tmp_path: Path) -> None:
    charter = api.load_charter(CLASH)
    path = tmp_path / "one.scenario"
    path.write_text('scenario "one" {\n  on 2024-06-01\n  expect no violation\n}\n',
                    encoding="utf-8")
    suite = api.load_suite(charter, [path])
    with pytest.raises(api.ClashError):
        api.run_suite(charter, suite)


def test_the_suite_coverage_and_mutation_through_the_api(tmp_path: Path) -> None:
    charter = api.load_charter_text(SMALL, "small.dsl")
    path = tmp_path / "small.scenario"
    path.write_text('scenario "b is attacked" {\n  on 2024-01-01\n  fact attacked(b)\n'
                    '  expect obliged help(a, b)\n}\n'
                    'scenario "nothing happens" {\n  on 2024-01-01\n'
                    '  expect not obliged help(a, b)\n}\n', encoding="utf-8")
    suite = api.load_suite(charter, [path])
    results = api.run_suite(charter, suite)
    assert [r.status for r in results] == ["pass", "pass"]
    table = api.coverage(charter, results)
    assert table.uncovered() == []
    report = api.mutation(charter, suite, results)
    assert report.killed and all(by.startswith(str(path)) for _, by in report.killed)
