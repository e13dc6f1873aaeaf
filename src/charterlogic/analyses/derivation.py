"""Derivations: the chain of norms, definitions, articles and facts behind an answer.

Read off a ground formula's proof tree (ground.G keeps the nodes that justify each value). The
result is plain data; render/ draws it as an indented tree or as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ground.from_model import G, Op
from ..model import types as m


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a derivation.

    kind: "norm", "definition", "widening", "binding", "fact", "denied" (a fact the scenario
    states false, relied on as false), "absent", "unknown",
    "interpretation", "date", "test", "priority".
    """

    kind: str
    text: str
    citation: m.Citation | None = None
    children: tuple[Step, ...] = ()


#: Steps already derived for a formula node (ground formulas hash by identity).
Memo = dict[tuple[G, bool], list[Step]]


def derive(node: G, memo: Memo | None = None) -> tuple[Step, ...]:
    """The steps that justify `node`'s value (or, undecided, what it still depends on).

    `memo`, shared by several derivations, reuses the steps of the subformulas they share."""
    return tuple(_steps(node, False, {} if memo is None else memo))


def _steps(node: G, negated: bool, memo: Memo) -> list[Step]:
    key = (node, negated)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _node_steps(node, negated, memo)
    return found


def _node_steps(node: G, negated: bool, memo: Memo) -> list[Step]:
    op = node.op
    if op is Op.CONST:
        return []
    if op is Op.ATOM:
        if node.value is None:
            return [Step("unknown", f"unknown: {node.label}")]
        holds = node.value != negated
        if node.value:
            return [Step("fact", node.label if not negated else f"not {node.label}")]
        if holds and node.dates:  # stated false, and relied on: a trigger, as a fact is
            return [Step("denied", f"not {node.label}")]
        return [Step("absent", f"not {node.label}" if holds else node.label)]
    if op is Op.INTERP:
        return [Step("interpretation", reading_text(node))]
    if op is Op.DATE:
        # the facts whose dates it compares, as they stand (a comparison's negation is not theirs)
        dated = tuple(step for child in node.children for step in _steps(child, False, memo))
        return [Step("date", node.label if not negated else f"not ({node.label})", None, dated)]
    if op is Op.TEST:
        return [Step("test", node.label if not negated else f"not {node.label}")]
    if op is Op.NOT:
        return _steps(node.children[0], not negated, memo)
    if op in (Op.AND, Op.OR):
        return [step for child in node.children for step in _steps(child, negated, memo)]
    inner = tuple(step for child in node.children for step in _steps(child, negated, memo))
    if op is Op.CLAUSE:
        return list(inner)  # the defining article's part: the definition step cites it
    if op is Op.WIDENING:
        return [Step("widening", f"widened by {node.label}", node.citation, inner)]
    if op is Op.BINDING:
        return [Step("binding", node.label, None, inner)] if inner else []
    if negated and op is not Op.DEFINITION:
        # a norm that fails is shown whole; why it fails is `explain`'s business
        return [Step(op.value, f"not {node.label}", node.citation)]
    if negated:
        # a definition that fails, with why: the readings and the dates it rests on are part of
        # the answer (`not withdrawn(niger)`: its notice has not run, under released_at_notice)
        return [Step(op.value, f"not {node.label}", node.citation, inner)]
    return [Step(op.value, node.label, node.citation, inner)]


def reading_text(node: G) -> str:
    """`interpretation NAME (OPTION)`: the reading an "interp" node tests, at its setting."""
    setting = node.dates[2] if len(node.dates) > 2 and node.dates[2] is not None else "open"
    return f"interpretation {node.label} ({setting})"


def facts_used(steps: tuple[Step, ...]) -> set[str]:
    """The scenario's facts that a derivation relies on: the true ones, and those stated false
    that it reads as false (`not go(alpha)`, the trigger of a contrary-to-duty norm)."""
    found: set[str] = set()
    stack = list(steps)
    while stack:
        step = stack.pop()
        if step.kind in ("fact", "denied"):
            found.add(step.text)
        stack.extend(step.children)
    return found


def citations(steps: tuple[Step, ...]) -> tuple[m.Citation, ...]:
    """Every article a derivation cites, in order of first appearance."""
    found: dict[m.Citation, None] = {}

    def visit(step: Step) -> None:
        if step.citation is not None:
            found.setdefault(step.citation)
        for child in step.children:
            visit(child)

    for step in steps:
        visit(step)
    return tuple(found)


def interpretations(steps: tuple[Step, ...]) -> tuple[str, ...]:
    """The interpretations a derivation relies on, as `name (on|off)`."""
    found: dict[str, None] = {}
    stack = list(reversed(steps))
    while stack:
        step = stack.pop()
        if step.kind == "interpretation":
            found.setdefault(step.text.removeprefix("interpretation "))
        stack.extend(reversed(step.children))
    return tuple(found)
