"""The error catalogue: one example per diagnostic code, run through the real CLI.

docs/errors.md is generated from this table, so that every message it shows is the tool's own:

    python tests/hardening/hardening_catalogue.py --write    # after a reviewed change

tests/hardening/test_hardening_catalogue.py fails when the file and the tool disagree, or when a
code in the sources has no example here.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from charterlogic import cli

DOC = Path(__file__).resolve().parents[2] / "docs" / "errors.md"

#: A small charter that the charter examples extend.
BASE = """\
kind state
party mali "Mali"
party niger "Niger"
event attack(attacker: state, victim: state)
act assist(helper: state, victim: state)
"""


@dataclass(frozen=True)
class Example:
    """`argv` run in a folder holding `files`; the code must appear in what the CLI prints."""

    code: str
    title: str
    argv: tuple[str, ...]
    files: tuple[tuple[str, bytes], ...] = ()
    why: str = ""
    extends_base: bool = False  # the file is BASE followed by the rest: the doc shows the rest

    def run(self) -> tuple[int, str]:
        """The exit code and the output that shows the code (stderr, or stdout for findings)."""
        with tempfile.TemporaryDirectory() as folder:
            for name, data in self.files:
                (Path(folder) / name).write_bytes(data)
            here = os.getcwd()
            os.chdir(folder)
            try:
                out, err = io.StringIO(), io.StringIO()
                status = cli.main(list(self.argv), out, err)
            finally:
                os.chdir(here)
        return status, err.getvalue() or out.getvalue()


def _charter(code: str, title: str, text: str, why: str = "", base: bool = True) -> Example:
    data = ((BASE if base else "") + text).encode("utf-8")
    return Example(code, title, ("check", "example.dsl"), (("example.dsl", data),), why, base)


def _scenario(code: str, title: str, text: str, why: str = "") -> Example:
    return Example(code, title, ("query", "--scenario", "example.scenario"),
                   (("example.scenario", text.encode("utf-8")),), why)


def _spec(code: str, title: str, text: str, why: str = "") -> Example:
    return Example(code, title, ("test", "example.scenario"),
                   (("example.scenario", text.encode("utf-8")),), why)


def _flags(code: str, title: str, *argv: str, why: str = "") -> Example:
    return Example(code, title, ("query", *argv), (), why)


EXAMPLES: tuple[Example, ...] = (
    # ---- syntax (parser.py) ---------------------------------------------------------------------
    _charter("E001", "unexpected token", 'party chad "Chad" state\n',
             "The parser names what it found and what it expected instead."),
    _charter("E001", "unexpected character", "act retreat(helper: state) @\n"),
    _charter("E002", "missing `when`",
             'article 1 "Defence" {\n'
             "  norm help: every state q: must assist(q, p) attack(x, p)\n}\n"),
    _charter("E003", "missing closing brace",
             'article 1 "Defence" {\n  text "..."\n\narticle 2 "Relief" { text "..." }\n',
             "The note says where the unclosed block opened."),
    _charter("E004", "missing or misspelt modality",
             'article 1 "Defence" {\n  norm help: every state q: shall assist(q, p)'
             " when attack(x, p)\n}\n"),
    _charter("E005", "definition without `:=`",
             'article 1 "Defence" {\n  define aggression(x: state, p: state) = attack(x, p)\n}\n'),
    _charter("E006", "incomplete expression",
             'article 1 "Defence" {\n  define aggression(x: state, p: state) := attack(x, p)'
             " and\n}\n"),
    _charter("E007", "date in the wrong format", 'charter "AES" { signed 16/09/2023 }\n',
             "When the date can be read only one way, the suggestion writes it in ISO form."),
    _charter("E008", "nested too deeply",
             'article 1 "Defence" {\n  define d(x: state, p: state) :=\n    '
             + "not " * 101 + "attack(x, p)\n}\n",
             "Expressions may nest 100 deep, and so may definitions once the definitions they "
             "use are expanded; chains of one operator (`a and b and c ...`) do not count."),
    _charter("E009", "unterminated string", 'party chad "Chad\n'),
    _charter("E010", "impossible date", 'charter "AES" { signed 2023-02-30 }\n'),
    _charter("E010", "a date outside 1901-2099",
             'article 1 "Defence" {\n  norm help: every state q: must assist(q, p)'
             " when today < 1800-01-01 and attack(x, p)\n}\n",
             "Every command reasons about the days from 1901-01-01 to 2099-12-31 (see Limits)."),
    _flags("E010", "a day not written YYYY-MM-DD", "--on", "20240101"),
    # ---- files (api.py) -------------------------------------------------------------------------
    Example("E011", "cannot read the file", ("check", "missing.dsl")),
    Example("E011", "not a regular file", ("check", "/dev/zero"),
            why="Devices, FIFOs and files over 2 MiB are refused before a byte is read."),
    Example("E011", "nowhere to write", ("check", "--save-witness", "")),
    Example("E011", "no scenario to run", ("test", "."),
            why="`charterlogic test` on a folder without `*.scenario` files would pass on "
                "nothing."),
    Example("E012", "invalid UTF-8", ("check", "example.dsl"),
            (("example.dsl", b'kind state\nparty mali "Mal\xed"\n'),),
            "The file was saved in Latin-1; the message names the byte and its offset."),
    _charter("E013", "a string over 20,000 characters",
             'party chad "' + "Chad " * 4001 + '"\n'),
    # ---- names and types (resolve.py, scenario.py) ----------------------------------------------
    _charter("E101", "unknown name",
             'article 1 "Defence" {\n  norm help: every state q: must assist(q, nigeria)'
             " when attack(x, nigeria)\n}\n"),
    _charter("E102", "wrong number of arguments",
             'article 1 "Defence" {\n  define aggression(x: state) := attack(x)\n}\n'),
    _charter("E103", "wrong sort",
             'article 1 "Defence" {\n  define earlier(x: state, p: state) := x < p\n}\n'),
    _charter("E104", "unknown predicate",
             'article 1 "Defence" {\n  define aggression(x: state, p: state) := atack(x, p)\n'
             "}\n"),
    _charter("E105", "article numbered twice",
             'article 1 "Defence" { text "..." }\narticle 1 "Relief" { text "..." }\n'),
    _charter("E106", "definitions in a cycle",
             'article 1 "Defence" {\n  define hostile(x: state, p: state) := aggressor(x, p)\n'
             "  define aggressor(x: state, p: state) := hostile(x, p)\n}\n"),
    _charter("E107", "unknown kind", 'actor wagner "Wagner": mercenaries\n'),
    _charter("E108", "declared twice", 'party mali "Mali"\n'),
    _charter("E108", "a keyword as a name", 'party and "And"\n'),
    _scenario("E108", "a scenario with two days",
              'scenario "s" {\n  on 2024-01-01\n  on 2024-02-01\n}\n'),
    _charter("E109", "a norm's action is not an act",
             'article 1 "Defence" {\n  norm help: every state q: must attack(q, p)'
             " when attack(p, q)\n}\n"),
    _charter("E110", "the act is not done by the norm's holder",
             'article 1 "Defence" {\n  norm help: every state q: must assist(p, q)'
             " when attack(x, p)\n}\n"),
    _charter("E111", "a duration in days",
             'article 1 "Defence" {\n  define recent(x: state, p: state) :=\n'
             "    today < date of attack(x, p) + 10 days\n}\n"),
    _charter("E112", "unnumbered clause not marked `unverified`",
             'article final "Final clauses" { text "..." }\n'),
    _charter("E113", "priority between norms on different acts",
             "act retreat(who: state)\n"
             'article 1 "Defence" {\n'
             "  norm help: every state q: must assist(q, p) when attack(x, p)\n"
             "  norm stay: every state q: must not retreat(q)\n"
             "  priority help over stay\n}\n"),
    _scenario("E114", "a fact stated both true and false",
              'scenario "s" {\n  on 2024-01-01\n  fact attack(mali, territory(niger))\n'
              "  not attack(mali, territory(niger))\n}\n"),
    _scenario("E115", "a scenario without a date",
              'scenario "s" {\n  fact attack(mali, territory(niger))\n}\n'),
    _scenario("E116", "a scenario stating what the charter derives",
              'scenario "s" {\n  on 2024-01-01\n  fact aggression(mali, niger)\n}\n'),
    _scenario("E117", "a fact that ends before it starts",
              'scenario "s" {\n  on 2024-01-01\n'
              "  fact attack(mali, territory(niger)) from 2024-02-01 until 2024-01-01\n}\n"),
    _flags("E118", "a malformed command-line value", "--actor", "chad", "--on", "2024-01-01"),
    _scenario("E119", "a scenario file holding something else",
              'party chad "Chad"\nscenario "s" { on 2024-01-01 }\n'),
    # ---- `use` of a vocabulary file (syntax/includes.py) ----------------------------------------
    Example("E123", "a `use` that leaves the folder",
            ("check", "example.dsl"),
            (("example.dsl", b'use "../shared/vocabulary.dsl"\nkind state\n'),),
            "A used file must lie in the using file's folder or below it: an absolute path, "
            "`..` and a symbolic link out of the folder are refused before anything is read."),
    Example("E123", "a used file that holds more than vocabulary",
            ("check", "example.dsl"),
            (("example.dsl", b'use "vocabulary.dsl"\n'),
             ("vocabulary.dsl", b'kind state\narticle 1 "Defence" { text "..." }\n'))),
    Example("E124", "files that use each other in a cycle",
            ("check", "example.dsl"),
            (("example.dsl", b'use "vocabulary.dsl"\n'),
             ("vocabulary.dsl", b'use "more.dsl"\nkind state\n'),
             ("more.dsl", b'use "vocabulary.dsl"\n'))),
    # ---- goals and expectations (analyses/goal.py, spec.py) -------------------------------------
    _spec("E120", "an expectation about something that is not an act",
          'scenario "s" {\n  on 2024-01-01\n  actor chad: state\n'
          "  fact attack(chad, territory(niger))\n  expect obliged aggression(chad, niger)\n}\n"),
    _spec("E121", "an expectation that depends on a fact that is not unknown",
          'scenario "s" {\n  on 2024-01-01\n  actor chad: state\n'
          "  fact attack(chad, territory(niger))\n"
          "  expect obliged assist(mali, niger) depends on threat(chad, mali)\n}\n"),
    _spec("E122", "an expected violation of an article without norms",
          'scenario "s" {\n  on 2024-01-01\n  expect violation by mali of article 2\n}\n'),
    Example("E125", "an expected finding whose code is not a finding about norms",
            ("test", "example.scenario"),
            (("example.scenario",
              b'scenario "s" {\n  on 2024-01-01\n  expect no finding of collective_assistance\n'
              b'  expect finding C005 of collective_assistance\n}\n'),),
            "`expect finding` names C001 to C004, the findings of `check` that are about norms."),
    Example("E130", "a goal without a modality", ("find", "assist(mali, niger)"),
            why="Goals of `find` and `explain` start with `must`, `may` or `must not`."),
    Example("E131", "a goal no norm can give (`find` only: `explain` answers it, NO, NEVER)",
            ("find", "must attack(mali, territory(niger))")),
    # ---- findings of `check` (analyses/check.py) ------------------------------------------------
    _charter("C000", "clauses that cannot all hold",
             'article 1 "Defence" {\n'
             "  define aggression(x: state, p: state) := x != p and attack(x, p)\n"
             "  norm help: every state q other than p: must assist(q, p) when aggression(x, p)\n"
             "}\n"
             'assume attacked: attack(niger, mali) "Niger\'s troops crossed the border."\n'
             'assume peace: not aggression(niger, mali) "Mali and Niger are at peace."\n',
             "The note lines name the clauses; dropping any one of them makes the rest "
             "consistent."),
    _charter("C001", "obliged and forbidden",
             'article 1 "Defence" {\n'
             "  norm help: every state q: must assist(q, p) when attack(x, p)\n}\n"
             'article 2 "Neutrality" {\n'
             "  norm neutral: every state q: must not assist(q, p)\n}\n"),
    _charter("C002", "permitted and forbidden",
             'article 1 "Defence" {\n'
             "  norm help: every state q: may assist(q, p) when attack(x, p)\n}\n"
             'article 2 "Neutrality" {\n'
             "  norm neutral: every state q: must not assist(q, p)\n}\n"),
    _charter("C003", "obliged to do two acts that cannot both be done",
             'incompatible both_sides: assist(q, p), assist(q, r) "one cannot be everywhere"\n'
             'article 1 "Defence" {\n'
             "  norm help: every state q: must assist(q, p) when attack(x, p)\n}\n"),
    _charter("C004", "a norm that can never apply",
             'article 1 "Defence" {\n'
             "  norm help: every state q: must assist(q, p) when attack(x, p) and not "
             "attack(x, p)\n}\n"),
    _charter("C005", "vocabulary no clause uses",
             'article 1 "Defence" {\n  norm help: every state q: must assist(q, p)\n}\n'),
)

#: Codes that no input can produce today, with the reason (shown in docs/errors.md).
UNREACHABLE: dict[str, str] = {}

HEADER = """\
# Error catalogue

