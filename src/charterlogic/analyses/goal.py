"""Goals: what `explain` and `find` are asked about, and the norm instances that answer them.

A goal is one line of text:

    must assist(burkina_faso, niger)        an obligation (also `may`, `must not`)
    may use_force(mali, _, _)               `_` stands for any value
    violates 8                              some party violates a norm of Art. 8
    mali violates no_force                  a party violates a named norm (or an article)

Parsing reuses the charter's grammar for the act, so a typo is reported with a caret and a
did-you-mean, like any other input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..ground.from_model import Facts, Grounder
from ..model import types as m
from ..model.facts import AtomKey, Value, show
from ..model.from_syntax import Names
from ..model.scenario import scenario_names
from ..syntax import ast
from ..syntax.diagnostics import (
    CharterError,
    Diagnostic,
    choices_note,
    closest_first,
    did_you_mean,
)
from ..syntax.parser import parse
from ..syntax.source import Source
from ..syntax.words import indefinite

#: The name error messages give the goal text.
GOAL_SOURCE = "goal"

#: A pattern for one argument of the act: a value, or None for `_` (any value).
Pattern = object


@dataclass(frozen=True)
class Goal:
    """A parsed goal.

    For a norm goal, `modality`, `predicate` and `pattern` are set; for a violation goal,
    `norms` names the norms it covers and `holder` the party (None: any).
    """

    text: str
    kind: str  # "norm" or "violation"
    modality: m.Modality | None = None
    predicate: str = ""
    pattern: tuple[Pattern, ...] = ()
    norms: tuple[str, ...] = ()
    holder: str | None = None
    target: str = ""  # the article or norm a violation goal names, as written


@dataclass(frozen=True)
class Instance:
    """One instance of a norm that a goal is about."""

    norm: m.Norm
    binding: dict[str, Value]
    holder: str
    action: str  # the act's text: `assist(mali, niger)`
    arguments: tuple[Value, ...]

    @property
    def atom(self) -> AtomKey:
        """The act, as a ground atom."""
        return AtomKey(self.norm.action.predicate, self.arguments)


_MODAL = re.compile(r"^\s*(must\s+not|must|may)\s+")
_VIOLATES = re.compile(r"^\s*(?:(some\s+party|[A-Za-z_][A-Za-z0-9_]*)\s+)?violates\s+(.+?)\s*$")


def parse_goal(charter: m.Charter, text: str, actors: dict[str, str] | None = None) -> Goal:
    """Parse `text` (see the module docstring); raise CharterError, located, on a bad goal."""
    source = Source(GOAL_SOURCE, text)
    names = {*charter.actors, *(actors or {})}
    violation = _VIOLATES.match(text)
    if violation:
        return _violation_goal(charter, source, violation, names)
    modal = _MODAL.match(text)
    if not modal:
        raise _error(source, "E130", "a goal starts with `must`, `may`, `must not`, or names a "
                     "violation", 0, len(text), notes=(
                         "for example `must assist(mali, niger)` or `some party violates 8`",))
    modality = m.Modality.from_keyword(" ".join(modal.group(1).split()))
    # pad with spaces so that the act's positions are the goal's positions
    padded = Source(GOAL_SOURCE, " " * modal.end() + text[modal.end():])
    try:
        fact = parse(padded, start="fact_flag")
    except CharterError as error:
        raise CharterError(error.diagnostics, {GOAL_SOURCE: source}) from None
    atom: ast.Atom = fact.atom
    predicate = charter.predicates.get(atom.name)
    if predicate is None or predicate.role != "act":
        acts = {p.name: f"{p.name}({', '.join(v.sort for v in p.params)})"
                for p in charter.predicates.values() if p.role == "act"}
        raise CharterError((Diagnostic(
            "E109", f"`{atom.name}` is not an act of the charter", atom.span,
            did_you_mean(atom.name, acts), (
                "norms oblige, permit and forbid acts",
                choices_note("the acts", closest_first(atom.name, acts.values())))),),
            {GOAL_SOURCE: source})
    if len(atom.args) != len(predicate.params):
        raise CharterError((Diagnostic(
            "E102", f"`{atom.name}` takes {len(predicate.params)} arguments, not "
            f"{len(atom.args)}", atom.span),), {GOAL_SOURCE: source})
    known = scenario_names(charter, actors or {})
    pattern = tuple(_pattern(term, param.sort, known, source, f"{atom.name}'s {param.name}")
                    for term, param in zip(atom.args, predicate.params, strict=True))
    return Goal(text.strip(), "norm", modality, atom.name, pattern)


def _violation_goal(charter: m.Charter, source: Source, match: re.Match[str],
                    names: set[str]) -> Goal:
    who, target = match.group(1), match.group(2)
    holder = None
    if who is not None and " " not in who:
        if who not in names:
            raise _error(source, "E101", f"unknown party `{who}`", match.start(1), len(who),
                         did_you_mean(who, names))
        holder = who
    label = re.sub(r"^(?:art(?:icle)?\.?\s*)", "", target, flags=re.IGNORECASE)
    forbidding = [n for n in charter.norms.values() if n.modality is not m.Modality.PERMITTED]
    if label in charter.norms:
        chosen = [n for n in forbidding if n.name == label]
        if not chosen:
            raise _error(source, "E130", f"`{label}` is a permission: it cannot be violated",
                         match.start(2), len(target))
    else:
        chosen = [n for n in forbidding if str(n.citation.label) == label]
        if not chosen:
            labels = [str(a.citation.label) for a in charter.articles] + list(charter.norms)
            known = any(str(a.citation.label) == label for a in charter.articles)
            message = (f"article `{label}` has no obligation or prohibition to violate" if known
                       else f"no article or norm `{label}`")
            raise _error(source, "E130", message, match.start(2), len(target),
                         did_you_mean(label, labels))
    return Goal(source.text.strip(), "violation", norms=tuple(n.name for n in chosen),
                holder=holder, target=target)


def _pattern(term: ast.Term, expected: str, names: Names, source: Source,
             place: str) -> Pattern:
    """The goal's argument as a pattern (`_` is None, any value). A value must fit its position:
    `must assist(mali, ecowas)` is an error, not a question the charter answers "never" to, since
    no norm can be about an organisation where the act takes a state."""
    name = getattr(term, "name", "")
    if isinstance(term, ast.Name) and name == "_":
        return None
    constructor = names.constructors.get(name)
    if isinstance(term, ast.Name) and name in names.actors:
        sort = names.sort_of_actor(name)
    elif constructor is not None and isinstance(term, ast.Applied) == bool(
            constructor.arg_sorts):
        sort = constructor.sort
    else:
        what = f"unknown name `{name}`" if isinstance(term, ast.Name) else (
            f"`{name or 'this'}` is not a value the act can take")
        notes = names.fitting_note(name, expected)
        raise CharterError((Diagnostic(
            "E101", what, term.span, did_you_mean(name, names.term_names()) if name else None,
            (*notes, "write `_` for any value")),), {GOAL_SOURCE: source})
    if not names.subsort(sort, expected):
        shown = f"{name}(...)" if isinstance(term, ast.Applied) else name
        raise CharterError((Diagnostic(
            "E103", f"`{shown}` is {indefinite(sort)}, but {indefinite(expected)} is expected "
            f"as {place}", term.span, None,
            (*names.fitting_note(name, expected), "write `_` for any value")),),
            {GOAL_SOURCE: source})
    if isinstance(term, ast.Applied):
        assert constructor is not None
        return (name, *(_pattern(arg, arg_sort, names, source, f"{name}'s argument")
                        for arg, arg_sort in zip(term.args, constructor.arg_sorts,
                                                 strict=False)))
    return name


def _error(source: Source, code: str, message: str, offset: int, length: int,
           suggestion: str | None = None, notes: tuple[str, ...] = ()) -> CharterError:
    return CharterError((Diagnostic(code, message, source.span_at(offset, length), suggestion,
                                    notes),), {GOAL_SOURCE: source})


def matches(pattern: Pattern, value: Value) -> bool:
    """Whether a ground value fits a pattern (`None` fits anything)."""
    if pattern is None:
        return True
    if isinstance(pattern, str) or isinstance(value, str):
        return pattern == value
    assert isinstance(pattern, tuple)
    return (len(pattern) == len(value) and pattern[0] == value[0]
            and all(matches(p, v) for p, v in zip(pattern[1:], value[1:], strict=True)))


def instances(goal: Goal, grounder: Grounder) -> Iterator[Instance]:
    """Every norm instance over the grounder's domain that the goal is about, in charter order."""
    charter = grounder.charter
    # a holder the norm excludes whatever happens (`every party q other than p`) is no instance
    structural = Grounder(charter, grounder.domain, Facts(None, {}))
    for norm in charter.norms.values():
        if goal.kind == "norm":
            if norm.modality is not goal.modality or norm.action.predicate != goal.predicate:
                continue
        elif norm.name not in goal.norms:
            continue
        for binding in grounder.bindings(norm.parameters):
            args = grounder.values(norm.action.args, binding)
            holder = grounder.value(norm.holder, binding)
            if args is None or holder is None:
                continue
            if goal.kind == "norm" and not all(
                    matches(p, a) for p, a in zip(goal.pattern, args, strict=False)):
                continue
            if goal.holder is not None and holder != goal.holder:
                continue
            if structural.expr(norm.guard, binding).value is False:
                continue
            yield Instance(norm, binding, show(holder), str(AtomKey(norm.action.predicate, args)),
                           args)


def no_instance_error(charter: m.Charter, goal: Goal) -> CharterError:
    """The message for a goal that no norm of the charter can ever answer."""
    source = Source(GOAL_SOURCE, goal.text)
    related = [f"{n.name} ({n.modality.value}, {n.citation})" for n in charter.norms.values()
               if n.action.predicate == goal.predicate]
    notes = (("the norms on this act: " + "; ".join(related),) if related
             else ("no norm of the charter is about this act",))
    return _error(source, "E131", "no norm of the charter gives this, for any holder", 0,
                  len(goal.text), notes=notes)
