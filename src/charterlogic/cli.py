"""The command line: parse arguments, call the API, render. Nothing else happens here.

Exit codes (docs/cli.md): 0 clean, 1 findings of error severity, 2 bad input, 3 solver unknown,
4 internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from . import api
from .model import types as m
from .model.scenario import Scenario
from .render import answers as render
from .smt.solver import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS, Limits, Result
from .syntax.diagnostics import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_UNKNOWN,
    CharterError,
    Diagnostic,
    render_all,
)
from .syntax.source import Span

EXIT_INTERNAL = 4

#: Z3 takes its limits as unsigned 32-bit integers (the timeout in milliseconds).
_Z3_MAX = 2**32 - 1


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit with the input-error code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


# ---- arguments ----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="charterlogic",
        description="A treaty as a formal model: check its consistency, query what it requires.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser(
        "check", help="are the clauses consistent? conflicts, dead norms, a summary")
    _charter_options(check)
    check.add_argument("--save-witness", metavar="DIR",
                       help="write each finding's witness as a scenario file in DIR")

    query = commands.add_parser(
        "query", help="for a hypothetical scenario: who must, may and must not do what")
    _charter_options(query)
    _scenario_options(query)
    query.add_argument("--party", metavar="NAME", help="only the answers for this party")
    query.add_argument("--all", action="store_true",
                       help="also list the standing norms that no event triggers")

    explain = commands.add_parser(
        "explain", help="why a norm holds, why not, or on what it depends, citing the articles")
    explain.add_argument("goal", metavar="GOAL",
                         help="e.g. 'must assist(burkina_faso, niger)', "
                              "'may use_force(mali, _, _)'")
    _charter_options(explain)
    _scenario_options(explain)
    explain.add_argument("--alternatives", type=_at_least(0), default=3, metavar="N",
                         help="how many smallest corrections to list (default 3)")

    find = commands.add_parser(
        "find", help="scenarios in which a goal holds, fewest events first")
    find.add_argument("goal", metavar="GOAL",
                      help="e.g. 'may use_force(mali, _, _)' or 'some party violates 8'")
    _charter_options(find)
    find.add_argument("--limit", type=_at_least(1), default=3, metavar="N",
                      help="at most N distinct scenarios (default 3)")
    find.add_argument("--save", metavar="DIR", help="write each scenario as a file in DIR")

    timeline = commands.add_parser(
        "timeline", help="for a scenario with dated events: when each norm holds")
    _charter_options(timeline)
    _scenario_options(timeline)
    timeline.add_argument("--all", action="store_true",
                          help="also list the standing norms that no event triggers")

    test = commands.add_parser(
        "test", help="run the spec suite: scenario files with their expectations")
    test.add_argument("paths", nargs="*", metavar="PATH",
                      help="scenario files or folders of *.scenario files "
                           "(default: tests/scenarios)")
    test.add_argument("--charter", metavar="FILE",
                      help="the charter (default: the shipped charter.dsl)")
    test.add_argument("--format", choices=("text", "json"), default="text")
    test.add_argument("--coverage", action="store_true",
                      help="report, for each article and norm, how many scenarios exercise it")
    test.add_argument("--mutate", action="store_true",
                      help="change one norm at a time and report the mutants no scenario kills")
    _cache_option(test)
    _limit_options(test)
    return parser


def _charter_options(command: argparse.ArgumentParser) -> None:
    """The charter to read, its interpretations, the output format and the solver's limits."""
    command.add_argument("path", nargs="?", help="the charter (default: the shipped charter.dsl)")
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.add_argument("--literal", action="store_true",
                         help="switch every interpretation off: the raw reading")
    command.add_argument("--interpretation", action="append", default=[], metavar="NAME=on|off",
                         help="switch one interpretation; repeatable")
    _cache_option(command)
    _limit_options(command)


def _cache_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--no-cache", action="store_true",
                         help="parse the charter afresh: neither read nor write the compiled "
                              "charter in the user's cache folder")


def _limit_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT_MS / 1000,
                         metavar="SECONDS", help="wall-clock limit per solver call (default 10)")
    command.add_argument("--rlimit", type=_resource_count, default=DEFAULT_RLIMIT, metavar="N",
                         help="Z3's deterministic resource limit per solver call (0: none)")


