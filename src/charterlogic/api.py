"""The Python API: the one face of charterlogic. The CLI, the pytest plugin and the tests call it.

It never prints: every call returns a report of plain data (render/ turns reports into text and
JSON), or raises CharterError (bad input, with every diagnostic found) or ClashError (the
charter's `assume` clauses cannot all hold, so no answer would mean anything).

    charter = load_charter()                      # the shipped charter.dsl
    report = check(charter)                       # consistency over all scenarios
    scenario = scenario_from_flags(charter, event=["attack(chad, territory(niger))"],
                                   actor=["chad:state"], on="2024-01-01")
    answers = query(charter, scenario)
    suite = load_suite(charter, ["tests/scenarios"])
    results = run_suite(charter, suite)           # the spec suite; then coverage(), mutation()
    as_json(answers)                              # what `query --format json` prints

Every analysis (check, query, explain, find, timeline, the suite and mutation) first passes the
clash gate, `refuse_clash`: the same gate, the same refusal, whichever caller asks.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analyses.query import QueryReport
from .analyses.query import query as run_query
from .model import types as m
from .model.scenario import Scenario, from_flags, load_scenarios
from .smt.solver import Limits, Result
from .syntax.diagnostics import (
    CharterError,
    Diagnostic,
    choices_note,
    closest_first,
    did_you_mean,
)
from .syntax.files import SHIPPED, read_revision, read_source
from .syntax.source import Source, normalise_newlines

if TYPE_CHECKING:  # the analyses and the suite load only when asked for: `check` starts faster,
    # and a query needs neither `check` nor Z3 (the module __getattr__ below gives the same
    # names at run time)
    from .analyses.check import CheckReport
    from .analyses.clash import ClashReport
    from .analyses.diff import DiffReport
    from .analyses.explain import ExplainReport
    from .analyses.find import FindReport
    from .analyses.timeline import Timeline
    from .syntax.ast import Document
    from .syntax.includes import Loaded
    from .testing.coverage import Coverage, ReadingCoverage
    from .testing.mutation import MutationReport
    from .testing.spec import Case, Suite
    from .testing.spec import Result as CaseResult

    #: Every report the API returns; `as_json` turns any of them into its JSON form.
    Report = (CheckReport | QueryReport | ExplainReport | FindReport | Timeline | ClashReport
              | DiffReport | Coverage | MutationReport)

__all__ = [
    "SHIPPED",
    "Case",
    "CaseResult",
    "CharterError",
    "CheckReport",
    "ClashError",
    "ClashReport",
    "Coverage",
    "Diagnostic",
    "DiffReport",
    "ExplainReport",
    "FindReport",
    "Limits",
    "MutationReport",
    "QueryReport",
    "ReadingCoverage",
    "Result",
    "Scenario",
    "Suite",
    "Timeline",
    "as_json",
    "check",
    "clash",
    "coverage",
    "diff",
    "explain",
    "find",
    "formatted",
    "git_revision",
    "interpretation_settings",
    "load_charter",
    "load_charter_text",
    "load_instruments",
    "load_suite",
    "load_version",
    "load_versions",
    "mutation",
    "query",
    "read_revision",
    "read_source",
    "read_version",
    "reading_coverage",
    "refuse_clash",
    "report_site",
    "run_case",
    "run_suite",
    "scenario_from_flags",
    "scenarios_from_file",
    "shipped_suite",
    "timeline",
]

#: Report types loaded on first use: name -> (module, name in it).
_LAZY = {
    "CheckReport": (".analyses.check", "CheckReport"),
    "ClashReport": (".analyses.clash", "ClashReport"),
    "ExplainReport": (".analyses.explain", "ExplainReport"),
    "FindReport": (".analyses.find", "FindReport"),
    "Timeline": (".analyses.timeline", "Timeline"),
    "DiffReport": (".analyses.diff", "DiffReport"),
    "Coverage": (".testing.coverage", "Coverage"),
    "ReadingCoverage": (".testing.coverage", "ReadingCoverage"),
    "MutationReport": (".testing.mutation", "MutationReport"),
    "Case": (".testing.spec", "Case"),
    "Suite": (".testing.spec", "Suite"),
    "CaseResult": (".testing.spec", "Result"),
}

#: The shipped charter's own spec suite, installed with the package (package data).
SHIPPED_SUITE = "scenarios"


def shipped_suite() -> Path:
    """The folder of the shipped charter's spec suite, as installed with the package."""
    return Path(str(resources.files(__package__).joinpath(SHIPPED_SUITE)))


