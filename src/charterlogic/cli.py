"""The command line: parse arguments, call the API, render. Nothing else happens here.

Exit codes (docs/cli.md): 0 clean, 1 findings of error severity, 2 bad input, 3 solver unknown,
4 internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import itertools
import os
import re
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import api
from .ground import budget
from .ground.budget import DEFAULT_BUDGET_SECONDS, DEFAULT_MAX_INSTANCES
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
    Severity,
    choices_note,
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
    """argparse, but usage errors exit with the input-error code (as a diagnostic: see main),
    and a command's options and positionals mix in any order (`explain GOAL --on D PATH`)."""

    _intermixing = False

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}", self.format_usage())

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None,
                         ) -> tuple[argparse.Namespace, list[str]]:
        # plain argparse takes a command's positionals in one run (GOAL, then PATH only if it
        # follows at once); the intermixed parse takes them wherever they are. It cannot parse
        # the subcommands themselves, it calls back here for its own two passes, and (Python
        # 3.11) it loses the positionals after `--`, which say their own order anyway.
        if self._subparsers is not None or self._intermixing or "--" in (args or ()):
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


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
    check.add_argument("--about", metavar="NAME", action="append", default=[],
                       help="only the conflicts and incompatibilities whose party or act names "
                            "this actor (repeatable: any of them)")
    check.add_argument("--save-witness", metavar="DIR",
                       help="write each finding's witness as a scenario file in DIR")
    _force_option(check)
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
    explain.add_argument("--explain-terms", action="store_true",
                         help="print each cited article's full text and notes under the answer")

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
    timeline.add_argument("--party", metavar="NAME", help="only the norms of this party")
    timeline.add_argument("--all", action="store_true",
                          help="also list the standing norms that no event triggers")

    vocab = commands.add_parser(
        "vocab", help="every name a question can use: parties, kinds, values, events, acts, "
                      "interpretations, norms")
    vocab.add_argument("path", nargs="?", help="the charter (default: the shipped charter.dsl)")
    vocab.add_argument("--charter", metavar="PATH", dest="charter_option",
                       help="the charter, as an option (the same as PATH)")
    vocab.add_argument("--format", choices=("text", "json"), default="text")
    _cache_option(vocab)
    _color_option(vocab)  # for its diagnostics: a charter that does not read

    report = commands.add_parser(
        "report", help="write a static HTML site: the charter article by article, the check, "
                       "the spec suite's scenarios with their answers, the vocabulary")
    _charter_options(report, formats=())
    report.add_argument("--out", metavar="DIR", required=True,
                        help="the folder to write the site into (created; open DIR/index.html)")
    report.add_argument("--scenario", action="append", default=[], metavar="FILE",
                        help="also answer the scenarios of FILE; repeatable")
    report.add_argument("--force", action="store_true",
                        help="overwrite the site's files in a folder that already has files")

    diff = commands.add_parser(
        "diff", help="the scenarios that two versions, or two readings, answer differently")
    diff.add_argument("versions", nargs="*", metavar="CHARTER",
                      help="OLD NEW: two charter files, or REV:PATH read from git "
                           "(HEAD~1:charter.dsl); with --interpretation, at most one "
                           "(default: the shipped charter.dsl)")
    diff.add_argument("--charter", metavar="PATH", dest="charter_option", action="append",
                      default=[], help="with --interpretation: one model of several "
                                       "instruments, loaded together, read under the two "
                                       "readings (repeatable; docs/instruments.md)")
    diff.add_argument("--old", metavar="CHARTER", action="append", default=[],
                      help="with --new: the old version of a model of several instruments, "
                           "a file or REV:PATH each (repeatable; docs/diff.md)")
    diff.add_argument("--new", metavar="CHARTER", action="append", default=[],
                      help="with --old: the new version, a file or REV:PATH each (repeatable)")
    diff.add_argument("--interpretation", action="append", default=[], metavar="NAME=OPTION",
                      help="compare the default reading with this one; given twice, compare "
                           "the two readings; with OLD NEW, read both under it")
    diff.add_argument("--norm", action="append", default=[], metavar="NAME",
                      help="only the differences of this norm (either version's name); "
                           "repeatable")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    _color_option(diff)
    diff.add_argument("--save", metavar="DIR",
                      help="write each difference's witness as a scenario file in DIR")
    diff.add_argument("--force", action="store_true",
                      help="with --save, overwrite files that already exist")
    _limit_options(diff)

    test = commands.add_parser(
        "test", help="run the spec suite: scenario files with their expectations")
    test.add_argument("paths", nargs="*", metavar="PATH",
                      help="scenario files or folders of *.scenario files "
                           "(default: ./tests/scenarios, else the shipped charter's own suite)")
    test.add_argument("--charter", metavar="FILE", action="append", default=[],
                      help="the charter (default: the shipped charter.dsl); repeatable, for "
                           "several instruments loaded together")
    test.add_argument("--format", choices=("text", "json"), default="text")
    _color_option(test)
    test.add_argument("--junit", metavar="FILE",
                      help="also write the results as JUnit XML to FILE (one testcase a scenario)")
    test.add_argument("--force", action="store_true",
                      help="overwrite the --junit FILE, or the --save files, if they exist")
    _fail_on_option(test, "warning: also fail (exit 1) on scenarios without expectations")
    test.add_argument("--coverage", action="store_true",
                      help="report, for each article and norm, how many scenarios exercise it")
    test.add_argument("--mutate", action="store_true",
                      help="change one clause at a time (norms, readings, widenings, "
                           "assumptions, priorities, dates) and report the mutants no scenario "
                           "kills")
    test.add_argument("--mutant", action="append", default=[], metavar="PATTERN",
                      help="with --mutate, run only the mutants whose name matches PATTERN "
                           "(shell-style: 'collective_*', '*:flip-default'; repeatable)")
    test.add_argument("--save", metavar="DIR",
                      help="with --coverage, write the suggested scenario of each reading no "
                           "scenario tells apart in DIR")
    # a suite's cost grows with its cases (and --mutate runs it once per mutant): no whole-command
    # limits by default; each case's analyses keep their solver limits
    _cache_option(test)
    _limit_options(test, budget=0, max_instances=0)

    fmt = commands.add_parser(
        "fmt", help="print charter and scenario files in their canonical layout")
    fmt.add_argument("paths", nargs="*", metavar="PATH",
                     help="charter or scenario files (default, with --check or --write: every "
                          "*.dsl and *.scenario file under the current directory, less hidden "
                          "directories and symbolic links)")
    mode = fmt.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="change nothing: show a diff for each file not formatted, exit 1")
    mode.add_argument("--write", action="store_true",
                      help="rewrite the files that are not formatted, in place")

    commands.add_parser(
        "lsp", help="the language server, for editors (over stdio; needs charterlogic[lsp])")
    return parser


