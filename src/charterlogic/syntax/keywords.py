"""The DSL's keywords by role: one list for the parser's suggestions, the editor's completion and
the highlighters (Pygments, TextMate).

The lists are written out, not computed, so that the Pygments lexer loads without building the
parser; tests/test_keywords.py checks that they are exactly the words of charter.lark, so the
grammar and the highlighters cannot drift apart.
"""

from __future__ import annotations

#: The words that begin a top-level declaration.
DECLARATIONS = ("use", "charter", "kind", "party", "actor", "sort", "event", "act",
                "interpretation", "incompatible", "assume", "article", "scenario")
#: The words of the clauses inside a declaration or a block.
CLAUSES = ("signed", "at", "in_force", "text", "note", "date", "define", "extend", "norm",
           "every", "other", "than", "when", "unless", "priority", "over", "unverified", "on",
           "fact", "from", "until", "unknown", "expect", "violation", "by", "no", "nothing",
           "for", "of", "depends", "triggered", "finding", "paragraph", "default", "literal",
           "cited", "secondary", "memory")
#: The modalities of norms and of expectations.
MODALITIES = ("must", "may", "obliged", "permitted", "forbidden")
#: The words of expressions.
OPERATORS = ("and", "or", "not", "if", "then", "else", "some", "all")
#: Constants: truth values, interpretation switches, today, units of time.
CONSTANTS = ("true", "false", "off", "today", "day", "days", "month", "months", "year", "years")

ALL = tuple(sorted({*DECLARATIONS, *CLAUSES, *MODALITIES, *OPERATORS, *CONSTANTS}))

#: The keywords that the grammar matches with a regular expression, by terminal (the others
#: are plain strings, which Lark names after themselves).
REGEX_KEYWORDS: dict[str, tuple[str, ...]] = {
    "MODALITY": ("must", "must not", "may"), "PREDICATE_KIND": ("event", "act"),
    "QUANTIFIER": ("some", "all"), "SWITCH": ("on", "off"), "UNVERIFIED": ("unverified",),
    "CONFIDENCE": ("secondary", "memory"),
    "UNIT": ("day", "days", "month", "months", "year", "years"),
    "DEONTIC": ("obliged", "permitted", "forbidden"),
}
