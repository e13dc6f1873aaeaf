"""Names, dates and located errors (issue 11, findings 2, 4, 5, 14, 16 and 18): every duplicate
declaration, free name and out-of-range date is a located error; nothing is silently dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_support import SHIPPED, run_cli

BASE = ('kind state\nparty mali "Mali"\nparty niger "Niger"\n'
        "event attack(attacker: state, victim: state)\nact assist(helper: state, victim: state)\n")


def check(tmp_path: Path, text: str, *argv: str, name: str = "c.dsl") -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_cli(["check", str(path), *argv])


# ---- 2: duplicate declarations --------------------------------------------------------------


def test_a_duplicated_norm_name_is_an_error_naming_both_places(tmp_path: Path) -> None:
    status, _, err = check(tmp_path, BASE + 'article 1 "a" {\n  norm n: every state q: must '
                           'assist(q, p)\n}\narticle 2 "b" {\n  norm n: every state q: must not '
                           'assist(q, p)\n}\n')
    assert status == 2
    assert f"{tmp_path / 'c.dsl'}:10:8: error[E108]: `n` is declared twice" in err
    assert f"first declared at {tmp_path / 'c.dsl'}:7:8" in err


def test_with_distinct_names_the_conflict_is_found(tmp_path: Path) -> None:
    status, out, _ = check(tmp_path, BASE + 'article 1 "a" {\n  norm n: every state q: must '
                           'assist(q, p)\n}\narticle 2 "b" {\n  norm m: every state q: must not '
                           'assist(q, p)\n}\n')
    assert status == 1 and "error[C001]" in out


@pytest.mark.parametrize(("text", "message", "line"), [
    ("sort area = x\nsort area = y\n", "`area` is declared twice", 7),
    (('incompatible i: assist(q, p), assist(q, r) "x"\n'
      'incompatible i: assist(q, p), assist(q, r) "y"\n'), "`i` is declared twice", 7),
    ("event e(a: state, a: state)\n", "parameter `a` is declared twice", 6),
    (('article 1 "a" {\n  define d(x: state, x: state) := attack(x, x)\n}\n'),
     "parameter `x` is declared twice", 7),
    ("sort state = a | b\n", "`state` is declared twice", 6),
    ("sort actor = c\n", "`actor` is a built-in name", 6),
    ("sort date = d\n", "`date` is a built-in name", 6),
    ('party and "And"\n', "`and` is a keyword of the language, not a name", 6),
    ('party must "Must"\n', "`must` is a keyword of the language, not a name", 6),
    ('party true "True"\n', "`true` is a keyword of the language, not a name", 6),
])
def test_every_kind_of_duplicate_or_reserved_name_is_located(tmp_path: Path, text: str,
                                                             message: str, line: int) -> None:
    status, _, err = check(tmp_path, BASE + text)
    assert status == 2
    assert f"{tmp_path / 'c.dsl'}:{line}:" in err and f"error[E108]: {message}" in err


HEADER = 'charter "A" {\n  signed 2023-09-16\n}\n'
NORMS = ('article 1 "a" {\n  norm help: every state q: must assist(q, p) when attack(x, p)\n'
         "  norm no_help: every state q: must not assist(q, p)\n")


@pytest.mark.parametrize("text, second, message, first", [
    (HEADER + HEADER + BASE, "4:1", "the charter has two headers", "1:1"),
    (BASE + 'interpretation reading:\n    one "One."\n  | one "Again."\n'
     '  default one literal one\n  "Which."\n', "8:5",
     "option `one` of `reading` is declared twice", "7:5"),
    (BASE + NORMS + "  priority help over no_help\n  priority help over no_help\n}\n", "10:3",
     "the priority of `help` over `no_help` is declared twice", "9:3"),
])
def test_a_duplicate_in_a_charter_names_the_first_place(tmp_path: Path, text: str, second: str,
                                                        message: str, first: str) -> None:
    status, _, err = check(tmp_path, text)
    assert status == 2
    assert f"{tmp_path / 'c.dsl'}:{second}: error[E108]: {message}\n" in err, err
    assert f"= note: first declared at {tmp_path / 'c.dsl'}:{first}\n" in err


def test_one_priority_under_two_conditions_is_not_a_duplicate(tmp_path: Path) -> None:
    text = (BASE + "interpretation strict off\n  \"Strict.\"\n" + NORMS
            + "  priority help over no_help when strict\n  priority help over no_help\n}\n")
    status, _, err = check(tmp_path, text)
    assert "E108" not in err and status in (0, 1), err


def test_a_duplicate_in_a_scenario_file_names_the_first_place(tmp_path: Path) -> None:
    scenario = tmp_path / "s.scenario"
    scenario.write_text('scenario "s" {\n  on 2024-01-01\n  actor chad: state\n'
                        '  actor chad: state\n}\nscenario "s" {\n  on 2024-01-01\n}\n',
                        encoding="utf-8")
    status, _, err = run_cli(["query", "--scenario", str(scenario)])
    assert status == 2
    assert (f"{scenario}:4:3: error[E108]: `chad` is already an actor\n" in err
            and f"= note: first declared at {scenario}:3:3\n" in err), err
    assert f"{scenario}:6:1: error[E108]: scenario `s` is declared twice\n" in err
    assert f"= note: first declared at {scenario}:1:1\n" in err
    # `test` reads scenario files the same way
    assert "scenario `s` is declared twice" in run_cli(["test", str(scenario)])[2]


@pytest.mark.parametrize("clause, where, message, note", [
    # in BASE, `attack` is an event and `assist` an act (in charter.dsl both are acts)
    ("incompatible i: assist(q, p), attack(q, p)\n", "6:31", "`attack` is an event, not an act",
     "`incompatible` names two acts that cannot both be done"),
    ("incompatible i: assist(q, p), assist(q, p)\n", "6:31",
     "`assist` is incompatible with itself", "an act incompatible with itself could never be done"),
    ('article 1 "a" {\n  define d := some state z: all state z: attack(z, z)\n}\n', "7:29",
     "`z` is already a variable here", "first bound at {path}:7:15"),
    ('article 1 "a" {\n  norm n: every state q: must assist(q, p) when some state q: '
     "attack(q, p)\n}\n", "7:49", "`q` is already a variable here",
     "`q` is a variable of the clause already"),
])
def test_nonsense_in_incompatibilities_and_quantifiers_is_located(
        tmp_path: Path, clause: str, where: str, message: str, note: str) -> None:
    status, _, err = check(tmp_path, BASE + clause)
    path = tmp_path / "c.dsl"
    assert status == 2
    assert f"{path}:{where}: error[" in err and f"]: {message}\n" in err, err
    assert f"= note: {note.format(path=path)}\n" in err


def test_one_act_with_other_arguments_may_be_incompatible_with_itself(tmp_path: Path) -> None:
    # charter.dsl's both_sides: a state cannot assist both sides
    status, _, err = check(tmp_path, BASE + "incompatible i: assist(q, p), assist(q, r)\n")
    assert status in (0, 1) and "error" not in err, err


def test_a_later_kind_reports_at_the_later_place(tmp_path: Path) -> None:
    status, _, err = check(tmp_path, 'party mali "Mali"\nkind state\nkind mali\n')
    assert status == 2
    assert "c.dsl:3:" in err and "first declared at" in err and "c.dsl:1:" in err


# ---- 4 and 5: free names --------------------------------------------------------------------


def test_a_free_variable_in_an_incompatible_condition_is_located(tmp_path: Path) -> None:
    text = BASE + ('incompatible both: assist(q, p), assist(q, r) when attack(zz, r) "x"\n'
                   'article 1 "a" {\n  norm n: every state q: must assist(q, p) when '
                   "attack(x, p)\n}\n")
    for command in (["check"], ["query", "--on", "2024-01-01"], ["find", "must assist(mali, _)"]):
        path = tmp_path / "c.dsl"
        path.write_text(text, encoding="utf-8")
        status, _, err = run_cli([command[0], *command[1:], str(path)] if command[0] != "find"
                                 else [*command, str(path)])
        assert status == 2, (command, err)
        assert "c.dsl:6:59: error[E101]: `zz` is not an argument of the incompatible acts" in err


@pytest.mark.parametrize("command", [["check"], ["query", "--on", "2024-01-01"],
                                     ["timeline", "--on", "2024-01-01"]])
def test_a_free_name_after_other_than_is_located(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "c.dsl"
    path.write_text(BASE + 'article 1 "a" {\n  norm n: every state q other than a: must '
                    "assist(q, p) when attack(x, p)\n}\n", encoding="utf-8")
    status, _, err = run_cli([command[0], str(path), *command[1:]])
    assert status == 2
    assert "c.dsl:7:11: error[E101]: `a` is not a parameter of the norm" in err


def test_other_than_a_name_only_the_condition_uses_is_located() -> None:
    # found by the fuzzer: `p` is quantified inside the condition, so `q != p` had no p
    text = SHIPPED.read_text(encoding="utf-8").replace(
        "every party q other than p: must assist(q, p)",
        "every party q other than p: must assist(q, pp)")
    assert "must assist(q, pp)" in text
    from charterlogic import api
    from charterlogic.model.from_syntax import resolve_charter
    from charterlogic.syntax.diagnostics import CharterError
    from charterlogic.syntax.parser import parse
    from charterlogic.syntax.source import Source

    source = Source("c.dsl", text)
    with pytest.raises(CharterError) as caught:
        resolve_charter(parse(source), source)
    assert [d.message for d in caught.value.diagnostics] == [
        "`p` is not a parameter of the norm"]
    assert api.load_charter() is not None


def test_other_than_a_value_or_a_variable_of_the_act_still_works(tmp_path: Path) -> None:
    for other in ("mali", "p"):
        status, _, err = check(tmp_path, BASE + f'article 1 "a" {{\n  norm n: every state q '
                               f"other than {other}: must assist(q, p) when attack(x, p)\n}}\n")
        assert status in (0, 1), err


# ---- 14: one date range ---------------------------------------------------------------------


def test_a_literal_date_outside_the_range_is_e010_for_every_command(tmp_path: Path) -> None:
    status, _, err = check(tmp_path, BASE + 'article 1 "a" {\n  norm n: every state q: must '
                           "assist(q, p) when today < 1800-01-01 and attack(p, q)\n}\n")
    assert status == 2
    assert ("error[E010]: `1800-01-01` is outside the dates charterlogic reasons about, "
            "1901-01-01 to 2099-12-31") in err
    status, _, err = run_cli(["query", "--on", "1750-01-01", "--event", "attack(niger, mali)"])
    assert status == 2 and "--on:1:1: error[E010]: `1750-01-01` is outside" in err
    status, _, err = run_cli(["query", "--on", "2024-01-01",
                              "--event", "attack(niger, territory(mali)) from 2100-01-01"])
    assert status == 2 and "error[E010]: `2100-01-01` is outside" in err
    scenario = tmp_path / "s.scenario"
    scenario.write_text('scenario "s" {\n  on 1899-12-31\n}\n')
    status, _, err = run_cli(["timeline", "--scenario", str(scenario)])
    assert status == 2 and "s.scenario:2:6: error[E010]: `1899-12-31` is outside" in err
    # the edges are inside
    assert run_cli(["query", "--on", "1901-01-01"])[0] == 0
    assert run_cli(["query", "--on", "2099-12-31"])[0] == 0


@pytest.mark.parametrize("day", ["20240101", "2024-W01-1", "2024-001", "+2024-01-01"])
def test_on_takes_only_yyyy_mm_dd(day: str) -> None:
    status, _, err = run_cli(["query", "--on", day])
    assert status == 2
    assert f"--on:1:1: error[E010]: `{day}` is not a date written YYYY-MM-DD" in err


# ---- 16: no unlocated diagnostic ------------------------------------------------------------


def test_no_diagnostic_about_the_user_s_file_is_at_builtin(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("define party(q: state)",
                                                       "define party(q: stateshow)")
    assert text != SHIPPED.read_text(encoding="utf-8")
    from charterlogic import api
    from charterlogic.syntax.diagnostics import CharterError

    path = tmp_path / "c.dsl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CharterError) as caught:
        api.load_charter(path)
    assert caught.value.diagnostics
    assert all(d.span.file == str(path) and d.span.line > 0 for d in caught.value.diagnostics)
    assert "<builtin>" not in run_cli(["check", str(path)])[2]


# ---- 18: silently accepted nonsense in scenarios -------------------------------------------


def test_two_on_lines_and_a_switch_switched_twice_are_located(tmp_path: Path) -> None:
    scenario = tmp_path / "s.scenario"
    scenario.write_text('scenario "s" {\n  on 2024-01-01\n  on 2024-02-01\n'
                        "  interpretation released_at_notice off\n"
                        "  interpretation released_at_notice on\n}\n")
    status, _, err = run_cli(["query", "--scenario", str(scenario)])
    assert status == 2
    assert "s.scenario:3:3: error[E108]: the scenario has two `on` lines" in err
    assert ("s.scenario:5:3: error[E108]: interpretation `released_at_notice` is switched "
            "twice") in err
