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
    """A date written `2024-01-01`."""

    value: datetime.date
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Today:
    """`today`: the scenario's day."""

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
    """`true` or `false`."""

    value: bool
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Not:
    """`not EXPR`."""

    operand: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class And:
    """`EXPR and EXPR ...`, flattened."""

    operands: tuple[Expr, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Or:
    """`EXPR or EXPR ...`, flattened."""

    operands: tuple[Expr, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Conditional:
    """`if TEST then EXPR else EXPR`."""

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
    """`TERM op TERM`: equality of terms or an order of dates."""

    op: str
    left: Term
    right: Term
    span: Span = _span()


Expr = Atom | BoolLiteral | Not | And | Or | Conditional | Quantified | Compare


# ---- declarations -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter `name: sort` of a predicate or definition."""

    name: str
    sort: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Header:
    """`charter "title" { signed DATE in PLACE in_force DATE }`."""

    title: str
    signed: datetime.date | None
    place: str | None
    in_force: datetime.date | None
    span: Span = _span()
    cited: str | None = None  # `cited "Liptako-Gourma Charter"`: the name citations give it


@dataclass(frozen=True, slots=True)
class UseDecl:
    """`use "vocabulary.dsl"`: the declarations of another file of the same folder tree."""

    path: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class KindDecl:
    """`kind NAME "description"`: a kind of actor."""

    name: str
    description: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class PartyDecl:
    """`party NAME "Display"`: a signatory state."""

    name: str
    display: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ActorDecl:
    """`actor NAME "Display": KIND`: an actor the charter names that is not a party."""

    name: str
    display: str
    kind: str
    span: Span = _span()
    kind_span: Span = _span()


@dataclass(frozen=True, slots=True)
class Constructor:
    """One constructor of a sort declaration, with its argument sorts."""

    name: str
    arg_sorts: tuple[str, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class SortDecl:
    """`sort NAME = constructor | ...`."""

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
    """`incompatible NAME: ACT and ACT when EXPR "reason"`: two acts that cannot both be done."""

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
    """`define NAME(params) "wording" := EXPR` inside an article (the wording is optional)."""

    name: str
    params: tuple[Param, ...]
    body: Expr
    span: Span = _span()
    description: str = ""  # the wording of the defined condition: "{q} has withdrawn"


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
    """A norm's holder named outright (not `every ...`)."""

    name: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Norm:
    """`norm NAME: HOLDER must|may|must not ACT when EXPR unless EXPR` inside an article."""

    name: str
    holder: Every | HolderConstant
    modality: str  # "must", "may", "must not"
    action: Atom
    condition: Expr | None
    exception: Expr | None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Priority:
    """`priority STRONGER over WEAKER when EXPR` inside an article."""

    stronger: str
    weaker: str
    condition: Expr | None
    span: Span = _span()
    stronger_span: Span = _span()
    weaker_span: Span = _span()


@dataclass(frozen=True, slots=True)
class DateDecl:
    """`date NAME = DATE`: a named date."""

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
    confidence: str | None = None  # `secondary` or `memory`: not read in a stored text


ArticleItem = Definition | Extension | Norm | Priority | DateDecl | Paragraph


@dataclass(frozen=True, slots=True)
class Article:
    """`article LABEL "title" { text ... note ... items }` (`unverified`: its number is not
    verified)."""

    label: int | str
    title: str
    unverified: bool
    text: str
    notes: tuple[str, ...]
    items: tuple[ArticleItem, ...]
    span: Span = _span()
    confidence: str | None = None  # `secondary` or `memory`: not read in a stored text
    instrument: int | None = None  # in a model of several instruments, the one it belongs to


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
    """`actor NAME: KIND` inside a scenario."""

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
    """`expect [not] obliged|permitted|forbidden act [depends on atom, ...] [triggered by [not]
    atom, ...]`."""

    positive: bool
    modality: str  # "obliged", "permitted", "forbidden"
    atom: Atom
    depends_on: tuple[Atom, ...] | None = None  # None: the answer must hold outright
    span: Span = _span()
    # the facts stated true (True) or not done (False) that the answer must be triggered by
    triggered_by: tuple[tuple[bool, Atom], ...] = ()


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


@dataclass(frozen=True, slots=True)
class ExpectFinding:
    """`expect finding CODE of norm, ...` and `expect no finding of norm, ...`: a finding of
    `check` about exactly the norms named."""

    positive: bool
    code: str | None  # None: `no finding`, of any code
    norms: tuple[str, ...]
    span: Span = _span()


Expectation = ExpectNorm | ExpectViolation | ExpectNothingElse | ExpectFinding


@dataclass(frozen=True, slots=True)
class Scenario:
    """`scenario "name" { on DATE, actors, facts, switches, expectations }`."""

    name: str
    on: datetime.date | None
    actors: tuple[ScenarioActor, ...]
    facts: tuple[Fact, ...]
    switches: tuple[InterpretationSwitch, ...]
    span: Span = _span()
    expectations: tuple[Expectation, ...] = ()


Declaration = (
    UseDecl | Header | KindDecl | PartyDecl | ActorDecl | SortDecl | PredicateDecl
    | InterpretationDecl | IncompatibleDecl | Article | Scenario | AssumeDecl
)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed file: its declarations in source order, and the problems found that did not stop
    the parse (impossible dates), for the resolver to report with its own."""

    declarations: tuple[Declaration, ...]
    problems: tuple[Diagnostic, ...] = ()
