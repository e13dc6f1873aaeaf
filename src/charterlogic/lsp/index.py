"""The names of one file, where each is declared and where it is used: what the editor's go to
definition, find references, hover and outline stand on.

Built from the Lark parse tree (syntax.parser.parse_tree), whose tokens carry exact positions:
every NAME token of the file is an `Occurrence`, classified by the rule it appears in. Names
share one namespace (a charter declares each once: E108), so a name's declaration is found by the
name alone; variables are local to the clause that uses them, and declared by their first
occurrence there (or by the parameter, `every` or quantifier that binds them). The options of a
reading are the exception: each reading has its own (field_country's `party` is not the
definition `party`), so an option is known by its reading and its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Token, Tree

from ..syntax.parser import parse_tree
from ..syntax.source import Source, Span

#: Roles of the NAME tokens of each rule, by position among the rule's NAME tokens. A role is a
#: declaration ("declares KIND"), a use of a declared name ("uses"), or a variable ("binds":
#: declares a variable of the clause; "var": a variable or a declared name, whichever it is).
_ROLES: dict[str, tuple[str, ...]] = {
    "kind_decl": ("declares kind",), "party_decl": ("declares party",),
    "actor_decl": ("declares actor", "uses"), "sort_decl": ("declares sort",),
    "constructor": ("declares value", "uses", "uses", "uses", "uses", "uses"),
    "predicate_decl": ("declares predicate",),
    "param": ("binds", "uses"),
    "interpretation_decl": ("declares interpretation",),
    "switch_interpretation": ("declares interpretation",),
    "options_interpretation": ("declares interpretation",),
    "incompatible_decl": ("declares incompatibility",),
    "assume_decl": ("declares assumption",),
    "date_decl": ("declares date",), "definition": ("declares definition",),
    "extension": ("uses", "binds", "binds", "binds", "binds", "binds", "binds"),
    "norm": ("declares norm",),
    "every": ("uses", "binds", "var"), "quantified": ("uses", "binds"),
    "holder_constant": ("uses",), "priority": ("uses", "uses"),
    "scenario_actor": ("declares actor", "uses"), "interpretation_switch": ("uses",),
    "expect_violation": ("uses",), "expect_no_violation": ("uses",),
    "expect_nothing_else": ("uses",), "violated_norm": ("uses",),
    "atom": ("uses",), "applied_term": ("uses",), "name_term": ("var",),
}
#: The clauses whose undeclared names are variables local to them.
_CLAUSES = ("definition", "extension", "norm", "priority", "incompatible_decl", "assume_decl")
#: The declarations that hold others: the outline nests these under them.
_CONTAINERS = ("article", "paragraph", "scenario", "charter_header")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One NAME in the file: `declares` is the kind it declares ('' for a use); `scope` is the
    clause a variable belongs to (its span), or None for a name of the file."""

    name: str
    span: Span
    declares: str = ""
    scope: Span | None = None
    bound: bool = False  # a variable bound here (parameter, `every`, quantifier)
    #: the reading whose option the name is: certain where the reading is declared (its
    #: options, `default`, `literal`) and switched (`interpretation NAME OPTION`); in a
    #: comparison (`field_country = party`), the name compared with, which the session
    #: confirms against the charter's readings
    reading: str = ""


@dataclass
class Symbol:
    """A declaration for the outline: its name, kind, the name's span, the whole extent."""

    name: str
    kind: str
    span: Span
    extent: Span
    children: list[Symbol] = field(default_factory=list)


