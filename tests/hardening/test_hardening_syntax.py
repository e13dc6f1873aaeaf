"""Syntax errors: hand-written messages for the common mistakes, every diagnostic located and
shown with its source line and caret, and several errors reported in one run."""

from __future__ import annotations

import re

import pytest

from charterlogic import api
from charterlogic.syntax.diagnostics import MAX_SHOWN, CharterError
from charterlogic.syntax.parser import SYNTAX_EXAMPLES

PREFIXES = ("", "kind k\n", 'article 0 "x" { define z(a: k, b: k) := y(a, b) }\n')


def diagnose(text: str, name: str = "x.dsl") -> CharterError:
    """The error of loading `text` as a charter (a bad date is reported by the resolver)."""
    with pytest.raises(CharterError) as caught:
        api.load_charter_text(text, name)
    return caught.value


@pytest.mark.parametrize("code, example", [
    (code, example) for code, (_, examples) in SYNTAX_EXAMPLES.items() for example in examples])
@pytest.mark.parametrize("prefix", PREFIXES, ids=("first", "after-kind", "after-article"))
def test_every_syntax_example_triggers_its_message(code: str, example: str, prefix: str) -> None:
    # what comes before the mistake must not change the diagnosis
    error = diagnose(prefix + example)
    assert error.diagnostics[0].code == code
    assert error.diagnostics[0].message == SYNTAX_EXAMPLES[code][0]


COMMON_MISTAKES = [
    # (the mistake, the input, code, text the message or suggestion must contain)
    ("missing brace before the next article",
     'kind state\narticle 1 "t" {\n  text "x"\n\narticle 2 "u" { text "y" }\n',
     "E003", "the block opened at x.dsl:2:15"),
    ("missing brace at the end", 'kind state\narticle 1 "t" {\n  text "x"\n', "E003",
     "the block opened at x.dsl:2:15"),
    ("missing brace in a scenario", 'scenario "s" {\n  on 2024-01-01\n', "E003", "opened at"),
    ("missing when", 'article 1 "t" { norm n: every party q: must assist(q, p) attack(x, p) }',
     "E002", "`when`"),
    ("misspelt when", 'article 1 "t" { norm n: every party q: must assist(q, p) wen a(q) }',
     "E002", "did you mean `when`?"),
    ("misspelt keyword", 'artcle 1 "t" { text "x" }', "E001", "did you mean `article`?"),
    ("misspelt define", 'article 1 "t" { defne a := b }', "E001", "did you mean `define`?"),
    ("misspelt must", 'article 1 "t" { norm n: every party q: mst assist(q) }', "E004",
     "did you mean `must`?"),
    ("misspelt unverified", 'article x "t" unverifed { }', "E001",
     "did you mean `unverified`?"),
    ("unterminated string at the end of a line", 'article 1 "t" { text "x }\n', "E009",
     'close the string with `"`'),
    ("unterminated string swallowing the next", 'article 1 "t { text "x" }', "E009",
     "the string runs on to the quote before `x`"),
    ("date written day first", 'charter "t" { signed 16/09/2023 }', "E007",
     "write `2023-09-16`"),
    ("date without zero padding", 'charter "t" { signed 2023-9-16 }', "E007",
     "write `2023-09-16`"),
    ("date with dots", 'scenario "s" { on 16.09.2023 }', "E007", "write `2023-09-16`"),
    ("ambiguous date", 'scenario "s" { on 05/06/2023 }', "E007", "YYYY-MM-DD"),
    ("a year alone", 'charter "t" { signed 2023 }', "E007", "YYYY-MM-DD"),
    ("impossible date", 'charter "t" { signed 2023-02-30 }', "E010", "2023-02-30"),
]


@pytest.mark.parametrize("mistake, text, code, shown", COMMON_MISTAKES,
                         ids=[m[0] for m in COMMON_MISTAKES])
def test_common_mistakes_get_a_hand_written_message(mistake: str, text: str, code: str,
                                                    shown: str) -> None:
    error = diagnose(text)
    assert [d.code for d in error.diagnostics] == [code]
    rendered = str(error)
    assert shown in rendered
    assert_rendered_with_caret(rendered)


def assert_rendered_with_caret(rendered: str) -> None:
    """file:line:column, then the numbered source line, then a caret line."""
    for block in rendered.split("\n\n"):
        if block.startswith("..."):
            continue
        head, _, line, caret, *_ = [*block.split("\n"), "", "", "", ""]
        match = re.match(r"^(\S+):(\d+):(\d+): error\[E\d{3}\]: ", head)
        assert match, block
        assert line.startswith(f"{match[2]} | "), block
        column = int(match[3])
        gutter = len(match[2]) + 3
        assert caret[gutter + column - 1] == "^", block


def test_the_caret_points_at_the_span_whatever_the_indentation() -> None:
    error = diagnose('kind state\narticle 1 "t" {\n\t\tnorm n: every state q: shall a(q)\n}\n')
    rendered = str(error)
    assert "x.dsl:3:26:" in rendered
    assert_rendered_with_caret(rendered)


def test_several_syntax_errors_are_reported_in_one_run() -> None:
    text = (
        'kind state\n'
        'party x "X" y\n'                                  # unexpected token
        'article 1 "t" {\n  text "x"\n'                    # missing brace
        'article 2 "u" {\n  norm n: every state q: mst a(q)\n}\n'   # misspelt modality
        'article 3 "v { text "y" }\n'                      # unterminated string
        'charter "c" { signed 16/09/2023 }\n'              # date format
    )
    error = diagnose(text)
    assert [(d.code, d.span.line) for d in error.diagnostics] == [
        ("E001", 2), ("E003", 5), ("E004", 6), ("E009", 8), ("E007", 9)]
    assert_rendered_with_caret(str(error))


def test_many_syntax_errors_end_with_and_n_more() -> None:
    text = "kind state\n" + "".join(f'party p{i} "P" oops\n' for i in range(MAX_SHOWN + 7))
    error = diagnose(text)
    assert len(error.diagnostics) == MAX_SHOWN + 7
    rendered = str(error)
    assert rendered.endswith("... and 7 more")
    assert rendered.count("error[E001]") == MAX_SHOWN


def test_the_resolver_reports_every_unknown_predicate_in_one_run() -> None:
    text = ('kind state\nparty mali "Mali"\nevent attack(x: state, y: state)\n'
            'act assist(q: state, p: state)\narticle 1 "t" {\n'
            + "".join(f"  define d{i}(x: state) := nothing{i}(x)\n" for i in range(25))
            + "}\n")
    with pytest.raises(CharterError) as caught:
        api.load_charter_text(text, "x.dsl")
    codes = [d.code for d in caught.value.diagnostics]
    assert codes == ["E104"] * 25
    assert str(caught.value).endswith("... and 5 more")


def test_a_flag_with_a_syntax_error_is_located_in_the_flag() -> None:
    charter = api.load_charter()
    with pytest.raises(CharterError) as caught:
        api.scenario_from_flags(charter, event=["attack(chad, territory(niger)"],
                                on="2024-01-01")
    rendered = str(caught.value)
    assert rendered.startswith("--event:1:")
    assert "attack(chad, territory(niger)" in rendered