def _charter_options(command: argparse.ArgumentParser,
                     formats: tuple[str, ...] = ("text", "json")) -> None:
    """The charter to read, its interpretations, the output format and the solver's limits."""
    command.add_argument("path", nargs="*", metavar="PATH",
                         help="the charter (default: the shipped charter.dsl); several: "
                              "instruments loaded together (docs/instruments.md)")
    command.add_argument("--charter", metavar="PATH", dest="charter_option", action="append",
                         default=[], help="the charter, as an option (the same as PATH); "
                                          "repeatable, for several instruments")
    if formats:
        command.add_argument("--format", choices=formats, default="text")
    _color_option(command)
    command.add_argument("--literal", action="store_true",
                         help="every reading at its literal option (off for an on/off reading)")
    command.add_argument("--interpretation", action="append", default=[], metavar="NAME=OPTION",
                         help="set one reading to one of its options (on/off for a switch); "
                              "repeatable")
    _cache_option(command)
    _limit_options(command)


def _cache_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--no-cache", action="store_true",
                         help="parse the charter afresh: neither read nor write the compiled "
                              "charter in the user's cache folder")


def _force_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--force", action="store_true",
                         help="overwrite files of the same name in DIR (never through a link)")


def _color_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                         help="colour severities and verdicts: auto (default) on a terminal "
                              "unless NO_COLOR is set")


