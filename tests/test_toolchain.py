"""charterlogic in an engineer's toolchain: SARIF, JUnit, diagnostics as data, CI conventions."""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest
from jsonschema import Draft4Validator
from jsonschema.exceptions import best_match

from charterlogic.cli import main
from charterlogic.syntax.diagnostics import help_link
from helpers import HELPING

ROOT = Path(__file__).parent.parent
CHARTER_LINES = (ROOT / "charter.dsl").read_text("utf-8").splitlines()
BAD = """kind state
party mali "Mali"
party niger "Niger"
event attack(attacker: state, victim: state)
act assist(helper: state, victim: state)
article 1 "Defence" {
  norm help: every state q: must assist(q, nigeria) when attack(x, nigeria)
  norm second: every state q: must asist(q, mali)
}
"""


def run(*argv: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(list(argv), out, err)
    finally:
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()


@functools.cache
def literal_check(fmt: str) -> tuple[int, str, str]:
    """`check --literal --format FMT` of the shipped charter, run once per test process: several
    tests read the same output (about 7 s of CPU a run); the determinism of the output is
    tested by running it again (test_sarif_rules_link_..., test_cli.py)."""
    return run("check", "--literal", "--format", fmt)


# ---- SARIF --------------------------------------------------------------------------------------


def _sarif_errors(log: object) -> Any:
    """The most relevant error of `log` against the official SARIF 2.1.0 schema, formats
    included; None if it is valid."""
    schema = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    checker = Draft4Validator.FORMAT_CHECKER
    return best_match(Draft4Validator(schema, format_checker=checker).iter_errors(log))



def test_check_literal_sarif_validates_against_the_official_schema() -> None:
    code, out, _ = literal_check("sarif")
    assert code == 1  # the same exit code as the text output: two error findings
    log = json.loads(out)
    # formats too: a helpUri must be an absolute URI (jsonschema checks `uri` only with
    # rfc3986-validator installed, a dependency of the test extra)
    assert "uri" in Draft4Validator.FORMAT_CHECKER.checkers
    error = _sarif_errors(log)
    assert error is None, f"{error.json_path}: {error.message[:300]}"
    assert log["version"] == "2.1.0"


def test_sarif_of_check_about_names_its_actors_and_an_unfinished_run_says_so(
        tmp_path: Path) -> None:
    (tmp_path / "small.dsl").write_text(HELPING, "utf-8")
    code, out, _ = run("check", "small.dsl", "--about", "beta", "--format", "sarif", cwd=tmp_path)
    log = json.loads(out)
    assert code == 1 and _sarif_errors(log) is None
    [sarif_run] = log["runs"]
    assert sarif_run["properties"] == {"about": ["beta"]}
    assert [r["ruleId"] for r in sarif_run["results"]] == ["C001"]
    assert "beta" in sarif_run["results"][0]["message"]["text"]
    assert "invocations" not in sarif_run
    # a check the solver could not finish is an unsuccessful run (exit 3, as in text)
    code, out, _ = run("check", "small.dsl", "--format", "sarif", "--rlimit", "1", cwd=tmp_path)
    log = json.loads(out)
    assert code == 3 and _sarif_errors(log) is None
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False


def test_sarif_rules_link_to_the_shipped_errors_md_and_carry_their_help() -> None:
    _, out, _ = literal_check("sarif")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    page = resources.files("charterlogic").joinpath("docs/errors.md")
    assert page.read_text("utf-8") == (ROOT / "docs" / "errors.md").read_text("utf-8")
    assert driver["informationUri"] == Path(str(page)).absolute().as_uri()
    headings = set(page.read_text("utf-8").splitlines())
    for rule in driver["rules"]:
        uri, _, anchor = rule["helpUri"].partition("#")
        assert uri == driver["informationUri"] and anchor == rule["id"].lower()
        assert Path(url2pathname(urlparse(uri).path)).is_file()
        assert f"### {rule['id']}" in headings
        assert rule["help"]["text"].startswith(f"{rule['id']}: {rule['shortDescription']['text']}.")
        assert f"]({rule['helpUri']})" in rule["help"]["markdown"]
    # deterministic: the same bytes on every run of one installation
    assert run("check", "--literal", "--format", "sarif")[1] == out


def _line_of(norm: str) -> int:
    """The line of charter.dsl that declares `norm NAME:`, found independently of charterlogic."""
    return next(i for i, line in enumerate(CHARTER_LINES, 1)
                if line.strip().startswith(f"norm {norm}:"))


def test_sarif_results_point_at_the_norms_lines_of_charter_dsl() -> None:
    _, out, _ = literal_check("sarif")
    run_ = json.loads(out)["runs"][0]
    rules = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert rules == ["C000", "C001", "C002", "C003", "C004", "C005"]
    results = run_["results"]
    _, json_out, _ = literal_check("json")
    findings = json.loads(json_out)["findings"]
    assert [r["ruleId"] for r in results] == [f["code"] for f in findings]  # one result a finding
    for result in results:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        places = [*result["locations"], *result["relatedLocations"]]
        for place in places:
            norm = place["message"]["text"]
            physical = place["physicalLocation"]
            assert physical["artifactLocation"]["uri"] == "charter.dsl"
            line = physical["region"]["startLine"]
            assert line == _line_of(norm)
            column = physical["region"]["startColumn"]
            assert CHARTER_LINES[line - 1][column - 1:].startswith(norm)
        assert "Witness scenario: on " in result["message"]["text"]
        assert result["properties"]["witness"]["facts"]
    conflict = next(r for r in results if r["ruleId"] == "C002" and r["level"] == "error")
    assert conflict["relatedLocations"][0]["message"]["text"] == "no_force"


def test_sarif_of_a_clash_locates_each_clause_at_fault() -> None:
    code, out, _ = run("check", "tests/charters/clash.dsl", "--format", "sarif")
    assert code == 1
    result = json.loads(out)["runs"][0]["results"][0]
    assert result["ruleId"] == "C000"
    lines = (ROOT / "tests" / "charters" / "clash.dsl").read_text("utf-8").splitlines()
    for place in [*result["locations"], *result["relatedLocations"]]:
        region = place["physicalLocation"]["region"]
        assert place["message"]["text"] in lines[region["startLine"] - 1]


# ---- every finding of check carries the location of the norms it names ---------------------------


def test_every_check_finding_locates_the_norms_it_names() -> None:
    _, out, _ = literal_check("json")
    for finding in json.loads(out)["findings"]:
        assert finding["locations"], finding["code"]
        assert finding["help"] == help_link(finding["code"])
        for side in finding["sides"]:
            assert side["location"]["line"] == _line_of(side["norm"])
        named = {place["name"] for place in finding["locations"]}
        assert {side["norm"] for side in finding["sides"]} <= named
    _, text, _ = literal_check("text")
    line = _line_of("no_force")
    column = CHARTER_LINES[line - 1].index("no_force") + 1
    assert f"  --> charter.dsl:{line}:{column} (no_force)" in text
    assert "  = see docs/errors.md#c002" in text


# ---- diagnostics as data -----------------------------------------------------------------------


def test_bad_charter_with_format_json_prints_every_diagnostic_on_stdout(tmp_path: Path) -> None:
    (tmp_path / "bad.dsl").write_text(BAD, "utf-8")
    code, out, err = run("check", "bad.dsl", "--format", "json", cwd=tmp_path)
    assert code == 2 and err == ""
    data = json.loads(out)
    assert data["schema"] == "charterlogic.diagnostics/1" and data["exit_code"] == 2
    first, second = data["diagnostics"]  # every diagnostic, in source order
    assert first == {
        "code": "E101", "severity": "error", "message": "unknown name `nigeria`",
        "file": "bad.dsl", "line": 7, "column": 44, "end": {"line": 7, "column": 51},
        "suggestion": "did you mean `niger`?",
        "notes": [("an undeclared name is read as a variable; this one is too close to a "
                   "declared name to be one")],
        "help": "docs/errors.md#e101",
    }
    assert (second["code"], second["line"]) == ("E109", 8)  # `asist` is no act
    text_code, text, text_err = run("check", "bad.dsl", cwd=tmp_path)
    assert text_code == 2 and text == "" and "= see docs/errors.md#" in text_err


def test_a_misused_option_with_format_json_is_a_json_diagnostic_too() -> None:
    code, out, _ = run("query", "--format", "json", "--timeout", "nan")
    assert code == 2
    [diagnostic] = json.loads(out)["diagnostics"]
    assert diagnostic["code"] is None and "--timeout" in diagnostic["message"]


def test_bad_scenario_flag_with_format_json() -> None:
    code, out, _ = run("query", "--event", "attack(chad, territory(niger))", "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert data["diagnostics"] and all(d["code"].startswith("E") for d in data["diagnostics"])


# ---- JUnit --------------------------------------------------------------------------------------


def test_junit_report_has_one_testcase_per_scenario(tmp_path: Path) -> None:
    report = tmp_path / "out.xml"
    # two files, not the whole suite (22 s of CPU): one testsuite each, a testcase per scenario
    code, out, _ = run("test", "tests/scenarios/accession.scenario",
                       "tests/scenarios/unknown_facts.scenario", "--junit", str(report))
    assert code == 0
    root = ET.parse(report).getroot()
    assert [s.get("name") for s in root.findall("./testsuite")] == [
        "tests/scenarios/accession.scenario", "tests/scenarios/unknown_facts.scenario"]
    cases = root.findall("./testsuite/testcase")
    scenarios = int(out.strip().splitlines()[-1].split()[0])  # "17 scenarios: ..."
    assert len(cases) == scenarios == int(root.get("tests", "0"))
    first = cases[0]
    first_line = next(i for i, text in enumerate(
        (ROOT / "tests" / "scenarios" / "accession.scenario").read_text("utf-8").splitlines(), 1)
        if text.startswith("scenario "))
    assert first.get("file") == "tests/scenarios/accession.scenario"
    assert first.get("line") == str(first_line)
    assert not root.findall(".//failure")


def test_junit_failure_carries_expected_and_derived(tmp_path: Path) -> None:
    scenario = tmp_path / "wrong.scenario"
    scenario.write_text('scenario "a wrong expectation" {\n  on 2024-01-01\n'
                        '  fact attack(mali, territory(niger))\n'
                        '  expect obliged assist(mali, niger)\n}\n', "utf-8")
    report = tmp_path / "out.xml"
    code, _, _ = run("test", str(scenario), "--junit", str(report))
    assert code == 1
    [case] = ET.parse(report).getroot().findall("./testsuite/testcase")
    assert case.get("line") == "1"
    failure = case.find("failure")
    assert failure is not None
    assert "expect obliged assist(mali, niger)" in failure.get("message", "")
    assert "expected: obliged assist(mali, niger)" in (failure.text or "")
    assert "derived:" in (failure.text or "")


def test_junit_never_overwrites_without_force_nor_follows_a_link(tmp_path: Path) -> None:
    scenario = ROOT / "tests" / "scenarios" / "decisions.scenario"
    report = tmp_path / "out.xml"
    report.write_text("mine", "utf-8")
    code, _, err = run("test", str(scenario), "--junit", str(report))
    assert code == 2 and "--force" in err and report.read_text("utf-8") == "mine"
    assert run("test", str(scenario), "--junit", str(report), "--force")[0] == 0
    assert ET.parse(report).getroot().tag == "testsuites"
    target = tmp_path / "target"
    target.write_text("precious", "utf-8")
    link = tmp_path / "link.xml"
    link.symlink_to(target)
    code, _, err = run("test", str(scenario), "--junit", str(link), "--force")
    assert code == 2 and "symbolic link" in err and target.read_text("utf-8") == "precious"


# ---- CI conventions -----------------------------------------------------------------------------


def test_fail_on_warning_makes_warnings_fail_check(tmp_path: Path) -> None:
    # a charter whose only finding is a warning (a norm no scenario triggers); the shipped
    # charter, warnings and resolved conflicts only, exits 0 (test_cli.py)
    (tmp_path / "warned.dsl").write_text(HELPING.replace(
        "when attack(r, q)", "when attack(r, q) and not attack(r, q)"), "utf-8")
    code, out, _ = run("check", "warned.dsl", "--fail-on", "warning", cwd=tmp_path)
    assert code == 1 and "warning[C004]" in out and "error[" not in out
    assert run("check", "warned.dsl", "--fail-on", "error", cwd=tmp_path)[0] == 0
    assert run("check", "warned.dsl", cwd=tmp_path)[0] == 0


def test_fail_on_warning_makes_scenarios_without_expectations_fail_test(tmp_path: Path) -> None:
    empty = tmp_path / "empty.scenario"
    empty.write_text('scenario "nothing expected" {\n  on 2024-01-01\n}\n', "utf-8")
    assert run("test", str(empty))[0] == 0
    assert run("test", str(empty), "--fail-on", "warning")[0] == 1


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("charterlogic 0.")


def test_color_always_paints_severities_and_verdicts_never_and_pipes_do_not(
        tmp_path: Path) -> None:
    (tmp_path / "small.dsl").write_text(HELPING, "utf-8")  # one error finding, C001
    _, painted, _ = run("check", "small.dsl", "--color", "always", cwd=tmp_path)
    assert "\x1b[1;31merror\x1b[0m[C001]" in painted
    _, plain, _ = run("check", "small.dsl", cwd=tmp_path)  # auto, and not a terminal
    assert "\x1b[" not in plain and "error[C001]" in plain
    scenario = "tests/scenarios/decisions.scenario"
    _, verdicts, _ = run("test", scenario, "--color", "always")
    assert verdicts.startswith("\x1b[1;32mPASS\x1b[0m")
    assert "\x1b[" not in run("test", scenario, "--color", "never")[1]


@pytest.mark.parametrize("command", ["vocab", "diff"])
def test_vocab_and_diff_take_color_for_their_diagnostics(command: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.dsl"
    bad.write_text(BAD, "utf-8")
    argv = [command, str(bad)] if command == "vocab" else [command, str(bad), str(bad)]
    code, _, painted = run(*argv, "--color", "always")
    assert code == 2 and "\x1b[1;31merror\x1b[0m[E" in painted
    code, _, plain = run(*argv, "--color", "never")
    assert code == 2 and "error[E" in plain and "\x1b[" not in plain


def test_no_color_switches_auto_colour_off_even_on_a_terminal(monkeypatch) -> None:
    from charterlogic.render.color import wants_color

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_color("auto", Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_color("auto", Terminal())
    assert not wants_color("auto", io.StringIO())


def test_shell_completion_script_names_the_commands_and_flags() -> None:
    pytest.importorskip("shtab")
    done = subprocess.run([sys.executable, "-m", "charterlogic.cli", "--print-completion", "bash"],
                          capture_output=True, text=True, check=True)
    assert "charterlogic" in done.stdout and "--fail-on" in done.stdout
    assert "timeline" in done.stdout
