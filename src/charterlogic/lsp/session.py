"""What the language server knows of the open files, and its answers, without the protocol.

server.py speaks LSP (pygls) and turns these answers into protocol messages; everything here is
plain Python on Sources and Spans (lines and columns from 1), so it is tested without an editor.

A file ending in `.scenario` is a scenario file, any other a charter. A scenario file is resolved
against the charter its first lines name (`# charter: path/to/charter.dsl`, relative to the
scenario file), else against the shipped charter; if that charter is open, its text in the editor.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .. import api
from ..analyses.check import CheckReport, Finding, unused_vocabulary
from ..model import types as m
from ..model.from_syntax import BUILTIN_DATES, BUILTIN_PREDICATES, resolve_charter
from ..smt.solver import Limits
from ..syntax import ast
from ..syntax.diagnostics import CharterError, Diagnostic, Severity
from ..syntax.parser import parse
from ..syntax.source import Source, Span
from ..syntax.words import indefinite
from ..testing.spec import load_cases, named_charter
from . import index as ix

BUILTINS = frozenset({m.ACTOR, "today", *BUILTIN_PREDICATES, *BUILTIN_DATES})


@dataclass(frozen=True, slots=True)
class Location:
    """A span in a file, named by its path (the server turns it into a URI)."""

    path: str
    span: Span


@dataclass
class Document:
    """One open file: its text, and what was last understood of it.

    `index`, `vocabulary` and `charter` are those of the last version that parsed (resolved): an
    editor's file is broken most of the time it is typed, and navigation should work meanwhile.
    """

    path: str
    source: Source
    scenario: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    index: ix.Index | None = None
    vocabulary: Vocabulary | None = None  # a charter's; a scenario file's own actors
    charter: m.Charter | None = None  # a charter file's resolved model

    @property
    def loads(self) -> bool:
        """Whether this version of a charter file resolved: it has a model and no error (the
        warnings of the solver-free lints aside)."""
        return self.charter is not None and not any(
            d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass(frozen=True)
class Reading:
    """The charter a file is read against: where it is, and what is known of it."""

    path: str
    charter: m.Charter | None
    index: ix.Index | None
    vocabulary: Vocabulary | None


class Session:
    """The open files, keyed by path."""

    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self._on_disk: dict[str, tuple[float, Reading]] = {}

    # ---- files ---------------------------------------------------------------------------------

    def update(self, path: str, text: str) -> Document:
        """Open or change the file `path`; re-read it and return it with fresh diagnostics."""
        previous = self.documents.get(path)
        document = Document(path, Source(path, text), path.endswith(".scenario"))
        if previous is not None:
            document.index, document.vocabulary = previous.index, previous.vocabulary
            document.charter = previous.charter
        self.documents[path] = document
        if document.scenario:
            self._load_scenario(document)
        else:
            self._load_charter(document)
        return document

    def close(self, path: str) -> None:
        """Forget the file `path` (closed in the editor)."""
        self.documents.pop(path, None)

    def _load_charter(self, document: Document) -> None:
        try:
            tree = parse(document.source)
            document.index = ix.build(document.source, BUILTINS)
            document.vocabulary = Vocabulary.of(tree)
            document.charter = resolve_charter(tree, document.source)
        except CharterError as error:
            document.diagnostics = _own(error.diagnostics, document.path)
            return
        # check's findings that need no solver come with the loading diagnostics, as typed
        document.diagnostics = lints(document.charter, document.path)

    def _load_scenario(self, document: Document) -> None:
        reading = self.reading(document)
        declared = BUILTINS | frozenset(reading.index.declarations() if reading.index else ())
        try:
            tree = parse(document.source)
            document.index = ix.build(document.source, declared)
        except CharterError as error:
            document.diagnostics = _own(error.diagnostics, document.path)
            return
        document.vocabulary = Vocabulary()
        for block in tree.declarations:
            for actor in getattr(block, "actors", ()):
                document.vocabulary.actors.setdefault(actor.name, actor)
        if reading.charter is None:
            named = named_charter(document.source, Path(document.path).parent)
            document.diagnostics = [Diagnostic(
                "E011", f"the charter {reading.path} has errors or cannot be read, so this file "
                "is not checked against it",
                named[1] if named else Span(document.source.name, 1, 1, 1, 1),
                "open the charter to see its errors")]
            return
        try:
            load_cases(reading.charter, document.source)
        except CharterError as error:
            document.diagnostics = _own(error.diagnostics, document.path)

    def reading(self, document: Document) -> Reading:
        """The charter a file is read against: itself, or the charter a scenario file names."""
        if not document.scenario:
            return Reading(document.path, document.charter, document.index, document.vocabulary)
        named = named_charter(document.source, Path(document.path).parent)
        path = str(named[0] if named else resources.files("charterlogic").joinpath(api.SHIPPED))
        real = os.path.realpath(path)
        for opened in self.documents.values():
            if not opened.scenario and os.path.realpath(opened.path) == real:
                return self.reading(opened)
        return self._charter_on_disk(path)

    def _charter_on_disk(self, path: str) -> Reading:
        """A charter that is not open, read from disk once per change of the file."""
        try:
            stamp = Path(path).stat().st_mtime
        except OSError:
            return Reading(path, None, None, None)
        cached = self._on_disk.get(path)
        if cached is None or cached[0] != stamp:
            try:
                source = api.read_source(path)
                tree = parse(source)
                reading = Reading(path, resolve_charter(tree, source),
                                  ix.build(source, BUILTINS), Vocabulary.of(tree))
            except CharterError:
                reading = Reading(path, None, None, None)
            self._on_disk[path] = cached = (stamp, reading)
        return cached[1]

    # ---- check, on save --------------------------------------------------------------------------

    def check(self, path: str, limits: Limits) -> list[Diagnostic]:
        """`check`'s findings on a charter, as warnings on the norms involved (slow: the server
        runs it in a thread)."""
        document = self.documents.get(path)
        if document is None or document.scenario or not document.loads:
            return []
        assert document.charter is not None
        return findings_on_norms(api.check(document.charter, limits=limits), document.path)

    # ---- navigation ----------------------------------------------------------------------------

    def definition(self, path: str, line: int, column: int) -> Location | None:
        """Where the name under the cursor is declared (or bound, for a variable)."""
        document = self.documents.get(path)
        if document is None or document.index is None:
            return None
        occurrence = document.index.at(line, column)
        if occurrence is None:
            cited = document.index.article_at(line, column)
            if cited is None:
                return None
            label = cited[0]
            if label in document.index.articles:
                return Location(path, document.index.articles[label][0])
            reading = self.reading(document)
            if reading.index is not None and label in reading.index.articles:
                return Location(reading.path, reading.index.articles[label][0])
            return None
        option = self._option(document, occurrence)
        if option is not None:
            return next((Location(p, found.span) for p, index in self._indexes_reading(
                self.reading(document)) if (found := index.option(*option)) is not None), None)
        if occurrence.scope is not None:
            return Location(path, document.index.binding(occurrence).span)
        declared = document.index.declarations().get(occurrence.name)
        if declared is not None:
            return Location(path, declared.span)
        reading = self.reading(document)
        if reading.index is not None and reading.path != path:
            declared = reading.index.declarations().get(occurrence.name)
            if declared is not None:
                return Location(reading.path, declared.span)
        return None

    def references(self, path: str, line: int, column: int,
                   include_declaration: bool = True) -> list[Location]:
        """Every occurrence of the name under the cursor: in its clause for a variable, else in
        the charter that declares it and in every open file read against that charter."""
        document = self.documents.get(path)
        if document is None or document.index is None:
            return []
        occurrence = document.index.at(line, column)
        if occurrence is None:
            return []
        option = self._option(document, occurrence)
        if option is None and occurrence.scope is not None:
            return [Location(path, o.span) for o in document.index.locals(occurrence)]
        found = []
        for other_path, index in self._indexes_reading(self.reading(document)):
            other = self.documents.get(other_path, document)
            uses = index.option_uses(*option) if option else index.uses(occurrence.name)
            found += [Location(other_path, o.span) for o in uses
                      if (include_declaration or not o.declares)
                      and (self._option(other, o) == option)]
        return found

    def _option(self, document: Document, occurrence: ix.Occurrence) -> tuple[str, str] | None:
        """(reading, option) if the occurrence is an option of one of the charter's readings
        (`sahel_field_states` in `field_country = sahel_field_states`), else None."""
        vocabulary = self.vocabulary(document)
        reading = vocabulary.interpretations.get(occurrence.reading) if vocabulary else None
        if reading is None or occurrence.name not in {o.name for o in reading.options}:
            return None
        return reading.name, occurrence.name

    def _indexes_reading(self, reading: Reading) -> Iterable[tuple[str, ix.Index]]:
        """The charter's index and those of the open files read against it."""
        seen = set()
        if reading.index is not None:
            seen.add(reading.path)
            yield reading.path, reading.index
        for path, document in self.documents.items():
            if document.index is not None and path not in seen and (
                    self.reading(document).path == reading.path):
                yield path, document.index

    def symbols(self, path: str) -> list[ix.Symbol]:
        """The outline: the declarations of the file, each article with its norms and
        definitions inside, each scenario with its actors."""
        document = self.documents.get(path)
        return document.index.outline if document and document.index else []

    # ---- hover ---------------------------------------------------------------------------------

    def vocabulary(self, document: Document) -> Vocabulary | None:
        """The names a file can use: its charter's, and a scenario file's own actors."""
        charter = self.reading(document).vocabulary
        if not document.scenario or charter is None or document.vocabulary is None:
            return charter
        merged = Vocabulary(**vars(charter))
        merged.actors = {**charter.actors, **document.vocabulary.actors}
        return merged

    def hover(self, path: str, line: int, column: int) -> tuple[str, Span] | None:
        """Markdown about the name or article label under the cursor, and its span."""
        document = self.documents.get(path)
        if document is None or document.index is None:
            return None
        vocabulary = self.vocabulary(document)
        if vocabulary is None:
            return None
        cited = document.index.article_at(line, column)
        if cited is not None and cited[0] in vocabulary.articles:
            return article_text(vocabulary.articles[cited[0]]), cited[1]
        occurrence = document.index.at(line, column)
        if occurrence is None:
            return None
        option = self._option(document, occurrence)
        if option is not None:
            return describe_option(vocabulary.interpretations[option[0]], option[1]), \
                occurrence.span
        if occurrence.scope is not None:
            return f"variable `{occurrence.name}` of this clause", occurrence.span
        text = describe(vocabulary, occurrence.name)
        return (text, occurrence.span) if text else None


