"""The Python API that the CLI and the tests call. It never prints. docs/api.md shows it at work.

    charter = load_charter()                      # the shipped charter.dsl
    report = check(charter)                       # consistency over all scenarios
    scenario = scenario_from_flags(charter, event=["attack(chad, territory(niger))"],
                                   actor=["chad:state"], on="2024-01-01")
    answers = query(charter, scenario)
    as_json(answers)                              # what `query --format json` prints
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from .analyses.check import CheckReport, check_charter, check_domain
from .analyses.query import QueryReport
from .analyses.query import query as run_query
from .model import types as m
from .model.from_syntax import resolve_charter
from .model.scenario import Scenario, from_flags, load_scenarios
from .smt.solver import Limits
from .syntax.diagnostics import CharterError, Diagnostic, did_you_mean
from .syntax.parser import parse
from .syntax.source import Source, Span, decode, normalise_newlines

if TYPE_CHECKING:  # the explanation analyses load only when asked for: `check` starts faster
    from .analyses.clash import ClashReport
    from .analyses.explain import ExplainReport
    from .analyses.find import FindReport
    from .analyses.timeline import Timeline
    from .testing.coverage import Coverage
    from .testing.mutation import MutationReport
    from .testing.spec import SuiteReport

    #: Every report the API returns; `as_json` turns any of them into its JSON form.
    Report = Union[CheckReport, QueryReport, ExplainReport, FindReport, Timeline, ClashReport,
                   SuiteReport, Coverage, MutationReport]

SHIPPED = "charter.dsl"


def read_source(path: str | Path | None) -> Source:
    """The text of `path` (None: the charter shipped with the package)."""
    if path is None:
        data = resources.files(__package__).joinpath(SHIPPED).read_bytes()
        return _decode(SHIPPED, data)
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise _file_error(name, "E011", f"no such file: {name}") from None
    except IsADirectoryError:
        raise _file_error(name, "E011", f"{name} is a directory, not a file") from None
    except OSError as error:
        raise _file_error(name, "E011", f"cannot read {name}: {error.strerror}") from None
    return _decode(name, data)


def _decode(name: str, data: bytes) -> Source:
    try:
        return decode(name, data)
    except UnicodeDecodeError as error:
        prefix = normalise_newlines(data[: error.start].decode("utf-8", errors="replace"))
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        # shown with the bad bytes replaced, so that the caret can point at the first of them
        shown = Source(name, normalise_newlines(data.decode("utf-8", errors="replace")))
        raise CharterError((Diagnostic(
            "E012", f"invalid UTF-8 at byte offset {error.start} "
            f"(byte 0x{data[error.start]:02x})", Span(name, line, column, line, column + 1),
            notes=("charterlogic reads UTF-8 text: save the file as UTF-8",)),),
            {name: shown}) from None


def _file_error(name: str, code: str, message: str) -> CharterError:
    return CharterError((Diagnostic(code, message, Span(name, 0, 0, 0, 0)),), {})


def load_charter(path: str | Path | None = None) -> m.Charter:
    """Parse and resolve a charter; raises CharterError with every problem found."""
    source = read_source(path)
    return resolve_charter(parse(source), source)


def interpretation_settings(charter: m.Charter, literal: bool = False,
                            overrides: Sequence[str] = ()) -> dict[str, bool]:
    """The interpretations in force: the charter's defaults, or all off with `literal`, then each
    `NAME=on|off` override."""
    settings = {name: False if literal else i.default
                for name, i in charter.interpretations.items()}
    problems = []
    for index, text in enumerate(overrides, 1):
        name, _, value = text.partition("=")
        source = Source("--interpretation" + (f" #{index}" if index > 1 else ""), text)
        if name not in settings:
            problems.append((Diagnostic("E101", f"unknown interpretation `{name}`",
                                        source.span_at(0, len(name) or 1),
                                        did_you_mean(name, settings)), source))
        elif value not in ("on", "off"):
            problems.append((Diagnostic("E118", "write an interpretation as NAME=on or NAME=off",
                                        source.span_at(0, len(text) or 1)), source))
        else:
            settings[name] = value == "on"
    if problems:
        raise CharterError(tuple(d for d, _ in problems), {s.name: s for _, s in problems})
    return settings


def check(charter: m.Charter, settings: Mapping[str, bool] | None = None,
          limits: Limits = Limits()) -> CheckReport:
    """Every analysis of `charterlogic check`, under the interpretations given."""
    return check_charter(charter, settings or charter.default_interpretations(), limits)


def scenario_from_flags(charter: m.Charter, *, event: str | Sequence[str] = (),
                        not_: str | Sequence[str] = (), unknown: str | Sequence[str] = (),
                        actor: str | Sequence[str] = (), on: str | None = None,
                        interpretation: str | Sequence[str] = (), literal: bool = False,
                        settings: Mapping[str, bool] | None = None) -> Scenario:
    """A scenario, from the values of the command line's flags, named as the flags are.

    `event`, `not_` (the flag `--not`: an act stated not done), `unknown`, `actor`
    (`"chad:state"`) and `interpretation` (`"NAME=on"`) take one value or a list of them, like
    the repeatable flags; `on` is the day (`"2024-01-01"`, default today); `literal` switches every
    interpretation off. `settings`, a mapping of every interpretation to on or off, replaces
    `literal` and `interpretation`. Raises CharterError, with located diagnostics, on bad values.
    """
    if settings is None:
        settings = interpretation_settings(charter, literal, _values(interpretation))
    return from_flags(charter, events=_values(event), failures=_values(not_),
                      unknowns=_values(unknown), actors=_values(actor), on=on, settings=settings)


def _values(flag: str | Sequence[str]) -> Sequence[str]:
    """One value or several, as a repeatable flag takes them (a lone string is one value)."""
    return (flag,) if isinstance(flag, str) else flag


def scenarios_from_file(charter: m.Charter, path: str | Path,
                        settings: Mapping[str, bool] | None = None) -> list[Scenario]:
    """Every scenario of a scenario file."""
    return load_scenarios(charter, read_source(path), settings)


def query(charter: m.Charter, scenario: Scenario, limits: Limits = Limits(),
          party: str | None = None) -> QueryReport:
    """What the charter requires, permits and forbids in `scenario`, and who violated what."""
    if party is not None and party not in charter.actors and party not in scenario.actors:
        source = Source("--party", party)
        raise CharterError((Diagnostic(
            "E101", f"unknown party `{party}`", source.span_at(0, len(party)),
            did_you_mean(party, [*charter.actors, *scenario.actors])),), {source.name: source})
    return run_query(charter, scenario, limits, party)


def explain(charter: m.Charter, scenario: Scenario, goal: str, limits: Limits = Limits(),
            alternatives: int = 3) -> ExplainReport:
    """Why the norm `goal` ('must assist(mali, niger)') holds in `scenario`, why not, or on what
    it depends."""
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
    return run_explain(charter, scenario, parsed, limits, alternatives)


def find(charter: m.Charter, goal: str, settings: Mapping[str, bool] | None = None,
         limits: Limits = Limits(), limit: int = 3) -> FindReport:
    """Up to `limit` distinct scenarios in which `goal` holds ('may use_force(mali, _, _)',
    'some party violates 8'), fewest events first."""
    from .analyses.find import find as run_find
    from .analyses.goal import parse_goal

    actors = {n: k for n, k in check_domain(charter).kinds.items() if n not in charter.actors}
    return run_find(charter, parse_goal(charter, goal, actors),
                    settings or charter.default_interpretations(), limits, limit)


def timeline(charter: m.Charter, scenario: Scenario, limits: Limits = Limits()) -> Timeline:
    """For a scenario with dated events, the date intervals in which each norm holds."""
    from .analyses.timeline import timeline as run_timeline

    return run_timeline(charter, scenario, limits)


def clash(charter: m.Charter, settings: Mapping[str, bool] | None = None,
          limits: Limits = Limits()) -> ClashReport:
    """Whether the charter's `assume` clauses can all hold; if not, a minimal set that clash."""
    from .analyses.clash import clash as run_clash

    return run_clash(charter, settings or charter.default_interpretations(), limits)


