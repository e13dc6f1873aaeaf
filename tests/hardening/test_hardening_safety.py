"""Safety (issue 11, findings 1, 3 and 9): no code loaded from a shared place, no link followed on
write, nothing overwritten without --force, no input read that is not a small regular file."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hardening_support import run_cli

from charterlogic.syntax import files
from charterlogic.syntax.files import MAX_INPUT_BYTES

CONFLICTED = ('kind state\nparty mali "Mali"\nparty niger "Niger"\n'
              "event attack(attacker: state, victim: state)\n"
              "act assist(helper: state, victim: state)\n"
              'article 1 "Defence" {\n  norm help: every state q: may assist(q, p)'
              " when attack(x, p)\n}\n"
              'article 2 "Neutrality" {\n  norm neutral: every state q: must not assist(q, p)\n}\n')


def cli_process(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
                **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "charterlogic.cli", *argv],
                          capture_output=True, check=False,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=300,
                          **kwargs)  # type: ignore[call-overload]


class Payload:
    """Unpickling this runs a command that leaves a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


# ---- 1: the Lark cache ----------------------------------------------------------------------


def lark_cache_name(tmp: Path) -> str:
    """The file name Lark's `cache=True` uses for our grammar, found by letting Lark write it."""
    probe = tmp / "probe"
    probe.mkdir()
    script = ("from importlib import resources; import lark; "
              "g = resources.files('charterlogic.syntax').joinpath('charter.lark').read_text(); "
              "lark.Lark(g, parser='lalr', propagate_positions=True, "
              "start=['start', 'fact_flag', 'expr_flag'], cache=True)")
    subprocess.run([sys.executable, "-c", script], env={**os.environ, "TMPDIR": str(probe)},
                   check=True, timeout=300)
    (written,) = list(probe.iterdir())
    return written.name


def test_a_pickle_planted_at_the_lark_cache_name_is_never_loaded(tmp_path: Path) -> None:
    name = lark_cache_name(tmp_path)
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    marker = tmp_path / "the-payload-ran"
    (shared / name).write_bytes(pickle.dumps(Payload(marker)))
    before = sorted(p.name for p in shared.iterdir())
    done = cli_process(["check"], env={"TMPDIR": str(shared)})
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), "a pickle from the shared temporary folder was loaded"
    # and nothing is written there either
    assert sorted(p.name for p in shared.iterdir()) == before


def test_the_parser_is_built_without_lark_s_cache() -> None:
    from charterlogic.syntax import parser

    # (not rebuilt here: the syntax examples are matched by the states of the one parser)
    assert parser._parser().options.cache is False


def test_a_private_file_is_trusted_only_if_it_is_ours_alone(tmp_path: Path) -> None:
    folder = files.private_folder(tmp_path / "cache")
    assert (os.stat(folder).st_mode & 0o777) == 0o700
    entry = folder / "entry"
    entry.write_bytes(b"tables")
    os.chmod(entry, 0o600)
    assert files.read_private(entry) == b"tables"
    os.chmod(entry, 0o666)  # writable by others: anyone could have planted it
    assert files.read_private(entry) is None
    os.chmod(entry, 0o600)
    link = folder / "link"
    link.symlink_to(entry)
    assert files.read_private(link) is None  # a link is never followed
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    os.chmod(shared, 0o777)
    (shared / "entry").write_bytes(b"tables")
    assert files.read_private(shared / "entry") is None  # a folder others can write into


# ---- 3: --save and --save-witness -----------------------------------------------------------


@pytest.fixture
def conflicted(tmp_path: Path) -> Path:
    path = tmp_path / "conflicted.dsl"
    path.write_text(CONFLICTED, encoding="utf-8")
    return path


def test_save_witness_never_writes_through_a_link(tmp_path: Path, conflicted: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "victim.txt"
    target.write_text("precious\n")
    status, _, _ = run_cli(["check", str(conflicted), "--save-witness", str(tmp_path / "probe")])
    (name,) = [p.name for p in (tmp_path / "probe").iterdir()]
    (out / name).symlink_to(target)
    for force in ([], ["--force"]):
        status, _, err = run_cli(["check", str(conflicted), "--save-witness", str(out), *force])
        assert status == 2
        assert "error[E011]" in err and "symbolic link" in err and name in err
        assert target.read_text() == "precious\n"


@pytest.mark.parametrize("command", ["check", "find", "report", "test"])
def test_no_folder_on_the_way_to_the_output_is_a_link(tmp_path: Path, conflicted: Path,
                                                      command: str) -> None:
    # `lnk/sub` with `lnk -> real`: checking only `sub` wrote into real/sub
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "lnk").symlink_to(real)
    into = str(tmp_path / "lnk" / "sub")
    scenario = tmp_path / "s.scenario"
    scenario.write_text('scenario "s" {\n  on 2024-01-01\n  expect not obliged '
                        "assist(mali, niger)\n}\n", encoding="utf-8")
    argv = {"check": ["check", str(conflicted), "--save-witness", into],
            "find": ["find", "may assist(mali, niger)", str(conflicted), "--limit", "1",
                     "--save", into],
            "report": ["report", str(conflicted), "--out", into],
            "test": ["test", str(scenario), "--charter", str(conflicted), "--coverage",
                     "--save", into]}[command]
    status, _, err = run_cli(argv)
    assert status == 2, err
    assert (f"{into}: error[E011]: {tmp_path / 'lnk'} (on the way to {into}) is a symbolic "
            "link; charterlogic never writes through one") in err
    assert list(real.iterdir()) == []


