"""`charterlogic test`: scenario files with expectations, checked against the real query answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charterlogic import api
from charterlogic.syntax import ast
from charterlogic.syntax.parser import parse
from charterlogic.syntax.source import Source
from helpers import Run

SUITE = Path(__file__).parent / "scenarios"


def write(tmp_path: Path, text: str, name: str = "case.scenario") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CHAD_ATTACKS = """scenario "Chad attacks Niger" {
  on 2024-01-01
  actor chad: state
  fact attack(chad, territory(niger))
%s
}
"""


@pytest.mark.slow
def test_one_line_per_scenario(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, CHAD_ATTACKS % "  expect obliged assist(mali, niger)")
    code, out, _ = run("test", str(path))
    assert code == 0
    assert out.splitlines()[0] == (f"PASS    {path}:1  Chad attacks Niger  (1 expectation)")


def test_a_failure_shows_expected_beside_derived_with_derivation_and_articles(run: Run,
        tmp_path: Path) -> None:
    path = write(tmp_path, CHAD_ATTACKS % "  expect not obliged assist(mali, niger)\n"
                                         "  expect obliged assist(niger, niger)")
    code, out, _ = run("test", str(path))
    assert code == 1
    assert out.startswith(f"FAIL    {path}:1  Chad attacks Niger  (2 expectations)\n")
    assert f"{path}:5:3: expect not obliged assist(mali, niger)" in out
    assert "expected: not obliged assist(mali, niger)" in out
    assert "derived:  obliged assist(mali, niger)  [Art. 6, collective_assistance]" in out
    assert "because (collective_assistance; articles: Art. 6, Art. 1" in out
    assert "- fact attack(chad, territory(niger))" in out
    assert "expected: obliged assist(niger, niger)" in out
    assert "derived:  not obliged assist(niger, niger): no norm applies" in out
    assert out.endswith("1 scenario: 0 passed, 1 failed\n")


@pytest.mark.parametrize("expectation, passes", [
    ("expect obliged assist(mali, niger)", True),
    ("expect obliged assist(mali, niger) depends on threat(chad, mali)", False),
    ("expect permitted assist(mali, niger)", False),
    ("expect forbidden assist(mali, niger)", False),
    ("expect not forbidden assist(mali, niger)", True),
    ("expect obliged settle(mali, chad, mali)", False),
    ("expect obliged settle(mali, chad, mali) depends on threat(chad, mali)", True),
    ("expect not obliged settle(mali, chad, mali)", False),
    ("expect violation by mali of collective_assistance", False),
    ("expect no violation", True),
    ("expect nothing else obliged for niger", False),
    ("expect nothing else permitted for mali", False),
    ("expect nothing else forbidden", True),
    # `triggered by`: the duty to assist Niger rests on Chad's attack
    ("expect obliged assist(mali, niger) triggered by attack(chad, territory(niger))", True),
    ("expect obliged settle(mali, chad, mali) depends on threat(chad, mali) "
     "triggered by attack(chad, territory(niger))", False),
])
def test_expectations_are_checked_against_the_query(run: Run,
        tmp_path: Path, expectation: str, passes: bool) -> None:
    text = CHAD_ATTACKS % f"  unknown threat(chad, mali)\n  {expectation}"
    code, out, _ = run("test", str(write(tmp_path, text)))
    assert (code, out.startswith("PASS")) == ((0, True) if passes else (1, False))


def test_violations_by_party_norm_and_article(run: Run, tmp_path: Path) -> None:
    lines = "\n".join([
        "  not assist(mali, niger)",
        "  unknown assist(burkina_faso, niger)",
        "  expect violation by mali",
        "  expect violation by mali of collective_assistance",
        "  expect violation by mali of article 6",
        "  expect no violation by mali of article 8",
        "  expect violation by burkina_faso depends on assist(burkina_faso, niger)",
        "  expect no violation by niger",
    ])
    code, out, _ = run("test", str(write(tmp_path, CHAD_ATTACKS % lines)))
    assert (code, out.splitlines()[0][:4]) == (0, "PASS")


def test_nothing_else_lists_the_unexpected_answers(run: Run, tmp_path: Path) -> None:
    text = CHAD_ATTACKS % "  expect obliged assist(mali, niger)\n  expect nothing else obliged"
    code, out, _ = run("test", str(write(tmp_path, text)))
    assert code == 1
    assert "derived:  also obliged assist(burkina_faso, niger)  [Art. 6, collective_assistance]" \
        in out


@pytest.mark.parametrize("line, code, message", [
    ("expect obliged asist(mali, niger)", "E104", "did you mean `assist`?"),
    ("expect obliged assist(mail, niger)", "E101", "did you mean `mali`?"),
    ("expect obliged attack_x(chad)", "E104", "unknown predicate"),
    ("expect obliged threat(chad, mali)", "E120", "is not an act"),
    ("expect violation by mail", "E101", "did you mean `mali`?"),
    ("expect violation by mali of colective_assistance", "E101",
     "did you mean `collective_assistance`?"),
    ("expect violation by mali of article 2", "E122", "Art. 2 holds no norm"),
    ("expect violation by mali of article 99", "E101", "no article `99`"),
    ("expect obliged assist(mali, niger) depends on threat(chad, mali)", "E121",
     "add `unknown threat(chad, mali)` to the scenario"),
    ("expect oblige assist(mali, niger)", "E001", "unexpected"),
    ("expect obliged assist(mali, niger) triggered by not assist(burkina_faso, niger)", "E121",
     "add `not assist(burkina_faso, niger)` to the scenario"),
    ("expect obliged assist(mali, niger) triggered by attack(chad, territory(mali))", "E121",
     "add `fact attack(chad, territory(mali))` to the scenario"),
])
def test_bad_expectations_are_located_input_errors(run: Run,
        tmp_path: Path, line: str, code: str, message: str) -> None:
    path = write(tmp_path, CHAD_ATTACKS % f"  {line}")
    exit_code, out, err = run("test", str(path))
    assert (exit_code, out) == (2, "")
    assert err.startswith(f"{path}:5:")
    assert f"[{code}]" in err and message in err
    assert "Traceback" not in err


def test_every_bad_file_is_reported_at_once(run: Run, tmp_path: Path) -> None:
    write(tmp_path, CHAD_ATTACKS % "  expect obliged asist(mali, niger)", "a.scenario")
    write(tmp_path, 'article 1 "x" { }\n', "b.scenario")
    code, _, err = run("test", str(tmp_path))
    assert code == 2
    assert "a.scenario:5:" in err and "b.scenario:1:" in err and "E119" in err


def test_missing_path_is_an_input_error(run: Run, tmp_path: Path) -> None:
    assert run("test", str(tmp_path / "nowhere"))[0] == 2


def test_json_results(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, CHAD_ATTACKS % "  expect obliged assist(mali, niger)\n"
                                         "  expect not permitted use_force(mali, chad, "
                                         "inside_alliance_area)")
    code, out, _ = run("test", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["schema"] == "charterlogic.test/2"
    assert data["summary"] == {"pass": 0, "fail": 1, "empty": 0, "unknown": 0}
    [scenario] = data["scenarios"]
    assert (scenario["file"], scenario["line"], scenario["status"]) == (str(path), 1, "fail")
    first, second = scenario["expectations"]
    assert (first["passed"], second["passed"]) == (True, False)
    assert (second["line"], second["column"]) == (6, 3)
    [answer] = second["answers"]
    assert answer["norm"] == "collective_force"
    assert answer["articles"][0]["text"] == "Art. 6"
    assert answer["derivation"]


SMALL_CHARTER = """charter "Small" {
  signed 2023-09-16
}
kind state
party alpha "Alpha"
event crisis(state: state)
act help(helper: state, victim: state)
article 1 "One" {
  norm helping: every state q: must help(q, p) when crisis(p) and q != p
}
"""

SMALL_SUITE = """# charter: small/charter.dsl
scenario "a crisis of Beta" {
  on 2024-01-01
  actor beta: state
  fact crisis(beta)
  expect obliged help(alpha, beta) triggered by crisis(beta)
}
"""


def test_a_scenario_file_is_read_against_the_charter_it_names(run: Run, tmp_path: Path) -> None:
    (tmp_path / "small").mkdir()
    write(tmp_path, SMALL_CHARTER, "small/charter.dsl")
    own = write(tmp_path, SMALL_SUITE, "own.scenario")
    shipped = write(tmp_path, CHAD_ATTACKS % "  expect obliged assist(mali, niger)")
    code, out, err = run("test", str(own), str(shipped))
    assert (code, err) == (0, "")
    first, second = out.splitlines()[:2]
    assert first.startswith("PASS") and first.endswith(f"; charter {tmp_path}/small/charter.dsl)")
    assert second.startswith("PASS") and "charter" not in second
    code, out, _ = run("test", str(own), str(shipped), "--format", "json")
    data = json.loads(out)
    assert data["scenarios"][0]["charter"]["title"] == "Small"
    assert "charter" not in data["scenarios"][1]


def test_coverage_and_mutation_leave_out_the_files_of_another_charter(
        run: Run, tmp_path: Path) -> None:
    (tmp_path / "small").mkdir()
    write(tmp_path, SMALL_CHARTER, "small/charter.dsl")
    own = write(tmp_path, SMALL_SUITE, "own.scenario")
    code, out, err = run("test", "--coverage", str(own))
    assert (code, out) == (2, "")
    assert "no scenario of the suite is read against the charter measured" in err
    # a small charter measured (coverage of the shipped one would diff its every reading): the
    # file that names it is kept, the one that names another is left out
    write(tmp_path, SMALL_CHARTER.replace('"Small"', '"Other"'), "other.dsl")
    plain = write(tmp_path, SMALL_SUITE.replace("# charter: small/charter.dsl\n", ""),
                  "plain.scenario")
    code, out, err = run("test", "--coverage", "--charter", str(tmp_path / "small/charter.dsl"),
                         str(own), str(plain))
    assert (code, err) == (1, "")  # 1: no scenario sees the norm silent, a coverage gap
    assert "by 2 scenarios" in out
    code, out, err = run("test", "--coverage", "--charter", str(tmp_path / "other.dsl"),
                         str(own), str(plain))
    assert code == 1
    assert err == f"left out: 1 file that names another charter ({own})\n"
    assert "by 1 scenario " in out and "helping" in out


ENGINE = SUITE / "engine"


def test_a_finding_expectation_passes_on_check_s_finding_and_fails_without_it(
        run: Run, tmp_path: Path) -> None:
    shipped = ENGINE / "same_arguments.scenario"
    code, out, err = run("test", str(shipped), "--format", "json")
    assert (code, err) == (0, "")
    [case] = json.loads(out)["scenarios"]
    finding = next(e for e in case["expectations"] if e["text"].startswith("expect finding"))
    [c003] = finding["findings"]
    assert c003["code"] == "C003" and [x["name"] for x in c003["locations"]] == [
        "keep_promise", "obey_order"]
    assert finding["derived"] == [f"C003: {c003['message']}  [Art. 1, keep_promise; Art. 2, "
                                  "obey_order]"]
    assert "findings" not in case["expectations"][0]  # a query expectation has none
    # the wrong code, and `no finding` of the clashing pair, fail with check's words
    (tmp_path / "same_arguments.dsl").write_bytes((ENGINE / "same_arguments.dsl").read_bytes())
    wrong = write(tmp_path, shipped.read_text("utf-8").replace(
        "expect finding C003", "expect finding C001").replace(
        "expect no finding of keep_promise\n", "expect no finding of obey_order, keep_promise\n"))
    code, out, _ = run("test", str(wrong))
    assert code == 1
    assert out.count("derived:  C003: Alpha is obliged to do_a(alpha) (Art. 1) and to "
                     "refrain_a(alpha) (Art. 2), which cannot both be done (a_or_not_a: one "
                     "cannot both do a and refrain from it)") == 2
    # a norm alone that check says nothing of
    dead = write(tmp_path, shipped.read_text("utf-8").replace(
        "expect no finding of obey_order", "expect finding C004 of obey_order"))
    code, out, _ = run("test", str(dead))
    assert code == 1
    assert "derived:  no finding of check is about obey_order\n" in out


@pytest.mark.parametrize(("line", "code", "message"), [
    ("expect finding C005 of collective_assistance", "E125",
     "`C005` (vocabulary no clause uses) is not a finding about norms"),
    ("expect finding C03 of collective_assistance, no_force", "E125", "did you mean `C003`?"),
    ("expect no finding of colective_assistance", "E101",
     "did you mean `collective_assistance`?"),
])
def test_bad_finding_expectations_are_located(run: Run, tmp_path: Path, line: str, code: str,
                                              message: str) -> None:
    path = write(tmp_path, CHAD_ATTACKS % f"  {line}")
    status, out, err = run("test", str(path))
    assert (status, out) == (2, "")
    assert f"error[{code}]" in err and message in err
    if "C005" in line:  # a code of check, though not about norms, is no misspelling of C004
        assert "did you mean" not in err


def test_a_named_charter_that_does_not_exist_is_located(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "# charter: nowhere.dsl\n" + CHAD_ATTACKS % "")
    code, out, err = run("test", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}:1:12: error[E011]: no such charter file: {tmp_path}/nowhere.dsl")


@pytest.mark.slow
def test_the_same_run_twice_is_byte_identical(run: Run) -> None:
    path = str(SUITE / "art06_collective_defence.scenario")
    assert run("test", path, "--format", "json") == run("test", path, "--format", "json")
    assert run("test", path) == run("test", path)


def test_witness_files_load_as_scenario_files(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "witnesses"
    assert run("check", "--save-witness", str(folder))[0] in (0, 1)
    files = sorted(folder.glob("*.scenario"))
    assert files
    charter = api.load_charter()
    suite = api.load_suite(charter, [folder])
    assert len(suite.cases) == len(files)
    code, out, _ = run("test", str(folder))
    assert code == 0
    assert out.endswith(f"0 passed, 0 failed, {len(files)} without expectations\n")
    # a witness completed with an expectation is a test like any other
    report = api.query(charter, suite.cases[0].scenario)
    answer = report.answers[0]
    text = files[0].read_text(encoding="utf-8").rstrip().removesuffix("}")
    files[0].write_text(text + f"  expect {answer.modality.value} {answer.action}\n}}\n")
    code, out, _ = run("test", str(files[0]))
    assert (code, out.splitlines()[0][:4]) == (0, "PASS")


def test_default_path_is_tests_scenarios(run: Run, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # without tests/scenarios here, the packaged suite runs: the test below
    (tmp_path / "tests" / "scenarios").mkdir(parents=True)
    write(tmp_path / "tests" / "scenarios", CHAD_ATTACKS % "  expect obliged assist(mali, niger)")
    assert run("test")[0] == 0


def test_expectations_parse_to_ast_nodes() -> None:
    text = CHAD_ATTACKS % "\n".join([
        "  expect obliged assist(mali, niger)",
        "  expect not forbidden attack(mali, territory(niger))",
        ("  expect permitted use_force(mali, chad, inside_alliance_area) depends on "
         "threat(chad, mali), rebellion(chad, mali)"),
        "  expect violation by mali of article 6",
        "  expect no violation by niger of no_aggression",
        "  expect violation by mali",
        "  expect nothing else obliged for mali",
        "  expect nothing else",
    ])
    [scenario] = parse(Source("case.scenario", text)).declarations
    atom = ast.Atom("assist", (ast.Name("mali"), ast.Name("niger")))
    threat = ast.Atom("threat", (ast.Name("chad"), ast.Name("mali")))
    rebellion = ast.Atom("rebellion", (ast.Name("chad"), ast.Name("mali")))
    force = ast.Atom("use_force", (ast.Name("mali"), ast.Name("chad"),
                                   ast.Name("inside_alliance_area")))
    attack = ast.Atom("attack", (ast.Name("mali"), ast.Applied("territory", (ast.Name("niger"),))))
    assert scenario.expectations == (
        ast.ExpectNorm(True, "obliged", atom),
        ast.ExpectNorm(False, "forbidden", attack),
        ast.ExpectNorm(True, "permitted", force, (threat, rebellion)),
        ast.ExpectViolation(True, "mali", article=6),
        ast.ExpectViolation(False, "niger", norm="no_aggression"),
        ast.ExpectViolation(True, "mali"),
        ast.ExpectNothingElse("obliged", "mali"),
        ast.ExpectNothingElse(None, None),
    )


def test_query_reads_a_scenario_file_with_expectations(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, CHAD_ATTACKS % "  expect obliged assist(mali, niger)")
    code, out, _ = run("query", "--scenario", str(path))
    assert code == 0
    assert "must assist(mali, niger), by collective_assistance [Art. 6]" in out


def test_test_outside_the_repository_runs_the_packaged_suite(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    # the packaged suite is tests/scenarios (a link in the source tree, a copy in a wheel), so
    # this is also the one run of the whole shipped suite through the CLI: it passes and is
    # large enough (the pytest plugin runs each of its scenarios as an item too)
    monkeypatch.chdir(tmp_path)
    code, out, err = run("test")
    assert code == 0, out
    assert "running the shipped charter's own suite" in err
    assert f"no tests/scenarios in {tmp_path}" in err
    lines = out.splitlines()
    scenarios = [line for line in lines if line.startswith("PASS")]
    assert len(scenarios) >= 60
    assert lines[-1] == f"{len(scenarios)} scenarios: {len(scenarios)} passed, 0 failed"
    assert any("engine/same_arguments.scenario" in line for line in scenarios)


def test_test_outside_the_repository_with_another_charter_says_where_it_looked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    charter = tmp_path / "other.dsl"
    charter.write_text(Path("charter.dsl").read_text("utf-8"), "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("test", "--charter", str(charter))
    assert code == 2 and out == ""
    assert f"there is no tests/scenarios folder in {tmp_path}" in err
    assert "charterlogic test --charter" in err and "PATH [PATH ...]" in err
