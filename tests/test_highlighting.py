"""The highlighters cannot drift from the grammar: the keyword lists of syntax/keywords.py are
exactly the words of charter.lark, and the Pygments lexer and the TextMate grammar of
editors/vscode use exactly those lists."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name
from pygments.token import Error, Keyword, Name, Operator

from charterlogic.syntax import keywords
from charterlogic.syntax.highlight import CharterDslLexer
from charterlogic.syntax.parser import _parser

ROOT = Path(__file__).resolve().parent.parent
TEXTMATE = ROOT / "editors" / "vscode" / "syntaxes" / "charterdsl.tmLanguage.json"
#: The grammar's terminals that are not keywords.
NOT_KEYWORDS = {"WS", "COMMENT", "NAME", "INT", "DATE", "STRING", "COMPARE"}


def _expand(pattern: str) -> set[str]:
    """The words a keyword regex of charter.lark matches: `(months?|years?)\\b`, `must\\s+not`."""
    words: set[str] = set()
    for alternative in pattern.replace("\\b", "").strip("()").split("|"):
        word = alternative.strip("()").replace("\\s+", " ")
        words |= {word[:-2], word[:-1]} if word.endswith("s?") else {word}
    return words


def grammar_words() -> set[str]:
    """Every keyword of charter.lark: its string terminals and its keyword regexes, expanded."""
    words: set[str] = set()
    for terminal in _parser().terminals:
        pattern = terminal.pattern
        if pattern.type == "str" and pattern.value.replace("_", "").isalpha():
            words.add(pattern.value)
        elif pattern.type == "re" and terminal.name not in NOT_KEYWORDS:
            words |= _expand(pattern.value)
    return words


def test_the_keyword_lists_are_the_words_of_the_grammar() -> None:
    listed = {part for word in keywords.ALL for part in word.split()}
    assert listed == {part for word in grammar_words() for part in word.split()}


def test_the_keywords_matched_by_a_regex_are_listed_by_terminal() -> None:
    regex_terminals = {t.name: t.pattern.value for t in _parser().terminals
                       if t.pattern.type == "re" and t.name not in NOT_KEYWORDS}
    assert set(keywords.REGEX_KEYWORDS) == set(regex_terminals)
    for name, pattern in regex_terminals.items():
        assert set(keywords.REGEX_KEYWORDS[name]) == _expand(pattern), name
        for word in keywords.REGEX_KEYWORDS[name]:
            assert re.fullmatch(pattern, word), (name, word)


def test_the_pygments_lexer_is_registered_by_its_entry_point() -> None:
    assert isinstance(get_lexer_by_name("charterdsl"), CharterDslLexer)


def test_pygmentize_highlights_the_shipped_charter() -> None:
    done = subprocess.run([sys.executable, "-m", "pygments", "-l", "charterdsl", "-f", "html",
                           str(ROOT / "charter.dsl")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '<span class="kd">article</span>' in done.stdout


@pytest.mark.parametrize("path", [ROOT / "charter.dsl",
                                  *sorted((ROOT / "tests" / "scenarios").glob("*.scenario"))],
                         ids=lambda p: p.name)
def test_the_lexer_reads_every_shipped_file_without_error(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tokens = list(CharterDslLexer().get_tokens(text))
    assert "".join(value for _, value in tokens) == text
    assert not [value for kind, value in tokens if kind in Error]
    for kind, value in tokens:
        if kind in Keyword or kind is Operator.Word:
            assert " ".join(value.split()) in keywords.ALL or value.split()[0] == "must", value


def test_every_keyword_is_highlighted_as_a_keyword_and_other_names_are_not() -> None:
    lexer = CharterDslLexer()
    for word in keywords.ALL:
        [(kind, value), *_] = lexer.get_tokens(word)
        assert value == word and (kind in Keyword or kind is Operator.Word), word
    [(kind, _), *_] = lexer.get_tokens("aggression")
    assert kind in Name


def _textmate_words(name: str) -> set[str]:
    grammar = json.loads(TEXTMATE.read_text(encoding="utf-8"))
    words: set[str] = set()
    for rule in grammar["repository"]["keywords"]["patterns"]:
        if rule["name"] == name and rule["match"].startswith("\\b("):
            words |= set(rule["match"][3:-3].split("|"))
    return words


@pytest.mark.parametrize("scope, listed", [
    ("keyword.other.declaration.charterdsl", keywords.DECLARATIONS),
    ("keyword.control.clause.charterdsl", keywords.CLAUSES),
    ("keyword.other.modality.charterdsl", keywords.MODALITIES),
    ("keyword.operator.word.charterdsl", keywords.OPERATORS),
    ("constant.language.charterdsl", keywords.CONSTANTS),
])
def test_the_textmate_grammar_uses_the_same_lists(scope: str, listed: tuple[str, ...]) -> None:
    assert _textmate_words(scope) == set(listed)


def test_the_textmate_patterns_compile_and_the_extension_names_them() -> None:
    grammar = json.loads(TEXTMATE.read_text(encoding="utf-8"))
    for rule in grammar["repository"].values():
        for pattern in rule.get("patterns", [rule]):
            for key in ("match", "begin", "end"):
                if key in pattern:
                    re.compile(pattern[key])
    package = json.loads((TEXTMATE.parent.parent / "package.json").read_text(encoding="utf-8"))
    [language] = package["contributes"]["languages"]
    assert language["extensions"] == [".dsl", ".scenario"]
    [contributed] = package["contributes"]["grammars"]
    assert contributed["scopeName"] == grammar["scopeName"]
    assert (TEXTMATE.parent.parent / contributed["path"]).resolve() == TEXTMATE
    command = package["contributes"]["configuration"]["properties"]["charterlogic.server.command"]
    assert command["default"] == ["charterlogic", "lsp"]
