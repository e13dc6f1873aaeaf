"""Ground: model expressions -> ground formulas over a finite domain of actors.

A ground formula (`G`) is a small propositional tree over ground atoms, interpretations and date
comparisons. Every node carries its truth `value` when the facts fix it (True/False), or None when
it depends on what is left open: unknown facts in a query, everything in `check`. Known parts are
folded as they are built (so a query hands the solver only what its unknowns leave open), but the
nodes that justify a value are kept: the derivation of every answer is read off the tree.

Ground values: an actor or nullary constructor is its name (`"niger"`); an applied constructor is
a tuple (`("territory", "niger")`).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field

from ..model import types as m
from ..model.facts import AtomFact, AtomKey, FactStatus, Value, show
from ..model.walk import condition_body, free_variables
from ..syntax.words import TextEnum
from .budget import CLOCK_EVERY, left, spend

# ---- ground formulas ----------------------------------------------------------------------------


class Op(TextEnum):
    """What a ground formula node is: a leaf, a connective, or a node that explains (EXPLAINING)
    rather than computes: its value is its one child's."""

    CONST = "const"  # true or false
    TEST = "test"  # a kind or signatory test, decided by the domain
    ATOM = "atom"  # an event or act
    INTERP = "interp"  # an interpretation
    DATE = "date"  # a comparison of dates
    NOT = "not"
    AND = "and"
    OR = "or"
    NORM = "norm"  # the norm `label` is triggered
    DEFINITION = "definition"  # the definition applied, `label` its ground call
    CLAUSE = "clause"  # the defining article's clause of a definition
    WIDENING = "widening"  # a later article's clause that widens a definition
    BINDING = "binding"  # one value of a quantified variable, `label` saying which
    PRIORITY = "priority"  # a stronger norm that defeats this one


EXPLAINING = frozenset({Op.NORM, Op.DEFINITION, Op.CLAUSE, Op.WIDENING, Op.BINDING, Op.PRIORITY})


@dataclass(frozen=True, slots=True, eq=False)
class G:
    """A ground formula node.

    op: what the node is (Op).
    label: the atom's text, the interpretation's name, the comparison, the test, or what the
    explaining node stands for (`aggression(chad, niger)`, `x = chad`, a norm's name).
    key: for an atom, its key; for a definition, the key of its ground call.
    """

    op: Op
    value: bool | None
    children: tuple[G, ...] = ()
    label: str = ""
    citation: m.Citation | None = None
    # for "date": (op, left, right) as date expressions; for "interp": (the option tested, every
    # option of the reading, the option in force or None when open); for "atom": ("stated",)
    # when the scenario states it false
    dates: tuple[object, ...] = ()
    key: AtomKey | None = None


TRUE_G = G(Op.CONST, True, label="true")
FALSE_G = G(Op.CONST, False, label="false")


def constant(value: bool) -> G:
    """The shared ground formula for `value` (TRUE_G or FALSE_G)."""
    return TRUE_G if value else FALSE_G


def g_not(child: G) -> G:
    """The negation of `child`, folded to a constant when `child` is one (the child is kept, for
    derivations)."""
    if child.value is not None:
        return G(Op.NOT, not child.value, (child,))
    return G(Op.NOT, None, (child,))


def g_and(children: list[G]) -> G:
    """Conjunction; keeps every conjunct when true, one false conjunct when false."""
    kept: list[G] = []
    for child in children:
        if child.value is False:
            return G(Op.AND, False, (child,))
        if child.value is None or child.op not in (Op.CONST,):
            kept.append(child)
    if all(c.value is True for c in kept):
        return G(Op.AND, True, tuple(kept))
    return G(Op.AND, None, tuple(kept))


def g_or(children: list[G]) -> G:
    """Disjunction; keeps the first true disjunct when true, the open ones when undecided."""
    open_: list[G] = []
    for child in children:
        if child.value is True:
            return G(Op.OR, True, (child,))
        if child.value is None:
            open_.append(child)
    if not open_:
        return G(Op.OR, False, tuple(children))
    return G(Op.OR, None, tuple(open_))