def __getattr__(name: str) -> object:
    """The report types of the analyses that load on first use (see `_LAZY`)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    module, attribute = _LAZY[name]
    return getattr(importlib.import_module(module, __package__), attribute)


# ---- loading ------------------------------------------------------------------------------------


def read_version(spec: str | None) -> Source:
    """The text of a charter named on the command line: a file, or, when no such file exists and
    `spec` is `REV:PATH`, the file as git has it (None: the shipped charter)."""
    return read_source(spec) if spec is None or git_revision(spec) is None \
        else read_revision(spec)


def load_version(spec: str | None) -> m.Charter:
    """A charter from a file or a git revision (see `read_version`), parsed and resolved, with
    the vocabulary files it uses, read from the same place (the disk, or the same revision)."""
    if spec is None or git_revision(spec) is None:
        return load_charter(spec)
    from .syntax.includes import Loaded

    document, source, sources = _document(spec, Loaded())
    return resolve_charter(document, source, sources)


def load_versions(specs: Sequence[str], instruments: bool = False) -> m.Charter:
    """Several instruments loaded together, as `load_instruments` loads them, each a file or a
    git revision `REV:PATH` (see `read_version`). One spec is `load_version`'s charter, or with
    `instruments` a model of that one instrument, whose citations name it as a model of several
    does (one side of a diff whose other side has several)."""
    if len(specs) == 1 and not instruments:
        return load_version(specs[0])
    return _together(specs)


def git_revision(spec: str | None) -> tuple[str, str] | None:
    """(REV, PATH) when `spec` names a file of a git revision (`REV:PATH`, and no file of that
    name is on disk); None when it names a file (None: the shipped charter)."""
    if spec is None or ":" not in spec or Path(spec).exists():
        return None
    revision, _, path = spec.partition(":")
    return revision, path


def diff(old: m.Charter, new: m.Charter, old_settings: Mapping[str, str] | None = None,
         new_settings: Mapping[str, str] | None = None, labels: tuple[str, str] | None = None,
         limits: Limits = Limits(), norms: Sequence[str] | None = None) -> DiffReport:
    """Every class of scenario that `old` and `new` (each under its reading: by default, its
    own defaults) answer differently, each with its smallest witness; with `norms`, only
    those norms' differences (a name of either version; CharterError for an unknown one)."""
    from .analyses.diff import Version
    from .analyses.diff import diff as run_diff

    known = [*old.norms, *(n for n in new.norms if n not in old.norms)]
    problems = []
    for index, name in enumerate(norms or (), 1):
        if name not in known:
            source = Source("--norm" + (f" #{index}" if index > 1 else ""), name)
            problems.append((Diagnostic("E101", f"unknown norm `{name}`",
                                        source.span_at(0, len(name) or 1),
                                        did_you_mean(name, known)), source))
    if problems:
        raise CharterError(tuple(d for d, _ in problems), {s.name: s for _, s in problems})
    first, second = labels or (old.source_name, new.source_name)
    return run_diff(Version(first, old, old_settings or old.default_interpretations()),
                    Version(second, new, new_settings or new.default_interpretations()), limits,
                    norms or None)