Every message charterlogic gives about its input has a code. `E0xx` codes come from reading the
text (parser), `E1xx` from making sense of it (resolver, scenarios, goals, expectations,
command-line values); `C0xx` are the findings of `charterlogic check`. Each entry below shows an
input and the message the tool really prints for it: this file is generated by running the CLI
(`python tests/hardening/hardening_catalogue.py --write`), and the test suite fails when the two
disagree.

Every diagnostic carries `file:line:column`, the source line, a caret under the span, and a
suggestion where one exists. A file with several mistakes gets them all in one run: the resolver
collects every problem, and after a syntax error the parser resumes at the next line that starts
a declaration, so each declaration can report its own. At most 20 diagnostics are shown, then
`... and N more`.

Exit codes: 0 clean, 1 findings of error severity, 2 bad input (every `E` code, and an output
that cannot be written), 3 the solver or the command's budget could not finish (an `unknown`
naming the analysis), 4 internal error (a bug), 130 interrupted (Ctrl-C). The exit code does not
depend on the streams: a closed stdout or stderr, or a reader that stops reading, changes nothing.
Misused options (an unknown flag, `--timeout nan`, `--rlimit -5`) are reported by the argument
parser, without a code: `charterlogic check: error: argument --timeout: ...`, exit 2.

## Limits

