"""The command line: parse arguments, call the API, render. Nothing else happens here.

Exit codes (docs/cli.md): 0 clean, 1 findings of error severity, 2 bad input, 3 solver unknown,
4 internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import api
from .model import types as m
from .model.scenario import Scenario
from .render import answers as render
from .render.color import paint, wants_color
from .render.diagnostics import diagnostics_json
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

if TYPE_CHECKING:
    from .analyses.clash import ClashReport

EXIT_INTERNAL = 4

#: Z3 takes its limits as unsigned 32-bit integers (the timeout in milliseconds).
_Z3_MAX = 2**32 - 1


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit with the input-error code (as a diagnostic: see main)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}", self.format_usage())


class _UsageError(Exception):
    """A misused option, reported by argparse: its message and the usage line."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.message, self.usage = message, usage


class _PrintCompletion(argparse.Action):
    """`--print-completion SHELL`: the completion script, made by shtab from this parser."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        try:
            import shtab
        except ImportError:
            parser.exit(EXIT_INPUT, "charterlogic: shell completion needs shtab: "
                                    "pip install 'charterlogic[completion]'\n")
        print(shtab.complete(parser, shell=str(values)), end="")
        parser.exit(EXIT_OK)


def _version() -> str:
    return f"charterlogic {metadata.version('charterlogic')}"


# ---- arguments ----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command; usage errors exit with code 2 (bad input)."""
    parser = _Parser(
        prog="charterlogic",
        description="A treaty as a formal model: check its consistency, query what it requires.",
    )
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument("--print-completion", action=_PrintCompletion,
                        choices=("bash", "zsh", "tcsh"), metavar="SHELL",
                        help="print the shell completion script for bash, zsh or tcsh "
                             "(needs the `completion` extra)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser(
        "check", help="are the clauses consistent? conflicts, dead norms, a summary")
    _charter_options(check, formats=("text", "json", "sarif"))
    check.add_argument("--save-witness", metavar="DIR",
                       help="write each finding's witness as a scenario file in DIR")
    _fail_on_option(check, "warning: also fail (exit 1) on warning findings")

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
    _color_option(test)
    test.add_argument("--junit", metavar="FILE",
                      help="also write the results as JUnit XML to FILE (one testcase a scenario)")
    test.add_argument("--force", action="store_true",
                      help="overwrite the --junit FILE if it exists")
    _fail_on_option(test, "warning: also fail (exit 1) on scenarios without expectations")
    test.add_argument("--coverage", action="store_true",
                      help="report, for each article and norm, how many scenarios exercise it")
    test.add_argument("--mutate", action="store_true",
                      help="change one norm at a time and report the mutants no scenario kills")
    _limit_options(test)
    return parser


def _charter_options(command: argparse.ArgumentParser,
                     formats: tuple[str, ...] = ("text", "json")) -> None:
    """The charter to read, its interpretations, the output format and the solver's limits."""
    command.add_argument("path", nargs="?", help="the charter (default: the shipped charter.dsl)")
    command.add_argument("--format", choices=formats, default="text")
    _color_option(command)
    command.add_argument("--literal", action="store_true",
                         help="every reading at its literal option (off for an on/off reading)")
    command.add_argument("--interpretation", action="append", default=[], metavar="NAME=OPTION",
                         help="set one reading to one of its options (on/off for a switch); "
                              "repeatable")
    _limit_options(command)


def _color_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                         help="colour severities and verdicts: auto (default) on a terminal "
                              "unless NO_COLOR is set")