@dataclass
class Index:
    """Every occurrence of a name in one file, its declarations, and its outline."""

    occurrences: list[Occurrence]
    outline: list[Symbol]
    #: article labels (as written) -> the span of the label and of the whole article
    articles: dict[str, tuple[Span, Span]]
    #: the labels that cite an article (`expect violation by mali of article 6`), with spans
    citations: list[tuple[str, Span]] = field(default_factory=list)

    def declarations(self) -> dict[str, Occurrence]:
        """The names the file declares (the first declaration of each), in file order."""
        found: dict[str, Occurrence] = {}
        for occurrence in self.occurrences:
            if occurrence.declares and occurrence.scope is None and not occurrence.reading:
                found.setdefault(occurrence.name, occurrence)
        return found

    def option(self, reading: str, name: str) -> Occurrence | None:
        """Where the option `name` of `reading` is declared in this file, if it is."""
        return next((o for o in self.occurrences if o.declares == "option"
                     and (o.reading, o.name) == (reading, name)), None)

    def option_uses(self, reading: str, name: str) -> list[Occurrence]:
        """Every occurrence of the option `name` of `reading`, its declaration included."""
        return [o for o in self.occurrences if (o.reading, o.name) == (reading, name)]

    def at(self, line: int, column: int) -> Occurrence | None:
        """The occurrence under the cursor (1-based line and column), if any."""
        for occurrence in self.occurrences:
            span = occurrence.span
            if span.line == line and span.column <= column <= span.end_column:
                return occurrence
        return None

    def article_at(self, line: int, column: int) -> tuple[str, Span] | None:
        """The article whose label, or a citation of it, is under the cursor: label and span."""
        labelled = [(label, span) for label, (span, _) in self.articles.items()]
        for label, span in labelled + self.citations:
            if span.line == line and span.column <= column <= span.end_column:
                return label, span
        return None

    def binding(self, variable: Occurrence) -> Occurrence:
        """Where a variable is bound: its parameter or binder, else its first use in the clause."""
        same = [o for o in self.occurrences if o.scope == variable.scope
                and o.name == variable.name and o.scope is not None]
        return next((o for o in same if o.bound), same[0] if same else variable)

    def uses(self, name: str) -> list[Occurrence]:
        """Every occurrence of the file-level name `name`, its declaration included."""
        return [o for o in self.occurrences if o.name == name and o.scope is None]

    def locals(self, variable: Occurrence) -> list[Occurrence]:
        """Every occurrence of a variable in its clause."""
        return [o for o in self.occurrences if o.scope is not None
                and o.scope == variable.scope and o.name == variable.name]


def build(source: Source, declared: frozenset[str] = frozenset()) -> Index:
    """The index of `source`; raises CharterError if it does not parse. `declared`: the names
    that another file declares (the charter, for a scenario file), which are not variables."""
    tree = parse_tree(source)
    builder = _Builder(source.name)
    builder.walk(tree)
    names = declared | {o.name for o in builder.occurrences if o.declares and o.scope is None}
    occurrences = [_settle(o, names) for o in builder.occurrences]
    return Index(occurrences, builder.outline, builder.articles, builder.citations)