def _fail_on_option(command: argparse.ArgumentParser, warning: str) -> None:
    command.add_argument("--fail-on", choices=("error", "warning"), default="error",
                         help=f"error (default): exit 1 on errors only; {warning}")


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
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        # argparse writes usage, --help and its errors to sys.std*: send them to our streams
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return _emit(out.getvalue(), final, err, int(exit_.code or 0), False)
    except _UsageError as usage:
        if _json_requested(argv):
            out.write(diagnostics_json([Diagnostic("", usage.message.partition(": error: ")[2],
                                                   _COMMAND_LINE)], EXIT_INPUT))
        else:
            err.write(usage.usage + usage.message + "\n")
        return _emit(out.getvalue(), final, err, EXIT_INPUT, _json_requested(argv))
    code = _run(args, out, err)
    text, shown_as = out.getvalue(), getattr(args, "format", "text")
    if shown_as == "text" and final is not None and wants_color(getattr(args, "color", "auto"),
                                                                 final):
        # rendering stays colourless; the finished, escaped text is painted on its way out
        return _emit(paint(terminal_safe(text)), final, err, code, False, safe=True)
    return _emit(text, final, err, code, shown_as == "json")


def _run(args: argparse.Namespace, out: TextIO, err: _Messages) -> int:
    """Run the parsed command; every error becomes its message and exit code, never a traceback."""
    json_ = getattr(args, "format", "text") == "json"
    try:
        with budget.within(getattr(args, "budget", 0) or None,
                           getattr(args, "max_instances", 0) or None):
            if args.command == "diff":
                return _diff(args, out)
            if args.command in TOOLS:
                return TOOLS[args.command](args, out, err)
            return _analyse(args, out)
    except api.ClashError as refused:
        return _clash(args, refused.report, out)
    except budget.BudgetExceeded as exceeded:
        during = f", while it was working on {exceeded.activity}" if exceeded.activity else ""
        message = f"`charterlogic {args.command}` did not finish: it reached {exceeded}{during}"
        advice = "raise the limit, or ask a narrower question"
        if json_:
            # there is no report to print: the diagnostics form, so that a machine reads why
            out.write(diagnostics_json([Diagnostic(
                "", message, _COMMAND_LINE, advice, ("the answer is unknown (exit code 3)",),
                Severity.NOTE)], EXIT_UNKNOWN))
        else:
            err.write(f"unknown: {message}\n  = help: {advice}\n")
        return EXIT_UNKNOWN
    except CharterError as error:
        if json_:
            out.write(diagnostics_json(error.diagnostics, EXIT_INPUT))
        else:
            text = render_all(error.diagnostics, error.sources) + "\n"
            if wants_color(getattr(args, "color", "auto"), err):
                err.write_safe(paint(terminal_safe(text)))
            else:
                err.write(text)
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


def _write_to(stream: TextIO, text: str, json_: bool, safe: bool = False) -> None:
    """Write `text` and flush: JSON in UTF-8 always (RFC 8259), text escaped for the terminal
    in the stream's encoding. What the encoding cannot hold, and the undecodable bytes of a file
    name, become escapes (`\\xe9`, `\\udcff`): never an encoding error, and JSON stays valid."""
    shown = text if json_ or safe else terminal_safe(text)
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

    def write_safe(self, text: str) -> int:
        """Write text already escaped for the terminal (painted diagnostics) as it is."""
        if self.stream is not None:
            try:
                _write_to(self.stream, text, False, safe=True)
            except (OSError, ValueError):
                _silence(self.stream)
                self.stream = None
        return len(text)

    def isatty(self) -> bool:
        try:
            return self.stream is not None and self.stream.isatty()
        except (OSError, ValueError):
            return False


