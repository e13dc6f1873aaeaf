"""`charterlogic fmt`: the canonical layout keeps every comment, is idempotent, and keeps the
parsed charter (spans aside), on the shipped charter, the spec suite and mutated inputs."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from charterlogic import api
from charterlogic.model.from_syntax import resolve_charter
from charterlogic.model.scenario import load_scenarios
from charterlogic.syntax.diagnostics import CharterError
from charterlogic.syntax.parser import comment_tokens, parse
from charterlogic.syntax.printer import WIDTH, format_source
from charterlogic.syntax.source import Source

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "charter.dsl"
SCENARIOS = sorted((ROOT / "tests" / "scenarios").glob("*.scenario"))
FILES = [SHIPPED, *SCENARIOS, ROOT / "tests" / "charters" / "clash.dsl"]
#: A token with the white space after it (as in the fuzz tests of tests/hardening).
TOKEN = re.compile(r'(?:"(?:[^"\\\n]|\\.)*"|#[^\n]*|\w+|\S)(\s*)')
PROPERTY = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def fmt(text: str, name: str = "t.dsl") -> str:
    return format_source(Source(name, text))


def comments(text: str) -> Counter[str]:
    return Counter(str(t).rstrip() for t in comment_tokens(Source("t", text)))


def assert_properties(text: str) -> str:
    """The three guarantees for one input that parses; returns its formatted text."""
    once = fmt(text)
    assert fmt(once) == once, "fmt is not idempotent"
    before, after = parse(Source("t", text)), parse(Source("t", once))
    assert after.declarations == before.declarations, "fmt changed the parsed file"
    # what the parse leaves for the resolver (two `on` lines) is kept, at the lines of the layout
    assert [(d.code, d.message) for d in after.problems] == [
        (d.code, d.message) for d in before.problems], "fmt changed the parse's problems"
    assert comments(once) == comments(text), "fmt lost or changed a comment"
    return once


def test_a_problem_the_parse_leaves_moves_with_the_layout() -> None:
    # found by the property tests: a scenario with two `on` lines (E108, for the resolver) after
    # a line that fmt joins; the problem's line moves with the layout, and fmt must not refuse
    text = ('scenario\n"a" {\n  on 2024-01-01\n}\n\n'
            'scenario "b" {\n  on 2024-01-01\n  on 2024-01-01\n}\n')
    once = assert_properties(text)
    assert once.startswith('scenario "a" {\n  on 2024-01-01\n}\n')
    assert [d.span.line for d in parse(Source("t", once)).problems] == [7]


# ---- the shipped files --------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_shipped_files_are_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert assert_properties(text) == text


def test_the_packaged_charter_is_the_shipped_one() -> None:
    packaged = ROOT / "src" / "charterlogic" / "charter.dsl"
    assert packaged.read_bytes() == SHIPPED.read_bytes()


def test_the_resolved_charter_and_scenarios_survive_formatting(charter) -> None:
    text = fmt(SHIPPED.read_text(encoding="utf-8"), "charter.dsl")
    assert resolve_charter(parse(Source("charter.dsl", text)), Source("charter.dsl", text)) \
        == charter
    for path in SCENARIOS:
        source = Source(path.name, path.read_text(encoding="utf-8"))
        again = Source(path.name, fmt(source.text))
        assert [_without_spans(s) for s in load_scenarios(charter, again)] \
            == [_without_spans(s) for s in load_scenarios(charter, source)]


def _without_spans(scenario: object) -> object:
    from dataclasses import replace
    return replace(scenario, spans={}, span=None)  # type: ignore[type-var]


# ---- the layout ---------------------------------------------------------------------------------


def test_a_norm_too_long_for_one_line_puts_its_condition_and_exception_on_lines_of_their_own():
    text = ('article 5 "t" { norm force_against_threats: every party q: may use_force(q, x, '
            'inside_alliance_area) when rebellion_or_threat(x, p) and party(p) and '
            'force_necessary(x, p) unless q = x }')
    assert fmt(text) == (
        'article 5 "t" {\n'
        '  norm force_against_threats: every party q: may use_force(q, x, inside_alliance_area)\n'
        '    when rebellion_or_threat(x, p) and party(p) and force_necessary(x, p)\n'
        '    unless q = x\n'
        '}\n')


def test_a_long_condition_breaks_before_each_operator_and_keeps_needed_parentheses():
    text = ('article 6 "t" { define aggression(x: actor, p: state) := x != p and (attack(x, '
            'territory(p)) or attack(x, sovereignty(p)) or rebellion_is_attack and rebellion(x, '
            'p) or (airspace_violation_is_attack and attack(x, airspace(p)))) }')
    assert fmt(text) == (
        'article 6 "t" {\n'
        '  define aggression(x: actor, p: state) := x != p\n'
        '    and (attack(x, territory(p))\n'
        '      or attack(x, sovereignty(p))\n'
        '      or (rebellion_is_attack and rebellion(x, p))\n'
        '      or (airspace_violation_is_attack and attack(x, airspace(p))))\n'
        '}\n')


def test_parentheses_the_tree_keeps_are_kept_and_others_dropped():
    text = 'article 1 "t" { define d := (a and (b and c)) or not (e) or (f or g) }'
    assert fmt(text) == 'article 1 "t" {\n  define d := (a and (b and c)) or not e or (f or g)\n}\n'


def test_comments_stay_after_their_clause_aligned_or_on_their_own_line():
    text = ('# head\n\n\n\nscenario "s" {   # why\n on 2024-01-01 # the day\n'
            '  actor chad: state      # a neighbour\n\n  # facts\n'
            '  fact attack(chad,\n  # inside\n territory(niger))\n}\n# end\n')
    assert fmt(text) == (
        '# head\n\nscenario "s" {  # why\n'
        '  on 2024-01-01      # the day\n'
        '  actor chad: state  # a neighbour\n\n'
        '  # facts\n'
        '  # inside\n'
        '  fact attack(chad, territory(niger))\n'
        '}\n# end\n')


def test_the_shipped_lines_are_within_the_width_save_for_long_strings():
    for path in FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert len(line) <= WIDTH or '"' in line or "#" in line, (path.name, line)


# ---- property tests: mutated inputs -------------------------------------------------------------


@st.composite
def relaid(draw: st.DrawFn, text: str, blank_lines: bool = True) -> str:
    """`text` with its layout scrambled: the white space after some tokens replaced by other
    white space, and comments added at the ends of some lines. Without `blank_lines`, where
    the text has a line break it keeps as many, and no comment is added."""
    pieces = [[m.group(0)[: m.start(1) - m.start(0)], m.group(1)] for m in TOKEN.finditer(text)]
    choices = [" ", "\n", "  \t", "\n    "] + (["\n\n\n", "#"] if blank_lines else [])
    words = st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=12)
    edits = st.tuples(st.integers(0, len(pieces) - 1), st.sampled_from(choices), words)
    for index, space, said in draw(st.lists(edits, max_size=30)):
        breaks = pieces[index][1].count("\n")
        if space == "#":
            pieces[index][1] = f" # c{index} {said}\n"
        elif blank_lines or not breaks:
            pieces[index][1] = space
        else:
            pieces[index][1] = "\n" * breaks + space.strip("\n")
    out = []
    for token, space in pieces:
        if token.startswith("#") and "\n" not in space:
            space = "\n" + space  # a comment runs to the end of its line
        out.append(token + space)
    return "".join(out)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with a token or a line deleted, duplicated or swapped (kept only if it parses)."""
    by_line = draw(st.booleans())
    pieces = text.splitlines(keepends=True) if by_line else [m.group(0)
                                                               for m in TOKEN.finditer(text)]
    i, j = draw(st.integers(0, len(pieces) - 1)), draw(st.integers(0, len(pieces) - 1))
    operation = draw(st.sampled_from(("delete", "duplicate", "swap")))
    if operation == "delete":
        del pieces[i]
    elif operation == "duplicate":
        pieces.insert(i, pieces[i])
    else:
        pieces[i], pieces[j] = pieces[j], pieces[i]
    return "".join(pieces)


