"""The command line: parse arguments, call the API, render. Nothing else happens here.

Exit codes (docs/cli.md): 0 clean, 1 findings of error severity, 2 bad input, 3 solver unknown,
4 internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import api
from .ground import budget
from .ground.budget import DEFAULT_BUDGET_SECONDS, DEFAULT_MAX_INSTANCES
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
from .syntax.files import FileProblem, refuse_existing, usable_folder, write_atomic
from .syntax.source import Span

if TYPE_CHECKING:
    from .analyses.clash import ClashReport

EXIT_INTERNAL = 4
#: Interrupted (Ctrl-C): the shell's convention, 128 + SIGINT.
EXIT_INTERRUPTED = 130

#: `find --limit` at most: each scenario takes a few solver calls, and a reader wants a few.
MAX_FIND_LIMIT = 1000
#: Z3 takes its limits as unsigned 32-bit integers (the timeout in milliseconds).
_Z3_MAX = 2**32 - 1


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit with the input-error code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


# ---- arguments ----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command; usage errors exit with code 2 (bad input)."""
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
    _force_option(check)

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
    find.add_argument("--limit", type=_at_least(1, MAX_FIND_LIMIT), default=3, metavar="N",
                      help=f"at most N distinct scenarios (default 3, at most {MAX_FIND_LIMIT})")
    find.add_argument("--save", metavar="DIR", help="write each scenario as a file in DIR")
    _force_option(find)

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
    # a suite's cost grows with its cases (and --mutate runs it once per mutant): no whole-command
    # limits by default; each case's analyses keep their solver limits
    _limit_options(test, budget=0, max_instances=0)
    return parser


def _charter_options(command: argparse.ArgumentParser) -> None:
    """The charter to read, its interpretations, the output format and the solver's limits."""
    command.add_argument("path", nargs="?", help="the charter (default: the shipped charter.dsl)")
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.add_argument("--literal", action="store_true",
                         help="every reading at its literal option (off for an on/off reading)")
    command.add_argument("--interpretation", action="append", default=[], metavar="NAME=OPTION",
                         help="set one reading to one of its options (on/off for a switch); "
                              "repeatable")
    _limit_options(command)


def _force_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--force", action="store_true",
                         help="overwrite files of the same name in DIR (never through a link)")


def _limit_options(command: argparse.ArgumentParser, budget: float = DEFAULT_BUDGET_SECONDS,
                   max_instances: int = DEFAULT_MAX_INSTANCES) -> None:
    command.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT_MS / 1000,
                         metavar="SECONDS", help="wall-clock limit per solver call (default 10)")
    command.add_argument("--rlimit", type=_resource_count, default=DEFAULT_RLIMIT, metavar="N",
                         help="Z3's deterministic resource limit per solver call (0: none)")
    command.add_argument("--budget", type=_budget_seconds, default=budget, metavar="SECONDS",
                         help=f"wall-clock limit for the whole command (default "
                              f"{f'{budget:g} s' if budget else 'none'}; 0: none)")
    command.add_argument("--max-instances", type=_resource_count, default=max_instances,
                         metavar="N", help="at most N grounded instances for the whole command "
                                           f"(default {_count_or_none(max_instances)}; 0: none)")


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


def _count_or_none(count: int) -> str:
    return f"{count:,}" if count else "none"


def _budget_seconds(text: str) -> float:
    """A whole command's budget: a finite number of seconds, 0 for none."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= seconds < float("inf"):  # also refuses nan
        raise argparse.ArgumentTypeError("the budget must be 0 (none) or a positive number")
    return seconds


def _resource_count(text: str) -> int:
    """An rlimit or an instance cap: a whole number from 0 (no limit) to Z3's maximum."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= count <= _Z3_MAX:
        raise argparse.ArgumentTypeError(f"must be from 0 (no limit) to {_Z3_MAX}")
    return count


def _at_least(low: int, high: int | None = None) -> Callable[[str], int]:
    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}")
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(f"must be at most {high}")
        return value

    return whole


# ---- running ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the CLI; returns the exit code. Streams default to the process's.

    The answer is built in memory and written once at the end (`_emit`), so the exit code is
    the analysis's whatever happens to the streams: a closed stdout or stderr, or a reader that
    stops reading (`| head`), changes nothing; an output that cannot be written (a full disk) is
    one line on stderr and exit 2. Text is escaped for the terminal (`terminal_safe`).
    """
    err = _Messages(stderr if stderr is not None else sys.stderr)
    out, final = io.StringIO(), stdout if stdout is not None else sys.stdout
    try:
        # argparse writes usage, --help and its errors to sys.std*: send them to our streams
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return _emit(out.getvalue(), final, err, int(exit_.code or 0), False)
    code = _run(args, out, err)
    return _emit(out.getvalue(), final, err, code, args.format == "json")


def _run(args: argparse.Namespace, out: TextIO, err: _Messages) -> int:
    try:
        with budget.within(args.budget or None, args.max_instances or None):
            return _test(args, out, err) if args.command == "test" else _analyse(args, out)
    except api.ClashError as refused:
        return _clash(args, refused.report, out)
    except budget.BudgetExceeded as exceeded:
        during = f", while it was working on {exceeded.activity}" if exceeded.activity else ""
        err.write(f"unknown: `charterlogic {args.command}` did not finish: it reached "
                  f"{exceeded}{during}\n"
                  "  = help: raise the limit, or ask a narrower question\n")
        return EXIT_UNKNOWN
    except CharterError as error:
        err.write(render_all(error.diagnostics, error.sources) + "\n")
        return EXIT_INPUT
    except RecursionError:
        err.write("error[E008]: the input is nested too deeply to analyse\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return EXIT_INTERRUPTED
    except Exception as error:
        err.write(f"internal error: {type(error).__name__}: {error}\n"
                  "this is a bug in charterlogic; please report it with the command you ran\n")
        return EXIT_INTERNAL


#: Control characters (but newline and tab) and the bidirectional overrides: shown as escapes,
#: so a charter, a scenario name or a source line cannot drive the terminal (ESC, BEL, NUL...).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` with every control character written as an escape (`\\x1b`, `\\u202e`)."""
    return _UNSAFE.sub(lambda c: ascii(c[0])[1:-1], text)


