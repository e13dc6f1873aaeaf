"""Hostile and odd inputs, one test each: a clear located error or a result, never a crash."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hardening_support import SHIPPED, run_cli

from charterlogic import api
from charterlogic.syntax.diagnostics import CharterError
from charterlogic.syntax.parser import MAX_NESTING

BASE = ('kind state\nparty mali "Mali"\nparty niger "Niger"\n'
        "event attack(attacker: state, victim: state)\nact assist(helper: state, victim: state)\n")


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def same_charter(first: object, second: object) -> bool:
    """Equal but for the file they were read from (spans are not compared)."""
    return replace(first, source_name="") == replace(second, source_name="")  # type: ignore


def load_error(path: Path) -> CharterError:
    with pytest.raises(CharterError) as caught:
        api.load_charter(path)
    return caught.value


def test_an_empty_charter_loads_as_a_charter_with_nothing_in_it(tmp_path: Path) -> None:
    charter = api.load_charter(write(tmp_path, "empty.dsl", b""))
    assert (charter.articles, charter.norms) == ((), {})
    status, out, err = run_cli(["check", str(tmp_path / "empty.dsl")])
    assert (status, err) == (0, "")
    assert "0 articles" in out


def test_an_empty_scenario_file_says_what_to_write(tmp_path: Path) -> None:
    status, _, err = run_cli(["query", "--scenario", str(write(tmp_path, "s.scenario", ""))])
    assert status == 2
    assert "error[E119]: no scenario in this file" in err
    assert 'write `scenario "name" { on YYYY-MM-DD ... }`' in err


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    plain = write(tmp_path, "plain.dsl", SHIPPED.read_bytes())
    marked = write(tmp_path, "marked.dsl", b"\xef\xbb\xbf" + SHIPPED.read_bytes())
    assert same_charter(api.load_charter(marked), api.load_charter(plain))
    # and positions are not shifted by it
    error = load_error(write(tmp_path, "bad.dsl", b"\xef\xbb\xbfkind state\nparty x y\n"))
    assert str(error.diagnostics[0].span) == f"{tmp_path / 'bad.dsl'}:2:9"


def test_crlf_line_endings_read_as_lf(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    crlf = write(tmp_path, "crlf.dsl", text.replace("\n", "\r\n"))
    assert same_charter(api.load_charter(crlf), api.load_charter(SHIPPED))
    _, lf_out, _ = run_cli(["check", str(SHIPPED)])
    _, crlf_out, _ = run_cli(["check", str(crlf)])
    assert crlf_out == lf_out.replace(str(SHIPPED), str(crlf))
    error = load_error(write(tmp_path, "bad.dsl", "kind state\r\nparty x y\r\n"))
    assert str(error.diagnostics[0].span).endswith("bad.dsl:2:9")
    assert "\r" not in str(error)


def test_tabs_count_as_one_column_and_the_caret_lines_up(tmp_path: Path) -> None:
    path = write(tmp_path, "tabs.dsl",
                 BASE + 'article 1 "t" {\n\tnorm n:\tevery state q: shall\n}\n')
    error = load_error(path)
    assert str(error.diagnostics[0].span).endswith("tabs.dsl:7:25")
    lines = str(error).split("\n")
    source_line, caret_line = lines[2], lines[3]
    assert source_line == "7 |  norm n: every state q: shall"
    assert caret_line.index("^") == source_line.index("shall")


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.dsl", b'kind state\nparty mali "Mal\xed"\n')
    status, _, err = run_cli(["check", str(path)])
    assert status == 2
    assert f"{path}:2:16: error[E012]: invalid UTF-8 at byte offset 26 (byte 0xed)" in err
    assert '2 | party mali "Mal\ufffd"\n  |                ^' in err


@pytest.mark.parametrize("nesting, opening, closing", [
    ("not", "not ", ""),
    ("parenthesised not", "not (", ")"),
    ("if-then-else", "if attack(x, p) then ", " else false"),
])
def test_expressions_nested_10000_deep_are_refused_at_their_place(
        tmp_path: Path, nesting: str, opening: str, closing: str) -> None:
    body = opening * 10_000 + "attack(x, p)" + closing * 10_000
    path = write(tmp_path, "deep.dsl", BASE + 'article 1 "t" {\n'
                 f"  define d(x: state, p: state) :=\n    {body}\n}}\n")
    status, _, err = run_cli(["check", str(path)])
    assert status == 2
    assert f"error[E008]: expression nested more than {MAX_NESTING} deep" in err
    assert "deep.dsl:8:" in err  # on the line of the expression, not at the top of the file
    assert "RecursionError" not in err


def test_terms_nested_10000_deep_in_a_flag_are_refused() -> None:
    status, _, err = run_cli(["query", "--event", "f(" * 10_000 + "x" + ")" * 10_000,
                              "--on", "2024-01-01"])
    assert status == 2
    assert "--event:1:" in err and "error[E008]" in err


def test_ten_thousand_parentheses_and_a_10000_operand_chain_load(tmp_path: Path) -> None:
    parens = "(" * 10_000 + "attack(x, p)" + ")" * 10_000
    chain = " and ".join(["attack(x, p)"] * 10_000)
    path = write(tmp_path, "wide.dsl", BASE + 'article 1 "t" {\n'
                 f"  define a(x: state, p: state) := {parens}\n"
                 f"  define b(x: state, p: state) := {chain}\n}}\n")
    charter = api.load_charter(path)
    assert set(charter.definitions) == {"a", "b"}
    assert len(charter.definitions["b"].clauses[0].body.operands) == 10_000


def test_names_100000_characters_long(tmp_path: Path) -> None:
    long = "n" * 100_000
    path = write(tmp_path, "long.dsl", BASE + f'party {long} "Long"\narticle 1 "t" {{\n'
                 f"  norm help: every state q: must assist(q, {long}) when attack(x, {long})\n}}\n")
    charter = api.load_charter(path)
    assert long in charter.actors
    # a misspelling of it: the message stays short and readable
    error = load_error(write(tmp_path, "typo.dsl", BASE + f'party {long} "Long"\n'
                             f'article 1 "t" {{\n  define d(x: state) := attack(x, {long}m)\n}}\n'))
    rendered = str(error)
    assert "error[E101]: unknown name `nnnn" in rendered
    assert "(100001 characters)" in rendered
    assert len(rendered) < 1_000


def test_ten_thousand_articles(tmp_path: Path) -> None:
    # the 10 MB case, and the claim that parsing is linear, live in benchmarks/parse_scaling.py
    articles = "".join(f'article {i} "Article {i}" {{ text "..." }}\n' for i in range(1, 10_001))
    articles += ('article 10001 "Defence" {\n'
                 "  norm help: every state q: may assist(q, p) when attack(x, p)\n}\n")
    charter = api.load_charter(write(tmp_path, "many.dsl", BASE + articles))
    assert len(charter.articles) == 10_001 and list(charter.norms) == ["help"]


def test_definitions_in_a_cycle_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "cycle.dsl", BASE + 'article 1 "t" {\n'
                 "  define a(x: state) := b(x)\n  define b(x: state) := c(x)\n"
                 "  define c(x: state) := a(x) or attack(x, mali)\n}\n")
    status, _, err = run_cli(["check", str(path)])
    assert status == 2
    assert "error[E106]: definitions refer to each other in a cycle: a -> b -> c -> a" in err


def test_a_chain_of_definitions_longer_than_the_recursion_limit_is_refused(
        tmp_path: Path) -> None:
    chain = "".join(f"  define d{i}(x: state) := d{i + 1}(x) or attack(x, mali)\n"
                    for i in range(3_000))
    path = write(tmp_path, "chain.dsl", BASE + 'article 1 "t" {\n' + chain
                 + "  define d3000(x: state) := attack(x, niger)\n}\n")
    status, _, err = run_cli(["check", str(path)])
    assert status == 2
    assert f"nests more than {MAX_NESTING} deep once the definitions it uses are expanded" in err
    assert "chain.dsl:" in err


def test_a_cycle_through_3000_definitions_is_found(tmp_path: Path) -> None:
    chain = "".join(f"  define d{i}(x: state) := d{(i + 1) % 3_000}(x)\n" for i in range(3_000))
    path = write(tmp_path, "ring.dsl", BASE + 'article 1 "t" {\n' + chain + "}\n")
    error = load_error(path)
    assert [d.code for d in error.diagnostics] == ["E106"]


def test_a_scenario_naming_a_party_that_does_not_exist(tmp_path: Path) -> None:
    path = write(tmp_path, "s.scenario",
                 'scenario "s" {\n  on 2024-01-01\n  fact attack(nigeria, territory(niger))\n}\n')
    status, _, err = run_cli(["query", "--scenario", str(path)])
    assert status == 2
    assert f"{path}:3:15: error[E101]: unknown name `nigeria`" in err
    assert "did you mean `niger`?" in err
    status, _, err = run_cli(["query", "--event", "attack(nigeria, territory(niger))",
                              "--on", "2024-01-01"])
    assert status == 2 and "--event:1:8: error[E101]: unknown name `nigeria`" in err
    status, _, err = run_cli(["query", "--party", "nigeria", "--on", "2024-01-01"])
    assert status == 2 and "--party:1:1: error[E101]: unknown party `nigeria`" in err


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    for argv, message in [
        (["check", str(tmp_path / "missing.dsl")], "no such file"),
        (["check", str(tmp_path)], "is a directory, not a file"),
        (["query", "--scenario", str(tmp_path / "missing.scenario")], "no such file"),
    ]:
        status, _, err = run_cli(argv)
        assert status == 2 and "error[E011]" in err and message in err


def test_a_name_typed_only_by_a_comparison_is_located(tmp_path: Path) -> None:
    # found by the fuzzer: the sort a comparison gives a name carried no location, so a
    # message about that name (here: too close to a party to be a variable) had none either
    path = write(tmp_path, "typo.dsl", BASE +
                 'article 1 "t" {\n  define d(p: state) := attack(p, mali) and p != nigerr\n}\n')
    error = load_error(path)
    assert [d.code for d in error.diagnostics] == ["E101"]
    assert str(error).startswith(f"{path}:7:50: error[E101]: unknown name `nigerr`")
    assert "did you mean `niger`?" in str(error)


def test_form_feeds_and_unicode_line_separators_do_not_shift_the_line_shown(
        tmp_path: Path) -> None:
    # the parser counts lines at "\n" only; showing the source line must count the same way
    path = write(tmp_path, "ff.dsl", 'kind state\n# page\x0cbreak \u2028 here\nparty x "X" y\n')
    error = load_error(path)
    assert str(error.diagnostics[0].span).endswith("ff.dsl:3:13")
    assert '\n3 | party x "X" y\n' in str(error)