def _parses(text: str) -> bool:
    try:
        parse(Source("t", text))
    except CharterError:
        return False
    return True


SOURCES = [p.read_text(encoding="utf-8") for p in FILES]


@PROPERTY
@given(st.sampled_from(SOURCES).flatmap(lambda text: relaid(text, blank_lines=False)))
def test_any_layout_of_the_shipped_files_with_their_blank_lines_formats_back_to_them(
        text: str) -> None:
    assume(_parses(text))
    assert assert_properties(text) in SOURCES


@PROPERTY
@given(st.sampled_from(SOURCES).flatmap(relaid))
def test_any_layout_with_comments_anywhere_keeps_them_and_the_meaning(text: str) -> None:
    assume(_parses(text))
    assert_properties(text)


@PROPERTY
@given(st.sampled_from(SOURCES).flatmap(mutated).flatmap(relaid))
def test_mutated_files_keep_their_comments_and_meaning(text: str) -> None:
    assume(_parses(text))
    assert_properties(text)


# ---- the command --------------------------------------------------------------------------------


def run(argv: list[str]) -> tuple[int, str, str]:
    import io

    from charterlogic import cli

    out, err = io.StringIO(), io.StringIO()
    return cli.main(argv, out, err), out.getvalue(), err.getvalue()


def test_fmt_check_passes_on_the_shipped_files() -> None:
    status, out, err = run(["fmt", "--check", str(SHIPPED), *map(str, SCENARIOS)])
    assert (status, out, err) == (0, "", f"{1 + len(SCENARIOS)} files formatted\n")