def g_why(kind: Op, label: str, child: G, citation: m.Citation | None = None,
          key: AtomKey | None = None) -> G:
    """A node that computes nothing: it says that `child` is a norm, a definition, ..."""
    return G(kind, child.value, (child,), label, citation, key=key)


#: The atoms of each definition node met so far, by the node's id (the node is kept, so that the
#: id stays its own): see `atoms_of`.
SharedAtoms = dict[int, tuple[G, frozenset[AtomKey]]]


def atoms_of(formula: G, shared: SharedAtoms | None = None) -> set[AtomKey]:
    """The keys of the atoms a formula still depends on (undecided ones only).

    `shared`, for a caller that reads many formulas of one grounder: the atoms of a definition
    node are then found once and reused, since the grounder builds one node per ground call that
    every norm instance reading it shares. Walking `party(q)`'s accession rounds again for each
    instance was most of the query index's build (instance_index).
    """
    found: set[AtomKey] = set()
    stack = [formula]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen or node.value is not None:
            continue
        seen.add(id(node))
        if len(seen) % CLOCK_EVERY == 0:
            left()  # a formula over many actors can be huge: the command's budget bounds it
        if shared is not None and node.op is Op.DEFINITION and node is not formula:
            entry = shared.get(id(node))
            if entry is None:
                entry = shared[id(node)] = (node, frozenset(atoms_of(node, shared)))
            found |= entry[1]
            continue
        if node.op is Op.ATOM and node.key is not None:
            found.add(node.key)
        elif node.op is Op.DATE:
            found.update(_date_atoms(node.dates[1]) | _date_atoms(node.dates[2]))
        stack.extend(node.children)
    return found


def _date_atoms(date: object) -> set[AtomKey]:
    if isinstance(date, tuple) and date[0] == "date_of" and isinstance(date[1], AtomKey):
        return {date[1]}
    if isinstance(date, tuple) and date[0] == "shift":
        return _date_atoms(date[1])
    return set()


# ---- the domain ---------------------------------------------------------------------------------