def test_find_save_does_not_create_a_dangling_link_s_target(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli(["find", "may use_force(mali, _, _)", "--limit", "1", "--save", str(out)])
    (name,) = [p.name for p in out.iterdir()]
    (out / name).unlink()
    (out / name).symlink_to(tmp_path / "nowhere.txt")
    status, _, err = run_cli(["find", "may use_force(mali, _, _)", "--limit", "1",
                              "--save", str(out)])
    assert status == 2 and "symbolic link" in err
    assert not (tmp_path / "nowhere.txt").exists()


def test_an_existing_witness_is_overwritten_only_with_force(tmp_path: Path,
                                                           conflicted: Path) -> None:
    out = tmp_path / "out"
    run_cli(["check", str(conflicted), "--save-witness", str(out)])
    (saved,) = list(out.iterdir())
    original = saved.read_text()
    saved.write_text("# my own notes\n")
    status, _, err = run_cli(["check", str(conflicted), "--save-witness", str(out)])
    assert status == 2
    assert f"error[E011]: {saved} exists; give --force to overwrite it" in err
    assert saved.read_text() == "# my own notes\n"
    status, _, err = run_cli(["check", str(conflicted), "--save-witness", str(out), "--force"])
    assert (status, err) == (1, "")
    assert saved.read_text() == original
    # atomically: no temporary file is left behind
    assert [p.name for p in out.iterdir()] == [saved.name]


@pytest.mark.parametrize("flag", ["--save-witness", "--save"])
def test_an_empty_or_unusable_folder_is_e011(tmp_path: Path, flag: str) -> None:
    command = ["check"] if flag == "--save-witness" else ["find", "may use_force(mali, _, _)"]
    status, _, err = run_cli([*command, flag, ""])
    assert status == 2
    assert f"{flag}: error[E011]: the folder name is empty" in err
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    status, _, err = run_cli([*command, flag, str(blocker)])
    assert status == 2 and "error[E011]" in err and str(blocker) in err


def test_two_concurrent_writers_do_not_silently_clobber(tmp_path: Path) -> None:
    path = tmp_path / "same.scenario"
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def write(number: int) -> None:
        barrier.wait()
        try:
            files.write_atomic(path, f"writer {number}\n".encode())
            outcomes.append("written")
        except files.FileProblem as problem:
            outcomes.append(str(problem))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("written") == 1
    assert all(str(path) in o for o in outcomes if o != "written")
    assert [p.name for p in tmp_path.iterdir()] == ["same.scenario"]


def test_two_concurrent_find_save_runs_do_not_both_succeed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    argv = [sys.executable, "-m", "charterlogic.cli", "find", "may use_force(mali, _, _)",
            "--limit", "1", "--save", str(out)]
    runs = [subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for _ in range(2)]
    codes = sorted(run.wait(timeout=300) for run in runs)
    assert codes == [0, 2]


# ---- 9: what is not a small regular file ----------------------------------------------------


def test_dev_zero_is_refused_before_reading() -> None:
    status, _, err = run_cli(["check", "/dev/zero"])
    assert status == 2
    assert "/dev/zero: error[E011]: /dev/zero is not a regular file (a device)" in err


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.dsl"
    os.mkfifo(fifo)
    done = cli_process(["check", str(fifo)])
    assert done.returncode == 2
    assert b"is not a regular file (a FIFO)" in done.stderr


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.dsl"
    with big.open("wb") as file:
        file.truncate(MAX_INPUT_BYTES + 1)  # sparse: no disk used
    status, _, err = run_cli(["check", str(big)])
    assert status == 2
    assert f"the limit is {MAX_INPUT_BYTES:,}" in err
    status, _, err = run_cli(["query", "--scenario", str(big)])
    assert status == 2 and "error[E011]" in err


def test_a_git_revision_has_the_size_limit_of_a_file(tmp_path: Path) -> None:
    # `diff HEAD:big.dsl` read the blob through `git show` with no limit at all
    if subprocess.run(["git", "--version"], capture_output=True, check=False).returncode:
        pytest.skip("git is not installed")
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    (tmp_path / "big.dsl").write_bytes(b"#" * (MAX_INPUT_BYTES + 1))
    (tmp_path / "small.dsl").write_text(CONFLICTED, encoding="utf-8")
    for argv in (["init", "-q"], ["add", "big.dsl", "small.dsl"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", *argv], cwd=tmp_path, check=True, capture_output=True,
                       env=environment)
    status, out, err = run_cli(["diff", "HEAD:big.dsl", "small.dsl"], cwd=tmp_path)
    assert status == 2 and out == ""
    assert (f"HEAD:big.dsl: error[E011]: HEAD:big.dsl is {MAX_INPUT_BYTES + 1:,} bytes; the "
            f"limit is {MAX_INPUT_BYTES:,}") in err
    assert run_cli(["diff", "HEAD:small.dsl", "small.dsl"], cwd=tmp_path)[0] == 0