- Every command reasons about the days from 1901-01-01 to 2099-12-31: Z3 encodes a day with the
  leap-year rule that holds in that range. A date written in a charter or a scenario, or given
  with `--on`, outside it is E010, and so is any day not written `YYYY-MM-DD` (`20240101`,
  `2024-W01-1`). A date shift that leaves the range (`+ 99999 years`) is allowed: it changes no
  answer within it.
- Input files are regular files of at most 2 MiB (over a hundred times the shipped charter), and a
  string literal is at most 20,000 characters (E013). Devices (`/dev/zero`), FIFOs, sockets and
  larger files are E011, refused before a byte is read, so nothing blocks or fills memory; so
  is a larger `REV:PATH` of `diff` (its size is asked of git before `git show` reads it).
- A whole command has a wall-clock budget (`--budget SECONDS`, default 120) and a cap on grounded
  instances (`--max-instances N`, default 5,000,000; `charterlogic test` has neither by default,
  as a suite grows with its cases). Both are checked while grounding, not only in Z3: the
  grounder counts every instance it builds, and no solver call may run past what is left of the
  budget. A command that reaches either stops and says which analysis did not finish, exit 3:
  "unknown: `charterlogic check` did not finish: it reached its whole budget of 2 s (--budget),
  while it was working on the conflicts between norms (C001, C002)".