def load_charter(path: str | Path | None = None, cache: bool = True) -> m.Charter:
    """The charter in the file `path` (None: the shipped charter.dsl), parsed and resolved,
    with the vocabulary files it uses (`use "..."`, confined to its folder's tree).

    Raises CharterError with every problem found (the file, the syntax, the names), never
    another exception for bad input.

    With `cache` (and unless CHARTERLOGIC_NO_CACHE is set), a charter compiled before from the
    same text by the same code is read back from the user's cache folder instead (model/cache.py:
    plain data, verified, never code); a charter with errors, or one that uses other files, is
    never cached."""
    from .model import cache as compiled

    source = read_source(path)
    if path is None or not USES.search(source.text):
        return _resolved(source, cache and not compiled.disabled())
    from .syntax.includes import load_document

    document, source, sources = load_document(path, source=source)
    if len(sources) == 1:
        return _resolved(source, cache and not compiled.disabled())
    return resolve_charter(document, source, sources)


#: A `use "FILE"` line: a charter without one is a single source, which the cache may hold (the
#: key is the text of one file), and which needs no include pass.
USES = re.compile(r'^[ \t]*use[ \t]+"', re.MULTILINE)


def load_instruments(paths: Sequence[str | Path], cache: bool = True) -> m.Charter:
    """Several instruments loaded together as one model (docs/instruments.md): each file a
    charter, with the vocabulary it uses; every citation names its instrument. One path is
    `load_charter`'s charter, as it always was. Raises CharterError."""
    if len(paths) <= 1:
        return load_charter(paths[0] if paths else None, cache)
    return _together([str(p) for p in paths], revisions=False)


def _together(specs: Sequence[str], revisions: bool = True) -> m.Charter:
    """The instruments `specs` as one model; with `revisions`, a spec may be REV:PATH."""
    from .model.from_syntax import resolve_instruments
    from .syntax.includes import Loaded, load_document

    loaded = Loaded()
    parts = []
    for spec in specs:
        document, source, _ = _document(spec, loaded) if revisions \
            else load_document(spec, loaded)
        parts.append((document, source.name))
    return resolve_instruments(parts, loaded.sources)


def _document(spec: str, loaded: Loaded) -> tuple[Document, Source, dict[str, Source]]:
    """`includes.load_document` of a file, or of `REV:PATH` with the files it uses read from
    the same revision."""
    from .syntax.includes import load_document

    revision = git_revision(spec)
    if revision is None:
        return load_document(spec, loaded)
    return load_document(revision[1], loaded, read_revision(spec), revision[0])


@functools.lru_cache(maxsize=8)
def _resolved(source: Source, cached: bool = False) -> m.Charter:
    # The same text always resolves to the same charter, and a Charter is never changed once
    # built (analyses derive new ones with dataclasses.replace): a program, a test session or the
    # language server that loads one charter many times parses it once. A text that does not
    # resolve raises, and exceptions are not cached. With `cached`, a new process first looks in
    # the compiled-charter cache on disk (model/cache.py), and stores what it had to resolve.
    if not cached:
        return resolve_charter(parse(source), source)
    from .model import cache as compiled

    key = compiled.key(source.name, source.text)
    charter = compiled.load(key)
    if charter is None:
        charter = resolve_charter(parse(source), source)
        compiled.store(key, charter)
    return charter


def parse(source: Source) -> Document:
    """The surface tree of `source` (the parser, and Lark, load only when a text is parsed)."""
    from .syntax.parser import parse as parse_source

    document: Document = parse_source(source)
    return document


def resolve_charter(document: Document, source: Source,
                    sources: Mapping[str, Source] | None = None) -> m.Charter:
    """The resolved charter of a parsed document, with the sources of the files it uses (see
    model/from_syntax.py)."""
    from .model.from_syntax import resolve_charter as resolve

    return resolve(document, source, sources)


def formatted(path: str | Path) -> tuple[Source, str]:
    """The text of the charter or scenario file `path` and its canonical layout (`fmt`);
    raises CharterError if it cannot be read or parsed."""
    from .syntax.printer import format_source  # the printer, and Lark, load only for `fmt`

    source = read_source(path)
    return source, format_source(source)


def load_charter_text(text: str, name: str = "<text>") -> m.Charter:
    """The charter written in `text`, parsed and resolved; `name` is the file name its
    diagnostics and citations show. Line endings are normalised as for a file, so the same text
    gives the same charter whether it is read from disk or given here. Raises CharterError."""
    return _resolved(Source(name, normalise_newlines(text.removeprefix("\ufeff"))))