def _settle(occurrence: Occurrence, declared: frozenset[str]) -> Occurrence:
    """A 'var' occurrence is a use of a declared name if one is declared, else a variable."""
    if occurrence.scope is not None and not occurrence.bound and occurrence.name in declared:
        return Occurrence(occurrence.name, occurrence.span, reading=occurrence.reading)
    return occurrence


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.occurrences: list[Occurrence] = []
        self.outline: list[Symbol] = []
        self.articles: dict[str, tuple[Span, Span]] = {}
        self.citations: list[tuple[str, Span]] = []
        #: the NAME tokens compared with a name (`field_country = party`), by id: that name
        self.compared: dict[int, str] = {}

    def _span(self, token: Token) -> Span:
        return Span(self.file, token.line or 0, token.column or 0, token.end_line or 0,
                    token.end_column or 0)

    def _extent(self, node: Tree) -> Span:  # type: ignore[type-arg]
        meta = node.meta
        return Span(self.file, meta.line, meta.column, meta.end_line, meta.end_column)

    def walk(self, tree: Tree) -> None:  # type: ignore[type-arg]
        """Visit every node with an explicit stack: (node, clause scope, outline parent)."""
        stack: list[tuple[Tree, Span | None, list[Symbol]]] = [  # type: ignore[type-arg]
            (child, None, self.outline) for child in reversed(_trees(tree))]
        while stack:
            node, scope, parent = stack.pop()
            rule = node.data
            if rule in _CLAUSES:
                scope = self._extent(node)
            elif rule == "scenario":  # a scenario's actors are its own
                scope = None
            children = parent
            symbol = self._record(node, scope, parent)
            if symbol is not None and rule in _CONTAINERS:
                children = symbol.children
            stack.extend((child, scope, children) for child in reversed(_trees(node)))

    def _record(self, node: Tree, scope: Span | None,  # type: ignore[type-arg]
                parent: list[Symbol]) -> Symbol | None:
        rule = node.data
        names = [c for c in node.children if isinstance(c, Token) and c.type == "NAME"]
        roles = _ROLES.get(rule, ())
        symbol = None
        if rule in _CONTAINERS:
            symbol = self._container(node)
            parent.append(symbol)
        elif rule == "violated_article":
            label_node = node.children[0]
            assert isinstance(label_node, Tree)
            label = label_node.children[0]
            assert isinstance(label, Token)
            self.citations.append((str(label), self._span(label)))
        elif rule == "compare":
            left, right = (_compared_name(c) for c in node.children[::2])
            if left is not None and right is not None:
                self.compared[id(left)], self.compared[id(right)] = str(right), str(left)
        elif rule in ("options_interpretation", "interpretation_switch"):
            self._options(node, names)
        elif rule in ("expect_finding", "expect_no_finding"):
            # every name is a norm's, but the code of `expect finding CODE of ...`
            names = names[1:] if rule == "expect_finding" else names
            roles = ("uses",) * len(names)
        for token, role in zip(names, roles, strict=False):
            span = self._span(token)
            reading = self.compared.get(id(token), "")
            if role.startswith("declares "):
                kind = role.removeprefix("declares ")
                if rule == "predicate_decl":
                    kind = str(node.children[0])  # event or act
                local = scope if rule == "scenario_actor" else None
                self.occurrences.append(Occurrence(str(token), span, kind, local))
                if local is None:
                    parent.append(Symbol(str(token), kind, span, self._extent(node)))
            elif role == "uses" or scope is None:
                self.occurrences.append(Occurrence(str(token), span, reading=reading))
            else:
                self.occurrences.append(Occurrence(str(token), span, "", scope, role == "binds",
                                                   reading))
        return symbol

    def _options(self, node: Tree, names: list[Token]) -> None:  # type: ignore[type-arg]
        """The options of a reading's declaration (declared, then `default` and `literal`),
        or the option a scenario switches it to."""
        reading = str(names[0])
        # `default NAME`, or the option of `interpretation NAME OPTION`
        found = [(token, "") for token in names[1:]]
        for child in _trees(node):
            token = next(c for c in child.children if isinstance(c, Token) and c.type == "NAME")
            found.append((token, "option" if child.data == "reading_option" else ""))  # literal
        for token, declares in sorted(found, key=lambda t: (t[0].line or 0, t[0].column or 0)):
            self.occurrences.append(Occurrence(str(token), self._span(token), declares,
                                               reading=reading))

    def _container(self, node: Tree) -> Symbol:  # type: ignore[type-arg]
        extent = self._extent(node)
        if node.data == "article":
            label_node = node.children[0]
            token = label_node.children[0]
            assert isinstance(label_node, Tree) and isinstance(token, Token)
            title = next(c for c in node.children if isinstance(c, Token) and c.type == "STRING")
            span = self._span(token)
            self.articles.setdefault(str(token), (span, extent))
            return Symbol(f"{_article_name(str(token))} {title[1:-1]}", "article", span, extent)
        if node.data == "paragraph":  # `paragraph a { ... }` of an article: `(a)`
            name = node.children[0]
            assert isinstance(name, Token)
            return Symbol(f"({name})", "paragraph", self._span(name), extent)
        title = next(c for c in node.children if isinstance(c, Token) and c.type == "STRING")
        kind = "scenario" if node.data == "scenario" else "charter"
        return Symbol(title[1:-1], kind, self._span(title), extent)


def _compared_name(term: object) -> Token | None:
    """The name of a comparison's side, if it is a bare name (`party`, not `territory(x)`)."""
    if isinstance(term, Tree) and term.data == "name_term":
        token = term.children[0]
        return token if isinstance(token, Token) and token.type == "NAME" else None
    return None


def _article_name(label: str) -> str:
    return f"Art. {label}" if label.isdigit() else label


def _trees(node: Tree) -> list[Tree]:  # type: ignore[type-arg]
    return [c for c in node.children if isinstance(c, Tree)]