- `explain` lists what each combination of the deciding facts decides for at most 10 unknown
  facts; with more it names them all and says that the 2^n combinations were not searched.
  `find --limit` is at most 1000.
- Ctrl-C stops any command at once, also during a solver call: `interrupted`, exit 130.
- Expressions nest at most 100 deep, and definitions at most 100 deep once the definitions they
  use are expanded (E008). A chain of one operator (`a and b and c ...`) is flat and may be as
  long as you like; so may a file (parse time grows linearly: `benchmarks/parse_scaling.py`).
- Every solver call has a wall-clock limit (`--timeout SECONDS`, default 10) and Z3's
  deterministic resource limit (`--rlimit N`). A call that reaches either is reported as
  `unknown`, naming the analysis that could not finish, and the exit code is 3. Z3's seeds are
  pinned in `smt/solver.py`, the only module that configures Z3.
- Names may be as long as you like; messages shorten those over 60 characters, and show a
  window of source lines over 120 characters.

## How this is tested

`tests/hardening/` holds a test for each limit and each hostile input (empty file, byte-order
mark, CRLF, tabs, invalid UTF-8, expressions nested 10,000 deep, names of 100,000 characters,
10,000 articles, cycles of definitions, unknown parties), the solver limits on a generated
pigeonhole charter, determinism (repeated runs, `PYTHONHASHSEED`, permuted flags), and fuzzing:
Hypothesis feeds random bytes, random text, and mutations of `charter.dsl`, of a scenario file
and of a scenario with expectations (tokens and lines deleted, duplicated, swapped), random
command-line arguments and goals, to the loader and to every command of the CLI. The property: every
input loads, or fails with diagnostics that all have a location; nothing else escapes; the CLI
never exits with 4. The suite runs a small budget and prints `fuzz: N inputs tried, 0 escapes`;
before a release, run more:

    pytest --fuzz-examples 5000
    CHARTERLOGIC_FUZZ_EXAMPLES=5000 pytest