def _scenario_options(command: argparse.ArgumentParser) -> None:
    """A scenario, from flags or from a file (query, explain, timeline)."""
    command.add_argument("--event", action="append", default=[], metavar="EXPR",
                         help="a fact of the scenario, e.g. 'attack(chad, territory(niger))' "
                              "(optionally '... from 2024-01-01 until 2024-02-01'); repeatable")
    command.add_argument("--not", dest="failures", action="append", default=[], metavar="EXPR",
                         help="an act stated NOT done, e.g. 'assist(mali, niger)'; repeatable")
    command.add_argument("--unknown", action="append", default=[], metavar="EXPR",
                         help="a fact left open: answers that turn on it say 'depends'")
    command.add_argument("--actor", action="append", default=[], metavar="NAME:KIND",
                         help="an actor the charter does not name, e.g. chad:state")
    command.add_argument("--on", metavar="DATE", help="the scenario's day (default: today)")
    command.add_argument("--scenario", metavar="FILE",
                         help="read the scenario(s) from a file instead of the flags")


def _seconds(text: str) -> float:
    """A timeout: a positive, finite number of seconds that Z3 can represent."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < seconds <= _Z3_MAX / 1000:  # also refuses nan
        raise argparse.ArgumentTypeError(
            f"the timeout must be more than 0 and at most {_Z3_MAX // 1000} seconds")
    return seconds


def _resource_count(text: str) -> int:
    """An rlimit: a whole number from 0 (no limit) to Z3's maximum."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= count <= _Z3_MAX:
        raise argparse.ArgumentTypeError(f"the rlimit must be from 0 (no limit) to {_Z3_MAX}")
    return count


def _at_least(low: int) -> Callable[[str], int]:
    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}")
        return value

    return whole