# ---- answers in words ---------------------------------------------------------------------------


@dataclass
class Vocabulary:
    """The declarations of a charter by name, from its AST: enough to describe and complete
    names while the charter does not resolve (as it does not, most of the time it is typed)."""

    predicates: dict[str, ast.PredicateDecl] = field(default_factory=dict)
    #: each norm, with the article and the paragraph label (or None) it stands in
    norms: dict[str, tuple[ast.Norm, ast.Article, str | None]] = field(default_factory=dict)
    definitions: dict[str, list[tuple[ast.Definition | ast.Extension, ast.Article]]] = field(
        default_factory=dict)
    interpretations: dict[str, ast.InterpretationDecl] = field(default_factory=dict)
    actors: dict[str, ast.PartyDecl | ast.ActorDecl | ast.ScenarioActor] = field(
        default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    sorts: dict[str, ast.SortDecl] = field(default_factory=dict)
    constructors: dict[str, tuple[ast.Constructor, str]] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    articles: dict[str, ast.Article] = field(default_factory=dict)

    @classmethod
    def of(cls, document: ast.Document) -> Vocabulary:
        found = cls()
        for d in document.declarations:
            if isinstance(d, ast.PredicateDecl):
                found.predicates.setdefault(d.name, d)
            elif isinstance(d, ast.InterpretationDecl):
                found.interpretations.setdefault(d.name, d)
            elif isinstance(d, (ast.PartyDecl, ast.ActorDecl)):
                found.actors.setdefault(d.name, d)
            elif isinstance(d, ast.KindDecl):
                found.kinds.setdefault(d.name, d.description)
            elif isinstance(d, ast.SortDecl):
                found.sorts.setdefault(d.name, d)
                for c in d.constructors:
                    found.constructors.setdefault(c.name, (c, d.name))
            elif isinstance(d, ast.Article):
                found.articles.setdefault(str(d.label), d)
                items = [(i, None) for i in d.items if not isinstance(i, ast.Paragraph)] + [
                    (i, p.label) for p in d.items if isinstance(p, ast.Paragraph)
                    for i in p.items]
                for item, paragraph in items:
                    if isinstance(item, ast.Norm):
                        found.norms.setdefault(item.name, (item, d, paragraph))
                    elif isinstance(item, (ast.Definition, ast.Extension)):
                        found.definitions.setdefault(item.name, []).append((item, d))
                    elif isinstance(item, ast.DateDecl):
                        found.dates.setdefault(item.name, item.value.isoformat())
        if found.kinds and any(isinstance(a, ast.PartyDecl) for a in found.actors.values()):
            found.kinds.setdefault("party", "")
        for builtin, attribute in BUILTIN_DATES.items():
            header = next((d for d in document.declarations if isinstance(d, ast.Header)), None)
            if header is not None and getattr(header, attribute) is not None:
                found.dates.setdefault(builtin, getattr(header, attribute).isoformat())
        return found

    def kind_of(self, actor: str) -> str:
        """The kind of a declared actor (a party is a state)."""
        declared = self.actors[actor]
        return "state" if isinstance(declared, ast.PartyDecl) else declared.kind

    def params(self, name: str) -> tuple[str, ...] | None:
        """The sorts of the arguments of a predicate, definition or constructor, if declared."""
        if name in self.predicates:
            return tuple(p.sort for p in self.predicates[name].params)
        if name in self.constructors:
            return self.constructors[name][0].arg_sorts
        for item, _ in self.definitions.get(name, ()):
            if isinstance(item, ast.Definition):
                return tuple(p.sort for p in item.params)
        if name in self.kinds or name == m.ACTOR:
            return (m.ACTOR,)
        return ("state",) if name in BUILTIN_PREDICATES else None


def citation(article: ast.Article, paragraph: str | None = None) -> str:
    """How answers cite the article (or its paragraph): `Art. 6`, `Art. 8(b)` or `Decisions
    clause (art. no. unverified)`."""
    return str(m.Citation(article.label, article.title, not article.unverified, paragraph))


def describe(vocabulary: Vocabulary, name: str) -> str | None:
    """Markdown for a declared name: its declaration, and what it says, cites or offers."""
    v = vocabulary
    if name in v.predicates:
        predicate = v.predicates[name]
        return _code(f"{predicate.role} {name}({_params(predicate.params)})") + _para(
            predicate.description)
    if name in v.norms:
        norm, article, paragraph = v.norms[name]
        modality = m.Modality.from_keyword(norm.modality).value
        return (_code(f"norm {name}") + _para(f"**{modality}** (`{norm.modality}`) to "
                                              f"`{_atom(norm.action)}`")
                + _para(f"{citation(article, paragraph)}, {article.title}"))
    if name in v.interpretations:
        reading = v.interpretations[name]
        if not reading.options:
            return (_code(f"interpretation {name}")
                    + _para(f"options: `on`, `off`; by default **{reading.default}** "
                            "(`--literal`: off)") + _para(reading.justification))
        literal = reading.literal or reading.options[0].name
        options = "".join(f"\n- `{o.name}`: {o.justification}" for o in reading.options)
        return (_code(f"interpretation {name}") + _para(reading.justification)
                + _para(f"options (by default **{reading.default}**, `--literal`: "
                        f"`{literal}`):{options}"))
    if name in v.definitions:
        clauses = v.definitions[name]
        first = next((i for i, _ in clauses if isinstance(i, ast.Definition)), None)
        params = f"({_params(first.params)})" if first and first.params else ""
        cited = ", widened by ".join(citation(a) for _, a in clauses)
        return _code(f"define {name}{params}") + _para(f"defined by {cited}")
    if name in v.actors:
        actor = v.actors[name]
        if isinstance(actor, ast.PartyDecl):
            return _code(f"party {name}") + _para(f"{actor.display}: a party (signatory), a state")
        display = f"{actor.display}: " if isinstance(actor, ast.ActorDecl) else ""
        return _code(f"actor {name}: {actor.kind}") + _para(
            f"{display}an actor, {indefinite(actor.kind)}")
    if name in v.kinds:
        return _code(f"kind {name}") + _para(v.kinds[name])
    if name in v.sorts:
        values = " | ".join(_constructor(c) for c in v.sorts[name].constructors)
        return _code(f"sort {name} = {values}")
    if name in v.constructors:
        constructor, sort = v.constructors[name]
        return _code(_constructor(constructor)) + _para(f"a value of sort `{sort}`")
    if name in v.dates:
        return _code(f"date {name}") + _para(v.dates[name])
    return None


def describe_option(reading: ast.InterpretationDecl, name: str) -> str:
    """Markdown for one option of a reading: the reading, the option and its justification."""
    option = next(o for o in reading.options if o.name == name)
    default = ", the default" if name == reading.default else ""
    return (_code(f"interpretation {reading.name}: {name}")
            + _para(f"option `{name}` of the reading `{reading.name}`{default}")
            + _para(option.justification) + _para(reading.justification))


def article_text(article: ast.Article) -> str:
    """Markdown for an article: its citation and title, paraphrase and notes."""
    head = f"**{citation(article)}** {article.title}"
    notes = "".join(_para(f"*Note:* {n}") for n in article.notes)
    return head + _para(article.text) + notes


def lints(charter: m.Charter, path: str) -> list[Diagnostic]:
    """The findings of `check` that need no solver (unused vocabulary, C005), as warnings on
    the declarations: the server publishes them with the loading diagnostics."""
    return _on_declarations(charter, unused_vocabulary(charter), path)


def findings_on_norms(report: CheckReport, path: str) -> list[Diagnostic]:
    """Each finding of `check` as a warning (a note, if an interpretation resolves it) on each
    norm it involves, or on the declaration it is about; less the lints(), which loading has
    published already."""
    published = unused_vocabulary(report.charter)
    return _on_declarations(report.charter, [f for f in report.findings if f not in published],
                            path)


def _on_declarations(charter: m.Charter, findings: Iterable[Finding],
                     path: str) -> list[Diagnostic]:
    spans = {n.name: n.span for n in charter.norms.values()}
    spans.update({p.name: p.span for p in charter.predicates.values()})
    spans.update({i.name: i.span for i in charter.interpretations.values()})
    found: list[Diagnostic] = []
    for finding in findings:
        severity = Severity.NOTE if finding.severity is Severity.NOTE else Severity.WARNING
        names = [s.norm for s in finding.sides] or ([finding.subject] if finding.subject else [])
        notes = tuple(f"{s.norm} ({s.article}): {s.holder} {s.modality.keyword} {s.action}"
                      for s in finding.sides) + ((finding.detail,) if finding.detail else ())
        for name in dict.fromkeys(names):
            span = spans.get(name)
            if span is not None and span.file == path:
                found.append(Diagnostic(finding.code, finding.message, span, None, notes,
                                        severity))
    return found


def _own(diagnostics: Iterable[Diagnostic], path: str) -> list[Diagnostic]:
    """The diagnostics, those about another file (or none) placed at the top of this one."""
    return [d if d.span.file == path else Diagnostic(
        d.code, f"{d.span}: {d.message}", Span(path, 0, 0, 0, 0), d.suggestion, d.notes,
        d.severity) for d in diagnostics]


def _atom(atom: ast.Atom) -> str:
    return f"{atom.name}({', '.join(_term(a) for a in atom.args)})"


def _term(term: ast.Term) -> str:
    if isinstance(term, ast.Name):
        return term.name
    if isinstance(term, ast.Applied):
        return f"{term.name}({', '.join(_term(a) for a in term.args)})"
    return "..."


def _params(params: Iterable[ast.Param]) -> str:
    return ", ".join(f"{p.name}: {p.sort}" for p in params)


def _constructor(constructor: ast.Constructor) -> str:
    sorts = ", ".join(constructor.arg_sorts)
    return f"{constructor.name}({sorts})" if sorts else constructor.name


def _code(text: str) -> str:
    return f"```charterdsl\n{text}\n```"


def _para(text: str) -> str:
    return f"\n\n{text}" if text else ""