The long run of issue 11 (on a shared, heavily loaded machine, in two parts run side by side):
the loader tests at `--fuzz-examples 4700` (random bytes 4,700, random text 4,700, mutations of
a scenario 4,700: 0 escapes) and the CLI tests at `--fuzz-examples 600` (1,560 runs: arguments
300, check 60, explain 78, find 72, flags 600, query 300, test 150: 0 escapes, 0 exit-4s) took
1,577 s and 1,009 s. The mutations of `charter.dsl` found one escape after 2,772 inputs
(`every party q other than p` with `p` only in the condition: a KeyError in the grounder), now
E101 with a test; their rerun, on main of 2 December 2026 (commit 29196f9), tried 4,700 inputs
with 0 escapes, in 2,783 s (1,252 s of CPU). In all, 20,360 fuzzed inputs: 0 escapes, 0 exit-4s.

## Safety

- No DSL construct executes code: the text is parsed by a grammar into data, and the only
  evaluation is of the DSL's own logic, by the grounder and Z3. There is no `eval`, no import, no
  shell, no file access driven by the text.
- The one include mechanism is `use "FILE"` (docs/instruments.md): a charter file may use a
  vocabulary file, which holds only kinds, actors, sorts, events and acts (anything else is
  E123). It is confined to the using file's folder tree: an absolute path, a `..` part, or a
  path that leads outside the folder through a symbolic link is E123, located at the `use`,
  and nothing is read; a missing file is E011 at the `use`; files that use each other in a
  cycle are E124, with the chain; a file used twice in one model is read once. A declaration
  made twice (in a file and the vocabulary it uses) is E108, located at both. A file that
  `diff` reads from a git revision (`REV:PATH`) uses the files of the same revision, under the
  same rules; git keeps a symbolic link as a file holding its target's name, and that text is
  read, never followed (it is not a vocabulary, so it fails to parse). Otherwise the
  tool reads only the files named on its command line (and, for `charterlogic test` without
  paths, `tests/scenarios`), and writes only where `--save-witness DIR` or `--save DIR` says.
