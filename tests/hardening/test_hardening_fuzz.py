"""Fuzzing, with a bounded budget: whatever the input, the tool answers or explains.

Property: every input either loads, or raises CharterError whose diagnostics all have a location;
no other exception escapes; the CLI never exits with code 4 (internal error) or a traceback.
Inputs: random bytes, random text, and mutations of charter.dsl and of a scenario file that
delete, duplicate and swap tokens and lines. See conftest.py for a longer run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hardening_support import (
    DEFAULT_FUZZ_EXAMPLES,
    FUZZ_COUNTS,
    FUZZ_ESCAPES,
    SHIPPED,
    fuzz_budget,
    run_cli,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterlogic import api
from charterlogic.smt.solver import Limits
from charterlogic.syntax.diagnostics import CharterError

CHARTER_TEXT = SHIPPED.read_text(encoding="utf-8")
SCENARIO_TEXT = """\
scenario "attack on niger" {
  on 2024-01-01
  actor chad: state
  fact attack(chad, territory(niger)) from 2023-12-01
  not assist(mali, niger)
  unknown threat(chad, mali)
  interpretation rebellion_is_attack on
}
scenario "rebellion" { on 2024-06-01 actor front: armed_group fact rebellion(front, mali) }
"""
#: Solver limits for fuzzed inputs: small and deterministic, so an input costs milliseconds.
FUZZ_LIMITS = Limits(timeout_ms=2_000, rlimit=200_000)
#: A token with the white space after it; deleting or moving one keeps the rest readable.
TOKEN = re.compile(r'(?:"(?:[^"\\\n]|\\.)*"|\w+|\S)\s*')


def _settings(config: pytest.Config, share: float = 1.0) -> settings:
    budget = fuzz_budget(config)
    # the default budget is derandomized, so the suite is reproducible; longer runs explore
    return settings(max_examples=max(3, int(budget * share)), deadline=None,
                    database=None, derandomize=budget <= DEFAULT_FUZZ_EXAMPLES,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


@st.composite
def mutations(draw: st.DrawFn, text: str) -> str:
    """`text` with 1 to 3 tokens or lines deleted, duplicated or swapped."""
    for _ in range(draw(st.integers(1, 3))):
        by_line = draw(st.booleans())
        pieces = text.splitlines(keepends=True) if by_line else TOKEN.findall(text)
        if not pieces:
            break
        i = draw(st.integers(0, len(pieces) - 1))
        operation = draw(st.sampled_from(("delete", "duplicate", "swap")))
        if operation == "delete":
            del pieces[i]
        elif operation == "duplicate":
            pieces.insert(i, pieces[i])
        else:
            j = draw(st.integers(0, len(pieces) - 1))
            pieces[i], pieces[j] = pieces[j], pieces[i]
        text = "".join(pieces)
    return text


def assert_located(error: CharterError, path: Path) -> None:
    """Every diagnostic points into the input, and the whole error renders."""
    assert error.diagnostics
    for diagnostic in error.diagnostics:
        span = diagnostic.span
        assert span.file == str(path), diagnostic
        assert span.line >= 1 and span.column >= 1, diagnostic
    assert str(error)


def check_property(name: str, data: bytes, path: Path, load: Callable[[Path], object]) -> None:
    FUZZ_COUNTS[name] = FUZZ_COUNTS.get(name, 0) + 1
    path.write_bytes(data)
    try:
        try:
            load(path)
        except CharterError as error:
            assert_located(error, path)
    except BaseException:
        FUZZ_ESCAPES.append(f"{name}: {data[:200]!r}")
        raise


def assert_cli_answers(name: str, argv: list[str], label: bytes) -> None:
    FUZZ_COUNTS[name] = FUZZ_COUNTS.get(name, 0) + 1
    status, _, err = run_cli(argv)
    if status == 4 or "Traceback" in err:
        FUZZ_ESCAPES.append(f"{name}: {label[:200]!r}")
    assert status in (0, 1, 2, 3), err
    assert "Traceback" not in err and "internal error" not in err, err


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def charter() -> object:
    return api.load_charter()


def load_and_query(charter_path: Path) -> None:
    """Load a charter, then query it: grounding and the solver see whatever loaded."""
    loaded = api.load_charter(charter_path)
    scenario = api.scenario_from_flags(loaded, on="2024-01-01")
    api.query(loaded, scenario, FUZZ_LIMITS)


def test_random_bytes(pytestconfig: pytest.Config, workdir: Path) -> None:
    @_settings(pytestconfig)
    @given(st.binary(max_size=300))
    def prop(data: bytes) -> None:
        check_property("bytes", data, workdir / "bytes.dsl", api.load_charter)

    prop()


def test_random_text(pytestconfig: pytest.Config, workdir: Path) -> None:
    # the DSL's own characters, so that some inputs get past the lexer
    alphabet = st.sampled_from(list('abcdefmnoprstuwy_(){}:,="0123456789-#\n\t \r\ufeff\u2028é'))
    @_settings(pytestconfig)
    @given(st.one_of(st.text(max_size=200), st.text(alphabet, max_size=200)))
    def prop(text: str) -> None:
        check_property("text", text.encode("utf-8", "surrogatepass"), workdir / "text.dsl",
                       api.load_charter)

    prop()


def test_mutated_charter_loads_or_fails_with_a_location(pytestconfig: pytest.Config,
                                                        workdir: Path) -> None:
    @_settings(pytestconfig)
    @given(mutations(CHARTER_TEXT))
    def prop(text: str) -> None:
        check_property("charter mutations", text.encode("utf-8"), workdir / "charter.dsl",
                       load_and_query)

    prop()


def test_mutated_scenario_loads_or_fails_with_a_location(pytestconfig: pytest.Config,
                                                         workdir: Path, charter: object) -> None:
    def load(path: Path) -> None:
        for scenario in api.scenarios_from_file(charter, path):  # type: ignore[arg-type]
            api.query(charter, scenario, FUZZ_LIMITS)  # type: ignore[arg-type]

    @_settings(pytestconfig)
    @given(mutations(SCENARIO_TEXT))
    def prop(text: str) -> None:
        check_property("scenario mutations", text.encode("utf-8"), workdir / "s.scenario", load)

    prop()


def test_cli_check_never_crashes_on_mutated_charters(pytestconfig: pytest.Config,
                                                     workdir: Path) -> None:
    # the full check costs most of a second per input: a tenth of the budget
    path = workdir / "cli.dsl"

    @_settings(pytestconfig, share=0.1)
    @given(mutations(CHARTER_TEXT))
    def prop(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        assert_cli_answers("cli check", ["check", str(path), "--rlimit", "200000"],
                           text.encode("utf-8"))

    prop()


def test_cli_query_never_crashes_on_mutated_scenarios(pytestconfig: pytest.Config,
                                                      workdir: Path) -> None:
    path = workdir / "cli.scenario"

    @_settings(pytestconfig, share=0.5)
    @given(mutations(SCENARIO_TEXT), st.sampled_from(("text", "json")))
    def prop(text: str, form: str) -> None:
        path.write_text(text, encoding="utf-8")
        assert_cli_answers("cli query", ["query", "--scenario", str(path), "--format", form,
                                         "--rlimit", "200000"], text.encode("utf-8"))

    prop()


def test_cli_flags_never_crash(pytestconfig: pytest.Config) -> None:
    event = st.one_of(st.text(max_size=60), mutations("attack(chad, territory(niger)) from "
                                                      "2024-01-01 until 2024-02-01"))
    @_settings(pytestconfig)
    @given(event, st.text(max_size=20), st.text(max_size=12))
    def prop(text: str, actor: str, day: str) -> None:
        argv = ["query", "--event", text, "--actor", actor, "--on", day, "--rlimit", "200000"]
        assert_cli_answers("cli flags", argv, repr(argv).encode())

    prop()


def test_cli_arguments_never_crash(pytestconfig: pytest.Config) -> None:
    options = st.sampled_from(["--event", "--not", "--unknown", "--actor", "--on", "--party",
                               "--format", "--interpretation", "--timeout", "--rlimit",
                               "--literal", "--all", "--scenario"])
    values = st.one_of(st.text(max_size=30), st.sampled_from([
        "nan", "inf", "-1", "0", "1e400", "2024-01-01", "chad:state", "json", "text",
        "rebellion_is_attack=on", "attack(chad, territory(niger))", "mali", "/", ""]))

    @_settings(pytestconfig, share=0.5)
    @given(st.lists(st.one_of(options, values), max_size=8))
    def prop(arguments: list[str]) -> None:
        # the solver limits come last, so that the run stays cheap whatever came before
        argv = ["query", *arguments, "--rlimit", "200000"]
        assert_cli_answers("cli arguments", argv, repr(argv).encode())

    prop()


SPEC_TEXT = Path(__file__).parents[1] / "scenarios" / "art06_collective_defence.scenario"


def test_cli_test_never_crashes_on_mutated_expectations(pytestconfig: pytest.Config,
                                                        workdir: Path) -> None:
    seed = SPEC_TEXT.read_text(encoding="utf-8")
    path = workdir / "spec.scenario"

    @_settings(pytestconfig, share=0.25)
    @given(mutations(seed))
    def prop(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        assert_cli_answers("cli test", ["test", str(path), "--rlimit", "200000"],
                           text.encode("utf-8"))

    prop()


def test_cli_goals_never_crash(pytestconfig: pytest.Config) -> None:
    goal = st.one_of(st.text(max_size=40), mutations("must not assist(mali, niger)"),
                     mutations("some party violates 8"), mutations("may use_force(mali, _, _)"))

    @_settings(pytestconfig, share=0.25)
    @given(st.sampled_from(("find", "explain")), goal)
    def prop(command: str, text: str) -> None:
        argv = [command, text, "--rlimit", "200000"]
        if command == "explain":
            argv += ["--event", "attack(chad, territory(niger))", "--actor", "chad:state",
                     "--on", "2024-01-01"]
        assert_cli_answers(f"cli {command}", argv, repr(argv).encode())

    prop()