# ---- running ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the CLI; returns the exit code. Streams default to the process's."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        # argparse writes usage, --help and its errors to sys.std*: send them to our streams
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return _test(args, out, err) if args.command == "test" else _analyse(args, out)
    except CharterError as error:
        err.write(render_all(error.diagnostics, error.sources) + "\n")
        return EXIT_INPUT
    except RecursionError:
        err.write("error[E008]: the input is nested too deeply to analyse\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the promise is: never a traceback
        err.write(f"internal error: {type(error).__name__}: {error}\n"
                  "this is a bug in charterlogic; please report it with the command you ran\n")
        return EXIT_INTERNAL


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(timeout_ms=max(1, int(args.timeout * 1000)), rlimit=args.rlimit)


def _charter(args: argparse.Namespace) -> tuple[m.Charter, dict[str, bool]]:
    """The charter and the interpretations in force."""
    charter = api.load_charter(args.path, cache=not args.no_cache)
    return charter, api.interpretation_settings(charter, args.literal, args.interpretation)


def _clash(args: argparse.Namespace, charter: m.Charter, settings: dict[str, bool],
           out: TextIO) -> int | None:
    """If the charter's assumptions clash, report the clash and return the exit code.

    No answer means anything in an inconsistent world, so every analysis stops here.
    """
    if not charter.assumptions:
        return None
    clash = api.clash(charter, settings, _limits(args))
    if clash.result is Result.SAT:
        return None
    from .render import explanations as rx

    if args.format == "json":
        out.write(rx.clash_json(clash))
    else:
        source = api.read_source(args.path)
        out.write(rx.clash_text(clash, {source.name: source}))
    return EXIT_FINDINGS if clash.result is Result.UNSAT else EXIT_UNKNOWN


def _scenarios(args: argparse.Namespace, charter: m.Charter,
               settings: dict[str, bool]) -> list[Scenario]:
    """The scenario(s) to answer, from --scenario FILE or from the flags."""
    if args.scenario:
        if args.event or args.failures or args.unknown or args.actor or args.on:
            raise _usage(
                "--scenario takes the whole scenario from the file: drop --event, --not, "
                "--unknown, --actor and --on")
        overridden = settings if (args.literal or args.interpretation) else None
        return api.scenarios_from_file(charter, args.scenario, overridden)
    return [api.scenario_from_flags(
        charter, events=args.event, failures=args.failures, unknowns=args.unknown,
        actors=args.actor, on=args.on, settings=settings)]


def _write(out: TextIO, documents: list[str], json_: bool) -> None:
    """One document as it is; several as a JSON array, or as text separated by a blank line."""
    if json_ and len(documents) > 1:
        out.write(render.json_array(documents))
    else:
        out.write("\n".join(documents))


def _check(args: argparse.Namespace, charter: m.Charter, settings: dict[str, bool],
           out: TextIO) -> int:
    report = api.check(charter, settings, _limits(args))
    if args.save_witness:
        _save_files(render.witness_files(report), args.save_witness)
    out.write(render.check_json(report) if args.format == "json" else render.check_text(report))
    if report.unknown:
        return EXIT_UNKNOWN
    return EXIT_FINDINGS if report.errors else EXIT_OK


def _query(args: argparse.Namespace, charter: m.Charter, settings: dict[str, bool],
           out: TextIO) -> int:
    reports = [api.query(charter, s, _limits(args), args.party)
               for s in _scenarios(args, charter, settings)]
    json_ = args.format == "json"
    _write(out, [render.query_json(charter, r) if json_ else render.query_text(charter, r, args.all)
                 for r in reports], json_)
    return EXIT_UNKNOWN if any(r.unknown for r in reports) else EXIT_OK


def _explain(args: argparse.Namespace, charter: m.Charter, settings: dict[str, bool],
             out: TextIO) -> int:
    from .render import explanations as rx

    reports = [api.explain(charter, s, args.goal, _limits(args), args.alternatives)
               for s in _scenarios(args, charter, settings)]
    json_ = args.format == "json"
    _write(out, [rx.explain_json(charter, r) if json_ else rx.explain_text(charter, r)
                 for r in reports], json_)
    return EXIT_UNKNOWN if any(r.unknown for r in reports) else EXIT_OK


def _find(args: argparse.Namespace, charter: m.Charter, settings: dict[str, bool],
          out: TextIO) -> int:
    from .render import explanations as rx

    found = api.find(charter, args.goal, settings, _limits(args), args.limit)
    if args.save:
        _save_files(rx.found_files(found), args.save)
    out.write(rx.find_json(found) if args.format == "json" else rx.find_text(found))
    return EXIT_UNKNOWN if found.unknown else EXIT_OK


def _timeline(args: argparse.Namespace, charter: m.Charter, settings: dict[str, bool],
              out: TextIO) -> int:
    from .render import explanations as rx

    timelines = [api.timeline(charter, s, _limits(args))
                 for s in _scenarios(args, charter, settings)]
    json_ = args.format == "json"
    _write(out, [rx.timeline_json(t) if json_ else rx.timeline_text(t, args.all)
                 for t in timelines], json_)
    return EXIT_UNKNOWN if any(t.unknown for t in timelines) else EXIT_OK


def _test(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`charterlogic test`: run the spec suite; with --coverage or --mutate, measure it."""
    from .testing import coverage, mutation, spec

    charter = api.load_charter(args.charter, cache=not args.no_cache)
    paths = args.paths or ["tests/scenarios"]
    if not args.paths and not Path(paths[0]).is_dir():
        raise _usage("give the scenario files or folders to run (no tests/scenarios here)")
    suite = spec.load_suite(charter, paths)
    limits = _limits(args)
    results = [spec.run_case(charter, case, limits) for case in suite.cases]
    code = spec.exit_code(results)
    json_ = args.format == "json"
    if args.mutate and code != 0:
        out.write(spec.results_text(results))
        err.write("the suite must pass before mutants can be measured\n")
        return code
    if args.mutate:
        progress = mutation.progress_bar(err) if err.isatty() else None
        report = mutation.run(charter, suite, results, limits, progress)
        out.write(mutation.report_json(report) if json_ else mutation.report_text(report))
        return mutation.exit_code(report)
    if args.coverage:
        table = coverage.measure(charter, results)
        out.write(coverage.report_json(table) if json_ else coverage.report_text(table))
        return code or coverage.exit_code(table)
    out.write(spec.results_json(charter, results) if json_ else spec.results_text(results))
    return code


ANALYSES: dict[str, Callable[[argparse.Namespace, m.Charter, dict[str, bool], TextIO], int]] = {
    "check": _check, "query": _query, "explain": _explain, "find": _find, "timeline": _timeline,
}


def _analyse(args: argparse.Namespace, out: TextIO) -> int:
    """Load the charter, stop at a clash of its assumptions, run the command."""
    charter, settings = _charter(args)
    clashed = _clash(args, charter, settings, out)
    if clashed is not None:
        return clashed
    return ANALYSES[args.command](args, charter, settings, out)


def _save_files(files: list[tuple[str, str]], directory: str) -> None:
    """Write (name, text) files into `directory`, creating it."""
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files:
            (folder / name).write_text(text, encoding="utf-8")
    except OSError as error:
        raise _usage(f"cannot write files to {directory}: {error.strerror}") from None


def _usage(message: str) -> CharterError:
    return CharterError((Diagnostic("E118", message, Span("command line", 0, 0, 0, 0)),), {})


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