def _fail_on_option(command: argparse.ArgumentParser, warning: str) -> None:
    command.add_argument("--fail-on", choices=("error", "warning"), default="error",
                         help=f"error (default): exit 1 on errors only; {warning}")


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
    command.add_argument("--not", dest="not_", action="append", default=[], metavar="EXPR",
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
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        # argparse writes usage, --help and its errors to sys.std*: send them to our streams
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except _UsageError as usage:
        if _json_requested(argv):
            out.write(diagnostics_json([Diagnostic("", usage.message.partition(": error: ")[2],
                                                   _COMMAND_LINE)], EXIT_INPUT))
        else:
            err.write(usage.usage + usage.message + "\n")
        return EXIT_INPUT
    if args.format == "text" and wants_color(args.color, out):
        # rendering stays colourless; the finished text is painted on its way to the terminal
        text = io.StringIO()
        code = _run(args, text, err)
        out.write(paint(text.getvalue()))
        return code
    return _run(args, out, err)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the parsed command; every error becomes its message and exit code, never a traceback."""
    json_ = args.format == "json"
    try:
        return _test(args, out, err) if args.command == "test" else _analyse(args, out)
    except api.ClashError as refused:
        return _clash(args, refused.report, out)
    except CharterError as error:
        if json_:
            out.write(diagnostics_json(error.diagnostics, EXIT_INPUT))
        else:
            text = render_all(error.diagnostics, error.sources) + "\n"
            err.write(paint(text) if wants_color(args.color, err) else text)
        return EXIT_INPUT
    except RecursionError:
        message = "the input is nested too deeply to analyse"
        if json_:
            out.write(diagnostics_json([Diagnostic("E008", message, _COMMAND_LINE)], EXIT_INPUT))
        else:
            err.write(f"error[E008]: {message}\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        err.write(f"internal error: {type(error).__name__}: {error}\n"
                  "this is a bug in charterlogic; please report it with the command you ran\n")
        return EXIT_INTERNAL


_COMMAND_LINE = Span("command line", 0, 0, 0, 0)


def _json_requested(argv: Sequence[str]) -> bool:
    """Whether the command line asks for JSON, read before (or without) argparse's success."""
    return any(a == "--format=json" or (a == "--format" and b == "json")
               for a, b in zip(argv, [*argv[1:], ""], strict=True))


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(timeout_ms=max(1, int(args.timeout * 1000)), rlimit=args.rlimit)


def _charter(args: argparse.Namespace) -> tuple[m.Charter, dict[str, str]]:
    """The charter and the interpretations in force."""
    charter = api.load_charter(args.path)
    return charter, api.interpretation_settings(charter, args.literal, args.interpretation)


def _clash(args: argparse.Namespace, report: ClashReport, out: TextIO) -> int:
    """Report the API's refusal of a charter whose assumptions clash; return the exit code.

    No answer means anything in an inconsistent world, so every analysis stops there.
    """
    from .render import explanations as rx

    if args.format == "json":
        out.write(rx.clash_json(report))
    elif args.format == "sarif":
        from .render.sarif import clash_sarif

        out.write(clash_sarif(report))
    else:
        source = api.read_source(args.path if args.command != "test" else args.charter)
        out.write(rx.clash_text(report, {source.name: source}))
    return EXIT_FINDINGS if report.result is Result.UNSAT else EXIT_UNKNOWN


def _scenarios(args: argparse.Namespace, charter: m.Charter,
               settings: dict[str, str]) -> list[Scenario]:
    """The scenario(s) to answer, from --scenario FILE or from the flags."""
    if args.scenario:
        if args.event or args.not_ or args.unknown or args.actor or args.on:
            raise _usage(
                "--scenario takes the whole scenario from the file: drop --event, --not, "
                "--unknown, --actor and --on")
        overridden = settings if (args.literal or args.interpretation) else None
        return api.scenarios_from_file(charter, args.scenario, overridden)
    return [api.scenario_from_flags(
        charter, event=args.event, not_=args.not_, unknown=args.unknown,
        actor=args.actor, on=args.on, settings=settings)]


def _write(out: TextIO, documents: list[str], json_: bool) -> None:
    """One document as it is; several as a JSON array, or as text separated by a blank line."""
    if json_ and len(documents) > 1:
        out.write(render.json_array(documents))
    else:
        out.write("\n".join(documents))


def _check(args: argparse.Namespace, charter: m.Charter, settings: dict[str, str],
           out: TextIO) -> int:
    report = api.check(charter, settings, _limits(args))
    if args.save_witness:
        _save_files(render.witness_files(report), args.save_witness)
    if args.format == "sarif":
        from .render.sarif import check_sarif

        out.write(check_sarif(report))
    else:
        out.write(render.check_json(report) if args.format == "json"
                  else render.check_text(report))
    if report.unknown:
        return EXIT_UNKNOWN
    failing = {"error"} if args.fail_on == "error" else {"error", "warning"}
    return EXIT_FINDINGS if any(f.severity in failing for f in report.findings) else EXIT_OK


def _query(args: argparse.Namespace, charter: m.Charter, settings: dict[str, str],
           out: TextIO) -> int:
    reports = [api.query(charter, s, _limits(args), args.party)
               for s in _scenarios(args, charter, settings)]
    json_ = args.format == "json"
    _write(out, [render.query_json(charter, r) if json_ else render.query_text(charter, r, args.all)
                 for r in reports], json_)
    return EXIT_UNKNOWN if any(r.unknown for r in reports) else EXIT_OK


def _explain(args: argparse.Namespace, charter: m.Charter, settings: dict[str, str],
             out: TextIO) -> int:
    from .render import explanations as rx

    reports = [api.explain(charter, s, args.goal, _limits(args), args.alternatives)
               for s in _scenarios(args, charter, settings)]
    json_ = args.format == "json"
    _write(out, [rx.explain_json(charter, r) if json_ else rx.explain_text(charter, r)
                 for r in reports], json_)
    return EXIT_UNKNOWN if any(r.unknown for r in reports) else EXIT_OK


def _find(args: argparse.Namespace, charter: m.Charter, settings: dict[str, str],
          out: TextIO) -> int:
    from .render import explanations as rx

    found = api.find(charter, args.goal, settings, _limits(args), args.limit)
    if args.save:
        _save_files(rx.found_files(found), args.save)
    out.write(rx.find_json(found) if args.format == "json" else rx.find_text(found))
    return EXIT_UNKNOWN if found.unknown else EXIT_OK


def _timeline(args: argparse.Namespace, charter: m.Charter, settings: dict[str, str],
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
    from .render import suite as rs
    from .testing import coverage, mutation, spec

    charter = api.load_charter(args.charter)
    paths = args.paths or ["tests/scenarios"]
    if not args.paths and not Path(paths[0]).is_dir():
        raise _usage("give the scenario files or folders to run (no tests/scenarios here)")
    suite = api.load_suite(charter, paths)
    limits = _limits(args)
    results = api.run_suite(charter, suite, limits)
    code = spec.exit_code(results)
    if args.fail_on == "warning" and code == EXIT_OK and any(
            r.status is spec.CaseStatus.EMPTY for r in results):
        code = EXIT_FINDINGS
    if args.junit:
        from .render.junit import report_xml

        _write_new_file(args.junit, report_xml(results), args.force)
    json_ = args.format == "json"
    if args.mutate and code != 0:
        out.write(rs.suite_text(results))
        err.write("the suite must pass before mutants can be measured\n")
        return code
    if args.mutate:
        progress = mutation.progress_bar(err) if err.isatty() else None
        report = api.mutation(charter, suite, results, limits, progress)
        out.write(rs.mutation_json(report) if json_ else rs.mutation_text(report))
        return mutation.exit_code(report)
    if args.coverage:
        table = api.coverage(charter, results)
        out.write(rs.coverage_json(table) if json_ else rs.coverage_text(table))
        return code or coverage.exit_code(table)
    out.write(rs.suite_json(charter, results) if json_ else rs.suite_text(results))
    return code


ANALYSES: dict[str, Callable[[argparse.Namespace, m.Charter, dict[str, str], TextIO], int]] = {
    "check": _check, "query": _query, "explain": _explain, "find": _find, "timeline": _timeline,
}


def _analyse(args: argparse.Namespace, out: TextIO) -> int:
    """Load the charter, stop at a clash of its assumptions (before reading any scenario), run
    the command."""
    charter, settings = _charter(args)
    api.refuse_clash(charter, settings, _limits(args))
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


def _write_new_file(path: str, text: str, force: bool) -> None:
    """Write `path`, never through a symbolic link, and over an existing file only with force."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    flags |= os.O_TRUNC if force else os.O_EXCL
    if os.path.islink(path):  # O_NOFOLLOW guards the last component; say why plainly
        raise _usage(f"{path} is a symbolic link: charterlogic does not write through links")
    try:
        descriptor = os.open(path, flags, 0o644)
    except FileExistsError:
        raise _usage(f"{path} exists: pass --force to overwrite it") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _usage(f"{path} is a symbolic link: charterlogic does not write through "
                         "links") from None
        raise _usage(f"cannot write {path}: {error.strerror}") from None
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)


def _usage(message: str) -> CharterError:
    return CharterError((Diagnostic("E118", message, _COMMAND_LINE),), {})


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