def interpretation_settings(charter: m.Charter, literal: bool = False,
                            overrides: Sequence[str] = ()) -> dict[str, str]:
    """The interpretations in force: the charter's defaults, or each reading's literal option
    with `literal` (off for an on/off reading), then each `NAME=OPTION` override."""
    settings = {name: i.literal if literal else i.default
                for name, i in charter.interpretations.items()}
    problems = []
    for index, text in enumerate(overrides, 1):
        name, _, value = text.partition("=")
        source = Source("--interpretation" + (f" #{index}" if index > 1 else ""), text)
        if name not in settings:
            problems.append((Diagnostic("E101", f"unknown interpretation `{name}`",
                                        source.span_at(0, len(name) or 1),
                                        did_you_mean(name, settings), (choices_note(
                                            "the interpretations",
                                            closest_first(name, settings)),)), source))
        elif value not in charter.interpretations[name].option_names:
            options = charter.interpretations[name].option_names
            problems.append((Diagnostic(
                "E118", f"`{name}` has the options {', '.join(options)}: write "
                f"{name}={options[0]}", source.span_at(len(name) + 1, len(value) or 1),
                did_you_mean(value, options) if value else None), source))
        else:
            settings[name] = value
    if problems:
        raise CharterError(tuple(d for d, _ in problems), {s.name: s for _, s in problems})
    return settings


def scenario_from_flags(charter: m.Charter, *, event: str | Sequence[str] = (),
                        not_: str | Sequence[str] = (), unknown: str | Sequence[str] = (),
                        actor: str | Sequence[str] = (), on: str | None = None,
                        interpretation: str | Sequence[str] = (), literal: bool = False,
                        settings: Mapping[str, str] | None = None) -> Scenario:
    """A scenario, from the values of the command line's flags, named as the flags are.

    `event`, `not_` (the flag `--not`: an act stated not done), `unknown`, `actor`
    (`"chad:state"`) and `interpretation` (`"NAME=on"`) take one value or a list of them, like
    the repeatable flags; `on` is the day (`"2024-01-01"`, default today); `literal` switches every
    interpretation off. `settings`, a mapping of every interpretation to its option (`on`,
    `off`, ...), replaces `literal` and `interpretation`. Raises CharterError, with located
    diagnostics, on bad values.
    """
    if settings is None:
        settings = interpretation_settings(charter, literal, _values(interpretation))
    return from_flags(charter, events=_values(event), failures=_values(not_),
                      unknowns=_values(unknown), actors=_values(actor), on=on, settings=settings)


def _values(flag: str | Sequence[str]) -> Sequence[str]:
    """One value or several, as a repeatable flag takes them (a lone string is one value)."""
    return (flag,) if isinstance(flag, str) else flag


def scenarios_from_file(charter: m.Charter, path: str | Path,
                        settings: Mapping[str, str] | None = None) -> list[Scenario]:
    """Every scenario of the scenario file `path`, in file order; `settings` overrides the
    interpretations each block sets. Raises CharterError with every problem of the file."""
    return load_scenarios(charter, read_source(path), settings)


# ---- the clash gate -----------------------------------------------------------------------------


class ClashError(Exception):
    """The charter's `assume` clauses cannot all hold (or the solver could not tell): no answer
    would mean anything, so the analysis refused. `report` is the clash, with a minimal set of
    clauses at fault; render it with render.explanations.clash_text or clash_json."""

    def __init__(self, report: ClashReport) -> None:
        super().__init__(f"the assumptions of {report.charter.source_name} clash"
                         if report.result is Result.UNSAT else
                         f"the solver could not tell whether the assumptions of "
                         f"{report.charter.source_name} can all hold")
        self.report = report


