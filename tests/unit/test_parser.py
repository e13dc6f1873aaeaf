"""The parser: the AST it builds, with spans, and the syntax errors it reports."""

from __future__ import annotations

import datetime

import pytest

from charterlogic.syntax import ast
from charterlogic.syntax.diagnostics import CharterError
from charterlogic.syntax.parser import parse
from charterlogic.syntax.source import Source


def document(text: str) -> ast.Document:
    return parse(Source("t.dsl", text))


def syntax_error(text: str) -> tuple[str, str, int, int]:
    with pytest.raises(CharterError) as caught:
        document(text)
    [diagnostic] = caught.value.diagnostics
    return diagnostic.code, diagnostic.message, diagnostic.span.line, diagnostic.span.column


def test_a_norm_parses_into_its_parts_with_spans():
    doc = document('article 6 "Defence" {\n'
                   '  norm help: every party q other than p: must assist(q, p)\n'
                   '    when aggression(x, p) and party(p) unless wide\n}\n')
    [article] = doc.declarations
    assert (article.label, article.title, article.unverified) == (6, "Defence", False)
    [norm] = article.items
    assert norm == ast.Norm(
        "help", ast.Every("party", "q", "p"), "must",
        ast.Atom("assist", (ast.Name("q"), ast.Name("p"))),
        ast.And((ast.Atom("aggression", (ast.Name("x"), ast.Name("p"))),
                 ast.Atom("party", (ast.Name("p"),)))),
        ast.Atom("wide", ()))
    assert (norm.span.line, norm.span.column) == (2, 8)


def test_must_not_is_one_modality_and_keywords_do_not_swallow_names():
    doc = document('article 8 "N" {\n  norm n: every party q: must  not allow_attack(q, g, v)\n}\n')
    norm = doc.declarations[0].items[0]
    assert norm.modality == "must not" and norm.action.name == "allow_attack"


def test_operator_precedence_and_quantifiers():
    doc = document('article 1 "A" { define d := not a or b and (all party r: c(r)) }')
    body = doc.declarations[0].items[0].body
    assert body == ast.Or((
        ast.Not(ast.Atom("a", ())),
        ast.And((ast.Atom("b", ()),
                 ast.Quantified("all", "party", "r", ast.Atom("c", (ast.Name("r"),))))),
    ))


def test_dates_and_durations():
    doc = document('article 1 "A" { define d := today >= date of denounce(q) + 1 year }')
    compare = doc.declarations[0].items[0].body
    assert compare == ast.Compare(">=", ast.Today(), ast.Shift(
        ast.DateOf(ast.Atom("denounce", (ast.Name("q"),))), 12, "months"))


def test_scenario_block():
    doc = document('scenario "s" {\n  on 2024-01-01\n  actor chad: state\n'
                   '  fact attack(chad, territory(niger)) from 2023-12-01 until 2024-02-01\n'
                   '  not assist(mali, niger)\n  unknown threat(chad, mali)\n'
                   '  interpretation wide on\n}\n')
    [scenario] = doc.declarations
    assert scenario.on == datetime.date(2024, 1, 1)
    assert [f.status for f in scenario.facts] == ["true", "false", "unknown"]
    assert scenario.facts[0].start == datetime.date(2023, 12, 1)
    assert scenario.switches == (ast.InterpretationSwitch("wide", "on"),)


@pytest.mark.parametrize("text, code, message", [
    ('article 1 "t" { text "x" ', "E003", "missing closing brace `}`"),
    ('article 1 "t" { norm n: every party q: must assist(q, p) party(p) }', "E002",
     "missing `when` before the norm's condition"),
    ('article 1 "t" { text "unterminated }', "E009", "unterminated string"),
    ('charter "t" { signed 16/09/2023 }', "E007", "a date must be written YYYY-MM-DD"),
])
def test_common_syntax_errors_have_hand_written_messages(text, code, message):
    assert syntax_error(text)[:2] == (code, message)


def test_a_misspelt_keyword_gets_a_suggestion():
    with pytest.raises(CharterError) as caught:
        document('artcle 1 "t" { }')
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.suggestion == "did you mean `article`?"
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 1)


def test_impossible_dates_are_collected_not_fatal():
    doc = document('charter "t" { signed 2023-02-30 }')
    assert [p.code for p in doc.problems] == ["E010"]
