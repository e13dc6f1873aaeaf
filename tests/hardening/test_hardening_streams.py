"""The output streams (issue 11, findings 8 and 17, and 18's file names): a closed, full, broken
or non-UTF-8 stream is one line and a documented exit code, never a traceback; the exit code never
depends on the streams; text output cannot drive the terminal; JSON stays valid UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hardening_support import run_cli

CONFLICTED_EXIT = 1  # `check --literal` on the shipped charter has error findings


def shell(command: str, env: dict[str, str] | None = None, cwd: Path | None = None,
          ) -> subprocess.CompletedProcess[bytes]:
    """`command` in sh, with `charterlogic` standing for this Python's CLI."""
    program = f"{sys.executable} -m charterlogic.cli"
    return subprocess.run(["sh", "-c", command.replace("charterlogic", program)],
                          capture_output=True, check=False, env={**os.environ, **(env or {})},
                          cwd=cwd,
                          timeout=300)


def test_a_closed_stdout_keeps_the_exit_code() -> None:
    done = shell("charterlogic check --literal >&-; echo $? >&2")
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == str(CONFLICTED_EXIT).encode()


def test_a_full_disk_is_one_line_and_exit_2() -> None:
    done = shell("charterlogic check > /dev/full")
    assert done.returncode == 2
    assert done.stderr == b"error[E011]: cannot write the output: No space left on device\n"


def test_a_broken_pipe_keeps_the_exit_code(tmp_path: Path) -> None:
    done = shell("{ charterlogic check --literal; echo $? > status; } | true; cat status",
                 cwd=tmp_path)
    assert done.stdout.strip() == str(CONFLICTED_EXIT).encode()
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_a_closed_stderr_keeps_the_input_error_code() -> None:
    done = shell("charterlogic check nope.dsl 2>&-")
    assert done.returncode == 2


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"},
                                 {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}])
def test_a_non_utf8_stdout_gets_escapes(tmp_path: Path, env: dict[str, str]) -> None:
    charter = tmp_path / "c.dsl"
    charter.write_text('kind state\ncharter "Côte d\u2019Ivoire \u2713" { }\n', encoding="utf-8")
    done = shell(f"charterlogic check {charter}", env=env)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr and done.stderr == b""
    first = done.stdout.decode("latin-1").splitlines()[0]
    if env.get("PYTHONIOENCODING"):
        assert "d\\u2019Ivoire \\u2713" in first
    else:  # the C locale: Python may read it as ASCII, or coerce it to UTF-8
        assert "d\\u2019Ivoire \\u2713" in first or "Ivoire" in first
    # JSON is UTF-8 whatever the locale says, so a machine reads it exactly
    done = shell(f"charterlogic check {charter} --format json", env=env)
    title = json.loads(done.stdout.decode("utf-8"))["charter"]["title"]
    assert title == "Côte d\u2019Ivoire \u2713"


def test_json_stays_valid_utf8_with_a_non_utf8_file_name(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.dsl")
    (tmp_path / name).write_bytes(b"kind state\n")
    done = subprocess.run([sys.executable, "-m", "charterlogic.cli", "check", name, "--format",
                           "json"], capture_output=True, check=False, cwd=tmp_path,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout.decode("utf-8"))  # valid UTF-8, valid JSON
    assert "caf" in json.dumps(document)


# ---- 17: control characters -----------------------------------------------------------------


def test_control_characters_reach_the_terminal_only_as_escapes(tmp_path: Path) -> None:
    charter = tmp_path / "c.dsl"
    charter.write_text('kind state\ncharter "A\x1b[2J\x07\x00B" { }\n', encoding="utf-8")
    status, out, err = run_cli(["check", str(charter)])
    assert status == 0, err
    assert "A\\x1b[2J\\x07\\x00B" in out
    assert not any(c in out for c in "\x1b\x07\x00")
    # in a diagnostic's source line too
    charter.write_text('kind state\nparty x "\x1b]0;owned\x07" oops\n', encoding="utf-8")
    status, _, err = run_cli(["check", str(charter)])
    assert status == 2 and "\\x1b]0;owned\\x07" in err
    assert not any(c in err for c in "\x1b\x07")
    # and in a scenario's name, shown by `test`
    scenario = tmp_path / "s.scenario"
    scenario.write_text('scenario "bell\x07\x1b[31m" {\n  on 2024-01-01\n'
                        "  expect no violation by mali of article 8\n}\n", encoding="utf-8")
    status, out, err = run_cli(["test", str(scenario)])
    assert "\x07" not in out + err and "\x1b" not in out + err
    assert "bell\\x07\\x1b[31m" in out + err


def test_json_keeps_the_exact_text() -> None:
    status, out, _ = run_cli(["check", "--format", "json"])
    assert status == 0
    json.loads(out)
