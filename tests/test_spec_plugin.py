"""The pytest plugin: plain `pytest` collects scenario files, with -k, -x and --junitxml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

SCENARIOS = """scenario "Chad attacks Niger" {
  on 2024-01-01
  actor chad: state
  fact attack(chad, territory(niger))
  expect obliged assist(mali, niger)
}

scenario "a wrong expectation" {
  on 2024-01-01
  actor chad: state
  fact attack(chad, territory(niger))
  expect not obliged assist(mali, niger)
}

scenario "a witness without expectations" {
  on 2024-01-01
}
"""


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run pytest in `folder`; without a pytest.ini there, one that opts the folder in."""
    if not (folder / "pytest.ini").exists():
        (folder / "pytest.ini").write_text("[pytest]\ncharterlogic_scenarios = .\n", "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", *args],
        cwd=folder, capture_output=True, text=True, timeout=120, check=False)


def test_scenario_files_are_collected_one_item_per_scenario(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "spec.scenario").write_text(SCENARIOS, encoding="utf-8")
    result = pytest_in(tmp_path, "--junitxml", "report.xml")
    assert result.returncode == 1
    assert "1 failed, 1 passed, 1 skipped" in result.stdout
    assert "FAIL    tests/spec.scenario:8  a wrong expectation  (1 expectation)" in result.stdout
    assert "expected: not obliged assist(mali, niger)" in result.stdout
    assert "derived:  obliged assist(mali, niger)  [Art. 6, collective_assistance]" \
        in result.stdout
    assert "- fact attack(chad, territory(niger))" in result.stdout
    assert "SKIPPED [1] tests/spec.scenario:15: no expectations" in result.stdout
    cases = ElementTree.parse(tmp_path / "report.xml").getroot().iter("testcase")
    outcomes = {case.get("name"): [child.tag for child in case] for case in cases}
    assert outcomes == {"Chad attacks Niger": [], "a wrong expectation": ["failure"],
                        "a witness without expectations": ["skipped"]}


@pytest.mark.slow
def test_k_selects_and_x_stops(tmp_path: Path) -> None:
    (tmp_path / "spec.scenario").write_text(SCENARIOS, encoding="utf-8")
    selected = pytest_in(tmp_path, "-k", "Chad")
    assert selected.returncode == 0
    assert "1 passed, 2 deselected" in selected.stdout
    stopped = pytest_in(tmp_path, "-x", "-k", "wrong or witness")
    assert stopped.returncode == 1
    assert "1 failed" in stopped.stdout and "skipped" not in stopped.stdout


@pytest.mark.slow
def test_a_bad_scenario_file_is_a_located_collection_error(tmp_path: Path) -> None:
    (tmp_path / "bad.scenario").write_text(
        SCENARIOS.replace("assist(mali, niger)\n}\n\nscenario \"a wrong",
                          "asist(mali, niger)\n}\n\nscenario \"a wrong"), encoding="utf-8")
    result = pytest_in(tmp_path)
    assert result.returncode == 2
    assert "bad.scenario:5:18: error[E104]: unknown predicate `asist`" in result.stdout
    assert "did you mean `assist`?" in result.stdout
    assert "Traceback" not in result.stdout


@pytest.mark.slow
def test_the_charter_can_be_set_in_the_ini_file(tmp_path: Path) -> None:
    (tmp_path / "mini.dsl").write_text(
        'charter "Mini" { signed 2020-01-01 in_force 2020-01-01 }\n'
        'kind state "a state"\nparty a "A"\nact rest(who: state)\n'
        'article 1 "Rest" { define party(q: state) := signatory(q)\n'
        '  norm may_rest: every party q: may rest(q) }\n', encoding="utf-8")
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\ncharterlogic_charter = mini.dsl\ncharterlogic_scenarios = .\n",
        encoding="utf-8")
    (tmp_path / "mini.scenario").write_text(
        'scenario "a may rest" {\n  on 2024-01-01\n  expect permitted rest(a)\n}\n',
        encoding="utf-8")
    result = pytest_in(tmp_path)
    assert result.returncode == 0
    assert "1 passed" in result.stdout


pytest_plugins = ["pytester"]

# on a quiet day no one must assist: PASSING passes, FAILING fails, wherever they are collected
PASSING = 'scenario "quiet" {\n  on 2024-01-01\n  expect not obliged assist(mali, niger)\n}\n'
FAILING = PASSING.replace("not obliged", "obliged")


def test_a_stray_scenario_file_of_an_unrelated_project_is_not_collected(pytester) -> None:
    pytester.makefile(".scenario", stray=FAILING)
    pytester.makepyfile(test_mine="def test_mine():\n    assert True\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)  # the project's own test only: no scenario item, no failure
    assert "collected 1 item" in result.stdout.str()
    assert "stray.scenario" not in result.stdout.str()


def test_scenarios_are_collected_under_the_configured_paths_only(pytester) -> None:
    pytester.makeini("[pytest]\ncharterlogic_scenarios = spec\n")
    (pytester.path / "spec").mkdir()
    (pytester.path / "spec" / "wanted.scenario").write_text(PASSING, "utf-8")
    (pytester.path / "other").mkdir()
    (pytester.path / "other" / "stray.scenario").write_text(FAILING, "utf-8")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v")
    assert "wanted.scenario::quiet PASSED" in result.stdout.str()
    assert "stray.scenario" not in result.stdout.str()
    result.assert_outcomes(passed=1)


def test_without_the_option_testpaths_decide(pytester) -> None:
    pytester.makeini("[pytest]\ntestpaths = checks\n")
    (pytester.path / "checks").mkdir()
    (pytester.path / "checks" / "wanted.scenario").write_text(PASSING, "utf-8")
    pytester.makefile(".scenario", stray=FAILING)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=1)
    # a scenario file named on the command line is collected wherever it is
    named = pytester.runpytest_subprocess("-p", "no:cacheprovider", "stray.scenario")
    named.assert_outcomes(failed=1)