#: The gate's verdicts: (id of the charter, settings, limits) -> (the charter, its clash report).
#: Charters are immutable, and the entry holds the charter itself, so an id is never reused
#: while its entry lives.
_GATED: dict[tuple[int, tuple[tuple[str, str], ...], Limits], tuple[m.Charter, ClashReport]] = {}
_GATE_ENTRIES = 32


def refuse_clash(charter: m.Charter, settings: Mapping[str, str] | None = None,
                 limits: Limits = Limits()) -> None:
    """The clash gate: returns when the charter's `assume` clauses can all hold under `settings`
    (default: the charter's interpretations), raises ClashError otherwise (also when the solver
    gives up: UNKNOWN). A charter without `assume` clauses passes at once; a verdict is kept, so
    asking again for the same charter, settings and limits costs nothing."""
    if not charter.assumptions:
        return
    settings = settings or charter.default_interpretations()
    key = (id(charter), tuple(sorted(settings.items())), limits)
    kept = _GATED.get(key)
    if kept is None or kept[0] is not charter:
        if len(_GATED) >= _GATE_ENTRIES:
            _GATED.clear()
        kept = _GATED[key] = (charter, clash(charter, settings, limits))
    if kept[1].result is not Result.SAT:
        raise ClashError(kept[1])


def clash(charter: m.Charter, settings: Mapping[str, str] | None = None,
          limits: Limits = Limits()) -> ClashReport:
    """Whether the charter's `assume` clauses can all hold under `settings` (default: the
    charter's interpretations): SAT, or UNSAT with a minimal set of clauses that clash (drop any
    one and the rest can hold), or UNKNOWN. The one analysis that does not pass the gate."""
    from .analyses.clash import clash as run_clash

    return run_clash(charter, settings or charter.default_interpretations(), limits)


# ---- analyses -----------------------------------------------------------------------------------


def check(charter: m.Charter, settings: Mapping[str, str] | None = None,
          limits: Limits = Limits(), about: Sequence[str] = ()) -> CheckReport:
    """Every analysis of `charterlogic check` under `settings` (default: the charter's
    interpretations): consistency, conflicts, dead norms, each finding with a witness scenario
    and its articles, and the summary. Passes the clash gate first. `about` (`--about`): named
    actors the conflicts and incompatibilities are limited to."""
    from .analyses.check import check_charter  # and Z3: a query may need neither

    for name in about:
        _known_actor(charter, name, "--about", "actor", "the actors the charter names")
    settings = settings or charter.default_interpretations()
    refuse_clash(charter, settings, limits)
    return check_charter(charter, settings, limits, about=tuple(dict.fromkeys(about)))


def query(charter: m.Charter, scenario: Scenario, limits: Limits = Limits(),
          party: str | None = None) -> QueryReport:
    """What the charter requires, permits and forbids in `scenario`, and who violated what
    (only `party`'s answers, when given; an unknown party is a CharterError). Each answer holds,
    depends on named unknown facts, or is unknown (solver limit), with its derivation and
    articles. Passes the clash gate first, under the scenario's interpretations."""
    _known_party(charter, scenario, party)
    refuse_clash(charter, scenario.interpretations, limits)
    return run_query(charter, scenario, limits, party)


def _known_party(charter: m.Charter, scenario: Scenario, party: str | None) -> None:
    """Raise a located error, listing the choices, unless `party` is None or an actor."""
    if party is not None:
        _known_actor(charter, party, "--party", "party", "the parties and actors",
                     scenario.actors)


def _known_actor(charter: m.Charter, name: str, flag: str, noun: str, choices: str,
                 others: Iterable[str] = ()) -> None:
    """Raise a located error on `flag`'s value (an unknown `noun`), listing the `choices`,
    unless `name` is an actor of the charter or one of `others` (a scenario's own)."""
    known = [*charter.actors, *others]
    if name not in known:
        source = Source(flag, name)
        raise CharterError((Diagnostic(
            "E101", f"unknown {noun} `{name}`",
            source.span_at(0, len(name)), did_you_mean(name, known),
            (choices_note(choices, closest_first(name, known)),)),), {source.name: source})


