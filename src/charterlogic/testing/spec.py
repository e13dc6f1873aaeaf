"""Spec: scenario files with expectations, checked against the real query results.

A scenario file is a list of `scenario "name" { ... }` blocks (docs/scenarios.md). Besides its
day, actors, facts and interpretations, a block may state expectations:

    expect obliged assist(mali, niger)
    expect not permitted use_force(niger, mali, inside_alliance_area)
    expect permitted use_force(mali, chad, inside_alliance_area) depends on force_necessary(...)
    expect violation by mali of no_aggression        (or `of article 8`, or neither)
    expect no violation
    expect nothing else obliged for mali

    suite = load_suite(charter, ["tests/scenarios"])   # parse and resolve every file
    results = [run_case(charter, case) for case in suite.cases]   # query, then compare

Every expectation is checked against the query analysis's answers and violations, so a passing
suite is a statement about what the tool itself answers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..analyses.check import FINDING_CODES, Finding, check_charter
from ..analyses.query import Answer, QueryReport, Violation, query
from ..model import types as m
from ..model.facts import AtomKey, FactStatus
from ..model.from_syntax import ExprResolver
from ..model.scenario import Scenario, ground_term, resolve_blocks, scenario_names
from ..smt.decide import Verdict
from ..smt.solver import Limits
from ..syntax import ast
from ..syntax.diagnostics import CharterError, Diagnostic, did_you_mean
from ..syntax.files import read_source
from ..syntax.source import Source, Span
from ..syntax.words import TextEnum

SUFFIX = ".scenario"
#: The findings of `check` about norms, which `expect finding CODE of NORM, ...` can name.
NORM_FINDINGS = ("C001", "C002", "C003", "C004")


@dataclass(frozen=True)
class Expectation:
    """One resolved `expect` line.

    kind: "norm" (a modality for an act), "violation", "nothing_else", or "finding" (of
    `check`, about the charter rather than the scenario's facts).
    norms: for a violation, the norms it may be of (None: any norm); for a finding, the norms
    it is about, all and only them.
    code: for a finding, its code (None: `no finding`, of any code).
    depends_on: the unknown facts the answer must depend on (None: it must hold outright).
    triggered_by: the stated facts the answer must be triggered by, as an answer's
    `triggered_by` writes them (`attack(chad, territory(niger))`, `not go(alpha)`).
    """

    text: str
    kind: str
    positive: bool
    span: Span
    modality: m.Modality | None = None
    action: str | None = None
    predicate: str | None = None
    party: str | None = None
    norms: tuple[str, ...] | None = None
    depends_on: tuple[str, ...] | None = None
    triggered_by: tuple[str, ...] = ()
    code: str | None = None


@dataclass(frozen=True)
class Case:
    """A scenario of a file, with its expectations."""

    scenario: Scenario
    expectations: tuple[Expectation, ...]
    file: str
    line: int
    #: the charter its file names (`# charter: PATH`), when not the suite's; None: the suite's
    charter: m.Charter | None = field(default=None, compare=False, repr=False)

    @property
    def where(self) -> str:
        """`file:line` of the scenario block."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Suite:
    """Every case of a set of scenario files, and the files' text (for their comments)."""

    cases: tuple[Case, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Outcome:
    """An expectation against what the model derived: the answers or violations that show it."""

    expectation: Expectation
    passed: bool
    derived: tuple[str, ...]
    answers: tuple[Answer, ...] = ()
    violations: tuple[Violation, ...] = ()
    findings: tuple[Finding, ...] = ()


class CaseStatus(TextEnum):
    """How a scenario of the suite ended."""

    PASS = "pass"
    FAIL = "fail"
    EMPTY = "empty"  # nothing expected
    UNKNOWN = "unknown"  # the solver hit a limit


@dataclass(frozen=True)
class Result:
    """One case run: the query's report and the outcome of each expectation."""

    case: Case
    report: QueryReport
    outcomes: tuple[Outcome, ...]

    @property
    def status(self) -> CaseStatus:
        """FAIL, UNKNOWN (the solver hit a limit), EMPTY (nothing expected) or PASS."""
        if any(not o.passed for o in self.outcomes):
            return CaseStatus.FAIL
        if self.report.unknown:
            return CaseStatus.UNKNOWN
        return CaseStatus.PASS if self.outcomes else CaseStatus.EMPTY


@dataclass(frozen=True)
class SuiteReport:
    """The results of a suite run on a charter (what `charterlogic test` reports)."""

    charter: m.Charter
    results: tuple[Result, ...]

    @property
    def exit_code(self) -> int:
        """The exit code of `test`: 0 all pass, 1 a failure, 3 the solver could not decide."""
        return exit_code(self.results)


# ---- loading ------------------------------------------------------------------------------------

#: The comment by which a scenario file names its charter: a path relative to the scenario file.
#: `charterlogic test`, the pytest plugin and the language server read it alike.
CHARTER_DIRECTIVE = re.compile(r"^#\s*charter:\s*(\S.*?)\s*$", re.MULTILINE)


def named_charter(source: Source, folder: Path) -> tuple[Path, Span] | None:
    """The charter a scenario file names (`# charter: PATH`, relative to `folder`, the file's
    own) and the span of the path in the file; None when it names none."""
    directive = CHARTER_DIRECTIVE.search(source.text)
    if directive is None:
        return None
    return (folder / directive.group(1),
            source.span_at(directive.start(1), len(directive.group(1))))


def scenario_files(paths: Sequence[str | Path]) -> list[Path]:
    """The scenario files named by `paths`: files as given, folders searched for *.scenario."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            span = Span(str(path), 0, 0, 0, 0)
            if not os.access(path, os.R_OK | os.X_OK):
                raise CharterError((Diagnostic(
                    "E011", f"cannot read the folder {path}: permission denied", span),))
            inside = sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())
            if not inside:
                # running no scenario would pass vacuously: that is an input error
                odd = sorted(p.name for p in path.rglob("*") if p.suffix.lower() == SUFFIX)
                raise CharterError((Diagnostic(
                    "E011", f"no `*{SUFFIX}` file in the folder {path}", span,
                    notes=((f"names are case-sensitive: {', '.join(odd[:3])} "
                            f"{'is' if len(odd) == 1 else 'are'} not read"),) if odd else ()),))
            found += inside
        elif path.exists():
            found.append(path)
        else:
            span = Span(str(path), 0, 0, 0, 0)
            raise CharterError((Diagnostic("E011", f"no such file or folder: {path}", span),))
    return list(dict.fromkeys(found))  # a file named twice runs once


def load_suite(charter: m.Charter, paths: Sequence[str | Path],
               load_charter: Callable[[Path], m.Charter] | None = None) -> Suite:
    """Every case of every scenario file under `paths`; all input problems reported together.

    With `load_charter`, a file that names its charter (`named_charter`) is resolved against the
    charter that `load_charter` gives for the path, and its cases carry it; the others, and
    every file without `load_charter`, against `charter`."""
    cases: list[Case] = []
    sources: list[Source] = []
    problems: list[Diagnostic] = []
    known: dict[str, Source] = {}
    for path in scenario_files(paths):
        try:
            source = read_source(path)
            sources.append(source)
            cases += load_file(charter, source, path.parent, load_charter)
        except CharterError as error:
            problems += error.diagnostics
            known.update(error.sources)
    if problems:
        raise CharterError(tuple(problems), known)
    return Suite(tuple(cases), tuple(sources))


def load_file(charter: m.Charter, source: Source, folder: Path,
              load_charter: Callable[[Path], m.Charter] | None = None) -> list[Case]:
    """The cases of the scenario file `source`, in `folder`: against the charter it names, if
    `load_charter` is given and it names one (its cases then carry it), else against
    `charter`."""
    own = _own_charter(source, folder, load_charter) if load_charter else None
    if own is None or own is charter:
        return load_cases(charter, source)
    return [replace(case, charter=own) for case in load_cases(own, source)]


def _own_charter(source: Source, folder: Path,
                 load_charter: Callable[[Path], m.Charter]) -> m.Charter | None:
    """The charter the scenario file `source` names, loaded; None if it names none. A named
    file that does not exist is an error located on the `# charter:` line."""
    named = named_charter(source, folder)
    if named is None:
        return None
    path, span = named
    if not path.is_file():
        raise CharterError((Diagnostic(
            "E011", f"no such charter file: {path}", span,
            notes=("the `# charter:` line names a path relative to the scenario file",)),),
            {source.name: source})
    return load_charter(path)


def load_cases(charter: m.Charter, source: Source) -> list[Case]:
    """The cases of one scenario file (the file's `scenario` blocks, resolved)."""
    problems: list[Diagnostic] = []
    cases = [Case(scenario, _expectations(charter, scenario, node.expectations, source, problems),
                  source.name, node.span.line)
             for node, scenario in resolve_blocks(charter, source, problems)]
    if problems:
        raise CharterError(tuple(problems), {source.name: source})
    return cases


def _expectations(charter: m.Charter, scenario: Scenario, nodes: Iterable[ast.Expectation],
                  source: Source, problems: list[Diagnostic]) -> tuple[Expectation, ...]:
    resolver = ExprResolver(scenario_names(charter, scenario.actors), problems)
    actors = [*charter.actors, *scenario.actors]
    found = []
    for node in nodes:
        text = _span_text(source, node.span)
        if isinstance(node, ast.ExpectNorm):
            key = _act(node.atom, resolver)
            depends = _depends(node.depends_on, scenario, resolver)
            triggers = _triggers(node.triggered_by, scenario, resolver)
            if key is not None:
                found.append(Expectation(text, "norm", node.positive, node.span,
                                         m.Modality(node.modality), key, node.atom.name,
                                         depends_on=depends, triggered_by=triggers))
            continue
        if isinstance(node, ast.ExpectFinding):
            found.append(Expectation(text, "finding", node.positive, node.span,
                                     norms=_finding_norms(charter, node, resolver),
                                     code=node.code))
            continue
        if node.party is not None and node.party not in actors:
            resolver.error("E101", f"unknown actor `{node.party}`", node.span,
                           did_you_mean(node.party, actors))
            continue
        if isinstance(node, ast.ExpectNothingElse):
            modality = m.Modality(node.modality) if node.modality else None
            found.append(Expectation(text, "nothing_else", True, node.span, modality,
                                     party=node.party))
            continue
        norms = _violated(charter, node, resolver)
        depends = _depends(node.depends_on, scenario, resolver)
        found.append(Expectation(text, "violation", node.positive, node.span, party=node.party,
                                 norms=norms, depends_on=depends))
    return tuple(found)


def _span_text(source: Source, span: Span) -> str:
    """The source text of a span, on one line, comments dropped."""
    lines = [source.line(n) for n in range(span.line, span.end_line + 1)]
    lines[-1] = lines[-1][:span.end_column - 1]
    lines[0] = lines[0][span.column - 1:]
    return " ".join(" ".join(line.split("#")[0] for line in lines).split())


def _act(atom: ast.Atom, resolver: ExprResolver) -> str | None:
    """The text of the act an expectation is about, or None (reported)."""
    resolved = resolver.atom(atom, {})
    if isinstance(resolved, m.BoolConst):
        return None  # already reported
    predicate = resolver.names.predicates.get(atom.name)
    if not isinstance(resolved, m.EventAtom) or predicate is None or predicate.role != "act":
        acts = [p.name for p in resolver.names.predicates.values() if p.role == "act"]
        resolver.error("E120", f"`{atom.name}` is not an act: expectations say who must, may or "
                       "must not do an act", atom.span, did_you_mean(atom.name, acts))
        return None
    return str(AtomKey(resolved.predicate, tuple(ground_term(a) for a in resolved.args)))


def _event_key(atom: ast.Atom, resolver: ExprResolver, why: str) -> AtomKey | None:
    """The key of the event or act an expectation names; None if it names something else (a
    definition is E120: `why` says what an answer rests on instead)."""
    resolved = resolver.atom(atom, {})
    if not isinstance(resolved, m.EventAtom):
        if not isinstance(resolved, m.BoolConst):  # a BoolConst is already reported
            resolver.error("E120", f"`{atom.name}` is derived: {why}", atom.span)
        return None
    return AtomKey(resolved.predicate, tuple(ground_term(a) for a in resolved.args))


def _depends(atoms: tuple[ast.Atom, ...] | None, scenario: Scenario,
             resolver: ExprResolver) -> tuple[str, ...] | None:
    if atoms is None:
        return None
    keys = []
    for atom in atoms:
        key = _event_key(atom, resolver, "an answer depends on the events and acts left unknown")
        if key is None:
            continue
        fact = scenario.facts.get(key)
        if fact is None or fact.status is not FactStatus.UNKNOWN:
            resolver.error("E121", f"`{key}` is not unknown in this scenario, so no answer can "
                           "depend on it", atom.span, f"add `unknown {key}` to the scenario")
            continue
        keys.append(key.text)
    return tuple(sorted(keys))


def _triggers(triggers: tuple[tuple[bool, ast.Atom], ...], scenario: Scenario,
              resolver: ExprResolver) -> tuple[str, ...]:
    """The texts of the stated facts an expectation names as triggers (`triggered by`): each
    must be stated so in the scenario, true (`fact`) or not done (`not`)."""
    texts = []
    for positive, atom in triggers:
        key = _event_key(atom, resolver,
                         "an answer is triggered by the events and acts the scenario states")
        if key is None:
            continue
        fact = scenario.facts.get(key)
        wanted = FactStatus.TRUE if positive else FactStatus.FALSE
        if fact is None or fact.status is not wanted:
            statement = f"fact {key}" if positive else f"not {key}"
            resolver.error("E121", f"`{statement.removeprefix('fact ')}` is not stated in this "
                           "scenario, so no answer can be triggered by it", atom.span,
                           f"add `{statement}` to the scenario")
            continue
        texts.append(key.text if positive else f"not {key.text}")
    return tuple(texts)


def _finding_norms(charter: m.Charter, node: ast.ExpectFinding,
                   resolver: ExprResolver) -> tuple[str, ...]:
    """The norms a finding expectation names, each known, in the order named; its code, one of
    the findings about norms (reported otherwise)."""
    if node.code is not None and node.code not in NORM_FINDINGS:
        # a code of check that is not about norms is no misspelling: no nearest code for it
        what = f" ({FINDING_CODES[node.code]})" if node.code in FINDING_CODES else ""
        resolver.error("E125", f"`{node.code}`{what} is not a finding about norms: `expect "
                       f"finding` takes {', '.join(NORM_FINDINGS)}", node.span,
                       None if what else did_you_mean(node.code, NORM_FINDINGS),
                       tuple(f"{code}: {FINDING_CODES[code]}" for code in NORM_FINDINGS))
    for name in node.norms:
        if name not in charter.norms:
            resolver.error("E101", f"unknown norm `{name}`", node.span,
                           did_you_mean(name, charter.norms))
    return tuple(dict.fromkeys(node.norms))


def _violated(charter: m.Charter, node: ast.ExpectViolation,
              resolver: ExprResolver) -> tuple[str, ...] | None:
    """The norms a violation expectation names: one norm, an article's norms, or None (any)."""
    if node.norm is not None:
        if node.norm not in charter.norms:
            resolver.error("E101", f"unknown norm `{node.norm}`", node.span,
                           did_you_mean(node.norm, charter.norms))
            return ()
        return (node.norm,)
    if node.article is None:
        return None
    for article in charter.articles:
        if article.citation.label == node.article:
            norms = tuple(n for n in article.norms
                          if node.paragraph in (None, charter.norms[n].citation.paragraph))
            if node.paragraph is not None and node.paragraph not in dict(article.paragraphs):
                resolver.error("E101", f"{article.citation} has no paragraph ({node.paragraph})",
                               node.span, did_you_mean(node.paragraph, dict(article.paragraphs)),
                               (f"paragraphs: {', '.join(dict(article.paragraphs)) or 'none'}",))
            elif not norms:
                resolver.error("E122", f"{article.citation} holds no norm, so nothing can "
                               "violate it", node.span)
            return norms
    labels = [str(a.citation.label) for a in charter.articles]
    resolver.error("E101", f"no article `{node.article}` in the charter", node.span,
                   did_you_mean(str(node.article), labels), (f"articles: {', '.join(labels)}",))
    return ()


# ---- checking -----------------------------------------------------------------------------------


def run_case(charter: m.Charter, case: Case, limits: Limits = Limits()) -> Result:
    """Query the case's scenario and check each of its expectations against the answers; the
    case's own charter, if its file names one, stands for `charter`."""
    charter = case.charter or charter
    report = query(charter, case.scenario, limits)
    listed = {(e.modality, e.action) for e in case.expectations if e.kind == "norm" and e.positive}
    findings = _findings(charter, case, limits)
    return Result(case, report, tuple(
        _check_finding(e, findings) if e.kind == "finding" else check(e, report, listed)
        for e in case.expectations))


def _findings(charter: m.Charter, case: Case, limits: Limits) -> tuple[Finding, ...]:
    """`check`'s findings about the norms the case's finding expectations name, under the
    scenario's readings (none asked: no check is run)."""
    named = {n for e in case.expectations if e.kind == "finding" for n in e.norms or ()}
    if not named:
        return ()
    settings = dict(case.scenario.interpretations)
    return check_charter(charter, settings, limits, norms=named).findings


def _check_finding(expectation: Expectation, findings: Sequence[Finding]) -> Outcome:
    """A finding about exactly the named norms, of the code named; or none (`no finding`)."""
    named = set(expectation.norms or ())
    about = tuple(f for f in findings if _finding_about(f) == named)
    matches = tuple(f for f in about if expectation.code in (None, f.code))
    passed = bool(matches) if expectation.positive else not matches
    derived = tuple(finding_text(f) for f in about) or (
        f"no finding of check is about {', '.join(expectation.norms or ())}",)
    return Outcome(expectation, passed, derived, findings=about)


def _finding_about(finding: Finding) -> set[str]:
    """The norms a finding is about: its sides' norms, or the norm it names (a dead norm)."""
    return {side.norm for side in finding.sides} or {finding.subject}


def finding_text(finding: Finding) -> str:
    """`C003: Alpha is obliged to do_a(alpha) (Art. 1) and ...  [Art. 1, a; Art. 2, b]`."""
    resolved = f" (resolved by {', '.join(finding.resolved_by)})" if finding.resolved_by else ""
    cited = "; ".join(f"{side.article}, {side.norm}" for side in finding.sides)
    return (f"{finding.code}: {finding.message}{resolved}" + (f"  [{cited}]" if cited else ""))


def check(expectation: Expectation, report: QueryReport,
          listed: AbstractSet[tuple[m.Modality | None, str | None]] = frozenset()) -> Outcome:
    """Whether `report` meets `expectation`; `listed` are the scenario's positive expectations
    (the ones `nothing else` allows)."""
    if expectation.kind == "norm":
        return _check_norm(expectation, report)
    if expectation.kind == "violation":
        return _check_violation(expectation, report)
    extra = tuple(
        a for a in report.answers
        if (a.triggered_by or a.status is Verdict.DEPENDS)
        and expectation.modality in (None, a.modality)
        and expectation.party in (None, a.holder)
        and (a.modality, a.action) not in listed)
    derived = tuple(f"also {answer_text(a)}" for a in extra) or ("nothing else",)
    return Outcome(expectation, not extra, derived, extra)


def _met(statuses: Sequence[tuple[Verdict, tuple[str, ...]]], expectation: Expectation) -> bool:
    """A positive expectation is met: outright, or depending on exactly the facts it names."""
    if expectation.depends_on is None:
        return any(status is Verdict.HOLDS for status, _ in statuses)
    if not statuses or any(status is Verdict.HOLDS for status, _ in statuses):
        return False
    return sorted({f for _, facts in statuses for f in facts}) == list(expectation.depends_on)


def _check_norm(expectation: Expectation, report: QueryReport) -> Outcome:
    modality, action = expectation.modality, expectation.action
    assert modality is not None
    matches = tuple(a for a in report.answers if a.modality is modality and a.action == action)
    if expectation.positive:
        # `triggered by`: the answers that rest on each fact named (and maybe on others)
        triggered = [a for a in matches if set(expectation.triggered_by) <= set(a.triggered_by)]
        passed = _met([(a.status, a.depends_on) for a in triggered], expectation)
    else:
        passed = not matches
    if matches:
        shown = tuple(answer_text(a, bool(expectation.triggered_by)) for a in matches)
        return Outcome(expectation, passed, shown, matches)
    others = tuple(a for a in report.answers if a.action == action)
    derived = (f"not {modality.value} {action}: no norm applies",
               *(f"instead: {answer_text(a)}" for a in others))
    return Outcome(expectation, passed, derived, others)


def _check_violation(expectation: Expectation, report: QueryReport) -> Outcome:
    matches = tuple(
        v for v in report.violations
        if expectation.party in (None, v.answer.holder)
        and (expectation.norms is None or v.answer.norm in expectation.norms))
    if expectation.positive:
        passed = _met([(v.status, v.depends_on) for v in matches], expectation)
    else:
        passed = not matches
    derived = tuple(violation_text(v) for v in matches) or ("no such violation",)
    return Outcome(expectation, passed, derived, violations=matches)


def answer_text(answer: Answer, triggers: bool = False) -> str:
    """`obliged assist(mali, niger) [Art. 6, collective_assistance]`, with what it depends on;
    with `triggers`, also the stated facts that trigger it."""
    depends = (f", DEPENDS on {', '.join(answer.depends_on)}"
               if answer.status is Verdict.DEPENDS else "")
    said = "" if not triggers else (
        f", triggered by {', '.join(answer.triggered_by)}" if answer.triggered_by
        else ", triggered by no stated fact")
    return f"{answer.modality.value} {answer.action}{depends}{said}  [{_cited(answer)}]"


def violation_text(violation: Violation) -> str:
    """`violation by mali of no_aggression: forbidden ..., evidence ...  [Art. 8, no_aggression]`,
    with what it depends on."""
    answer = violation.answer
    depends = (f", DEPENDS on {', '.join(violation.depends_on)}"
               if violation.status is Verdict.DEPENDS else "")
    return (f"violation by {answer.holder} of {answer.norm}: {answer.modality.value} "
            f"{answer.action}, evidence {violation.evidence}{depends}  [{_cited(answer)}]")


def _cited(answer: Answer) -> str:
    return f"{answer.articles[0]}, {answer.norm}"


def exit_code(results: Sequence[Result]) -> int:
    """0 all pass, 1 a failure, 3 the solver could not decide (and nothing failed)."""
    statuses = {r.status for r in results}
    return 1 if "fail" in statuses else 3 if "unknown" in statuses else 0


# ---- explanations of surviving mutants (read by mutation.py) ------------------------------------

SURVIVOR = re.compile(r"^\s*#\s*mutant\s+(\S+)\s+survives:\s*(.+?)\s*$", re.MULTILINE)


def explained_survivors(suite: Suite) -> dict[str, tuple[str, str]]:
    """`# mutant ID survives: why` comments of the suite: id -> (reason, file:line)."""
    found: dict[str, tuple[str, str]] = {}
    for source in suite.sources:
        for match in SURVIVOR.finditer(source.text):
            line = source.text.count("\n", 0, match.start()) + 1
            found[match.group(1)] = (match.group(2), f"{source.name}:{line}")
    return found
