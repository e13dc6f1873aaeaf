"""The Pygments lexer of the DSL: `pygmentize -l charterdsl charter.dsl`, and the ```charterdsl
blocks of documentation tools (registered by the `pygments.lexers` entry point).

Its words are those of syntax/keywords.py, which tests/test_highlighting.py checks against
charter.lark; editors/vscode's TextMate grammar is checked against the same lists.
"""

from __future__ import annotations

from typing import ClassVar

from pygments.lexer import (  # type: ignore[import-untyped, unused-ignore]
    RegexLexer,
    bygroups,
    words,
)
from pygments.token import (  # type: ignore[import-untyped, unused-ignore]
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)

from . import keywords


class CharterDslLexer(RegexLexer):  # type: ignore[misc, unused-ignore]
    """Charters and scenario files of charterlogic."""

    name = "charterlogic DSL"
    aliases: ClassVar[list[str]] = ["charterdsl", "charterlogic"]
    filenames: ClassVar[list[str]] = ["*.dsl", "*.scenario"]
    mimetypes: ClassVar[list[str]] = ["text/x-charterdsl"]
    url = "https://github.com/charterlogic/charterlogic"

    tokens: ClassVar[dict[str, list[object]]] = {
        "root": [
            (r"\s+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"(?:[^"\\\n]|\\.)*"', String.Double),
            (r"\d{4}-\d{2}-\d{2}", Number.Other),  # a date
            (r"\d+", Number.Integer),
            # the name a declaration introduces
            (r"\b(kind|party|actor|sort|event|act|interpretation|incompatible|assume|define"
             r"|extend|norm|date)(\s+)([A-Za-z_]\w*)",
             bygroups(Keyword.Declaration, Whitespace, Name.Function)),
            (r"\bmust\s+not\b", Keyword.Pseudo),
            (words(keywords.MODALITIES, prefix=r"\b", suffix=r"\b"), Keyword.Pseudo),
            (words(keywords.DECLARATIONS, prefix=r"\b", suffix=r"\b"), Keyword.Declaration),
            (words(keywords.OPERATORS, prefix=r"\b", suffix=r"\b"), Operator.Word),
            (words(keywords.CONSTANTS, prefix=r"\b", suffix=r"\b"), Keyword.Constant),
            (words(keywords.CLAUSES, prefix=r"\b", suffix=r"\b"), Keyword),
            (r"[A-Za-z_]\w*", Name),
            (r":=|!=|<=|>=|[=<>+|]", Operator),
            (r"[{}():,]", Punctuation),
            (r".", Text),
        ],
    }