- No code is loaded from a shared place. The parser is built in the process from the grammar
  shipped in the package: Lark's own cache (`cache=True`), which unpickles a file from the
  shared temporary folder that any local user can plant, is not used, and nothing is written to
  `$TMPDIR`. A cache, where one is added, is read only from the user's own cache folder, only if
  the folder and the file belong to the user and no one else can write them
  (`syntax/files.py`).
- No link is followed on write. `--save DIR` and `--save-witness DIR` write each file to a
  temporary file in DIR and then move it into place; a name in DIR that is a symbolic link
  (dangling or not) is refused, E011, whatever the options, and so is DIR, or any folder on
  the way to it as it is written (`lnk` of `--save lnk/sub`).
- Nothing is overwritten without `--force`. An existing file of the same name is E011, naming it,
  and then no file is written at all; two runs saving into one folder at the same time cannot
  silently overwrite each other (the second one fails, naming the file). An empty or unusable
  DIR is E011.
- The output streams: the answer is written once, at the end. A closed stdout or stderr, or a
  reader that stops reading (`| head`), does not change the exit code; an output that cannot be
  written (a full disk) is one line, `error[E011]: cannot write the output: ...`, exit 2. Text
  output shows control characters (ESC, BEL, NUL...) and bidirectional overrides as escapes
  (`\\x1b`), and characters the terminal's encoding cannot show as `\\u2019`; JSON is always
  UTF-8, with the undecodable bytes of a file name as `\\udcff` escapes, so it stays valid.
- Input is UTF-8. A byte-order mark is dropped and CRLF or CR line endings are read as LF, so
  positions are the same whatever the editor saved; invalid UTF-8 is E012, naming the byte offset.
"""


def render() -> str:
    """docs/errors.md, from running every example."""
    parts = [HEADER, "\n## Codes\n",
             "The charter examples extend this base charter (shown once, not repeated):\n",
             "```charterdsl", BASE.rstrip("\n"), "```\n",
             "Scenario examples run against the shipped charter.\n"]
    codes = sorted({e.code for e in EXAMPLES} | set(UNREACHABLE), key=lambda c: (c[0] != "E", c))
    parts.append("\n".join(f"- [{code}](#{code.lower()}): {_titles(code)}" for code in codes))
    for code in codes:
        parts.append(f"\n### {code}\n")
        if code in UNREACHABLE:
            parts.append(f"No example: {UNREACHABLE[code]}\n")
        for example in (e for e in EXAMPLES if e.code == code):
            parts.append(_entry(example))
    return "\n".join(parts).rstrip() + "\n"


def _titles(code: str) -> str:
    if code in UNREACHABLE:
        return "not reachable today"
    return "; ".join(dict.fromkeys(e.title for e in EXAMPLES if e.code == code))


def _entry(example: Example) -> str:
    status, output = example.run()
    lines = [f"**{example.title}**" + (f". {example.why}" if example.why else "") + "\n"]
    for name, data in example.files:
        text = _show_bytes(data)
        if example.extends_base:
            name, text = f"{name}, after the base charter", text[len(BASE):]
        lines += [f"`{name}`:\n", "```charterdsl", text.rstrip("\n"), "```\n"]
    # a `text` block: the examples run in a scratch folder, not from the repository like the
    # `console` blocks that tests/test_doc_outputs.py runs
    lines += ["```text", f"$ charterlogic {' '.join(_quote(a) for a in example.argv)}",
              output.rstrip("\n"), f"$ echo $?\n{status}", "```\n"]
    return "\n".join(lines)


def _show_bytes(data: bytes) -> str:
    """The file as the reader should see it: very long lines are shortened."""
    lines = data.decode("utf-8", errors="backslashreplace").split("\n")
    return "\n".join(line if len(line) <= 100 else f"{line[:60]}... ({len(line):,} characters)"
                     for line in lines)


def _quote(arg: str) -> str:
    return f"'{arg}'" if not arg or any(c in arg for c in " ()") else arg


def main(argv: list[str]) -> int:
    text = render()
    if "--write" in argv:
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
