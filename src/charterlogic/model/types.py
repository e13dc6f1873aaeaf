"""The resolved charter: every name bound, every variable typed, every clause cited.

Produced by resolve.py from the AST; consumed by ground.py and the analyses. Expressions here are
typed but still have variables; ground.py instantiates them over a finite domain of actors.
Dates are integers `yyyymmdd`, which keep calendar order and make "+ N months" linear (see
docs/semantics.md, "Dates").
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..syntax.source import NOWHERE, Span

#: The top sort of actors; every kind is a sub-sort of it.
ACTOR = "actor"
DATE = "date"


def date_number(value: datetime.date) -> int:
    """A date as the integer yyyymmdd."""
    return value.year * 10000 + value.month * 100 + value.day


def parse_date(text: str) -> int:
    """The integer yyyymmdd of an ISO date text."""
    return date_number(datetime.date.fromisoformat(text))


def number_date(number: int) -> str:
    """The ISO text of an integer date yyyymmdd (which may be a day past a month's end)."""
    return f"{number // 10000:04d}-{number // 100 % 100:02d}-{number % 100:02d}"


def add_months(number: int, months: int) -> int:
    """`number` + `months` calendar months; the day is kept, even past the month's end."""
    year, month, day = number // 10000, number // 100 % 100, number % 100
    total = year * 12 + (month - 1) + months
    return (total // 12) * 10000 + (total % 12 + 1) * 100 + day


class Modality(enum.Enum):
    """What a norm does to its act. The value is the word of `expect obliged ...` and of JSON;
    `keyword` is the word of the charter's norms and of every answer (`must`, `may`, `must not`).
    """

    OBLIGED = "obliged"
    PERMITTED = "permitted"
    FORBIDDEN = "forbidden"

    @property
    def keyword(self) -> str:
        """`must`, `may` or `must not`."""
        return _KEYWORDS[self]

    @classmethod
    def from_keyword(cls, keyword: str) -> Modality:
        """The modality of `must`, `may` or `must not` (KeyError for any other word)."""
        return {word: modality for modality, word in _KEYWORDS.items()}[keyword]


#: The one table of modality words.
_KEYWORDS = {Modality.OBLIGED: "must", Modality.PERMITTED: "may", Modality.FORBIDDEN: "must not"}


@dataclass(frozen=True, slots=True)
class Citation:
    """An article, and perhaps one of its paragraphs, as answers cite it: `Art. 6`, `Art. 8(b)`,
    or `Decisions clause (art. no. unverified)`. In a model of several instruments it names its
    instrument first (`Liptako-Gourma Charter, Art. 6`); a clause whose content was not read in a
    stored text says so last (`(content from secondary sources)`)."""

    label: int | str
    title: str
    verified: bool  # False: a clause known by subject, its number not verified
    paragraph: str | None = None
    instrument: str | None = None  # the instrument's name, in a model of several
    confidence: str | None = None  # `secondary` or `memory` (CONFIDENCE_MARKS)

    def __str__(self) -> str:
        if not self.verified:
            text = f"{self.title} clause"
            text += (f", para. ({self.paragraph})" if self.paragraph else "") + (
                " (art. no. unverified)")
        else:
            text = f"Art. {self.label}" + (f"({self.paragraph})" if self.paragraph else "")
        if self.instrument:
            text = f"{self.instrument}, {text}"
        if self.confidence:
            text += f" ({CONFIDENCE_MARKS[self.confidence]})"
        return text

    def article(self) -> Citation:
        """The whole article this citation points into."""
        return Citation(self.label, self.title, self.verified, None, self.instrument,
                        self.confidence)


#: What each confidence mark of an article says in every answer that cites it.
CONFIDENCE_MARKS = {
    "secondary": "content from secondary sources",
    "memory": "content from memory, not seen in a stored text",
}


# ---- typed terms --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Var:
    """A variable of sort `sort`."""

    name: str
    sort: str


@dataclass(frozen=True, slots=True)
class Cons:
    """An actor (no arguments) or a constructor applied to terms: `niger`, `territory(p)`."""

    name: str
    args: tuple[Term, ...]
    sort: str


@dataclass(frozen=True, slots=True)
class DateConst:
    """A fixed day, as the integer yyyymmdd."""

    value: int


@dataclass(frozen=True, slots=True)
class TodayTerm:
    """The scenario's day."""


@dataclass(frozen=True, slots=True)
class DateOfTerm:
    """The day the event `atom` happened (in the scenario's facts)."""

    atom: EventAtom


@dataclass(frozen=True, slots=True)
class ShiftTerm:
    """`term` shifted by `months` months (negative: earlier)."""

    term: DateTerm
    months: int


Term = Var | Cons
DateTerm = DateConst | TodayTerm | DateOfTerm | ShiftTerm


# ---- typed expressions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventAtom:
    """An event or act applied to terms."""

    predicate: str
    args: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class DefCall:
    """A use of the definition `definition` on `args`."""

    definition: str
    args: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class KindTest:
    """Whether `arg` is an actor of kind `kind`."""

    kind: str
    arg: Term


@dataclass(frozen=True, slots=True)
class SignatoryTest:
    """Whether `arg` is a signatory of the charter."""

    arg: Term


@dataclass(frozen=True, slots=True)
class InterpRef:
    """The reading `name` is set to `option` (for an on/off reading, `name` alone means on)."""

    name: str
    option: str = "on"


@dataclass(frozen=True, slots=True)
class Equal:
    """Whether two terms denote the same value."""

    left: Term
    right: Term


@dataclass(frozen=True, slots=True)
class DateCompare:
    """A comparison `op` (<, <=, =, >=, >) of two date terms."""

    op: str
    left: DateTerm
    right: DateTerm


@dataclass(frozen=True, slots=True)
class BoolConst:
    """True or false."""

    value: bool


@dataclass(frozen=True, slots=True)
class Not:
    """The negation of `operand`."""

    operand: Expr


@dataclass(frozen=True, slots=True)
class And:
    """The conjunction of `operands` (at least two)."""

    operands: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """The disjunction of `operands` (at least two)."""

    operands: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Ite:
    """`then` if `test` holds, else `otherwise`."""

    test: Expr
    then: Expr
    otherwise: Expr


@dataclass(frozen=True, slots=True)
class Quantified:
    """`some`/`all` over the actors of `variable.sort` that satisfy `guard`."""

    quantifier: str
    variable: Var
    guard: Expr
    body: Expr


Expr = (
    EventAtom | DefCall | KindTest | SignatoryTest | InterpRef | Equal | DateCompare | BoolConst
    | Not | And | Or | Ite | Quantified
)

TRUE = BoolConst(True)


# ---- declarations -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """A party or other actor the charter names: its display name, kind, and whether it signed."""

    name: str
    display: str
    kind: str
    signatory: bool = False


@dataclass(frozen=True, slots=True)
class Constructor:
    """A value constructor of sort `sort`, such as `territory(state)`, with its argument sorts."""

    name: str
    arg_sorts: tuple[str, ...]
    sort: str


@dataclass(frozen=True, slots=True)
class Predicate:
    """An event or an act (`role`); acts are what norms oblige, permit and forbid."""

    name: str
    role: str
    params: tuple[Var, ...]
    description: str
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Clause:
    """One article's contribution to a definition (Art. 6 defines aggression, Art. 7 widens it)."""

    body: Expr
    citation: Citation
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Definition:
    """A defined predicate: its parameters and the clauses (one per contributing article) whose
    disjunction defines it."""

    name: str
    params: tuple[Var, ...]
    clauses: tuple[Clause, ...]
    description: str = ""  # the wording of the condition, `{q} has withdrawn`; "" when none

    @property
    def citation(self) -> Citation:
        """The article that defines it first (the others widen it)."""
        return self.clauses[0].citation


#: The options of an on/off reading, in this order (the first is what `on` names).
SWITCH = ("on", "off")

#: The interpretations in force: each reading's name -> the option selected.
Settings = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a reading, with what justifies it."""

    name: str
    justification: str


@dataclass(frozen=True, slots=True)
class Interpretation:
    """A named reading of an open question of the text, and its options.

    An on/off reading has the options SWITCH and one `justification`; a reading with named
    options has one justification per option. `literal` is the option `--literal` selects.
    """

    name: str
    default: str
    justification: str
    span: Span = field(default=NOWHERE, compare=False)
    options: tuple[Option, ...] = (Option("on", ""), Option("off", ""))
    literal: str = "off"

    @property
    def option_names(self) -> tuple[str, ...]:
        """The names of its options, in order (`on`, `off` for an on/off reading)."""
        return tuple(o.name for o in self.options)

    @property
    def is_switch(self) -> bool:
        """Whether this is an on/off reading."""
        return self.option_names == SWITCH


@dataclass(frozen=True, slots=True)
class Norm:
    """`holder` is `modality` to do `action` when `condition` holds and `exception` does not.

    `parameters` are the variables of the holder and the action: one instance of the norm per
    value of them. Any other variable of the condition is existential.
    """

    name: str
    modality: Modality
    holder: Term
    action: EventAtom
    guard: Expr  # the holder's restriction: `party(q) and q != p`
    condition: Expr
    exception: Expr | None
    citation: Citation
    parameters: tuple[Var, ...]
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Priority:
    """Where both apply to the same holder and act, `stronger` defeats `weaker` (if `condition`)."""

    stronger: str
    weaker: str
    condition: Expr
    citation: Citation
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Incompatibility:
    """Two acts that cannot both be done, when `condition` holds; a fact of the world."""

    name: str
    first: EventAtom
    second: EventAtom
    condition: Expr
    reason: str
    parameters: tuple[Var, ...]
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Assumption:
    """A fact of the world assumed in every scenario; `parameters` range over every value."""

    name: str
    body: Expr
    parameters: tuple[Var, ...]
    reason: str
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Article:
    """An article: its citation, text and notes, and the norms and definitions it holds (`widens`:
    the definitions of other articles it extends)."""

    citation: Citation
    text: str
    notes: tuple[str, ...]
    norms: tuple[str, ...]
    definitions: tuple[str, ...]
    span: Span = field(default=NOWHERE, compare=False)
    widens: tuple[str, ...] = ()  # definitions of other articles that this one extends
    paragraphs: tuple[tuple[str, str], ...] = ()  # its lettered paragraphs: (label, text)

    def text_of(self, citation: Citation) -> str:
        """The text of the article, or of the paragraph `citation` points to."""
        return dict(self.paragraphs).get(citation.paragraph or "", self.text)

    def notes_of(self, citation: Citation) -> tuple[str, ...]:
        """The notes of the article, or, for a paragraph, the article's own and the paragraph's
        (a paragraph's notes are kept on its article as `(c) ...`, see from_syntax)."""
        if citation.paragraph is None:
            return self.notes
        labels = {f"({label}) " for label, _ in self.paragraphs}
        own = f"({citation.paragraph}) "
        return tuple(n for n in self.notes
                     if n.startswith(own) or not any(n.startswith(x) for x in labels))


@dataclass(frozen=True, slots=True)
class Instrument:
    """One instrument of a model of several (docs/instruments.md): its title, the name its
    citations give it, its file, and its own dates (`signature`, `entry_into_force` in its
    clauses)."""

    title: str
    cited: str
    source_name: str
    signed: int | None = None
    in_force: int | None = None


@dataclass(frozen=True)
class Charter:
    """The whole resolved charter. Mappings keep source order, so output is deterministic."""

    title: str
    signed: int | None
    place: str | None
    in_force: int | None
    kinds: dict[str, str]
    actors: dict[str, Actor]
    sorts: dict[str, tuple[Constructor, ...]]
    predicates: dict[str, Predicate]
    definitions: dict[str, Definition]
    interpretations: dict[str, Interpretation]
    norms: dict[str, Norm]
    priorities: tuple[Priority, ...]
    incompatibilities: tuple[Incompatibility, ...]
    articles: tuple[Article, ...]
    dates: dict[str, int]
    source_name: str = ""
    assumptions: tuple[Assumption, ...] = ()
    #: several instruments loaded together (empty: one charter, cited without its name)
    instruments: tuple[Instrument, ...] = ()

    def is_subsort(self, narrow: str, wide: str) -> bool:
        """Whether a value of sort `narrow` may stand where `wide` is expected."""
        return narrow == wide or (wide == ACTOR and narrow in self.kinds)

    def reading_options(self) -> dict[str, tuple[str, ...]]:
        """Every option of each reading, in order."""
        return {name: i.option_names for name, i in self.interpretations.items()}

    def default_interpretations(self) -> dict[str, str]:
        """Every reading at its default option."""
        return {name: i.default for name, i in self.interpretations.items()}
