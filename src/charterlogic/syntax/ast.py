"""The surface AST: what the file says, before any name is resolved.

Frozen dataclasses; every node carries its span, which equality ignores so that tests can compare
trees without positions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .source import NOWHERE, Span


def _span() -> Span:
    return field(default=NOWHERE, compare=False, repr=False)


# ---- terms and expressions ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Name:
    """A bare name in term position: a variable, an actor, a constant or a named date."""

    name: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Applied:
    """A constructor applied to terms: `territory(niger)`."""

    name: str
    args: tuple[Term, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class DateLiteral:
    value: datetime.date
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Today:
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class DateOf:
    """`date of attack(x, t)`: the day the fact started."""

    atom: Atom
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Shift:
    """`term + 6 months`; years are stored as months, days as days."""

    term: Term
    amount: int
    unit: str  # "months" or "days"
    span: Span = _span()


Term = Name | Applied | DateLiteral | Today | DateOf | Shift


@dataclass(frozen=True, slots=True)
class Atom:
    """`name(args)`: an event, an act, a definition, a kind test or an interpretation."""

    name: str
    args: tuple[Term, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class BoolLiteral:
    value: bool
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Expr, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Expr, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Conditional:
    test: Expr
    then: Expr
    otherwise: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Quantified:
    """`some party r: body` or `all party r: body`."""

    quantifier: str
    restriction: str
    variable: str
    body: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Compare:
    op: str
    left: Term
    right: Term
    span: Span = _span()


Expr = Atom | BoolLiteral | Not | And | Or | Conditional | Quantified | Compare


# ---- declarations -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    sort: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Header:
    title: str
    signed: datetime.date | None
    place: str | None
    in_force: datetime.date | None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class KindDecl:
    name: str
    description: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class PartyDecl:
    name: str
    display: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ActorDecl:
    name: str
    display: str
    kind: str
    span: Span = _span()
    kind_span: Span = _span()


@dataclass(frozen=True, slots=True)
class Constructor:
    name: str
    arg_sorts: tuple[str, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class SortDecl:
    name: str
    constructors: tuple[Constructor, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class PredicateDecl:
    """`event attack(attacker: actor, target: target)` or `act assist(...)`."""

    role: str  # "event" or "act"
    name: str
    params: tuple[Param, ...]
    description: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ReadingOption:
    """`name "justification"`: one option of a reading with named options."""

    name: str
    justification: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class InterpretationDecl:
    """An on/off reading (`options` empty, `default` "on" or "off"), or a reading with named
    options, of which `default` is one and `literal` (None: the first) another."""

    name: str
    default: str
    justification: str
    span: Span = _span()
    options: tuple[ReadingOption, ...] = ()
    literal: str | None = None
    default_span: Span = _span()


@dataclass(frozen=True, slots=True)
class IncompatibleDecl:
    name: str
    first: Atom
    second: Atom
    condition: Expr | None
    reason: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class AssumeDecl:
    """`assume NAME: EXPR "reason"`: a fact of the world that holds in every scenario."""

    name: str
    body: Expr
    reason: str
    span: Span = _span()


# ---- articles -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Definition:
    name: str
    params: tuple[Param, ...]
    body: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Extension:
    """`extend aggression(x, p) := ...`: another article widens a definition."""

    name: str
    params: tuple[str, ...]
    body: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Every:
    """`every party q other than p`."""

    restriction: str
    variable: str
    other_than: str | None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class HolderConstant:
    name: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Norm:
    name: str
    holder: Every | HolderConstant
    modality: str  # "must", "may", "must not"
    action: Atom
    condition: Expr | None
    exception: Expr | None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Priority:
    stronger: str
    weaker: str
    condition: Expr | None
    span: Span = _span()
    stronger_span: Span = _span()
    weaker_span: Span = _span()


@dataclass(frozen=True, slots=True)
class DateDecl:
    name: str
    value: datetime.date
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """`paragraph a { ... }`: a lettered paragraph of an article; its clauses cite `Art. N(a)`."""

    label: str
    text: str
    notes: tuple[str, ...]
    items: tuple[Definition | Extension | Norm | Priority, ...]
    span: Span = _span()


ArticleItem = Definition | Extension | Norm | Priority | DateDecl | Paragraph


@dataclass(frozen=True, slots=True)
class Article:
    label: int | str
    title: str
    unverified: bool
    text: str
    notes: tuple[str, ...]
    items: tuple[ArticleItem, ...]
    span: Span = _span()


# ---- scenarios ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fact:
    """`fact atom [from D] [until D]`, `not atom` or `unknown atom` in a scenario."""

    status: str  # "true", "false", "unknown"
    atom: Atom
    start: datetime.date | None = None
    end: datetime.date | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ScenarioActor:
    name: str
    kind: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class InterpretationSwitch:
    """`interpretation NAME OPTION` in a scenario (OPTION is `on`/`off` for an on/off reading)."""

    name: str
    option: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ExpectNorm:
    """`expect [not] obliged|permitted|forbidden act [depends on atom, ...]`."""

    positive: bool
    modality: str  # "obliged", "permitted", "forbidden"
    atom: Atom
    depends_on: tuple[Atom, ...] | None = None  # None: the answer must hold outright
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ExpectViolation:
    """`expect [no] violation [by party] [of norm | of article label[(paragraph)]] [depends on
    ...]`."""

    positive: bool
    party: str | None
    norm: str | None = None
    article: int | str | None = None
    depends_on: tuple[Atom, ...] | None = None
    span: Span = _span()
    paragraph: str | None = None


@dataclass(frozen=True, slots=True)
class ExpectNothingElse:
    """`expect nothing else [obliged|permitted|forbidden] [for party]`."""

    modality: str | None
    party: str | None
    span: Span = _span()


Expectation = ExpectNorm | ExpectViolation | ExpectNothingElse


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    on: datetime.date | None
    actors: tuple[ScenarioActor, ...]
    facts: tuple[Fact, ...]
    switches: tuple[InterpretationSwitch, ...]
    span: Span = _span()
    expectations: tuple[Expectation, ...] = ()


Declaration = (
    Header | KindDecl | PartyDecl | ActorDecl | SortDecl | PredicateDecl | InterpretationDecl
    | IncompatibleDecl | Article | Scenario | AssumeDecl
)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed file: its declarations in source order, and the problems found that did not stop
    the parse (impossible dates), for the resolver to report with its own."""

    declarations: tuple[Declaration, ...]
    problems: tuple[Diagnostic, ...] = ()
