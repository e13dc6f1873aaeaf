"""The Python API that the CLI and the tests call. It never prints.

    charter = load_charter()                      # the shipped charter.dsl
    report = check(charter)                       # consistency over all scenarios
    scenario = scenario_from_flags(charter, events=["attack(chad, territory(niger))"],
                                   actors=["chad:state"], on="2024-01-01")
    answers = query(charter, scenario)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .analyses.query import QueryReport
from .analyses.query import query as run_query
from .model import types as m
from .model.scenario import Scenario, from_flags, load_scenarios
from .smt.solver import Limits
from .syntax.diagnostics import CharterError, Diagnostic, did_you_mean
from .syntax.source import Source, Span, decode, normalise_newlines

if TYPE_CHECKING:  # the analyses load only when asked for: a query needs neither check nor Z3
    from .analyses.check import CheckReport
    from .analyses.clash import ClashReport
    from .analyses.explain import ExplainReport
    from .analyses.find import FindReport
    from .analyses.timeline import Timeline

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


def load_charter(path: str | Path | None = None, cache: bool = True) -> m.Charter:
    """Parse and resolve a charter; raises CharterError with every problem found.

    With `cache` (and unless CHARTERLOGIC_NO_CACHE is set), a charter compiled before from the
    same text by the same code is read back from the user's cache folder instead (model/cache.py:
    plain data, verified, never code); a charter with errors is never cached.
    """
    from .model import cache as compiled

    source = read_source(path)
    use_cache = cache and not compiled.disabled()
    key = compiled.key(source.name, source.text) if use_cache else ""
    charter = compiled.load(key) if use_cache else None
    if charter is None:
        charter = resolve_charter(parse(source), source)
        if use_cache:
            compiled.store(key, charter)
    return charter


def parse(source: Source) -> object:
    """The surface tree of `source` (the parser, and Lark, load only when a text is parsed)."""
    from .syntax.parser import parse as parse_source

    return parse_source(source)


def resolve_charter(document: object, source: Source) -> m.Charter:
    """The resolved charter of a parsed document (see model/from_syntax.py)."""
    from .model.from_syntax import resolve_charter as resolve

    return resolve(document, source)  # type: ignore[arg-type]


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
    from .analyses.check import check_charter

    return check_charter(charter, settings or charter.default_interpretations(), limits)


def scenario_from_flags(charter: m.Charter, **flags: object) -> Scenario:
    """A scenario from command-line style flags (see scenario.from_flags)."""
    return from_flags(charter, **flags)  # type: ignore[arg-type]


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
    from .analyses.check import check_domain
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