def test_fmt_check_shows_a_diff_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "c.scenario"
    path.write_text('scenario "s" {on 2024-01-01}\n', encoding="utf-8")
    status, out, err = run(["fmt", "--check", str(path)])
    assert status == 1
    assert err == "1 of 1 files not formatted: run charterlogic fmt --write on them\n"
    assert out.splitlines()[2:] == ["@@ -1 +1,3 @@", '-scenario "s" {on 2024-01-01}',
                                    '+scenario "s" {', "+  on 2024-01-01", "+}"]
    assert path.read_text(encoding="utf-8") == 'scenario "s" {on 2024-01-01}\n'


def test_fmt_prints_and_fmt_write_rewrites_in_place(tmp_path: Path) -> None:
    path = tmp_path / "c.scenario"
    path.write_text('scenario "s" {on 2024-01-01}\n', encoding="utf-8")
    path.chmod(0o640)
    assert run(["fmt", str(path)]) == (0, 'scenario "s" {\n  on 2024-01-01\n}\n', "")
    assert run(["fmt", "--write", str(path)]) == (0, "", f"formatted {path}\n")
    assert path.read_text(encoding="utf-8") == 'scenario "s" {\n  on 2024-01-01\n}\n'
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.scenario"]  # no temporary left


def test_fmt_write_never_follows_a_symbolic_link(tmp_path: Path) -> None:
    target = tmp_path / "real.scenario"
    target.write_text('scenario "s" {on 2024-01-01}\n', encoding="utf-8")
    link = tmp_path / "link.scenario"
    os.symlink(target, link)
    status, _, err = run(["fmt", "--write", str(link)])
    assert status == 2 and "symbolic link" in err
    assert target.read_text(encoding="utf-8") == 'scenario "s" {on 2024-01-01}\n'


def test_fmt_reports_a_syntax_error_with_its_location(tmp_path: Path) -> None:
    path = tmp_path / "bad.dsl"
    path.write_text('article 1 "t" { norm n: every party q: shall x(q) }\n', encoding="utf-8")
    status, out, err = run(["fmt", "--check", str(path)])
    assert (status, out) == (2, "")
    assert f"{path}:1:40: error[E004]" in err


def test_the_api_formats_a_file() -> None:
    source, text = api.formatted(SHIPPED)
    assert text == source.text


def test_fmt_refuses_a_layout_that_would_change_the_file(monkeypatch) -> None:
    from charterlogic.syntax import printer

    monkeypatch.setattr(printer, "atom", lambda node: "x")  # a printer bug: every atom is `x`
    with pytest.raises(CharterError) as caught:
        fmt('scenario "s" { on 2024-01-01 fact attack(chad, territory(niger)) }')
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.code == "E001" and "without changing it" in diagnostic.message


def test_fmt_without_a_path_takes_the_files_under_the_current_directory(
        tmp_path: Path, monkeypatch) -> None:
    unformatted = 'scenario "s" {on 2024-01-01}\n'
    formatted = 'scenario "s" {\n  on 2024-01-01\n}\n'
    project, elsewhere, empty = tmp_path / "project", tmp_path / "elsewhere", tmp_path / "empty"
    for folder in (project / "tests" / "scenarios", project / ".git", elsewhere, empty):
        folder.mkdir(parents=True)
    (project / "charter.dsl").write_text(SHIPPED.read_text("utf-8"), "utf-8")
    (project / "tests" / "scenarios" / "a.scenario").write_text(unformatted, "utf-8")
    (project / "notes.txt").write_text(unformatted, "utf-8")  # not a charter nor a scenario
    (project / ".git" / "b.scenario").write_text(unformatted, "utf-8")  # hidden: left out
    (elsewhere / "c.scenario").write_text(unformatted, "utf-8")
    (project / "linked").symlink_to(elsewhere)  # a link to a directory: not followed
    (project / "d.scenario").symlink_to(elsewhere / "c.scenario")  # nor a link to a file
    monkeypatch.chdir(project)
    status, out, err = run(["fmt", "--check"])
    assert status == 1
    assert err == "1 of 2 files not formatted: run charterlogic fmt --write on them\n"
    assert out.startswith("--- tests/scenarios/a.scenario (as it is)\n")
    status, _, err = run(["fmt", "--write"])
    assert (status, err) == (0, "formatted tests/scenarios/a.scenario\n")
    assert (project / "tests" / "scenarios" / "a.scenario").read_text("utf-8") == formatted
    assert (project / ".git" / "b.scenario").read_text("utf-8") == unformatted
    assert (elsewhere / "c.scenario").read_text("utf-8") == unformatted
    assert run(["fmt", "--check"]) == (0, "", "2 files formatted\n")
    # printing them all would run them together; a directory without one checks nothing
    status, out, err = run(["fmt"])
    assert (status, out) == (2, "") and "give --check or --write" in err
    monkeypatch.chdir(empty)
    status, _, err = run(["fmt", "--check"])
    assert status == 2 and "no charter (*.dsl) or scenario (*.scenario) file" in err
