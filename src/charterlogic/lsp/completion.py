"""Completion at the cursor: what the grammar accepts there, from Lark's interactive parser.

The text from the start of the current declaration to the cursor (less the word being typed) is
fed to the parser; `accepts()` gives the terminals that may come next. Keywords among them are
offered as they are; where a NAME may come, the parser's stack says which names fit: in the
arguments of `attack(`, the values of the parameter's sort (`attack(x, ` -> the six targets);
after `must`, the acts; after `every`, the kinds and one-place definitions; in a condition, the
events, acts, definitions, kinds and interpretations; after a reading (`interpretation
field_country ` in a scenario, `field_country = ` in a condition), its options; and so on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Token, Tree

from ..model import types as m
from ..syntax import ast
from ..syntax.parser import DECLARATION_START, accepted_keywords, expected_after
from .session import Vocabulary

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True, slots=True)
class Item:
    """One completion: the text to insert, what it is ('keyword', 'act', 'target', ...), and a
    line of detail."""

    label: str
    kind: str
    detail: str = ""


def complete(text: str, offset: int, vocabulary: Vocabulary | None,
             scenario: bool = False) -> list[Item]:
    """The completions at `offset` of `text` that start with the word being typed there, each
    once, keywords last."""
    before = text[:offset]
    typed = _WORD.search(before)
    if typed is not None:
        before = before[:typed.start()]
    starts = [match.start() for match in DECLARATION_START.finditer(before)]
    expected = expected_after(before[starts[-1]:] if starts else before)
    if expected is None:
        return []
    accepts, stack = expected
    items: list[Item] = []
    reading = _reading_at(stack, vocabulary) if vocabulary else None
    sort = _argument_sort(stack, vocabulary) if vocabulary else None
    if reading is not None:
        items += _options(reading)  # and no keyword: `on`, `today` are not its options
    elif "NAME" in accepts and vocabulary is not None:
        items += _values(sort, vocabulary) if sort else _names(stack, vocabulary, scenario)
    if reading is None and (sort is None or sort == m.DATE):
        items += [Item(word, "keyword") for word in sorted(set(accepted_keywords(accepts)))]
    word = typed.group() if typed else ""
    return list({item.label: item for item in items if item.label.startswith(word)}.values())


def _argument_sort(stack: list[object], vocabulary: Vocabulary) -> str | None:
    """The sort of the argument at the cursor, if it is in the arguments of a declared name."""
    depth, count = 0, 0
    for position in range(len(stack) - 1, 0, -1):
        item = stack[position]
        if isinstance(item, Token) and item.type == "RPAR":
            depth += 1
        elif isinstance(item, Token) and item.type == "LPAR":
            if depth:
                depth -= 1
                continue
            name = stack[position - 1]
            if not (isinstance(name, Token) and name.type == "NAME"):
                return None
            if _declaring(stack[:position - 1]):
                return None  # `act attack(` declares parameters: no value goes there
            sorts = vocabulary.params(str(name))
            return sorts[count] if sorts and count < len(sorts) else None
        elif depth == 0 and isinstance(item, Tree):
            count += len(item.children) if item.data.startswith("__") else 1
    return None


def _declaring(stack: list[object]) -> bool:
    last = stack[-1] if stack else None
    return isinstance(last, Token) and last.type in ("PREDICATE_KIND", "DEFINE", "EXTEND")


def _values(sort: str, vocabulary: Vocabulary) -> list[Item]:
    """The values of `sort`: its constructors, or the actors of a kind."""
    if sort in vocabulary.sorts:
        return [Item(c.name, sort, f"{c.name}({', '.join(c.arg_sorts)})" if c.arg_sorts
                     else sort) for c in vocabulary.sorts[sort].constructors]
    if sort == m.DATE:
        return [Item(name, "date", value) for name, value in vocabulary.dates.items()]
    return [Item(name, vocabulary.kind_of(name), _display(vocabulary, name))
            for name in vocabulary.actors
            if sort == m.ACTOR or vocabulary.kind_of(name) == sort]


def _names(stack: list[object], vocabulary: Vocabulary, scenario: bool) -> list[Item]:
    """The declared names that fit where the parser stands."""
    last = stack[-1] if stack else None
    kind = last.type if isinstance(last, Token) else ""
    v = vocabulary
    if kind == "MODALITY" or (kind == "DEONTIC" and scenario):
        return _predicates(v, "act")
    if kind in ("FACT", "UNKNOWN") or (kind == "NOT" and _in_scenario(stack)):
        return _predicates(v, "event") + _predicates(v, "act")
    if kind in ("EVERY", "QUANTIFIER"):
        unary = [n for n, clauses in v.definitions.items() if (v.params(n) or ()) == ("state",)
                 or len(v.params(n) or ()) == 1]
        return [Item(n, "kind", v.kinds[n]) for n in v.kinds] + [
            Item(n, "definition") for n in unary]
    if kind == "COLON" and _after(stack, ("ACTOR", "NAME", "COLON")):
        return [Item(n, "kind", v.kinds[n]) for n in v.kinds if n != "party"]
    if kind == "COLON" and isinstance(stack[-2], Token) and stack[-2].type == "NAME" \
            and any(isinstance(s, Token) and s.type == "LPAR" for s in stack[-3:-1]):
        return _sorts(v)
    if kind == "INTERPRETATION" and scenario:
        return [Item(n, "interpretation", f"default {i.default}")
                for n, i in v.interpretations.items()]
    if kind in ("OF", "OVER", "PRIORITY"):
        return [Item(n, "norm", f"{norm.modality} {norm.action.name}")
                for n, (norm, _, _) in v.norms.items()]
    if kind in ("BY", "FOR"):
        return [Item(n, v.kind_of(n), _display(v, n)) for n in v.actors]
    if kind == "EXTEND":
        return [Item(n, "definition") for n in v.definitions]
    if kind == "COMPARE":
        return _values(m.ACTOR, v) + [Item(n, s) for n, (_, s) in v.constructors.items()]
    if kind in ("WHEN", "UNLESS", "AND", "OR", "NOT", "__ANON_1", "IF", "THEN", "ELSE", "LPAR",
                "COLON"):
        return (_predicates(v, "event") + _predicates(v, "act")
                + [Item(n, "definition") for n in v.definitions]
                + [Item(n, "interpretation") for n in v.interpretations]
                + [Item(n, "kind", v.kinds[n]) for n in v.kinds])
    return []


def _reading_at(stack: list[object], vocabulary: Vocabulary) -> ast.InterpretationDecl | None:
    """The reading one of whose options goes at the cursor: after `interpretation NAME` in a
    scenario, or after `NAME =` (or `!=`) in a condition when NAME is a reading with options
    (an on/off reading is a condition by itself, compared to nothing)."""
    if _after(stack, ("INTERPRETATION", "NAME")) and _in_scenario(stack):
        return vocabulary.interpretations.get(str(stack[-1]))
    if len(stack) >= 2 and isinstance(stack[-1], Token) and stack[-1].type == "COMPARE" \
            and str(stack[-1]) in ("=", "!=") and isinstance(stack[-2], Tree) \
            and stack[-2].data == "name_term":
        reading = vocabulary.interpretations.get(str(stack[-2].children[0]))
        return reading if reading is not None and reading.options else None
    return None


def _options(reading: ast.InterpretationDecl) -> list[Item]:
    names = [o.name for o in reading.options] or ["on", "off"]
    return [Item(name, "option", f"option of {reading.name}"
                 + (", the default" if name == reading.default else "")) for name in names]


def _predicates(vocabulary: Vocabulary, role: str) -> list[Item]:
    return [Item(n, role, f"{role} {n}({', '.join(f'{p.name}: {p.sort}' for p in d.params)})")
            for n, d in vocabulary.predicates.items() if d.role == role]


def _sorts(vocabulary: Vocabulary) -> list[Item]:
    return [Item(m.ACTOR, "sort")] + [Item(n, "kind") for n in vocabulary.kinds if n != "party"] \
        + [Item(n, "sort") for n in vocabulary.sorts]


def _display(vocabulary: Vocabulary, name: str) -> str:
    return str(getattr(vocabulary.actors[name], "display", name))


def _after(stack: list[object], types: tuple[str, ...]) -> bool:
    tail = stack[-len(types):]
    return len(tail) == len(types) and all(
        isinstance(t, Token) and t.type == want for t, want in zip(tail, types, strict=True))


def _in_scenario(stack: list[object]) -> bool:
    return any(isinstance(s, Token) and s.type == "SCENARIO" for s in stack)