def explain(charter: m.Charter, scenario: Scenario, goal: str, limits: Limits = Limits(),
            alternatives: int = 3) -> ExplainReport:
    """Why the norm `goal` ('must assist(mali, niger)') holds in `scenario`, why not, or on what
    it depends, with up to `alternatives` smallest corrections of the scenario that change the
    answer. A goal that is not a norm is a CharterError (E130). Passes the clash gate first."""
    from .analyses.explain import explain as run_explain
    from .analyses.goal import parse_goal

    parsed = parse_goal(charter, goal, dict(scenario.actors))
    if parsed.kind != "norm":
        source = Source("goal", goal)
        raise CharterError((Diagnostic(
            "E130", "explain takes a norm: `must ...`, `may ...` or `must not ...`",
            source.span_at(0, len(goal)), None,
            ("`query` lists the violations of a scenario; `find` searches for one",)),),
            {source.name: source})
    refuse_clash(charter, scenario.interpretations, limits)
    return run_explain(charter, scenario, parsed, limits, alternatives)


def find(charter: m.Charter, goal: str, settings: Mapping[str, str] | None = None,
         limits: Limits = Limits(), limit: int = 3) -> FindReport:
    """Up to `limit` distinct scenarios in which `goal` holds ('may use_force(mali, _, _)',
    'some party violates 8'), fewest events first, each with its derivation. Passes the clash
    gate first."""
    from .analyses.find import find as run_find
    from .analyses.goal import parse_goal
    from .analyses.witness import check_domain

    settings = settings or charter.default_interpretations()
    actors = {n: k for n, k in check_domain(charter).kinds.items() if n not in charter.actors}
    parsed = parse_goal(charter, goal, actors)
    refuse_clash(charter, settings, limits)
    return run_find(charter, parsed, settings, limits, limit)


def timeline(charter: m.Charter, scenario: Scenario, limits: Limits = Limits(),
             party: str | None = None) -> Timeline:
    """For a scenario with dated events, the date intervals in which each norm holds (with
    `party`, only that holder's norms), each with its articles. Passes the clash gate first."""
    from .analyses.timeline import timeline as run_timeline

    _known_party(charter, scenario, party)
    refuse_clash(charter, scenario.interpretations, limits)
    return run_timeline(charter, scenario, limits, party)


def report_site(charter: m.Charter, settings: Mapping[str, str] | None = None,
                limits: Limits = Limits(), scenario_files: Sequence[str | Path] = (),
                suite: Sequence[str | Path] = ()) -> list[tuple[str, str]]:
    """The pages of `charterlogic report` as (file name, text): the charter article by article,
    the check, every scenario of the spec suite `suite` (files or folders) and of
    `scenario_files`, each with its answers, and the vocabulary."""
    from .render.html import ScenarioAnswers, site
    from .testing import spec

    settings = settings or charter.default_interpretations()
    checked = check(charter, settings, limits)
    answered: list[ScenarioAnswers] = []
    # the suite's scenarios of this charter: a file that names another charter is about that one
    for case in load_suite(charter, suite).cases if suite else ():
        if case.charter is not None:
            continue
        result = spec.run_case(charter, case, limits)
        answered.append(ScenarioAnswers(
            case.scenario, f"{Path(case.file).name}:{case.line}", result.report,
            tuple((o.expectation.text, o.passed) for o in result.outcomes)))
    for path in scenario_files:
        for scenario in scenarios_from_file(charter, path):
            answered.append(ScenarioAnswers(scenario, f"--scenario {path}",
                                            query(charter, scenario, limits)))
    return site(checked, answered)


# ---- the spec suite -----------------------------------------------------------------------------


def load_suite(charter: m.Charter, paths: Sequence[str | Path]) -> Suite:
    """Every scenario of the scenario files under `paths` (files, or folders searched for
    *.scenario), with its expectations, resolved against `charter`, or against the charter its
    file names (`# charter: PATH`, relative to the file: docs/scenarios.md). Raises CharterError
    with the problems of every file together."""
    from .testing.spec import load_suite as load

    return load(charter, paths, load_charter)