def _write_to(stream: TextIO, text: str, json_: bool) -> None:
    """Write `text` and flush: JSON in UTF-8 always (RFC 8259), text escaped for the terminal
    in the stream's encoding. What the encoding cannot hold, and the undecodable bytes of a file
    name, become escapes (`\\xe9`, `\\udcff`): never an encoding error, and JSON stays valid."""
    shown = text if json_ else terminal_safe(text)
    if not hasattr(stream, "buffer"):  # a StringIO (the API's and the tests' streams)
        stream.write(shown)
        stream.flush()
        return
    encoding = "utf-8" if json_ else (getattr(stream, "encoding", None) or "utf-8")
    stream.flush()
    stream.buffer.write(shown.encode(encoding, errors="backslashreplace"))
    stream.buffer.flush()


class _Messages(io.TextIOBase):
    """stderr, escaped for the terminal; a missing or failing stream swallows what it gets."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if self.stream is not None:
            try:
                _write_to(self.stream, text, False)
            except (OSError, ValueError):  # closed, or a full disk: nowhere left to say it
                _silence(self.stream)
                self.stream = None
        return len(text)

    def isatty(self) -> bool:
        try:
            return self.stream is not None and self.stream.isatty()
        except (OSError, ValueError):
            return False


def _emit(text: str, stream: TextIO | None, err: _Messages, code: int, json_: bool) -> int:
    """Write the command's output; the exit code is `code` unless the output cannot be written."""
    if stream is None or not text:  # `>&-`: nothing to write to, and nothing changes the code
        return code
    try:
        _write_to(stream, text, json_)
    except BrokenPipeError:  # the reader stopped reading (`| head`): its choice, not an error
        _silence(stream)
    except (OSError, ValueError) as error:
        _silence(stream)
        reason = getattr(error, "strerror", None) or str(error)
        err.write(f"error[E011]: cannot write the output: {reason}\n")
        return EXIT_INPUT
    return code


def _silence(stream: TextIO) -> None:
    """Point `stream`'s descriptor at /dev/null, so that the interpreter's last flush of what
    could not be written does not print a traceback at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


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
    else:
        source = api.read_source(args.path if args.command != "test" else args.charter)
        out.write(rx.clash_text(report, {source.name: source}))
    return EXIT_FINDINGS if report.result is Result.UNSAT else EXIT_UNKNOWN


def _scenarios(args: argparse.Namespace, charter: m.Charter,
               settings: dict[str, str]) -> list[Scenario]:
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


def _check(args: argparse.Namespace, charter: m.Charter, settings: dict[str, str],
           out: TextIO) -> int:
    report = api.check(charter, settings, _limits(args))
    if args.save_witness is not None:
        _save_files(render.witness_files(report), args.save_witness, args.force,
                    "--save-witness")
    out.write(render.check_json(report) if args.format == "json" else render.check_text(report))
    if report.unknown:
        return EXIT_UNKNOWN
    return EXIT_FINDINGS if report.errors else EXIT_OK


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
    if args.save is not None:
        _save_files(rx.found_files(found), args.save, args.force, "--save")
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


def _test(args: argparse.Namespace, out: TextIO, err: _Messages) -> int:
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
    json_ = args.format == "json"
    if args.mutate and code != 0:
        out.write(rs.suite_text(results))
        err.write("the suite must pass before mutants can be measured\n")
        return code
    if args.mutate:
        # the bar redraws its line with `\r`, which messages escape: it writes to the terminal
        progress = mutation.progress_bar(err.stream) if err.stream and err.isatty() else None
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


def _save_files(files: list[tuple[str, str]], directory: str, force: bool, flag: str) -> None:
    """Write (name, text) files into `directory`, creating it; E011 names what went wrong.

    Every file is checked before any is written, so a refusal writes nothing; each is then
    written atomically, never through a link, and over an existing file only with `force`.
    """
    try:
        folder = usable_folder(directory)
        for name, _ in files:
            refuse_existing(folder / name, force)
        for name, text in files:
            write_atomic(folder / name, text.encode("utf-8"), force)
    except FileProblem as problem:
        where = directory if directory.strip() else flag
        raise CharterError((Diagnostic("E011", str(problem), Span(where, 0, 0, 0, 0)),
                            ), {}) from None


def _usage(message: str) -> CharterError:
    return CharterError((Diagnostic("E118", message, Span("command line", 0, 0, 0, 0)),), {})


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