def _emit(text: str, stream: TextIO | None, err: _Messages, code: int, json_: bool,
          safe: bool = False) -> int:
    """Write the command's output; the exit code is `code` unless the output cannot be written.
    `safe`: the text is already escaped for the terminal (and painted)."""
    if stream is None or not text:  # `>&-`: nothing to write to, and nothing changes the code
        return code
    try:
        _write_to(stream, text, json_, safe)
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


_COMMAND_LINE = Span("command line", 0, 0, 0, 0)


def _json_requested(argv: Sequence[str]) -> bool:
    """Whether the command line asks for JSON, read before (or without) argparse's success."""
    return any(a == "--format=json" or (a == "--format" and b == "json")
               for a, b in itertools.pairwise([*argv, ""]))


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(timeout_ms=max(1, int(args.timeout * 1000)), rlimit=args.rlimit)


def _looks_like_goal(text: str) -> bool:
    return text.lstrip().startswith(("must ", "may ", "some ")) or " violates " in f" {text} "


def _charter_path(args: argparse.Namespace) -> str | None:
    """vocab's one charter, from PATH or --charter (None: the shipped charter)."""
    given = [p for p in (args.path, args.charter_option) if p is not None]
    if len(given) > 1:
        raise _usage("give the charter once: as PATH or as --charter PATH, not both")
    return given[0] if given else None


def _charter_paths(args: argparse.Namespace) -> list[str]:
    """The charters' paths, from PATH... and --charter PATH (repeatable); empty: the shipped
    charter. One path is read as one charter; several are instruments loaded together. A path
    given twice is E118."""
    positional, options = list(args.path), list(args.charter_option)
    goal = getattr(args, "goal", None)
    if goal is not None and positional and _looks_like_goal(positional[0]) \
            and (goal.endswith(".dsl") or Path(goal).is_file()):
        raise _usage(f"the goal comes first, then the charter: charterlogic {args.command} "
                     f"'{positional[0]}' {goal}   (or: --charter {goal})")
    given = positional + options
    if len(given) == 2 and positional and options and positional[0] == options[0]:
        raise _usage("give the charter once: as PATH or as --charter PATH, not both")
    return _each_once(given)


def _each_once(paths: list[str]) -> list[str]:
    """`paths`, refused (E118) if one of them is given twice."""
    repeated = sorted({p for p in paths if paths.count(p) > 1})
    if repeated:
        raise _usage(f"give each instrument once: {', '.join(repeated)} is given twice")
    return paths


def _charter(args: argparse.Namespace) -> tuple[m.Charter, dict[str, str]]:
    """The charter (or the instruments loaded together) and the interpretations in force."""
    paths = _charter_paths(args)
    args.paths = paths
    args.path = paths[0] if paths else None
    charter = api.load_instruments(paths, cache=not args.no_cache)
    return charter, api.interpretation_settings(charter, args.literal, args.interpretation)


