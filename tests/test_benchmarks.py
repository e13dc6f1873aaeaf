"""The benchmarks run (quick mode only: figures are for benchmarks/README.md, not for tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _run(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), *args],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.mark.slow
def test_quick_table_has_every_row_measured() -> None:
    out = _run("run.py", "--quick", "--no-clingo")
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    header, *body = rows
    assert "charterlogic" in header and "naive" in header and "peak MB" in header
    assert [r.split("|")[1].strip().split(",")[0].split(":")[0] for r in body] == [
        "shipped `check`", "shipped `check`", "README's query", "shipped query in-process",
        "`query --scenario FILE` per scenario (5 in one process)", "synthetic N=3 K=5",
        "synthetic N=3 K=5", "synthetic N=15 K=5"]
    for row in body:
        cells = [c.strip() for c in row.split("|")]
        assert cells[2].endswith("CPU)"), row  # charterlogic's time was measured
        assert cells[7].split(" / ")[0].isdigit(), row  # and its peak memory
        assert cells[9] in ("yes", "no", "-"), row


def test_speed_script_prints_its_three_figures() -> None:
    out = _run("speed.py", "--runs", "1", "--queries", "5")
    lines = out.splitlines()
    assert [line.split("  ")[0] for line in lines[1:]] == [
        "check, whole process", "one query, whole process", "one query, in-process"]
    assert all(line.rstrip().endswith("ms") for line in lines[1:])


def test_synthetic_charters_are_valid_and_scale() -> None:
    sys.path.insert(0, str(BENCHMARKS))
    import synthetic
    from charterlogic import api

    for n, k in ((3, 5), (15, 7)):
        charter = api.load_charter_text(synthetic.charter_text(n, k), "s.dsl")
        assert sum(a.signatory for a in charter.actors.values()) == n
        assert len(charter.articles) == 4 + k
        for flags in synthetic.random_scenarios(n, k, 20):
            api.scenario_from_flags(charter, event=flags.events, not_=flags.failures,
                                    unknown=flags.unknowns, actor=flags.actors, on=flags.on)


def test_clingo_encoding_of_the_shipped_charter_agrees() -> None:
    """benchmarks/asp.py's hand-written ASP program of charter.dsl gives the same acts, each with
    the same holds/depends, as charterlogic: on the README's query and on random scenarios with
    six declared actors (the peer the benchmark table compares against must answer the same)."""
    import pytest

    pytest.importorskip("clingo", reason="clingo comes with the bench extra: "
                        "pip install -e '.[bench]'")
    sys.path.insert(0, str(BENCHMARKS))
    import asp

    readme = asp.shipped_query(asp.README_QUERY)
    assert len(readme) == 80 and readme["obliged(assist(mali,niger))"] == "holds"
    same, total, differ = asp.shipped_agreement(40, seed=3)
    assert differ == [] and same == total == 41
    answers = [asp.shipped_query(flags) for flags in asp.shipped_scenarios(40, seed=3)]
    # not vacuous: the batch has answers that depend on unknown facts, and duties of Art. 6
    assert any("depends" in a.values() for a in answers)
    assert any(key.startswith("obliged(assist(") for a in answers for key in a)
