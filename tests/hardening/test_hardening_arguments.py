"""A command's options and its positional arguments mix in any order: `explain GOAL --on D PATH`
and `find GOAL --limit 1 PATH` read PATH, as they do with PATH right after GOAL."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_support import run_cli

CHARTER = ('kind state\nparty mali "Mali"\nparty niger "Niger"\n'
           "event attack(attacker: state, victim: state)\n"
           "act assist(helper: state, victim: state)\n"
           'article 1 "Defence" {\n'
           "  norm small_help: every state q other than p: must assist(q, p)\n"
           "    when attack(x, p)\n}\n")


@pytest.mark.parametrize("command", [
    ["explain", "must assist(mali, niger)", "--on", "2024-01-01", "PATH"],
    ["explain", "must assist(mali, niger)", "PATH", "--on", "2024-01-01"],
    ["find", "must assist(mali, niger)", "--limit", "1", "PATH"],
    ["find", "--limit", "1", "must assist(mali, niger)", "PATH"],
    ["query", "--on", "2024-01-01", "PATH", "--event", "attack(niger, mali)"],
])
def test_the_path_may_follow_the_options(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "small.dsl"
    path.write_text(CHARTER, encoding="utf-8")
    argv = [str(path) if a == "PATH" else a for a in command]
    status, out, err = run_cli(argv)
    assert "unrecognized arguments" not in err
    assert status in (0, 1), err
    # the file given was read, not the shipped charter (which has no norm `small_help`)
    assert "small_help" in out


def test_an_extra_positional_is_still_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "small.dsl"
    path.write_text(CHARTER, encoding="utf-8")
    status, _, err = run_cli(["explain", "must assist(mali, niger)", "--on", "2024-01-01",
                              str(path), "extra"])
    # a second path is a second instrument (docs/instruments.md): one that does not exist is E011
    assert status == 2 and "no such file: extra" in err