def _clash(args: argparse.Namespace, report: ClashReport, out: TextIO) -> int:
    """Report the API's refusal of a charter whose assumptions clash; return the exit code.

    No answer means anything in an inconsistent world, so every analysis stops there.
    """
    from .render import explanations as rx

    if getattr(args, "format", "text") == "json":
        out.write(rx.clash_json(report))
    elif args.format == "sarif":
        from .render.sarif import clash_sarif

        out.write(clash_sarif(report))
    else:
        path = args.path if args.command != "test" else (args.charter or [None])[0]
        source = api.read_source(path)
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
    report = api.check(charter, settings, _limits(args), args.about)
    if args.save_witness is not None:
        _save_files(render.witness_files(report), args.save_witness, args.force,
                    "--save-witness")
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
    _write(out, [rx.explain_json(charter, r) if json_
                 else rx.explain_text(charter, r, args.explain_terms)
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

    timelines = [api.timeline(charter, s, _limits(args), args.party)
                 for s in _scenarios(args, charter, settings)]
    json_ = args.format == "json"
    _write(out, [rx.timeline_json(t) if json_ else rx.timeline_text(t, args.all)
                 for t in timelines], json_)
    return EXIT_UNKNOWN if any(t.unknown for t in timelines) else EXIT_OK


def _vocab(args: argparse.Namespace, out: TextIO, err: _Messages) -> int:
    """`charterlogic vocab`: every name of the charter, with its meaning."""
    from .render import vocabulary

    charter = api.load_charter(_charter_path(args), cache=not args.no_cache)
    out.write(vocabulary.vocabulary_json(charter) if args.format == "json"
              else vocabulary.vocabulary_text(charter))
    return EXIT_OK


def _diff(args: argparse.Namespace, out: TextIO) -> int:
    """`charterlogic diff`: two versions (OLD NEW), or two readings of one charter, or (with
    --charter, repeatable) two readings of one model of several instruments."""
    from .render import diff as rd

    readings = args.interpretation
    if args.charter_option and args.versions:
        raise _usage("give the instruments with --charter, or OLD NEW as paths, not both")
    if bool(args.old) != bool(args.new):
        raise _usage("give both versions of the model: --old CHARTER... and --new CHARTER...")
    if args.old and (args.versions or args.charter_option):
        raise _usage("give the versions as --old and --new, or as OLD NEW, or the instruments "
                     "with --charter, not several of these")
    if args.old or len(args.versions) == 2:
        sets = [_each_once(args.old), _each_once(args.new)] if args.old \
            else [[spec] for spec in args.versions]
        charters = [api.load_versions(specs, instruments=bool(args.old)) for specs in sets]
        settings = [api.interpretation_settings(c, False, readings) for c in charters]
        files: list[list[str | None]] = [list(specs) for specs in sets]
        first, second = (_version_label(specs) for specs in sets)
        labels: tuple[str, str] = (first, second) if first != second \
            else (f"old {first}", f"new {second}")
    elif len(args.versions) > 2:
        raise _usage("diff takes two charters (OLD NEW), or one with --interpretation")
    elif not readings or len(readings) > 2:
        raise _usage("give two charters to compare (OLD NEW), or one or two readings with "
                     "--interpretation NAME=OPTION (of one charter, or of the instruments "
                     "given with --charter)")
    else:
        # one charter (a file, or a git revision REV:PATH), or --charter's instruments together
        instruments = _each_once(list(args.charter_option))
        paths: list[str | None] = list(instruments) or [args.versions[0] if args.versions
                                                        else None]
        charter = api.load_instruments(instruments) if len(instruments) > 1 \
            else api.load_version(paths[0])
        charters, files = [charter, charter], [paths, paths]
        sides = [[], readings] if len(readings) == 1 else [readings[:1], readings[1:]]
        settings = [api.interpretation_settings(charter, False, s) for s in sides]
        old_label, new_label = (", ".join(s) if s else "the default reading" for s in sides)
        labels = (old_label, new_label)
    for names, charter, reading in zip(files, charters, settings, strict=True):
        try:
            api.refuse_clash(charter, reading, _limits(args))
        except api.ClashError as refused:  # no answer means anything in an inconsistent world
            from .render import explanations as rx

            sources = {source.name: source for source in map(api.read_version, names)}
            out.write(rx.clash_json(refused.report) if args.format == "json"
                      else rx.clash_text(refused.report, sources))
            return EXIT_FINDINGS if refused.report.result is Result.UNSAT else EXIT_UNKNOWN
    report = api.diff(charters[0], charters[1], settings[0], settings[1], labels, _limits(args),
                      args.norm)
    if args.save:
        _save_files(rd.witness_files(report), args.save, args.force, "--save")
    out.write(rd.diff_json(report) if args.format == "json" else rd.diff_text(report))
    if report.unknown:
        return EXIT_UNKNOWN
    return EXIT_FINDINGS if report.differences else EXIT_OK


def _test(args: argparse.Namespace, out: TextIO, err: _Messages) -> int:
    """`charterlogic test`: run the spec suite; with --coverage or --mutate, measure it."""
    from .render import suite as rs
    from .testing import coverage, mutation, spec

    if args.save and not args.coverage:
        raise _usage("--save writes the scenarios that --coverage suggests: add --coverage")
    if args.mutant and not args.mutate:
        raise _usage("--mutant selects the mutants of --mutate: add --mutate")
    charter = api.load_instruments(args.charter, cache=not args.no_cache)
    if args.mutant and not mutation.selected(charter, args.mutant):
        names = [x.id for x in mutation.mutants(charter)]
        raise CharterError((Diagnostic(
            "E118", f"no mutant matches {', '.join(map(repr, args.mutant))}", _COMMAND_LINE,
            None, (choices_note("the mutants", names),)),), {})
    suite = api.load_suite(charter, _suite_paths(args, err))
    if args.mutate or args.coverage:
        suite = _of_the_charter(suite, err)
    limits = _limits(args)
    if args.junit:  # refused before the suite runs, not after
        _save_file(args.junit, "", args.force, "--junit", dry_run=True)
    results = api.run_suite(charter, suite, limits)
    code = spec.exit_code(results)
    if args.fail_on == "warning" and code == EXIT_OK and any(
            r.status is spec.CaseStatus.EMPTY for r in results):
        code = EXIT_FINDINGS
    if args.junit:
        from .render.junit import report_xml

        _save_file(args.junit, report_xml(results), args.force, "--junit")
    json_ = args.format == "json"
    if args.mutate and code != 0:
        out.write(rs.suite_text(results))
        err.write("the suite must pass before mutants can be measured\n")
        return code
    if args.mutate:
        # the bar redraws its line with `\r`, which messages escape: it writes to the terminal
        progress = mutation.progress_bar(err.stream) if err.stream and err.isatty() else None
        report = api.mutation(charter, suite, results, limits, progress, args.mutant)
        out.write(rs.mutation_json(report) if json_ else rs.mutation_text(report))
        return mutation.exit_code(report)
    if args.coverage:
        table = api.coverage(charter, results, limits)
        if args.save:
            _save_files(rs.suggestion_files(table.readings), args.save, args.force, "--save")
        out.write(rs.coverage_json(table) if json_ else rs.coverage_text(table))
        return code or coverage.exit_code(table)
    out.write(rs.suite_json(charter, results) if json_ else rs.suite_text(results))
    return code


def _version_label(specs: Sequence[str]) -> str:
    """How `diff` names one version: its file (or REV:PATH); several instruments, by the
    revision they share or the folder they are in."""
    if len(specs) == 1:
        return specs[0]
    revisions = {r[0] if r else None for r in map(api.git_revision, specs)}
    where = ", ".join(specs)  # files of several revisions, or of the disk and a revision
    if revisions == {None}:
        try:
            folder = os.path.relpath(os.path.commonpath([os.path.abspath(s) for s in specs]))
            where = "on disk" if folder == "." else f"in {folder}"
        except ValueError:  # on two drives (Windows): no folder holds them all
            pass
    elif len(revisions) == 1:
        where = f"at {revisions.pop()}"
    return f"the {len(specs)} instruments {where}"


def _of_the_charter(suite: api.Suite, err: _Messages) -> api.Suite:
    """The scenarios of `suite` read against --charter's charter: --coverage and --mutate
    measure that charter, and a file that names another (`# charter:`) says nothing of it."""
    own = tuple(case for case in suite.cases if case.charter is None)
    others = sorted({case.file for case in suite.cases if case.charter is not None})
    if others:
        files = f"{len(others)} files that name" if len(others) > 1 else "1 file that names"
        err.write(f"left out: {files} another charter ({', '.join(others)})\n")
    if not own:
        raise _usage("no scenario of the suite is read against the charter measured: each file "
                     "names its own (`# charter:`)")
    return replace(suite, cases=own)


def _fmt(args: argparse.Namespace, out: TextIO, err: _Messages) -> int:
    """`charterlogic fmt`: print, check (`--check`) or rewrite (`--write`) each file's layout."""
    problems: list[CharterError] = []
    unformatted: list[str] = []
    paths = list(args.paths) or _files_to_format(Path("."))
    if not args.paths and not (args.check or args.write):
        # printing every file of a project would run their texts together
        raise _usage("fmt without a path checks or rewrites the files under the current "
                     "directory: give --check or --write (or name the files to print)")
    if not paths:
        raise _usage("no charter (*.dsl) or scenario (*.scenario) file under the current "
                     "directory")
    for path in paths:
        try:
            source, text = api.formatted(path)
        except CharterError as error:
            problems.append(error)
            continue
        if args.check:
            if text != source.text:
                unformatted.append(path)
                out.writelines(difflib.unified_diff(
                    source.text.splitlines(keepends=True), text.splitlines(keepends=True),
                    f"{path} (as it is)", f"{path} (formatted)"))
        elif args.write:
            if text != source.text:
                _replace(Path(path), text)
                err.write(f"formatted {path}\n")
        else:
            out.write(text)
    if problems:
        err.write("\n\n".join(render_all(e.diagnostics, e.sources) for e in problems) + "\n")
        return EXIT_INPUT
    if args.check:
        count = len(paths)
        err.write(f"{len(unformatted)} of {count} files not formatted: run charterlogic fmt "
                  "--write on them\n" if unformatted else
                  f"{count} file{'s' if count > 1 else ''} formatted\n")
    return EXIT_FINDINGS if unformatted else EXIT_OK


def _files_to_format(root: Path) -> list[str]:
    """The charter and scenario files under `root`, in order, as `ruff format` finds its own:
    hidden files and directories (`.git`, `.venv`) left out, and symbolic links neither
    followed nor formatted (fmt --write never writes through one)."""
    found = []
    for folder, directories, files in os.walk(root):  # does not follow links to directories
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            if path.suffix in (".dsl", ".scenario") and not name.startswith(".") \
                    and not path.is_symlink():
                found.append(str(path))
    return found


def _replace(path: Path, text: str) -> None:
    """Replace the file `path` with `text` atomically (a reader sees the old text or the new,
    never half), keeping its permissions; never through a symbolic link."""
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
        write_atomic(path, text.encode("utf-8"), force=True, mode=mode)
    except FileProblem as problem:
        raise _file_problem(problem, str(path)) from None
    except OSError as error:
        raise _file_problem(FileProblem(f"cannot write {path}: {error.strerror}"),
                            str(path)) from None


def _lsp(args: argparse.Namespace, out: TextIO, err: _Messages) -> int:
    """`charterlogic lsp`: serve the editor over stdin and stdout until it says exit."""
    try:
        from .lsp.server import serve
    except ImportError as error:
        if (error.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        err.write("charterlogic lsp needs the language-server extra; install it with\n"
                  "    python3 -m pip install 'charterlogic[lsp]'\n")
        return EXIT_INPUT
    serve()
    return EXIT_OK


TOOLS: dict[str, Callable[[argparse.Namespace, TextIO, _Messages], int]] = {
    "test": _test, "vocab": _vocab, "fmt": _fmt, "lsp": _lsp,
}


LOCAL_SUITE = Path("tests", "scenarios")


def _suite_paths(args: argparse.Namespace, err: _Messages) -> list[str]:
    """The scenario files to run: those given; else ./tests/scenarios; else, for the shipped
    charter, its own suite as installed with the package (said on stderr)."""
    if args.paths:
        return list(args.paths)
    if LOCAL_SUITE.is_dir():
        return [str(LOCAL_SUITE)]
    if not args.charter and api.shipped_suite().is_dir():
        err.write(f"running the shipped charter's own suite ({api.shipped_suite()}): no "
                  f"{LOCAL_SUITE} in {Path.cwd()}\n")
        return [str(api.shipped_suite())]
    charters = " ".join(f"--charter {c}" for c in args.charter) or "--charter None"
    raise _usage(
        f"no suite to run: no scenario files were given, and there is no {LOCAL_SUITE} folder in "
        f"{Path.cwd()}; give the files or folders: charterlogic test {charters} "
        "PATH [PATH ...] (see docs/scenarios.md)")


def _report(args: argparse.Namespace, charter: m.Charter, settings: dict[str, str],
            out: TextIO) -> int:
    """`charterlogic report`: write the HTML site into --out."""
    try:
        import jinja2  # noqa: F401 - only to say how to install it
    except ImportError:
        raise _usage("charterlogic report needs Jinja2: pip install 'charterlogic[report]'") \
            from None
    suite = [api.shipped_suite()] if args.path is None else \
        ([LOCAL_SUITE] if LOCAL_SUITE.is_dir() else [])
    # a folder the site cannot be written into is refused before the analyses run, not after
    from .render.html import FILES

    _save_files([(name, "") for name in FILES], args.out, args.force, "--out", dry_run=True)
    pages = api.report_site(charter, settings, _limits(args), args.scenario, suite)
    _save_files(pages, args.out, args.force, "--out")
    out.write(f"wrote {len(pages)} files to {args.out}: open {Path(args.out, 'index.html')}\n")
    return EXIT_OK


ANALYSES: dict[str, Callable[[argparse.Namespace, m.Charter, dict[str, str], TextIO], int]] = {
    "check": _check, "query": _query, "explain": _explain, "find": _find, "timeline": _timeline,
    "report": _report,
}


def _analyse(args: argparse.Namespace, out: TextIO) -> int:
    """Load the charter, stop at a clash of its assumptions (before reading any scenario), run
    the command."""
    charter, settings = _charter(args)
    api.refuse_clash(charter, settings, _limits(args))
    return ANALYSES[args.command](args, charter, settings, out)


def _save_files(files: list[tuple[str, str]], directory: str, force: bool, flag: str,
                dry_run: bool = False) -> None:
    """Write (name, text) files into `directory`, creating it; E011 names what went wrong.

    Every file is checked before any is written, so a refusal writes nothing; each is then
    written atomically, never through a link, and over an existing file only with `force`.
    `dry_run`: only check (a command that computes for long refuses before it starts).
    """
    try:
        folder = usable_folder(directory)
        for name, _ in files:
            refuse_existing(folder / name, force)
        for name, text in [] if dry_run else files:
            write_atomic(folder / name, text.encode("utf-8"), force)
    except FileProblem as problem:
        raise _file_problem(problem, directory if directory.strip() else flag) from None


def _save_file(path: str, text: str, force: bool, flag: str, dry_run: bool = False) -> None:
    """Write one file (`--junit FILE`) as _save_files writes each of its files."""
    _save_files([(Path(path).name, text)], str(Path(path).parent), force, flag, dry_run)


def _file_problem(problem: FileProblem, where: str) -> CharterError:
    return CharterError((Diagnostic("E011", str(problem), Span(where, 0, 0, 0, 0)),), {})


def _usage(message: str) -> CharterError:
    return CharterError((Diagnostic("E118", message, _COMMAND_LINE),), {})


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