def run_case(charter: m.Charter, case: Case, limits: Limits = Limits()) -> CaseResult:
    """One scenario of a suite: its query, and each expectation checked against the answers
    (the result's status: pass, fail, empty or unknown). Passes the clash gate first."""
    from .testing.spec import run_case as run

    refuse_clash(case.charter or charter, case.scenario.interpretations, limits)
    return run(charter, case, limits)


def run_suite(charter: m.Charter, suite: Suite, limits: Limits = Limits()) -> list[CaseResult]:
    """Every case of `suite`, in order (see run_case). Passes the clash gate first."""
    return [run_case(charter, case, limits) for case in suite.cases]


def coverage(charter: m.Charter, results: Sequence[CaseResult], limits: Limits = Limits(),
             readings: bool = True) -> Coverage:
    """What `test --coverage` reports: which norms the suite's `results` exercise, article by
    article (where each fires, and where it is checked and stays silent), and which readings the
    suite tells apart (`reading_coverage`). `readings=False` leaves the readings out
    (`Coverage.readings` empty): the norms' part makes no solver call, the readings' does."""
    from .testing.coverage import measure

    table = measure(charter, results)
    return replace(table, readings=reading_coverage(charter, results, limits)) if readings \
        else table


def reading_coverage(charter: m.Charter, results: Sequence[CaseResult],
                     limits: Limits = Limits()) -> tuple[ReadingCoverage, ...]:
    """For every interpretation and option, the first scenario of the suite's `results` answered
    differently under it, or else `diff`'s witness as a suggested scenario."""
    from .testing.coverage import measure_readings

    return measure_readings(charter, results, limits)

def mutation(charter: m.Charter, suite: Suite, results: Sequence[CaseResult],
             limits: Limits = Limits(),
             progress: Callable[[int, int], None] | None = None,
             patterns: Sequence[str] = ()) -> MutationReport:
    """Every mutant of the charter (one clause changed) against the suite, or those whose id
    matches one of the shell-style `patterns`: the killed, the survivors, and the survivors the
    suite explains. `results` are the suite's results on `charter` and must all pass;
    `progress(done, total)` is called as mutants are run. Passes the clash gate first (a mutant
    keeps its charter's assumptions)."""
    from .testing.mutation import run

    refuse_clash(charter, None, limits)
    return run(charter, suite, results, limits, progress, patterns)


def as_json(report: Report | Sequence[CaseResult]) -> object:
    """Any report as the JSON value `--format json` prints for it, which validates against the
    schema it names (charterlogic/schemas/, docs/json.md). The results of `run_suite` give the
    `charterlogic.test` document of their charter; an empty list names no charter (ValueError)."""
    from .analyses.check import CheckReport
    from .analyses.clash import ClashReport
    from .analyses.diff import DiffReport
    from .analyses.explain import ExplainReport
    from .analyses.find import FindReport
    from .analyses.timeline import Timeline
    from .render import answers, explanations, suite
    from .render import diff as differences
    from .testing import coverage, mutation

    if isinstance(report, (list, tuple)):
        if not report:
            raise ValueError("as_json: an empty list of results names no charter")
        results: list[CaseResult] = list(report)
        return json.loads(suite.suite_json(results[0].report.charter, results))

    renderers: list[tuple[type, Callable[[Any], str]]] = [
        (CheckReport, answers.check_json),
        (QueryReport, lambda r: answers.query_json(r.charter, r)),
        (ExplainReport, lambda r: explanations.explain_json(r.charter, r)),
        (FindReport, explanations.find_json),
        (Timeline, explanations.timeline_json),
        (ClashReport, explanations.clash_json),
        (DiffReport, differences.diff_json),
        (coverage.Coverage, suite.coverage_json),
        (mutation.MutationReport, suite.mutation_json),
    ]
    for kind, render in renderers:
        if isinstance(report, kind):
            # parsed back from the very text the CLI prints: one rendering, one schema
            return json.loads(render(report))
    raise TypeError(f"as_json takes a report of charterlogic's API, not {type(report).__name__}")