def run_suite(charter: m.Charter, paths: Sequence[str | Path],
              limits: Limits = Limits()) -> SuiteReport:
    """Run the scenario files under `paths` (files, or folders of *.scenario files) against
    `charter`, as `charterlogic test` does: each scenario's expectations checked."""
    from .testing import spec

    suite = spec.load_suite(charter, paths)
    return spec.SuiteReport(charter, tuple(spec.run_case(charter, case, limits)
                                           for case in suite.cases))


def as_json(report: Report) -> object:
    """Any report as the JSON value `--format json` prints for it, which validates against the
    schema it names (charterlogic/schemas/, docs/json.md)."""
    from .analyses.clash import ClashReport
    from .analyses.explain import ExplainReport
    from .analyses.find import FindReport
    from .analyses.timeline import Timeline
    from .render import answers, explanations
    from .testing import coverage, mutation, spec

    renderers: list[tuple[type, Callable[[Any], str]]] = [
        (CheckReport, answers.check_json),
        (QueryReport, lambda r: answers.query_json(r.charter, r)),
        (ExplainReport, lambda r: explanations.explain_json(r.charter, r)),
        (FindReport, explanations.find_json),
        (Timeline, explanations.timeline_json),
        (ClashReport, explanations.clash_json),
        (spec.SuiteReport, lambda r: spec.results_json(r.charter, r.results)),
        (coverage.Coverage, coverage.report_json),
        (mutation.MutationReport, mutation.report_json),
    ]
    for kind, render in renderers:
        if isinstance(report, kind):
            # parsed back from the very text the CLI prints: one rendering, one schema
            return json.loads(render(report))
    raise TypeError(f"as_json takes a report of charterlogic's API, not {type(report).__name__}")