@dataclass
class Domain:
    """The actors a formula is grounded over, and the values of every sort."""

    charter: m.Charter
    kinds: dict[str, str]  # actor -> kind
    signatories: frozenset[str]
    _elements: dict[str, tuple[Value, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, charter: m.Charter, extra: Mapping[str, str] = {},
           keep: Collection[str] | None = None) -> Domain:
        """The charter's actors (those in `keep`, if given) plus `extra` (name -> kind), in a
        deterministic order."""
        kinds = {a.name: a.kind for a in charter.actors.values()
                 if keep is None or a.name in keep}
        kinds.update(extra)
        signatories = frozenset(a.name for a in charter.actors.values() if a.signatory)
        return cls(charter, kinds, signatories)

    def elements(self, sort: str) -> tuple[Value, ...]:
        """Every value of `sort`, in a stable order."""
        if sort not in self._elements:
            self._elements[sort] = self._compute(sort)
        return self._elements[sort]

    def _compute(self, sort: str) -> tuple[Value, ...]:
        if sort == m.ACTOR:
            return tuple(self.kinds)
        if sort in self.charter.kinds:
            return tuple(name for name, kind in self.kinds.items() if kind == sort)
        values: list[Value] = []
        for constructor in self.charter.sorts.get(sort, ()):
            if not constructor.arg_sorts:
                values.append(constructor.name)
                continue
            for args in itertools.product(*(self.elements(s) for s in constructor.arg_sorts)):
                values.append((constructor.name, *args))
        return tuple(values)

    def fits(self, value: Value, sort: str) -> bool:
        """Whether `value` is a value of `sort`."""
        if isinstance(value, str) and value in self.kinds:
            return sort == m.ACTOR or self.kinds[value] == sort
        name = value if isinstance(value, str) else value[0]  # a constructor's name comes first
        constructor = self.charter_constructor(name) if isinstance(name, str) else None
        return constructor is not None and constructor.sort == sort

    def charter_constructor(self, name: str) -> m.Constructor | None:
        """The charter's constructor called `name` (in any sort), or None."""
        for constructors in self.charter.sorts.values():
            for constructor in constructors:
                if constructor.name == name:
                    return constructor
        return None


# ---- facts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What a scenario fixes: the day, each atom's status and dates, the interpretations.

    `today` None, or an interpretation missing from `interpretations`, leaves it open (check).
    `atoms` None leaves every atom open (check).
    """

    today: int | None
    interpretations: m.Settings
    atoms: Mapping[AtomKey, AtomFact] | None = None


# ---- the grounder -------------------------------------------------------------------------------

Binding = Mapping[str, Value]


class Grounder:
    """Grounds the charter's expressions over a domain, folding what the facts fix."""

    def __init__(self, charter: m.Charter, domain: Domain, facts: Facts) -> None:
        self.charter = charter
        self.domain = domain
        self.facts = facts
        self._definitions: dict[tuple[str, tuple[Value, ...]], G] = {}
        self._atoms: dict[AtomKey, G] = {}
        # a compound expression's ground form depends only on its free variables' values
        self._grounded: dict[tuple[int, tuple[Value, ...]], tuple[m.Expr, G]] = {}
        self._predicates: set[str] | None = None  # the predicates the facts mention

    def forget(self) -> None:
        """Drop the memoised formulas (they are only a speed-up), to bound memory."""
        self._grounded.clear()
        self._definitions.clear()

    # atoms and dates -----------------------------------------------------------------------------
    def atom(self, predicate: str, args: tuple[Value, ...]) -> G:
        """The ground atom `predicate(args)`, its value fixed by the scenario's facts (True, False,
        or None: open); one node per atom key."""
        key = AtomKey(predicate, args)
        cached = self._atoms.get(key)
        if cached is None:
            # a fact the scenario states false is marked: it can trigger a norm (`when not
            # go(x)`) as an event does, where a fact left out cannot
            fact = self.facts.atoms.get(key) if self.facts.atoms is not None else None
            stated = ("stated",) if fact is not None and fact.status is FactStatus.FALSE else ()
            cached = self._atoms[key] = G(Op.ATOM, self._atom_value(key), label=key.text,
                                          dates=stated, key=key)
        return cached

    def _atom_value(self, key: AtomKey) -> bool | None:
        if self.facts.atoms is None:
            return None
        fact = self.facts.atoms.get(key)
        if fact is None or fact.status is FactStatus.FALSE:
            return False
        if fact.status is FactStatus.UNKNOWN:
            return None
        today = self.facts.today
        if today is None:
            return None
        return fact.holds_on(today)

    def date_of(self, key: AtomKey) -> int | None:
        """The start of a fact, when the facts fix it (a fact without a date starts today)."""
        if self.facts.atoms is None:
            return None
        fact = self.facts.atoms.get(key)
        if fact is not None and fact.start is not None:
            return fact.start
        return self.facts.today

    def _date(self, term: m.DateTerm, binding: Binding) -> object:
        """A date expression: an int when fixed, else ("today",), ("date_of", key) or
        ("shift", date, months)."""
        if isinstance(term, m.DateConst):
            return term.value
        if isinstance(term, m.TodayTerm):
            return self.facts.today if self.facts.today is not None else ("today",)
        if isinstance(term, m.DateOfTerm):
            args = self.values(term.atom.args, binding)
            if args is None:
                return 0
            key = AtomKey(term.atom.predicate, args)
            fixed = self.date_of(key)
            return fixed if fixed is not None else ("date_of", key)
        inner = self._date(term.term, binding)
        if isinstance(inner, int):
            return m.add_months(inner, term.months)
        return ("shift", inner, term.months)

    # terms ---------------------------------------------------------------------------------------
    def value(self, term: m.Term, binding: Binding) -> Value | None:
        """The ground value of a term, or None when it is ill-sorted under this binding."""
        if isinstance(term, m.Var):
            return binding[term.name]
        if not term.args:
            return term.name
        constructor = self.domain.charter_constructor(term.name)
        args: list[Value] = []
        for arg, sort in zip(term.args, constructor.arg_sorts if constructor else (), strict=False):
            value = self.value(arg, binding)
            if value is None or not self.domain.fits(value, sort):
                return None
            args.append(value)
        return (term.name, *args)

    def values(self, terms: tuple[m.Term, ...], binding: Binding,
               sorts: tuple[str, ...] | None = None) -> tuple[Value, ...] | None:
        """The values of `terms`, or None if one is ill-sorted (or not of its `sorts`)."""
        values = []
        for index, term in enumerate(terms):
            value = self.value(term, binding)
            if value is None or (sorts is not None and not self.domain.fits(value, sorts[index])):
                return None
            values.append(value)
        return tuple(values)

    # expressions ---------------------------------------------------------------------------------
    def expr(self, node: m.Expr, binding: Binding) -> G:
        """Ground `node` under `binding` (which binds every free variable of `node`)."""
        entry = _FREE.get(id(node))
        if entry is None or entry[0] is not node:
            entry = _free_entry(node)
        key = (id(node), tuple([binding[name] for name in entry[2]]))
        cached = self._grounded.get(key)
        # the entry keeps its node alive, so no other node can take its id while it is here
        if cached is None or cached[0] is not node:
            cached = self._grounded[key] = (node, self._ground(node, binding))
        return cached[1]

    def _ground(self, node: m.Expr, binding: Binding) -> G:
        spend()  # every grounded instance counts against the command's budget
        if isinstance(node, m.EventAtom):
            sorts = tuple(p.sort for p in self.charter.predicates[node.predicate].params)
            args = self.values(node.args, binding, sorts)
            return FALSE_G if args is None else self.atom(node.predicate, args)
        if isinstance(node, m.DefCall):
            params = self.charter.definitions[node.definition].params
            args = self.values(node.args, binding, tuple(p.sort for p in params))
            return FALSE_G if args is None else self.definition(node.definition, args)
        if isinstance(node, m.KindTest):
            value = self.value(node.arg, binding)
            fits = value is not None and self.domain.fits(value, node.kind)
            return G(Op.TEST, fits, label=f"{node.kind}({show(value) if value else '?'})")
        if isinstance(node, m.SignatoryTest):
            value = self.value(node.arg, binding)
            signed = value in self.domain.signatories
            return G(Op.TEST, signed, label=f"signatory({show(value) if value else '?'})")
        if isinstance(node, m.InterpRef):
            setting = self.facts.interpretations.get(node.name)
            options = self.charter.interpretations[node.name].option_names
            chosen = None if setting is None else setting == node.option
            return G(Op.INTERP, chosen, label=node.name, dates=(node.option, options, setting))
        if isinstance(node, m.Equal):
            return constant(self.value(node.left, binding) == self.value(node.right, binding))
        if isinstance(node, m.DateCompare):
            return self._compare(node, binding)
        if isinstance(node, m.BoolConst):
            return constant(node.value)
        if isinstance(node, m.Not):
            return g_not(self.expr(node.operand, binding))
        if isinstance(node, m.And):
            return g_and(self._until(node.operands, binding, False))
        if isinstance(node, m.Or):
            return g_or(self._until(node.operands, binding, True))
        if isinstance(node, m.Ite):
            test = self.expr(node.test, binding)
            then, otherwise = self.expr(node.then, binding), self.expr(node.otherwise, binding)
            return g_or([g_and([test, then]), g_and([g_not(test), otherwise])])
        if isinstance(node, m.Quantified):
            return self._quantified(node, binding)
        raise TypeError(node)

    def _until(self, operands: tuple[m.Expr, ...], binding: Binding, decisive: bool) -> list[G]:
        """The operands grounded in order, up to the first whose value decides the connective
        (g_and and g_or ignore whatever follows it, so grounding it would be wasted)."""
        grounded = []
        for operand in operands:
            child = self.expr(operand, binding)
            grounded.append(child)
            if child.value is decisive:
                break
        return grounded

    def _compare(self, node: m.DateCompare, binding: Binding) -> G:
        left, right = self._date(node.left, binding), self._date(node.right, binding)
        label = f"{self._date_label(node.left, left, binding)} {node.op} " \
                f"{self._date_label(node.right, right, binding)}"
        value = None
        if isinstance(left, int) and isinstance(right, int):
            value = {
                "<": left < right, "<=": left <= right, ">": left > right,
                ">=": left >= right, "=": left == right,
            }[node.op]
        # the facts whose dates are compared: a derivation shows them, and they are its triggers
        dated = tuple(self.atom(atom.predicate, args) for atom in _dated_atoms(node)
                      if (args := self.values(atom.args, binding)) is not None)
        return G(Op.DATE, value, dated, label=label, dates=(node.op, left, right))

    def _date_label(self, term: m.DateTerm, value: object, binding: Binding) -> str:
        """`today (2025-04-01)`, `date of denounce(niger) + 6 months (2025-07-01)`: what is
        compared, and its day when the facts fix it."""
        words = self._date_words(term, binding)
        if isinstance(term, (m.DateConst, m.DateOfTerm)) or not isinstance(value, int):
            return words  # a date of a fact already shows its day
        return f"{words} ({m.number_date(value)})"

    def _date_words(self, term: m.DateTerm, binding: Binding) -> str:
        if isinstance(term, m.DateConst):
            return m.number_date(term.value)
        if isinstance(term, m.TodayTerm):
            return "today"
        if isinstance(term, m.DateOfTerm):
            args = self.values(term.atom.args, binding)
            if args is None:
                return "date of ?"
            key = AtomKey(term.atom.predicate, args)
            day = self.date_of(key)
            return f"date of {key.text}" + (f" ({m.number_date(day)})" if day is not None else "")
        return f"{self._date_words(term.term, binding)} + {term.months} months"

    def _quantified(self, node: m.Quantified, binding: Binding) -> G:
        parts = []
        for value in self.domain.elements(node.variable.sort):
            inner = {**binding, node.variable.name: value}
            guard = self.expr(node.guard, inner)
            if guard.value is False:
                continue
            body = self.expr(node.body, inner)
            part = g_and([guard, body]) if node.quantifier == "some" else g_or(
                [g_not(guard), body])
            parts.append(g_why(Op.BINDING, f"{node.variable.name} = {show(value)}", part))
            if part.value is (node.quantifier == "some"):
                break  # decides the whole: g_or / g_and ignore the rest
        return g_or(parts) if node.quantifier == "some" else g_and(parts)

    def definition(self, name: str, args: tuple[Value, ...]) -> G:
        """A definition applied to ground values: the disjunction of its articles' clauses."""
        key = (name, args)
        cached = self._definitions.get(key)
        if cached is not None:
            return cached
        definition = self.charter.definitions[name]
        binding = {p.name: a for p, a in zip(definition.params, args, strict=False)}
        clauses = []
        for index, clause in enumerate(definition.clauses):
            free = [v for v in _free_vars(clause.body) if v.name not in binding]
            body = self.exists(free, clause.body, binding)
            kind = Op.CLAUSE if index == 0 else Op.WIDENING  # later articles widen the first
            clauses.append(g_why(kind, str(clause.citation), body, clause.citation))
        call = AtomKey(name, args)
        result = g_why(Op.DEFINITION, call.text, g_or(clauses), definition.citation, call)
        self._definitions[key] = result
        return result

    def exists(self, variables: list[m.Var], body: m.Expr, binding: Binding) -> G:
        """`body` for some value of each of `variables` (none: `body` itself)."""
        if not variables:
            return self.expr(body, binding)
        # a body that starts with an event no fact of the scenario mentions is false for every
        # value: only the first part, which the disjunction keeps, needs grounding
        hopeless = not self._mentioned(_leading_predicate(body))
        parts: list[G] = []
        for values in itertools.product(*(self.domain.elements(v.sort) for v in variables)):
            inner = {**binding, **{v.name: x for v, x in zip(variables, values, strict=True)}}
            ground = self.expr(body, inner)
            if ground.value is not False or len(parts) < 1:
                label = ", ".join(f"{v.name} = {show(x)}"
                                  for v, x in zip(variables, values, strict=True))
                parts.append(g_why(Op.BINDING, label, ground))
            if ground.value is True or hopeless:
                break
        return g_or(parts)

    def _mentioned(self, predicate: str | None) -> bool:
        """Whether the facts may make an atom of `predicate` other than false."""
        if predicate is None or self.facts.atoms is None:
            return True
        if self._predicates is None:
            self._predicates = {key.predicate for key in self.facts.atoms}
        return predicate in self._predicates

    def assumptions(self) -> list[G]:
        """The charter's `assume` clauses over the domain (their variables read "for all")."""
        return [self.expr(a.body, binding) for a in self.charter.assumptions
                for binding in self.bindings(a.parameters)]

    # norms ---------------------------------------------------------------------------------------
    def bindings(self, variables: tuple[m.Var, ...]) -> Iterator[dict[str, Value]]:
        """Every assignment of domain values to `variables`."""
        for values in itertools.product(*(self.domain.elements(v.sort) for v in variables)):
            spend()
            yield {v.name: x for v, x in zip(variables, values, strict=True)}

    def triggered(self, norm: m.Norm, binding: Binding) -> G:
        """The norm's condition holds, and its exception does not, for some existential values."""
        guard = self.expr(norm.guard, binding)
        if guard.value is False:
            return g_and([guard])
        body = condition_body(norm)
        free = [v for v in _free_vars(body) if v.name not in binding]
        return g_and([guard, self.exists(free, body, binding)])

    def holds(self, norm: m.Norm, binding: Binding, depth: int = 0) -> G:
        """The norm applies to this instance: triggered, and no stronger norm defeats it."""
        triggered = g_why(Op.NORM, norm.name, self.triggered(norm, binding), norm.citation)
        defeats = []
        for priority in self.charter.priorities:
            if priority.weaker != norm.name:
                continue
            stronger = self.charter.norms[priority.stronger]
            action = self.values(norm.action.args, binding)
            match = unify(stronger.action.args, action, self) if action is not None else None
            if match is None:
                continue
            condition = self.expr(priority.condition, {})
            defeats.append(g_why(
                Op.PRIORITY, f"priority of {priority.stronger} over {norm.name}",
                g_and([condition, self.holds(stronger, match, depth + 1)]),
                priority.citation,
            ))
        if not defeats:
            return triggered
        return g_and([triggered, g_not(g_or(defeats))])


def unify(patterns: tuple[m.Term, ...], values: tuple[Value, ...], grounder: Grounder,
          ) -> dict[str, Value] | None:
    """The binding that makes `patterns` equal to `values`, or None."""
    binding: dict[str, Value] = {}

    def match(pattern: m.Term, value: Value) -> bool:
        if isinstance(pattern, m.Var):
            if not grounder.domain.fits(value, pattern.sort):
                return False
            return binding.setdefault(pattern.name, value) == value
        if not pattern.args:
            return pattern.name == value
        if not isinstance(value, tuple) or value[0] != pattern.name:
            return False
        return all(match(p, v) for p, v in zip(pattern.args, value[1:], strict=False))

    if len(patterns) != len(values):
        return None
    return binding if all(match(p, v) for p, v in zip(patterns, values, strict=True)) else None


def _dated_atoms(node: m.DateCompare) -> list[m.EventAtom]:
    found = []
    for term in (node.left, node.right):
        while isinstance(term, m.ShiftTerm):
            term = term.term
        if isinstance(term, m.DateOfTerm):
            found.append(term.atom)
    return found


#: id(expression) -> (expression, its free variables, their names). Model expressions are
#: immutable; the entry keeps the expression alive, so that its id is not reused.
_FREE: dict[int, tuple[m.Expr, tuple[m.Var, ...], tuple[str, ...]]] = {}


def _free_entry(expr: m.Expr) -> tuple[m.Expr, tuple[m.Var, ...], tuple[str, ...]]:
    if len(_FREE) >= 200_000:  # charters come and go in one process: keep memory bounded
        _FREE.clear()
    variables = tuple(free_variables(expr))
    entry = _FREE[id(expr)] = (expr, variables, tuple(v.name for v in variables))
    return entry


def _leading_predicate(expr: m.Expr) -> str | None:
    """The event a conjunction starts with, if it does: when it is false, so is the whole."""
    while isinstance(expr, m.And) and expr.operands:
        expr = expr.operands[0]
    return expr.predicate if isinstance(expr, m.EventAtom) else None


def _free_vars(expr: m.Expr) -> tuple[m.Var, ...]:
    """free_variables, memoised on the node."""
    entry = _FREE.get(id(expr))
    if entry is None or entry[0] is not expr:
        entry = _free_entry(expr)
    return entry[1]


